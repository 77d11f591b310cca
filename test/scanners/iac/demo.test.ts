/**
 * The demo project's planted misconfigurations (examples/zpm/PLANTED.md,
 * "Infrastructure as code") are each reported by the rule and at the line
 * the table gives, and the demo's infrastructure files parse cleanly.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ScanReport } from '../../../src/core/report-types.js';
import { packageRoot } from '../../../src/core/package-root.js';
import { runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/tmp.js';

const DEMO = join(packageRoot(), 'examples', 'zpm');
const home = tempDir('rampart-iac-demo-home-');

/** Rows of the PLANTED.md table: path, lines and rule ids. */
function plantedRows(): Array<{ path: string; lines: number[]; rules: string[] }> {
  const text = readFileSync(join(DEMO, 'PLANTED.md'), 'utf8');
  const section = text.slice(text.indexOf('## Infrastructure as code'), text.indexOf('## Problems for the other stages'));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && line.includes('`iac/'))
    .map((line) => {
      const cells = line.split('|').map((cell) => cell.trim());
      return {
        path: cells[1] as string,
        lines: (cells[2] as string).split(',').map((value) => Number(value.trim())),
        rules: [...(cells[4] as string).matchAll(/`(iac\/[a-z0-9-]+)`/g)].map((match) => match[1] as string),
      };
    });
}

describe('iac on the demo project', () => {
  it('reports every planted misconfiguration at its line', async () => {
    const result = await runCli(['scan', DEMO, '--scanners', 'iac', '--format', 'json', '--fail-on', 'none'], DEMO, { HOME: home });
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as ScanReport;
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.warnings, []);
    const rows = plantedRows();
    assert.ok(rows.length >= 15, `expected the PLANTED.md table, found ${rows.length} rows`);
    const found = new Set(report.findings.map((finding) => `${finding.ruleId} ${finding.location.path}:${finding.location.startLine}`));
    const missing: string[] = [];
    for (const row of rows) {
      for (const rule of row.rules) {
        if (!row.lines.some((line) => found.has(`${rule} ${row.path}:${line}`))) missing.push(`${rule} ${row.path}:${row.lines.join(',')}`);
      }
    }
    assert.deepEqual(missing, []);
    const credentials = report.findings.find((finding) => finding.ruleId === 'iac/aws-provider-static-credentials');
    assert.ok(credentials);
    assert.ok(!JSON.stringify(credentials).includes('52O7mU8b5LP3vvf7CJdX5nrl'), 'the secret key must be redacted');
  });
});
