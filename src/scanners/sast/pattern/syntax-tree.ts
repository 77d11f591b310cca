/**
 * A plain copy of a tree-sitter tree that the pattern matcher walks: named
 * nodes, plus the anonymous tokens that carry meaning (operators and
 * keywords such as `+`, `===`, `new`, `await`), without punctuation.
 * Copying once keeps matching in JavaScript instead of crossing into
 * WebAssembly for every node visit.
 */
import type { Node, TreeCursor } from 'web-tree-sitter';

export interface SyntaxNode {
  type: string;
  /** The source text of a node without kept children; empty for inner nodes (read them through `start` and `end`). */
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

/**
 * Copies the tree under `node`, whose source is `text`. One cursor walks
 * the whole tree, reading each node's fields from the cursor itself:
 * materialising a tree-sitter Node for every child costs several times
 * more than the parse.
 */
export function copyTree(node: Node, text: string): SyntaxNode {
  const cursor = node.walk();
  try {
    const root = fromCursor(cursor, text, undefined);
    const stack: Array<{ node: SyntaxNode; depth: number }> = [{ node: root, depth: 0 }];
    // Walk depth first: on entering a node, push its copy; its children are appended as they are met.
    if (!cursor.gotoFirstChild()) return leaf(root, text);
    for (;;) {
      const parent = stack[stack.length - 1] as { node: SyntaxNode; depth: number };
      const type = cursor.nodeType;
      const keep = type !== 'comment' && (cursor.nodeIsNamed || !PUNCTUATION.has(type));
      let descended = false;
      if (keep) {
        const copy = fromCursor(cursor, text, cursor.currentFieldName ?? undefined);
        parent.node.children.push(copy);
        if (parent.depth + 1 < MAX_DEPTH && cursor.gotoFirstChild()) {
          stack.push({ node: copy, depth: parent.depth + 1 });
          descended = true;
        } else {
          leaf(copy, text);
        }
      }
      if (descended) continue;
      // Move to the next sibling, or climb until a level has one.
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return root;
        const finished = stack.pop() as { node: SyntaxNode; depth: number };
        if (finished.node.children.length === 0) leaf(finished.node, text);
        if (stack.length === 0) return root;
      }
    }
  } finally {
    cursor.delete();
  }
}

function fromCursor(cursor: TreeCursor, text: string, field: string | undefined): SyntaxNode {
  const start = cursor.startPosition;
  const end = cursor.endPosition;
  const copy: SyntaxNode = {
    type: cursor.nodeType,
    text: '',
    children: [],
    start: cursor.startIndex,
    end: cursor.endIndex,
    startRow: start.row,
    startColumn: start.column,
    endRow: end.row,
    endColumn: end.column,
  };
  if (field !== undefined) copy.field = field;
  void text;
  return copy;
}

/** Fills in the text of a node that kept no children. */
function leaf(node: SyntaxNode, text: string): SyntaxNode {
  if (node.children.length === 0) node.text = text.slice(node.start, node.end);
  return node;
}
