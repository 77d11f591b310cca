import { describe, it } from 'node:test';
import { assertAscending, assertEqualPairs, assertInvalid, assertPairs } from './order-cases.js';

describe('Go versions', () => {
  it('orders pseudo-versions before releases', () => {
    assertAscending('Go', [
      'v0.0.0-20201216223049-8b5274cf687f',
      'v0.0.0-20220314234659-1baeb1ce4c0b',
      'v0.1.0',
      'v0.1.1-0.20220412211240-33da011f77ad',
      'v0.1.1',
      'v1.0.0-rc.1',
      'v1.0.0',
      'v2.0.0+incompatible',
      'v2.1.0',
    ]);
  });

  it('accepts versions with or without v', () => {
    assertPairs('Go', [
      ['1.20.4', '<', 'v1.20.5'],
      ['v0.0.0-20210101000000-abcdef123456', '<', '0.1.0'],
      ['v1.9.0', '<', 'v1.10.0'],
    ]);
    assertEqualPairs('Go', [
      ['v1.2.3', '1.2.3'],
      ['v1.2', 'v1.2.0'],
      ['v1', '1.0.0'],
      ['v2.0.0+incompatible', 'v2.0.0'],
    ]);
  });

  it('rejects malformed versions', () => {
    assertInvalid('Go', ['v1.2.3.4', 'master', 'v01.2.3', 'vv1.2.3', 'v1.2-pre', '']);
  });
});
