/**
 * The finding record that every scanner emits. The JSON report schema
 * (schemas/report.schema.json) is built from these types, so a change here
 * is a change to a public contract: bump REPORT_SCHEMA_VERSION with it.
 */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const SCANNER_IDS = [
  'secrets',
  'deps',
  'supply-chain',
  'sast',
  'iac',
  'pipeline',
  'threat-model',
  'dast',
] as const;
export type ScannerId = (typeof SCANNER_IDS)[number];

/** Rank of a severity: critical is 4, info is 0. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(severity);
}

/** Whether `severity` is at or above `threshold`. */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}

export interface Location {
  /** Relative to the scan target, `/`-separated. */
  path: string;
  /** 1-based. */
  startLine: number;
  /** 1-based, in UTF-16 code units like editors and SARIF's default. */
  startColumn: number;
  endLine: number;
  /** 1-based, exclusive. */
  endColumn: number;
  /** The source line(s) of the match, with any secret redacted. */
  snippet?: string;
  url?: string;
  method?: string;
  parameter?: string;
}

/** The git commit that introduced a finding, in history and staged scans. */
export interface CommitInfo {
  sha: string;
  author: string;
  email: string;
  /** ISO 8601. */
  date: string;
  summary: string;
}

export interface Suppression {
  /** `inline` for a comment in the file, `config` for rampart.yaml. */
  kind: 'inline' | 'config';
  reason: string;
  /** ISO date (YYYY-MM-DD) after which the suppression stops applying. */
  until?: string;
  /** The directive as written, such as `rampart:ignore` or `gitleaks:allow`. */
  directive: string;
}

/** Redacted evidence of a detected secret; the raw value is never stored. */
export interface SecretEvidence {
  /** A short prefix followed by asterisks, or the raw value with --show-secrets. */
  redacted: string;
  length: number;
  /** Shannon entropy of the value in bits per character. */
  entropy: number;
}

export interface Finding {
  ruleId: string;
  scanner: ScannerId;
  severity: Severity;
  confidence: Confidence;
  title: string;
  message: string;
  location: Location;
  fingerprint: string;
  cwe?: string[];
  owasp?: string[];
  /** Compliance controls per framework, such as `{ "nist-800-53": ["IA-5"] }`. */
  controls?: Record<string, string[]>;
  remediation?: string;
  references?: string[];
  tags?: string[];
  suppressed?: Suppression;
  commit?: CommitInfo;
  secret?: SecretEvidence;
}
