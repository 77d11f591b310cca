/**
 * The tokens that the JavaScript scanner hands to the import matcher, and
 * the window of the most recent ones that the matcher looks back over.
 */

export const TOKEN_IDENTIFIER = 1;
export const TOKEN_PUNCTUATOR = 2;
export const TOKEN_STRING = 3;
/** A template literal without substitutions, which `import()` and `require()` accept as a specifier. */
export const TOKEN_TEMPLATE = 4;
/** Any other operand: numbers, regular expressions, templates with substitutions, JSX elements, unterminated strings. */
export const TOKEN_VALUE = 5;

/** Punctuator codes for the two-character operators that change how a following `/` reads. */
export const ARROW = 1;
export const INCREMENT = 2;

/** Character codes the scanner and matcher compare against. */
export const CODE = {
  quote: 39,
  doubleQuote: 34,
  backtick: 96,
  slash: 47,
  star: 42,
  backslash: 92,
  dollar: 36,
  hash: 35,
  dot: 46,
  comma: 44,
  semicolon: 59,
  openParen: 40,
  closeParen: 41,
  closeBracket: 93,
  openBrace: 123,
  closeBrace: 125,
  less: 60,
  greater: 62,
  equals: 61,
  plus: 43,
  minus: 45,
} as const;

export interface Token {
  kind: number;
  start: number;
  end: number;
  /** Identifier text when it is at most 12 characters long (every word the matcher needs), else ''. */
  word: string;
  /** Character code of a punctuator, or `ARROW` / `INCREMENT`. */
  code: number;
}

/** Longest identifier whose text the window keeps. */
export const MAX_WORD_LENGTH = 12;
const WINDOW_SIZE = 8;

/** The last eight tokens in a ring of reused objects, so a long file allocates no token objects. */
export class TokenWindow {
  private readonly ring: Token[] = Array.from({ length: WINDOW_SIZE }, () => ({ kind: 0, start: 0, end: 0, word: '', code: 0 }));
  private pushed = 0;

  /** Stores a token over the oldest one and returns it. */
  push(kind: number, start: number, end: number, word: string, code: number): Token {
    const slot = this.ring[this.pushed % WINDOW_SIZE] as Token;
    slot.kind = kind;
    slot.start = start;
    slot.end = end;
    slot.word = word;
    slot.code = code;
    this.pushed += 1;
    return slot;
  }

  /** Returns the token `back` positions before the newest one (0 is the newest), if the window still contains it. */
  back(back: number): Token | undefined {
    if (back >= this.pushed || back >= WINDOW_SIZE) return undefined;
    return this.ring[(this.pushed - 1 - back) % WINDOW_SIZE];
  }
}

export function isPunctuator(token: Token | undefined, code: number): boolean {
  return token !== undefined && token.kind === TOKEN_PUNCTUATOR && token.code === code;
}
