import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ScanReport } from '../../src/core/report-types.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const TOKEN = 'ghp_eauowE1t7F3jAKeCAlRL8KTdfimOqy4EjZDF';

test('FIFO and device ignore files do not block the scan', async () => {
  const root = tempDir();
  writeTree(root, { 'a.js': `const t = "${TOKEN}";\n`, 'sub/b.js': 'x\n' });
  execFileSync('mkfifo', [join(root, '.gitignore')]);
  symlinkSync('/dev/zero', join(root, 'sub', '.rampartignore'));

  const result = await runCli(['scan', '.', '--format', 'json'], root);

  assert.equal(result.code, 1);
  assert.equal((JSON.parse(result.stdout) as ScanReport).findings.length, 1);
});

test('rampart.yaml linking out of the root is refused without echoing it', async () => {
  const outside = tempDir();
  writeFileSync(join(outside, 'key.pem'), `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n`);
  const root = tempDir();
  writeTree(root, { 'a.txt': 'x\n' });
  symlinkSync(join(outside, 'key.pem'), join(root, 'rampart.yaml'));

  const result = await runCli(['scan', '.'], root);

  assert.equal(result.code, 2);
  assert.match(result.stderr, /rampart\.yaml is a symbolic link out of the scanned directory/);
  assert.ok(!result.stderr.includes('MIIE'));
});

test('config errors do not quote long values', async () => {
  const root = tempDir();
  writeTree(root, { 'rampart.yaml': `fail-on: ${TOKEN}\n` });

  const result = await runCli(['scan', '.'], root);

  assert.equal(result.code, 2);
  assert.match(result.stderr, /a 40-character string/);
  assert.ok(!result.stderr.includes(TOKEN.slice(4, 12)));
});

test('custom rules with exponential patterns are refused', async () => {
  const root = tempDir();
  writeTree(root, {
    'rampart.yaml': 'secrets:\n  custom-rules: [rules.yaml]\n',
    'rules.yaml': [
      '- id: evil',
      '  title: Evil',
      '  description: hangs the scanner',
      '  family: generic',
      '  severity: high',
      '  confidence: low',
      '  keywords: [aaaa]',
      "  pattern: '(a+)+b'",
      '  remediation: none',
      '  references: []',
      '  cwe: [CWE-1333]',
      '  examples: { match: [], noMatch: [] }',
    ].join('\n'),
    'a.txt': `${'a'.repeat(90)}!\n`,
  });

  const result = await runCli(['scan', '.'], root);

  assert.equal(result.code, 2);
  assert.match(result.stderr, /rule "evil": pattern may take exponential time/);
});

test('exponential allow-values are refused', async () => {
  const root = tempDir();
  writeTree(root, { 'rampart.yaml': 'secrets:\n  allow-values: ["(a+)+$"]\n' });

  const result = await runCli(['scan', '.'], root);

  assert.equal(result.code, 2);
  assert.match(result.stderr, /allow-values/);
});

test('UTF-16 files with a byte order mark are scanned', async () => {
  const root = tempDir();
  const text = `$env:GITHUB_TOKEN = "${TOKEN}"\r\n`;
  writeTree(root, {
    'le.ps1': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    'be.ps1': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
  });

  const result = await runCli(['scan', '.', '--format', 'json'], root);

  const report = JSON.parse(result.stdout) as ScanReport;
  assert.deepEqual(report.findings.map((f) => f.location.path).sort(), ['be.ps1', 'le.ps1']);
  assert.equal(report.discovery.skipped.binary, 0);
});

test('invalid UTF-8 is counted, not listed as a file error', async () => {
  const root = tempDir();
  writeTree(root, { 'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]) });

  const result = await runCli(['scan', '.', '--format', 'json'], root);

  const report = JSON.parse(result.stdout) as ScanReport;
  assert.equal(report.discovery.invalidUtf8, 1);
  assert.deepEqual(report.errors, []);
});

test('history scan of a shallow clone warns', async () => {
  const origin = tempDir();
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'user.name=T', '-c', 'user.email=t@example.test', ...args], { cwd, stdio: 'pipe' });
  git(origin, 'init', '-q', '-b', 'main');
  for (const n of [1, 2, 3]) {
    writeFileSync(join(origin, `f${n}.txt`), `${n}\n`);
    git(origin, 'add', '.');
    git(origin, 'commit', '-q', '-m', `c${n}`);
  }
  const clone = join(tempDir(), 'shallow');
  git(origin, 'clone', '-q', '--depth', '1', `file://${origin}`, clone);

  const result = await runCli(['scan', '.', '--history', '--format', 'json'], clone);

  const report = JSON.parse(result.stdout) as ScanReport;
  assert.equal(report.target.commitsScanned, 1);
  assert.match(report.warnings[0] ?? '', /shallow clone/);
});

test('unknown rule ids in the config are errors with a suggestion', async () => {
  const root = tempDir();
  writeTree(root, { 'rampart.yaml': 'rules:\n  disable: [secrets/jtw]\n  severity:\n    secrets/github-pat: low\n' });

  const result = await runCli(['scan', '.'], root);

  assert.equal(result.code, 2);
  assert.match(result.stderr, /rules\.disable: unknown rule "secrets\/jtw"; did you mean "secrets\/jwt"\?/);
  assert.match(result.stderr, /rules\.severity: unknown rule "secrets\/github-pat"/);
});
