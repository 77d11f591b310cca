import type { Severity } from '../core/finding.js';

export const REPORT_FORMATS = ['table', 'json', 'sarif', 'junit', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface FormatOptions {
  /** ANSI colours in the table format; the other formats ignore it. */
  color: boolean;
  /** Lowest severity listed by the human formats (table, Markdown, JUnit failures). */
  minSeverity: Severity;
  /** List suppressed findings in the human formats; they are always counted. */
  showSuppressed?: boolean;
  /**
   * The repository that contains the scanned folder: its absolute `root` and
   * the folder's `/`-separated path inside it (`''` for the root). SARIF
   * paths are then relative to the repository, as code scanning expects.
   */
  repository?: { root: string; prefix: string };
  /** SARIF `run.automationDetails.id`; `rampart/<mode>/` when absent. */
  automationId?: string;
  /**
   * Whether the scanner was run with --show-secrets, so that redacted fields
   * may contain raw values. The SARIF formatter rejects it.
   */
  showSecrets?: boolean;
}
