/** The Rampart part of the throughput benchmark. */
import type { ScanReport } from '../../src/core/report-types.js';
import { measureWarm, type RssMethod } from './measure.js';
import type { ResultRow } from './report.js';

export interface RampartResult {
  row: ResultRow;
  findings: number;
  skipped: ScanReport['discovery']['skipped'];
}

/** Build the arguments of the measured Rampart scan; without `workers`, Rampart picks the count. */
export function rampartArgs(bin: string, tree: string, workers?: number): string[] {
  const args = [bin, 'scan', tree, '--include-vendored', '--format', 'json', '--fail-on', 'none'];
  args.push('--no-progress');
  if (workers !== undefined) args.push('--workers', String(workers));
  return args;
}

/** Measure `rampart scan` on `tree`; bytes and files come from the report's discovery stats. */
export async function benchRampart(
  bin: string,
  tree: string,
  runs: number,
  rssMethod: RssMethod,
  workers?: number,
): Promise<RampartResult> {
  const args = rampartArgs(bin, tree, workers);
  const command = { file: process.execPath, args, captureStdout: true };
  const timed = await measureWarm(command, runs, rssMethod, (run) => run.exitCode === 0);

  const reports = timed.runs.map((run) => JSON.parse(run.stdout) as ScanReport);
  const last = reports.at(-1) as ScanReport;
  const bytes = new Set(reports.map((report) => report.discovery.bytesScanned));
  if (bytes.size !== 1) {
    throw new Error(`Rampart scanned different byte counts across runs: ${[...bytes].join(', ')}`);
  }

  const label = workers === undefined ? 'rampart' : `rampart --workers ${workers}`;
  return {
    row: {
      tool: label,
      files: last.discovery.filesScanned,
      bytes: last.discovery.bytesScanned,
      seconds: timed.medianSeconds,
      maxRssKiB: timed.maxRssKiB,
    },
    findings: last.findings.length,
    skipped: last.discovery.skipped,
  };
}
