/** `rampart scan`: run the static scanners on a tree, the git index or git history. */
import { opendirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readBaseline } from '../core/baseline.js';
import { loadConfig, parseSize } from '../core/config.js';
import type { FailOn, RampartConfig } from '../core/config-types.js';
import { runScan, type ScanProgress, type ScanRequest } from '../core/engine.js';
import { UsageError } from '../core/errors.js';
import { SCANNER_IDS, SEVERITIES, type ScannerId, type Severity } from '../core/finding.js';
import { isGitRepository } from '../core/git.js';
import { findRepository } from '../core/repository-root.js';
import type { ScanMode } from '../core/report-types.js';
import { formatReport } from '../report/index.js';
import { availableScanners } from '../scanners/index.js';
import { closestMatch } from '../core/did-you-mean.js';
import { toOneLine } from '../core/redact.js';
import { applyDepsFlags, applySupplyChainFlags } from './deps-options.js';
import { useColor, type CliIo } from './io.js';
import {
  checkOutputTargets,
  describeFsError,
  parseFormat,
  parseOutput,
  writeReports,
} from './output.js';

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
  db?: string;
  offline?: boolean;
  online?: boolean;
  sbom?: string;
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
      const suggestion = closestMatch(id, [...SCANNER_IDS]);
      const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
      throw new UsageError(`--scanners: unknown scanner "${id}"${hint} (available: ${known.join(', ')})`);
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

/**
 * Normalises an --exclude pattern: drops a leading `./` (after an optional
 * `!`), because gitignore patterns are already relative to the scan root,
 * and rejects patterns that would match nothing.
 */
export function normaliseExclude(pattern: string): string {
  const negation = pattern.startsWith('!') ? '!' : '';
  let body = pattern.slice(negation.length);
  while (body.startsWith('./')) body = body.slice(2);
  if (body.trim() === '') {
    throw new UsageError(
      `--exclude "${pattern}": empty pattern; give a gitignore-style pattern such as "dist/**"`,
    );
  }
  if (negation === '' && body.startsWith('#')) {
    throw new UsageError(
      `--exclude "${pattern}": a leading # makes the pattern a comment; write \\${body} instead`,
    );
  }
  return negation + body;
}

/**
 * Merges command-line flags over the configuration file; flags win. A
 * --fail-on flag also replaces the per-scanner fail-on levels of the file.
 */
export function applyFlags(config: RampartConfig, flags: ScanFlags): RampartConfig {
  const excludes = (flags.exclude ?? []).map(normaliseExclude);
  const merged: RampartConfig = { ...config, exclude: [...config.exclude, ...excludes] };
  if (flags.failOn !== undefined) {
    merged.failOn = parseFailOn(flags.failOn);
    merged.scanners = Object.fromEntries(
      Object.entries(config.scanners).map(([id, settings]) => [id, { enabled: settings.enabled }]),
    );
  }
  if (flags.severity !== undefined) merged.severity = parseSeverity(flags.severity, '--severity');
  if (flags.includeVendored) merged.includeVendored = true;
  if (flags.maxFileSize !== undefined) merged.maxFileSize = parseSize(flags.maxFileSize, '--max-file-size');
  if (flags.scanners !== undefined) {
    const wanted = parseScannerList(flags.scanners);
    const previous = merged.scanners;
    merged.scanners = Object.fromEntries(
      availableScanners().map((id) => [id, { ...previous[id], enabled: wanted.includes(id) }]),
    );
  }
  return merged;
}

function scanMode(flags: ScanFlags): ScanMode {
  if (flags.staged && flags.history) throw new UsageError('--staged and --history cannot be combined; pick one');
  if (flags.sbom !== undefined) {
    if (flags.staged || flags.history) throw new UsageError('--sbom scans an SBOM file, so it cannot be combined with --staged or --history');
    return 'sbom';
  }
  if (flags.since !== undefined && !flags.history) throw new UsageError('--since only applies with --history');
  return flags.history ? 'history' : flags.staged ? 'staged' : 'tree';
}

