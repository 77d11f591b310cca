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
  byDeletion: Map<string, PopularEntry[]>;
}

/** Names at least this long are matched up to edit distance 2, shorter ones up to 1. */
export const LONG_NAME_LENGTH = 12;

/** Returns `text` with every single character removed in turn, without duplicates. */
export function singleDeletions(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < text.length; i += 1) out.add(text.slice(0, i) + text.slice(i + 1));
  return out;
}

/** Returns the text itself plus its deletions up to `depth` characters. */
export function deletionNeighbourhood(text: string, depth: number): Set<string> {
  const all = new Set<string>([text]);
  let frontier = new Set<string>([text]);
  for (let level = 0; level < depth; level += 1) {
    const next = new Set<string>();
    for (const item of frontier) {
      for (const deleted of singleDeletions(item)) {
        if (!all.has(deleted)) next.add(deleted);
        all.add(deleted);
      }
    }
    frontier = next;
  }
  return all;
}

function pushTo(map: Map<string, PopularEntry[]>, key: string, entry: PopularEntry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

/** Builds the look-up maps for `entries`; an earlier entry wins a canonical-name clash. */
export function buildPopularIndex(ecosystem: TyposquatEcosystem, entries: PopularEntry[]): PopularIndex {
  const index: PopularIndex = { ecosystem, entries, byCanonical: new Map(), bySkeleton: new Map(), byDeletion: new Map() };
  for (const entry of entries) {
    if (index.byCanonical.has(entry.canonical)) continue;
    index.byCanonical.set(entry.canonical, entry);
    pushTo(index.bySkeleton, skeleton(entry.canonical), entry);
    const depth = entry.canonical.length >= LONG_NAME_LENGTH ? 2 : 1;
    for (const key of deletionNeighbourhood(entry.canonical, depth)) pushTo(index.byDeletion, key, entry);
  }
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
