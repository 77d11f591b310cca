import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unsafeRegexReason } from '../../src/core/regex-safety.js';

test('nested repetition is unsafe', () => {
  assert.match(unsafeRegexReason('(a+)+b') ?? '', /nests a repeated group/);
  assert.match(unsafeRegexReason('(\\w+\\s?)*$') ?? '', /nests a repeated group/);
});

test('repeated alternation without bound is unsafe', () => {
  assert.match(unsafeRegexReason('(a|a)*x') ?? '', /alternatives/);
  assert.match(unsafeRegexReason('(?:ab|a){2,}c') ?? '', /alternatives/);
});

test('ordinary secret patterns are safe', () => {
  assert.equal(unsafeRegexReason('\\b(ghp_[A-Za-z0-9]{36})\\b'), undefined);
  assert.equal(unsafeRegexReason('(?:api|app)[_-]?key\\s{0,4}=\\s{0,4}([a-f0-9]{32})'), undefined);
  assert.equal(unsafeRegexReason('(?:-|_){1,3}[A-Z]{4}'), undefined);
  assert.equal(unsafeRegexReason('[(|)]+x'), undefined);
});
