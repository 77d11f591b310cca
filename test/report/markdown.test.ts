import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { Finding } from '../../src/core/finding.js';
import type { FormatOptions } from '../../src/report/format-options.js';
import {
  MARKDOWN_COMMENT_MARKER,
  codeSpan,
  escapeInline,
  formatMarkdown,
} from '../../src/report/markdown.js';
import { PLANTED_SECRET, makeFinding, makeReport } from './sample-report.js';

const OPTIONS: FormatOptions = { color: false, minSeverity: 'low' };

/** Lines of the findings table, header and separator excluded. */
function findingRows(markdown: string): string[] {
  const lines = markdown.split('\n');
  const header = lines.indexOf('| Severity | Rule | Location | Message |');
  if (header === -1) return [];
  const rows: string[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows;
}

describe('markdown format', () => {
  it('starts with the marker and verdict heading', () => {
    const lines = formatMarkdown(makeReport(), OPTIONS).split('\n');
    assert.equal(lines[0], MARKDOWN_COMMENT_MARKER);
    assert.equal(lines[2], '## ❌ Rampart: failed');
    assert.equal(lines[4], 'Gate failed: 3 findings at or above the fail-on level high.');
  });

  it('names where a taint path starts', () => {
    const step = (path: string, line: number, message: string) => ({ path, startLine: line, startColumn: 1, endLine: line, endColumn: 2, message });
    const finding = makeFinding({ ruleId: 'sast/js-sql-injection', severity: 'low', message: 'Request data reaches SQL' });
    finding.flow = [step('routes/orders.js', 28, 'source: req.query'), step('reports.js', 10, 'reaches the sink: sql')];
    const rows = findingRows(formatMarkdown(makeReport([finding]), OPTIONS));
    assert.equal(rows.length, 1);
    assert.match(rows[0] ?? '', /Request data reaches SQL \(from routes\/orders\.js:28, 2 steps\) \|$/);
  });

  it('shows a passed verdict', () => {
    const report = makeReport([makeFinding({ ruleId: 'iac/x', severity: 'low' })]);
    const markdown = formatMarkdown(report, OPTIONS);
    assert.match(markdown, /^## ✅ Rampart: passed$/m);
    assert.match(markdown, /^Gate passed: no findings at or above the fail-on level high\.$/m);
  });

  it('shows an incomplete verdict and the failed scanner', () => {
    const report = makeReport([], {
      scanners: [{ id: 'deps', status: 'failed', durationMs: 1, error: 'database missing' }],
      gate: { failOn: 'high', scannerFailOn: {}, failing: 0, exitCode: 3 },
    });
    const markdown = formatMarkdown(report, OPTIONS);
    assert.match(markdown, /^## ⚠️ Rampart: incomplete$/m);
    assert.match(markdown, /^- \*\*deps\*\* failed: database missing$/m);
  });

  it('counts findings by severity', () => {
    const markdown = formatMarkdown(makeReport(), OPTIONS);
    const table = [
      '| Severity | Findings |',
      '| --- | ---: |',
      '| Critical | 1 |',
      '| High | 2 |',
      '| Medium | 2 |',
      '| Low | 1 |',
      '| Info | 0 |',
    ].join('\n');
    assert.ok(markdown.includes(table), markdown);
  });

  it('lists findings most severe first', () => {
    const rows = findingRows(formatMarkdown(makeReport(), OPTIONS));
    assert.equal(rows.length, 6);
    assert.equal(
      rows[0],
      '| Critical | `secrets/aws-access-key-id` | `src/config/aws.ts:12` | ' +
        'AWS access key ID assigned to accessKeyId |',
    );
    assert.ok(rows[5]?.startsWith('| Low | `pipeline/unpinned-action` |'));
  });

  it('limits the table to 50 rows', () => {
    const findings: Finding[] = Array.from({ length: 73 }, (_, index) =>
      makeFinding({ ruleId: `sast/rule-${index}`, severity: 'high' }),
    );
    const markdown = formatMarkdown(makeReport(findings), OPTIONS);
    assert.equal(findingRows(markdown).length, 50);
    assert.match(markdown, /^…and 23 more findings\.$/m);
  });

  it('has no "more" line at 50 rows', () => {
    const findings = Array.from({ length: 50 }, (_, index) =>
      makeFinding({ ruleId: `sast/rule-${index}`, severity: 'high' }),
    );
    const markdown = formatMarkdown(makeReport(findings), OPTIONS);
    assert.equal(findingRows(markdown).length, 50);
    assert.equal(markdown.includes('more finding'), false);
  });

  it('escapes pipes, backticks and HTML in cells', () => {
    const rows = findingRows(formatMarkdown(makeReport(), OPTIONS));
    const evalRow = rows.find((row) => row.includes('sast/js-eval-injection'));
    assert.ok(evalRow);
    assert.ok(
      evalRow.endsWith('| eval(\\`\\${req.query.q}\\`) \\| runs &lt;script&gt; from the request |'),
      evalRow,
    );
    assert.equal(evalRow.split(/(?<!\\)\|/).length, 6);
  });

  it('counts suppressed and baselined findings', () => {
    const markdown = formatMarkdown(makeReport(), OPTIONS);
    assert.match(markdown, /^Suppressed: 2 · Baselined: 7$/m);
    const high = formatMarkdown(makeReport(), { ...OPTIONS, minSeverity: 'high' });
    assert.match(high, /^Suppressed: 2 · Baselined: 7 · Below high, not listed: 3$/m);
  });

  it('lists suppressed findings with showSuppressed', () => {
    const markdown = formatMarkdown(makeReport(), { ...OPTIONS, showSuppressed: true });
    const row = findingRows(markdown).find((line) => line.includes('secrets/generic-api-key'));
    assert.ok(row?.includes('(suppressed: fake key used by the unit tests (until 2030-01-31))'));
  });

  it('collapses suppression problems and file errors', () => {
    const markdown = formatMarkdown(makeReport(), OPTIONS);
    const details = markdown.slice(markdown.indexOf('<details>'), markdown.indexOf('</details>'));
    assert.ok(details.includes('<summary>Suppression problems and file errors (2)</summary>'));
    assert.ok(details.includes('- `src/legacy.ts:40` missing-reason: The suppression has no'));
    assert.ok(details.includes('- `config/broken.yaml`: Invalid YAML at line 3: bad indentation'));
  });

  it('leaves out the details block without problems', () => {
    const report = makeReport(undefined, { suppressionProblems: [], errors: [] });
    assert.equal(formatMarkdown(report, OPTIONS).includes('<details>'), false);
  });

  it('says so when nothing is listed', () => {
    const markdown = formatMarkdown(makeReport([]), OPTIONS);
    assert.match(markdown, /^No findings at or above low\.$/m);
    assert.deepEqual(findingRows(markdown), []);
  });

  it('never outputs the planted secret', () => {
    const options = { ...OPTIONS, minSeverity: 'info' as const, showSuppressed: true };
    assert.equal(formatMarkdown(makeReport(), options).includes(PLANTED_SECRET), false);
  });
});

describe('markdown escaping', () => {
  it('escapes HTML and mentions', () => {
    assert.equal(escapeInline('<img src=x> & @team'), '&lt;img src=x&gt; &amp; \\@team');
  });

  it('flattens line breaks', () => {
    assert.equal(escapeInline('one\r\ntwo\nthree'), 'one two three');
  });

  it('fences code spans around backticks', () => {
    assert.equal(codeSpan('a`b'), '``a`b``');
    assert.equal(codeSpan('`x`'), '`` `x` ``');
    assert.equal(codeSpan('a|b'), '`a\\|b`');
    assert.equal(codeSpan('a|b', false), '`a|b`');
  });
});

it('strips control characters from paths', () => {
  const report = makeReport();
  const first = report.findings[0];
  assert.ok(first);
  first.location.path = 'a\u001b[31mred\u0001.js';

  const text = formatMarkdown(report, { color: false, minSeverity: 'info' });

  assert.ok(!text.includes('\u001b'));
  assert.ok(!text.includes('\u0001'));
});
