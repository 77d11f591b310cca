import { describe, it } from 'node:test';
import { assertAscending, assertEqualPairs, assertInvalid, assertPairs } from './order-cases.js';

describe('RubyGems versions', () => {
  it('orders pre-releases before releases', () => {
    assertAscending('RubyGems', [
      '7.0.0.alpha1',
      '7.0.0.alpha2',
      '7.0.0.rc1',
      '7.0.0.rc2',
      '7.0.0',
      '7.0.0.1',
      '7.0.1',
      '7.0.10',
      '7.1.0.beta1',
      '7.1.0',
    ]);
  });

  it('compares string and number segments', () => {
    assertPairs('RubyGems', [
      ['1.0.0.pre', '<', '1.0.0'],
      ['1.13.10', '<', '1.14.0.rc1'],
      ['1.14.0.rc1', '<', '1.14.0'],
      ['1.0.a', '<', '1.0.b'],
      ['1.0.a9', '<', '1.0.a10'],
      ['1.0.0-rc1', '<', '1.0.0.rc1'],
      ['1.0.0.a', '<', '1.0.0.a1'],
      ['1.0.0.b', '>', '1.0.0.a1'],
      ['2.6.0.preview1', '<', '2.6.0'],
      ['1.0.0.A', '<', '1.0.0.a'],
    ]);
  });

  it('drops trailing zeros', () => {
    assertEqualPairs('RubyGems', [
      ['1.0', '1'],
      ['1.0.0', '1'],
      ['1.0.0.pre.0', '1.0.0.pre'],
      ['1.01', '1.1'],
    ]);
  });

  it('rejects non-gem versions', () => {
    assertInvalid('RubyGems', ['1..2', 'abc', '1.0 beta', '.1', '1.0.', '1.0-', '']);
  });
});
