/**
 * Matching OSV records to packages: which `affected` entries apply to a
 * package, whether a version is affected, which versions fix it, and how
 * records that describe one vulnerability are grouped.
 */
import { normalisePackageName } from '../../store/package-name.js';
import type { OsvAffected, OsvRange, OsvRecord } from './osv-types.js';
import type { Ecosystem } from './types.js';
import { compareVersions, normalizeVersion } from './versions/index.js';
import { isVersionInRange, rangeEvents } from './versions/ranges.js';


function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Select the `affected` entries of `record` that describe package `name` of
 * `ecosystem`. The entry's ecosystem must equal ours exactly, so suffixed
 * ecosystems (`Debian:11`, `Maven:https://maven.google.com`) never match.
 * Withdrawn records are kept here, and `isAffected` rejects them.
 */
export function affectedEntries(record: OsvRecord, ecosystem: Ecosystem, name: string): OsvAffected[] {
  const target = normalisePackageName(ecosystem, name);
  return asArray(record.affected).filter((entry): entry is OsvAffected => {
    if (typeof entry !== 'object' || entry === null) return false;
    const pkg: unknown = (entry as OsvAffected).package;
    if (typeof pkg !== 'object' || pkg === null) return false;
    const { ecosystem: entryEcosystem, name: entryName } = pkg as { ecosystem?: unknown; name?: unknown };
    if (entryEcosystem !== ecosystem || typeof entryName !== 'string') return false;
    return normalisePackageName(ecosystem, entryName) === target;
  });
}

/** Ranges of `entry` that describe package versions (SEMVER and ECOSYSTEM, not GIT). */
function versionRanges(entry: OsvAffected): OsvRange[] {
  return asArray(entry.ranges).filter((range): range is OsvRange => {
    if (typeof range !== 'object' || range === null) return false;
    const type: unknown = (range as OsvRange).type;
    return type === 'SEMVER' || type === 'ECOSYSTEM';
  });
}

/**
 * Normalised `versions` lists, computed once per entry: fix advice checks
 * many candidate versions, and a record may list thousands.
 */
const listedVersions = new WeakMap<OsvAffected, { ecosystem: Ecosystem; normalised: Set<string> }>();

function listsVersion(entry: OsvAffected, ecosystem: Ecosystem, version: string): boolean {
  let cached = listedVersions.get(entry);
  if (cached === undefined || cached.ecosystem !== ecosystem) {
    const normalised = new Set<string>();
    for (const listed of asArray(entry.versions)) {
      if (typeof listed === 'string') normalised.add(normalizeVersion(ecosystem, listed));
    }
    cached = { ecosystem, normalised };
    if (typeof entry === 'object' && entry !== null) listedVersions.set(entry, cached);
  }
  return cached.normalised.has(normalizeVersion(ecosystem, version));
}

/**
 * Check whether `version` of package `name` is affected by `record`: some
 * applicable entry lists the version in `versions` (compared after
 * `normalizeVersion`) or one of its SEMVER or ECOSYSTEM ranges contains it.
 * False for withdrawn records. A version that does not parse in the
 * ecosystem can only match a `versions` list. Malformed records do not
 * throw: fields of the wrong type are skipped.
 */
export function isAffected(record: OsvRecord, ecosystem: Ecosystem, name: string, version: string): boolean {
  if (typeof record !== 'object' || record === null || record.withdrawn) return false;
  if (typeof version !== 'string') return false;
  return affectedEntries(record, ecosystem, name).some(
    (entry) =>
      listsVersion(entry, ecosystem, version) ||
      versionRanges(entry).some((range) => isVersionInRange(range, ecosystem, version)),
  );
}

/** Distinct versions, sorted in `ecosystem`'s order; spellings that normalise alike count once. */
function sortedDistinct(ecosystem: Ecosystem, versions: string[]): string[] {
  const byNormalForm = new Map<string, string>();
  for (const version of versions) {
    const key = normalizeVersion(ecosystem, version);
    if (!byNormalForm.has(key)) byNormalForm.set(key, version);
  }
  return [...byNormalForm.values()].sort((a, b) => compareVersions(ecosystem, a, b));
}

/**
 * Versions named by `kinds` events in the SEMVER and ECOSYSTEM ranges, and
 * the `versions` entries when `withListed` is set, of the entries of
 * `record` that apply to the package.
 */
export function knownVersions(
  record: OsvRecord,
  ecosystem: Ecosystem,
  name: string,
  kinds: readonly string[],
  withListed = false,
): string[] {
  const found: string[] = [];
  for (const entry of affectedEntries(record, ecosystem, name)) {
    for (const range of versionRanges(entry)) {
      for (const event of rangeEvents(range)) {
        if (kinds.includes(event.kind)) found.push(event.version);
      }
    }
    if (withListed) found.push(...asArray(entry.versions).filter((listed) => typeof listed === 'string'));
  }
  return sortedDistinct(ecosystem, found);
}

