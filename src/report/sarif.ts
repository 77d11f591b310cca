/**
 * SARIF 2.1.0 output for GitHub code scanning and other SARIF viewers. The
 * log has one run, whose results carry every finding (suppressed ones with a
 * `suppressions` entry) up to GitHub's per-run limit.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

import { UsageError } from '../core/errors.js';
import type { ScanReport } from '../core/report-types.js';
import type { FormatOptions } from './format-options.js';
import { buildRules } from './sarif-rules.js';
import {
  MAX_RESULTS_PER_RUN,
  SOURCE_ROOT,
  artifactLocation,
  buildResults,
  selectFindings,
} from './sarif-results.js';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

// NOTE: the project has no published homepage yet; this is the npm package page.
export const RAMPART_INFORMATION_URI = 'https://www.npmjs.com/package/rampart';

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

interface Notification {
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  descriptor: { id: string };
  locations?: Record<string, unknown>[];
  properties?: Record<string, unknown>;
}

/**
 * Formats the report as a SARIF 2.1.0 log. Throws UsageError when
 * `options.showSecrets` is set, because SARIF files are uploaded and kept.
 */
export function formatSarif(report: ScanReport, options: FormatOptions): string {
  if (options.showSecrets === true) {
    throw new UsageError(
      'SARIF output cannot be combined with --show-secrets: remove --show-secrets, ' +
        'or use --format table for local triage.',
    );
  }
  return `${JSON.stringify(buildSarifLog(report, options), null, 2)}\n`;
}

/** Builds the SARIF log object that formatSarif serialises. */
export function buildSarifLog(input: ScanReport, options: FormatOptions): Record<string, unknown> {
  const report = options.repository ? relativeToRepository(input, options.repository.prefix) : input;
  const included = selectFindings(report.findings, MAX_RESULTS_PER_RUN);
  const { rules, indexById } = buildRules(included);
  const dropped = report.findings.length - included.length;

  const driver: Record<string, unknown> = { name: 'Rampart', version: report.tool.version };
  if (SEMVER.test(report.tool.version)) driver.semanticVersion = report.tool.version;
  driver.informationUri = RAMPART_INFORMATION_URI;
  driver.rules = rules;

  const run = {
    tool: { driver },
    automationDetails: { id: options.automationId ?? `rampart/${report.target.mode}/` },
    originalUriBaseIds: {
      [SOURCE_ROOT]: sourceRoot(options.repository?.root ?? report.target.path),
    },
    invocations: [invocation(report, dropped)],
    columnKind: 'utf16CodeUnits',
    results: buildResults(included, indexById),
    properties: runProperties(report),
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

/**
 * The report with every path prefixed by the scanned folder's place in its
 * repository: code scanning resolves SARIF paths against the repository
 * root, so `api/app.js` from a scan of `services/` must read
 * `services/api/app.js`.
 */
function relativeToRepository(report: ScanReport, prefix: string): ScanReport {
  if (prefix === '') return report;
  const join = (path: string): string => `${prefix}/${path}`;
  return {
    ...report,
    findings: report.findings.map((finding) => ({
      ...finding,
      location: { ...finding.location, path: join(finding.location.path) },
    })),
    errors: report.errors.map((error) => ({ ...error, path: join(error.path) })),
    suppressionProblems: report.suppressionProblems.map((problem) => ({
      ...problem,
      path: join(problem.path),
    })),
  };
}

/** Describes the scan root, with a `file:` URI when the target path is absolute. */
function sourceRoot(targetPath: string): Record<string, unknown> {
  const description = { text: `The scan target, given as ${targetPath}` };
  if (!isAbsolute(targetPath)) return { description };

  const href = pathToFileURL(targetPath).href;
  return { uri: href.endsWith('/') ? href : `${href}/`, description };
}

function invocation(report: ScanReport, dropped: number): Record<string, unknown> {
  const failed = report.scanners.filter((run) => run.status === 'failed');
  const result: Record<string, unknown> = {
    executionSuccessful: failed.length === 0 && report.gate.exitCode !== 3,
    exitCode: report.gate.exitCode,
  };

  const started = Date.parse(report.startedAt);
  if (!Number.isNaN(started)) {
    result.startTimeUtc = new Date(started).toISOString();
    result.endTimeUtc = new Date(started + report.durationMs).toISOString();
  }

  const execution = executionNotifications(report, dropped);
  if (execution.length > 0) result.toolExecutionNotifications = execution;
  const configuration = suppressionNotifications(report);
  if (configuration.length > 0) result.toolConfigurationNotifications = configuration;
  return result;
}

/** Builds notifications for failed scanners, unreadable files and results over the run limit. */
function executionNotifications(report: ScanReport, dropped: number): Notification[] {
  const notifications: Notification[] = [];
  for (const run of report.scanners) {
    if (run.status !== 'failed') continue;
    notifications.push({
      level: 'error',
      message: { text: `Scanner ${run.id} failed: ${run.error ?? 'no reason given'}` },
      descriptor: { id: 'rampart/scanner-failed' },
      properties: { scanner: run.id },
    });
  }

  for (const error of report.errors) {
    notifications.push({
      level: 'warning',
      message: { text: `${error.path}: ${error.message}` },
      descriptor: { id: 'rampart/file-error' },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(error.path) } }],
    });
  }

  if (dropped > 0) {
    const limit = MAX_RESULTS_PER_RUN.toLocaleString('en-US');
    notifications.push({
      level: 'warning',
      message: {
        text:
          `${dropped.toLocaleString('en-US')} findings were left out because GitHub code ` +
          `scanning accepts at most ` +
          `${limit} results per run; the most severe were kept. The JSON report has all of them.`,
      },
      descriptor: { id: 'rampart/results-truncated' },
      properties: { dropped, limit: MAX_RESULTS_PER_RUN },
    });
  }
  return notifications;
}

/** Builds notifications for suppression directives that are wrong, expired or unused. */
function suppressionNotifications(report: ScanReport): Notification[] {
  return report.suppressionProblems.map((problem) => ({
    level: 'warning',
    message: { text: `${problem.directive}: ${problem.message}` },
    descriptor: { id: `rampart/suppression-${problem.problem}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(problem.path),
          ...(problem.line >= 1 ? { region: { startLine: problem.line } } : {}),
        },
      },
    ],
  }));
}

function runProperties(report: ScanReport): Record<string, unknown> {
  const target: Record<string, unknown> = { path: report.target.path, mode: report.target.mode };
  if (report.target.revisions !== undefined) target.revisions = report.target.revisions;
  if (report.target.commitsScanned !== undefined) {
    target.commitsScanned = report.target.commitsScanned;
  }
  return {
    reportSchemaVersion: report.schemaVersion,
    target,
    summary: report.summary,
    gate: report.gate,
  };
}
