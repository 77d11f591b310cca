/**
 * JSON reading for Pipfile.lock and composer.lock: parsing with a nesting
 * limit, and the lines of object properties, which `JSON.parse` loses.
 */
import { visit, type JSONPath } from 'jsonc-parser';
import { LockfileError } from '../types.js';

/**
 * Deeper input is rejected before jsonc-parser sees it, because that parser
 * recurses once per level. Composer and pipenv lockfiles nest about five levels.
 */
const MAX_JSON_DEPTH = 64;

/** Parses `text` as JSON, throwing a `LockfileError` for `path` when it is invalid or nested too deep. */
export function parseJsonDocument(text: string, path: string): unknown {
  const depth = maxJsonDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw new LockfileError(
      path,
      `JSON nested deeper than ${MAX_JSON_DEPTH} levels; this is not a lockfile`,
    );
  }
  try {
    return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as unknown;
  } catch (error) {
    throw new LockfileError(path, `invalid JSON: ${(error as Error).message}`, { cause: error });
  }
}

/** Deepest array or object nesting in `text`, counting brackets outside strings. */
function maxJsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c)
        index += 1; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > max) max = depth;
    } else if (code === 0x5d || code === 0x7d) {
      depth -= 1;
    }
  }
  return max;
}

/**
 * Calls `onProperty` with the path of the enclosing object, the property
 * name and its 1-based line, for every property whose enclosing path is at
 * most `maxPathLength` long. Call only after `parseJsonDocument` accepted
 * the text, so the nesting is bounded.
 */
export function forEachPropertyLine(
  text: string,
  maxPathLength: number,
  onProperty: (path: JSONPath, property: string, line: number) => void,
): void {
  let depth = 0;
  visit(text, {
    onObjectBegin: () => {
      depth += 1;
    },
    onObjectEnd: () => {
      depth -= 1;
    },
    onArrayBegin: () => {
      depth += 1;
    },
    onArrayEnd: () => {
      depth -= 1;
    },
    onObjectProperty: (property, _offset, _length, startLine, _startCharacter, pathSupplier) => {
      // `depth` counts the enclosing containers, and the path has one
      // segment per container below the root.
      if (depth - 1 <= maxPathLength) onProperty(pathSupplier(), property, startLine + 1);
    },
  });
}
