/**
 * iac stage benchmark: a generated Terraform tree of 10,000 resources in
 * 1,000 files (100 root modules of 10 files), scanned as a user runs it:
 *
 *   rampart scan DIR --scanners iac --format json --fail-on none --no-progress
 *
 *   node dist/bench/iac.js [--runs N] [--folders N] [--files N] [--resources N] [--keep]
 *
 * The scan runs once untimed, then N times (default 3) in new processes;
 * the table gives the median wall time, the highest peak RSS, and the
 * resources and findings of the last run. The target is under 5 seconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ScanReport } from '../src/core/report-types.js';
import { packageRoot } from '../src/core/package-root.js';
import { chooseRssMethod, measureWarm } from './lib/measure.js';
import { writeTerraformTree } from './fixtures-iac/terraform.js';

const TARGET_SECONDS = 5;

function positive(value: string | undefined, name: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`--${name} ${value}: expected a positive whole number`);
  return number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      folders: { type: 'string', default: '100' },
      files: { type: 'string', default: '10' },
      resources: { type: 'string', default: '10' },
      keep: { type: 'boolean', default: false },
    },
  });
  const runs = positive(values.runs, 'runs');
  const root = mkdtempSync(join(tmpdir(), 'rampart-iac-bench-'));
  try {
    const written = writeTerraformTree(root, {
      folders: positive(values.folders, 'folders'),
      filesPerFolder: positive(values.files, 'files'),
      resourcesPerFile: positive(values.resources, 'resources'),
    });
    const bin = join(packageRoot(), 'bin', 'rampart.js');
    const args = [bin, 'scan', root, '--scanners', 'iac', '--format', 'json', '--fail-on', 'none', '--no-progress'];
    const rssMethod = chooseRssMethod();
    const measured = await measureWarm({ file: process.execPath, args, captureStdout: true }, runs, rssMethod, (run) => run.exitCode === 0);
    const report = JSON.parse(measured.runs.at(-1)?.stdout ?? '{}') as ScanReport;
    const byRule = new Map<string, number>();
    for (const finding of report.findings) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
    const rss = measured.maxRssKiB === undefined ? 'not measured' : `${(measured.maxRssKiB / 1024).toFixed(0)} MiB`;

    console.log(`Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.versions.node}`);
    console.log(`Tree: ${written.resources} Terraform resources in ${written.files} files, ${report.discovery?.bytesScanned ?? 0} bytes`);
    console.log('');
    console.log('| Command | Median wall time | Peak RSS | Findings | Target |');
    console.log('| --- | --- | --- | --- | --- |');
    const verdict = measured.medianSeconds < TARGET_SECONDS ? `met (< ${TARGET_SECONDS} s)` : `MISSED (>= ${TARGET_SECONDS} s)`;
    console.log(`| rampart scan --scanners iac | ${measured.medianSeconds.toFixed(2)} s | ${rss} | ${report.findings.length} | ${verdict} |`);
    console.log('');
    console.log(`Runs: ${measured.runs.map((run) => run.wallSeconds.toFixed(2)).join(', ')} s (RSS by ${rssMethod})`);
    console.log('Findings by rule:');
    for (const [rule, count] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(6)}  ${rule}`);
    if (values.keep) console.log(`\nTree kept at ${root}`);
  } finally {
    if (!values.keep) rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
