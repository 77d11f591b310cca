import { createScanner, SyntaxKind } from 'jsonc-parser';

/**
 * Top-level keys of one document, each with its value when that value is a
 * scalar, or `{` or `[` when it is a map or a list. Only the first
 * occurrence of a key is kept.
 */
export type TopLevelKeys = Map<string, string>;

/**
 * Reads the top-level keys of each YAML document in `text` from the lines
 * that start in column 1, without parsing the document. A key whose value
 * is on the following lines gets `''`. Keys written in flow style
 * (`{a: 1}`) or as quoted multi-line keys are not seen.
 */
export function yamlTopLevelKeys(text: string): TopLevelKeys[] {
  const documents: TopLevelKeys[] = [new Map()];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end).trimEnd();
    start = end + 1;
    if (line.startsWith('---') || line.startsWith('...')) {
      documents.push(new Map());
      continue;
    }
    const entry = parseKeyLine(line);
    const current = documents[documents.length - 1]!;
    if (entry !== undefined && !current.has(entry[0])) current.set(entry[0], entry[1]);
  }
  return documents.filter((keys) => keys.size > 0);
}

/** First characters of lines that cannot start a top-level key: indentation, comments, list items, directives. */
const NOT_A_KEY_START = ' \t#-%';

function parseKeyLine(line: string): [string, string] | undefined {
  if (line === '' || NOT_A_KEY_START.includes(line.charAt(0))) return undefined;
  const colon = findKeyColon(line);
  if (colon === -1) return undefined;
  const key = unquote(line.slice(0, colon).trim());
  let value = line.slice(colon + 1).trim();
  const comment = value.indexOf(' #');
  if (comment !== -1 && !value.startsWith('"') && !value.startsWith("'")) value = value.slice(0, comment).trimEnd();
  if (value.startsWith('{')) return [key, '{'];
  if (value.startsWith('[')) return [key, '['];
  return [key, unquote(value)];
}

/** Finds the `:` that ends a block key, which a blank or the end of the line follows. */
function findKeyColon(line: string): number {
  for (let at = line.indexOf(':'); at !== -1; at = line.indexOf(':', at + 1)) {
    const next = line.charAt(at + 1);
    if (next === '' || next === ' ' || next === '\t') return at;
  }
  return -1;
}

function unquote(value: string): string {
  const quote = value.charAt(0);
  if (value.length >= 2 && (quote === '"' || quote === "'") && value.endsWith(quote)) return value.slice(1, -1);
  return value;
}

/**
 * Reads the top-level keys of a JSON object with jsonc-parser's token
 * scanner, which builds no tree and does not recurse. Returns an empty map
 * when the root is not an object.
 */
export function jsonTopLevelKeys(text: string): TopLevelKeys {
  const keys: TopLevelKeys = new Map();
  const scanner = createScanner(text, true);
  let depth = 0;
  let expectKey = false;
  let pendingKey: string | undefined;
  const record = (value: string): void => {
    if (pendingKey !== undefined && !keys.has(pendingKey)) keys.set(pendingKey, value);
    pendingKey = undefined;
  };
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      if (depth === 0 && token === SyntaxKind.OpenBracketToken) return keys;
      if (depth === 1) record(token === SyntaxKind.OpenBraceToken ? '{' : '[');
      depth++;
      expectKey = depth === 1;
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      depth--;
    } else if (depth !== 1 || token === SyntaxKind.ColonToken) {
      continue;
    } else if (token === SyntaxKind.CommaToken) {
      expectKey = true;
    } else if (expectKey && token === SyntaxKind.StringLiteral) {
      pendingKey = scanner.getTokenValue();
      expectKey = false;
    } else {
      record(scanner.getTokenValue());
    }
  }
  return keys;
}
