/**
 * RubyGems ordering, written from the documented behaviour of `Gem::Version`
 * in RubyGems 3. The version splits into runs of digits (numbers) and runs
 * of letters (strings), and a `-` reads as `.pre.`. Any letter makes the
 * version a pre-release, because a string sorts before any number at the
 * same position: `1.0.0.pre` < `1.0.0`. Trailing zeros are dropped from the
 * release part and from the pre-release part before comparing, so `1.0` = `1`.
 */
import type { VersionScheme } from './scheme.js';
import { compareText, isAlphanumericCode, isDigits, isDottedIdentifiers, trimVersion } from './scheme.js';

/** A number segment, or a string segment. */
type Segment = bigint | string;

function isAlphanumeric(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    if (!isAlphanumericCode(text.charCodeAt(i))) return false;
  }
  return true;
}

/** Return the trimmed version when it matches Gem::Version's pattern (`1.2.3`, `1.0.0.pre`, `1.0-beta.2`). */
function validGem(version: string): string | undefined {
  const trimmed = trimVersion(version);
  if (trimmed === undefined) return undefined;
  const dash = trimmed.indexOf('-');
  const head = dash < 0 ? trimmed : trimmed.slice(0, dash);
  const parts = head.split('.');
  if (!isDigits(parts[0] ?? '')) return undefined;
  if (!parts.slice(1).every(isAlphanumeric)) return undefined;
  if (dash >= 0 && !isDottedIdentifiers(trimmed.slice(dash + 1))) return undefined;
  return trimmed;
}

function isDigitChar(char: string): boolean {
  return char >= '0' && char <= '9';
}

function isLetterChar(char: string): boolean {
  return (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');
}

/** Runs of digits and runs of letters; everything else separates them. */
function segmentsOf(version: string): Segment[] {
  const text = version.split('-').join('.pre.');
  const segments: Segment[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text.charAt(i);
    const matcher = isDigitChar(char) ? isDigitChar : isLetterChar(char) ? isLetterChar : undefined;
    if (matcher === undefined) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && matcher(text.charAt(end))) end++;
    const run = text.slice(i, end);
    segments.push(matcher === isDigitChar ? BigInt(run) : run);
    i = end;
  }
  return segments;
}

function dropTrailingZeros(segments: Segment[]): Segment[] {
  let end = segments.length;
  while (end > 0 && segments[end - 1] === 0n) end--;
  return segments.slice(0, end);
}

/** Split into segments and drop trailing zeros from the release part and from the pre-release part. */
function canonicalSegments(version: string): Segment[] {
  const segments = segmentsOf(version);
  const firstString = segments.findIndex((segment) => typeof segment === 'string');
  if (firstString < 0) return dropTrailingZeros(segments);
  return [
    ...dropTrailingZeros(segments.slice(0, firstString)),
    ...dropTrailingZeros(segments.slice(firstString)),
  ];
}

function compareSegments(a: Segment, b: Segment): number {
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
  if (typeof a === 'string') return -1;
  if (typeof b === 'string') return 1;
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

export const rubygemsScheme: VersionScheme = {
  isValid: (version) => validGem(version) !== undefined,
  compare(a, b) {
    const leftVersion = validGem(a);
    const rightVersion = validGem(b);
    if (leftVersion === undefined || rightVersion === undefined) return 0;
    const left = canonicalSegments(leftVersion);
    const right = canonicalSegments(rightVersion);
    const length = Math.max(left.length, right.length);
    for (let i = 0; i < length; i++) {
      const result = compareSegments(left[i] ?? 0n, right[i] ?? 0n);
      if (result !== 0) return result;
    }
    return 0;
  },
  major(version) {
    const checked = validGem(version);
    if (checked === undefined) return '';
    return String(segmentsOf(checked)[0] ?? '');
  },
  normalize: (version) => version.trim(),
};
