/** Parses a source file of a sast language into the tree the pattern matcher walks. */
import { parseWithLimit } from '../../../core/tree-sitter.js';
import { parserFor, type SastLanguage } from '../languages.js';
import { copySyntaxTree, type SyntaxNode } from './syntax-tree.js';

/** Longest a file's parse may take before the file is reported and skipped. */
const PARSE_TIME_LIMIT_MS = 5_000;

export interface ParsedSource {
  root: SyntaxNode;
  /** Whether the grammar recovered from syntax errors; matches may then be missing. */
  hasErrors: boolean;
  /**
   * Whether code nested more than 500 levels deep was left out of `root`,
   * so matches inside it are missing (MAX_DEPTH in syntax-tree.ts).
   */
  truncated: boolean;
}

/** Returns the file's tree, or undefined when parsing took longer than the limit. */
export async function parseSource(language: SastLanguage, text: string): Promise<ParsedSource | undefined> {
  const parser = await parserFor(language);
  const tree = parseWithLimit(parser, text, PARSE_TIME_LIMIT_MS);
  if (tree === undefined) return undefined;
  try {
    const { root, truncated } = copySyntaxTree(tree.rootNode, text);
    return { root, hasErrors: tree.rootNode.hasError, truncated };
  } finally {
    tree.delete();
  }
}
