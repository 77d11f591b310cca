import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import { canonicalName, MAX_NAME_LENGTH, skeleton, type TyposquatEcosystem } from './typosquat-names.js';

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
  /** Length of the longest canonical name, beyond which no edit-distance match is possible. */
  longestName: number;
}

/** Names at least this long are matched up to edit distance 2, shorter ones up to 1. */
export const LONG_NAME_LENGTH = 12;

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
  const low = hashText(deletion) * POSITION_SPACE;
  let start = 0;
  let end = codes.length;
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
    longestName: 0,
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
