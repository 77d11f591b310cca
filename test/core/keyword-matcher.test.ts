import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeywordMatcher } from '../../src/core/keyword-matcher.js';

function matches(keywords: string[], text: string): [string, number][] {
  const matcher = new KeywordMatcher(keywords);
  const found: [string, number][] = [];
  matcher.scan(text, (keyword, start) => {
    found.push([keywords[keyword] as string, start]);
  });
  return found;
}

test('matcher finds overlapping and nested keywords', () => {
  const found = matches(['sk_live', 'live', 'sk_', 'e_k'], 'x=sk_live_key');

  assert.deepEqual(found.sort(), [
    ['e_k', 8],
    ['live', 5],
    ['sk_', 2],
    ['sk_live', 2],
  ]);
});

test('matcher ignores case of lower-case keywords', () => {
  assert.deepEqual(matches(['ghp_'], 'GHP_ Ghp_ ghp_'), [
    ['ghp_', 0],
    ['ghp_', 5],
    ['ghp_', 10],
  ]);
});

test('keywords with capitals match exactly', () => {
  assert.deepEqual(matches(['AC'], 'each ACE ac Ac'), [['AC', 5]]);
});

test('matcher treats non-ASCII as a separator', () => {
  assert.deepEqual(matches(['token'], 'tök token€token'), [
    ['token', 4],
    ['token', 10],
  ]);
});

test('matcher test stops at the first keyword', () => {
  const matcher = new KeywordMatcher(['nosemgrep', 'gitleaks:allow']);

  assert.equal(matcher.test('x = 1 // GITLEAKS:ALLOW'), true);
  assert.equal(matcher.test('x = 1 // nosemgre'), false);
});

test('matcher rejects empty and non-ASCII keywords', () => {
  assert.throws(() => new KeywordMatcher(['']), /non-empty ASCII/);
  assert.throws(() => new KeywordMatcher(['clé']), /non-empty ASCII/);
});
