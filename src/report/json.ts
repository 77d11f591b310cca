import type { ScanReport } from '../core/report-types.js';

/**
 * Formats the report as pretty-printed JSON, every finding included whatever
 * the display threshold. schemas/report.schema.json describes the output.
 */
export function formatJson(report: ScanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
