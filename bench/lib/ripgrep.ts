/**
 * Rampart's secret rules as ripgrep input: one pattern per line (with `(?i)`
 * for case-insensitive rules), the keyword list, a per-pattern check that rg
 * compiles each one, and parsing of `rg --stats`.
 */
import { spawnSync } from 'node:child_process';
import type { SecretRuleSpec } from '../../src/scanners/secrets/rule-types.js';

type RuleLike = Pick<SecretRuleSpec, 'id' | 'pattern' | 'caseInsensitive' | 'keywords'>;

export interface ExportedPattern {
  ruleId: string;
  /** The line written to the pattern file. */
  line: string;
}

export interface RejectedPattern extends ExportedPattern {
  /** The `error:` line of rg's message, or its first line when there is none. */
  reason: string;
}

/**
 * Build one pattern line per rule, in rule order. With `ascii`, each line starts
 * with `(?-u)`, which makes rg's `\b`, `\w`, `\d` and `\s` ASCII-only. That
 * matches JavaScript for `\b`, `\w` and `\d` (Rampart's regexes have no `u`
 * flag) but not for `\s`, which JavaScript applies to Unicode spaces too.
 */
export function exportPatterns(rules: readonly RuleLike[], ascii = false): ExportedPattern[] {
  return rules.map((rule) => {
    const flags = `${rule.caseInsensitive ? 'i' : ''}${ascii ? '-u' : ''}`;
    const prefix = flags === '' ? '' : `(?${flags})`;
    return { ruleId: rule.id, line: `${prefix}${rule.pattern}` };
  });
}

/** List every distinct keyword of `rules`, sorted, for `rg -F -i -f`. */
export function exportKeywords(rules: readonly RuleLike[]): string[] {
  return [...new Set(rules.flatMap((rule) => rule.keywords))].sort();
}

/** Return the command name `rg` when ripgrep runs from PATH, or undefined when it is missing. */
export function findRipgrep(): string | undefined {
  const probe = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return undefined;
  return 'rg';
}

/** Return the first line of `rg --version`, such as `ripgrep 13.0.0`. */
export function ripgrepVersion(rg: string): string {
  const probe = spawnSync(rg, ['--version'], { encoding: 'utf8' });
  return probe.stdout.split('\n')[0]?.trim() ?? 'unknown';
}

/** Shorten rg's multi-line parse error to the line that names the problem. */
function reasonFrom(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const error = lines.find((line) => line.startsWith('error:'));
  return error ?? lines[0] ?? 'rejected without a message';
}

/**
 * Compile each pattern with rg on an empty input. Exit code 1 (no match)
 * means rg accepted it; 2 means rg rejected it.
 */
export function checkPatterns(rg: string, patterns: readonly ExportedPattern[]): RejectedPattern[] {
  const rejected: RejectedPattern[] = [];
  for (const pattern of patterns) {
    const run = spawnSync(rg, ['--quiet', '-e', pattern.line, '--', '/dev/null'], {
      encoding: 'utf8',
    });
    if (run.status === 0 || run.status === 1) continue;
    rejected.push({ ...pattern, reason: reasonFrom(run.stderr) });
  }
  return rejected;
}

/** Values tried for rg's --regex-size-limit when the default is too small for the pattern file. */
const SIZE_LIMITS = ['256M', '512M', '1G', '2G', '4G'];

/**
 * Find the smallest --regex-size-limit from SIZE_LIMITS with which rg
 * compiles `patternFile`; undefined means that rg's default limit is enough.
 * Throws rg's message when the file does not compile with any of them.
 */
export function findSizeLimit(rg: string, patternFile: string): string | undefined {
  let message = '';
  for (const limit of [undefined, ...SIZE_LIMITS]) {
    const args = limit ? ['--regex-size-limit', limit] : [];
    args.push('--quiet', '-f', patternFile, '--', '/dev/null');
    const run = spawnSync(rg, args, { encoding: 'utf8' });
    if (run.status === 0 || run.status === 1) return limit;
    message = run.stderr.trim();
    if (!message.includes('size limit')) break;
  }
  throw new Error(`rg cannot compile ${patternFile}: ${message}`);
}

export interface RipgrepStats {
  matchedLines: number;
  filesWithMatches: number;
  filesSearched: number;
  bytesSearched: number;
}

/** Read the totals that `rg --stats` prints after its results. */
export function parseRipgrepStats(stdout: string): RipgrepStats {
  const read = (label: string): number => {
    const match = new RegExp(`^(\\d+) ${label}$`, 'm').exec(stdout);
    if (!match) throw new Error(`rg --stats output has no "${label}" line`);
    return Number(match[1]);
  };
  return {
    matchedLines: read('matched lines'),
    filesWithMatches: read('files contained matches'),
    filesSearched: read('files searched'),
    bytesSearched: read('bytes searched'),
  };
}
