import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkOutputTargets, parseOutput } from '../../src/cli/output.js';
import { UsageError } from '../../src/core/errors.js';
import type { ScanReport } from '../../src/core/report-types.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const TOKEN = 'ghp_eauowE1t7F3jAKeCAlRL8KTdfimOqy4EjZDF';
const OLD_REPORT = '{"old": true}\n';

/** A project with one token, and keep.json: an earlier report that a failed run must not replace. */
function project(): string {
  const root = tempDir();
  writeTree(root, {
    'src/client.js': `const token = "${TOKEN}";\n`,
    'afile.txt': 'not a directory\n',
    'keep.json': OLD_REPORT,
  });
  return root;
}

function assertOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0] as string, pattern);
}

test('output under a file fails before replacing anything', async () => {
  const root = project();

  const result = await runCli(['scan', '.', '--output', 'keep.json', '--output', 'afile.txt/x.sarif'], root);

  assert.equal(result.code, 2);
  assertOneLineError(result.stderr, /^rampart: cannot write report afile\.txt\/x\.sarif: afile\.txt is not a directory$/);
  assert.equal(result.stdout, '');
  assert.equal(readFileSync(join(root, 'keep.json'), 'utf8'), OLD_REPORT);
});

test('output write failure leaves no temporary files', async () => {
  const root = project();

  // /sys rejects new files even for root, so this fails at the check (non-root) or at the write (root).
  const result = await runCli(['scan', '.', '--output', 'keep.json', '--output', '/sys/rampart-test.json'], root);

  assert.equal(result.code, 2);
  assertOneLineError(result.stderr, /^rampart: cannot write report \/sys\/rampart-test\.json: permission denied$/);
  assert.equal(readFileSync(join(root, 'keep.json'), 'utf8'), OLD_REPORT);
  assert.deepEqual(readdirSync(root).sort(), ['afile.txt', 'keep.json', 'src']);
});

test('output in a missing directory is not created', async () => {
  const root = project();

  const missing = await runCli(['scan', '.', '--output', 'reports/r.json'], root);
  const proc = await runCli(['scan', '.', '--output', '/proc/nope/x.sarif'], root);

  assert.equal(missing.code, 2);
  assertOneLineError(missing.stderr, /cannot write report reports\/r\.json: directory reports does not exist/);
  assert.deepEqual(readdirSync(root).sort(), ['afile.txt', 'keep.json', 'src']);
  assert.equal(proc.code, 2);
  assertOneLineError(proc.stderr, /cannot write report \/proc\/nope\/x\.sarif: directory \/proc\/nope does not exist/);
});

test('output naming a directory or a device is rejected', async () => {
  const root = project();
  mkdirSync(join(root, 'out.json'));

  const directory = await runCli(['scan', '.', '--output', 'out.json'], root);
  const device = await runCli(['scan', '.', '--output', 'json=/dev/null'], root);

  assert.equal(directory.code, 2);
  assertOneLineError(directory.stderr, /cannot write report out\.json: is a directory$/);
  assert.equal(device.code, 2);
  assertOneLineError(device.stderr, /cannot write report \/dev\/null: exists and is not a regular file$/);
});

test('output given twice for one file is rejected', async () => {
  const root = project();

  const result = await runCli(['scan', '.', '--output', 'sarif=r.out', '--output', `json=${root}/src/../r.out`], root);

  assert.equal(result.code, 2);
  assertOneLineError(result.stderr, /--output r\.out and --output .*\/src\/\.\.\/r\.out name the same file/);
  assert.deepEqual(readdirSync(root).sort(), ['afile.txt', 'keep.json', 'src']);
});

test('output format prefix ignores case', async () => {
  const root = project();

  const result = await runCli(['scan', '.', '--output', 'SARIF=r.out', '--output', 'Json=keep.json'], root);

  assert.equal(result.code, 1);
  const sarif = JSON.parse(readFileSync(join(root, 'r.out'), 'utf8')) as { version: string };
  assert.equal(sarif.version, '2.1.0');
  const json = JSON.parse(readFileSync(join(root, 'keep.json'), 'utf8')) as ScanReport;
  assert.equal(json.findings.length, 1);
});

test('output unknown prefix is an error', async () => {
  const root = project();

  const result = await runCli(['scan', '.', '--output', 'html=r.html'], root);
  const dotted = await runCli(['scan', '.', '--output', './a=b.json'], root);

  assert.equal(result.code, 2);
  assertOneLineError(result.stderr, /--output html=r\.html: unknown format "html".*\.\/html=r\.html/);
  assert.deepEqual(readdirSync(root).sort(), ['a=b.json', 'afile.txt', 'keep.json', 'src']);
  assert.equal(dotted.code, 1);
});

test('show-secrets is rejected with a SARIF prefix in any case', async () => {
  const root = project();

  for (const value of ['sarif=r.out', 'SARIF=r.out', 'Sarif=r.out', 'r.SARIF']) {
    const result = await runCli(['scan', '.', '--show-secrets', '--output', value], root);
    assert.equal(result.code, 2, value);
    assertOneLineError(result.stderr, /--show-secrets cannot be used with SARIF/);
  }
  assert.deepEqual(readdirSync(root).sort(), ['afile.txt', 'keep.json', 'src']);
});

test('parseOutput reads prefixes and extensions', () => {
  const cwd = '/work/project';

  assert.deepEqual(parseOutput('JUNIT=out/r.txt', cwd, 'table'), {
    format: 'junit',
    file: '/work/project/out/r.txt',
    label: 'out/r.txt',
  });
  assert.equal(parseOutput('r.Md', cwd, 'json').format, 'markdown');
  assert.equal(parseOutput('report', cwd, 'json').format, 'json');
  assert.equal(parseOutput('../x=1/r.xml', cwd, 'table').file, '/work/x=1/r.xml');
  assert.throws(() => parseOutput('json=', cwd, 'table'), /missing file name after "="/);
  assert.throws(() => parseOutput('', cwd, 'table'), /--output: missing file name/);
  assert.throws(() => parseOutput('xml=r.xml', cwd, 'table'), UsageError);
});

test('checkOutputTargets accepts new and existing files', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'old.json'), OLD_REPORT);

  const targets = [
    parseOutput('old.json', dir, 'table'),
    parseOutput('sarif=new.sarif', dir, 'table'),
  ];

  assert.doesNotThrow(() => checkOutputTargets(targets));
});
