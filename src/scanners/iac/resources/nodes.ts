/**
 * Small readers over the positioned tree shared by the resource extractors
 * of every format.
 */
import type { IacResource } from '../resource.js';
import type { MapEntry, Span, TreeNode } from '../tree.js';

/** The resources found in one document and the problems that made parts of it unreadable. */
export interface ResourceExtraction {
  resources: IacResource[];
  /** One line each, `path:line: message`, for shapes the extractor skipped. */
  warnings: string[];
}

/** Returns the value of a string scalar, or undefined for any other node. */
export function stringOf(node: TreeNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/** Returns the span from the start of an entry's key to the end of its value. */
export function entrySpan(entry: MapEntry): Span {
  const end = entry.value.span;
  const endsBeforeKey =
    end.endLine < entry.keySpan.endLine ||
    (end.endLine === entry.keySpan.endLine && end.endColumn < entry.keySpan.endColumn);
  const last = endsBeforeKey ? entry.keySpan : end;
  return {
    startLine: entry.keySpan.startLine,
    startColumn: entry.keySpan.startColumn,
    endLine: last.endLine,
    endColumn: last.endColumn,
  };
}

/** Returns an empty map node at `span`, the body of a declaration written without configuration. */
export function emptyMap(span: Span): TreeNode {
  return { kind: 'map', span, entries: [] };
}

/** Returns a copy of the map `node` without the entries named in `keys`. Other nodes are returned unchanged. */
export function withoutKeys(node: TreeNode, keys: ReadonlySet<string>): TreeNode {
  if (node.kind !== 'map') return node;
  return { ...node, entries: node.entries.filter((entry) => !keys.has(entry.key)) };
}

/** Formats a warning in the `path:line: message` form of IacParseError. */
export function warningAt(path: string, span: Span, message: string): string {
  return `${path}:${span.startLine}: ${message}`;
}

/** Describes a node's kind for warnings: `a list`, `a string`. */
export function describeNode(node: TreeNode): string {
  if (node.kind === 'map') return 'a map';
  if (node.kind === 'list') return 'a list';
  if (node.kind === 'expression') return 'an expression';
  if (node.value === null) return 'empty';
  return `a ${typeof node.value}`;
}
