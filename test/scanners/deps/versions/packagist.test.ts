import { describe, it } from 'node:test';
import { assertAscending, assertEqualPairs, assertInvalid, assertPairs } from './order-cases.js';

describe('Packagist versions', () => {
  it('orders stabilities and branches', () => {
    assertAscending('Packagist', [
      'dev-feature',
      'dev-master',
      '1.0.0-dev',
      '1.0.0-alpha1',
      '1.0.0-beta1-dev',
      '1.0.0-beta1',
      '1.0.0-beta2',
      '1.0.0-RC1',
      '1.0.0-RC1.1',
      '1.0.0',
      '1.0.0-p1',
      '1.0.1',
      '1.0.x-dev',
      '1.1.0',
      'v2.0.0-beta1',
      '2.0.0',
      '2.0.0.1',
    ]);
  });

  it('compares real package versions', () => {
    assertPairs('Packagist', [
      ['v2.0.0-beta1', '<', '2.0.0'],
      ['v5.4.21', '<', 'v5.4.22'],
      ['9.52.16', '<', '10.0.0'],
      ['2.0.0-RC1', '>', '2.0.0-beta2'],
      ['2.0.0-pl2', '>', '2.0.0-patch1'],
      ['1.0.0-dev', '<', '1.0.0-alpha1'],
      ['1.0.0-beta', '<', '1.0.0-beta1'],
      ['master', '<', '0.0.1'],
    ]);
  });

  it('normalises spellings alike', () => {
    assertEqualPairs('Packagist', [
      ['v2.0.0', '2.0'],
      ['2.0', '2.0.0.0'],
      ['2.0.0-b1', '2.0.0-beta1'],
      ['1.0.0-rc1', '1.0.0-RC1'],
      ['1.0.0-a2', '1.0.0-alpha.2'],
      ['1.0.0+build.5', '1.0.0'],
      ['1.0.0-stable', '1.0.0'],
      ['1.0.x-dev', '1.0.*-dev'],
      ['1.2.3 as 1.2.0', '1.2.3'],
    ]);
  });

  it('rejects unknown suffixes', () => {
    assertInvalid('Packagist', ['1.0.0-foo', 'latest', '1.2.3.4.5', 'dev-', '']);
  });
});
