import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { UsageError } from '../../src/core/errors.js';
import {
  REPORT_FORMATS,
  formatJson,
  formatJunit,
  formatMarkdown,
  formatReport,
  formatSarif,
  formatTable,
} from '../../src/report/index.js';
import type { FormatOptions, ReportFormat } from '../../src/report/index.js';
import { PLANTED_SECRET, makeReport } from './sample-report.js';

const OPTIONS: FormatOptions = { color: false, minSeverity: 'info', showSuppressed: true };

describe('formatReport', () => {
  it('lists the five formats', () => {
    assert.deepEqual([...REPORT_FORMATS], ['table', 'json', 'sarif', 'junit', 'markdown']);
  });

  it('dispatches to each formatter', () => {
    const report = makeReport();
    const expected: Record<ReportFormat, string> = {
      table: formatTable(report, OPTIONS),
      json: formatJson(report),
      sarif: formatSarif(report, OPTIONS),
      junit: formatJunit(report, OPTIONS),
      markdown: formatMarkdown(report, OPTIONS),
    };
    for (const format of REPORT_FORMATS) {
      assert.equal(formatReport(report, format, OPTIONS), expected[format], format);
    }
  });

  it('rejects an unknown format', () => {
    assert.throws(
      () => formatReport(makeReport(), 'html' as ReportFormat, OPTIONS),
      (error: unknown) => error instanceof UsageError && /"html"/.test(error.message),
    );
  });

  it('keeps the planted secret out of every format but JSON', () => {
    const report = makeReport();
    for (const format of REPORT_FORMATS.filter((name) => name !== 'json')) {
      for (const color of [false, true]) {
        const output = formatReport(report, format, { ...OPTIONS, color });
        assert.equal(output.includes(PLANTED_SECRET), false, `${format}, color ${color}`);
      }
    }
  });

  it('JSON copies the report as it is', () => {
    // JSON output is the report object itself, so the planted test-only
    // fields come through; the schema test shows that they are not allowed.
    assert.ok(formatReport(makeReport(), 'json', OPTIONS).includes(PLANTED_SECRET));
  });
});
