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
  /**
   * The declaration that holds the finding, such as a Terraform resource
   * block or a Kubernetes object (SARIF's contextRegion). Suppression
   * comments of infrastructure tools apply to all of it.
   */
  context?: { startLine: number; endLine: number };
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

/** The package a dependency finding is about. */
export interface PackageEvidence {
  /** OSV ecosystem name, such as `npm` or `PyPI`. */
  ecosystem: string;
  name: string;
  version: string;
  purl: string;
  direct: boolean;
  scope: 'production' | 'development';
  /** One chain from the project root: the direct dependency first, this package last. */
  path: string[];
}

/** A known vulnerability, merged from the advisory records that alias each other. */
export interface VulnerabilityEvidence {
  /** The id the finding is named after: a CVE id when there is one. */
  id: string;
  /** Every other id of the same vulnerability (GHSA, PYSEC, GO, RUSTSEC...). */
  aliases: string[];
  summary?: string;
  published?: string;
  modified?: string;
  /** Source of the severity: a CVSS vector, the database's own word, or neither. */
  severitySource: 'cvss-v4' | 'cvss-v3' | 'cvss-v2' | 'database' | 'unknown';
  cvss?: { vector: string; score: number };
  /** Versions of this package that fix it, from the advisories. */
  fixedVersions: string[];
}

/** The upgrade that removes a package's known vulnerabilities. */
export interface FixAdvice {
  /** The package to upgrade: the vulnerable one when it is direct, else the same package (transitive). */
  package: string;
  /** Smallest version without any known vulnerability; absent when no fix is known. */
  version?: string;
  majorChange?: boolean;
  /** One line for people: what to change. */
  advice: string;
}

/** The licence evidence of a licence-policy finding. */
export interface LicenseEvidence {
  /** As the lockfile or manifest states it. */
  stated?: string;
  /** The SPDX expression it was read as. */
  expression?: string;
  verdict: 'denied' | 'not-allowed';
}

/** One step of the path data takes from a source to a sink (SARIF codeFlows). */
export interface FlowStep {
  path: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** What happens at this step, such as `source: req.query.id` or `assigned to q`. */
  message: string;
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
  /** For taint findings: the steps from the source to the sink, the sink last. */
  flow?: FlowStep[];
  commit?: CommitInfo;
  secret?: SecretEvidence;
  package?: PackageEvidence;
  vulnerability?: VulnerabilityEvidence;
  fix?: FixAdvice;
  license?: LicenseEvidence;
}

/**
 * Return every rule id that matches a finding: its own, and for a vulnerability the
 * scanner prefix with each alias (`deps/GHSA-...` for `deps/CVE-...`), so
 * that a suppression or rule setting written for an advisory id keeps
 * working after the advisory gains a CVE alias.
 */
export function ruleIdsOf(finding: Finding): string[] {
  const aliases = finding.vulnerability?.aliases ?? [];
  return [finding.ruleId, ...aliases.map((alias) => `${finding.scanner}/${alias}`)];
}
