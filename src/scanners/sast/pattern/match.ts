/**
 * Matches compiled patterns (compile.ts) against the tree of a file. A
 * pattern can match one node in several ways: `f(..., $X, ...)` binds `$X`
 * to each argument in turn. The matcher enumerates every distinct binding,
 * as Semgrep does, so that later conditions of a rule (`pattern-not`,
 * `metavariable-regex`) can pick the binding that satisfies them.
 */
import { canonicalPath, type Aliases } from '../aliases.js';
import {
  ELLIPSIS_NAME,
  METAVARIABLE_PREFIX,
  WORD,
  isAnyString,
  isEllipsis,
  metavariableOf,
  nodeText,
  type CompiledPattern,
} from './compile.js';
import type { SyntaxNode } from './syntax-tree.js';

export { compilePattern, PatternError, rewritePattern, type CompiledPattern } from './compile.js';

/** Metavariable name to the code it matched. */
export type Bindings = ReadonlyMap<string, { node: SyntaxNode; text: string }>;

export interface PatternMatch {
  node: SyntaxNode;
  bindings: Bindings;
  /**
   * Set on the matches of a `pattern-inside` used in place of a positive
   * pattern (an item of `pattern-either`). They are contexts, which other
   * matches must lie within, not matches of their own.
   */
  inside?: boolean;
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

/** Builds a key that is equal for two binding sets that bind the same metavariables to the same nodes. */
export function bindingsKey(bindings: Bindings): string {
  let key = '';
  for (const [name, value] of bindings) key += `${name}=${value.node.start}:${value.node.end},`;
  return key;
}

/** Bounds the backtracking of ellipses, so a pattern with many of them cannot take exponential time. */
interface Budget {
  steps: number;
}

/** Receives one way the pattern matched; returning true stops the search. */
type Continuation = (bindings: Bindings) => boolean;

const NO_ALIASES: Aliases = new Map();

/** Entries of a container node that match in any order. */
interface UnorderedEntries {
  /** Returns true for the entries that are unordered; the others keep their order. */
  isEntry: (node: SyntaxNode) => boolean;
  /** Whether code may have entries the pattern does not list even without an ellipsis, as JSX attributes may in Semgrep. */
  extraAllowed: boolean;
}

/** Container node types whose entries match in any order: object and dictionary fields, Python keyword arguments, JSX attributes. */
const UNORDERED: Record<string, UnorderedEntries> = {
  object: { isEntry: () => true, extraAllowed: false },
  object_pattern: { isEntry: () => true, extraAllowed: false },
  dictionary: { isEntry: () => true, extraAllowed: false },
  argument_list: { isEntry: (node) => node.type === 'keyword_argument', extraAllowed: false },
  jsx_self_closing_element: { isEntry: isJsxAttribute, extraAllowed: true },
  jsx_opening_element: { isEntry: isJsxAttribute, extraAllowed: true },
};

function isJsxAttribute(node: SyntaxNode): boolean {
  // `{...props}` among the attributes is a jsx_expression in the attribute field.
  return node.type === 'jsx_attribute' || node.field === 'attribute';
}

/** Facts about one file that matching reuses across patterns: its words and the dotted names its nodes resolve to. */
interface FileFacts {
  words: Set<string>;
  paths: Map<Aliases, Map<SyntaxNode, string | null>>;
  /** Names and member accesses in tree order, the only nodes a dotted-name pattern can match. */
  pathNodes?: SyntaxNode[];
}

const fileFacts = new WeakMap<SyntaxNode, FileFacts>();

function factsOf(root: SyntaxNode, code: string): FileFacts {
  let facts = fileFacts.get(root);
  if (facts === undefined) {
    facts = { words: new Set(code.match(WORD)), paths: new Map() };
    fileFacts.set(root, facts);
  }
  return facts;
}

/** Metavariables each pattern node contains, worked out once per node. */
const patternMetavariables = new WeakMap<SyntaxNode, readonly string[]>();

function metavariablesIn(p: SyntaxNode, text: string): readonly string[] {
  let names = patternMetavariables.get(p);
  if (names === undefined) {
    const own = metavariableOf(p, text);
    names = own !== undefined ? [own] : [...new Set(p.children.flatMap((child) => metavariablesIn(child, text)))];
    patternMetavariables.set(p, names);
  }
  return names;
}

/** Facts about a pattern node, worked out once: the checks `Matcher.node` would otherwise repeat for every code node. */
interface PatternNodeInfo {
  metavariable: string | undefined;
  ellipsis: boolean;
  anyString: boolean;
  /** The dotted name the node spells (`child_process.exec`), without metavariables. */
  path: string | undefined;
  /** The text of a leaf. */
  text: string;
}

const patternNodeInfo = new WeakMap<SyntaxNode, PatternNodeInfo>();

function infoOf(p: SyntaxNode, text: string): PatternNodeInfo {
  let info = patternNodeInfo.get(p);
  if (info === undefined) {
    const path = canonicalPath(p, text, NO_ALIASES);
    info = {
      metavariable: metavariableOf(p, text),
      ellipsis: isEllipsis(p, text),
      anyString: isAnyString(p, text),
      path: path !== undefined && !path.includes(METAVARIABLE_PREFIX) && !path.includes(ELLIPSIS_NAME) ? path : undefined,
      text: p.children.length === 0 ? nodeText(p, text) : '',
    };
    patternNodeInfo.set(p, info);
  }
  return info;
}

class Matcher {
  private readonly codePaths: Map<SyntaxNode, string | null>;
  private readonly rawPaths: Map<SyntaxNode, string | null>;

