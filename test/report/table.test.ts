import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { FormatOptions } from '../../src/report/format-options.js';
import { formatTable, safe } from '../../src/report/table.js';
import { PLANTED_SECRET, makeFinding, makeReport } from './sample-report.js';

const OPTIONS: FormatOptions = { color: false, minSeverity: 'info' };
// eslint-disable-next-line no-control-regex -- ANSI sequences start with ESC
const ANSI = /\u001b\[[0-9;]*m/;
const SEVERITY_LINE = /^(CRITICAL|HIGH|MEDIUM|LOW|INFO) +(\S+) {2}(.+)$/;

/** Extracts the finding header lines as [severity, ruleId, location]. */
function headers(text: string): string[][] {
  return text
    .split('\n')
    .map((line) => SEVERITY_LINE.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => match.slice(1, 4) as string[]);
}

describe('table format', () => {
  it('groups findings by severity, critical first', () => {
    const severities = headers(formatTable(makeReport(), OPTIONS)).map((header) => header[0]);
    assert.deepEqual(severities, ['CRITICAL', 'HIGH', 'HIGH', 'MEDIUM', 'MEDIUM', 'LOW']);
  });

  it('sorts unsorted findings into groups', () => {
    const findings = ['low', 'critical', 'medium', 'critical'].map((severity, index) =>
      makeFinding({ ruleId: `sast/r${index}`, severity: severity as 'low' }),
    );
    const rules = headers(formatTable(makeReport(findings), OPTIONS)).map((header) => header[1]);
    assert.deepEqual(rules, ['sast/r1', 'sast/r3', 'sast/r2', 'sast/r0']);
  });

  it('prints finding header, message and snippet', () => {
    const lines = formatTable(makeReport(), OPTIONS).split('\n');
    const start = lines.indexOf('CRITICAL  secrets/aws-access-key-id  src/config/aws.ts:12:22');
    assert.notEqual(start, -1, lines.join('\n'));
    assert.equal(lines[start + 1], '          AWS access key ID assigned to accessKeyId');
    assert.equal(lines[start + 2], '          │ const accessKeyId = "AKIA****************";');
  });

  it('prints the commit of a history finding', () => {
    const text = formatTable(makeReport(), OPTIONS);
    const line = 'commit 9b2e41c7a3f0 2024-03-18T09:41:07Z Dana Ortiz: Add deploy script';
    assert.ok(text.includes(`\n          ${line}\n`), text);
  });

  it('hides suppressed findings by default', () => {
    const text = formatTable(makeReport(), OPTIONS);
    assert.equal(text.includes('secrets/generic-api-key'), false);
    assert.match(text, /· 2 suppressed ·/);
  });

  it('shows suppressed findings on request', () => {
    const text = formatTable(makeReport(), { ...OPTIONS, showSuppressed: true });
    const rules = headers(text).map((header) => header[1]);
    assert.ok(rules.includes('secrets/generic-api-key'));
    assert.ok(text.includes('suppressed: fake key used by the unit tests (until 2030-01-31)'));
  });

  it('uses colour codes only when asked', () => {
    assert.equal(ANSI.test(formatTable(makeReport(), OPTIONS)), false);
    const colored = formatTable(makeReport(), { ...OPTIONS, color: true });
    assert.ok(colored.includes('\u001b[41m'), 'critical label has a red background');
    assert.ok(colored.includes('\u001b[33mMEDIUM  \u001b[39m'), 'medium label is yellow');
  });

  it('ends with the summary and verdict', () => {
    const lines = formatTable(makeReport(), OPTIONS).trimEnd().split('\n');
    assert.equal(
      lines.at(-2),
      '6 findings (1 critical, 2 high, 2 medium, 1 low) · 2 suppressed · 7 baselined · ' +
        '1,204 files, 14.2 MB in 0.84 s',
    );
    assert.equal(lines.at(-1), 'Gate failed: 3 findings at or above the fail-on level high.');
  });

  it('counts findings below minSeverity', () => {
    const text = formatTable(makeReport(), { ...OPTIONS, minSeverity: 'high' });
    assert.deepEqual(
      headers(text).map((header) => header[0]),
      ['CRITICAL', 'HIGH', 'HIGH'],
    );
    assert.match(text, /\(1 critical, 2 high, 2 medium, 1 low\) · 3 below high not shown ·/);
  });

  it('prints one line when there are no findings', () => {
    const report = makeReport([], { suppressionProblems: [], errors: [] });
    const lines = formatTable(report, OPTIONS).trimEnd().split('\n');
    assert.deepEqual(lines, [
      'No findings.',
      '',
      '0 findings · 7 baselined · 1,204 files, 14.2 MB in 0.84 s',
      'Gate passed: no findings at or above the fail-on level high.',
    ]);
  });

  it('lists problems and failed scanners', () => {
    const report = makeReport(undefined, {
      scanners: [{ id: 'deps', status: 'failed', durationMs: 1, error: 'database missing' }],
      gate: { failOn: 'high', scannerFailOn: { secrets: 'low' }, failing: 3, exitCode: 3 },
    });
    const text = formatTable(report, OPTIONS);
    assert.ok(text.includes('Scanners that failed (1)\n  deps  database missing\n'));
    assert.ok(text.includes('Suppression problems (1)\n  src/legacy.ts:40  missing-reason  '));
    assert.ok(text.includes('File errors (1)\n  config/broken.yaml  Invalid YAML at line 3'));
    assert.ok(
      text.trimEnd().endsWith(
        'Scan incomplete: deps failed; 3 findings at or above the fail-on level ' +
          'high (secrets: low).',
      ),
    );
  });

  it('escapes terminal control sequences', () => {
    const finding = makeFinding({
      ruleId: 'sast/odd',
      message: 'clear\u001b[2J screen \u202e reversed',
    });
    const text = formatTable(makeReport([finding]), OPTIONS);
    assert.equal(text.includes('\u001b'), false);
    assert.ok(text.includes('clear\\u001b[2J screen \\u202e reversed'));
    assert.equal(safe('tab\tstays'), 'tab\tstays');
  });

  it('never outputs the planted secret', () => {
    const text = formatTable(makeReport(), { ...OPTIONS, showSuppressed: true, color: true });
    assert.equal(text.includes(PLANTED_SECRET), false);
  });
});

it('keeps file names with line breaks on one line', () => {
  const report = makeReport();
  const first = report.findings[0];
  assert.ok(first);
  first.location.path = 'evil\nname\r.js';

  const text = formatTable(report, { color: false, minSeverity: 'info' });

  assert.ok(text.includes('evil\\u000aname\\u000d.js'), text);
});

it('prints warnings and the invalid UTF-8 count', () => {
  const report = makeReport(undefined, { warnings: ['the repository is a shallow clone'] });
  report.discovery.invalidUtf8 = 3;

  const text = formatTable(report, { color: false, minSeverity: 'info' });

  assert.match(text, /Warnings \(1\)\n {2}the repository is a shallow clone/);
  assert.match(text, /3 files were not valid UTF-8/);
});

describe('table layout between severities', () => {
  it('separates findings by one blank line', () => {
    const report = makeReport([
      makeFinding({ ruleId: 'deps/CVE-2020-14343', severity: 'critical' }),
      makeFinding({ ruleId: 'deps/CVE-2021-23337', severity: 'high' }),
    ]);
    const text = formatTable(report, OPTIONS);
    assert.ok(!text.includes('\n\n\n'), text);
  });

  it('prints the fix of a dependency finding', () => {
    const finding = makeFinding({
      ruleId: 'deps/CVE-2021-23337',
      severity: 'high',
      fix: { package: 'lodash', version: '4.17.21', majorChange: false, advice: 'upgrade lodash from 4.17.20 to 4.17.21' },
    });
    const text = formatTable(makeReport([finding]), OPTIONS);
    assert.match(text, /^ {10}fix: upgrade lodash from 4\.17\.20 to 4\.17\.21$/m);
  });
});
