/**
 * Maven version ordering, written from the "Version Order Specification"
 * of the Maven POM reference (https://maven.apache.org/pom.html), which
 * describes what `ComparableVersion` in Maven 3.9 does:
 *
 * - The lower-cased version splits into tokens at `.`, `-`, `_` and at
 *   transitions between ASCII digits and other characters. A transition and
 *   `_` count as `-`. Empty tokens become `0`.
 * - Qualifiers: `alpha` < `beta` < `milestone` < `rc` = `cr` < `snapshot` <
 *   `""` = `ga` = `final` = `release` < `sp`, then unknown qualifiers in
 *   lexical order. `a`, `b` and `m` directly followed by a digit mean alpha,
 *   beta and milestone.
 * - A qualifier sorts the same after `.` as after `-` (`1.foo` = `1-foo`),
 *   so qualifiers are recorded with `-`.
 * - Trailing null tokens (`0` and the release qualifier) are trimmed from
 *   the end, then before each remaining `-` from the end to the start, so
 *   `1.0` = `1.0.0` = `1-ga` = `1`.
 * - The shorter sequence is padded with nulls that take the other side's
 *   separator (`.0` or `-""`). Tokens compare as: qualifier < `-number` <
 *   `.number`, numbers numerically, qualifiers in the order above.
 *
 * NOTE: Maven 3.9 keeps a null before a hyphen group that starts with a
 * number (`1.0-0.1` is not `1-0.1` there); this follows the specification
 * text, which trims it.
 */
import type { VersionScheme } from './scheme.js';
import { compareDigits, compareText, isDigits, sign, stripLeadingZeros, trimVersion } from './scheme.js';

interface Token {
  separator: '.' | '-';
  /** Digits without leading zeros, for a numeric token. */
  number?: string;
  /** The qualifier after aliases, for a non-numeric token. */
  qualifier?: string;
}

const KNOWN_QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const QUALIFIER_ALIASES: Record<string, string> = { cr: 'rc', ga: '', final: '', release: '' };
const SHORT_QUALIFIERS: Record<string, string> = { a: 'alpha', b: 'beta', m: 'milestone' };

function isAsciiDigit(char: string): boolean {
  return char >= '0' && char <= '9';
}

function makeToken(text: string, separator: '.' | '-', followedByDigit: boolean): Token {
  if (text.length === 0) return { separator, number: '0' };
  if (isDigits(text)) return { separator, number: stripLeadingZeros(text) };
  let qualifier = followedByDigit ? (SHORT_QUALIFIERS[text] ?? text) : text;
  qualifier = QUALIFIER_ALIASES[qualifier] ?? qualifier;
  return { separator: '-', qualifier };
}

function tokenize(version: string): Token[] {
  const text = version.toLowerCase();
  const tokens: Token[] = [];
  let separator: '.' | '-' = '.';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === '.' || char === '-' || char === '_') {
      tokens.push(makeToken(text.slice(start, i), separator, false));
      separator = char === '.' ? '.' : '-';
      start = i + 1;
    } else if (i > start && isAsciiDigit(char) !== isAsciiDigit(text.charAt(i - 1))) {
      tokens.push(makeToken(text.slice(start, i), separator, isAsciiDigit(char)));
      separator = '-';
      start = i;
    }
  }
  tokens.push(makeToken(text.slice(start), separator, false));
  return trimNulls(tokens);
}

function isNull(token: Token): boolean {
  return token.number === '0' || token.qualifier === '';
}

/** Trim null tokens from the end, then before each remaining hyphen, from the end to the start. */
function trimNulls(tokens: Token[]): Token[] {
  while (tokens.length > 0 && isNull(tokens[tokens.length - 1]!)) tokens.pop();
  for (let i = tokens.length - 1; i > 0; i--) {
    if (tokens[i]!.separator !== '-') continue;
    let first = i;
    while (first > 0 && isNull(tokens[first - 1]!)) first--;
    if (first < i) {
      tokens.splice(first, i - first);
      i = first;
    }
  }
  return tokens;
}

function compareQualifiers(a: string, b: string): number {
  const left = KNOWN_QUALIFIERS.indexOf(a);
  const right = KNOWN_QUALIFIERS.indexOf(b);
  if (left >= 0 && right >= 0) return sign(left - right);
  if (left >= 0) return -1;
  if (right >= 0) return 1;
  return compareText(a, b);
}

/** Rank of a token's kind when kinds differ: qualifier < `-number` < `.number`. */
function kindRank(token: Token): number {
  if (token.number === undefined) return 0;
  return token.separator === '-' ? 1 : 2;
}

function compareTokens(a: Token, b: Token): number {
  if (a.qualifier !== undefined && b.qualifier !== undefined) {
    return compareQualifiers(a.qualifier, b.qualifier);
  }
  const rankDifference = kindRank(a) - kindRank(b);
  if (rankDifference !== 0) return sign(rankDifference);
  return compareDigits(a.number ?? '0', b.number ?? '0');
}

function nullFor(separator: '.' | '-'): Token {
  return separator === '.' ? { separator, number: '0' } : { separator, qualifier: '' };
}

function compareTokenLists(left: Token[], right: Token[]): number {
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const a = left[i] ?? nullFor(right[i]!.separator);
    const b = right[i] ?? nullFor(left[i]!.separator);
    const result = compareTokens(a, b);
    if (result !== 0) return result;
  }
  return 0;
}

function validMaven(version: string): string | undefined {
  const trimmed = trimVersion(version);
  if (trimmed === undefined) return undefined;
  for (let i = 0; i < trimmed.length; i++) {
    if (trimmed.charCodeAt(i) <= 32) return undefined;
  }
  return trimmed;
}

export const mavenScheme: VersionScheme = {
  /** Maven orders any string; only empty, over-long and white-space-containing strings are rejected. */
  isValid: (version) => validMaven(version) !== undefined,
  compare(a, b) {
    const left = validMaven(a);
    const right = validMaven(b);
    if (left === undefined || right === undefined) return 0;
    return compareTokenLists(tokenize(left), tokenize(right));
  },
  /** The first token: its number, or the qualifier when the version starts with letters. */
  major(version) {
    const checked = validMaven(version);
    if (checked === undefined) return '';
    const first = tokenize(checked)[0];
    if (first === undefined) return '0';
    return first.number ?? first.qualifier ?? '';
  },
  /** Lower case, because Maven compares versions case-insensitively. */
  normalize: (version) => version.trim().toLowerCase(),
};