/**
 * The `fixed` versions of the SEMVER and ECOSYSTEM ranges that apply to the
 * package, distinct and sorted in the ecosystem's order. Withdrawn records
 * still return theirs.
 */
export function fixedVersions(record: OsvRecord, ecosystem: Ecosystem, name: string): string[] {
  return knownVersions(record, ecosystem, name, ['fixed']);
}

function idsOf(record: OsvRecord): string[] {
  const aliases = asArray(record.aliases).filter((alias): alias is string => typeof alias === 'string');
  return [record.id, ...aliases];
}

function hasId(record: unknown): record is OsvRecord {
  return typeof record === 'object' && record !== null && typeof (record as OsvRecord).id === 'string';
}

/** Union-find over vulnerability ids, iterative so long alias chains cannot overflow the stack. */
class IdSets {
  private readonly parent = new Map<string, string>();

  find(id: string): string {
    let root = id;
    let next = this.parent.get(root);
    while (next !== undefined && next !== root) {
      root = next;
      next = this.parent.get(root);
    }
    for (let node = id; node !== root; ) {
      const next = this.parent.get(node) ?? root;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }

  union(a: string, b: string): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent.set(rootA, rootB);
  }
}

function compareRecords(a: OsvRecord, b: OsvRecord): number {
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  const aModified = String(a.modified ?? '');
  const bModified = String(b.modified ?? '');
  return aModified < bModified ? -1 : aModified > bModified ? 1 : 0;
}

/**
 * Groups of records that describe one vulnerability: records sharing an id
 * or alias, transitively (OSV defines aliases as symmetric and
 * transitive; `related` and `upstream` do not join groups). Records in a
 * group are sorted by id, then `modified`; groups are sorted by
 * `canonicalId`, then by their first record's id. Records without a string
 * id are dropped.
 */
export function groupByAlias(records: OsvRecord[]): OsvRecord[][] {
  const valid = asArray(records).filter(hasId);
  const sets = new IdSets();
  for (const record of valid) {
    for (const id of idsOf(record)) sets.union(record.id, id);
  }
  const groups = new Map<string, OsvRecord[]>();
  for (const record of valid) {
    const root = sets.find(record.id);
    const group = groups.get(root);
    if (group === undefined) groups.set(root, [record]);
    else group.push(record);
  }
  const sorted = [...groups.values()].map((group) => group.sort(compareRecords));
  const keyed = sorted.map((group) => ({ group, key: canonicalId(group) }));
  keyed.sort((a, b) => compareIds(a.key, b.key) || compareRecords(a.group[0]!, b.group[0]!));
  return keyed.map(({ group }) => group);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Year and sequence number of a `CVE-YYYY-NNNN` id, or undefined for other ids. */
function cveParts(id: string): [string, string] | undefined {
  const parts = id.split('-');
  if (parts.length !== 3 || parts[0] !== 'CVE') return undefined;
  const [, year, sequence] = parts as [string, string, string];
  if (year.length !== 4 || !/^\d+$/.test(year) || !/^\d+$/.test(sequence)) return undefined;
  return [year, sequence];
}

function compareCves(a: string, b: string): number {
  const [aYear, aSequence] = cveParts(a)!;
  const [bYear, bSequence] = cveParts(b)!;
  if (aYear !== bYear) return aYear < bYear ? -1 : 1;
  const bySequence = aSequence.length - bSequence.length || compareIds(aSequence, bSequence);
  return bySequence || compareIds(a, b);
}

/**
 * The id to report a group under, chosen among the ids and aliases of its
 * records: the oldest CVE id (by year, then number, so `CVE-2021-9999`
 * comes before `CVE-2021-10000`), else the smallest GHSA id, else the
 * smallest id by code unit order. CVE ids are what most users search for,
 * and GHSA ids cover every ecosystem GitHub tracks. Throws a RangeError
 * for a group with no ids.
 */
export function canonicalId(group: OsvRecord[]): string {
  const ids = asArray(group).filter(hasId).flatMap(idsOf);
  if (ids.length === 0) throw new RangeError('canonicalId: the group has no record with an id');
  const cves = ids.filter((id) => cveParts(id) !== undefined).sort(compareCves);
  if (cves[0] !== undefined) return cves[0];
  const ghsas = ids.filter((id) => id.startsWith('GHSA-')).sort(compareIds);
  if (ghsas[0] !== undefined) return ghsas[0];
  return ids.sort(compareIds)[0]!;
}
