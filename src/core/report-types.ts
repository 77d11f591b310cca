import type { FailOn } from './config-types.js';
import type { ProjectInventory } from '../scanners/deps/types.js';
import type { Finding, ScannerId, Severity } from './finding.js';

/** Version of the JSON report format; see docs/report-schema.md. */
export const REPORT_SCHEMA_VERSION = '1.2.0';

/** `sbom` scans an existing SBOM file instead of a tree. */
export type ScanMode = 'tree' | 'staged' | 'history' | 'sbom';

export interface ScannerRun {
  id: ScannerId;
  status: 'ok' | 'failed';
  durationMs: number;
  /** One-line reason, present when status is `failed`. */
  error?: string;
}

/** A file that could not be read or parsed; the scan went on without it. */
export interface FileError {
  path: string;
  message: string;
}

/** A suppression directive that is wrong or unused. */
export interface SuppressionProblem {
  path: string;
  line: number;
  directive: string;
  problem: 'missing-reason' | 'expired' | 'unused' | 'invalid';
  message: string;
}

export interface DiscoveryStats {
  filesScanned: number;
  bytesScanned: number;
  /** Scanned files that were not valid UTF-8; invalid bytes were replaced. */
  invalidUtf8: number;
  skipped: {
    binary: number;
    tooLarge: number;
    vendored: number;
    ignored: number;
    symlink: number;
    unreadable: number;
  };
}

export interface ReportSummary {
  /** Findings reported, suppressed ones included, baselined ones not. */
  total: number;
  /** Unsuppressed findings per severity. */
  bySeverity: Record<Severity, number>;
  suppressed: number;
  /** Findings left out because the baseline contains them. */
  baselined: number;
}

export interface GateResult {
  failOn: FailOn;
  /** Per-scanner thresholds that differ from `failOn`. */
  scannerFailOn: Partial<Record<ScannerId, FailOn>>;
  /** Unsuppressed, non-baselined findings at or above their threshold. */
  failing: number;
  exitCode: 0 | 1 | 3;
}

export interface ScanReport {
  schemaVersion: string;
  tool: { name: 'rampart'; version: string };
  target: {
    /** As given on the command line. */
    path: string;
    mode: ScanMode;
    /** For history scans: the revision range. */
    revisions?: string;
    commitsScanned?: number;
  };
  startedAt: string;
  durationMs: number;
  scanners: ScannerRun[];
  discovery: DiscoveryStats;
  summary: ReportSummary;
  gate: GateResult;
  /** Every finding, suppressed ones included, sorted by severity then location. */
  findings: Finding[];
  suppressionProblems: SuppressionProblem[];
  errors: FileError[];
  /** Conditions that make the result less complete than it looks, such as a shallow clone. */
  warnings: string[];
  /** Dependency inventory, one entry per lockfile; present when the deps scanner ran. */
  inventory?: ProjectInventory[];
  /** The advisory source the deps scanner used. */
  advisories?: AdvisorySourceInfo;
  baseline?: { path: string; entries: number };
}

export interface AdvisorySourceInfo {
  /** `none` when no database was available, so only the inventory is reported. */
  mode: 'database' | 'online' | 'none';
  /** Path of the SQLite database. */
  database?: string;
  /** ISO time of the database's oldest source update. */
  updatedAt?: string;
  records?: number;
}
