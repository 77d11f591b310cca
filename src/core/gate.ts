/** The policy gate: which findings fail the run, and the resulting exit code. */
import { scannerFailOn } from './config.js';
import type { FailOn, RampartConfig } from './config-types.js';
import { atOrAbove, type Finding, type ScannerId } from './finding.js';
import type { GateResult, ScannerRun } from './report-types.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_SCANNER_FAILED } from './errors.js';

export function isFailing(finding: Finding, threshold: FailOn): boolean {
  if (finding.suppressed || threshold === 'none') return false;
  return atOrAbove(finding.severity, threshold);
}

/**
 * Decide the exit code: 3 when a scanner failed (unless continueOnError),
 * 1 when an unsuppressed finding reaches its scanner's threshold, else 0.
 */
export function evaluateGate(
  findings: readonly Finding[],
  runs: readonly ScannerRun[],
  config: RampartConfig,
  continueOnError: boolean,
): GateResult {
  const scannerFailOnMap: Partial<Record<ScannerId, FailOn>> = {};
  for (const run of runs) {
    const threshold = scannerFailOn(config, run.id);
    if (threshold !== config.failOn) scannerFailOnMap[run.id] = threshold;
  }

  const failing = findings.filter((f) => isFailing(f, scannerFailOn(config, f.scanner))).length;
  const scannerFailed = runs.some((run) => run.status === 'failed');

  let exitCode: GateResult['exitCode'] = EXIT_OK;
  if (scannerFailed && !continueOnError) exitCode = EXIT_SCANNER_FAILED;
  else if (failing > 0) exitCode = EXIT_FINDINGS;

  return { failOn: config.failOn, scannerFailOn: scannerFailOnMap, failing, exitCode };
}
