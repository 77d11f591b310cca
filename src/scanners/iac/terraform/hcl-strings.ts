/** Literal values of HCL quoted strings and heredocs that contain no interpolation. */

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * Decodes the text between the quotes of a string without interpolations:
 * backslash escapes, `$${` for a literal `${` and `%%{` for a literal `%{`.
 * Returns undefined for an escape that HCL rejects.
 */
export function unescapeQuoted(raw: string): string | undefined {
  let result = '';
  let index = 0;
  while (index < raw.length) {
    const char = raw[index] as string;
    if (char === '\\') {
      const decoded = decodeEscape(raw, index);
      if (decoded === undefined) return undefined;
      result += decoded.text;
      index += decoded.length;
    } else if ((char === '$' || char === '%') && raw.startsWith(`${char}${char}{`, index)) {
      result += `${char}{`;
      index += 3;
    } else {
      result += char;
      index += 1;
    }
  }
  return result;
}

function decodeEscape(raw: string, index: number): { text: string; length: number } | undefined {
  const letter = raw[index + 1];
  if (letter === undefined) return undefined;
  const simple = SIMPLE_ESCAPES[letter];
  if (simple !== undefined) return { text: simple, length: 2 };
  let digits: number;
  if (letter === 'u') {
    digits = 4;
  } else if (letter === 'U') {
    digits = 8;
  } else {
    return undefined;
  }
  const hex = raw.slice(index + 2, index + 2 + digits);
  if (hex.length !== digits || !isHex(hex)) return undefined;
  const codePoint = Number.parseInt(hex, 16);
  if (codePoint > 0x10ffff) return undefined;
  return { text: String.fromCodePoint(codePoint), length: 2 + digits };
}

function isHex(text: string): boolean {
  for (const char of text) {
    if (!'0123456789abcdefABCDEF'.includes(char)) return false;
  }
  return true;
}

/**
 * Returns the value of a heredoc without interpolations. `body` is the source
 * from the line after the opening marker up to the start of the closing
 * marker's line, so it ends with a newline unless it is empty. With `<<-`
 * (`flush`), the smallest indentation of the non-blank lines is removed from
 * every line. Backslashes are literal in heredocs; only `$${` and `%%{` are escapes.
 */
export function heredocValue(body: string, flush: boolean): string {
  const normalised = body.replaceAll('\r\n', '\n');
  const text = flush ? removeIndent(normalised) : normalised;
  return text.replaceAll('$${', '${').replaceAll('%%{', '%{');
}

function removeIndent(body: string): string {
  const lines = body.split('\n');
  let indent = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    const width = leadingWhitespace(line);
    // NOTE: blank lines are left out of the minimum, as in HCL's heredoc spec
    // tests for empty lines. Lines of only spaces are assumed to behave the same.
    if (width < line.length) indent = Math.min(indent, width);
  }
  if (indent === Number.POSITIVE_INFINITY) indent = 0;
  return lines.map((line) => line.slice(Math.min(indent, leadingWhitespace(line)))).join('\n');
}

function leadingWhitespace(line: string): number {
  let width = 0;
  while (line[width] === ' ' || line[width] === '\t') width += 1;
  return width;
}
