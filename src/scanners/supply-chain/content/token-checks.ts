/**
 * Checks that confirm a token hit by looking at a few characters around
 * it. Each reads a bounded window, so a scan stays linear in the text.
 */

export type TokenCheck =
  | 'word'
  | 'call'
  | 'module'
  | 'python-import'
  | 'path'
  | 'command'
  | 'env-serialised'
  | 'buffer-decode'
  | 'after-eval'
  | 'public-ip'
  | 'pipe';

function isIdentifierChar(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || char === '_' || char === '$';
}

function skipSpacesBack(text: string, index: number): number {
  let i = index;
  while (i >= 0 && index - i < 64 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i;
}

function skipSpacesForward(text: string, index: number): number {
  let i = index;
  while (i < text.length && i - index < 64 && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** Read the identifier that ends at `end` (inclusive), read backwards at most 40 characters. */
function identifierBefore(text: string, end: number): string {
  let start = end;
  while (start >= 0 && end - start < 40 && (isIdentifierChar(text[start]) || text[start] === '.')) start--;
  return text.slice(start + 1, end + 1);
}

/** Maximum stretch a check reads on either side of a hit, so that checks on one huge line stay linear. */
const WINDOW = 2000;

/** Start and end of the line around `index`, cut to WINDOW characters on each side. */
function lineBounds(text: string, index: number): [number, number] {
  let start = index;
  while (start > 0 && index - start < WINDOW && text[start - 1] !== '\n') start--;
  let end = index;
  while (end < text.length && end - index < WINDOW && text[end] !== '\n') end++;
  return [start, end];
}

function wordBoundaries(text: string, start: number, token: string): boolean {
  if (isIdentifierChar(token[0]) && isIdentifierChar(text[start - 1])) return false;
  return !(isIdentifierChar(token[token.length - 1]) && isIdentifierChar(text[start + token.length]));
}

/** A call of the function `token`: not a member of another object, followed by `(`. */
function isCall(text: string, start: number, token: string): boolean {
  if (!wordBoundaries(text, start, token)) return false;
  const before = text[start - 1];
  if (before === '.' && !text.startsWith('globalThis.', start - 11) && !text.startsWith('window.', start - 7)) return false;
  return text[skipSpacesForward(text, start + token.length)] === '(';
}

/** Check for a quoted module name inside `require(`, `import(`, `from` or `import`. */
function isModuleSpecifier(text: string, start: number): boolean {
  const before = skipSpacesBack(text, start - 1);
  if (text[before] === '(') {
    const callee = identifierBefore(text, skipSpacesBack(text, before - 1));
    return callee === 'require' || callee === 'import' || callee.endsWith('.require');
  }
  const word = identifierBefore(text, before);
  return word === 'from' || word === 'import';
}

/** `import x`, `import a, x.y`, `from x import` or `__import__('x')` on the line of the hit. */
function isPythonImport(text: string, start: number, token: string): boolean {
  if (!wordBoundaries(text, start, token) || text[start - 1] === '.') return false;
  const after = text[start + token.length];
  if (after === "'" || after === '"') return text.startsWith('__import__(', start - 12) || text.startsWith('import_module(', start - 15);
  const [lineStart] = lineBounds(text, start);
  const prefix = text.slice(lineStart, start);
  // An import may follow `;` or a quote on the same line, as in `python -c "import x; ..."`.
  const statementStart = Math.max(prefix.lastIndexOf(';'), prefix.lastIndexOf('"'), prefix.lastIndexOf("'")) + 1;
  const statement = prefix.slice(statementStart).trimStart();
  return statement.startsWith('import ') || statement === 'from ';
}

/** Check for a dot-folder such as `.ssh` used as a path: after a separator, quote or space, before a separator or quote. */
function isPathSegment(text: string, start: number, token: string): boolean {
  const before = text[start - 1];
  const after = text[start + token.length];
  const beforeOk = before === undefined || '/\\\'"`~ \t(,'.includes(before);
  const afterOk = after === undefined || '/\\\'"` \t),'.includes(after);
  return beforeOk && afterOk;
}

/** Check for a shell command word: at the start of a command and followed by a space or the end. */
function isCommandWord(text: string, start: number, token: string): boolean {
  if (!wordBoundaries(text, start, token)) return false;
  const after = text[start + token.length];
  if (after !== undefined && after !== ' ' && after !== '\t' && after !== '\n' && after !== ';') return false;
  const before = skipSpacesBack(text, start - 1);
  return before < 0 || '\n;|&(`$"\''.includes(text[before] as string);
}

const SERIALISERS = new Set(['stringify', 'JSON.stringify', 'URLSearchParams', 'btoa', 'send', 'write', 'end', 'post', 'put', 'encode', 'inspect', 'emit']);
const PY_SENDERS = ['dumps(', 'urlencode(', 'b64encode(', 'json=', 'data=', 'str(', 'repr(', '.send', 'post(', '.write('];

/** Check that the whole environment is passed to a serialiser or sender, rather than one variable read from it. */
function isEnvironmentSerialised(text: string, start: number, token: string): boolean {
  const after = text[skipSpacesForward(text, start + token.length)];
  if (token === 'process.env') {
    if (after !== ')' && after !== ',') return false;
    const open = skipSpacesBack(text, start - 1);
    if (text[open] !== '(') return false;
    return SERIALISERS.has(identifierBefore(text, skipSpacesBack(text, open - 1)));
  }
  const wholeObject = after === ')' || after === ',' || text.startsWith('.items()', start + token.length) || text.startsWith('.copy()', start + token.length);
  if (!wholeObject) return false;
  const [lineStart, lineEnd] = lineBounds(text, start);
  const line = text.slice(lineStart, lineEnd);
  return PY_SENDERS.some((sender) => line.includes(sender));
}

/** `Buffer.from(x, 'base64')` and the like: the call's arguments name a text encoding of bytes. */
function isBufferDecode(text: string, start: number, token: string): boolean {
  const open = skipSpacesForward(text, start + token.length);
  if (text[open] !== '(') return false;
  let depth = 0;
  for (let i = open; i < text.length && i < open + WINDOW; i++) {
    const char = text[i];
    if (char === '(') depth++;
    else if (char === ')' && --depth === 0) {
      const args = text.slice(open, i);
      return /['"`](?:base64|base64url|hex)['"`]/.test(args);
    } else if (char === '\n') return false;
  }
  return false;
}

/** Check for the Dean Edwards packer signature: `eval(function(p,a,c,k,e,`. */
function isAfterEval(text: string, start: number): boolean {
  const open = skipSpacesBack(text, start - 1);
  return text[open] === '(' && identifierBefore(text, skipSpacesBack(text, open - 1)) === 'eval';
}

function isPrivateAddress(octets: number[]): boolean {
  const [a = 0, b = 0] = octets;
  return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31) || a >= 224;
}

/** Check for a URL whose host is a literal public IPv4 address, such as `http://45.9.148.1/`. */
function isPublicIpUrl(text: string, start: number): boolean {
  const host = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.])/.exec(text.slice(start + 3, start + 3 + 16));
  if (!host) return false;
  const octets = host.slice(1).map(Number);
  return octets.every((octet) => octet <= 255) && !isPrivateAddress(octets);
}

/** Check for a single `|` into the program `token` names: not `||`, and the program name ends at a space, quote or the end. */
function isPipe(text: string, start: number, token: string): boolean {
  if (text[start - 1] === '|') return false;
  const after = text[start + token.length];
  return after === undefined || ' \t\n;)\'"`'.includes(after);
}

/** Check whether the hit of `token` at `start` passes `check`. */
export function passesCheck(check: TokenCheck | undefined, text: string, start: number, token: string): boolean {
  switch (check) {
    case undefined:
      return true;
    case 'word':
      return wordBoundaries(text, start, token);
    case 'call':
      return isCall(text, start, token);
    case 'module':
      return isModuleSpecifier(text, start);
    case 'python-import':
      return isPythonImport(text, start, token);
    case 'path':
      return isPathSegment(text, start, token);
    case 'command':
      return isCommandWord(text, start, token);
    case 'env-serialised':
      return isEnvironmentSerialised(text, start, token);
    case 'buffer-decode':
      return isBufferDecode(text, start, token);
    case 'after-eval':
      return isAfterEval(text, start);
    case 'public-ip':
      return isPublicIpUrl(text, start);
    case 'pipe':
      return isPipe(text, start, token);
  }
}
