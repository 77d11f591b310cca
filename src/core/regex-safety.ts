/**
 * A conservative check for regular expressions that come from a scanned
 * repository's configuration (custom rules, allow-values). JavaScript's
 * engine backtracks, and a pattern such as `(a+)+b` takes exponential time
 * on a hostile line, so such patterns are rejected before they run.
 */
import safeRegex from 'safe-regex2';

/** Return why `source` may backtrack catastrophically, or undefined when it looks safe. */
export function unsafeRegexReason(source: string): string | undefined {
  if (!safeRegex(source)) return 'it nests a repeated group inside another repetition';
  if (hasRepeatedAlternation(source)) {
    return 'it repeats a group with alternatives without a bound, such as (a|ab)*';
  }
  return undefined;
}

/**
 * Whether a group containing `|` is followed by an unbounded quantifier
 * (`*`, `+`, `{n,}`). safe-regex2 measures nesting only, which misses
 * `(a|a)*`.
 */
function hasRepeatedAlternation(source: string): boolean {
  const alternationInGroup: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      i++;
    } else if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') {
      inClass = true;
    } else if (char === '(') {
      alternationInGroup.push(false);
    } else if (char === '|' && alternationInGroup.length > 0) {
      alternationInGroup[alternationInGroup.length - 1] = true;
    } else if (char === ')') {
      const hadAlternation = alternationInGroup.pop() ?? false;
      if (hadAlternation && /^(?:[*+]|\{\d+,\})/.test(source.slice(i + 1, i + 12))) return true;
    }
  }
  return false;
}

/** Largest repetition bound, as in `{0,16}`, that does not count as unbounded. */
export const MAX_SMALL_BOUND = 16;

/**
 * Counts the unbounded repetitions of a regular expression: `*`, `+`,
 * `{n,}` and `{n,m}` with m over MAX_SMALL_BOUND, outside character classes
 * and escapes. Repetitions in a row multiply the backtracking on a long
 * text that does not match, because the engine tries every way to split
 * the text between them (`^a*a*a*c` tries about n² splits of n characters).
 * Callers that run a pattern from an untrusted rule file limit this count.
 */
export function countUnboundedRepetitions(source: string): number {
  let count = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === '*' || char === '+') count++;
    else if (char === '{') {
      const bound = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
      if (bound !== null && bound[2] !== undefined && (bound[3] === '' || Number(bound[3]) > MAX_SMALL_BOUND)) count++;
    }
  }
  return count;
}
