import { boundedDamerau, classifySingleEdit } from './typosquat-distance.js';
import {
  deletionNeighbourhood,
  entriesWithDeletion,
  findScopeSlips,
  LONG_NAME_LENGTH,
  MEDIUM_NAME_LENGTH,
  rankOf,
  wordSetKey,
  type PopularEntry,
  type PopularIndex,
  type PopularScope,
} from './typosquat-index.js';
import {
  canonicalName,
  foldHomoglyphs,
  isLetters,
  isOneWord,
  isReleaseLine,
  isScoped,
  isSeparator,
  MAX_NAME_LENGTH,
  nameWords,
  skeleton,
  splitScope,
  stripAffixes,
  stripQualifier,
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
  | 'homoglyph'
  | 'word-order'
  | 'scope-lookalike';

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

/**
 * The ratio for resemblances that unrelated legitimate names also show now
 * and then: reordered words (`ansi-wrap` and `wrap-ansi`), two edits on a
 * medium-length name, letters appended to a name.
 */
export const STRONG_POPULARITY_RATIO = 1000;

/**
 * Word-order matches need every word to be at least this long, because
 * short words make reordered pairs common among real packages (`is-type`
 * and `type-is`, `pad-left` and `left-pad`).
 */
export const MIN_REORDER_WORD_LENGTH = 3;

/** Rank up to which a popular name is matched with letters appended to it. */
export const APPEND_MAX_RANK = 1000;

/** Appended letters are matched only on popular names at least this long. */
export const MIN_APPEND_STEM_LENGTH = 8;

/** Minimum and maximum number of letters that an appended-letter match accepts. */
export const APPENDED_LETTERS = { min: 2, max: 5 };

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
  'word-order': 1,
  'scope-lookalike': 1,
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
  /** Whether the target needs STRONG_POPULARITY_RATIO rather than POPULARITY_RATIO. */
  strong?: boolean;
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
  const qualified = stripQualifier(canonical);
  const entry = qualified && qualified.rest.length >= MIN_EDIT_LENGTH ? index.byCanonical.get(qualified.rest) : undefined;
  if (qualified && entry) hits.push({ entry, kind: 'affix', detail: `adds "${qualified.qualifier}" to` });
  return hits;
}

/** Finds letters glued to the end of a long, very popular one-word name, as in `tensorflowlitex`. */
function appendedLetterHits(canonical: string, index: PopularIndex): Hit[] {
  const hits: Hit[] = [];
  if (!isLetters(canonical)) return hits;
  for (let count = APPENDED_LETTERS.min; count <= APPENDED_LETTERS.max; count += 1) {
    const stem = canonical.slice(0, -count);
    if (stem.length < MIN_APPEND_STEM_LENGTH) break;
    const entry = index.byCanonical.get(stem);
    if (entry && rankOf(index, entry) <= APPEND_MAX_RANK) {
      hits.push({ entry, kind: 'affix', detail: `appends "${canonical.slice(-count)}" to`, strong: true });
    }
  }
  return hits;
}

/** Finds the words of a popular name in another order, as in `cffi-curl` for `curl-cffi`. */
function wordOrderHits(canonical: string, index: PopularIndex): Hit[] {
  const hits: Hit[] = [];
  const words = nameWords(canonical);
  if (isScoped(canonical) || words.length < 2 || words.some((word) => word.length < MIN_REORDER_WORD_LENGTH)) return hits;
  const order = words.join(' ');
  for (const entry of index.byWordSet.get(wordSetKey(words)) ?? []) {
    if (nameWords(entry.canonical).join(' ') === order) continue;
    hits.push({ entry, kind: 'word-order', detail: 'reorders the words of', strong: true });
  }
  return hits;
}

/**
 * Finds two edits on a one-word name of medium length that is among the
 * most popular, as in `reqeuts` for `requests`. The first two characters must
 * match, because typing slips seldom hit the start of a name.
 */
