/** Report formatters: each turns a ScanReport into the text of one output format. */
import { UsageError } from '../core/errors.js';
import type { ScanReport } from '../core/report-types.js';
import { REPORT_FORMATS } from './format-options.js';
import type { FormatOptions, ReportFormat } from './format-options.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatTable } from './table.js';

export { REPORT_FORMATS };
export type { FormatOptions, ReportFormat } from './format-options.js';
export { formatJson, formatJunit, formatMarkdown, formatSarif, formatTable };

/**
 * Formats `report` as `format`. Throws UsageError for an unknown format and
 * for SARIF with `options.showSecrets`.
 */
export function formatReport(
  report: ScanReport,
  format: ReportFormat,
  options: FormatOptions,
): string {
  switch (format) {
    case 'table':
      return formatTable(report, options);
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, options);
    case 'junit':
      return formatJunit(report, options);
    case 'markdown':
      return formatMarkdown(report, options);
  }
  throw new UsageError(
    `Unknown report format "${String(format)}": use one of ${REPORT_FORMATS.join(', ')}.`,
  );
}
