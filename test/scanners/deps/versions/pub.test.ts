import { describe, it } from 'node:test';
import { assertAscending, assertEqualPairs, assertInvalid } from './order-cases.js';

describe('Pub versions', () => {
  it('sorts build metadata after release', () => {
    assertAscending('Pub', [
      '0.9.0',
      '0.10.0',
      '1.0.0-dev.1',
      '1.0.0-dev.2',
      '1.0.0-nullsafety.0',
      '1.0.0',
      '1.0.0+1',
      '1.0.0+2',
      '1.0.0+10',
      '1.0.0+build',
      '1.0.1',
      '3.13.0-0.0.pre',
      '3.13.0',
    ]);
  });

  it('reads leading zeros as numbers', () => {
    assertEqualPairs('Pub', [
      ['01.0.0', '1.0.0'],
      ['1.0.0-01', '1.0.0-1'],
      ['1.0.0+01', '1.0.0+1'],
    ]);
  });

  it('rejects non-SemVer strings', () => {
    assertInvalid('Pub', ['1.0', '1.0.0.0', '1.0.0-', 'any', '']);
  });
});
