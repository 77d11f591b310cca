import assert from 'node:assert/strict';
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { normaliseExclude } from '../../src/cli/scan.js';
import type { ScanReport } from '../../src/core/report-types.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const TOKEN = 'ghp_eauowE1t7F3jAKeCAlRL8KTdfimOqy4EjZDF';
const OTHER_TOKEN = 'ghp_Zb3xq9LmN2pR7tV5wY8zA1cD4fG6hJ0kM3nQ';

function projectWithToken(extra: Record<string, string> = {}): string {
  const root = tempDir();
  writeTree(root, { 'src/client.js': `const token = "${TOKEN}";\n`, 'README.md': '# demo\n', ...extra });
  return root;
}

async function jsonScan(root: string, ...args: string[]): Promise<{ code: number; report: ScanReport; stderr: string }> {
  const result = await runCli(['scan', '.', '--format', 'json', ...args], root);
  return { code: result.code, report: JSON.parse(result.stdout) as ScanReport, stderr: result.stderr };
}

test('scan finds a token, redacts it and exits 1', async () => {
  const root = projectWithToken();

  const result = await runCli(['scan', '.'], root);

  assert.equal(result.code, 1);
  assert.match(result.stdout, /secrets\/github/);
  assert.match(result.stdout, /src\/client\.js:1/);
  assert.ok(!result.stdout.includes(TOKEN.slice(4)), 'table output contains the raw token');
  assert.equal(result.stderr, '');
});

test('scan JSON report carries the finding and counts', async () => {
  const root = projectWithToken();

  const { code, report } = await jsonScan(root);

  assert.equal(code, 1);
  assert.equal(report.findings.length, 1);
  const [finding] = report.findings;
  assert.equal(finding?.location.path, 'src/client.js');
  assert.equal(finding?.location.startLine, 1);
  assert.equal(finding?.location.startColumn, 16);
  assert.equal(report.discovery.filesScanned, 2);
  assert.equal(report.gate.failing, 1);
  assert.ok(!JSON.stringify(report).includes(TOKEN.slice(4)));
});

test('fail-on none and per-scanner thresholds pass the gate', async () => {
  const root = projectWithToken();

  const flag = await runCli(['scan', '.', '--fail-on', 'none'], root);
  writeFileSync(join(root, 'rampart.yaml'), 'scanners:\n  secrets:\n    fail-on: none\n');
  const config = await runCli(['scan', '.'], root);

  assert.equal(flag.code, 0);
  assert.equal(config.code, 0);
});

test('fail-on flag overrides per-scanner fail-on', async () => {
  const strict = projectWithToken({ 'rampart.yaml': 'scanners:\n  secrets:\n    fail-on: critical\n' });
  const lenient = projectWithToken({ 'rampart.yaml': 'scanners:\n  secrets:\n    fail-on: none\n' });

  const strictNone = await jsonScan(strict, '--fail-on', 'none');
  const lenientCritical = await jsonScan(lenient, '--fail-on', 'critical');
  const lenientAlone = await jsonScan(lenient);

  assert.equal(strictNone.code, 0);
  assert.equal(strictNone.report.gate.failOn, 'none');
  assert.deepEqual(strictNone.report.gate.scannerFailOn, {});
  assert.equal(lenientCritical.code, 1);
  assert.equal(lenientCritical.report.gate.failing, 1);
  assert.equal(lenientAlone.code, 0);
});

test('fail-on flag keeps scanners disabled in the config', async () => {
  const root = projectWithToken({ 'rampart.yaml': 'scanners:\n  secrets:\n    enabled: false\n' });

  const { code, report } = await jsonScan(root, '--fail-on', 'low');

  assert.equal(code, 0);
  assert.equal(report.findings.length, 0);
});

test('exclude strips ./ and anchors a leading slash', async () => {
  const root = projectWithToken({ 'lib/src/other.js': `const token = "${OTHER_TOKEN}";\n` });

  const dotted = await jsonScan(root, '--exclude', './src/**');
  const anchored = await jsonScan(root, '--exclude', '/src');
  const unanchored = await jsonScan(root, '--exclude', 'src');

  assert.deepEqual(dotted.report.findings.map((f) => f.location.path), ['lib/src/other.js']);
  assert.deepEqual(anchored.report.findings.map((f) => f.location.path), ['lib/src/other.js']);
  assert.equal(unanchored.report.findings.length, 0);
  assert.equal(unanchored.code, 0);
});