  constructor(
    private readonly pattern: CompiledPattern,
    private readonly code: string,
    private readonly budget: Budget,
    facts: FileFacts,
    private readonly aliases: Aliases = NO_ALIASES,
  ) {
    this.codePaths = pathCache(facts, aliases);
    this.rawPaths = pathCache(facts, NO_ALIASES);
  }

  private codePath(c: SyntaxNode, aliases: Aliases, cache: Map<SyntaxNode, string | null>): string | undefined {
    let path = cache.get(c);
    if (path === undefined) {
      path = canonicalPath(c, this.code, aliases) ?? null;
      cache.set(c, path);
    }
    return path ?? undefined;
  }

  /** Matches pattern node `p` against code node `c`, calling `k` once for each way it matches. */
  node(p: SyntaxNode, c: SyntaxNode, bindings: Bindings, k: Continuation): boolean {
    if (--this.budget.steps < 0) return true;
    const info = infoOf(p, this.pattern.text);
    if (info.metavariable !== undefined) {
      const text = c.children.length === 0 ? c.text : nodeText(c, this.code);
      const bound = bindings.get(info.metavariable);
      if (bound !== undefined) return bound.text === text || canonical(bound.text) === canonical(text) ? k(bindings) : false;
      const next = new Map(bindings);
      next.set(info.metavariable, { node: c, text });
      return k(next);
    }
    if (info.ellipsis) return k(bindings);
    if (info.anyString) return isConstantString(c) ? k(bindings) : false;
    if (info.path !== undefined) {
      // A module member named by the pattern matches the code's own name for it, however imported.
      const resolved = this.codePath(c, this.aliases, this.codePaths);
      if (resolved !== undefined) return resolved === info.path || this.codePath(c, NO_ALIASES, this.rawPaths) === info.path ? k(bindings) : false;
    }
    if (p.type !== c.type) return false;
    if (p.children.length === 0) {
      if (c.children.length !== 0) return false;
      return info.text === c.text ? k(bindings) : false;
    }
    const unordered = UNORDERED[p.type];
    if (unordered !== undefined) return this.mixed(p.children, c.children, unordered.isEntry, unordered.extraAllowed, bindings, k);
    return this.sequence(p.children, 0, c.children, 0, bindings, k);
  }

  /** Tells whether the pattern nodes from `from` on bind a metavariable that `bindings` lacks. */
  private bindsNew(ps: SyntaxNode[], from: number, bindings: Bindings): boolean {
    if (from >= ps.length) return false;
    for (let i = from; i < ps.length; i++) {
      for (const name of metavariablesIn(ps[i] as SyntaxNode, this.pattern.text)) if (!bindings.has(name)) return true;
    }
    return false;
  }

  /**
   * Tries each run of code items an ellipsis at `ps[pi]` can take. When the
   * rest of the pattern binds nothing new, every run gives the same
   * bindings, so the first that works is enough.
   */
  private skipAny(ps: SyntaxNode[], pi: number, from: number, to: number, bindings: Bindings, tryAt: (skip: number, k: Continuation) => boolean, k: Continuation): boolean {
    const settled = !this.bindsNew(ps, pi + 1, bindings);
    for (let skip = from; skip <= to; skip++) {
      let matched = false;
      const stop = tryAt(skip, settled ? (found) => ((matched = true), k(found)) : k);
      if (stop || this.budget.steps < 0) return true;
      if (matched) return false;
    }
    return false;
  }

