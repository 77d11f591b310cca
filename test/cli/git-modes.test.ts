import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ScanReport } from '../../src/core/report-types.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo, revParse } from '../helpers/git-repo.js';

const TOKEN = 'ghp_eauowE1t7F3jAKeCAlRL8KTdfimOqy4EjZDF';
const OLD_TOKEN = 'ghp_Zb3xq9LmN2pR7tV5wY8zA1cD4fG6hJ0kM3nQ';
const repos: string[] = [];
after(() => repos.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function repo(...args: Parameters<typeof makeRepo>): Promise<string> {
  const dir = await makeRepo(...args);
  repos.push(dir);
  return dir;
}

async function scanJson(dir: string, ...args: string[]): Promise<{ code: number; report: ScanReport }> {
  const result = await runCli(['scan', '.', '--format', 'json', ...args], dir);
  assert.equal(result.stderr, '', result.stderr);
  return { code: result.code, report: JSON.parse(result.stdout) as ScanReport };
}

test('staged scan reports only added lines in the index', async () => {
  const dir = await repo(
    { 'src/new.js': `// added\nconst t = "${TOKEN}";\n` },
    [{ message: 'old secret', files: { 'src/old.js': `const t = "${OLD_TOKEN}";\n` } }],
  );
  writeFileSync(join(dir, 'unstaged.js'), `const t = "${OLD_TOKEN}";\n`);

  const { code, report } = await scanJson(dir, '--staged');

  assert.equal(code, 1);
  assert.equal(report.target.mode, 'staged');
  assert.deepEqual(
    report.findings.map((f) => [f.location.path, f.location.startLine]),
    [['src/new.js', 2]],
  );
});

test('staged scan with nothing staged passes', async () => {
  const dir = await repo({}, [{ message: 'init', files: { 'a.txt': 'hello\n' } }]);

  const { code, report } = await scanJson(dir, '--staged');

  assert.equal(code, 0);
  assert.equal(report.findings.length, 0);
});

test('history scan finds a secret in a deleted file with its commit', async () => {
  const dir = await repo({}, [
    { message: 'add config', files: { 'config.js': `module.exports = { token: "${OLD_TOKEN}" };\n` } },
    { message: 'remove config', files: { 'config.js': null } },
    { message: 'readme', files: { 'README.md': '# app\n' } },
  ]);
  const added = revParse(dir, 'HEAD~2');

  const tree = await scanJson(dir);
  const history = await scanJson(dir, '--history');

  assert.equal(tree.report.findings.length, 0);
  assert.equal(history.code, 1);
  assert.equal(history.report.target.commitsScanned, 3);
  const [finding] = history.report.findings;
  assert.equal(finding?.location.path, 'config.js');
  assert.equal(finding?.commit?.sha, added);
  assert.equal(finding?.commit?.summary, 'add config');
  assert.equal(finding?.commit?.author, 'Ada Tester');
});

test('history scan with since skips older commits', async () => {
  const dir = await repo({}, [
    { message: 'old', files: { 'a.js': `const a = "${OLD_TOKEN}";\n` } },
    { message: 'new', files: { 'b.js': `const b = "${TOKEN}";\n` } },
  ]);

  const { report } = await scanJson(dir, '--history', '--since', 'HEAD~1');

  assert.deepEqual(report.findings.map((f) => f.location.path), ['b.js']);
  assert.equal(report.target.revisions, 'HEAD~1..HEAD');
});

test('history scan reports a secret once, at the commit that added it', async () => {
  const dir = await repo({}, [
    { message: 'add', files: { 'a.js': `const a = "${TOKEN}";\n` } },
    { message: 'edit other line', files: { 'a.js': `// comment\nconst a = "${TOKEN}";\n` } },
  ]);

  const { report } = await scanJson(dir, '--history');

  assert.equal(report.findings.length, 1);
  assert.equal(report.findings[0]?.commit?.summary, 'add');
});

test('unknown since revision exits 2', async () => {
  const dir = await repo({}, [{ message: 'init', files: { 'a.txt': 'x\n' } }]);

  const result = await runCli(['scan', '.', '--history', '--since', 'no-such-tag'], dir);

  assert.equal(result.code, 2);
  assert.match(result.stderr, /no-such-tag/);
});

test('staged scan reads files that gitattributes mark binary', async () => {
  const dir = await repo(
    { '.gitattributes': '*.js -diff\n*.lock binary\n', 'pay.js': `const t = "${TOKEN}";\n`, 'deps.lock': `x ${OLD_TOKEN}\n` },
    [{ message: 'init', files: { 'a.txt': 'x\n' } }],
  );

  const { report } = await scanJson(dir, '--staged');

  assert.deepEqual(report.findings.map((f) => f.location.path).sort(), ['deps.lock', 'pay.js']);
});

test('staged scan skips real binary content and counts it', async () => {
  const dir = await repo(
    { 'blob.dat2': Buffer.concat([Buffer.from(`${TOKEN}\n`), Buffer.from([0, 1, 2, 0])]) },
    [{ message: 'init', files: { 'a.txt': 'x\n' } }],
  );

  const { report } = await scanJson(dir, '--staged');

  assert.equal(report.findings.length, 0);
  assert.equal(report.discovery.skipped.binary, 1);
});

test('staged scan honours excludes, .rampartignore, vendored folders and size', async () => {
  const secret = `const t = "${TOKEN}";\n`;
  const dir = await repo(
    {
      'rampart.yaml': 'exclude: ["docs/**"]\nmax-file-size: 2KB\n',
      '.rampartignore': 'fixtures/\n',
      'docs/a.js': secret,
      'fixtures/b.js': secret,
      'node_modules/pkg/c.js': secret,
      'big.js': secret + 'x'.repeat(4096),
      'src/d.js': secret,
    },
    [{ message: 'init', files: { 'a.txt': 'x\n' } }],
  );

  const { report } = await scanJson(dir, '--staged');

  assert.deepEqual(report.findings.map((f) => f.location.path), ['src/d.js']);
  assert.equal(report.discovery.skipped.ignored, 2);
  assert.equal(report.discovery.skipped.vendored, 1);
  assert.equal(report.discovery.skipped.tooLarge, 1);
});

test('history redacts secrets in commit summaries', async () => {
  const dir = await repo({}, [
    { message: `rotate token ${TOKEN}`, files: { 'a.js': `const a = "${TOKEN}";\n` } },
  ]);

  const result = await runCli(['scan', '.', '--history'], dir);
  const json = await runCli(['scan', '.', '--history', '--format', 'sarif'], dir);

  assert.match(result.stdout, /rotate token ghp_\*\*\*\*/);
  assert.ok(!result.stdout.includes(TOKEN.slice(4)));
  assert.ok(!json.stdout.includes(TOKEN.slice(4)));
});