/** Resolves the directory to scan and checks that it exists and can be listed. */
export function resolveTarget(pathArg: string | undefined, cwd: string): string {
  const label = pathArg ?? '.';
  const root = resolve(cwd, label);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new UsageError(`${label}: no such directory; give the path of the project to scan`);
    }
    throw new UsageError(`${label}: cannot read directory: ${describeFsError(error)}`);
  }
  if (!isDirectory) {
    throw new UsageError(`${label}: not a directory; give the path of the project to scan`);
  }

  try {
    opendirSync(root).closeSync();
  } catch (error) {
    const reason = describeFsError(error);
    throw new UsageError(`${label}: cannot read directory: ${reason}; check its permissions`);
  }
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
  if (mode === 'sbom' && pathArg !== undefined) {
    throw new UsageError(`--sbom ${flags.sbom} and the path ${pathArg} cannot be combined; give one target`);
  }
  const root = resolveTarget(pathArg, io.cwd);
  const loaded = loadConfig({ root, configPath: flags.config && resolve(io.cwd, flags.config) });
  const config = applySupplyChainFlags(applyDepsFlags(applyFlags(loaded, flags), flags, io.env, io.cwd), flags);
  if ((mode === 'staged' || mode === 'history') && !(await isGitRepository(root))) {
    throw new UsageError(
      `${pathArg ?? '.'} is not a git repository; --${mode} needs one (run git init, or drop the flag)`,
    );
  }
  const showProgress = flags.progress !== false && !flags.quiet && Boolean(io.stderr.isTTY);
  return {
    root,
    targetLabel: mode === 'sbom' ? flags.sbom! : (pathArg ?? '.'),
    sbom: mode === 'sbom' ? resolve(io.cwd, flags.sbom!) : undefined,
    onStatus: showProgress ? (message: string) => io.stderr.write(`\r${message}\x1b[K`) : undefined,
    mode,
    config,
    showSecrets: Boolean(flags.showSecrets),
    continueOnError: Boolean(flags.continueOnError),
    since: flags.since,
    baseline: flags.baseline ? readBaseline(resolve(io.cwd, flags.baseline)) : undefined,
    workers: flags.workers !== undefined ? parseWorkers(flags.workers) : undefined,
    onProgress: showProgress ? progressPrinter(io) : undefined,
    env: io.env,
  };
}

/** Runs `rampart scan` and returns the exit code; throws UsageError on bad input. */
export async function runScanCommand(pathArg: string | undefined, flags: ScanFlags, io: CliIo): Promise<number> {
  const format = parseFormat(flags.format ?? 'table', '--format');
  const outputs = (flags.output ?? []).map((value) => parseOutput(value, io.cwd, format));
  if (flags.showSecrets && (format === 'sarif' || outputs.some((o) => o.format === 'sarif'))) {
    throw new UsageError('--show-secrets cannot be used with SARIF output, which is meant for upload; drop one');
  }
  checkOutputTargets(outputs);

  const request = await buildScanRequest(pathArg, flags, io);
  const report = await runScan(request);
  if (request.onProgress) io.stderr.write('\r\x1b[K');

  const minSeverity = request.config.severity;
  const repository = findRepository(request.root);
  writeReports(
    outputs.map((target) => ({
      target,
      content: formatReport(report, target.format, { color: false, minSeverity, repository }),
    })),
  );
  const quietAndClean = flags.quiet && format === 'table' && report.gate.exitCode === 0;
  if (!quietAndClean) {
    const color = useColor(io, 'stdout', flags.color !== false);
    io.stdout.write(formatReport(report, format, { color, minSeverity, repository }));
  }
  // The table lists warnings itself; other formats and quiet runs would hide them in a file or drop them.
  if (format !== 'table' || quietAndClean) {
    for (const warning of report.warnings) io.stderr.write(`rampart: warning: ${toOneLine(warning)}\n`);
  }
  for (const run of report.scanners) {
    if (run.status === 'failed') io.stderr.write(`rampart: scanner ${run.id} failed: ${run.error}\n`);
  }
  return report.gate.exitCode;
}
