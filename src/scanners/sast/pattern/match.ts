/**
 * Semgrep-style code patterns: a snippet of the target language in which
 * `$X` stands for any expression (the same text wherever `$X` repeats) and
 * `...` for any run of arguments, statements, elements or fields, or, in a
 * string, for any string. A pattern is parsed with the language's own
 * grammar after both are rewritten to plain names, so one grammar serves
 * code and patterns.
 */
import { parseWithLimit } from '../../../core/tree-sitter.js';
import { parserFor, type SastLanguage } from '../languages.js';
import { canonicalPath, type Aliases } from '../aliases.js';
import { copyTree, type SyntaxNode } from './syntax-tree.js';

const METAVARIABLE_PREFIX = '__RAMPART_MV_';
const ELLIPSIS_NAME = '__RAMPART_ELLIPSIS';

export interface CompiledPattern {
  language: SastLanguage;
  source: string;
  root: SyntaxNode;
  /** The rewritten text the nodes' offsets refer to. */
  text: string;
  /**
   * Names the pattern writes out (`query`, `child_process`). Code that a
   * match could come from contains each of them, because even an import
   * alias keeps the original name in its import statement. A file without
   * one is skipped without walking its tree.
   */
  words: string[];
}

/** Metavariable name to the code it matched. */
export type Bindings = ReadonlyMap<string, { node: SyntaxNode; text: string }>;

export interface PatternMatch {
  node: SyntaxNode;
  bindings: Bindings;
}

/** Thrown for a pattern that does not parse in its language. */
export class PatternError extends Error {}

/** Rewrites `$X` and a free-standing `...` into names the grammars accept. */
export function rewritePattern(source: string): string {
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
      return statement && !listItem ? `${ELLIPSIS_NAME};` : ELLIPSIS_NAME;
    });
}

