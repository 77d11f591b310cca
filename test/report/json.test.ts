import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { REPORT_SCHEMA_VERSION } from '../../src/core/report-types.js';
import type { ScanReport } from '../../src/core/report-types.js';
import { formatJson } from '../../src/report/json.js';
import { makeFinding, makeReport, withoutPlantedFields } from './sample-report.js';
import { describeErrors, reportValidator } from './validators.js';

const validate = reportValidator();

function parse(text: string): ScanReport {
  return JSON.parse(text) as ScanReport;
}

describe('json format', () => {
  it('output validates against the report schema', () => {
    const output = formatJson(withoutPlantedFields(makeReport()));
    const valid = validate(JSON.parse(output));
    assert.equal(valid, true, describeErrors(validate));
  });

  it('minimal report validates', () => {
    const report = makeReport([], { suppressionProblems: [], errors: [] });
    const valid = validate(JSON.parse(formatJson(report)));
    assert.equal(valid, true, describeErrors(validate));
  });

  it('history report with baseline validates', () => {
    const report = makeReport([makeFinding({ ruleId: 'secrets/jwt', severity: 'low' })], {
      target: {
        path: '/srv/repo',
        mode: 'history',
        revisions: 'main~20..main',
        commitsScanned: 20,
      },
      baseline: { path: '.rampart-baseline.json', entries: 7 },
      gate: { failOn: 'medium', scannerFailOn: { secrets: 'low' }, failing: 1, exitCode: 1 },
    });
    const valid = validate(JSON.parse(formatJson(report)));
    assert.equal(valid, true, describeErrors(validate));
  });

  it('schema version matches the code constant', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../../schemas/report.schema.json', import.meta.url), 'utf8'),
    ) as { properties: { schemaVersion: { const: string } } };
    assert.equal(schema.properties.schemaVersion.const, REPORT_SCHEMA_VERSION);
  });

  it('docs example validates', () => {
    const docs = readFileSync(new URL('../../../docs/report-schema.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(docs)?.[1];
    assert.ok(example, 'no json block in docs/report-schema.md');
    const valid = validate(JSON.parse(example));
    assert.equal(valid, true, describeErrors(validate));
  });

  it('keeps every finding whatever the severity', () => {
    const report = makeReport();
    const parsed = parse(formatJson(report));
    assert.equal(parsed.findings.length, report.findings.length);
    assert.ok(parsed.findings.some((finding) => finding.severity === 'info'));
    assert.ok(parsed.findings.some((finding) => finding.suppressed !== undefined));
  });

  it('is pretty-printed with a final newline', () => {
    const output = formatJson(makeReport([]));
    assert.ok(output.startsWith('{\n  "schemaVersion": '));
    assert.ok(output.endsWith('}\n'));
  });

  it('schema rejects the planted test-only fields', () => {
    const report = makeReport();
    const valid = validate(JSON.parse(formatJson(report)));
    assert.equal(valid, false);
    const paths = (validate.errors ?? []).map((error) => error.instancePath);
    assert.ok(paths.some((path) => path.startsWith('/findings/0')), paths.join(', '));
  });

  it('schema rejects a wrong schema version', () => {
    const report = withoutPlantedFields(makeReport([]));
    report.schemaVersion = '0.9.0';
    assert.equal(validate(JSON.parse(formatJson(report))), false);
  });

  it('schema rejects an unknown severity', () => {
    const report = withoutPlantedFields(makeReport());
    (report.findings[0] as { severity: string }).severity = 'urgent';
    assert.equal(validate(JSON.parse(formatJson(report))), false);
  });

  it('schema rejects a missing severity count', () => {
    const report = withoutPlantedFields(makeReport());
    delete (report.summary.bySeverity as Partial<Record<string, number>>).info;
    assert.equal(validate(JSON.parse(formatJson(report))), false);
  });
});
