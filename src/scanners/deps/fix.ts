/**
 * Upgrade advice: the smallest known version that leaves a package free of
 * every advisory given.
 */
import { isAffected, knownVersions } from './match.js';
import type { OsvRecord } from './osv-types.js';
import type { Ecosystem } from './types.js';
import { compareVersions, isValidVersion, majorOf, normalizeVersion } from './versions/index.js';

export type FixAdvice = { version: string; majorChange: boolean } | { version: undefined; reason: string };

function activeRecords(records: OsvRecord[]): OsvRecord[] {
  return (Array.isArray(records) ? records : []).filter(
    (record) => typeof record === 'object' && record !== null && !record.withdrawn,
  );
}

/**
 * Candidate versions the records name for the package: `fixed` and
 * `last_affected` events. A `last_affected` version is itself affected, but
 * listing it lets the smallest known version above it (from another range
 * or record) stand as its successor. `versions` entries are left out: each
 * is affected by the record that lists it, so none can be a fix.
 */
function candidateVersions(ecosystem: Ecosystem, records: OsvRecord[], name: string): string[] {
  const all = records.flatMap((record) =>
    knownVersions(record, ecosystem, name, ['fixed', 'last_affected'], false),
  );
  const seen = new Set<string>();
  return all.filter((version) => {
    const key = normalizeVersion(ecosystem, version);
    if (seen.has(key) || !isValidVersion(ecosystem, version)) return false;
    seen.add(key);
    return true;
  });
}

function noFixReason(ecosystem: Ecosystem, records: OsvRecord[], name: string, current: string): string {
  const lastAffected = records
    .flatMap((record) => knownVersions(record, ecosystem, name, ['last_affected']))
    .filter((version) => isValidVersion(ecosystem, version))
    .sort((a, b) => compareVersions(ecosystem, a, b))
    .pop();
  if (lastAffected !== undefined) {
    return `versions above ${lastAffected} (the last affected one) are not affected`;
  }
  return `no fixed version above ${current} is known`;
}

/**
 * Find the smallest version above `current` that none of `records` affects,
 * among the versions the records name for package `name` (see
 * `candidateVersions`). `majorChange` is true when `majorOf` differs between
 * `current` and the fix. Withdrawn records are ignored. When no such version
 * is known, or `current` does not parse in the ecosystem, the result carries
 * the reason instead.
 *
 * A stable release is preferred over a smaller pre-release fix of the same
 * major version, unless the current version is itself a pre-release.
 */
export function smallestFix(
  ecosystem: Ecosystem,
  current: string,
  records: OsvRecord[],
  name: string,
): FixAdvice {
  if (!isValidVersion(ecosystem, current)) {
    const reason = `"${current}" is not a valid ${ecosystem} version, so no upgrade can be ordered after it`;
    return { version: undefined, reason };
  }
  const active = activeRecords(records);
  const fix = pickFix(ecosystem, current, active, name, sortedCandidates(ecosystem, active, name));
  if (fix === undefined) return { version: undefined, reason: noFixReason(ecosystem, active, name, current) };
  return { version: fix, majorChange: majorOf(ecosystem, fix) !== majorOf(ecosystem, current) };
}

/**
 * Walk the sorted candidates above `current` and return the first one no
 * record affects, or, when that is a pre-release and `current` is not, the
 * first unaffected stable release of the same major version. The walk stops
 * at the next major version, so it stays short even for long lists.
 */
function pickFix(
  ecosystem: Ecosystem,
  current: string,
  records: OsvRecord[],
  name: string,
  candidates: readonly string[],
): string | undefined {
  const unaffected = (version: string) => !records.some((record) => isAffected(record, ecosystem, name, version));
  const wantStable = !isPrerelease(ecosystem, current);
  let first: string | undefined;
  for (const version of candidates) {
    if (compareVersions(ecosystem, version, current) <= 0) continue;
    if (first !== undefined && majorOf(ecosystem, version) !== majorOf(ecosystem, first)) break;
    if (!unaffected(version)) continue;
    first ??= version;
    if (!wantStable || !isPrerelease(ecosystem, version)) return version;
  }
  return first;
}

/**
 * Candidates sorted once per package and record set: one advisory can list
 * thousands of versions, and a lockfile can hold many versions of the
 * package, each asking for its fix.
 */
const sortedCache = new Map<string, string[]>();
const SORTED_CACHE_LIMIT = 1_000;

function sortedCandidates(ecosystem: Ecosystem, records: OsvRecord[], name: string): string[] {
  const key = `${ecosystem}\0${name}\0${records.map((record) => `${record.id}@${record.modified}`).sort().join(',')}`;
  let sorted = sortedCache.get(key);
  if (sorted === undefined) {
    sorted = candidateVersions(ecosystem, records, name).sort((a, b) => compareVersions(ecosystem, a, b));
    if (sortedCache.size >= SORTED_CACHE_LIMIT) sortedCache.clear();
    sortedCache.set(key, sorted);
  }
  return sorted;
}

const SEMVER_LIKE = new Set<Ecosystem>(['npm', 'crates.io', 'Pub', 'Go', 'NuGet']);
const PEP440_PRE = /\d(?:a|b|c|rc|alpha|beta|pre|preview|dev)\.?\d*/i;
const QUALIFIER_PRE = /(?:alpha|beta|rc|cr|milestone|snapshot|pre|preview|dev)|[.-]m\d/i;

/** Check whether `version` is a pre-release in the ecosystem's usual spelling. */
export function isPrerelease(ecosystem: Ecosystem, version: string): boolean {
  if (SEMVER_LIKE.has(ecosystem)) return version.split('+')[0]!.includes('-');
  if (ecosystem === 'PyPI') return PEP440_PRE.test(version);
  return QUALIFIER_PRE.test(version);
}
