import { describe, it } from 'node:test';
import { assertAscending, assertEqualPairs, assertInvalid, assertPairs } from './order-cases.js';

describe('npm and crates.io versions', () => {
  it('follows the SemVer 2.0 precedence example', () => {
    // The chain from section 11 of the SemVer 2.0 specification.
    assertAscending('npm', [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '2.0.0',
      '2.1.0',
      '2.1.1',
    ]);
  });

  it('orders real npm releases', () => {
    assertPairs('npm', [
      ['4.17.20', '<', '4.17.21'],
      ['0.9.9', '<', '0.10.0'],
      ['18.3.0-canary-a870b2d54-20240314', '<', '18.3.0'],
      ['7.0.0-rc.0', '<', '7.0.0'],
      ['1.0.0-alpha.1', '<', '1.0.0-alpha.beta'],
      ['1.0.0-beta.9', '<', '1.0.0-beta.10'],
      ['10.0.0', '>', '9.99.99'],
    ]);
  });

  it('ignores build metadata and a leading v', () => {
    assertEqualPairs('npm', [
      ['1.0.0+build.1', '1.0.0'],
      ['1.0.0+build.1', '1.0.0+build.2'],
      ['v1.2.3', '1.2.3'],
      [' 1.2.3 ', '1.2.3'],
    ]);
  });

  it('orders crates.io releases', () => {
    assertAscending('crates.io', ['0.1.0-alpha', '0.1.0', '0.1.1', '0.2.0', '1.0.0-rc.1', '1.0.0', '1.36.0']);
    assertEqualPairs('crates.io', [['0.8.1+zstd.1.5.0', '0.8.1']]);
  });

  it('rejects non-SemVer strings', () => {
    assertInvalid('npm', ['01.2.3', '1.2.3.4', '', 'latest', '1.2.3-', '^1.2.3', 'x'.repeat(300)]);
    assertInvalid('crates.io', ['1.0.0-beta..1', '1.0.x']);
  });

  it('reads partial versions as zero-padded', () => {
    assertEqualPairs('npm', [['1.0', '1.0.0'], ['2', '2.0.0']]);
    assertAscending('npm', ['0.9.9', '1.0', '1.0.1', '2.6.7', '3.1.1']);
  });
});
