/**
 * Compiles Semgrep-style code patterns. A pattern is a snippet of the
 * target language in which `$X` stands for any expression (the same text
 * wherever `$X` repeats). `...` stands for any run of arguments,
 * statements, elements or fields, and inside a string for any string. A pattern is parsed with the
 * language's own grammar after both are rewritten to plain names, so one
 * grammar serves code and patterns.
 */
import { parseWithLimit } from '../../../core/tree-sitter.js';
import { parserFor, type SastLanguage } from '../languages.js';
import { requiredModuleName } from '../aliases.js';
import { copyTree, type SyntaxNode } from './syntax-tree.js';

export const METAVARIABLE_PREFIX = '__RAMPART_MV_';
export const ELLIPSIS_NAME = '__RAMPART_ELLIPSIS';

export interface CompiledPattern {
  language: SastLanguage;
  source: string;
  root: SyntaxNode;
  /** The rewritten text the nodes' offsets refer to. */
  text: string;
  /**
   * Names the pattern writes out (`query`, `child_process`). Code that a
   * match could come from contains each of them as a whole word, because
   * even an import alias keeps the original name in its import statement.
   * A file without one is skipped without walking its tree.
   */
  words: string[];
}

/** Thrown for a pattern that does not parse in its language. */
export class PatternError extends Error {}

/**
 * Rewrites `$X` and a free-standing `...` into names the grammars accept.
 * With `splat`, an ellipsis in a list becomes `**name`, which Python
 * accepts among the entries of a dictionary as well as among arguments.
 */
export function rewritePattern(source: string, splat = false): string {
  return source
    .replace(/\$([A-Z_][A-Z0-9_]*)/g, (_match, name: string) => `${METAVARIABLE_PREFIX}${name}`)
    .replace(/\.\.\.(?![\w$])/g, (_match, offset: number, whole: string) => {
      // In statement position (after `{`, `;`, `}` or at a line start) an ellipsis is a statement
      // of its own, and the semicolon lets a statement follow it on the same line.
      const before = whole.slice(0, offset).trimEnd();
      const statement = before === '' || /[{;}]$/.test(before) || /\n\s*$/.test(whole.slice(0, offset));
      const after = whole.slice(offset + 3).trimStart();
      // `{..., key: value}` is an object: a comma or closing bracket after the ellipsis means a list, not statements.
      const listItem = after === '' || /^[,;)\]}\n]/.test(after);
      if (statement && !listItem) return `${ELLIPSIS_NAME};`;
      return splat && listItem && /[,({]$/.test(before) ? `**${ELLIPSIS_NAME}` : ELLIPSIS_NAME;
    });
}

function parsePattern(parser: Awaited<ReturnType<typeof parserFor>>, text: string, source: string): ReturnType<typeof parseWithLimit> {
  const tree = parseWithLimit(parser, text, 1_000);
  if (tree === undefined) throw new PatternError(`pattern "${source}" took too long to parse`);
  return tree;
}

/** Parses `source` as a pattern of `language`; the pattern is the single statement or expression it contains. */
export async function compilePattern(source: string, language: SastLanguage): Promise<CompiledPattern> {
  let text = rewritePattern(source);
  const parser = await parserFor(language);
  let tree = parsePattern(parser, text, source);
  if (tree?.rootNode.hasError === true) {
    // At the start of a statement `{` opens a block, so in JavaScript the object the pattern means
    // needs parentheses. A Python dictionary rejects a bare name among its pairs, but takes `**name`.
    const retry = language === 'python' ? rewritePattern(source, true) : text.trim().startsWith('{') ? `(${text})` : undefined;
    if (retry !== undefined && retry !== text) {
      tree.delete();
      text = retry;
      tree = parsePattern(parser, text, source);
    }
  }
  if (tree === undefined) throw new PatternError(`pattern "${source}" took too long to parse`);
  try {
    if (tree.rootNode.hasError) throw new PatternError(`pattern "${source}" is not valid ${language}`);
    let root = copyTree(tree.rootNode, text);
    // program > one statement > one expression: the pattern is the innermost single node.
    while (
      root.children.length === 1 &&
      (root.type === 'program' || root.type === 'module' || root.type === 'expression_statement' || root.type === 'parenthesized_expression')
    ) {
      root = root.children[0] as SyntaxNode;
    }
    if ((root.type === 'program' || root.type === 'module') && root.children.length === 0) {
      throw new PatternError(`pattern "${source}" is empty`);
    }
    // Several statements stay a program or module: a sequence to find among a block's statements.
    return { language, source, root, text, words: wordsOf(root, text) };
  } finally {
    tree.delete();
  }
}

/** Whole words of code: the unit in which a pattern's names are looked up. */
export const WORD = /[\p{ID_Continue}$]+/gu;

/** Lists the identifier-like leaves of a pattern, without metavariables and ellipses. */
function wordsOf(root: SyntaxNode, text: string): string[] {
  const words = new Set<string>();
  const add = (word: string): void => {
    if (word.length >= 3 && !word.startsWith(METAVARIABLE_PREFIX) && word !== ELLIPSIS_NAME) words.add(word);
  };
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as SyntaxNode;
    const module = requiredModuleName(node, text);
    if (module !== undefined) {
      // `require('node-serialize')` also matches code that imported the module, so `require` need not appear.
      for (const word of module.match(WORD) ?? []) add(word);
      continue;
    }
    // A name with other characters (`#secret`) counts by the words in it, as the file's text is split.
    if (node.children.length === 0 && /identifier$/.test(node.type)) for (const word of nodeText(node, text).match(WORD) ?? []) add(word);
    for (const child of node.children) stack.push(child);
  }
  return [...words];
}

export function nodeText(node: SyntaxNode, text: string): string {
  return text.slice(node.start, node.end);
}

/** Returns the `$NAME` a pattern leaf stands for, or undefined for ordinary code. */
export function metavariableOf(node: SyntaxNode, text: string): string | undefined {
  if (node.children.length > 0 || !/identifier$/.test(node.type)) return undefined;
  const name = nodeText(node, text);
  return name.startsWith(METAVARIABLE_PREFIX) ? `$${name.slice(METAVARIABLE_PREFIX.length)}` : undefined;
}

/** Node types that wrap a lone ellipsis name: a statement, a spread, a class field. */
const ELLIPSIS_WRAPPERS = new Set(['expression_statement', 'spread_element', 'field_definition', 'public_field_definition']);

export function isEllipsis(node: SyntaxNode, text: string): boolean {
  if (node.type === 'ellipsis') return true;
  if (node.children.length === 0) return nodeText(node, text) === ELLIPSIS_NAME;
  // `...;` as a statement, `...` as a spread, argument or class member, `**...` in a Python dictionary.
  if (node.type === 'dictionary_splat') return isEllipsis(node.children[node.children.length - 1] as SyntaxNode, text);
  return node.children.length === 1 && ELLIPSIS_WRAPPERS.has(node.type) && isEllipsis(node.children[0] as SyntaxNode, text);
}

/** Tells whether a string pattern's content is only `...`, which matches every constant string. */
export function isAnyString(node: SyntaxNode, text: string): boolean {
  return /string$/.test(node.type) && nodeText(node, text).slice(1, -1) === ELLIPSIS_NAME;
}
