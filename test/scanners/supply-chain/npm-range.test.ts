import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { installedPackage, isRegistryRange } from '../../../src/scanners/supply-chain/npm-range.js';

describe('npm ranges', () => {
  it('tells registry ranges apart', () => {
    for (const range of ['^1.2.0', '*', 'latest', 'npm:real@1.0.0', '']) assert.equal(isRegistryRange(range), true, range);
    for (const range of ['file:../lib', 'workspace:*', 'github:a/b', 'git+ssh://x', 'https://x/y.tgz', './local', 'link:x']) {
      assert.equal(isRegistryRange(range), false, range);
    }
  });

  it('resolves aliases to the real package', () => {
    assert.deepEqual(installedPackage('innocent', 'npm:stealer@^1.0.0'), { name: 'stealer', range: '^1.0.0' });
    assert.deepEqual(installedPackage('x', 'npm:@scope/real'), { name: '@scope/real', range: '*' });
    assert.deepEqual(installedPackage('left-pad', ' 1.3.0 '), { name: 'left-pad', range: '1.3.0' });
    assert.deepEqual(installedPackage('left-pad', ''), { name: 'left-pad', range: '*' });
  });
});
