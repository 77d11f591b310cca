import { describe, it } from 'node:test';
import { assertAscending, assertEqualPairs, assertInvalid, assertPairs } from './order-cases.js';

describe('NuGet versions', () => {
  it('orders four-part and pre-release versions', () => {
    assertAscending('NuGet', [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.0.1',
      '1.0.1',
      '12.0.3',
      '13.0.1',
    ]);
  });

  it('compares real package versions', () => {
    assertPairs('NuGet', [
      ['1.0.0.1', '>', '1.0.0'],
      ['4.7.2', '<', '4.7.10'],
      ['6.0.0-preview.7.21377.19', '<', '6.0.0-rc.1.21451.13'],
      ['6.0.0-rc.1.21451.13', '<', '6.0.0'],
      ['1.0.0-beta01', '<', '1.0.0-beta02'],
      ['1.0.0-1', '<', '1.0.0-a'],
    ]);
  });

  it('ignores case, metadata and zero padding', () => {
    assertEqualPairs('NuGet', [
      ['1.0', '1.0.0'],
      ['1.0.0', '1.0.0.0'],
      ['1', '1.0.0'],
      ['1.0.0-BETA', '1.0.0-beta'],
      ['1.0.0+abc', '1.0.0'],
      ['01.02.03', '1.2.3'],
    ]);
  });

  it('rejects malformed versions', () => {
    assertInvalid('NuGet', ['1.0.0.0.0', '1.0.0-', '1.0.0+', 'v1.0.0', '1.a.0', '1.0.0-beta..1', '']);
  });
});
