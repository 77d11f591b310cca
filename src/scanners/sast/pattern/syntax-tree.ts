/**
 * A plain copy of a tree-sitter tree that the pattern matcher walks: named
 * nodes, plus the anonymous tokens that carry meaning (operators and
 * keywords such as `+`, `===`, `new`, `await`), without punctuation.
 * Copying once keeps matching in JavaScript instead of crossing into
 * WebAssembly for every node visit.
 */
import type { Language, Node } from 'web-tree-sitter';

export interface SyntaxNode {
  type: string;
  /** The source text of a node without kept children; empty for inner nodes (read them through `start` and `end`). */
  text: string;
  children: SyntaxNode[];
  /** The field a named node fills in its parent (`function`, `arguments`), when the grammar names one; unset on anonymous tokens. */
  field?: string;
  /** Offsets into the source text, in UTF-16 code units as JavaScript strings count them. */
  start: number;
  end: number;
}

/** Punctuation that never changes what code means once the tree is built. */
const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ';', ':', '.', '"', "'", '`', '${', '?.']);

/**
 * Deepest nesting copied. Deeper subtrees are cut, which loses the matches
 * inside them, so copySyntaxTree reports the cut.
 */
const MAX_DEPTH = 500;

/** A grammar's node type names and whether the copy keeps each type, indexed by type id. */
interface TypeTable {
  names: string[];
  /** 0 to drop, 1 to keep an anonymous token, 2 to keep a named node; undefined until first met. */
  keep: Array<0 | 1 | 2 | undefined>;
}

const typeTables = new WeakMap<Language, TypeTable>();

function typeTableOf(language: Language): TypeTable {
  let table = typeTables.get(language);
  if (table === undefined) {
    table = { names: language.types, keep: [] };
    typeTables.set(language, table);
  }
  return table;
}

/** Copies the tree under `node`, whose source is `text`; see copySyntaxTree. */
export function copyTree(node: Node, text: string): SyntaxNode {
  return copySyntaxTree(node, text).root;
}

/**
 * Copies the tree under `node`, whose source is `text`, and reports
 * whether a subtree deeper than MAX_DEPTH was cut. One cursor walks
 * the whole tree, reading each node's fields from the cursor itself:
 * materialising a tree-sitter Node for every child costs several times
 * more than the parse. Every cursor read crosses into WebAssembly, so a
 * node costs four reads (type, field, start, end), and names and
 * punctuation are looked up by type id in tables built once per grammar.
 */
export function copySyntaxTree(node: Node, text: string): { root: SyntaxNode; truncated: boolean } {
  const language = node.tree.language;
  const table = typeTableOf(language);
  const fields = language.fields;
  const cursor = node.walk();
  try {
    // Every copy has the same properties in the same order, so the matcher's property reads stay monomorphic.
    const root: SyntaxNode = { type: node.type, text: '', children: [], field: undefined, start: cursor.startIndex, end: cursor.endIndex };
    const stack: Array<{ node: SyntaxNode; depth: number }> = [{ node: root, depth: 0 }];
    let truncated = false;
    // Walk depth first: on entering a node, push its copy; its children are appended as they are met.
    if (!cursor.gotoFirstChild()) return { root: leaf(root, text), truncated };
    for (;;) {
      const parent = stack[stack.length - 1] as { node: SyntaxNode; depth: number };
      const typeId = cursor.nodeTypeId;
      let keep = table.keep[typeId];
      if (keep === undefined) {
        const name = table.names[typeId] ?? 'ERROR';
        const named = language.nodeTypeIsNamed(typeId);
        // 0 drops the node, 1 keeps a meaningful token, 2 keeps a named node with its field.
        if (name === 'comment' || (!named && PUNCTUATION.has(name))) keep = 0;
        else keep = named ? 2 : 1;
        table.keep[typeId] = keep;
      }
      let descended = false;
      if (keep !== 0) {
        // Only named nodes fill the fields that matching and taint tracking read.
        const field = keep === 2 ? (fields[cursor.currentFieldId] ?? undefined) : undefined;
        const copy: SyntaxNode = { type: table.names[typeId] ?? 'ERROR', text: '', children: [], field, start: cursor.startIndex, end: cursor.endIndex };
        parent.node.children.push(copy);
        if (parent.depth + 1 >= MAX_DEPTH) {
          // The node is kept as a leaf with the whole text of its subtree.
          if (cursor.gotoFirstChild()) {
            truncated = true;
            cursor.gotoParent();
          }
          leaf(copy, text);
        } else if (cursor.gotoFirstChild()) {
          stack.push({ node: copy, depth: parent.depth + 1 });
          descended = true;
        } else {
          leaf(copy, text);
        }
      }
      if (descended) continue;
      // Move to the next sibling, or climb until a level has one.
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return { root, truncated };
        const finished = stack.pop() as { node: SyntaxNode; depth: number };
        if (finished.node.children.length === 0) leaf(finished.node, text);
        if (stack.length === 0) return { root, truncated };
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Fills in the text of a node that kept no children. */
function leaf(node: SyntaxNode, text: string): SyntaxNode {
  if (node.children.length === 0) node.text = text.slice(node.start, node.end);
  return node;
}
