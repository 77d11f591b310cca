/**
 * JSON reading for packages.lock.json with source offsets, using
 * jsonc-parser's syntax tree. jsonc-parser descends recursively, so the
 * nesting depth is checked first with a flat scan.
 */
import { LineIndex } from '../../../core/line-index.js';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/** Deeper than any packages.lock.json, which nests four levels. */
const MAX_DEPTH = 64;

/** A document that is not valid JSON, which the caller wraps in a `LockfileError`. */
export class NugetJsonError extends Error {}

/** Returns the maximum nesting depth of arrays and objects, ignoring brackets inside strings. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) {
      inString = true;
    } else if (ch === 0x7b || ch === 0x5b) {
      depth++;
      if (depth > max) max = depth;
    } else if (ch === 0x7d || ch === 0x5d) {
      depth--;
    }
  }
  return max;
}


/** Parses strict JSON into a tree. Throws `NugetJsonError` for invalid or too deeply nested input. */
export function parseJsonTree(text: string): Node {
  if (nestingDepth(text) > MAX_DEPTH) {
    throw new NugetJsonError(`JSON nests deeper than ${MAX_DEPTH} levels`);
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (first !== undefined || root === undefined) {
    const where = first === undefined ? '' : ` at line ${new LineIndex(text).lineOf(first.offset)}`;
    const what = first === undefined ? 'empty document' : printParseErrorCode(first.error);
    throw new NugetJsonError(`invalid JSON${where}: ${what}`);
  }
  return root;
}

/** Returns the properties of an object node as [name, key node, value node], or none for other nodes. */
export function objectProperties(node: Node | undefined): Array<[string, Node, Node]> {
  if (node?.type !== 'object') return [];
  const properties: Array<[string, Node, Node]> = [];
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key !== undefined && value !== undefined && typeof key.value === 'string') properties.push([key.value, key, value]);
  }
  return properties;
}

/** Returns the value node of a property, looked up by exact name. */
export function propertyValue(node: Node | undefined, name: string): Node | undefined {
  return objectProperties(node).find(([key]) => key === name)?.[2];
}

/** Returns the string value of a property, or undefined when absent or not a string. */
export function stringProperty(node: Node | undefined, name: string): string | undefined {
  const value = propertyValue(node, name);
  return value?.type === 'string' && typeof value.value === 'string' ? value.value : undefined;
}
