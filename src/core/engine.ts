/**
 * The scan pipeline: discover (or read git), run scanners in parallel,
 * then suppress, apply the baseline, sort and gate. Returns the report;
 * printing and exit codes belong to the CLI.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createScanners } from '../scanners/index.js';
import { filterBaselined, type Baseline } from './baseline.js';
import { effectiveSeverity, isRuleEnabled } from './config.js';
import type { RampartConfig } from './config-types.js';
import { createPathFilter, discover, emptyStats } from './discovery.js';
import { checkRuleReferences } from './rule-references.js';
import { emptyResult, mergeResult, scanFiles, scanTexts, type TextScanResult } from './file-scan.js';
import { ruleIdsOf, SEVERITIES, severityRank, type Finding, type ScannerId, type Severity } from './finding.js';
import { evaluateGate } from './gate.js';
import { countCommits, isShallowRepository, readHistory, readStaged } from './git.js';
import { packageVersion } from './package-root.js';
import type { ProjectInventory } from '../scanners/deps/types.js';
import { UsageError } from './errors.js';
import {
  REPORT_SCHEMA_VERSION,
  type AdvisorySourceInfo,
  type DiscoveryStats,
  type FileError,
  type ScanMode,
  type ScanReport,
  type ScannerRun,
  type SuppressionProblem,
} from './report-types.js';
import type { ProjectContext, ProjectScanResult, Scanner, ScannerOptions } from './scanner.js';
import type { SourceText } from './source.js';
import { applySuppressions, type Directive } from './suppression.js';
import { createPool, mayUsePool, runFilesInPool, runHistoryInPool, shouldUsePool } from './parallel.js';

export interface ScanProgress {
  files: number;
  bytes: number;
}

export interface ScanRequest {
  /** Absolute path of the target root. */
  root: string;
  /** The target as the user gave it, for the report. */
  targetLabel: string;
  mode: ScanMode;
  config: RampartConfig;
  showSecrets: boolean;
  continueOnError: boolean;
  /** History mode: scan only commits after this revision. */
  since?: string;
  baseline?: Baseline;
  /** Today's date (YYYY-MM-DD) for suppression expiry; injected by tests. */
  today?: string;
  /** Worker threads: 0 scans inline, undefined decides by the size of the scan. */
  workers?: number;
  /**
   * Scanners supplied by a library user, run after the built-in ones. They
   * cannot be sent to worker threads, so a scan with any runs inline.
   */
  extraScanners?: Scanner[];
  onProgress?: (progress: ScanProgress) => void;
  /** Progress lines of whole-project scanners (downloads), for a terminal. */
  onStatus?: (message: string) => void;
  /** Sbom mode: absolute path of the SBOM to scan. */
  sbom?: string;
  /** Environment for scanners that read user configuration (registry addresses, cache folder); the process's when unset. */
  env?: NodeJS.ProcessEnv;
}

interface Collected {
  result: TextScanResult;
  stats: DiscoveryStats;
  commitsScanned?: number;
  warnings?: string[];
}

async function collectTree(
  request: ScanRequest,
  scanners: Scanner[],
  onDiscovered: (paths: string[]) => void,
): Promise<Collected> {
  // Workers only help per-file scanners; a deps-only scan would just pay their start-up.
  const perFile = scanners.some((scanner) => scanner.scanText);
  const pool = perFile && mayUsePool(workerCount(request)) ? createPool(request, scanners) : undefined;
  const { files, tooLarge, stats, errors } = discover(request.root, request.config);
  onDiscovered([...files, ...tooLarge].map((file) => file.path));
  const options = scannerOptions(request);
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);

  let result: TextScanResult;
  if (pool && shouldUsePool(workerCount(request), files.length, totalBytes)) {
    result = await runFilesInPool(files, pool, request.onProgress);
  } else {
    await pool?.close();
    result = scanFiles(files, scanners, options);
  }
  result.errors.unshift(...errors);
  return { result, stats };
}

/** Drop texts that discovery would skip, counting them in `stats`. */
function keepScannable(request: ScanRequest, stats: DiscoveryStats) {
  const skipReason = createPathFilter(request.root, request.config);
  return (source: SourceText): boolean => {
    const reason = skipReason(source.path, source.text.length);
    if (reason) stats.skipped[reason]++;
    return reason === undefined;
  };
}

