/**
 * Version ordering per ecosystem. Every function here accepts any string and
 * never throws: versions that do not parse in the ecosystem's syntax are
 * "invalid", sort before all valid versions, and compare with each other
 * as plain strings (by UTF-16 code unit), which keeps the order total and
 * deterministic.
 */
import type { Ecosystem } from '../types.js';
import { goScheme } from './go.js';
import { mavenScheme } from './maven.js';
import { nugetScheme } from './nuget.js';
import { packagistScheme } from './packagist.js';
import { pubScheme } from './pub.js';
import { pypiScheme } from './pypi.js';
import { rubygemsScheme } from './rubygems.js';
import type { VersionScheme } from './scheme.js';
import { compareText, sign } from './scheme.js';
import { semverScheme } from './semver.js';

export type { VersionScheme } from './scheme.js';
export { semverScheme } from './semver.js';

const SCHEMES: Record<Ecosystem, VersionScheme> = {
  npm: semverScheme,
  'crates.io': semverScheme,
  PyPI: pypiScheme,
  Go: goScheme,
  Maven: mavenScheme,
  RubyGems: rubygemsScheme,
  NuGet: nugetScheme,
  Packagist: packagistScheme,
  Pub: pubScheme,
};

/** The ordering of `ecosystem`, for callers that compare many versions. */
export function versionScheme(ecosystem: Ecosystem): VersionScheme {
  return SCHEMES[ecosystem];
}

/** Check whether `version` parses in `ecosystem`'s version syntax. */
export function isValidVersion(ecosystem: Ecosystem, version: string): boolean {
  return typeof version === 'string' && SCHEMES[ecosystem].isValid(version);
}

/**
 * -1, 0 or 1 as `a` sorts before, equal to or after `b` in `ecosystem`.
 * Invalid versions sort before valid ones and compare as strings among
 * themselves.
 */
export function compareVersions(ecosystem: Ecosystem, a: string, b: string): number {
  const scheme = SCHEMES[ecosystem];
  const aValid = isValidVersion(ecosystem, a);
  const bValid = isValidVersion(ecosystem, b);
  if (aValid && bValid) return sign(scheme.compare(a, b));
  if (aValid !== bValid) return aValid ? 1 : -1;
  return compareText(String(a).trim(), String(b).trim());
}

/**
 * The part of `version` whose change makes an upgrade breaking; two
 * versions with different results are a major upgrade apart. Returns an
 * empty string for an invalid version.
 *
 * - npm, crates.io, Pub: the SemVer major, but `0.<minor>` for 0.x,
 *   because their caret ranges treat a 0.x minor bump as breaking.
 * - Go, NuGet: the major number. (A Go module's major version from v2 on
 *   is also in its path, which this function cannot see.)
 * - PyPI: the first release segment, prefixed with a non-zero epoch (`1!2`).
 * - Maven: the first token (normally the first number).
 * - RubyGems, Packagist: the first number.
 */
export function majorOf(ecosystem: Ecosystem, version: string): string {
  if (!isValidVersion(ecosystem, version)) return '';
  return SCHEMES[ecosystem].major(version);
}

/**
 * `version` in a form where different spellings of one version are equal
 * strings (`v1.2.3` and `1.2.3` in Go, `1.0-RC1` and `1.0rc1` in PyPI).
 * Used to match OSV `versions` lists; invalid versions come back trimmed.
 */
export function normalizeVersion(ecosystem: Ecosystem, version: string): string {
  if (typeof version !== 'string') return '';
  return SCHEMES[ecosystem].normalize(version);
}

/** A copy of `versions` sorted ascending in `ecosystem`'s order. */
export function sortVersions(ecosystem: Ecosystem, versions: readonly string[]): string[] {
  return [...versions].sort((a, b) => compareVersions(ecosystem, a, b));
}
