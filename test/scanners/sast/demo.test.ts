/**
 * The demo project's planted code flaws (the `sast` rows of
 * examples/zpm/PLANTED.md) are each reported at the line the table gives,
 * with no other sast finding, and the two that cross files carry their
 * path from the route to the sink.
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
const home = tempDir('rampart-sast-demo-home-');

function plantedRows(): string[] {
  const text = readFileSync(join(DEMO, 'PLANTED.md'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.startsWith('| sast |'))
    .map((line) => {
      const cells = line.split('|').map((cell) => cell.trim());
      return `${cells[2]}:${cells[3]}`;
    });
}

describe('sast on the demo project', () => {
  it('reports every planted flaw and nothing else', async () => {
    const result = await runCli(['scan', DEMO, '--scanners', 'sast', '--format', 'json', '--fail-on', 'none'], DEMO, { HOME: home });
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as ScanReport;
    assert.deepEqual(report.errors, []);
    // The test token's `rampart:ignore[jwt]` names a secrets rule, which is not unused in a sast-only scan.
    assert.deepEqual(report.suppressionProblems, []);
    const planted = plantedRows();
    assert.equal(planted.length, 9);
    const found = new Set(report.findings.map((finding) => `${finding.location.path}:${finding.location.startLine}`));
    assert.deepEqual(planted.filter((row) => !found.has(row)), []);
    assert.deepEqual([...found].filter((row) => !planted.includes(row)), []);
  });

  it('shows the path of the injection in the invoice command', async () => {
    const result = await runCli(['scan', DEMO, '--scanners', 'sast', '--fail-on', 'none', '--no-progress'], DEMO, { HOME: home });
    assert.equal(result.code, 0, result.stderr);
    const block = result.stdout.split('\n\n').find((part) => part.includes('sast/js-command-injection'));
    assert.ok(block, result.stdout);
    assert.match(block, /1\. api\/src\/routes\/orders\.js:38 {2}source: req\.query\n\s+2\. api\/src\/routes\/orders\.js:38 {2}passed to renderInvoicePdf\n\s+3\. api\/src\/invoices\.js:9 {2}parameter paperSize\n\s+4\. api\/src\/invoices\.js:13 {2}reaches the sink/);
  });
});