function mediumTwoEditHits(canonical: string, index: PopularIndex): Hit[] {
  const hits: Hit[] = [];
  if (isScoped(canonical) || !isOneWord(canonical)) return hits;
  if (canonical.length < MEDIUM_NAME_LENGTH - 2 || canonical.length > LONG_NAME_LENGTH + 1) return hits;
  for (const entry of index.mediumTargets) {
    if (entry.canonical.slice(0, 2) !== canonical.slice(0, 2)) continue;
    if (boundedDamerau(canonical, entry.canonical, 2) !== 2) continue;
    hits.push({ entry, kind: 'edit-distance', detail: 'differs by two characters from', strong: true });
  }
  return hits;
}

/**
 * Returns the package of `scope` named `bare`, else one whose name starts
 * with `bare`, else the most popular one.
 * NOTE: the last choice names a package the user may not have meant: `@acitons/artifact` reports
 * `@actions/http-client` because `@actions/artifact` is not in the popular list.
 */
function scopeTarget(scope: PopularScope, bare: string): PopularEntry {
  const names = scope.entries.map((entry) => splitScope(entry.canonical)?.bare ?? '');
  const same = names.indexOf(bare);
  const longer = names.findIndex((name) => name.startsWith(bare));
  const chosen = scope.entries[same >= 0 ? same : Math.max(longer, 0)];
  // Scopes are only created with their first entry, so entries[0] exists.
  return chosen ?? (scope.entries[0] as PopularEntry);
}

/** Finds an npm scope that misspells a popular one, as in `@acitons/artifact` for `@actions`. */
function scopeLookalikeHits(canonical: string, index: PopularIndex): Hit[] {
  const parts = splitScope(canonical);
  if (!parts || index.scopes.has(parts.scope)) return [];
  return findScopeSlips(index, parts.scope).map((scope) => ({ entry: scopeTarget(scope, parts.bare), kind: 'scope-lookalike', detail: `misspells the scope "@${scope.scope}" of` }));
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

function isDwarfed(hit: Hit, self: PopularEntry | undefined): boolean {
  if (!self) return true;
  if (isReleaseLine(self.canonical, hit.entry.canonical)) return false;
  return hit.entry.weight >= self.weight * (hit.strong ? STRONG_POPULARITY_RATIO : POPULARITY_RATIO);
}

/**
 * Returns the popular package that `name` most likely imitates, or undefined.
 * Names that the registry treats as the same package (PEP 503 on PyPI, case
 * on npm) are never reported, nor is a popular name whose look-alike is less
 * than POPULARITY_RATIO times as popular (STRONG_POPULARITY_RATIO for the
 * weaker resemblances), nor a popular name that differs from the target only
 * by a version number (`boto` and `boto3`). Among several targets the one
 * with the strongest kind of resemblance wins, then the most popular one.
 * Pure apart from reading `popular`.
 */
export function findTyposquatTarget(
  ecosystem: TyposquatEcosystem,
  name: string,
  popular: PopularIndex,
): TyposquatMatch | undefined {
  const canonical = canonicalName(ecosystem, name);
  if (canonical === '' || canonical.length > MAX_NAME_LENGTH) return undefined;
  const self = popular.byCanonical.get(canonical);
  const hits = [
    ...homoglyphHits(ecosystem, name, canonical, popular),
    ...skeletonHits(canonical, popular),
    ...affixHits(canonical, popular),
    ...appendedLetterHits(canonical, popular),
    ...wordOrderHits(canonical, popular),
    ...editHits(canonical, popular),
    ...mediumTwoEditHits(canonical, popular),
    ...scopeLookalikeHits(canonical, popular),
  ];
  let best: Hit | undefined;
  for (const hit of hits) {
    if (isDwarfed(hit, self) && isBetter(hit, best)) best = hit;
  }
  if (!best) return undefined;
  const target = best.entry.name;
  const reason = `"${name}" ${best.detail} the ${ecosystem} package "${target}", ${describePopularity(self, best.entry)}`;
  return { target, reason, kind: best.kind };
}