  /**
   * Matches pattern statements from `pi` against code statements from `ci`
   * and passes on where the match ends. Unlike `sequence`, it lets code
   * statements follow the last pattern statement.
   */
  prefix(ps: SyntaxNode[], pi: number, cs: SyntaxNode[], ci: number, bindings: Bindings, k: (bindings: Bindings, end: number) => boolean): boolean {
    if (pi === ps.length) return k(bindings, ci);
    const p = ps[pi] as SyntaxNode;
    if (infoOf(p, this.pattern.text).ellipsis) {
      // A trailing ellipsis takes the rest of the block, as in Semgrep.
      if (pi === ps.length - 1) return k(bindings, cs.length);
      let end = 0;
      return this.skipAny(
        ps,
        pi,
        ci,
        cs.length,
        bindings,
        (skip, next) => this.prefix(ps, pi + 1, cs, skip, bindings, (found, at) => ((end = at), next(found))),
        (found) => k(found, end),
      );
    }
    if (ci === cs.length) return false;
    const c = cs[ci] as SyntaxNode;
    if (this.differs(p, c)) return false;
    return this.node(p, c, bindings, (matched) => this.prefix(ps, pi + 1, cs, ci + 1, matched, k));
  }

  /** Matches pattern children from `pi` against code children from `ci`; an ellipsis takes any run of them. */
  sequence(ps: SyntaxNode[], pi: number, cs: SyntaxNode[], ci: number, bindings: Bindings, k: Continuation): boolean {
    if (pi === ps.length) return ci === cs.length ? k(bindings) : false;
    const p = ps[pi] as SyntaxNode;
    if (infoOf(p, this.pattern.text).ellipsis) {
      if (pi === ps.length - 1) return k(bindings);
      return this.skipAny(ps, pi, ci, cs.length, bindings, (skip, next) => this.sequence(ps, pi + 1, cs, skip, bindings, next), k);
    }
    if (ci === cs.length) return false;
    const c = cs[ci] as SyntaxNode;
    if (this.differs(p, c)) return false;
    return this.node(p, c, bindings, (matched) => this.sequence(ps, pi + 1, cs, ci + 1, matched, k));
  }

  /** Tells, without allocating a continuation, whether plain pattern code `p` cannot match `c` because their types differ. */
  private differs(p: SyntaxNode, c: SyntaxNode): boolean {
    if (p.type === c.type) return false;
    const info = infoOf(p, this.pattern.text);
    return info.metavariable === undefined && !info.ellipsis && !info.anyString && info.path === undefined;
  }

