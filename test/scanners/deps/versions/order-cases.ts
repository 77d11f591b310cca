import assert from 'node:assert/strict';
import type { Ecosystem } from '../../../../src/scanners/deps/types.js';
import { compareVersions, isValidVersion } from '../../../../src/scanners/deps/versions/index.js';

/** Assert that `versions` is strictly ascending, checking every pair so that transitivity is covered too. */
export function assertAscending(ecosystem: Ecosystem, versions: readonly string[]): void {
  for (const version of versions) {
    assert.ok(isValidVersion(ecosystem, version), `${ecosystem} ${version} should be valid`);
  }
  for (let i = 0; i < versions.length; i++) {
    for (let j = i + 1; j < versions.length; j++) {
      const a = versions[i]!;
      const b = versions[j]!;
      assert.equal(compareVersions(ecosystem, a, b), -1, `${ecosystem}: ${a} < ${b}`);
      assert.equal(compareVersions(ecosystem, b, a), 1, `${ecosystem}: ${b} > ${a}`);
    }
  }
}

/** Assert that every pair compares equal in both directions. */
export function assertEqualPairs(ecosystem: Ecosystem, pairs: readonly (readonly [string, string])[]): void {
  for (const [a, b] of pairs) {
    assert.equal(compareVersions(ecosystem, a, b), 0, `${ecosystem}: ${a} = ${b}`);
    assert.equal(compareVersions(ecosystem, b, a), 0, `${ecosystem}: ${b} = ${a}`);
  }
}

type Relation = readonly [string, '<' | '>', string];

/** Assert that each pair compares as its relation states, and the reversed pair the opposite way. */
export function assertPairs(ecosystem: Ecosystem, pairs: readonly Relation[]): void {
  for (const [a, relation, b] of pairs) {
    const expected = relation === '<' ? -1 : 1;
    assert.equal(compareVersions(ecosystem, a, b), expected, `${ecosystem}: ${a} ${relation} ${b}`);
    assert.equal(compareVersions(ecosystem, b, a), -expected, `${ecosystem}: reversed ${a} ${relation} ${b}`);
  }
}

/** Assert that none of `versions` is valid in `ecosystem`. */
export function assertInvalid(ecosystem: Ecosystem, versions: readonly string[]): void {
  for (const version of versions) {
    const label = `${ecosystem}: ${JSON.stringify(version)} should be invalid`;
    assert.equal(isValidVersion(ecosystem, version), false, label);
  }
}
