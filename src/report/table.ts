/**
 * Plain-text report for terminals: findings grouped by severity, problems met
 * during the scan, then a summary line and the gate's verdict.
 */
import pc from 'picocolors';

import type { Finding, Severity } from '../core/finding.js';
import type { ScanReport } from '../core/report-types.js';
import type { FormatOptions } from './format-options.js';
import {
  activeCount,
  gateVerdict,
  locationLabel,
  suppressionLabel,
  summaryParts,
  visibleFindings,
} from './summary.js';

type Colors = ReturnType<typeof pc.createColors>;

const LABEL_WIDTH = 'CRITICAL'.length;
const INDENT = ' '.repeat(LABEL_WIDTH + 2);

/** Snippet lines longer than this many characters are cut. */
const MAX_SNIPPET_LINE = 160;

/**
 * Control characters (line breaks included: every value printed through
 * `safe` is one line, and a file name may contain a newline), and the bidirectional overrides used to hide code
 * ("Trojan Source"), which a scanned file could use to rewrite the terminal.
 */
const UNSAFE_FOR_TERMINAL =
  // eslint-disable-next-line no-control-regex -- these are the characters to find
  /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Formats the report for a terminal, with ANSI colours when `options.color` is set. */
export function formatTable(report: ScanReport, options: FormatOptions): string {
  const colors = pc.createColors(options.color);
  const findings = visibleFindings(report, options);
  const lines: string[] = [];

  if (findings.length === 0) {
    const threshold = activeCount(report) === 0 ? '' : ` at or above ${options.minSeverity}`;
    lines.push(colors.green(`No findings${threshold}.`), '');
  } else {
    for (const finding of findings) lines.push(...findingLines(finding, colors), '');
  }

  lines.push(...problemLines(report, colors));
  lines.push(summaryParts(report, options.minSeverity).join(' · '));
  lines.push(verdictLine(report, colors));
  return `${lines.join('\n')}\n`;
}

function findingLines(finding: Finding, colors: Colors): string[] {
  const label = severityLabel(finding.severity, colors);
  const where = locationLabel(finding.location, finding.location.url === undefined);
  const lines = [`${label}  ${colors.bold(safe(finding.ruleId))}  ${safe(where)}`];

  for (const line of finding.message.split(/\r?\n/)) lines.push(`${INDENT}${safe(line)}`);
  if (finding.location.snippet !== undefined) {
    for (const line of finding.location.snippet.split(/\r?\n/)) {
      lines.push(colors.dim(`${INDENT}│ ${safe(cut(line, MAX_SNIPPET_LINE))}`));
    }
  }

  if (finding.flow !== undefined && finding.flow.length > 0) {
    lines.push(`${INDENT}path:`);
    finding.flow.forEach((step, index) => {
      const where = `${step.path}:${step.startLine}`;
      lines.push(`${INDENT}  ${index + 1}. ${safe(where)}  ${safe(cut(step.message, MAX_SNIPPET_LINE))}`);
    });
  }
  if (finding.fix !== undefined) lines.push(colors.dim(`${INDENT}fix: ${safe(finding.fix.advice)}`));

  const commit = finding.commit;
  if (commit !== undefined) {
    const summary = `${commit.sha.slice(0, 12)} ${commit.date} ${commit.author}: ${commit.summary}`;
    lines.push(colors.dim(`${INDENT}commit ${safe(summary)}`));
  }
  if (finding.suppressed !== undefined) {
    lines.push(colors.dim(`${INDENT}suppressed: ${safe(suppressionLabel(finding))}`));
  }
  return lines;
}

function severityLabel(severity: Severity, colors: Colors): string {
  const text = severity.toUpperCase().padEnd(LABEL_WIDTH);
  switch (severity) {
    case 'critical':
      return colors.bold(colors.white(colors.bgRed(text)));
    case 'high':
      return colors.bold(colors.red(text));
    case 'medium':
      return colors.yellow(text);
    case 'low':
      return colors.blue(text);
    case 'info':
      return colors.gray(text);
  }
}

/** Scanner failures, suppression problems and file errors, each under a heading. */
function problemLines(report: ScanReport, colors: Colors): string[] {
  const lines: string[] = [];
  const section = (title: string, items: string[]): void => {
    if (items.length === 0) return;
    lines.push(colors.bold(`${title} (${items.length})`), ...items.map((item) => `  ${item}`), '');
  };

  const failed = report.scanners.filter((run) => run.status === 'failed');
  section(
    'Scanners that failed',
    failed.map((run) => `${run.id}  ${safe(run.error ?? 'no reason given')}`),
  );
  section(
    'Suppression problems',
    report.suppressionProblems.map(
      (problem) =>
        `${safe(`${problem.path}:${problem.line}`)}  ${problem.problem}  ${safe(problem.message)}`,
    ),
  );
  section(
    'File errors',
    report.errors.map((error) => `${safe(error.path)}  ${safe(error.message)}`),
  );
  section('Warnings', report.warnings.map(safe));
  if (report.discovery.invalidUtf8 > 0) {
    const count = report.discovery.invalidUtf8;
    lines.push(`${count} file${count === 1 ? ' was' : 's were'} not valid UTF-8; invalid bytes were replaced.`, '');
  }
  return lines;
}

function verdictLine(report: ScanReport, colors: Colors): string {
  const verdict = gateVerdict(report);
  if (verdict.status === 'passed') return colors.green(verdict.text);
  if (verdict.status === 'failed') return colors.red(verdict.text);
  return colors.yellow(verdict.text);
}

/** Replaces characters that could rewrite the terminal with visible `\u` escapes. */
export function safe(text: string): string {
  return text.replace(
    UNSAFE_FOR_TERMINAL,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
