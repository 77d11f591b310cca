/**
 * Loading bun.lock: JSONC (JSON with comments and trailing commas) read
 * with jsonc-parser, plus the line of each key under `packages`.
 */
import { LineIndex } from '../../../core/line-index.js';
import {
  createScanner,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  SyntaxKind,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import { LockfileError } from '../types.js';
import { isRecord, type JsonRecord } from './pnpm-bun-records.js';

/** bun.lock nests 5 levels; jsonc-parser recurses per level, so deeper input is rejected before parsing. */
const MAX_DEPTH = 64;

export interface BunLockJson {
  data: JsonRecord;
  /** 1-based line of each key under `packages`. */
  packageLines: Map<string, number>;
}

/** Parse the text, throwing LockfileError for invalid JSONC, deep nesting or a top level that is not an object. */
export function loadBunLockJson(text: string, path: string): BunLockJson {
  if (text.trim() === '') throw new LockfileError(path, 'the file is empty; expected a bun.lock object');
  const lines = new LineIndex(text);
  const depth = maxDepth(text);
  if (depth > MAX_DEPTH) throw new LockfileError(path, `nested deeper than ${MAX_DEPTH} levels; this is not a bun.lock file`);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const firstError = errors[0];
  if (firstError !== undefined) {
    const line = lines.lineOf(firstError.offset);
    throw new LockfileError(path, `invalid JSONC at line ${line}: ${printParseErrorCode(firstError.error)}`);
  }
  if (root === undefined) throw new LockfileError(path, 'the file contains no JSON value; expected a bun.lock object');
  const data: unknown = getNodeValue(root);
  if (!isRecord(data)) throw new LockfileError(path, 'not a bun.lock file: the top level is not an object');
  return { data, packageLines: packageKeyLines(root, lines) };
}

function packageKeyLines(root: Node, index: LineIndex): Map<string, number> {
  const lines = new Map<string, number>();
  const property = root.children?.find((child) => child.children?.[0]?.value === 'packages');
  const section = property?.children?.[1];
  if (section?.type !== 'object') return lines;
  for (const entry of section.children ?? []) {
    const keyNode = entry.children?.[0];
    if (keyNode === undefined || typeof keyNode.value !== 'string' || lines.has(keyNode.value)) continue;
    lines.set(keyNode.value, index.lineOf(keyNode.offset));
  }
  return lines;
}

/** Deepest nesting of objects and arrays, from jsonc-parser's tokenizer, which skips strings and comments and does not recurse. */
function maxDepth(text: string): number {
  const scanner = createScanner(text, true);
  let depth = 0;
  let max = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      depth += 1;
      if (depth > max) max = depth;
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      depth -= 1;
    }
  }
  return max;
}
