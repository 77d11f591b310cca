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
  /** SARIF `run.automationDetails.id`; `rampart/<mode>/` when absent. */
  automationId?: string;
  /**
   * Whether the scanner was run with --show-secrets, so that redacted fields
   * may contain raw values. The SARIF formatter rejects it.
   */
  showSecrets?: boolean;
}
