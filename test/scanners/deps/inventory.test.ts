import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { confinedReader, readInventories } from '../../../src/scanners/deps/inventory.js';
import { tempDir, writeTree } from '../../helpers/tmp.js';

describe('readInventories limits', () => {
  it('rejects a lockfile with too many packages', () => {
    const root = tempDir();
    writeTree(root, { 'requirements.txt': 'a==1.0\nb==1.0\nc==1.0\n' });
    const result = readInventories(root, ['requirements.txt'], { perLockfile: 2, total: 10 });
    assert.deepEqual(result.projects, []);
    assert.deepEqual(result.errors, [{ path: 'requirements.txt', message: 'lists 3 packages, more than the 2 Rampart reads' }]);
  });

  it('stops at the total across lockfiles', () => {
    const root = tempDir();
    writeTree(root, {
      'requirements/base.txt': 'a==1.0\nb==1.0\n',
      'requirements/one.txt': '-r base.txt\n',
      'requirements/two.txt': '-r base.txt\n',
    });
    const paths = ['requirements/base.txt', 'requirements/one.txt', 'requirements/two.txt'];
    const result = readInventories(root, paths, { perLockfile: 10, total: 5 });
    assert.deepEqual(result.projects.map((project) => project.path), ['requirements/base.txt', 'requirements/one.txt']);
    assert.deepEqual(result.errors, [
      { path: 'requirements/two.txt', message: "skipped: the scan's lockfiles list more than 5 packages in all" },
    ]);
  });
});

describe('confinedReader', () => {
  it('refuses paths that leave the root', () => {
    const root = tempDir();
    const outside = tempDir();
    writeTree(root, { 'package.json': '{}', 'nested/file.txt': 'x' });
    writeTree(outside, { 'secret.txt': 'outside' });
    symlinkSync(join(outside, 'secret.txt'), join(root, 'link.txt'));
    const read = confinedReader(root);
    assert.equal(read('package.json'), '{}');
    assert.equal(read('nested/../package.json'), '{}');
    assert.equal(read('../secret.txt'), undefined);
    assert.equal(read(join(outside, 'secret.txt')), undefined);
    assert.equal(read('link.txt'), undefined);
    assert.equal(read('nested'), undefined);
  });
});
