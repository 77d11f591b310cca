/** Small helpers over web-tree-sitter nodes shared by the Terraform modules. */
import type { Node } from 'web-tree-sitter';
import type { Span } from '../tree.js';

/**
 * Converts a node's position to a `Span`. web-tree-sitter receives the text
 * as a JavaScript string, so its columns are UTF-16 code units as `Span` expects.
 */
export function spanOf(node: Node): Span {
  return {
    startLine: node.startPosition.row + 1,
    startColumn: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

/** Named children without comments, which the grammar allows between any tokens. */
export function syntaxChildren(node: Node): Node[] {
  return node.namedChildren.filter((child) => child.type !== 'comment');
}

/** Returns the source text of `node`. Tree-sitter indices are UTF-16 offsets into `text`. */
export function sourceOf(text: string, node: Node): string {
  return text.slice(node.startIndex, node.endIndex);
}
