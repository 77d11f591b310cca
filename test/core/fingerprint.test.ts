import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentHash, fingerprint, lineHash, normalisePath } from '../../src/core/fingerprint.js';

// Two made-up secret values; fingerprints only see their hashes.
const TOKEN_A = 'example-secret-value-one-0123456789';
const TOKEN_B = 'example-secret-value-two-9876543210';

describe('contentHash', () => {
  it('is the SHA-256 in hex', () => {
    assert.equal(
      contentHash('abc'),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('fingerprint', () => {
  const base = { ruleId: 'secrets/github-pat', anchor: contentHash(TOKEN_A), occurrence: 0 };

  it('is 32 hex characters', () => {
    assert.match(fingerprint({ ...base, path: 'src/config.ts' }), /^[0-9a-f]{32}$/);
  });

  it('is stable across path spellings', () => {
    const expected = fingerprint({ ...base, path: 'src/config.ts' });
    for (const path of [
      './src/config.ts',
      '././src/config.ts',
      'src\\config.ts',
      'src//config.ts',
    ]) {
      assert.equal(fingerprint({ ...base, path }), expected, path);
    }
  });

  it('differs for different secrets on one line', () => {
    const first = fingerprint({ ...base, path: 'src/config.ts' });
    const second = fingerprint({ ...base, path: 'src/config.ts', anchor: contentHash(TOKEN_B) });
    assert.notEqual(first, second);
  });

  it('differs by rule, path and occurrence', () => {
    const reference = fingerprint({ ...base, path: 'src/config.ts' });
    assert.notEqual(fingerprint({ ...base, path: 'src/other.ts' }), reference);
    assert.notEqual(
      fingerprint({ ...base, path: 'src/config.ts', ruleId: 'secrets/jwt' }),
      reference,
    );
    assert.notEqual(fingerprint({ ...base, path: 'src/config.ts', occurrence: 1 }), reference);
  });

  it('keeps part boundaries apart', () => {
    const joinedOne = fingerprint({ ruleId: 'secrets/a', path: 'b/c', anchor: 'd', occurrence: 0 });
    const joinedTwo = fingerprint({ ruleId: 'secrets/a', path: 'b', anchor: 'c/d', occurrence: 0 });
    assert.notEqual(joinedOne, joinedTwo);
  });
});

describe('normalisePath', () => {
  it('normalises separators and prefixes', () => {
    assert.equal(normalisePath('./a\\b//c/'), 'a/b/c');
    assert.equal(normalisePath('a/b'), 'a/b');
  });
});

describe('lineHash', () => {
  it('ignores white space', () => {
    assert.equal(lineHash('  const key = "x";'), lineHash('const key="x";\t'));
  });

  it('differs for different text', () => {
    assert.notEqual(lineHash('const key = "x";'), lineHash('const key = "y";'));
  });

  it('is 16 hex characters', () => {
    assert.match(lineHash('anything'), /^[0-9a-f]{16}$/);
  });
});
