/**
 * Pub (Dart) ordering, written from the documented behaviour of
 * `Version.compareTo` in package pub_semver: SemVer 2 with leading zeros
 * allowed, pre-releases before their release, and, unlike SemVer, build
 * metadata taking part: a version with build metadata sorts after the same
 * version without, and build identifiers compare like pre-release ones
 * (so `1.0.0+1` < `1.0.0+2`, as Flutter build numbers expect).
 */
import type { VersionScheme } from './scheme.js';
import {
  compareDigits,
  compareText,
  isDigits,
  isDottedIdentifiers,
  stripLeadingZeros,
  trimVersion,
} from './scheme.js';
import { semverBreakingPart } from './semver.js';

interface PubVersion {
  numbers: [string, string, string];
  preRelease: string[];
  build: string[];
}

function parse(version: string): PubVersion | undefined {
  const trimmed = trimVersion(version);
  if (trimmed === undefined) return undefined;
  const bare = trimmed.startsWith('v') ? trimmed.slice(1) : trimmed;
  const plus = bare.indexOf('+');
  const build = plus < 0 ? undefined : bare.slice(plus + 1);
  const beforeBuild = plus < 0 ? bare : bare.slice(0, plus);
  const dash = beforeBuild.indexOf('-');
  const preRelease = dash < 0 ? undefined : beforeBuild.slice(dash + 1);
  const parts = (dash < 0 ? beforeBuild : beforeBuild.slice(0, dash)).split('.');
  if (parts.length !== 3 || !parts.every(isDigits)) return undefined;
  if (preRelease !== undefined && !isDottedIdentifiers(preRelease)) return undefined;
  if (build !== undefined && !isDottedIdentifiers(build)) return undefined;
  const [major, minor, patch] = parts.map(stripLeadingZeros) as [string, string, string];
  return {
    numbers: [major, minor, patch],
    preRelease: preRelease === undefined ? [] : preRelease.split('.'),
    build: build === undefined ? [] : build.split('.'),
  };
}

/** Identifier lists as pub_semver compares them: numbers before strings, a missing identifier first. */
function compareIdentifiers(a: string[], b: string[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const left = a[i];
    const right = b[i];
    if (left === undefined) return -1;
    if (right === undefined) return 1;
    const leftNumeric = isDigits(left);
    const rightNumeric = isDigits(right);
    let result: number;
    if (leftNumeric && rightNumeric) result = compareDigits(left, right);
    else if (leftNumeric !== rightNumeric) result = leftNumeric ? -1 : 1;
    else result = compareText(left, right);
    if (result !== 0) return result;
  }
  return 0;
}

function compareParsed(a: PubVersion, b: PubVersion): number {
  for (let i = 0; i < 3; i++) {
    const result = compareDigits(a.numbers[i]!, b.numbers[i]!);
    if (result !== 0) return result;
  }
  const aPre = a.preRelease.length > 0;
  const bPre = b.preRelease.length > 0;
  if (aPre !== bPre) return aPre ? -1 : 1;
  const preRelease = compareIdentifiers(a.preRelease, b.preRelease);
  if (preRelease !== 0) return preRelease;
  const aBuild = a.build.length > 0;
  const bBuild = b.build.length > 0;
  if (aBuild !== bBuild) return aBuild ? 1 : -1;
  return compareIdentifiers(a.build, b.build);
}

export const pubScheme: VersionScheme = {
  isValid: (version) => parse(version) !== undefined,
  compare(a, b) {
    const left = parse(a);
    const right = parse(b);
    if (left === undefined || right === undefined) return 0;
    return compareParsed(left, right);
  },
  /** The major number, or `0.<minor>` for 0.x, matching pub's "next breaking" version. */
  major(version) {
    const parsed = parse(version);
    return parsed === undefined ? '' : semverBreakingPart(parsed.numbers[0], parsed.numbers[1]);
  },
  normalize(version) {
    const trimmed = version.trim();
    const parsed = parse(trimmed);
    if (parsed === undefined) return trimmed;
    const preRelease = parsed.preRelease.length > 0 ? `-${parsed.preRelease.join('.')}` : '';
    const build = parsed.build.length > 0 ? `+${parsed.build.join('.')}` : '';
    return parsed.numbers.join('.') + preRelease + build;
  },
};
