/**
 * NuGet ordering, written from NuGet's documented versioning rules
 * (learn.microsoft.com, "NuGet package version reference"): one to four
 * numeric parts (`1.2.3.4`; missing parts are 0; leading zeros allowed), an
 * optional SemVer 2 pre-release compared label by label with numeric labels
 * numerically and before alphanumeric ones, alphanumeric labels
 * case-insensitively, and build metadata after `+` ignored.
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

interface NuGetVersion {
  /** Four numeric parts without leading zeros. */
  numbers: string[];
  /** Lower-cased pre-release labels; empty for a release. */
  labels: string[];
}

function parse(version: string): NuGetVersion | undefined {
  const trimmed = trimVersion(version);
  if (trimmed === undefined) return undefined;
  const plus = trimmed.indexOf('+');
  const withoutMetadata = plus < 0 ? trimmed : trimmed.slice(0, plus);
  if (plus >= 0 && !isDottedIdentifiers(trimmed.slice(plus + 1))) return undefined;
  const dash = withoutMetadata.indexOf('-');
  const core = dash < 0 ? withoutMetadata : withoutMetadata.slice(0, dash);
  const release = dash < 0 ? undefined : withoutMetadata.slice(dash + 1);
  const parts = core.split('.');
  if (parts.length > 4 || !parts.every(isDigits)) return undefined;
  if (release !== undefined && !isDottedIdentifiers(release)) return undefined;
  const numbers = parts.map(stripLeadingZeros);
  while (numbers.length < 4) numbers.push('0');
  return { numbers, labels: release === undefined ? [] : release.toLowerCase().split('.') };
}

function compareLabels(a: string, b: string): number {
  const aNumeric = isDigits(a);
  const bNumeric = isDigits(b);
  if (aNumeric && bNumeric) return compareDigits(a, b);
  if (aNumeric) return -1;
  if (bNumeric) return 1;
  return compareText(a, b);
}

function compareParsed(a: NuGetVersion, b: NuGetVersion): number {
  for (let i = 0; i < 4; i++) {
    const result = compareDigits(a.numbers[i]!, b.numbers[i]!);
    if (result !== 0) return result;
  }
  if (a.labels.length === 0 || b.labels.length === 0) {
    return (a.labels.length === 0 ? 1 : 0) - (b.labels.length === 0 ? 1 : 0);
  }
  const length = Math.min(a.labels.length, b.labels.length);
  for (let i = 0; i < length; i++) {
    const result = compareLabels(a.labels[i]!, b.labels[i]!);
    if (result !== 0) return result;
  }
  return Math.sign(a.labels.length - b.labels.length);
}

export const nugetScheme: VersionScheme = {
  isValid: (version) => parse(version) !== undefined,
  compare(a, b) {
    const left = parse(a);
    const right = parse(b);
    if (left === undefined || right === undefined) return 0;
    return compareParsed(left, right);
  },
  major: (version) => parse(version)?.numbers[0] ?? '',
  /**
   * NuGet's normalised form: no leading zeros, at least three parts, the
   * fourth only when it is not 0, lower-case pre-release, no metadata
   * (`01.2.0.0-RC+abc` gives `1.2.0-rc`).
   */
  normalize(version) {
    const trimmed = version.trim();
    const parsed = parse(trimmed);
    if (parsed === undefined) return trimmed;
    const numbers = parsed.numbers[3] === '0' ? parsed.numbers.slice(0, 3) : parsed.numbers;
    const release = parsed.labels.length > 0 ? `-${parsed.labels.join('.')}` : '';
    return numbers.join('.') + release;
  },
};
