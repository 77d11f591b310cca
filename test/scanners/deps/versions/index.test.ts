import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ECOSYSTEMS, type Ecosystem } from '../../../../src/scanners/deps/types.js';
import {
  compareVersions,
  isValidVersion,
  majorOf,
  normalizeVersion,
  sortVersions,
} from '../../../../src/scanners/deps/versions/index.js';

describe('compareVersions fallback', () => {
  it('sorts invalid before valid', () => {
    assert.equal(compareVersions('PyPI', 'not a version', '0.0.1'), -1);
    assert.equal(compareVersions('PyPI', '0.0.1', 'not a version'), 1);
    assert.equal(compareVersions('npm', 'latest', '0.0.1'), -1);
  });

  it('compares invalid versions as strings', () => {
    assert.equal(compareVersions('PyPI', 'abc', 'abd'), -1);
    assert.equal(compareVersions('PyPI', 'abd', 'abc'), 1);
    assert.equal(compareVersions('PyPI', ' abc ', 'abc'), 0);
    assert.equal(isValidVersion('PyPI', 'abc'), false);
  });

  it('never throws on hostile input', () => {
    const hostile = ['', ' ', '\u0000', 'v', '+', '@', '🙂', '9'.repeat(5000), '1.'.repeat(3000), '-'.repeat(1000)];
    for (const ecosystem of ECOSYSTEMS) {
      for (const a of hostile) {
        assert.equal(typeof compareVersions(ecosystem, a, '1.0.0'), 'number');
        assert.equal(typeof majorOf(ecosystem, a), 'string');
        assert.equal(typeof normalizeVersion(ecosystem, a), 'string');
      }
      assert.equal(isValidVersion(ecosystem, undefined as unknown as string), false);
    }
  });

  it('rejects versions over the length cap', () => {
    const long = `1.0.${'1'.repeat(300)}`;
    for (const ecosystem of ECOSYSTEMS) assert.equal(isValidVersion(ecosystem, long), false, ecosystem);
  });

  it('sorts a list per ecosystem', () => {
    assert.deepEqual(sortVersions('Maven', ['1.0', '1.0-SNAPSHOT', '1.0-sp1', '1.0-RC1']), [
      '1.0-RC1',
      '1.0-SNAPSHOT',
      '1.0',
      '1.0-sp1',
    ]);
    const pypi = sortVersions('PyPI', ['1.0', '1.0rc1', '1.0.post1', 'junk']);
    assert.deepEqual(pypi, ['junk', '1.0rc1', '1.0', '1.0.post1']);
  });
});

describe('majorOf', () => {
  const cases: [Ecosystem, string, string][] = [
    ['npm', '4.17.21', '4'],
    ['npm', '0.3.1', '0.3'],
    ['npm', '0.0.7', '0.0'],
    ['crates.io', '0.11.2', '0.11'],
    ['crates.io', '1.36.0', '1'],
    ['Pub', '0.13.5+1', '0.13'],
    ['Pub', '3.1.0', '3'],
    ['Go', 'v0.3.7', '0'],
    ['Go', 'v2.1.0+incompatible', '2'],
    ['PyPI', '4.2.1', '4'],
    ['PyPI', '1!2.0', '1!2'],
    ['PyPI', '2024.1', '2024'],
    ['Maven', '2.17.1', '2'],
    ['Maven', '31.1-jre', '31'],
    ['RubyGems', '7.0.8.1', '7'],
    ['NuGet', '13.0.3', '13'],
    ['NuGet', '013.0.3', '13'],
    ['Packagist', 'v5.4.22', '5'],
    ['Packagist', 'dev-main', ''],
    ['npm', 'not-a-version', ''],
  ];
  it('returns the breaking component', () => {
    for (const [ecosystem, version, expected] of cases) {
      assert.equal(majorOf(ecosystem, version), expected, `${ecosystem} ${version}`);
    }
  });
});

describe('normalizeVersion', () => {
  const cases: [Ecosystem, string, string][] = [
    ['npm', 'v1.2.3', '1.2.3'],
    ['npm', '1.2.3+build', '1.2.3'],
    ['Go', 'v1.2.3', '1.2.3'],
    ['Go', 'v2.0.0+incompatible', '2.0.0+incompatible'],
    ['PyPI', '1.0-RC1', '1.0rc1'],
    ['PyPI', '1!1.0.POST2', '1!1.0.post2'],
    ['NuGet', '01.2.0.0-RC+abc', '1.2.0-rc'],
    ['NuGet', '1.2.3.4', '1.2.3.4'],
    ['Packagist', 'v2.0-b1', '2.0.0.0-beta1'],
    ['Packagist', '1.0.x-dev', '1.0.9999999.9999999-dev'],
    ['Maven', ' 1.0-SNAPSHOT ', '1.0-snapshot'],
    ['Pub', '01.2.3+04', '1.2.3+04'],
    ['RubyGems', ' 1.0.0.pre ', '1.0.0.pre'],
    ['PyPI', ' junk ', 'junk'],
  ];
  it('gives one spelling per version', () => {
    for (const [ecosystem, version, expected] of cases) {
      assert.equal(normalizeVersion(ecosystem, version), expected, `${ecosystem} ${version}`);
    }
  });
});
