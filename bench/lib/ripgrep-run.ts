/**
 * The ripgrep part of the throughput benchmark: rg with Rampart's rule
 * patterns as written, the same patterns in ASCII mode, and the keywords
 * alone as fixed strings.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureWarm, type MeasuredRun, type RssMethod } from './measure.js';
import type { ResultRow } from './report.js';
import {
  checkPatterns,
  exportKeywords,
  exportPatterns,
  findSizeLimit,
  parseRipgrepStats,
  type RejectedPattern,
} from './ripgrep.js';

type RuleInput = Parameters<typeof exportPatterns>[0];

export interface PatternSet {
  file: string;
  /** Patterns in the file: every rule's, except the rejected ones. */
  count: number;
  /** Patterns rg does not compile; listed in the output, left out of the file. */
  rejected: RejectedPattern[];
  /** The --regex-size-limit the file needs, or undefined when rg's default is enough. */
  sizeLimit?: string;
}

export interface RipgrepInputs {
  unicode: PatternSet;
  ascii: PatternSet;
  keywordFile: string;
  keywordCount: number;
}

function writePatternSet(rg: string, rules: RuleInput, file: string, ascii: boolean): PatternSet {
  const patterns = exportPatterns(rules, ascii);
  const rejected = checkPatterns(rg, patterns);
  const rejectedIds = new Set(rejected.map((pattern) => pattern.ruleId));
  const usable = patterns.filter((pattern) => !rejectedIds.has(pattern.ruleId));
  writeFileSync(file, usable.map((pattern) => `${pattern.line}\n`).join(''));

  const set: PatternSet = { file, count: usable.length, rejected };
  const sizeLimit = findSizeLimit(rg, file);
  if (sizeLimit) set.sizeLimit = sizeLimit;
  return set;
}

/** Write patterns.txt, patterns-ascii.txt and keywords.txt into `dir`; rg checks each pattern. */
export function writeRipgrepInputs(rg: string, rules: RuleInput, dir: string): RipgrepInputs {
  const keywords = exportKeywords(rules);
  const keywordFile = join(dir, 'keywords.txt');
  writeFileSync(keywordFile, keywords.map((keyword) => `${keyword}\n`).join(''));
  return {
    unicode: writePatternSet(rg, rules, join(dir, 'patterns.txt'), false),
    ascii: writePatternSet(rg, rules, join(dir, 'patterns-ascii.txt'), true),
    keywordFile,
    keywordCount: keywords.length,
  };
}

/** Options of every rg run: all files, hidden ones too, but no VCS folders (Rampart skips them). */
export const RG_COMMON = ['--no-ignore', '--hidden', '-g', '!.git', '-g', '!.hg', '-g', '!.svn'];

/** Build the rg arguments that search `tree` (or `/dev/null`) with a pattern set. */
export function patternArgs(set: PatternSet, tree: string): string[] {
  const limit = set.sizeLimit ? ['--regex-size-limit', set.sizeLimit] : [];
  return [...RG_COMMON, ...limit, '-c', '--stats', '-f', set.file, tree];
}

function accepted(run: MeasuredRun): boolean {
  return run.exitCode === 0 || run.exitCode === 1;
}

interface RipgrepRun {
  row: ResultRow;
  matchedLines: number;
}

async function timeRipgrep(
  rg: string,
  args: string[],
  label: string,
  runs: number,
  rssMethod: RssMethod,
): Promise<RipgrepRun> {
  const command = { file: rg, args, captureStdout: true };
  const timed = await measureWarm(command, runs, rssMethod, accepted);
  const stats = parseRipgrepStats((timed.runs.at(-1) as MeasuredRun).stdout);
  const row: ResultRow = {
    tool: label,
    files: stats.filesSearched,
    bytes: stats.bytesSearched,
    seconds: timed.medianSeconds,
    maxRssKiB: timed.maxRssKiB,
  };
  return { row, matchedLines: stats.matchedLines };
}

/** Median seconds rg needs to compile `set` and search an empty file. */
async function compileSeconds(rg: string, set: PatternSet, runs: number): Promise<number> {
  const args = patternArgs(set, '/dev/null').filter((arg) => arg !== '--stats');
  const timed = await measureWarm({ file: rg, args }, runs, 'none', accepted);
  return timed.medianSeconds;
}

export interface RipgrepResult {
  /** Absent when skipped: on some trees this run takes minutes and gigabytes. */
  patterns?: RipgrepRun;
  asciiPatterns: RipgrepRun;
  keywords: RipgrepRun;
  compileSeconds: { unicode: number; ascii: number };
  inputs: RipgrepInputs;
}

/**
 * Measure rg with the rules' patterns (as written unless `skipPatterns`,
 * then in ASCII mode) and with the keywords alone.
 */
export async function benchRipgrep(
  rg: string,
  rules: RuleInput,
  tree: string,
  dir: string,
  runs: number,
  rssMethod: RssMethod,
  skipPatterns = false,
): Promise<RipgrepResult> {
  const inputs = writeRipgrepInputs(rg, rules, dir);
  const keywordArgs = [...RG_COMMON, '-c', '--stats', '-F', '-i', '-f', inputs.keywordFile, tree];

  const time = (args: string[], label: string) => timeRipgrep(rg, args, label, runs, rssMethod);

  const patterns = skipPatterns
    ? undefined
    : await time(patternArgs(inputs.unicode, tree), 'rg, rule patterns');
  const ascii = await time(patternArgs(inputs.ascii, tree), 'rg, patterns (?-u)');
  const keywords = await time(keywordArgs, 'rg -F -i, keywords only');
  return {
    patterns,
    asciiPatterns: ascii,
    keywords,
    compileSeconds: {
      unicode: await compileSeconds(rg, inputs.unicode, runs),
      ascii: await compileSeconds(rg, inputs.ascii, runs),
    },
    inputs,
  };
}
