/** Parses a source file of a sast language into the tree the pattern matcher walks. */
import { parseWithLimit } from '../../../core/tree-sitter.js';
import { parserFor, type SastLanguage } from '../languages.js';
import { copyTree, type SyntaxNode } from './syntax-tree.js';

/** Longest a file's parse may take before the file is reported and skipped. */
const PARSE_TIME_LIMIT_MS = 5_000;

export interface ParsedSource {
  root: SyntaxNode;
  /** Whether the grammar recovered from syntax errors; matches may then be missing. */
  hasErrors: boolean;
}

/** Returns the file's tree, or undefined when parsing took longer than the limit. */
export async function parseSource(language: SastLanguage, text: string): Promise<ParsedSource | undefined> {
  const parser = await parserFor(language);
  const tree = parseWithLimit(parser, text, PARSE_TIME_LIMIT_MS);
  if (tree === undefined) return undefined;
  try {
    return { root: copyTree(tree.rootNode, text), hasErrors: tree.rootNode.hasError };
  } finally {
    tree.delete();
  }
}
