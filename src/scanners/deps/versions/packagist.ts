/**
 * Packagist (Composer) ordering, written from Composer's documented version
 * normalisation (getcomposer.org, "Versions and constraints"): an optional
 * `v`, up to four numeric parts padded with zeros (`2.0` becomes
 * `2.0.0.0`), then an optional stability suffix. Stabilities order
 * `dev` < `alpha` (`a`) < `beta` (`b`) < `RC` < stable < `patch` (`pl`,
 * `p`); a trailing `-dev` puts a version just before the same version
 * without it. Branch versions (`dev-main`, and `master`, `trunk` or
 * `default` alone) sort before every numbered version, and `1.0.x-dev`
 * stands for `1.0.9999999.9999999-dev`. Build metadata after `+`, a
 * `@stability` flag and an ` as ` alias are dropped first.
 *
 * NOTE: Composer's date-based versions with separators (`2010-01-02`) are
 * rejected; a plain `20100102` is accepted as one large number.
 */
import type { VersionScheme } from './scheme.js';
import { compareDigits, compareText, isDigits, sign, stripLeadingZeros, trimVersion } from './scheme.js';

type Stability = 'dev' | 'alpha' | 'beta' | 'RC' | 'stable' | 'patch';

const STABILITY_RANK: Record<Stability, number> = { dev: 0, alpha: 1, beta: 2, RC: 3, stable: 4, patch: 5 };

/** Stability words as Composer spells them, longest first so that `patch` wins over `p`. */
const STABILITY_WORDS: [string, Stability][] = [
  ['stable', 'stable'],
  ['alpha', 'alpha'],
  ['patch', 'patch'],
  ['beta', 'beta'],
  ['pl', 'patch'],
  ['rc', 'RC'],
  ['a', 'alpha'],
  ['b', 'beta'],
  ['p', 'patch'],
];

/** The Composer 1.x wildcard branch value (`1.0.x-dev`). */
const WILDCARD = '9999999';

/** The stability part of a numbered version: `beta1-dev` gives beta, [1] and a dev suffix. */
interface StabilitySuffix {
  stability: Stability;
  stabilityNumbers: string[];
  devSuffix: boolean;
}

type ComposerVersion =
  | { kind: 'branch'; name: string }
  | ({ kind: 'numbered'; numbers: string[] } & StabilitySuffix);

/** Drop an ` as ` alias, a `@stability` flag and `+build` metadata. */
function stripDecorations(version: string): string {
  let text = version;
  const alias = text.indexOf(' as ');
  if (alias >= 0) text = text.slice(0, alias).trim();
  const at = text.lastIndexOf('@');
  if (at > 0) text = text.slice(0, at);
  const plus = text.indexOf('+');
  if (plus > 0) text = text.slice(0, plus);
  return text;
}

/** Split a leading `v?digits(.digits){0,3}` from the rest. */
function splitNumbers(text: string): { numbers: string[]; rest: string } | undefined {
  let i = text.startsWith('v') || text.startsWith('V') ? 1 : 0;
  const numbers: string[] = [];
  while (numbers.length < 4) {
    const start = numbers.length === 0 ? i : i + 1;
    if (numbers.length > 0 && text.charAt(i) !== '.') break;
    let end = start;
    while (end < text.length && text.charAt(end) >= '0' && text.charAt(end) <= '9') end++;
    if (end === start) break;
    numbers.push(stripLeadingZeros(text.slice(start, end)));
    i = end;
  }
  if (numbers.length === 0) return undefined;
  while (numbers.length < 4) numbers.push('0');
  return { numbers, rest: text.slice(i) };
}

/** Digit groups, each optionally preceded by `.` or `-`, up to a possible `dev` suffix. */
function readStabilityNumbers(text: string): { numbers: string[]; rest: string } {
  const numbers: string[] = [];
  let rest = text;
  for (;;) {
    const body = rest.startsWith('.') || rest.startsWith('-') ? rest.slice(1) : rest;
    let end = 0;
    while (end < body.length && isDigits(body.charAt(end))) end++;
    if (end === 0) return { numbers, rest };
    numbers.push(stripLeadingZeros(body.slice(0, end)));
    rest = body.slice(end);
  }
}

