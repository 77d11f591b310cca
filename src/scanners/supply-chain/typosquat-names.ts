/** Package ecosystems the typo-squatting detector supports. */
export type TyposquatEcosystem = 'npm' | 'PyPI';

/** Maximum name length the detector examines: npm's limit of 214 characters, applied to PyPI names too. */
export const MAX_NAME_LENGTH = 214;

const SEPARATORS = new Set(['-', '_', '.']);

/** Returns whether `char` is one of the separators that registries and users confuse. */
export function isSeparator(char: string | undefined): boolean {
  return char !== undefined && SEPARATORS.has(char);
}

/**
 * Returns the name under which the registry treats two spellings as one
 * package: PEP 503 for PyPI (lowercase, runs of `-`, `_`, `.` become `-`),
 * lowercase for npm, whose registry rejects new names that differ only in case.
 */
export function canonicalName(ecosystem: TyposquatEcosystem, name: string): string {
  const lower = name.trim().toLowerCase();
  if (ecosystem === 'npm') return lower;
  let out = '';
  for (const char of lower) {
    if (isSeparator(char)) {
      if (!out.endsWith('-')) out += '-';
    } else {
      out += char;
    }
  }
  return out;
}

/**
 * Returns a canonical name without separators, scope marker and scope slash,
 * so `cross-env`, `crossenv`, `@types/node` and `types-node` each collapse to
 * one string that separator and scope confusion share.
 */
export function skeleton(canonical: string): string {
  let out = '';
  for (const char of canonical) {
    if (!isSeparator(char) && char !== '@' && char !== '/') out += char;
  }
  return out;
}

/** Returns whether an npm name has the form `@scope/name`. */
export function isScoped(canonical: string): boolean {
  return canonical.startsWith('@') && canonical.includes('/');
}

/** Splits `@scope/name` into the scope without `@` and the name after the slash. Returns undefined for unscoped names. */
export function splitScope(canonical: string): { scope: string; bare: string } | undefined {
  if (!isScoped(canonical)) return undefined;
  const slash = canonical.indexOf('/');
  return { scope: canonical.slice(1, slash), bare: canonical.slice(slash + 1) };
}

/** Splits a canonical name into the words between separators, dropping empty words. */
export function nameWords(canonical: string): string[] {
  const words: string[] = [];
  let word = '';
  for (const char of canonical) {
    if (isSeparator(char)) {
      if (word !== '') words.push(word);
      word = '';
    } else {
      word += char;
    }
  }
  if (word !== '') words.push(word);
  return words;
}

/** Returns whether the name has no separator, so it is one word such as `requests`. */
export function isOneWord(canonical: string): boolean {
  for (const char of canonical) if (isSeparator(char)) return false;
  return true;
}

/** Returns whether `text` is made of the ASCII letters a to z only. */
export function isLetters(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 97 || code > 122) return false;
  }
  return text.length > 0;
}

function withoutTrailingDigits(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] ?? '') >= '0' && (text[end - 1] ?? '') <= '9') end -= 1;
  return text.slice(0, end);
}

/**
 * Returns whether two names differ only by a version number at the end that
 * one of them lacks, as `boto` and `boto3` or `jinja` and `jinja2` do. Such
 * pairs are release lines of one project rather than typing mistakes.
 */
export function isReleaseLine(a: string, b: string): boolean {
  const stemA = withoutTrailingDigits(a);
  const stemB = withoutTrailingDigits(b);
  if (stemA !== stemB || stemA.length < 3) return false;
  return (stemA === a) !== (stemB === b);
}

/**
 * Replaces look-alike characters in the name as typed (before lowercasing) by
 * the letters they imitate: capital `I` and digit `1` by `l`, digit `0` by
 * `o`, `rn` by `m` and `vv` by `w`.
 */
export function foldHomoglyphs(name: string): string {
  return name
    .replaceAll('I', 'l')
    .replaceAll('1', 'l')
    .replaceAll('0', 'o')
    .replaceAll('rn', 'm')
    .replaceAll('vv', 'w');
}

const HOMOGLYPH_PAIRS = new Set(['i:l', 'l:i', '1:l', 'l:1', '0:o', 'o:0']);

/** Returns whether substituting `from` for `to` is a look-alike swap after lowercasing. */
export function isHomoglyphPair(from: string, to: string): boolean {
  return HOMOGLYPH_PAIRS.has(`${from}:${to}`);
}

/**
 * Suffixes that present a copy as a re-encoded build of the real package, as
 * in `loguru-utf8`. Fix and patch suffixes are left out because many real
 * forks use them (`tailwindcss-patch`, `file-saver-fixed`).
 */
const QUALIFIER_SUFFIXES = ['utf8', 'utf-8'];

/** Removes a qualifier suffix and its separator, returning the rest and the removed text, or undefined when there is none. */
export function stripQualifier(canonical: string): { rest: string; qualifier: string } | undefined {
  for (const word of QUALIFIER_SUFFIXES) {
    const cut = canonical.length - word.length - 1;
    if (cut > 0 && canonical.endsWith(word) && isSeparator(canonical[cut])) {
      return { rest: canonical.slice(0, cut), qualifier: canonical.slice(cut) };
    }
  }
  return undefined;
}

const PREFIXES = ['node-', 'js-', 'npm-', 'py-', 'python-', 'python3-', 'node', 'py'];
const SUFFIXES = ['-js', '.js', '-node', '-npm', '-py', '-python', '-python3', 'js', 'py'];

const ECOSYSTEM_WORDS = new Set([...PREFIXES, ...SUFFIXES].map((affix) => nameWords(affix).join('')));

/** Returns whether `word` names an ecosystem (`node`, `js`, `py`, `python`), as the affixes above do. */
export function isEcosystemWord(word: string): boolean {
  return ECOSYSTEM_WORDS.has(word);
}

/**
 * Returns the names left after removing one ecosystem-flavoured prefix or
 * suffix, each with the affix removed, for example `lodash-js` gives
 * `lodash` with `-js`. Affixes without a separator (`node`, `py`, `js`) need
 * a remainder of at least four characters, so `pyyaml` does not shrink to `yaml`.
 */
export function stripAffixes(canonical: string): Array<{ rest: string; affix: string }> {
  const results: Array<{ rest: string; affix: string }> = [];
  for (const prefix of PREFIXES) {
    if (canonical.startsWith(prefix)) results.push({ rest: canonical.slice(prefix.length), affix: `${prefix}` });
  }
  for (const suffix of SUFFIXES) {
    if (canonical.endsWith(suffix)) results.push({ rest: canonical.slice(0, -suffix.length), affix: suffix });
  }
  return results.filter(({ rest, affix }) => {
    const bare = !isSeparator(affix[0]) && !isSeparator(affix.at(-1));
    return rest.length >= (bare ? 4 : 2);
  });
}
