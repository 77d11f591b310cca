import { boundedDamerau, classifySingleEdit } from './typosquat-distance.js';
import { deletionNeighbourhood, entriesWithDeletion, LONG_NAME_LENGTH, type PopularEntry, type PopularIndex } from './typosquat-index.js';
import {
  canonicalName,
  foldHomoglyphs,
  isScoped,
  isSeparator,
  MAX_NAME_LENGTH,
  skeleton,
  stripAffixes,
  type TyposquatEcosystem,
} from './typosquat-names.js';

export { loadPopularIndex, buildPopularIndex, type PopularIndex, type PopularEntry } from './typosquat-index.js';
export { canonicalName, type TyposquatEcosystem } from './typosquat-names.js';

/** Kind of resemblance between a suspicious name and the popular name it imitates. */
export type TyposquatKind =
  | 'edit-distance'
  | 'transposition'
  | 'repetition'
  | 'separator'
  | 'scope-confusion'
  | 'affix'
  | 'homoglyph';

/** A popular package that a name appears to imitate. */
export interface TyposquatMatch {
  target: string;
  reason: string;
  kind: TyposquatKind;
}

/**
 * A look-alike counts only when the imitated package has at least this many
 * times the candidate's popularity weight (downloads for npm, the inverse
 * rank for PyPI). A candidate outside the popular list has weight 0.
 */
export const POPULARITY_RATIO = 100;

/** Targets shorter than this are matched only by a swap, a repeated letter or a look-alike glyph. */
export const MIN_GENERIC_EDIT_LENGTH = 5;

/** Targets shorter than this are not matched by edit distance at all. */
export const MIN_EDIT_LENGTH = 4;

/**
 * Rank of each kind when one name matches several targets: a match that
 * keeps every letter (separators, scope, glyphs) is more telling than a
 * swapped or doubled letter, which is more telling than an affix or a
 * substitution. The lower rank wins, then the more popular target.
 */
const KIND_RANK: Record<TyposquatKind, number> = {
  homoglyph: 0,
  separator: 0,
  'scope-confusion': 0,
  transposition: 1,
  repetition: 1,
  affix: 2,
  'edit-distance': 2,
};

function isBetter(hit: Hit, best: Hit | undefined): boolean {
  if (!best) return true;
  const rankDifference = KIND_RANK[hit.kind] - KIND_RANK[best.kind];
  if (rankDifference !== 0) return rankDifference < 0;
  return hit.entry.weight > best.entry.weight;
}

interface Hit {
  entry: PopularEntry;
  kind: TyposquatKind;
  detail: string;
}

function homoglyphHits(ecosystem: TyposquatEcosystem, name: string, canonical: string, index: PopularIndex): Hit[] {
  const folded = canonicalName(ecosystem, foldHomoglyphs(name.trim()));
  const foldedLower = canonicalName(ecosystem, foldHomoglyphs(canonical));
  const hits: Hit[] = [];
  for (const key of new Set([folded, foldedLower])) {
    const entry = key === canonical ? undefined : index.byCanonical.get(key);
    if (entry) hits.push({ entry, kind: 'homoglyph', detail: 'uses look-alike characters for' });
  }
  return hits;
}

function skeletonHits(canonical: string, index: PopularIndex): Hit[] {
  const hits: Hit[] = [];
  for (const entry of index.bySkeleton.get(skeleton(canonical)) ?? []) {
    if (entry.canonical === canonical) continue;
    const scoped = isScoped(entry.canonical) || isScoped(canonical);
    hits.push(
      scoped
        ? { entry, kind: 'scope-confusion', detail: 'rewrites the scope of' }
        : { entry, kind: 'separator', detail: 'changes the separators of' },
    );
  }
  return hits;
}

function affixHits(canonical: string, index: PopularIndex): Hit[] {
  const hits: Hit[] = [];
  for (const { rest, affix } of stripAffixes(canonical)) {
    const entry = index.byCanonical.get(rest);
    if (entry) hits.push({ entry, kind: 'affix', detail: `adds "${affix}" to` });
  }
  return hits;
}

const EDIT_DETAIL: Record<string, string> = {
  'edit-distance': 'differs by one character from',
  transposition: 'swaps two adjacent characters of',
  repetition: 'repeats or drops a character of',
  separator: 'changes a separator of',
  homoglyph: 'uses a look-alike character for',
};

function editHits(canonical: string, index: PopularIndex): Hit[] {
  const hits: Hit[] = [];
  if (canonical.length > index.longestName + 2) return hits;
  const seen = new Set<PopularEntry>();
  for (const key of deletionNeighbourhood(canonical, canonical.length >= LONG_NAME_LENGTH - 2 ? 2 : 1)) {
    for (const entry of entriesWithDeletion(index, key)) {
      if (seen.has(entry) || entry.canonical === canonical) continue;
      seen.add(entry);
      const hit = classifyEdit(canonical, entry);
      if (hit) hits.push(hit);
    }
  }
  return hits;
}

function classifyEdit(canonical: string, entry: PopularEntry): Hit | undefined {
  const target = entry.canonical;
  if (target.length < MIN_EDIT_LENGTH) return undefined;
  const allowed = target.length >= LONG_NAME_LENGTH ? 2 : 1;
  const distance = boundedDamerau(canonical, target, allowed);
  if (distance > allowed) return undefined;
  if (distance === 2) return { entry, kind: 'edit-distance', detail: 'differs by two characters from' };
  const kind = classifySingleEdit(canonical, target, isSeparator);
  if (kind === 'edit-distance' && target.length < MIN_GENERIC_EDIT_LENGTH) return undefined;
  return { entry, kind, detail: EDIT_DETAIL[kind] ?? 'differs slightly from' };
}

function describePopularity(self: PopularEntry | undefined, target: PopularEntry): string {
  if (!self) return 'which is among the most downloaded packages while this name is not';
  const ratio = Math.round(target.weight / self.weight);
  return `which is about ${ratio}x more popular`;
}

/**
 * Returns the popular package that `name` most likely imitates, or undefined.
 * Names that the registry treats as the same package (PEP 503 on PyPI, case
 * on npm) are never reported, nor is a popular name whose look-alike is less
 * than POPULARITY_RATIO times as popular. Among several targets the one with
 * the strongest kind of resemblance wins, then the most popular one. Pure apart from reading `popular`.
 */
export function findTyposquatTarget(
  ecosystem: TyposquatEcosystem,
  name: string,
  popular: PopularIndex,
): TyposquatMatch | undefined {
  const canonical = canonicalName(ecosystem, name);
  if (canonical === '' || canonical.length > MAX_NAME_LENGTH) return undefined;
  const self = popular.byCanonical.get(canonical);
  const minWeight = self ? self.weight * POPULARITY_RATIO : 0;
  const hits = [
    ...homoglyphHits(ecosystem, name, canonical, popular),
    ...skeletonHits(canonical, popular),
    ...affixHits(canonical, popular),
    ...editHits(canonical, popular),
  ];
  let best: Hit | undefined;
  for (const hit of hits) {
    if (hit.entry.weight < minWeight) continue;
    if (isBetter(hit, best)) best = hit;
  }
  if (!best) return undefined;
  const target = best.entry.name;
  const reason = `"${name}" ${best.detail} the ${ecosystem} package "${target}", ${describePopularity(self, best.entry)}`;
  return { target, reason, kind: best.kind };
}
