import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig } from '../../src/core/config-types.js';
import { runScan, type ScanRequest } from '../../src/core/engine.js';
import type { Scanner } from '../../src/core/scanner.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const crashing: Scanner = {
  id: 'sast',
  claims: (path) => path.endsWith('.js'),
  scanText: () => {
    throw new Error('parser blew up');
  },
};

function request(root: string, overrides: Partial<ScanRequest> = {}): ScanRequest {
  return {
    root,
    targetLabel: '.',
    mode: 'tree',
    config: defaultConfig(),
    showSecrets: false,
    continueOnError: false,
    extraScanners: [crashing],
    ...overrides,
  };
}

test('crashing scanner fails the run with exit code 3', async () => {
  const root = tempDir();
  writeTree(root, { 'app.js': 'const a = 1;\n' });

  const report = await runScan(request(root));

  const run = report.scanners.find((r) => r.id === 'sast');
  assert.equal(run?.status, 'failed');
  assert.match(run?.error ?? '', /crashed on app\.js: parser blew up/);
  assert.equal(report.gate.exitCode, 3);
  assert.equal(report.scanners.find((r) => r.id === 'secrets')?.status, 'ok');
});

test('continue-on-error turns a crash into a warning', async () => {
  const root = tempDir();
  writeTree(root, { 'app.js': 'const a = 1;\n' });

  const report = await runScan(request(root, { continueOnError: true }));

  assert.equal(report.gate.exitCode, 0);
  assert.equal(report.scanners.find((r) => r.id === 'sast')?.status, 'failed');
});

test('expired config suppression no longer applies', async () => {
  const root = tempDir();
  writeTree(root, { 'app.py': 'token = "ghp_eauowE1t7F3jAKeCAlRL8KTdfimOqy4EjZDF"\n' });
  const config = defaultConfig();
  config.suppressions = [{ rule: '*', paths: ['*.py'], reason: 'test data', until: '2026-01-31' }];

  const before = await runScan(request(root, { config, extraScanners: [], today: '2026-01-30' }));
  const after = await runScan(request(root, { config, extraScanners: [], today: '2026-02-01' }));

  assert.equal(before.summary.suppressed, 1);
  assert.equal(before.gate.exitCode, 0);
  assert.equal(after.summary.suppressed, 0);
  assert.equal(after.gate.exitCode, 1);
  assert.ok(after.suppressionProblems.some((p) => p.problem === 'expired'));
});

test('unused directives of stages that did not run are not reported', async () => {
  const root = tempDir();
  writeTree(root, {
    'main.tf': '# checkov:skip=CKV_AWS_20:public website bucket\nresource "x" "y" {}\n',
    'app.py': '# nosemgrep: python.lang.security.audit.eval\nx = 1\n',
    'notes.js': '// rampart:ignore[secrets/jwt] reason="kept for a demo"\nconst a = 1;\n',
  });

  const config = defaultConfig();
  config.scanners.iac = { enabled: false };
  config.scanners.sast = { enabled: false };
  const report = await runScan(request(root, { config, extraScanners: [] }));

  assert.deepEqual(
    report.suppressionProblems.map((p) => [p.path, p.problem]),
    [['notes.js', 'unused']],
  );

  // Once iac and sast run, the checkov and nosemgrep comments that cover no finding are unused too.
  const withAll = await runScan(request(root, { extraScanners: [] }));
  assert.deepEqual(
    withAll.suppressionProblems.map((p) => [p.path, p.problem]),
    [['app.py', 'unused'], ['main.tf', 'unused'], ['notes.js', 'unused']],
  );
});
