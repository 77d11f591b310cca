/**
 * Signs of obfuscated or packed code that need more than a token: counts,
 * runs and lengths. Each function makes one forward pass over the text.
 */

export type ObfuscationId = 'hex-identifiers' | 'escape-run' | 'char-code-chain' | 'long-literal';

export interface ObfuscationHit {
  id: ObfuscationId;
  start: number;
  length: number;
  /** Count behind the sign, shown in the issue message. */
  detail: string;
}

/** javascript-obfuscator names every variable `_0x` and 4 to 6 hex digits; hand-written code has a handful at most. */
const MIN_HEX_IDENTIFIERS = 30;
const MIN_DISTINCT_HEX_IDENTIFIERS = 5;
/** Escapes in one run, such as `\x68\x74\x74\x70` for `http`; unicode tables in regular expressions break runs with `-`. */
const MIN_ESCAPE_RUN = 24;
const MIN_CHAR_CODES = 12;
/** A base64 or hex literal this long is a payload or an embedded binary (wasm, fonts), not code. */
export const MIN_LONG_LITERAL = 10_000;

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}

function isIdentifierCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
}

function hexIdentifiers(text: string): ObfuscationHit | undefined {
  const names = new Set<string>();
  let count = 0;
  let first = -1;
  for (let i = text.indexOf('_0x'); i !== -1; i = text.indexOf('_0x', i + 3)) {
    if (i > 0 && isIdentifierCode(text.charCodeAt(i - 1))) continue;
    let end = i + 3;
    while (end < text.length && end - i < 12 && isHexDigit(text.charCodeAt(end))) end++;
    if (end - i < 7 || (end < text.length && isIdentifierCode(text.charCodeAt(end)))) continue;
    count++;
    if (names.size < 1000) names.add(text.slice(i, end));
    if (first === -1) first = i;
  }
  if (count < MIN_HEX_IDENTIFIERS || names.size < MIN_DISTINCT_HEX_IDENTIFIERS) return undefined;
  return { id: 'hex-identifiers', start: first, length: 3, detail: `${count} _0x identifiers` };
}

/** Length of the `\xHH` or `\uHHHH` escape at `i`, or 0, and the code it stands for. */
function escapeAt(text: string, i: number): [number, number] {
  if (text[i] !== '\\') return [0, 0];
  const kind = text[i + 1];
  let digits: number;
  if (kind === 'x') digits = 2;
  else if (kind === 'u') digits = 4;
  else return [0, 0];
  for (let d = 0; d < digits; d++) if (!isHexDigit(text.charCodeAt(i + 2 + d))) return [0, 0];
  return [2 + digits, parseInt(text.slice(i + 2, i + 2 + digits), 16)];
}

function escapeRun(text: string): ObfuscationHit | undefined {
  for (let i = text.indexOf('\\'); i !== -1; i = text.indexOf('\\', i + 1)) {
    let end = i;
    let escapes = 0;
    let printable = 0;
    for (;;) {
      const [length, code] = escapeAt(text, end);
      if (length === 0) break;
      escapes++;
      if (code >= 0x20 && code < 0x7f) printable++;
      end += length;
    }
    if (escapes >= MIN_ESCAPE_RUN && printable >= escapes * 0.8) {
      return { id: 'escape-run', start: i, length: end - i, detail: `${escapes} escaped printable characters in a row` };
    }
    if (end > i) i = end - 1;
  }
  return undefined;
}

/** Numeric arguments of the call whose `(` is at `open`, or -1 when an argument is not a number literal. */
function numericArguments(text: string, open: number): [number, number] {
  let count = 0;
  let inNumber = false;
  for (let i = open + 1; i < text.length && i - open < 20_000; i++) {
    const char = text[i] as string;
    if (char === ')') return [inNumber ? count + 1 : count, i];
    if (char === ',') {
      if (!inNumber) return [-1, i];
      count++;
      inNumber = false;
    } else if (/[0-9a-fA-FxX]/.test(char)) inNumber = true;
    else if (char !== ' ' && char !== '\n' && char !== '\t') return [-1, i];
  }
  return [-1, open];
}

/** `String.fromCharCode(104, 116, ...)`, or calls with one number each (`chr(104)+chr(116)+...`) chained close together. */
function charCodeChain(text: string): ObfuscationHit | undefined {
  for (const callee of ['fromCharCode(', 'chr(']) {
    let chain = 0;
    let chainStart = -1;
    let lastEnd = -1;
    for (let i = text.indexOf(callee); i !== -1; i = text.indexOf(callee, i + callee.length)) {
      if (callee === 'chr(' && i > 0 && isIdentifierCode(text.charCodeAt(i - 1))) continue;
      const [count, close] = numericArguments(text, i + callee.length - 1);
      if (count >= MIN_CHAR_CODES) return { id: 'char-code-chain', start: i, length: close - i + 1, detail: `${callee.slice(0, -1)} with ${count} character codes` };
      if (count === 1 && lastEnd !== -1 && i - lastEnd <= 30) {
        chain++;
      } else if (count === 1) {
        chain = 1;
        chainStart = i;
      } else {
        chain = 0;
      }
      lastEnd = close;
      if (chain >= MIN_CHAR_CODES) return { id: 'char-code-chain', start: chainStart, length: close - chainStart + 1, detail: `${chain} chained ${callee.slice(0, -1)} calls` };
    }
  }
  return undefined;
}

function isBase64Code(code: number): boolean {
  return isIdentifierCode(code) && code !== 36 ? true : code === 43 || code === 47 || code === 61 || code === 45;
}

function longLiteral(text: string): ObfuscationHit | undefined {
  for (let i = 0; i < text.length; i++) {
    const quote = text[i];
    if (quote !== '"' && quote !== "'" && quote !== '`') continue;
    let end = i + 1;
    while (end < text.length && isBase64Code(text.charCodeAt(end))) end++;
    if (end - i - 1 >= MIN_LONG_LITERAL && text[end] === quote) {
      return { id: 'long-literal', start: i, length: end - i + 1, detail: `a ${end - i - 1}-character base64 or hex literal` };
    }
    i = end - 1;
  }
  return undefined;
}

/** Find the obfuscation signs in `text`, at most one of each kind. */
export function findObfuscation(text: string): ObfuscationHit[] {
  const hits = [hexIdentifiers(text), escapeRun(text), charCodeChain(text), longLiteral(text)];
  return hits.filter((hit): hit is ObfuscationHit => hit !== undefined);
}
