/** The throughput benchmark's result record and its text output. */
import type { RssMethod } from './measure.js';
import type { RampartResult } from './rampart-run.js';
import { MIB, formatRatios, formatTable, type Ratios, type ResultRow } from './report.js';
import type { RipgrepResult } from './ripgrep-run.js';
import type { SecretlintResult } from './secretlint-run.js';
import type { TreeSize } from './tree.js';

export interface ThroughputResult {
  /** `git describe --always --dirty` of the Rampart checkout that was measured. */
  revision: string;
  /** 1-minute load average before and after the runs; other work on the machine skews timings. */
  loadAverage: { start: number; end: number };
  tree: { path: string } & TreeSize;
  runs: number;
  rssMethod: RssMethod;
  ruleCount: number;
  rampart: RampartResult;
  rampartSingleThread: RampartResult;
  secretlint?: SecretlintResult;
  ripgrep?: RipgrepResult;
  ripgrepVersion?: string;
  rows: ResultRow[];
  ratios: Ratios;
}

function mib(bytes: number): string {
  return (bytes / MIB).toFixed(1);
}

function printSecretlintNotes(secretlint: SecretlintResult): void {
  if (secretlint.subset) {
    const { files, bytes, candidateFiles, candidateBytes } = secretlint.subset;
    console.log(
      `secretlint ran on an even sample of ${files} of ${candidateFiles} files (every k-th in sorted order) ` +
        `(${mib(bytes)} of ${mib(candidateBytes)} MiB): a full run would exceed the time limit`,
    );
  }
  const { skipped, listMismatches } = secretlint;
  console.log(
    `secretlint read ${skipped.files} binary or unknown files (${mib(skipped.bytes)} MiB) ` +
      'without scanning them',
  );
  if (listMismatches.length > 0) {
    console.log(`secretlint file list differs: ${listMismatches.slice(0, 10).join('; ')}`);
  }
}

function printRipgrepNotes(ripgrep: RipgrepResult, version: string): void {
  const { unicode, ascii, keywordCount } = ripgrep.inputs;
  console.log(`${version}: ${unicode.count} patterns, ${keywordCount} keywords`);
  for (const [name, set] of [['patterns', unicode], ['patterns (?-u)', ascii]] as const) {
    if (set.sizeLimit) console.log(`rg needed --regex-size-limit ${set.sizeLimit} for the ${name}`);
    for (const rejected of set.rejected) {
      console.log(`rg rejected the ${name} of ${rejected.ruleId}: ${rejected.reason}`);
    }
  }
  const compile = ripgrep.compileSeconds;
  console.log(
    `rg compile time (search of /dev/null): patterns ${compile.unicode.toFixed(2)} s, ` +
      `patterns (?-u) ${compile.ascii.toFixed(2)} s`,
  );
  console.log(
    `rg matched lines: patterns ${ripgrep.patterns?.matchedLines ?? 'not run'}, ` +
      `(?-u) ${ripgrep.asciiPatterns.matchedLines}, keywords ${ripgrep.keywords.matchedLines}`,
  );
}

/** Print the table, the ratios and the notes that qualify them. */
export function printThroughput(result: ThroughputResult): void {
  console.log(formatTable(result.rows));
  console.log('');
  for (const line of formatRatios(result.ratios)) console.log(line);

  const { start, end } = result.loadAverage;
  console.log(`median of ${result.runs} warm runs; peak RSS from ${result.rssMethod}`);
  console.log(
    `rampart ${result.revision}, ${result.ruleCount} rules; ` +
      `load average ${start.toFixed(2)} at start, ${end.toFixed(2)} at end`,
  );
  console.log(
    `tree ${result.tree.path}: ${result.tree.files} files, ${mib(result.tree.bytes)} MiB`,
  );
  const { findings, skipped } = result.rampart;
  console.log(`rampart: ${findings} findings; skipped ${JSON.stringify(skipped)}`);

  if (result.secretlint) printSecretlintNotes(result.secretlint);
  if (result.ripgrep) printRipgrepNotes(result.ripgrep, result.ripgrepVersion ?? 'rg');
}