function parseModifier(modifier: string): StabilitySuffix | undefined {
  let rest = modifier.toLowerCase();
  if (rest.length === 0) return { stability: 'stable', stabilityNumbers: [], devSuffix: false };
  if (rest.startsWith('.') || rest.startsWith('_') || rest.startsWith('-')) rest = rest.slice(1);
  const word = STABILITY_WORDS.find(([spelling]) => rest.startsWith(spelling));
  let stability: Stability = 'stable';
  let stabilityNumbers: string[] = [];
  if (word !== undefined) {
    stability = word[1];
    const read = readStabilityNumbers(rest.slice(word[0].length));
    stabilityNumbers = read.numbers;
    rest = read.rest;
  }
  if (rest.startsWith('.') || rest.startsWith('-')) rest = rest.slice(1);
  if (rest === '') return { stability, stabilityNumbers, devSuffix: false };
  if (rest !== 'dev') return undefined;
  if (word === undefined) return { stability: 'dev', stabilityNumbers: [], devSuffix: false };
  return { stability, stabilityNumbers, devSuffix: true };
}

/** `1.0.x-dev` style branches: numbers or `x`/`*` wildcards, then `dev`. */
function parseWildcardBranch(text: string): ComposerVersion | undefined {
  const lower = text.toLowerCase();
  if (!lower.endsWith('dev')) return undefined;
  let head = lower.slice(0, -3);
  if (head.endsWith('.') || head.endsWith('-')) head = head.slice(0, -1);
  if (head.startsWith('v')) head = head.slice(1);
  const parts = head.split('.');
  if (parts.length === 0 || parts.length > 4) return undefined;
  const numbers: string[] = [];
  for (const part of parts) {
    if (part === 'x' || part === '*') numbers.push(WILDCARD);
    else if (isDigits(part)) numbers.push(stripLeadingZeros(part));
    else return undefined;
  }
  while (numbers.length < 4) numbers.push(WILDCARD);
  return { kind: 'numbered', numbers, stability: 'dev', stabilityNumbers: [], devSuffix: false };
}

function parse(version: string): ComposerVersion | undefined {
  const trimmed = trimVersion(version);
  if (trimmed === undefined) return undefined;
  const text = stripDecorations(trimmed);
  const lower = text.toLowerCase();
  if (lower === 'master' || lower === 'trunk' || lower === 'default') return { kind: 'branch', name: lower };
  if (lower.startsWith('dev-') && text.length > 4) return { kind: 'branch', name: text.slice(4) };
  const split = splitNumbers(text);
  const modifier = split === undefined ? undefined : parseModifier(split.rest);
  if (split !== undefined && modifier !== undefined) {
    return { kind: 'numbered', numbers: split.numbers, ...modifier };
  }
  return parseWildcardBranch(text);
}

function compareNumberLists(a: string[], b: string[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const result = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (result !== 0) return result;
  }
  return 0;
}

/** Stability numbers compare part by part, and a missing part sorts first (`beta` < `beta1` < `beta1.1`). */
function compareStabilityNumbers(a: string[], b: string[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const left = a[i];
    const right = b[i];
    if (left === undefined || right === undefined) return left === undefined ? -1 : 1;
    const result = compareDigits(left, right);
    if (result !== 0) return result;
  }
  return 0;
}

function compareParsed(a: ComposerVersion, b: ComposerVersion): number {
  if (a.kind === 'branch' || b.kind === 'branch') {
    if (a.kind === 'branch' && b.kind === 'branch') return compareText(a.name, b.name);
    return a.kind === 'branch' ? -1 : 1;
  }
  const numbers = compareNumberLists(a.numbers, b.numbers);
  if (numbers !== 0) return numbers;
  const rank = STABILITY_RANK[a.stability] - STABILITY_RANK[b.stability];
  if (rank !== 0) return sign(rank);
  const stabilityNumbers = compareStabilityNumbers(a.stabilityNumbers, b.stabilityNumbers);
  if (stabilityNumbers !== 0) return stabilityNumbers;
  if (a.devSuffix !== b.devSuffix) return a.devSuffix ? -1 : 1;
  return 0;
}

function format(version: ComposerVersion): string {
  if (version.kind === 'branch') return `dev-${version.name}`;
  let text = version.numbers.join('.');
  if (version.stability !== 'stable') text += `-${version.stability}${version.stabilityNumbers.join('.')}`;
  if (version.devSuffix) text += '-dev';
  return text;
}

export const packagistScheme: VersionScheme = {
  isValid: (version) => parse(version) !== undefined,
  compare(a, b) {
    const left = parse(a);
    const right = parse(b);
    if (left === undefined || right === undefined) return 0;
    return compareParsed(left, right);
  },
  major(version) {
    const parsed = parse(version);
    return parsed?.kind === 'numbered' ? (parsed.numbers[0] ?? '') : '';
  },
  /** Composer's normalised form, such as `2.0.0.0-beta1` for `v2.0-b1`. */
  normalize(version) {
    const trimmed = version.trim();
    const parsed = parse(trimmed);
    return parsed === undefined ? trimmed : format(parsed);
  },
};
