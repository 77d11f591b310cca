/**
 * Character-level scanning helpers for the JavaScript import finder. Each
 * helper takes the text and a start offset and returns the offset after the
 * construct, stopping at the end of the text when the construct is not
 * closed, so no input can make them loop or throw.
 */

const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const BACKSLASH = 92;
const SLASH = 47;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** Checks whether `code` can start an identifier. Every non-ASCII code unit passes, a superset of Unicode ID_Start. */
export function isIdentifierStart(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    code === 36 ||
    code === 95 ||
    code === BACKSLASH ||
    code >= 128
  );
}

export function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || (code >= 48 && code <= 57);
}

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Whitespace and line terminators of ECMAScript that occur in practice (ASCII, NBSP, BOM, LS, PS). */
export function isWhitespace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0xfeff ||
    code === 0x2028 ||
    code === 0x2029
  );
}

/** Skips an identifier (or keyword) starting at `start`. */
export function skipIdentifier(text: string, start: number): number {
  let pos = start + 1;
  while (pos < text.length && isIdentifierPart(text.charCodeAt(pos))) pos += 1;
  return pos;
}

/** Skips a numeric literal loosely: digits, letters, `_` and `.`, enough to keep `1.5e3n` in one token. */
export function skipNumber(text: string, start: number): number {
  let pos = start + 1;
  while (pos < text.length) {
    const code = text.charCodeAt(pos);
    if (!(isIdentifierPart(code) || code === 46) || code === BACKSLASH) break;
    pos += 1;
  }
  return pos;
}

/**
 * Skips a quoted string whose opening quote is at `start`. Returns the end
 * offset and whether the closing quote was found. An unescaped line break
 * ends an unterminated string, as in a JavaScript parser.
 */
export function skipQuoted(text: string, start: number): { end: number; closed: boolean } {
  const quote = text.charCodeAt(start);
  let pos = start + 1;
  while (pos < text.length) {
    const code = text.charCodeAt(pos);
    if (code === quote) return { end: pos + 1, closed: true };
    if (code === BACKSLASH) {
      pos += 2;
      continue;
    }
    if (code === LINE_FEED || code === CARRIAGE_RETURN) return { end: pos, closed: false };
    pos += 1;
  }
  return { end: text.length, closed: false };
}

/**
 * Skips a regular-expression literal whose `/` is at `start`, including its
 * flags. A `/` inside a character class does not end it; a line break ends
 * an unterminated one.
 */
export function skipRegularExpression(text: string, start: number): number {
  let pos = start + 1;
  let inClass = false;
  while (pos < text.length) {
    const code = text.charCodeAt(pos);
    if (code === LINE_FEED || code === CARRIAGE_RETURN) return pos;
    if (code === BACKSLASH) {
      pos += 2;
      continue;
    }
    pos += 1;
    if (code === OPEN_BRACKET) inClass = true;
    else if (code === CLOSE_BRACKET) inClass = false;
    else if (code === SLASH && !inClass) break;
  }
  while (pos < text.length && isIdentifierPart(text.charCodeAt(pos))) pos += 1;
  return Math.min(pos, text.length);
}

/** Returns the offset after a block comment opened at `start`, or the end of the text when it is not closed. */
export function skipBlockComment(text: string, start: number): number {
  const close = text.indexOf('*/', start + 2);
  return close < 0 ? text.length : close + 2;
}

/** Returns the offset of the line break that ends a line comment starting at `start`. */
export function skipLineComment(text: string, start: number): number {
  const lineFeed = text.indexOf('\n', start);
  return lineFeed < 0 ? text.length : lineFeed;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

/**
 * Returns the value of the string or no-substitution template literal
 * between `start` (the opening quote) and `end` (after the closing quote),
 * or undefined when an escape is malformed. Escaped line breaks vanish.
 */
export function stringValue(text: string, start: number, end: number): string | undefined {
  const body = text.slice(start + 1, end - 1);
  if (!body.includes('\\')) return body;
  let out = '';
  let index = 0;
  while (index < body.length) {
    const char = body.charAt(index);
    if (char !== '\\') {
      out += char;
      index += 1;
      continue;
    }
    const decoded = decodeEscape(body, index + 1);
    if (decoded === undefined) return undefined;
    out += decoded.value;
    index = decoded.next;
  }
  return out;
}

function decodeEscape(body: string, at: number): { value: string; next: number } | undefined {
  const char = body.charAt(at);
  if (char === '\r') return { value: '', next: body.charAt(at + 1) === '\n' ? at + 2 : at + 1 };
  if (char === '\n') return { value: '', next: at + 1 };
  const simple = SIMPLE_ESCAPES[char];
  if (simple !== undefined) return { value: simple, next: at + 1 };
  if (char === 'x') return hexEscape(body.slice(at + 1, at + 3), 2, at + 3);
  if (char === 'u' && body.charAt(at + 1) === '{') {
    const close = body.indexOf('}', at + 2);
    if (close < 0 || close - at > 10) return undefined;
    return hexEscape(body.slice(at + 2, close), close - at - 2, close + 1);
  }
  if (char === 'u') return hexEscape(body.slice(at + 1, at + 5), 4, at + 5);
  if (char === '') return undefined;
  return { value: char, next: at + 1 };
}

function hexEscape(digits: string, length: number, next: number): { value: string; next: number } | undefined {
  if (digits.length !== length || length === 0 || !/^[0-9a-fA-F]+$/.test(digits)) return undefined;
  const codePoint = Number.parseInt(digits, 16);
  if (codePoint > 0x10ffff) return undefined;
  return { value: String.fromCodePoint(codePoint), next };
}
