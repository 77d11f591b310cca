import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import { boundedDamerau, classifySingleEdit } from './typosquat-distance.js';
import {
  canonicalName,
  isEcosystemWord,
  isOneWord,
  isSeparator,
  MAX_NAME_LENGTH,
  nameWords,
  skeleton,
  splitScope,
  type TyposquatEcosystem,
} from './typosquat-names.js';

/** One popular package, with a popularity weight comparable within its ecosystem. */
export interface PopularEntry {
  name: string;
  canonical: string;
  /** Monthly downloads for npm, or an estimate from the rank for PyPI. */
  weight: number;
}

/**
 * Popular names of one ecosystem, indexed for look-alike queries: by
 * canonical name, by skeleton (no separators or scope) and by the strings
 * left after deleting one or two characters (the symmetric delete method).
 */
export interface PopularIndex {
  ecosystem: TyposquatEcosystem;
  entries: PopularEntry[];
  byCanonical: Map<string, PopularEntry>;
  bySkeleton: Map<string, PopularEntry[]>;
  /**
   * Sorted codes `hash(deletion) * 2^20 + entry position` for every deletion
   * of every entry. Codes stay exact integers because 2^32 * 2^20 < 2^53.
   * A hash collision only adds a candidate, which the caller then rejects by
   * computing the real distance.
   */
  deletionCodes: Float64Array;
  /**
   * Start offset in deletionCodes of each bucket of codes whose hash has the
   * same top BUCKET_BITS bits, plus the end as the last element. A search
   * then bisects one small, cache-friendly bucket instead of all the codes.
   */
  deletionBuckets: Uint32Array;
  /** Length of the longest canonical name, beyond which no edit-distance match is possible. */
  longestName: number;
  /** 1-based rank of each canonical name by descending weight. */
  rankByCanonical: Map<string, number>;
  /**
   * Names of at least two words among the REORDER_MAX_RANK most popular, keyed
   * by their words sorted and joined with a space. Names with an ecosystem
   * word (`python-x` beside `x-python`) are left out because both orders are
   * customary.
   */
  byWordSet: Map<string, PopularEntry[]>;
  /** Unscoped one-word names of MEDIUM_NAME_LENGTH to LONG_NAME_LENGTH - 1 characters, ranked MEDIUM_TWO_EDIT_MAX_RANK or better. */
  mediumTargets: PopularEntry[];
  /** npm scopes of the popular names, by scope without `@`. */
  scopes: Map<string, PopularScope>;
}

/** An npm scope with its popular packages, most popular first. */
export interface PopularScope {
  scope: string;
  skeleton: string;
  entries: PopularEntry[];
}

/** Names at least this long are matched up to edit distance 2, shorter ones up to 1. */
export const LONG_NAME_LENGTH = 12;

/** One-word names from this length up to LONG_NAME_LENGTH - 1 are matched at distance 2 when very popular. */
export const MEDIUM_NAME_LENGTH = 8;

/** Rank up to which a medium-length name is matched at edit distance 2. */
export const MEDIUM_TWO_EDIT_MAX_RANK = 100;

/** Rank up to which a name of several words is matched with its words reordered. */
export const REORDER_MAX_RANK = 1000;

/** Returns the text itself plus its deletions of one character, and of two when `depth` is 2. */
export function deletionNeighbourhood(text: string, depth: 1 | 2): Set<string> {
  const all = new Set<string>([text]);
  for (let i = 0; i < text.length; i += 1) {
    const once = text.slice(0, i) + text.slice(i + 1);
    all.add(once);
    if (depth === 1) continue;
    // Deleting positions i < j of the original text covers every pair once.
    for (let j = i; j < once.length; j += 1) all.add(once.slice(0, j) + once.slice(j + 1));
  }
  return all;
}

const POSITION_SPACE = 2 ** 20;

/** Number of leading hash bits that select a bucket of deletionCodes. */
const BUCKET_BITS = 16;

function bucketStarts(codes: Float64Array): Uint32Array {
  const starts = new Uint32Array(2 ** BUCKET_BITS + 1);
  const shift = 2 ** (32 - BUCKET_BITS) * POSITION_SPACE;
  for (const code of codes) {
    const next = Math.floor(code / shift) + 1;
    starts[next] = (starts[next] ?? 0) + 1;
  }
  for (let bucket = 1; bucket < starts.length; bucket += 1) starts[bucket] = (starts[bucket] ?? 0) + (starts[bucket - 1] ?? 0);
  return starts;
}

