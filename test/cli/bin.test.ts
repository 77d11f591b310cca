import assert from 'node:assert/strict';
import { spawn, type StdioOptions } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { packageRoot } from '../../src/core/package-root.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const TOKEN = 'ghp_eauowE1t7F3jAKeCAlRL8KTdfimOqy4EjZDF';
const BIN = join(packageRoot(), 'bin', 'rampart.js');
/** The uid and gid of `nobody` on Debian and most Linux systems; the kernel needs no passwd entry. */
const NOBODY = 65534;

interface SpawnResult {
  code: number | null;
  stderr: string;
  stdout: string;
}

interface SpawnOptions {
  cwd: string;
  stdio?: StdioOptions;
  uid?: number;
  /** Called once the child runs, e.g. to close its stdout early. */
  onStart?: (child: ReturnType<typeof spawn>) => void;
}

function runBin(args: string[], options: SpawnOptions): Promise<SpawnResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    options.onStart?.(child);
  });
}

function projectWithTokens(count: number): string {
  const root = tempDir();
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`src/file${i}.js`] = `const token = "${TOKEN}";\n`;
  writeTree(root, files);
  return root;
}

test('stdout closed before output keeps the exit code', async () => {
  const root = projectWithTokens(1);

  const result = await runBin(['scan', '.'], { cwd: root, onStart: (child) => child.stdout?.destroy() });

  assert.equal(result.code, 1);
  assert.equal(result.stderr, '');
});

test('stdout reader stopping after one line ends quietly', async () => {
  // About 1 KB of JSON per finding, so the report is far larger than a pipe buffer (64 KB on Linux).
  const root = projectWithTokens(300);

  const result = await runBin(['scan', '.', '--format', 'json', '--fail-on', 'none'], {
    cwd: root,
    onStart: (child) => child.stdout?.once('data', () => child.stdout?.destroy()),
  });

  assert.equal(result.code, 0);
  assert.equal(result.stderr, '');
});

test('stdout on a full device exits 2 with one line', async () => {
  const root = projectWithTokens(1);
  const full = openSync('/dev/full', 'w');
  after(() => closeSync(full));

  const result = await runBin(['scan', '.'], { cwd: root, stdio: ['ignore', full, 'pipe'] });

  assert.equal(result.code, 2);
  assert.equal(result.stderr, 'rampart: cannot write output: ENOSPC\n');
});

test('unreadable scan root is a usage error', async () => {
  const root = tempDir();
  writeTree(root, { 'locked/a.js': `const token = "${TOKEN}";\n`, 'private/sub/b.js': `x = "${TOKEN}";\n` });
  mkdirSync(join(root, 'empty'));
  chmodSync(root, 0o755);
  chmodSync(join(root, 'locked'), 0o000);
  chmodSync(join(root, 'private'), 0o700);

  // Root reads any directory, so as root the CLI runs as nobody, which needs read access to this repository.
  const asRoot = process.getuid?.() === 0;
  const scan = (path: string): Promise<SpawnResult> =>
    asRoot ? runBin(['scan', path], { cwd: root, uid: NOBODY }) : runCli(['scan', path], root);
  let locked: SpawnResult;
  let hidden: SpawnResult;
  let empty: SpawnResult;
  try {
    locked = await scan('locked');
    hidden = await scan('private/sub');
    empty = await scan('empty');
  } finally {
    chmodSync(join(root, 'locked'), 0o755);
    chmodSync(join(root, 'private'), 0o755);
  }

  assert.equal(locked.code, 2, locked.stderr);
  assert.equal(locked.stderr, 'rampart: locked: cannot read directory: permission denied; check its permissions\n');
  assert.equal(hidden.code, 2, hidden.stderr);
  assert.equal(hidden.stderr, 'rampart: private/sub: cannot read directory: permission denied\n');
  assert.equal(empty.code, 0, empty.stderr);
  assert.match(empty.stdout, /No findings/);
});
