/**
 * Counting, filtering and wording shared by the human-readable formats
 * (table, Markdown, JUnit).
 */
import { SEVERITIES, atOrAbove, severityRank } from '../core/finding.js';
import type { Finding, Location, Severity } from '../core/finding.js';
import type { GateResult, ScanReport } from '../core/report-types.js';
import type { FormatOptions } from './format-options.js';

/** Built on first use: creating an Intl formatter costs tens of milliseconds at start-up. */
let numberFormat: Intl.NumberFormat | undefined;

function formatNumber(value: number): string {
  numberFormat ??= new Intl.NumberFormat('en-US');
  return numberFormat.format(value);
}

/** `1 finding`, `1,204 files`: the count with the noun in singular or plural. */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${formatNumber(count)} ${count === 1 ? noun : plural}`;
}

/** Byte count in SI units with one decimal: `14.2 MB`. */
export function formatBytes(bytes: number): string {
  const units = ['kB', 'MB', 'GB', 'TB'];
  if (bytes < 1000) return countOf(bytes, 'byte');

  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** Duration in seconds: two decimals below 10 s, one below 100 s, none above. */
export function formatSeconds(milliseconds: number): string {
  const seconds = milliseconds / 1000;
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 100) return `${seconds.toFixed(1)} s`;
  return `${Math.round(seconds)} s`;
}

/** Unsuppressed findings reported, baselined ones excluded. */
export function activeCount(report: ScanReport): number {
  return SEVERITIES.reduce((sum, severity) => sum + report.summary.bySeverity[severity], 0);
}

/** `2 critical, 5 high`: the non-zero severity counts, most severe first. */
export function severityBreakdown(report: ScanReport): string {
  return SEVERITIES.filter((severity) => report.summary.bySeverity[severity] > 0)
    .map((severity) => `${report.summary.bySeverity[severity]} ${severity}`)
    .join(', ');
}

/**
 * Findings a human format lists: at or above `minSeverity`, suppressed ones
 * only with `showSuppressed`, most severe first (stable within a severity).
 */
export function visibleFindings(report: ScanReport, options: FormatOptions): Finding[] {
  const listed = report.findings.filter(
    (finding) =>
      atOrAbove(finding.severity, options.minSeverity) &&
      (options.showSuppressed === true || finding.suppressed === undefined),
  );
  return listed.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}

/** Unsuppressed findings below `minSeverity`, which the human formats leave out. */
export function hiddenBelowCount(report: ScanReport, minSeverity: Severity): number {
  return SEVERITIES.filter((severity) => !atOrAbove(severity, minSeverity)).reduce(
    (sum, severity) => sum + report.summary.bySeverity[severity],
    0,
  );
}

/**
 * Lists the summary in separate parts: findings by severity, suppressed, baselined,
 * hidden below the display threshold, and the size and duration of the scan.
 * Zero counts other than the findings are left out.
 */
export function summaryParts(report: ScanReport, minSeverity: Severity): string[] {
  const active = activeCount(report);
  const breakdown = severityBreakdown(report);
  const parts = [countOf(active, 'finding') + (breakdown ? ` (${breakdown})` : '')];

  const hidden = hiddenBelowCount(report, minSeverity);
  if (hidden > 0) parts.push(`${formatNumber(hidden)} below ${minSeverity} not shown`);
  if (report.summary.suppressed > 0) {
    parts.push(`${formatNumber(report.summary.suppressed)} suppressed`);
  }
  if (report.summary.baselined > 0) {
    parts.push(`${formatNumber(report.summary.baselined)} baselined`);
  }

  const { filesScanned, bytesScanned } = report.discovery;
  const size = `${countOf(filesScanned, 'file')}, ${formatBytes(bytesScanned)}`;
  parts.push(`${size} in ${formatSeconds(report.durationMs)}`);
  return parts;
}

/** `high` or `high (deps: critical, secrets: low)`: the thresholds of the gate. */
export function failOnLabel(gate: GateResult): string {
  const overrides = Object.entries(gate.scannerFailOn).map(([id, level]) => `${id}: ${level}`);
  return overrides.length > 0 ? `${gate.failOn} (${overrides.join(', ')})` : gate.failOn;
}

export interface Verdict {
  status: 'passed' | 'failed' | 'incomplete';
  /** One sentence that explains the status. */
  text: string;
}

/** Describes the gate's decision in words, from its exit code. */
export function gateVerdict(report: ScanReport): Verdict {
  const { gate } = report;
  const failing = `${countOf(gate.failing, 'finding')} at or above the fail-on level`;

  if (gate.exitCode === 3) {
    const failed = report.scanners.filter((run) => run.status === 'failed').map((run) => run.id);
    const names = failed.length > 0 ? failed.join(', ') : 'a scanner';
    const also = gate.failing > 0 ? `; ${failing} ${failOnLabel(gate)}` : '';
    return { status: 'incomplete', text: `Scan incomplete: ${names} failed${also}.` };
  }
  if (gate.exitCode === 1) {
    return { status: 'failed', text: `Gate failed: ${failing} ${failOnLabel(gate)}.` };
  }
  if (gate.failOn === 'none' && Object.keys(gate.scannerFailOn).length === 0) {
    return { status: 'passed', text: 'Gate passed: fail-on is none, so findings never fail.' };
  }
  return {
    status: 'passed',
    text: `Gate passed: no findings at or above the fail-on level ${failOnLabel(gate)}.`,
  };
}

/**
 * Formats where a finding is: `path:line` or `path:line:col`, and for DAST
 * findings the method, URL and parameter.
 */
export function locationLabel(location: Location, withColumn: boolean): string {
  if (location.url !== undefined) {
    const method = location.method !== undefined ? `${location.method} ` : '';
    const parameter = location.parameter !== undefined ? ` (${location.parameter})` : '';
    return `${method}${location.url}${parameter}`;
  }
  const column = withColumn ? `:${location.startColumn}` : '';
  return `${location.path}:${location.startLine}${column}`;
}

/** `reason (until 2025-01-31)` of a suppressed finding; empty when it is not suppressed. */
export function suppressionLabel(finding: Finding): string {
  const suppression = finding.suppressed;
  if (suppression === undefined) return '';
  const until = suppression.until !== undefined ? ` (until ${suppression.until})` : '';
  return `${suppression.reason}${until}`;
}