async function collectStaged(request: ScanRequest, scanners: Scanner[]): Promise<Collected> {
  const stats = emptyStats();
  const gitStats = { commits: 0, binaryFiles: 0 };
  const texts = (await readStaged(request.root, gitStats)).filter(keepScannable(request, stats));
  stats.skipped.binary += gitStats.binaryFiles;
  return { result: scanTexts(texts, scanners, scannerOptions(request)), stats };
}

async function* filtered(source: AsyncIterable<SourceText>, keep: (text: SourceText) => boolean) {
  for await (const text of source) if (keep(text)) yield text;
}

async function collectHistory(request: ScanRequest, scanners: Scanner[]): Promise<Collected> {
  const stats = emptyStats();
  const gitStats = { commits: 0, binaryFiles: 0 };
  const commitsScanned = await countCommits(request.root, request.since);
  const history = filtered(
    readHistory(request.root, { since: request.since, stats: gitStats }),
    keepScannable(request, stats),
  );
  const options = scannerOptions(request);
  let result: TextScanResult;
  if (shouldUsePool(workerCount(request), commitsScanned * 4, commitsScanned * 4096)) {
    result = await runHistoryInPool(history, createPool(request, scanners), request.onProgress);
  } else {
    result = emptyResult();
    for await (const source of history) mergeResult(result, scanTexts([source], scanners, options));
  }
  stats.skipped.binary += gitStats.binaryFiles;
  const warnings = (await isShallowRepository(request.root))
    ? [
        'the repository is a shallow clone, so history before its cut-off was not scanned; ' +
          'fetch the full history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)',
      ]
    : [];
  return { result, stats, commitsScanned, warnings };
}

function workerCount(request: ScanRequest): number | undefined {
  return request.extraScanners?.length ? 0 : request.workers;
}

function scannerOptions(request: ScanRequest): ScannerOptions {
  const options: ScannerOptions = {
    config: request.config,
    root: request.root,
    showSecrets: request.showSecrets,
  };
  if (request.onStatus) options.progress = request.onStatus;
  if (request.env) options.env = request.env;
  return options;
}

interface ProjectResults {
  findings: Finding[];
  runs: ScannerRun[];
  errors: FileError[];
  warnings: string[];
  inventory?: ProjectInventory[];
  advisories?: AdvisorySourceInfo;
}

/** Run the scanners that work on the whole project rather than file by file. */
async function runProjectScanners(
  request: ScanRequest,
  scanners: Scanner[],
  files: string[],
): Promise<ProjectResults> {
  const results: ProjectResults = { findings: [], runs: [], errors: [], warnings: [] };
  const options = scannerOptions(request);
  const memo = new Map<string, Promise<unknown>>();
  const shared = <T>(key: string, compute: () => T | Promise<T>): Promise<T> => {
    if (!memo.has(key)) memo.set(key, Promise.resolve().then(compute));
    return memo.get(key) as Promise<T>;
  };
  const ids = scanners.map((scanner) => scanner.id);
  await Promise.all(
    scanners
      .filter((scanner) => scanner.scanProject)
      .map(async (scanner) => {
        const started = performance.now();
        try {
          const claimed = files.filter((path) => scanner.claims(path));
          const readText = (path: string) => readFile(join(request.root, path), 'utf8');
          const context: ProjectContext = { ...options, files: claimed, readText, shared, scanners: ids };
          const workers = workerCount(request);
          if (workers !== undefined) context.workers = workers;
          if (request.sbom) context.sbom = { path: request.sbom, label: request.targetLabel };
          mergeProjectResult(results, await scanner.scanProject!(context));
          results.runs.push({ id: scanner.id, status: 'ok', durationMs: elapsed(started) });
        } catch (error) {
          if (error instanceof UsageError) throw error;
          const message = error instanceof Error ? error.message : String(error);
          results.runs.push({ id: scanner.id, status: 'failed', durationMs: elapsed(started), error: message });
        }
      }),
  );
  return results;
}

/** Appends without spreading: a spread of 100,000+ items overflows the call stack. */
function append<T>(into: T[], items: readonly T[] | undefined): void {
  for (const item of items ?? []) into.push(item);
}

