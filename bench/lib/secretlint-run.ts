/**
 * The secretlint part of the throughput benchmark. secretlint is slow on
 * some trees, so an untimed probe on the first 4 MiB estimates the time of a
 * full run first. When the estimate exceeds the time limit, the timed runs
 * use the first files in sorted path order, up to the size that fits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureWarm, runMeasured, type MeasuredRun, type RssMethod } from './measure.js';
import { MIB, type ResultRow } from './report.js';
import {
  readSecretlintJson,
  secretlintCommand,
  secretlintCompleted,
  writeSecretlintConfig,
  type SecretlintInstall,
  type SecretlintTarget,
} from './secretlint.js';
import { sampleEvenly, secretlintCandidates, sumBytes, takeFirstBytes, type TreeFile } from './tree.js';

/** Size of the probe run that estimates secretlint's throughput. */
const PROBE_BYTES = 4 * MIB;

/** Share of the time limit that a subset is sized for, leaving room for slower files. */
const SUBSET_SHARE = 0.8;

export interface SecretlintOptions {
  tree: string;
  runs: number;
  rssMethod: RssMethod;
  /** A full run estimated to take longer than this uses a subset instead. */
  maxSeconds: number;
  log: (line: string) => void;
}

export interface SecretlintResult {
  row: ResultRow;
  /** Present when the timed runs covered a subset of the candidate files. */
  subset?: { files: number; bytes: number; candidateFiles: number; candidateBytes: number };
  probe?: { bytes: number; seconds: number };
  /** Files secretlint read but skipped as binary or of unknown type. */
  skipped: { files: number; bytes: number };
  /** Differences between the expected file list and what secretlint reported. */
  listMismatches: string[];
}

interface Plan {
  target: SecretlintTarget;
  files: TreeFile[];
  probe?: { bytes: number; seconds: number };
}

async function planRun(
  install: SecretlintInstall,
  config: string,
  candidates: TreeFile[],
  options: SecretlintOptions,
): Promise<Plan> {
  const total = sumBytes(candidates);
  if (total <= PROBE_BYTES) return { target: { tree: options.tree }, files: candidates };

  const probeFiles = takeFirstBytes(candidates, PROBE_BYTES);
  const probeTarget = { tree: options.tree, files: probeFiles.map((file) => file.path) };
  const probeRun = await runMeasured(secretlintCommand(install, config, probeTarget), 'none');
  if (!secretlintCompleted(probeRun.exitCode)) {
    const reason = probeRun.stderr.trim();
    throw new Error(`secretlint probe run failed (exit ${probeRun.exitCode}): ${reason}`);
  }
  const probe = { bytes: sumBytes(probeFiles), seconds: probeRun.wallSeconds };
  const bytesPerSecond = probe.bytes / probe.seconds;
  const estimate = total / bytesPerSecond;
  options.log(
    `secretlint probe: ${(probe.bytes / MIB).toFixed(1)} MiB in ${probe.seconds.toFixed(1)} s; ` +
      `a full run of ${(total / MIB).toFixed(1)} MiB would take about ${estimate.toFixed(0)} s`,
  );
  if (estimate <= options.maxSeconds) {
    return { target: { tree: options.tree }, files: candidates, probe };
  }

  // NOTE: the probe covers small files only and overestimates secretlint's
  // rate on large ones, so the sample may still run past the time budget.
  const files = sampleEvenly(candidates, bytesPerSecond * options.maxSeconds * SUBSET_SHARE);
  const target = { tree: options.tree, files: files.map((file) => file.path) };
  return { target, files, probe };
}

/** Compare the planned relative paths with the absolute paths secretlint reported. */
function compareLists(tree: string, planned: TreeFile[], reported: string[]): string[] {
  const expected = new Set(planned.map((file) => join(tree, file.path)));
  const seen = new Set(reported);
  const missing = [...expected]
    .filter((path) => !seen.has(path))
    .map((path) => `not scanned: ${path}`);
  const extra = reported.filter((path) => !expected.has(path)).map((path) => `unexpected: ${path}`);
  return [...missing, ...extra];
}

interface ScanCount {
  text: { files: number; bytes: number };
  other: { files: number; bytes: number };
  mismatches: string[];
}

/** Count the files that secretlint's JSON listing marks as text (scanned) and as other types. */
function countScanned(tree: string, plan: Plan, listing: string): ScanCount {
  const results = readSecretlintJson(listing);
  const sizes = new Map(plan.files.map((file) => [join(tree, file.path), file.size]));
  const count = (text: boolean) => {
    const chosen = results.filter((result) => (result.sourceContentType === 'text') === text);
    const bytes = chosen.reduce((sum, result) => sum + (sizes.get(result.filePath) ?? 0), 0);
    return { files: chosen.length, bytes };
  };
  const reported = results.map((result) => result.filePath);
  const mismatches = compareLists(tree, plan.files, reported);
  return { text: count(true), other: count(false), mismatches };
}

/** Measure secretlint on `options.tree` (or a subset) and count what it scanned. */
export async function benchSecretlint(
  install: SecretlintInstall,
  options: SecretlintOptions,
): Promise<SecretlintResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'secrets-bench-secretlint-'));
  try {
    const config = writeSecretlintConfig(scratch);
    const candidates = secretlintCandidates(options.tree);
    const plan = await planRun(install, config, candidates, options);

    // The untimed warm-up run writes JSON, which lists every file with its content type.
    const listing = join(scratch, 'results.json');
    const jsonCommand = secretlintCommand(install, config, plan.target, listing);
    const warm = await runMeasured(jsonCommand, 'none');
    if (!secretlintCompleted(warm.exitCode)) {
      throw new Error(`secretlint failed (exit ${warm.exitCode}): ${warm.stderr.trim()}`);
    }
    const scanned = countScanned(options.tree, plan, listing);

    const command = secretlintCommand(install, config, plan.target);
    const accept = (run: MeasuredRun): boolean => secretlintCompleted(run.exitCode);
    const timed = await measureWarm(command, options.runs, options.rssMethod, accept, false);

    const label = `secretlint ${install.version}${plan.target.files ? ' (subset)' : ''}`;
    const result: SecretlintResult = {
      row: {
        tool: label,
        ...scanned.text,
        seconds: timed.medianSeconds,
        maxRssKiB: timed.maxRssKiB,
      },
      skipped: scanned.other,
      listMismatches: scanned.mismatches,
    };
    if (plan.probe) result.probe = plan.probe;
    if (plan.target.files) {
      result.subset = {
        files: plan.files.length,
        bytes: sumBytes(plan.files),
        candidateFiles: candidates.length,
        candidateBytes: sumBytes(candidates),
      };
    }
    return result;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