test('exclude rejects empty and comment patterns', async () => {
  const root = projectWithToken();

  for (const pattern of ['', ' ', './', '#src']) {
    const result = await runCli(['scan', '.', '--exclude', pattern], root);
    assert.equal(result.code, 2, `--exclude "${pattern}" exited ${result.code}`);
    assert.match(result.stderr, /^rampart: --exclude "[^"]*": /, pattern);
    assert.equal(result.stdout, '', pattern);
  }
  assert.equal(normaliseExclude('!./src/*.js'), '!src/*.js');
  assert.equal(normaliseExclude('././a'), 'a');
  assert.equal(normaliseExclude('\\#notes'), '\\#notes');
});

test('severity flag hides findings but the gate still fails', async () => {
  const root = projectWithToken();
  const { report } = await jsonScan(root);
  const ruleId = report.findings[0]?.ruleId as string;
  writeFileSync(join(root, 'rampart.yaml'), `rules:\n  severity:\n    ${ruleId}: low\n`);
  const shown = await runCli(['scan', '.', '--severity', 'medium', '--fail-on', 'low'], root);

  assert.equal(shown.code, 1);
  assert.ok(!shown.stdout.includes('src/client.js:1'), 'low finding shown despite --severity medium');
});

test('output pairs write several report files', async () => {
  const root = projectWithToken();
  const out = tempDir();

  const result = await runCli(
    ['scan', '.', '--output', `sarif=${out}/r.sarif`, '--output', `${out}/r.json`, '--output', `junit=${out}/r.xml`],
    root,
  );

  assert.equal(result.code, 1);
  const sarif = JSON.parse(readFileSync(join(out, 'r.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0]?.results.length, 1);
  const json = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')) as ScanReport;
  assert.equal(json.findings.length, 1);
  assert.match(readFileSync(join(out, 'r.xml'), 'utf8'), /<testsuite/);
});

test('show-secrets is rejected with SARIF output', async () => {
  const root = projectWithToken();

  const result = await runCli(['scan', '.', '--show-secrets', '--format', 'sarif'], root);

  assert.equal(result.code, 2);
  assert.match(result.stderr, /--show-secrets cannot be used with SARIF/);
});

test('show-secrets prints the secret in the table', async () => {
  const root = projectWithToken();

  const result = await runCli(['scan', '.', '--show-secrets'], root);

  assert.ok(result.stdout.includes(TOKEN));
});

test('inline suppression with a reason passes and is counted', async () => {
  const root = projectWithToken({
    'src/client.js': `// rampart:ignore reason="revoked token kept for a regression test"\nconst token = "${TOKEN}";\n`,
  });

  const { code, report } = await jsonScan(root);

  assert.equal(code, 0);
  assert.equal(report.findings.length, 1);
  assert.equal(report.findings[0]?.suppressed?.reason, 'revoked token kept for a regression test');
  assert.equal(report.summary.suppressed, 1);
});

test('suppression without reason does not suppress and is reported', async () => {
  const root = projectWithToken({ 'src/client.js': `const token = "${TOKEN}"; // rampart:ignore\n` });

  const { code, report } = await jsonScan(root);

  assert.equal(code, 1);
  assert.equal(report.suppressionProblems[0]?.problem, 'missing-reason');
});

test('gitleaks alias suppresses without edits', async () => {
  const root = projectWithToken({ 'src/client.js': `const token = "${TOKEN}"; // gitleaks:allow\n` });

  const { code, report } = await jsonScan(root);

  assert.equal(code, 0);
  assert.equal(report.summary.suppressed, 1);
});

test('baseline hides known findings and reports a new secret on the same line', async () => {
  const root = projectWithToken();

  const created = await runCli(['baseline', 'create', '.'], root);
  const baselineText = readFileSync(join(root, '.rampart-baseline.json'), 'utf8');
  const clean = await jsonScan(root, '--baseline', '.rampart-baseline.json');
  writeFileSync(join(root, 'src/client.js'), `const token = "${OTHER_TOKEN}";\n`);
  const changed = await jsonScan(root, '--baseline', '.rampart-baseline.json');

  assert.equal(created.code, 0);
  assert.ok(!baselineText.includes(TOKEN.slice(4)), 'baseline stores the secret');
  assert.equal(clean.code, 0);
  assert.equal(clean.report.summary.baselined, 1);
  assert.equal(clean.report.findings.length, 0);
  assert.equal(changed.code, 1);
  assert.equal(changed.report.findings.length, 1);
});

test('bad inputs exit 2 with one line naming the value', async () => {
  const root = projectWithToken({ 'rampart.yaml': 'fail-on: hgh\n', 'bad-baseline.json': '{ nope' });
  const clean = tempDir();

  const cases: [string[], string, RegExp][] = [
    [['scan', 'missing-dir'], root, /missing-dir: no such directory/],
    [['scan', '.'], root, /rampart\.yaml/],
    [['scan', '.', '--config', 'none.yaml'], clean, /none\.yaml/],
    [['scan', '.', '--baseline', 'bad-baseline.json', '--config', 'none.yaml'], root, /none\.yaml/],
    [['scan', '.', '--history'], clean, /not a git repository/],
    [['scan', '.', '--fail-on', 'urgent'], clean, /urgent/],
    [['scan', '.', '--max-file-size', '2GB'], clean, /max-file-size/],
    [['scan', '.', '--scanners', 'supply-chian'], clean, /unknown scanner "supply-chian"; did you mean "supply-chain"\?/],
  ];
  for (const [args, cwd, pattern] of cases) {
    const result = await runCli(args, cwd);
    assert.equal(result.code, 2, `${args.join(' ')} exited ${result.code}`);
    assert.match(result.stderr, pattern, args.join(' '));
    assert.ok(!/\n\s+at /.test(result.stderr), `stack trace for ${args.join(' ')}`);
  }
});

test('invalid baseline file exits 2', async () => {
  const root = projectWithToken({ 'bad-baseline.json': '{ nope' });

  const result = await runCli(['scan', '.', '--baseline', 'bad-baseline.json'], root);

  assert.equal(result.code, 2);
  assert.match(result.stderr, /bad-baseline\.json/);
  assert.equal(result.stderr.trim().split('\n').length, 1);
});

test('huge file is skipped and counted without being read', async () => {
  const root = projectWithToken();
  writeFileSync(join(root, 'huge.txt'), '');
  truncateSync(join(root, 'huge.txt'), 1024 ** 3);

  const { report } = await jsonScan(root);

  assert.equal(report.discovery.skipped.tooLarge, 1);
  assert.equal(report.findings.length, 1);
});

test('invalid UTF-8 is scanned and reported', async () => {
  const root = projectWithToken();
  writeFileSync(join(root, 'latin1.txt'), Buffer.concat([Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20]), Buffer.from(`key="${OTHER_TOKEN}"`)]));

  const { report } = await jsonScan(root);

  assert.equal(report.findings.length, 2);
  assert.equal(report.discovery.invalidUtf8, 1);
  assert.deepEqual(report.errors, []);
});

test('worker threads give the same findings as inline scanning', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) files[`pkg${i}/index.js`] = `// file ${i}\nconst t = "${i % 2 ? TOKEN : OTHER_TOKEN}";\n`;
  const root = projectWithToken(files);

  const inline = await jsonScan(root, '--workers', '0');
  const threaded = await jsonScan(root, '--workers', '2');

  assert.equal(inline.report.findings.length, 41);
  assert.deepEqual(
    threaded.report.findings.map((f) => f.fingerprint),
    inline.report.findings.map((f) => f.fingerprint),
  );
});

test('no progress output when stderr is not a terminal', async () => {
  const root = projectWithToken();

  const result = await runCli(['scan', '.'], root);

  assert.equal(result.stderr, '');
  assert.ok(!existsSync(join(root, '.rampart-baseline.json')));
});

test('SARIF paths are relative to the repository when a subfolder is scanned', async () => {
  const repo = tempDir();
  writeTree(repo, { '.git/HEAD': 'ref: refs/heads/main\n', [`services/api/client.js`]: `const token = "${TOKEN}";\n` });

  const result = await runCli(['scan', 'services/api', '--format', 'sarif'], repo);

  const log = JSON.parse(result.stdout) as {
    runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
  };
  assert.equal(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri, 'services/api/client.js');
});