function mergeProjectResult(into: ProjectResults, result: ProjectScanResult): void {
  append(into.findings, result.findings);
  append(into.errors, result.errors);
  append(into.warnings, result.warnings);
  if (result.inventory) into.inventory = [...(into.inventory ?? []), ...result.inventory];
  if (result.advisories) into.advisories = result.advisories;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

/** History reports each secret once: at the oldest commit that added it. */
function keepOldestCommit(findings: Finding[]): Finding[] {
  const byFingerprint = new Map<string, Finding>();
  for (const finding of findings) {
    const seen = byFingerprint.get(finding.fingerprint);
    if (!seen || (finding.commit?.date ?? '') < (seen.commit?.date ?? '')) {
      byFingerprint.set(finding.fingerprint, finding);
    }
  }
  return [...byFingerprint.values()];
}

const PEER_DIRECTIVE_SCANNERS: [string, ScannerId][] = [
  ['gitleaks:allow', 'secrets'],
  ['nosemgrep', 'sast'],
  ['checkov:skip', 'iac'],
  ['kics-scan', 'iac'],
  ['trivy:ignore', 'iac'],
];

/**
 * Scanners a directive is meant for, when it says: a peer tool's directive
 * belongs to the matching stage, and `rampart:ignore[scanner/rule]` to the
 * scanners its full rule ids name. Undefined when it could be any scanner.
 */
/** `ranRules` contains the short rule ids of the scanners that ran, or is undefined when any id may be one. */
function directiveScanners(directive: string, ranRules: ReadonlySet<string> | undefined): ScannerId[] | undefined {
  const peer = PEER_DIRECTIVE_SCANNERS.find(([marker]) => directive.startsWith(marker));
  if (peer) return [peer[1]];
  const list = /^rampart:ignore\[([^\]]*)\]/.exec(directive)?.[1];
  if (!list) return undefined;
  const ids = list.split(',').map((id) => id.trim());
  // A short id (`jwt`) names a rule of whichever scanner has it; none of those that ran may.
  if (ids.some((id) => !id.includes('/') && (ranRules === undefined || ranRules.has(id)))) return undefined;
  return ids.filter((id) => id.includes('/')).map((id) => id.slice(0, id.indexOf('/')) as ScannerId);
}

/**
 * An unused directive is only reported when a scanner it targets ran:
 * `nosemgrep` is not unused just because no code scanner was run.
 */
function isReportable(problem: SuppressionProblem, ran: ReadonlySet<ScannerId>, ranRules: ReadonlySet<string> | undefined): boolean {
  if (problem.problem !== 'unused') return true;
  const targets = directiveScanners(problem.directive, ranRules);
  return targets === undefined || targets.some((id) => ran.has(id));
}

function applyRuleSettings(findings: Finding[], config: RampartConfig): Finding[] {
  return findings
    .filter((finding) => ruleIdsOf(finding).every((ruleId) => isRuleEnabled(config, ruleId)))
    .map((finding) => ({
      ...finding,
      severity: overriddenSeverity(config, finding),
    }));
}

/** Return the severity from rules.severity for the finding's rule id or, failing that, for one of its aliases. */
function overriddenSeverity(config: RampartConfig, finding: Finding): Severity {
  for (const ruleId of ruleIdsOf(finding)) {
    const severity = effectiveSeverity(config, ruleId, finding.severity);
    if (severity !== finding.severity) return severity;
  }
  return finding.severity;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    a.location.path.localeCompare(b.location.path) ||
    a.location.startLine - b.location.startLine ||
    a.location.startColumn - b.location.startColumn ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) if (!finding.suppressed) counts[finding.severity]++;
  return counts;
}

function scannerRuns(
  scanners: Scanner[],
  collected: Collected,
  perFileMs: number,
  projectRuns: ScannerRun[],
): ScannerRun[] {
  const runs = scanners
    .filter((scanner) => scanner.scanText)
    .map((scanner): ScannerRun => {
      const crash = collected.result.crashes.find((c) => c.scanner === scanner.id);
      if (!crash) return { id: scanner.id, status: 'ok', durationMs: perFileMs };
      const error = `crashed on ${crash.path}: ${crash.message}`;
      return { id: scanner.id, status: 'failed', durationMs: perFileMs, error };
    });
  return [...runs, ...projectRuns.filter((run) => !runs.some((r) => r.id === run.id))];
}

