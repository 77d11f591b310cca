/** "Did you mean" suggestions for misspelled keys, values and tokens. */

/** Levenshtein distance; meant for short strings such as keys and enum values. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Returns the candidate closest to `value` when it is at most two edits away,
 * ignoring case and treating `_` as `-`; otherwise undefined. Values longer
 * than 64 characters get no suggestion, which bounds the cost.
 */
export function closestMatch(value: string, candidates: readonly string[]): string | undefined {
  if (value.length > 64) return undefined;

  const normalised = value.toLowerCase().replaceAll('_', '-');
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(normalised, candidate.toLowerCase());
    if (distance < bestDistance && distance < candidate.length) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
