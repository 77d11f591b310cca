/**
 * Finds the line of object keys in JSON text without building a second
 * tree. `JSON.parse` returns no positions, and jsonc-parser's visitor
 * recurses once per nesting level, so a hostile lockfile could overflow
 * the call stack. This scanner keeps its own stack in an array.
 */

/** Marker pushed for containers that have no key: the top level and array items. */
export const NO_KEY = '\u0000';

/**
 * Called for each object key with the keys of the enclosing containers
 * (outermost first, `NO_KEY` for the top level and array items) and the
 * 1-based line of the key. `parents` is reused between calls: copy it to keep it.
 */
export type JsonKeyVisitor = (parents: readonly string[], key: string, line: number) => void;

/**
 * Calls `visit` for every object key of `text` in document order. `text`
 * must be valid JSON (parse it first): the scanner does not validate it.
 */
export function visitJsonKeys(text: string, visit: JsonKeyVisitor): void {
  const parents: string[] = [];
  let line = 1;
  let lastKey: string | undefined;
  // The last string seen, which becomes a key when a colon follows it.
  let stringStart = -1;
  let stringEnd = -1;
  let stringLine = 0;

  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 /* " */) {
      stringStart = i + 1;
      stringEnd = findStringEnd(text, stringStart);
      stringLine = line;
      i = stringEnd;
    } else if (code === 0x3a /* : */) {
      if (stringStart >= 0) {
        lastKey = decodeJsonString(text.slice(stringStart, stringEnd));
        visit(parents, lastKey, stringLine);
      }
      stringStart = -1;
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      parents.push(lastKey ?? NO_KEY);
      lastKey = undefined;
      stringStart = -1;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      parents.pop();
      lastKey = undefined;
      stringStart = -1;
    } else if (code === 0x0a /* \n */) {
      line++;
    } else if (code === 0x2c /* , */) {
      stringStart = -1;
    }
  }
}

/** Returns the index of the quote that closes the string whose content starts at `from`. */
function findStringEnd(text: string, from: number): number {
  let index = from;
  for (;;) {
    const quote = text.indexOf('"', index);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c /* \ */) backslashes++;
    if (backslashes % 2 === 0) return quote;
    index = quote + 1;
  }
}

function decodeJsonString(raw: string): string {
  return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
}