function collectFor(
  request: ScanRequest,
  scanners: Scanner[],
  onDiscovered: (paths: string[]) => void,
): Promise<Collected> {
  if (request.mode === 'history') return collectHistory(request, scanners);
  if (request.mode === 'staged') return collectStaged(request, scanners);
  if (request.mode === 'sbom') return Promise.resolve({ result: emptyResult(), stats: emptyStats() });
  return collectTree(request, scanners, onDiscovered);
}

export async function runScan(request: ScanRequest): Promise<ScanReport> {
  const startedAt = new Date();
  const started = performance.now();
  const scanners = [...createScanners(request.config), ...(request.extraScanners ?? [])];
  checkRuleReferences(request.config, scanners);

  // Whole-project scanners start once discovery has listed the files, and
  // run while the per-file scanners work through them.
  let projectRun: Promise<ProjectResults> = runProjectScanners(
    request,
    request.mode === 'sbom' ? scanners : [],
    [],
  );
  const onDiscovered = (paths: string[]): void => {
    projectRun = runProjectScanners(request, scanners, paths);
    // Awaited below; this keeps an early usage error from counting as unhandled meanwhile.
    projectRun.catch(() => undefined);
  };
  const collected = await collectFor(request, scanners, onDiscovered).then((value) => ({
    value,
    ms: elapsed(started),
  }));
  const project = await projectRun;
  const { result } = collected.value;
  for (const error of project.errors) result.errors.push(error);

  let findings = applyRuleSettings([...result.findings, ...project.findings], request.config);
  if (request.mode === 'history') findings = keepOldestCommit(findings);

  const today = request.today ?? startedAt.toISOString().slice(0, 10);
  const directives = new Map<string, Directive[]>(result.directives);
  const suppressed = applySuppressions(findings, directives, request.config, today);
  findings = suppressed.findings;
  const ran = new Set(scanners.map((scanner) => scanner.id));
  // Short rule ids (`jwt` for `secrets/jwt`) of the scanners that ran. The deps scanner has no
  // fixed list (its rules are advisory ids), so with it any id may be one.
  const ranRules = scanners.some((scanner) => scanner.ruleIds === undefined)
    ? undefined
    : new Set(scanners.flatMap((scanner) => scanner.ruleIds?.() ?? []).map((id) => id.slice(id.indexOf('/') + 1)));
  const problems = suppressed.problems.filter((problem) =>
    request.mode === 'history' ? problem.problem !== 'unused' : isReportable(problem, ran, ranRules),
  );

  let baselined = 0;
  if (request.baseline) {
    const filtered = filterBaselined(findings, request.baseline);
    findings = filtered.kept;
    baselined = filtered.baselined;
  }
  findings.sort(compareFindings);

  const stats = collected.value.stats;
  stats.filesScanned = result.filesScanned;
  stats.bytesScanned = result.bytesScanned;
  stats.skipped.binary += result.binary;
  stats.skipped.unreadable += result.unreadable;
  stats.invalidUtf8 = result.invalidUtf8;

  const runs = scannerRuns(scanners, collected.value, collected.ms, project.runs);
  const report: ScanReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'rampart', version: packageVersion() },
    target: { path: request.targetLabel, mode: request.mode },
    startedAt: startedAt.toISOString(),
    durationMs: elapsed(started),
    scanners: runs,
    discovery: stats,
    summary: {
      total: findings.length,
      bySeverity: countBySeverity(findings),
      suppressed: findings.filter((f) => f.suppressed).length,
      baselined,
    },
    gate: evaluateGate(findings, runs, request.config, request.continueOnError),
    findings,
    suppressionProblems: problems,
    errors: result.errors,
    warnings: [...(collected.value.warnings ?? []), ...project.warnings],
  };
  if (project.inventory) report.inventory = project.inventory;
  if (project.advisories) report.advisories = project.advisories;
  if (request.mode === 'history') {
    report.target.revisions = request.since ? `${request.since}..HEAD` : 'HEAD';
    report.target.commitsScanned = collected.value.commitsScanned;
  }
  if (request.baseline) {
    report.baseline = { path: request.baseline.path, entries: request.baseline.entries.size };
  }
  return report;
}
