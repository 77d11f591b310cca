/**
 * GitHub-flavoured Markdown for a pull-request comment: the verdict, counts
 * by severity, the first findings, and the problems met on the way.
 */
import { SEVERITIES } from '../core/finding.js';
import type { Finding } from '../core/finding.js';
import type { ScanReport } from '../core/report-types.js';
import type { FormatOptions } from './format-options.js';
import {
  countOf,
  formatBytes,
  formatSeconds,
  gateVerdict,
  hiddenBelowCount,
  locationLabel,
  suppressionLabel,
  visibleFindings,
} from './summary.js';

/** Rows in the findings table; the rest are counted in an "and N more" line. */
export const MAX_MARKDOWN_ROWS = 50;

/** Maximum length of a message in a table cell, in characters. */
const MAX_CELL_LENGTH = 300;

/** Hidden marker that lets a CI job find and update its earlier comment. */
export const MARKDOWN_COMMENT_MARKER = '<!-- rampart-report -->';

const STATUS_ICONS = { passed: '✅', failed: '❌', incomplete: '⚠️' } as const;

/** Formats the report as a Markdown pull-request comment. */
export function formatMarkdown(report: ScanReport, options: FormatOptions): string {
  const verdict = gateVerdict(report);
  const sections = [
    MARKDOWN_COMMENT_MARKER,
    `## ${STATUS_ICONS[verdict.status]} Rampart: ${verdict.status}`,
    escapeInline(verdict.text),
  ];

  const failed = report.scanners.filter((run) => run.status === 'failed');
  if (failed.length > 0) {
    const items = failed.map(
      (run) => `- **${run.id}** failed: ${escapeInline(run.error ?? 'no reason given')}`,
    );
    sections.push(['**Scanners that failed**', '', ...items].join('\n'));
  }

  sections.push(severityTable(report));
  sections.push(findingsSection(report, options));
  sections.push(otherCounts(report, options));

  const problems = problemDetails(report);
  if (problems !== undefined) sections.push(problems);

  sections.push(footer(report));
  return `${sections.join('\n\n')}\n`;
}

function severityTable(report: ScanReport): string {
  const rows = SEVERITIES.map(
    (severity) => `| ${capitalize(severity)} | ${report.summary.bySeverity[severity]} |`,
  );
  return ['| Severity | Findings |', '| --- | ---: |', ...rows].join('\n');
}

function findingsSection(report: ScanReport, options: FormatOptions): string {
  const findings = visibleFindings(report, options);
  if (findings.length === 0) {
    return `No findings at or above ${options.minSeverity}.`;
  }

  const rows = findings.slice(0, MAX_MARKDOWN_ROWS).map(findingRow);
  const lines = ['| Severity | Rule | Location | Message |', '| --- | --- | --- | --- |', ...rows];
  const more = findings.length - rows.length;
  if (more > 0) lines.push('', `…and ${countOf(more, 'more finding')}.`);
  return lines.join('\n');
}

function findingRow(finding: Finding): string {
  let message = truncate(finding.message, MAX_CELL_LENGTH);
  const source = finding.flow?.[0];
  if (source !== undefined && finding.flow !== undefined && finding.flow.length > 1) {
    // The table has no room for the whole taint path, so it names the start, which a reviewer needs most.
    message += ` (from ${source.path}:${source.startLine}, ${finding.flow.length} steps)`;
  }
  if (finding.suppressed !== undefined) {
    message += ` (suppressed: ${truncate(suppressionLabel(finding), MAX_CELL_LENGTH)})`;
  }
  const cells = [
    capitalize(finding.severity),
    codeSpan(finding.ruleId),
    codeSpan(locationLabel(finding.location, false)),
    escapeInline(message),
  ];
  return `| ${cells.join(' | ')} |`;
}

function otherCounts(report: ScanReport, options: FormatOptions): string {
  const parts = [
    `Suppressed: ${report.summary.suppressed}`,
    `Baselined: ${report.summary.baselined}`,
  ];
  const hidden = hiddenBelowCount(report, options.minSeverity);
  if (hidden > 0) parts.push(`Below ${options.minSeverity}, not listed: ${hidden}`);
  return parts.join(' · ');
}

/** Builds a collapsed block of suppression problems and file errors, if there are any. */
function problemDetails(report: ScanReport): string | undefined {
  const { suppressionProblems, errors } = report;
  const total = suppressionProblems.length + errors.length;
  if (total === 0) return undefined;

  const lines = [
    '<details>',
    `<summary>Suppression problems and file errors (${total})</summary>`,
    '',
  ];
  if (suppressionProblems.length > 0) {
    lines.push('**Suppression problems**', '');
    for (const problem of suppressionProblems) {
      const where = codeSpan(`${problem.path}:${problem.line}`, false);
      lines.push(`- ${where} ${problem.problem}: ${escapeInline(problem.message)}`);
    }
    lines.push('');
  }
  if (errors.length > 0) {
    lines.push('**File errors**', '');
    for (const error of errors) {
      lines.push(`- ${codeSpan(error.path, false)}: ${escapeInline(error.message)}`);
    }
    lines.push('');
  }
  lines.push('</details>');
  return lines.join('\n');
}

function footer(report: ScanReport): string {
  const { filesScanned, bytesScanned } = report.discovery;
  const scope = `${countOf(filesScanned, 'file')}, ${formatBytes(bytesScanned)}`;
  const version = escapeInline(report.tool.version);
  return `<sub>Rampart ${version} · ${scope} in ${formatSeconds(report.durationMs)}</sub>`;
}

const CONTROLS =
  // eslint-disable-next-line no-control-regex -- these are the characters to remove
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Removes control characters and bidirectional overrides, which a file name may carry. */
function stripControls(text: string): string {
  return text.replace(CONTROLS, '');
}

/**
 * Escapes text for a table cell or list item: HTML special characters become
 * entities, Markdown punctuation gets a backslash (`@` so that no user or team
 * is mentioned, `$` so that no math is rendered), and line breaks become spaces.
 */
export function escapeInline(text: string): string {
  return stripControls(text.replace(/[\r\n]+/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~@$#!]/g, '\\$&');
}

/**
 * Wraps `text` in a code span whose delimiter is longer than any backtick run
 * inside it. In a table cell `|` gets a backslash, which GitHub removes there.
 */
export function codeSpan(text: string, inTable = true): string {
  const oneLine = stripControls(text.replace(/[\r\n]+/g, ' '));
  const flat = inTable ? oneLine.replace(/\|/g, '\\|') : oneLine;
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