/** Parses `source` as a pattern of `language`; the pattern is the single statement or expression it holds. */
export async function compilePattern(source: string, language: SastLanguage): Promise<CompiledPattern> {
  let text = rewritePattern(source);
  const parser = await parserFor(language);
  let tree = parseWithLimit(parser, text, 1_000);
  if (tree !== undefined && tree.rootNode.hasError && language !== 'python' && text.trim().startsWith('{')) {
    // At the start of a statement `{` opens a block; in parentheses it is the object the pattern means.
    tree.delete();
    text = `(${text})`;
    tree = parseWithLimit(parser, text, 1_000);
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

/** Lists the identifier-like leaves of a pattern, without metavariables and ellipses. */
function wordsOf(root: SyntaxNode, text: string): string[] {
  const words = new Set<string>();
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as SyntaxNode;
    if (node.children.length === 0 && /identifier$/.test(node.type)) {
      const word = text.slice(node.start, node.end);
      if (word.length >= 3 && !word.startsWith(METAVARIABLE_PREFIX) && word !== ELLIPSIS_NAME) words.add(word);
    }
    for (const child of node.children) stack.push(child);
  }
  return [...words];
}

function nodeText(node: SyntaxNode, text: string): string {
  return text.slice(node.start, node.end);
}

function metavariableOf(node: SyntaxNode, text: string): string | undefined {
  if (node.children.length > 0 || !/identifier$/.test(node.type)) return undefined;
  const name = nodeText(node, text);
  return name.startsWith(METAVARIABLE_PREFIX) ? `$${name.slice(METAVARIABLE_PREFIX.length)}` : undefined;
}

function isEllipsis(node: SyntaxNode, text: string): boolean {
  if (node.type === 'ellipsis') return true;
  if (node.children.length === 0) return nodeText(node, text) === ELLIPSIS_NAME;
  // `...;` as a statement, `...` as a spread or argument wrapper.
  return node.children.length === 1 && ['expression_statement', 'spread_element'].includes(node.type) && isEllipsis(node.children[0] as SyntaxNode, text);
}

/** Tells whether a string pattern's content is only `...`, which matches every constant string. */
function isAnyString(node: SyntaxNode, text: string): boolean {
  return /string$/.test(node.type) && nodeText(node, text).slice(1, -1) === ELLIPSIS_NAME;
}

/** Tells whether a node is a constant string: a template string without `${}` substitutions, a Python string without f-string fields. */
function isConstantString(node: SyntaxNode): boolean {
  if (!/string$/.test(node.type)) return false;
  return !node.children.some((child) => child.type === 'template_substitution' || child.type === 'interpolation');
}

/** Normalises code for comparing two bindings of one metavariable: white space does not count. */
function canonical(code: string): string {
  return code.replace(/\s+/g, '');
}

/** Bounds the backtracking of ellipses, so a pattern with many of them cannot take exponential time. */
interface Budget {
  steps: number;
}

const NO_ALIASES: Aliases = new Map();

class Matcher {
  /** The pattern's dotted names (`child_process.exec`), worked out once per pattern node. */
  private readonly patternPaths = new Map<SyntaxNode, string | undefined>();

  constructor(
    private readonly pattern: CompiledPattern,
    private readonly code: string,
    private readonly budget: Budget,
    private readonly aliases: Aliases = NO_ALIASES,
  ) {}

  private patternPath(p: SyntaxNode): string | undefined {
    if (!this.patternPaths.has(p)) {
      const path = canonicalPath(p, this.pattern.text, NO_ALIASES);
      this.patternPaths.set(p, path !== undefined && !path.includes(METAVARIABLE_PREFIX) && !path.includes(ELLIPSIS_NAME) ? path : undefined);
    }
    return this.patternPaths.get(p);
  }

  node(p: SyntaxNode, c: SyntaxNode, bindings: Bindings): Bindings | undefined {
    if (--this.budget.steps < 0) return undefined;
    const patternText = this.pattern.text;
    const metavariable = metavariableOf(p, patternText);
    if (metavariable !== undefined) {
      const text = nodeText(c, this.code);
      const bound = bindings.get(metavariable);
      if (bound !== undefined) return canonical(bound.text) === canonical(text) ? bindings : undefined;
      const next = new Map(bindings);
      next.set(metavariable, { node: c, text });
      return next;
    }
    if (isEllipsis(p, patternText)) return bindings;
    if (isAnyString(p, patternText)) return isConstantString(c) ? bindings : undefined;
    const path = this.patternPath(p);
    if (path !== undefined) {
      // A module member named by the pattern matches the code's own name for it, however imported.
      const resolved = canonicalPath(c, this.code, this.aliases);
      if (resolved !== undefined) return resolved === path || canonicalPath(c, this.code, NO_ALIASES) === path ? bindings : undefined;
    }
    if (p.type !== c.type) return undefined;
    if (p.children.length === 0) {
      if (c.children.length !== 0) return undefined;
      return nodeText(p, patternText) === nodeText(c, this.code) ? bindings : undefined;
    }
    return this.sequence(p.children, 0, c.children, 0, bindings);
  }

  /**
   * Matches pattern statements from `pi` against code statements from `ci`
   * and returns where the match ends. Unlike `sequence`, it lets code
   * statements follow the last pattern statement.
   */
  prefix(ps: SyntaxNode[], pi: number, cs: SyntaxNode[], ci: number, bindings: Bindings): { bindings: Bindings; end: number } | undefined {
    if (pi === ps.length) return { bindings, end: ci };
    const p = ps[pi] as SyntaxNode;
    if (isEllipsis(p, this.pattern.text)) {
      // A trailing ellipsis takes the rest of the block, as in Semgrep.
      if (pi === ps.length - 1) return { bindings, end: cs.length };
      for (let skip = ci; skip <= cs.length; skip++) {
        const found = this.prefix(ps, pi + 1, cs, skip, bindings);
        if (found !== undefined) return found;
        if (this.budget.steps < 0) return undefined;
      }
      return undefined;
    }
    if (ci === cs.length) return undefined;
    const matched = this.node(p, cs[ci] as SyntaxNode, bindings);
    return matched === undefined ? undefined : this.prefix(ps, pi + 1, cs, ci + 1, matched);
  }

  /** Matches pattern children from `pi` against code children from `ci`; an ellipsis takes any run of them. */
  sequence(ps: SyntaxNode[], pi: number, cs: SyntaxNode[], ci: number, bindings: Bindings): Bindings | undefined {
    if (pi === ps.length) return ci === cs.length ? bindings : undefined;
    const p = ps[pi] as SyntaxNode;
    if (isEllipsis(p, this.pattern.text)) {
      for (let skip = ci; skip <= cs.length; skip++) {
        const found = this.sequence(ps, pi + 1, cs, skip, bindings);
        if (found !== undefined) return found;
        if (this.budget.steps < 0) return undefined;
      }
      return undefined;
    }
    if (ci === cs.length) return undefined;
    const matched = this.node(p, cs[ci] as SyntaxNode, bindings);
    return matched === undefined ? undefined : this.sequence(ps, pi + 1, cs, ci + 1, matched);
  }
}

/** The nodes of one file by type, in tree order (outermost first), built once and shared by every pattern. */
export class NodeIndex {
  private readonly types = new Map<string, SyntaxNode[]>();

  constructor(root: SyntaxNode) {
    const stack: SyntaxNode[] = [root];
    while (stack.length > 0) {
      const node = stack.pop() as SyntaxNode;
      let list = this.types.get(node.type);
      if (list === undefined) {
        list = [];
        this.types.set(node.type, list);
      }
      list.push(node);
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as SyntaxNode);
    }
  }

  ofType(type: string): readonly SyntaxNode[] {
    return this.types.get(type) ?? [];
  }
}

