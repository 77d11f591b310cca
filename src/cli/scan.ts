/** `rampart scan`: run the static scanners on a tree, the git index or git history. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readBaseline } from '../core/baseline.js';
import { loadConfig, parseSize } from '../core/config.js';
import type { FailOn, RampartConfig } from '../core/config-types.js';
import { runScan, type ScanProgress, type ScanRequest } from '../core/engine.js';
import { UsageError } from '../core/errors.js';
import { SCANNER_IDS, SEVERITIES, type ScannerId, type Severity } from '../core/finding.js';
import { isGitRepository } from '../core/git.js';
import type { ScanMode } from '../core/report-types.js';
import { formatReport } from '../report/index.js';
import { availableScanners } from '../scanners/index.js';
import { useColor, type CliIo } from './io.js';
import { parseFormat, parseOutput, writeAtomically } from './output.js';

export interface ScanFlags {
  staged?: boolean;
  history?: boolean;
  since?: string;
  format?: string;
  output?: string[];
  severity?: string;
  failOn?: string;
  baseline?: string;
  config?: string;
  showSecrets?: boolean;
  continueOnError?: boolean;
  includeVendored?: boolean;
  maxFileSize?: string;
  exclude?: string[];
  scanners?: string;
  workers?: string;
  quiet?: boolean;
  color?: boolean;
  progress?: boolean;
}

function parseSeverity(value: string, flag: string): Severity {
  if ((SEVERITIES as readonly string[]).includes(value)) return value as Severity;
  throw new UsageError(`${flag} ${value}: unknown severity; use one of ${SEVERITIES.join(', ')}`);
}

function parseFailOn(value: string): FailOn {
  return value === 'none' ? 'none' : parseSeverity(value, '--fail-on');
}

function parseScannerList(value: string): ScannerId[] {
  const known = availableScanners();
  return value.split(',').map((raw) => {
    const id = raw.trim();
    if (!(SCANNER_IDS as readonly string[]).includes(id)) {
      throw new UsageError(`--scanners: unknown scanner "${id}"; available: ${known.join(', ')}`);
    }
    if (!known.includes(id as ScannerId)) {
      throw new UsageError(`--scanners: scanner "${id}" is not available yet; available: ${known.join(', ')}`);
    }
    return id as ScannerId;
  });
}

function parseWorkers(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0 || count > 64) {
    throw new UsageError(`--workers ${value}: expected a whole number from 0 (no threads) to 64`);
  }
  return count;
}

/** Merge command-line flags over the configuration file; flags win. */
export function applyFlags(config: RampartConfig, flags: ScanFlags): RampartConfig {
  const merged: RampartConfig = { ...config, exclude: [...config.exclude, ...(flags.exclude ?? [])] };
  if (flags.failOn !== undefined) merged.failOn = parseFailOn(flags.failOn);
  if (flags.severity !== undefined) merged.severity = parseSeverity(flags.severity, '--severity');
  if (flags.includeVendored) merged.includeVendored = true;
  if (flags.maxFileSize !== undefined) merged.maxFileSize = parseSize(flags.maxFileSize, '--max-file-size');
  if (flags.scanners !== undefined) {
    const wanted = parseScannerList(flags.scanners);
    merged.scanners = Object.fromEntries(
      availableScanners().map((id) => [id, { ...config.scanners[id], enabled: wanted.includes(id) }]),
    );
  }
  return merged;
}

function scanMode(flags: ScanFlags): ScanMode {
  if (flags.staged && flags.history) throw new UsageError('--staged and --history cannot be combined; pick one');
  if (flags.since !== undefined && !flags.history) throw new UsageError('--since only applies with --history');
  return flags.history ? 'history' : flags.staged ? 'staged' : 'tree';
}

function resolveTarget(pathArg: string | undefined, io: CliIo): string {
  const root = resolve(io.cwd, pathArg ?? '.');
  let isDirectory: boolean;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch {
    throw new UsageError(`${pathArg ?? '.'}: no such directory; give the path of the project to scan`);
  }
  if (!isDirectory) throw new UsageError(`${pathArg}: not a directory; give the path of the project to scan`);
  return root;
}

function progressPrinter(io: CliIo): (progress: ScanProgress) => void {
  const started = performance.now();
  let last = 0;
  return ({ files, bytes }) => {
    const now = performance.now();
    if (now - last < 100) return;
    last = now;
    const megabytes = bytes / 1048576;
    const rate = megabytes / Math.max((now - started) / 1000, 0.001);
    io.stderr.write(`\rscanning: ${files} files, ${megabytes.toFixed(1)} MB (${rate.toFixed(1)} MB/s)`);
  };
}

/** Build the scan request from the path argument and flags; throws UsageError on bad input. */
export async function buildScanRequest(pathArg: string | undefined, flags: ScanFlags, io: CliIo): Promise<ScanRequest> {
  const mode = scanMode(flags);
  const root = resolveTarget(pathArg, io);
  const config = applyFlags(loadConfig({ root, configPath: flags.config && resolve(io.cwd, flags.config) }), flags);
  if (mode !== 'tree' && !(await isGitRepository(root))) {
    throw new UsageError(
      `${pathArg ?? '.'} is not a git repository; --${mode} needs one (run git init, or drop the flag)`,
    );
  }
  const showProgress = flags.progress !== false && !flags.quiet && Boolean(io.stderr.isTTY);
  return {
    root,
    targetLabel: pathArg ?? '.',
    mode,
    config,
    showSecrets: Boolean(flags.showSecrets),
    continueOnError: Boolean(flags.continueOnError),
    since: flags.since,
    baseline: flags.baseline ? readBaseline(resolve(io.cwd, flags.baseline)) : undefined,
    workers: flags.workers !== undefined ? parseWorkers(flags.workers) : undefined,
    onProgress: showProgress ? progressPrinter(io) : undefined,
  };
}


export async function runScanCommand(pathArg: string | undefined, flags: ScanFlags, io: CliIo): Promise<number> {
  const format = parseFormat(flags.format ?? 'table', '--format');
  const outputs = (flags.output ?? []).map((value) => parseOutput(value, io.cwd, format));
  if (flags.showSecrets && (format === 'sarif' || outputs.some((o) => o.format === 'sarif'))) {
    throw new UsageError('--show-secrets cannot be used with SARIF output, which is meant for upload; drop one');
  }

  const request = await buildScanRequest(pathArg, flags, io);
  const report = await runScan(request);
  if (request.onProgress) io.stderr.write('\r\x1b[K');

  const minSeverity = request.config.severity;
  for (const target of outputs) {
    writeAtomically(target.file, formatReport(report, target.format, { color: false, minSeverity }));
  }
  const quietAndClean = flags.quiet && format === 'table' && report.gate.exitCode === 0;
  if (!quietAndClean) {
    const color = useColor(io, 'stdout', flags.color !== false);
    io.stdout.write(formatReport(report, format, { color, minSeverity }));
  }
  for (const run of report.scanners) {
    if (run.status === 'failed') io.stderr.write(`rampart: scanner ${run.id} failed: ${run.error}\n`);
  }
  return report.gate.exitCode;
}
