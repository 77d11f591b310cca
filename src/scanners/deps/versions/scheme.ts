/**
 * The contract every per-ecosystem version ordering implements, and small
 * helpers they share.
 */

/** One ecosystem's version syntax and ordering. */
export interface VersionScheme {
  /** Check whether `version` parses in this scheme. Implementations must not throw. */
  isValid(version: string): boolean;
  /**
   * Negative, zero or positive as `a` sorts before, equal to or after `b`.
   * Both arguments must satisfy `isValid`; the result is unspecified otherwise.
   */
  compare(a: string, b: string): number;
  /**
   * The part of a valid version whose change marks a breaking upgrade, as a
   * string so that `0.3` and `1` can both be expressed.
   */
  major(version: string): string;
  /**
   * The form in which two spellings of the same version compare equal as
   * strings (used for OSV `versions` lists). Defined for any input: invalid
   * versions come back trimmed.
   */
  normalize(version: string): string;
}

/**
 * Maximum length of a version string in any scheme. Real versions stay far
 * below it (a Go pseudo-version has about 35 characters), and the cap bounds
 * the work that a hostile advisory or lockfile can cause.
 */
export const MAX_VERSION_LENGTH = 256;

/** Sign of a number as -1, 0 or 1. */
export function sign(value: number): number {
  if (value < 0) return -1;
  if (value > 0) return 1;
  return 0;
}

/** Compare strings by UTF-16 code unit, as Java's and Dart's `compareTo` and JavaScript's `<` do. */
export function compareText(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/** Check whether `text` is a non-empty run of ASCII digits. */
export function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** Strip leading zeros from a digit string, keeping a single `0`. */
export function stripLeadingZeros(digits: string): string {
  let start = 0;
  while (start < digits.length - 1 && digits[start] === '0') start++;
  return digits.slice(start);
}

/**
 * Compare two digit strings as non-negative integers of any size, so that
 * numbers beyond 2^53 still order exactly.
 */
export function compareDigits(a: string, b: string): number {
  const left = stripLeadingZeros(a);
  const right = stripLeadingZeros(b);
  if (left.length !== right.length) return sign(left.length - right.length);
  return compareText(left, right);
}

/** Trim surrounding white space, or return undefined when the result is empty or over the length cap. */
export function trimVersion(version: string): string | undefined {
  if (typeof version !== 'string') return undefined;
  const trimmed = version.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_VERSION_LENGTH) return undefined;
  return trimmed;
}

/** Check whether a UTF-16 code unit is an ASCII letter or digit. */
export function isAlphanumericCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Check whether `text` is a non-empty list of dot-separated identifiers of
 * ASCII letters, digits and hyphens, which is the SemVer pre-release and
 * build syntax.
 */
export function isDottedIdentifiers(text: string): boolean {
  if (text.length === 0) return false;
  for (const part of text.split('.')) {
    if (part.length === 0) return false;
    for (let i = 0; i < part.length; i++) {
      const code = part.charCodeAt(i);
      if (!isAlphanumericCode(code) && code !== 45) return false;
    }
  }
  return true;
}

/**
 * Build `isValid` and `compare` from a parser whose results compare
 * themselves, as the `semver` package's SemVer objects do.
 */
export function comparableScheme<T extends { compare(other: T): number }>(
  parse: (version: string) => T | undefined,
): Pick<VersionScheme, 'isValid' | 'compare'> {
  return {
    isValid: (version) => parse(version) !== undefined,
    compare(a, b) {
      const left = parse(a);
      const right = parse(b);
      if (left === undefined || right === undefined) return 0;
      return left.compare(right);
    },
  };
}
