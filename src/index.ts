/**
 * Rampart's public library API. Everything not exported here is internal
 * and may change without notice.
 */
export type {
  Finding,
  Location,
  Severity,
  Confidence,
  ScannerId,
  CommitInfo,
  Suppression,
  SecretEvidence,
} from './core/finding.js';
export { SEVERITIES, SCANNER_IDS, atOrAbove } from './core/finding.js';
export type { ScanReport, ScanMode } from './core/report-types.js';
export { REPORT_SCHEMA_VERSION } from './core/report-types.js';
export type { Scanner, ScannerOptions, ProjectContext } from './core/scanner.js';
export type { RampartConfig } from './core/config-types.js';
export { loadConfig } from './core/config.js';
export { runScan, type ScanRequest } from './core/engine.js';
export { formatReport, type ReportFormat } from './report/index.js';
export { UsageError } from './core/errors.js';
