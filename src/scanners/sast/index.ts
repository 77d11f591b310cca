/**
 * The `sast` scanner: code-level weaknesses in JavaScript, TypeScript and
 * Python, found by rules in the Semgrep syntax (rules/sast and the user's
 * custom rule files). Files are scanned in worker threads when the scan is
 * large enough to pay for them. Taint that crosses files is linked up once
 * every file is done.
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
import { scanSourceFile, type FileResult } from './run.js';
import { scanInWorkers, shouldUseWorkers } from './pool.js';
import { solveProjectTaint, type FileLinks } from './taint/project.js';

export function createSastScanner(config: RampartConfig): Scanner {
  const configDir = config.source === undefined ? undefined : dirname(config.source);
  let rules: SastRule[] | undefined;
  const allRules = (): SastRule[] => (rules ??= loadSastRules(config.sast.customRules, configDir));
  return {
    id: 'sast',
    claims: (path) => languageOf(path) !== undefined,
    ruleIds: () => allRules().map((rule) => `sast/${rule.id}`),
    async scanProject(context: ProjectContext): Promise<ProjectScanResult> {
      const active = allRules();
      const cache = new PatternCache();
      await checkPatterns(active, cache);
      const errors: FileError[] = [];
      const sources: Array<{ path: string; text: string }> = [];
      for (const path of context.files) {
        try {
          sources.push({ path, text: await context.readText(path) });
        } catch (error) {
          errors.push({ path, message: `cannot read file: ${(error as Error).message}` });
        }
      }
      let results: Array<{ path: string; result: FileResult }>;
      const bytes = sources.reduce((sum, source) => sum + source.text.length, 0);
      if (shouldUseWorkers(context.workers, sources.length, bytes)) {
        results = await scanInWorkers(sources, { customRules: config.sast.customRules, ...(configDir === undefined ? {} : { configDir }) }, context.workers);
      } else {
        results = [];
        for (const source of sources) results.push({ path: source.path, result: await scanSourceFile(source.path, source.text, active, cache, { crossFile: true }) });
      }
      const findings: Finding[] = [];
      const links: FileLinks[] = [];
      let partial = 0;
      for (const { path, result } of results) {
        for (const finding of result.findings) findings.push(finding);
        if (result.error !== undefined) errors.push({ path, message: result.error });
        if (result.partial === true) partial++;
        if (result.links !== undefined) links.push(result.links);
      }
      for (const finding of solveProjectTaint(links)) findings.push(finding);
      const warnings = partial > 0 ? [`${partial} source file${partial === 1 ? ' has' : 's have'} syntax errors; code the parser could not read was not checked`] : [];
      return { findings, errors, warnings };
    },
  };
}
