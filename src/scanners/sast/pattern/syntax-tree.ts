/**
 * A plain copy of a tree-sitter tree that the pattern matcher walks: named
 * nodes, plus the anonymous tokens that carry meaning (operators and
 * keywords such as `+`, `===`, `new`, `await`), without punctuation.
 * Copying once keeps matching in JavaScript instead of crossing into
 * WebAssembly for every node visit.
 */
import type { Node } from 'web-tree-sitter';

export interface SyntaxNode {
  type: string;
  /** The source text of a leaf; empty for inner nodes (read them through `start` and `end`). */
  text: string;
  children: SyntaxNode[];
  /** The field this node fills in its parent (`function`, `arguments`), when the grammar names one. */
  field?: string;
  /** Offsets into the source text. */
  start: number;
  end: number;
  /** 0-based row and column of the start and end, as tree-sitter counts them. */
  startRow: number;
  startColumn: number;
  endRow: number;
  endColumn: number;
}

/** Punctuation that never changes what code means once the tree is built. */
const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ';', ':', '.', '"', "'", '`', '${', '?.']);

/** Deepest nesting copied; deeper subtrees are cut, which only loses matches inside them. */
const MAX_DEPTH = 500;

/** Copies the tree under `node`. */
export function copyTree(node: Node): SyntaxNode {
  return copy(node, undefined, 0);
}

function copy(node: Node, field: string | undefined, depth: number): SyntaxNode {
  const result: SyntaxNode = {
    type: node.type,
    text: node.childCount === 0 ? node.text : '',
    children: [],
    start: node.startIndex,
    end: node.endIndex,
    startRow: node.startPosition.row,
    startColumn: node.startPosition.column,
    endRow: node.endPosition.row,
    endColumn: node.endPosition.column,
  };
  if (field !== undefined) result.field = field;
  if (depth >= MAX_DEPTH) return result;
  const cursor = node.walk();
  try {
    if (cursor.gotoFirstChild()) {
      do {
        const child = cursor.currentNode;
        if (child.type === 'comment') continue;
        if (!child.isNamed && PUNCTUATION.has(child.type)) continue;
        result.children.push(copy(child, cursor.currentFieldName ?? undefined, depth + 1));
      } while (cursor.gotoNextSibling());
    }
  } finally {
    cursor.delete();
  }
  return result;
}
