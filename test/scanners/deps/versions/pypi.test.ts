import { describe, it } from 'node:test';
import { assertAscending, assertEqualPairs, assertInvalid, assertPairs } from './order-cases.js';

describe('PyPI versions', () => {
  it('follows the PEP 440 ordering example', () => {
    // The summary ordering from PEP 440, extended with local versions.
    assertAscending('PyPI', [
      '1.0.dev456',
      '1.0a1',
      '1.0a2.dev456',
      '1.0a12.dev456',
      '1.0a12',
      '1.0b1.dev456',
      '1.0b2',
      '1.0b2.post345.dev456',
      '1.0b2.post345',
      '1.0rc1.dev456',
      '1.0rc1',
      '1.0',
      '1.0+abc.5',
      '1.0+abc.7',
      '1.0+5',
      '1.0.post456.dev34',
      '1.0.post456',
      '1.0.15',
      '1.1.dev1',
    ]);
  });

  it('handles epochs, post and pre releases', () => {
    assertPairs('PyPI', [
      ['1.0.post1', '>', '1.0'],
      ['1!0.1', '>', '2.0'],
      ['1!0.1', '>', '2099.12'],
      ['1.0rc1', '<', '1.0'],
      ['1.0.dev0', '<', '1.0a0'],
      ['3.2.25', '<', '4.0a1'],
      ['4.0a1', '<', '4.0'],
      ['2.31.0', '<', '2.32.0'],
      ['0.9', '<', '0.10'],
      ['1.0.0', '<', '1.0.0.1'],
    ]);
  });

  it('treats spellings of one version as equal', () => {
    assertEqualPairs('PyPI', [
      ['1.0', '1.0.0'],
      ['1.0-RC1', '1.0rc1'],
      ['1.0.0alpha1', '1.0.0a1'],
      ['1.0-1', '1.0.post1'],
      ['v2.0', '2.0'],
      ['0!1.0', '1.0'],
    ]);
  });

  it('rejects legacy versions', () => {
    assertInvalid('PyPI', ['1.0-foo', 'not a version', 'dev', '1.0.0.', '']);
  });
});
