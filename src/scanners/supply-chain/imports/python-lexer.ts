/**
 * A small Python tokenizer for the import finder: names, operators,
 * strings, numbers and the NEWLINE that ends a logical line. It skips
 * comments, joins backslash-continued lines and lines inside brackets, and
 * stops unterminated strings at the end of the line (single quotes) or of
 * the text (triple quotes), so hostile input cannot make it loop.
 *
 * NOTE: f-string replacement fields are not tokenized. A Python 3.12
 * f-string that reuses its own quote inside `{…}` therefore ends early, and
 * the rest of that line may be misread.
 */

export const PY_NAME = 1;
export const PY_OPERATOR = 2;
export const PY_STRING = 3;
export const PY_NUMBER = 4;
export const PY_NEWLINE = 5;

export interface PythonToken {
  kind: number;
  start: number;
  end: number;
  /** Name or operator text; '' for strings, numbers and NEWLINE. */
  text: string;
  /** Bracket nesting outside this token: 0 for a top-level `:`, and for the `(` and `)` of a top-level call. */
  depth: number;
  /** Lower-case string prefix (`r`, `b`, `f`, `rb` …), '' when none. */
  prefix: string;
  /** 1 or 3 for strings. */
  quoteLength: number;
}

const STRING_PREFIXES = new Set(['r', 'u', 'b', 'f', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt']);
const OPENING = '([{';
const CLOSING = ')]}';

function isNameStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code >= 128;
}

function isNamePart(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57);
}

function isQuote(code: number): boolean {
  return code === 39 || code === 34;
}

/** Returns the offset after the string whose first quote is at `quoteAt`. */
export function skipPythonString(text: string, quoteAt: number): { end: number; quoteLength: number } {
  const quote = text.charAt(quoteAt);
  const triple = quote + quote + quote;
  const quoteLength = text.startsWith(triple, quoteAt) ? 3 : 1;
  let pos = quoteAt + quoteLength;
  while (pos < text.length) {
    const char = text.charAt(pos);
    if (char === '\\') {
      pos += 2;
    } else if (char === quote && (quoteLength === 1 || text.startsWith(triple, pos))) {
      return { end: pos + quoteLength, quoteLength };
    } else if (char === '\n' && quoteLength === 1) {
      return { end: pos, quoteLength };
    } else {
      pos += 1;
    }
  }
  return { end: text.length, quoteLength };
}

/**
 * Checks whether the line at `lineStart` begins, unindented, with a keyword that
 * cannot continue a bracketed expression. The tokenizer then closes the
 * brackets that an unbalanced `(` left open, so one typo does not swallow
 * the rest of the file.
 */
function startsStatement(text: string, lineStart: number): boolean {
  return ['import ', 'def ', 'class '].some((keyword) => text.startsWith(keyword, lineStart));
}

/** Calls `onToken` for each token of `text`, in order. Linear in the length of `text`. */
export function tokenizePython(text: string, onToken: (token: PythonToken) => void): void {
  let pos = 0;
  let depth = 0;
  let lineHasTokens = false;
  const emit = (kind: number, start: number, end: number, textValue = '', prefix = '', quoteLength = 0): void => {
    lineHasTokens = true;
    onToken({ kind, start, end, text: textValue, depth, prefix, quoteLength });
  };
  while (pos < text.length) {
    const code = text.charCodeAt(pos);
    const char = text.charAt(pos);
    if (char === '\n') {
      if (depth > 0 && startsStatement(text, pos + 1)) depth = 0;
      if (depth === 0 && lineHasTokens) onToken({ kind: PY_NEWLINE, start: pos, end: pos + 1, text: '', depth, prefix: '', quoteLength: 0 });
      if (depth === 0) lineHasTokens = false;
      pos += 1;
    } else if (char === ' ' || char === '\t' || char === '\r' || char === '\f' || char === '\v') {
      pos += 1;
    } else if (char === '#') {
      const lineFeed = text.indexOf('\n', pos);
      pos = lineFeed < 0 ? text.length : lineFeed;
    } else if (char === '\\') {
      // A backslash before the line break joins the two lines.
      pos += text.startsWith('\r\n', pos + 1) ? 3 : 2;
    } else if (isNameStart(code)) {
      let end = pos + 1;
      while (end < text.length && isNamePart(text.charCodeAt(end))) end += 1;
      const word = text.slice(pos, end);
      const prefix = end - pos <= 2 ? word.toLowerCase() : '';
      if (isQuote(text.charCodeAt(end)) && STRING_PREFIXES.has(prefix)) {
        const string = skipPythonString(text, end);
        emit(PY_STRING, pos, string.end, '', prefix, string.quoteLength);
        pos = string.end;
      } else {
        emit(PY_NAME, pos, end, word);
        pos = end;
      }
    } else if (isQuote(code)) {
      const string = skipPythonString(text, pos);
      emit(PY_STRING, pos, string.end, '', '', string.quoteLength);
      pos = string.end;
    } else if ((code >= 48 && code <= 57) || (char === '.' && /[0-9]/.test(text.charAt(pos + 1)))) {
      let end = pos + 1;
      while (end < text.length && (isNamePart(text.charCodeAt(end)) || text.charAt(end) === '.')) end += 1;
      emit(PY_NUMBER, pos, end);
      pos = end;
    } else if (OPENING.includes(char)) {
      emit(PY_OPERATOR, pos, pos + 1, char);
      depth += 1;
      pos += 1;
    } else if (CLOSING.includes(char)) {
      depth = Math.max(0, depth - 1);
      emit(PY_OPERATOR, pos, pos + 1, char);
      pos += 1;
    } else {
      const length = text.startsWith(':=', pos) || text.startsWith('->', pos) ? 2 : 1;
      emit(PY_OPERATOR, pos, pos + length, text.slice(pos, pos + length));
      pos += length;
    }
  }
  if (lineHasTokens) onToken({ kind: PY_NEWLINE, start: text.length, end: text.length, text: '', depth: 0, prefix: '', quoteLength: 0 });
}