/** Maximum number of popular names one index can hold, set by the code layout. */
export const MAX_POPULAR_ENTRIES = POSITION_SPACE;

/** FNV-1a hash of the UTF-16 code units of `text`, as an unsigned 32-bit integer. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function pushTo(map: Map<string, PopularEntry[]>, key: string, entry: PopularEntry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

/** Returns the entries that have `deletion` in their deletion neighbourhood, plus any hash collisions. */
export function entriesWithDeletion(index: PopularIndex, deletion: string): PopularEntry[] {
  const codes = index.deletionCodes;
  const hash = hashText(deletion);
  const low = hash * POSITION_SPACE;
  const bucket = hash >>> (32 - BUCKET_BITS);
  let start = index.deletionBuckets[bucket] ?? 0;
  let end = index.deletionBuckets[bucket + 1] ?? codes.length;
  while (start < end) {
    const middle = (start + end) >>> 1;
    if ((codes[middle] ?? 0) < low) start = middle + 1;
    else end = middle;
  }
  const found: PopularEntry[] = [];
  for (let i = start; i < codes.length && (codes[i] ?? Infinity) < low + POSITION_SPACE; i += 1) {
    const entry = index.entries[(codes[i] ?? 0) - low];
    if (entry) found.push(entry);
  }
  return found;
}

/** Returns the key under which byWordSet files a name: its words sorted and joined with a space. */
export function wordSetKey(words: string[]): string {
  return [...words].sort().join(' ');
}

/** Ranks the entries by descending weight, then fills the tables that depend on rank or scope. */
function rankEntries(index: PopularIndex): void {
  const ordered = [...index.byCanonical.values()].sort((a, b) => b.weight - a.weight);
  ordered.forEach((entry, position) => index.rankByCanonical.set(entry.canonical, position + 1));
  for (const entry of ordered) {
    const rank = rankOf(index, entry);
    const words = nameWords(entry.canonical);
    const reorderable = !entry.canonical.startsWith('@') && words.length >= 2 && !words.some(isEcosystemWord);
    if (rank <= REORDER_MAX_RANK && reorderable) pushTo(index.byWordSet, wordSetKey(words), entry);
    const length = entry.canonical.length;
    const medium = length >= MEDIUM_NAME_LENGTH && length < LONG_NAME_LENGTH && isOneWord(entry.canonical) && !entry.canonical.startsWith('@');
    if (rank <= MEDIUM_TWO_EDIT_MAX_RANK && medium) index.mediumTargets.push(entry);
    const scoped = splitScope(entry.canonical);
    if (!scoped) continue;
    const scope = index.scopes.get(scoped.scope) ?? { scope: scoped.scope, skeleton: skeleton(scoped.scope), entries: [] };
    scope.entries.push(entry);
    index.scopes.set(scoped.scope, scope);
  }
}

/** Returns the 1-based popularity rank of an entry of `index`. */
export function rankOf(index: PopularIndex, entry: PopularEntry): number {
  return index.rankByCanonical.get(entry.canonical) ?? Infinity;
}

/** Minimum length of a popular scope that is matched at one edit. Scopes of LONG_NAME_LENGTH or more are matched at two. */
export const MIN_SCOPE_EDIT_LENGTH = 6;

function allowedScopeEdits(scope: PopularScope): number {
  if (scope.skeleton.length >= LONG_NAME_LENGTH) return 2;
  return scope.skeleton.length >= MIN_SCOPE_EDIT_LENGTH ? 1 : 0;
}

/**
 * Returns whether a scope skeleton looks like a slip on a popular one. Slips
 * are separator changes, one swapped, doubled or look-alike character, and
 * two edits on a long scope after the same first three characters. A single
 * inserted or replaced letter does not count, because organisations often
 * pick such names (`@remotion` beside `@emotion`).
 */
