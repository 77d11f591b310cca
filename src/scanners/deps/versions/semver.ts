/**
 * SemVer 2.0 ordering through the `semver` package: the OSV `SEMVER` range
 * type, npm and crates.io. A leading `v` is tolerated (OSV forbids it, but
 * some records carry it). A partial version such as `1.0` or `2` reads as
 * `1.0.0` or `2.0.0`, because advisory ranges use that form (node-fetch's
 * GHSA-r683-j2x4-v87g has `introduced: "1.0"`); other loose forms such as
 * leading zeros are rejected.
 */
import semver from 'semver';
import type { VersionScheme } from './scheme.js';
import { comparableScheme, trimVersion } from './scheme.js';

const PARTIAL = /^\d{1,16}(?:\.\d{1,16})?$/;
const cache = new Map<string, semver.SemVer | undefined>();
const CACHE_LIMIT = 50_000;

function parseUncached(version: string): semver.SemVer | undefined {
  const trimmed = trimVersion(version);
  if (trimmed === undefined) return undefined;
  const strict = semver.parse(trimmed);
  if (strict) return strict;
  if (!PARTIAL.test(trimmed)) return undefined;
  const padded = trimmed.includes('.') ? `${trimmed}.0` : `${trimmed}.0.0`;
  return semver.parse(padded) ?? undefined;
}

/** Parse with a bounded cache: matching compares the same few versions many times. */
function parse(version: string): semver.SemVer | undefined {
  if (cache.has(version)) return cache.get(version);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const parsed = parseUncached(version);
  cache.set(version, parsed);
  return parsed;
}

/**
 * The breaking part of a SemVer version: the major number, or `0.<minor>`
 * for 0.x releases, because npm's and Cargo's caret ranges (and Pub's) treat
 * a 0.x minor bump as breaking. A 0.0.x patch bump, which npm and Cargo also
 * treat as breaking, is reported as the same `0.0` here.
 */
export function semverBreakingPart(major: number | string, minor: number | string): string {
  return String(major) === '0' ? `0.${minor}` : String(major);
}

export const semverScheme: VersionScheme = {
  ...comparableScheme(parse),
  major(version) {
    const parsed = parse(version);
    return parsed === undefined ? '' : semverBreakingPart(parsed.major, parsed.minor);
  },
  normalize(version) {
    const trimmed = version.trim();
    return parse(trimmed)?.format() ?? trimmed;
  },
};
