/** SARIF result objects for findings, and the per-run result limit. */
import { severityRank } from '../core/finding.js';
import type { Finding, FlowStep, Location } from '../core/finding.js';
import { SARIF_LEVELS } from './sarif-rules.js';
import type { SarifLevel } from './sarif-rules.js';

/** GitHub code scanning rejects a run with more results than this. */
export const MAX_RESULTS_PER_RUN = 25_000;

/** The `uriBaseId` of every relative artifact location: the scan target's root. */
export const SOURCE_ROOT = '%SRCROOT%';

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: [{ physicalLocation: Record<string, unknown> }];
  partialFingerprints: Record<string, string>;
  suppressions?: Record<string, unknown>[];
  codeFlows?: Record<string, unknown>[];
  properties: Record<string, unknown>;
}

/**
 * Chooses which findings fit in one run: the most severe first, and at equal
 * severity unsuppressed before suppressed. Returns the kept findings in their
 * report order.
 */
export function selectFindings(findings: readonly Finding[], limit: number): Finding[] {
  if (findings.length <= limit) return [...findings];

  const order = findings.map((_, index) => index);
  order.sort((a, b) => {
    const left = findings[a] as Finding;
    const right = findings[b] as Finding;
    const bySeverity = severityRank(right.severity) - severityRank(left.severity);
    if (bySeverity !== 0) return bySeverity;
    const bySuppression = suppressedRank(left) - suppressedRank(right);
    return bySuppression !== 0 ? bySuppression : a - b;
  });

  const included = order.slice(0, limit).sort((a, b) => a - b);
  return included.map((index) => findings[index] as Finding);
}

function suppressedRank(finding: Finding): number {
  return finding.suppressed === undefined ? 0 : 1;
}

/**
 * Builds the results for `findings`. `primaryLocationLineHash` is the
 * fingerprint plus a 1-based occurrence count, so that two findings with one
 * fingerprint stay apart while each keeps its value from scan to scan.
 */
export function buildResults(
  findings: readonly Finding[],
  ruleIndex: ReadonlyMap<string, number>,
): SarifResult[] {
  const occurrences = new Map<string, number>();
  return findings.map((finding) => {
    const occurrence = (occurrences.get(finding.fingerprint) ?? 0) + 1;
    occurrences.set(finding.fingerprint, occurrence);
    return toResult(finding, ruleIndex.get(finding.ruleId) ?? -1, occurrence);
  });
}

function toResult(finding: Finding, ruleIndex: number, occurrence: number): SarifResult {
  const result: SarifResult = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: SARIF_LEVELS[finding.severity],
    // One rule serves every package a vulnerability affects, so the fix of this package goes in the result.
    message: { text: finding.fix ? `${finding.message}. Fix: ${finding.fix.advice}` : finding.message },
    locations: [{ physicalLocation: physicalLocation(finding.location) }],
    partialFingerprints: {
      primaryLocationLineHash: `${finding.fingerprint}:${occurrence}`,
      'rampart/v1': finding.fingerprint,
    },
    properties: resultProperties(finding),
  };
  if (finding.flow !== undefined && finding.flow.length > 0) result.codeFlows = [codeFlow(finding.flow)];

  const suppression = finding.suppressed;
  if (suppression !== undefined) {
    const properties: Record<string, string> = { directive: suppression.directive };
    if (suppression.until !== undefined) properties.until = suppression.until;
    result.suppressions = [
      {
        kind: suppression.kind === 'inline' ? 'inSource' : 'external',
        status: 'accepted',
        justification: suppression.reason,
        properties,
      },
    ];
  }
  return result;
}

/** Result properties; of the secret evidence only the redacted value is copied. */
function resultProperties(finding: Finding): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    scanner: finding.scanner,
    severity: finding.severity,
    confidence: finding.confidence,
  };
  if (finding.commit !== undefined) properties.commit = { ...finding.commit };
  if (finding.secret !== undefined) properties.secret = { redacted: finding.secret.redacted };
  if (finding.owasp !== undefined) properties.owasp = finding.owasp;

  const { url, method, parameter } = finding.location;
  if (url !== undefined) properties.url = url;
  if (method !== undefined) properties.method = method;
  if (parameter !== undefined) properties.parameter = parameter;
  return properties;
}

/**
 * Converts a relative path to a percent-encoded URI under %SRCROOT%. A path
 * that is already an absolute URL is returned as it is.
 */
export function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return { uri: path };
  const uri = path.split('/').map(encodeURIComponent).join('/');
  return { uri, uriBaseId: SOURCE_ROOT };
}

/** A taint path as one SARIF code flow with one thread, the source first. */
function codeFlow(steps: readonly FlowStep[]): Record<string, unknown> {
  return {
    threadFlows: [
      {
        locations: steps.map((step) => ({
          location: {
            physicalLocation: physicalLocation({ path: step.path, startLine: step.startLine, startColumn: step.startColumn, endLine: step.endLine, endColumn: step.endColumn }),
            message: { text: step.message },
          },
        })),
      },
    ],
  };
}

function physicalLocation(location: Location): Record<string, unknown> {
  const physical: Record<string, unknown> = { artifactLocation: artifactLocation(location.path) };
  const region = toRegion(location);
  if (region !== undefined) physical.region = region;
  const context = location.context;
  if (region !== undefined && context !== undefined && context.startLine >= 1 && context.endLine >= context.startLine) {
    physical.contextRegion = { startLine: context.startLine, endLine: context.endLine };
  }
  return physical;
}

/** Builds the region, leaving out values below 1, which SARIF forbids for lines and columns. */
function toRegion(location: Location): Record<string, unknown> | undefined {
  if (!(location.startLine >= 1)) return undefined;

  const region: Record<string, unknown> = { startLine: location.startLine };
  if (location.startColumn >= 1) region.startColumn = location.startColumn;
  if (location.endLine >= location.startLine) region.endLine = location.endLine;
  if (location.endColumn >= 1) region.endColumn = location.endColumn;
  if (location.snippet !== undefined) region.snippet = { text: location.snippet };
  return region;
}