/** Steps one pattern may take on one file; past it, the rest of the file gives no matches for that pattern. */
const STEPS_PER_FILE = 2_000_000;

/** Finds every node of `root` (the tree of `code`) that `pattern` matches, outermost first. */
export function findMatches(pattern: CompiledPattern, root: SyntaxNode, code: string, aliases: Aliases = NO_ALIASES, index?: NodeIndex): PatternMatch[] {
  if (!pattern.words.every((word) => code.includes(word))) return [];
  const budget: Budget = { steps: STEPS_PER_FILE };
  const matcher = new Matcher(pattern, code, budget, aliases);
  const sequence = pattern.root.type === 'program' || pattern.root.type === 'module';
  // A dotted-name pattern may match an identifier or a member access, so it cannot filter by node type.
  const rootPath = canonicalPath(pattern.root, pattern.text, NO_ALIASES);
  const dotted = rootPath !== undefined && !rootPath.includes(METAVARIABLE_PREFIX);
  const wantsType = sequence || dotted || metavariableOf(pattern.root, pattern.text) !== undefined ? undefined : pattern.root.type;
  if ((wantsType !== undefined || (dotted && !sequence)) && index !== undefined) {
    // Only the nodes of the pattern's type can match: the file's index lists them in tree order. A
    // dotted name (`request.args`) can only be a name or a member access, however it was imported.
    const candidates =
      wantsType !== undefined && !dotted
        ? index.ofType(wantsType)
        : [...index.ofType('identifier'), ...index.ofType('member_expression'), ...index.ofType('attribute')].sort((a, b) => a.start - b.start || b.end - a.end);
    const found: PatternMatch[] = [];
    for (const node of candidates) {
      if (budget.steps <= 0) break;
      const bindings = matcher.node(pattern.root, node, new Map());
      if (bindings !== undefined) found.push({ node, bindings });
    }
    return found;
  }
  const found: PatternMatch[] = [];
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0 && budget.steps > 0) {
    const node = stack.pop() as SyntaxNode;
    if (sequence) {
      findSequences(matcher, pattern, node, found);
    } else if (wantsType === undefined || node.type === wantsType) {
      const bindings = matcher.node(pattern.root, node, new Map());
      if (bindings !== undefined) found.push({ node, bindings });
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as SyntaxNode);
  }
  return found;
}

/** Finds a multi-statement pattern among the children of `block`; a match spans its first to its last statement. */
function findSequences(matcher: Matcher, pattern: CompiledPattern, block: SyntaxNode, found: PatternMatch[]): void {
  const statements = pattern.root.children;
  for (let start = 0; start < block.children.length; start++) {
    const match = matcher.prefix(statements, 0, block.children, start, new Map());
    if (match === undefined || match.end <= start) continue;
    const first = block.children[start] as SyntaxNode;
    const last = block.children[match.end - 1] as SyntaxNode;
    const span: SyntaxNode = { ...first, type: 'statements', text: '', children: block.children.slice(start, match.end), end: last.end, endRow: last.endRow, endColumn: last.endColumn };
    found.push({ node: span, bindings: match.bindings });
  }
}
