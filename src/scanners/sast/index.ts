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
import { isMinified, languageOf } from './languages.js';
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
      let minified = 0;
      for (const path of context.files) {
        let text: string;
        try {
          text = await context.readText(path);
        } catch (error) {
          errors.push({ path, message: `cannot read file: ${(error as Error).message}` });
          continue;
        }
        if (isMinified(path, text)) minified++;
        else sources.push({ path, text });
      }
      let results: Array<{ path: string; result: FileResult }>;
      const bytes = sources.reduce((sum, source) => sum + source.text.length, 0);
      if (shouldUseWorkers(context.workers, sources.length, bytes)) {
        const init = { customRules: config.sast.customRules, patterns: await cache.compiledEntries(), ...(configDir === undefined ? {} : { configDir }) };
        results = await scanInWorkers(sources, init, context.workers);
      } else {
        results = [];
        for (const source of sources) results.push({ path: source.path, result: await scanSourceFile(source.path, source.text, active, cache, { crossFile: true }) });
      }
      const findings: Finding[] = [];
      const links: FileLinks[] = [];
      let partial = 0;
      let truncated = 0;
      for (const { path, result } of results) {
        for (const finding of result.findings) findings.push(finding);
        if (result.error !== undefined) errors.push({ path, message: result.error });
        if (result.partial === true) partial++;
        if (result.truncated === true) truncated++;
        if (result.links !== undefined) links.push(result.links);
      }
      for (const finding of solveProjectTaint(links)) findings.push(finding);
      dropOverlaps(findings);
      const warnings: string[] = [];
      if (partial > 0) warnings.push(`${partial} source file${partial === 1 ? ' has' : 's have'} syntax errors; code the parser could not read was not checked`);
      if (truncated > 0) warnings.push(`${truncated} source file${truncated === 1 ? ' nests' : 's nest'} code too deep to analyse; code below about 500 levels of syntax was not checked`);
      if (minified > 0) warnings.push(`${minified} minified JavaScript file${minified === 1 ? ' was' : 's were'} not checked for code flaws; exclude bundled libraries or scan their sources`);
      return { findings, errors, warnings };
    },
  };
}

const CONFIDENCE_RANK = { low: 0, medium: 1, high: 2 } as const;

function strength(finding: Finding): number {
  return (finding.flow === undefined ? 0 : 10) + CONFIDENCE_RANK[finding.confidence ?? 'medium'];
}

/**
 * Removes a finding when a stronger one of another rule reports the same
 * weakness (a shared CWE) on overlapping lines: a taint path from request
 * data to `exec` makes the search rule's "command is not a literal" on
 * the same call redundant. Findings of equal strength are all kept.
 */
export function dropOverlaps(findings: Finding[]): void {
  const byPath = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byPath.get(finding.location.path) ?? [];
    list.push(finding);
    byPath.set(finding.location.path, list);
  }
  const dropped = new Set<Finding>();
  for (const list of byPath.values()) {
    if (list.length < 2) continue;
    for (const weaker of list) {
      const covered = list.some(
        (stronger) =>
          stronger !== weaker &&
          stronger.ruleId !== weaker.ruleId &&
          strength(stronger) > strength(weaker) &&
          (stronger.cwe ?? []).some((cwe) => weaker.cwe?.includes(cwe)) &&
          stronger.location.startLine <= (weaker.location.endLine ?? weaker.location.startLine) &&
          weaker.location.startLine <= (stronger.location.endLine ?? stronger.location.startLine),
      );
      if (covered) dropped.add(weaker);
    }
  }
  if (dropped.size === 0) return;
  const remaining = findings.filter((finding) => !dropped.has(finding));
  findings.length = 0;
  findings.push(...remaining);
}
