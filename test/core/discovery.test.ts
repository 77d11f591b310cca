import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultConfig } from '../../src/core/config-types.js';
import { discover } from '../../src/core/discovery.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

function paths(root: string, config = defaultConfig()): string[] {
  return discover(root, config).files.map((file) => file.path);
}

test('discovery honours nested .gitignore files', () => {
  const root = tempDir();
  writeTree(root, {
    '.gitignore': '*.log\nbuild/\n',
    'app.js': 'x',
    'debug.log': 'x',
    'build/out.js': 'x',
    'sub/.gitignore': 'local.txt\n!keep.log\n',
    'sub/local.txt': 'x',
    'sub/keep.log': 'x',
    'sub/other.txt': 'x',
  });

  const found = paths(root);

  assert.deepEqual(found, ['.gitignore', 'app.js', 'sub/.gitignore', 'sub/keep.log', 'sub/other.txt']);
});

test('discovery honours .rampartignore and config excludes', () => {
  const root = tempDir();
  writeTree(root, {
    '.rampartignore': 'fixtures/\n',
    'fixtures/a.txt': 'x',
    'docs/guide.md': 'x',
    'src/main.ts': 'x',
  });
  const config = { ...defaultConfig(), exclude: ['docs/**'] };

  const result = discover(root, config);

  assert.deepEqual(result.files.map((f) => f.path), ['.rampartignore', 'src/main.ts']);
  assert.equal(result.stats.skipped.ignored, 2);
});

test('discovery skips vendored folders and counts them', () => {
  const root = tempDir();
  writeTree(root, {
    'node_modules/left-pad/index.js': 'x',
    'vendor/lib.go': 'x',
    'main.go': 'x',
  });

  const result = discover(root, defaultConfig());
  const withVendored = discover(root, { ...defaultConfig(), includeVendored: true });

  assert.deepEqual(result.files.map((f) => f.path), ['main.go']);
  assert.equal(result.stats.skipped.vendored, 2);
  assert.equal(withVendored.files.length, 3);
});

test('discovery never follows symbolic links', () => {
  const root = tempDir();
  const outside = tempDir();
  writeTree(outside, { 'secret.txt': 'outside the root' });
  writeTree(root, { 'inside.txt': 'x' });
  symlinkSync(join(outside, 'secret.txt'), join(root, 'link.txt'));
  symlinkSync(outside, join(root, 'linked-dir'));

  const result = discover(root, defaultConfig());

  assert.deepEqual(result.files.map((f) => f.path), ['inside.txt']);
  assert.equal(result.stats.skipped.symlink, 2);
});

test('discovery skips oversized files and binary extensions', () => {
  const root = tempDir();
  writeTree(root, { 'big.txt': 'a'.repeat(2048), 'small.txt': 'a', 'logo.png': 'x' });

  const result = discover(root, { ...defaultConfig(), maxFileSize: 1024 });

  assert.deepEqual(result.files.map((f) => f.path), ['small.txt']);
  assert.equal(result.stats.skipped.tooLarge, 1);
  assert.equal(result.stats.skipped.binary, 1);
});
