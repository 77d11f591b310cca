import { isHomoglyphPair } from './typosquat-names.js';

/** Kind of single edit between a candidate name and the closest popular name. */
export type EditKind = 'edit-distance' | 'transposition' | 'repetition' | 'separator' | 'homoglyph';

/**
 * Computes the optimal string alignment distance (Damerau-Levenshtein where
 * each substring is edited at most once) between `a` and `b`, or returns
 * `max + 1` as soon as the distance is known to exceed `max`.
 */
export function boundedDamerau(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  let before = new Array<number>(width).fill(0);
  let previous = Array.from({ length: width }, (_, j) => j);
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] ?? max + 1;
}

/**
 * Names the single edit that turns `target` into `candidate`, for a pair at
 * distance 1. Inserting or deleting a copy of a neighbouring character is a
 * repetition, and any edit touching only separators is separator confusion.
 */
export function classifySingleEdit(candidate: string, target: string, separator: (c: string | undefined) => boolean): EditKind {
  let start = 0;
  while (start < candidate.length && candidate[start] === target[start]) start += 1;
  if (candidate.length === target.length) {
    const from = target[start] ?? '';
    const to = candidate[start] ?? '';
    if (candidate[start + 1] === from && target[start + 1] === to) return 'transposition';
    if (separator(from) && separator(to)) return 'separator';
    if (isHomoglyphPair(to, from)) return 'homoglyph';
    return 'edit-distance';
  }
  const longer = candidate.length > target.length ? candidate : target;
  const extra = longer[start];
  if (separator(extra)) return 'separator';
  if (extra === longer[start - 1] || extra === longer[start + 1]) return 'repetition';
  return 'edit-distance';
}
