/** `rampart baseline create`: record today's findings so that only new ones block. */
import { resolve } from 'node:path';
import { writeBaseline } from '../core/baseline.js';
import { runScan } from '../core/engine.js';
import type { CliIo } from './io.js';
import { buildScanRequest, type ScanFlags } from './scan.js';

export interface BaselineFlags extends ScanFlags {
  file?: string;
}

export const BASELINE_FILE = '.rampart-baseline.json';

export async function runBaselineCreate(pathArg: string | undefined, flags: BaselineFlags, io: CliIo): Promise<number> {
  const request = await buildScanRequest(pathArg, { ...flags, baseline: undefined }, io);
  const report = await runScan(request);
  if (request.onProgress) io.stderr.write('\r\x1b[K');

  const failed = report.scanners.filter((run) => run.status === 'failed');
  if (failed.length > 0 && !flags.continueOnError) {
    for (const run of failed) io.stderr.write(`rampart: scanner ${run.id} failed: ${run.error}\n`);
    io.stderr.write('rampart: baseline not written because the scan is incomplete\n');
    return 3;
  }

  const file = flags.file ? resolve(io.cwd, flags.file) : resolve(request.root, BASELINE_FILE);
  const count = writeBaseline(file, report.findings, new Date());
  io.stdout.write(`Wrote ${count} findings to ${file}\n`);
  return 0;
}
