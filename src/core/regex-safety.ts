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
