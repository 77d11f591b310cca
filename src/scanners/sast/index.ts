/**
 * The `sast` scanner: code-level weaknesses in JavaScript, TypeScript and
 * Python, found by rules in the Semgrep syntax (rules/sast and the user's
 * custom rule files).
 */
import { dirname } from 'node:path';
import type { RampartConfig } from '../../core/config-types.js';
import type { FileError } from '../../core/report-types.js';
import type { ProjectContext, ProjectScanResult, Scanner } from '../../core/scanner.js';
import type { Finding } from '../../core/finding.js';
import { languageOf } from './languages.js';
import { PatternCache } from './rules/formula.js';
import { checkPatterns, loadSastRules } from './rules/builtin.js';
import type { SastRule } from './rules/load.js';
import { scanSourceFile } from './run.js';

export function createSastScanner(config: RampartConfig): Scanner {
  let rules: SastRule[] | undefined;
  const allRules = (): SastRule[] => (rules ??= loadSastRules(config.sast.customRules, config.source === undefined ? undefined : dirname(config.source)));
  return {
    id: 'sast',
    claims: (path) => languageOf(path) !== undefined,
    ruleIds: () => allRules().map((rule) => `sast/${rule.id}`),
    async scanProject(context: ProjectContext): Promise<ProjectScanResult> {
      const active = allRules();
      const cache = new PatternCache();
      await checkPatterns(active, cache);
      const findings: Finding[] = [];
      const errors: FileError[] = [];
      let partial = 0;
      for (const path of context.files) {
        let text: string;
        try {
          text = await context.readText(path);
        } catch (error) {
          errors.push({ path, message: `cannot read file: ${(error as Error).message}` });
          continue;
        }
        const result = await scanSourceFile(path, text, active, cache);
        for (const finding of result.findings) findings.push(finding);
        if (result.error !== undefined) errors.push({ path, message: result.error });
        if (result.partial === true) partial++;
      }
      const warnings = partial > 0 ? [`${partial} source file${partial === 1 ? ' has' : 's have'} syntax errors; code the parser could not read was not checked`] : [];
      return { findings, errors, warnings };
    },
  };
}