function isScopeSlip(bare: string, popular: PopularScope): boolean {
  const allowed = allowedScopeEdits(popular);
  if (Math.abs(popular.skeleton.length - bare.length) > allowed) return false;
  const distance = boundedDamerau(bare, popular.skeleton, allowed);
  if (distance > allowed) return false;
  if (distance === 0) return true;
  if (distance === 2) return bare.slice(0, 3) === popular.skeleton.slice(0, 3);
  return classifySingleEdit(bare, popular.skeleton, isSeparator) !== 'edit-distance';
}

/** Returns the popular scopes other than `scope` (without `@`) that `scope` looks like a slip on. */
export function findScopeSlips(index: PopularIndex, scope: string): PopularScope[] {
  const bare = skeleton(scope);
  const slips: PopularScope[] = [];
  for (const popular of index.scopes.values()) {
    if (popular.scope !== scope && isScopeSlip(bare, popular)) slips.push(popular);
  }
  return slips;
}

/** Builds the look-up tables for `entries`; an earlier entry wins a canonical-name clash. */
export function buildPopularIndex(ecosystem: TyposquatEcosystem, entries: PopularEntry[]): PopularIndex {
  if (entries.length > MAX_POPULAR_ENTRIES) {
    throw new Error(`${entries.length} popular ${ecosystem} names exceed the limit of ${MAX_POPULAR_ENTRIES}; pass a smaller top`);
  }
  const index: PopularIndex = {
    ecosystem,
    entries,
    byCanonical: new Map(),
    bySkeleton: new Map(),
    deletionCodes: new Float64Array(0),
    deletionBuckets: new Uint32Array(0),
    longestName: 0,
    rankByCanonical: new Map(),
    byWordSet: new Map(),
    mediumTargets: [],
    scopes: new Map(),
  };
  const codes: number[] = [];
  entries.forEach((entry, position) => {
    if (index.byCanonical.has(entry.canonical)) return;
    index.byCanonical.set(entry.canonical, entry);
    index.longestName = Math.max(index.longestName, entry.canonical.length);
    pushTo(index.bySkeleton, skeleton(entry.canonical), entry);
    const depth = entry.canonical.length >= LONG_NAME_LENGTH ? 2 : 1;
    for (const key of deletionNeighbourhood(entry.canonical, depth)) codes.push(hashText(key) * POSITION_SPACE + position);
  });
  index.deletionCodes = Float64Array.from(codes).sort();
  index.deletionBuckets = bucketStarts(index.deletionCodes);
  rankEntries(index);
  return index;
}

/**
 * Parses a popular-names TSV: a header row, then `name<TAB>value` rows where
 * the value is monthly downloads (npm) or a 1-based rank (PyPI). PyPI ranks
 * become weights of 1e9 / rank, which assumes downloads fall off as 1 / rank
 * (Zipf's law), so a 100x weight gap is a 100x rank gap.
 */
export function parsePopularTsv(ecosystem: TyposquatEcosystem, text: string, source: string, top: number): PopularEntry[] {
  const lines = text.split('\n');
  const entries: PopularEntry[] = [];
  for (let row = 1; row < lines.length && entries.length < top; row += 1) {
    const line = (lines[row] ?? '').replace(/\r$/, '');
    if (line === '') continue;
    const [name = '', value = ''] = line.split('\t');
    const number = Number(value);
    if (name === '' || name.length > MAX_NAME_LENGTH || !Number.isFinite(number) || number <= 0) {
      throw new Error(`invalid row ${row + 1} in ${source}: expected "name<TAB>positive number"; refresh it with scripts/refresh-popular.ts`);
    }
    const weight = ecosystem === 'npm' ? number : 1e9 / number;
    entries.push({ name, canonical: canonicalName(ecosystem, name), weight });
  }
  return entries;
}

const cache = new Map<string, PopularIndex>();

/** Loads and indexes the `top` most popular names from data/popular/ of the rampart package. */
export function loadPopularIndex(ecosystem: TyposquatEcosystem, top = 10_000): PopularIndex {
  const key = `${ecosystem}:${top}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const file = join(packageRoot(), 'data', 'popular', ecosystem === 'npm' ? 'npm.tsv' : 'pypi.tsv');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`popular-package list ${file} could not be read (${(error as Error).message}); reinstall rampart or run scripts/refresh-popular.ts`);
  }
  const index = buildPopularIndex(ecosystem, parsePopularTsv(ecosystem, text, file, top));
  cache.set(key, index);
  return index;
}