  /**
   * Matches the entries `unordered` selects in any order, each pattern entry
   * against a different code entry, and the others in sequence. Code
   * entries no pattern entry took need an ellipsis in the pattern, unless
   * `extraAllowed`.
   */
  private mixed(ps: SyntaxNode[], cs: SyntaxNode[], unordered: (node: SyntaxNode) => boolean, extraAllowed: boolean, bindings: Bindings, k: Continuation): boolean {
    const text = this.pattern.text;
    const loose = ps.filter((p) => !isEllipsis(p, text) && unordered(p));
    if (loose.length === 0 && !cs.some(unordered)) return this.sequence(ps, 0, cs, 0, bindings, k);
    const ordered = ps.filter((p) => isEllipsis(p, text) || !unordered(p));
    const codeLoose = cs.filter(unordered);
    const codeOrdered = cs.filter((c) => !unordered(c));
    const open = extraAllowed || ps.some((p) => isEllipsis(p, text));
    if (loose.length > codeLoose.length || (!open && loose.length !== codeLoose.length)) return false;
    const used = new Array<boolean>(codeLoose.length).fill(false);
    const pick = (i: number, current: Bindings): boolean => {
      if (i === loose.length) return this.sequence(ordered, 0, codeOrdered, 0, current, k);
      for (let j = 0; j < codeLoose.length; j++) {
        if (used[j] === true) continue;
        used[j] = true;
        const stop = this.node(loose[i] as SyntaxNode, codeLoose[j] as SyntaxNode, current, (found) => pick(i + 1, found));
        used[j] = false;
        if (stop) return true;
      }
      return false;
    };
    return pick(0, bindings);
  }
}

function pathCache(facts: FileFacts, aliases: Aliases): Map<SyntaxNode, string | null> {
  let cache = facts.paths.get(aliases);
  if (cache === undefined) {
    cache = new Map();
    facts.paths.set(aliases, cache);
  }
  return cache;
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

/** Distinct bindings kept for one node; a pattern such as `f(..., $A, ..., $B, ...)` has quadratically many. */
const MAX_BINDINGS_PER_NODE = 256;

/** Collects every distinct way `pattern` matches `node` into `found`. */
function matchNode(matcher: Matcher, pattern: CompiledPattern, node: SyntaxNode, found: PatternMatch[]): void {
  let first: Bindings | undefined;
  let more: Map<string, Bindings> | undefined;
  matcher.node(pattern.root, node, new Map(), (bindings) => {
    if (first === undefined) {
      first = bindings;
      return false;
    }
    more ??= new Map([[bindingsKey(first), first]]);
    const key = bindingsKey(bindings);
    if (!more.has(key)) more.set(key, bindings);
    return more.size >= MAX_BINDINGS_PER_NODE;
  });
  if (more !== undefined) for (const bindings of more.values()) found.push({ node, bindings });
  else if (first !== undefined) found.push({ node, bindings: first });
}

/** Finds every node of `root` (the tree of `code`) that `pattern` matches, outermost first; a node matched with different bindings appears once per binding. */
export function findMatches(pattern: CompiledPattern, root: SyntaxNode, code: string, aliases: Aliases = NO_ALIASES, index?: NodeIndex): PatternMatch[] {
  const facts = factsOf(root, code);
  for (const word of pattern.words) if (!facts.words.has(word)) return [];
  const budget: Budget = { steps: STEPS_PER_FILE };
  const matcher = new Matcher(pattern, code, budget, facts, aliases);
  const sequence = pattern.root.type === 'program' || pattern.root.type === 'module';
  // A dotted-name pattern may match an identifier or a member access, so it cannot filter by node type.
  const rootPath = canonicalPath(pattern.root, pattern.text, NO_ALIASES);
  const dotted = rootPath !== undefined && !rootPath.includes(METAVARIABLE_PREFIX);
  const wantsType = sequence || dotted || metavariableOf(pattern.root, pattern.text) !== undefined ? undefined : pattern.root.type;
  const found: PatternMatch[] = [];
  if ((wantsType !== undefined || (dotted && !sequence)) && index !== undefined) {
    // Only the nodes of the pattern's type can match: the file's index lists them in tree order. A
    // dotted name (`request.args`) can only be a name or a member access, however it was imported.
    const candidates = wantsType !== undefined ? index.ofType(wantsType) : (facts.pathNodes ??= pathNodes(index));
    for (const node of candidates) {
      if (budget.steps <= 0) break;
      matchNode(matcher, pattern, node, found);
    }
    return found;
  }
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0 && budget.steps > 0) {
    const node = stack.pop() as SyntaxNode;
    if (sequence) {
      findSequences(matcher, pattern, node, found);
    } else if (wantsType === undefined || node.type === wantsType) {
      matchNode(matcher, pattern, node, found);
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as SyntaxNode);
  }
  return found;
}

function pathNodes(index: NodeIndex): SyntaxNode[] {
  return [...index.ofType('identifier'), ...index.ofType('member_expression'), ...index.ofType('attribute')].sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Finds a multi-statement pattern among the children of `block`; a match
 * spans its first to its last statement. For each start and each distinct
 * binding, the shortest run of statements is kept.
 */
function findSequences(matcher: Matcher, pattern: CompiledPattern, block: SyntaxNode, found: PatternMatch[]): void {
  const statements = pattern.root.children;
  const first = infoOf(statements[0] as SyntaxNode, pattern.text);
  // A first statement that is plain code only matches code of its own type.
  const firstType = first.metavariable === undefined && !first.ellipsis && first.path === undefined ? (statements[0] as SyntaxNode).type : undefined;
  for (let start = 0; start < block.children.length; start++) {
    if (firstType !== undefined && (block.children[start] as SyntaxNode).type !== firstType) continue;
    const shortest = new Map<string, { bindings: Bindings; end: number }>();
    matcher.prefix(statements, 0, block.children, start, new Map(), (bindings, end) => {
      if (end <= start) return false;
      const key = bindingsKey(bindings);
      const known = shortest.get(key);
      if (known === undefined || end < known.end) shortest.set(key, { bindings, end });
      return shortest.size >= MAX_BINDINGS_PER_NODE;
    });
    for (const { bindings, end } of shortest.values()) {
      const opening = block.children[start] as SyntaxNode;
      const last = block.children[end - 1] as SyntaxNode;
      const span: SyntaxNode = { ...opening, type: 'statements', text: '', children: block.children.slice(start, end), end: last.end };
      found.push({ node: span, bindings });
    }
  }
}
