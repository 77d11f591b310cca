/**
 * The pattern operators of a sast rule, in the Semgrep syntax that
 * existing rules use: `pattern`, `pattern-either`, `patterns` (all of),
 * `pattern-not`, `pattern-inside`, `pattern-not-inside`,
 * `metavariable-regex`, `metavariable-pattern` and `focus-metavariable`.
 * A formula evaluates to the matches of a file: a node of code and the
 * metavariables bound to reach it. In `patterns`, the positive patterns
 * and `pattern-inside` items are intersected first, wherever they are
 * written. The other items then filter or focus the matches in the order
 * written.
 */
import type { Aliases } from '../aliases.js';
import type { SastLanguage } from '../languages.js';
import { bindingsKey, compilePattern, findMatches, type Bindings, type CompiledPattern, type NodeIndex, type PatternMatch } from '../pattern/match.js';
import type { SyntaxNode } from '../pattern/syntax-tree.js';

export type Formula =
  | { kind: 'pattern'; source: string }
  | { kind: 'either'; formulas: Formula[] }
  | { kind: 'all'; terms: Term[] };

export type Term =
  | { kind: 'positive'; formula: Formula }
  | { kind: 'not'; formula: Formula }
  | { kind: 'inside'; formula: Formula }
  | { kind: 'not-inside'; formula: Formula }
  | { kind: 'metavariable-regex'; metavariable: string; regex: RegExp }
  | { kind: 'metavariable-pattern'; metavariable: string; formula: Formula }
  | { kind: 'focus'; metavariable: string };

/** Compiled patterns by language and source, shared by every file of a scan. */
export class PatternCache {
  private readonly compiled = new Map<string, Promise<CompiledPattern>>();
  /** Each pattern formula's compiled pattern per language, for lookups without building a key string. */
  private readonly ready = new Map<Formula, Map<SastLanguage, CompiledPattern>>();
  /** Formulas whose patterns are all in `ready`, per language. */
  private readonly prepared = new Map<Formula, Set<SastLanguage>>();

  get(source: string, language: SastLanguage): Promise<CompiledPattern> {
    const key = `${language}\0${source}`;
    let pattern = this.compiled.get(key);
    if (pattern === undefined) {
      pattern = compilePattern(source, language);
      this.compiled.set(key, pattern);
    }
    return pattern;
  }

  /** Returns every pattern compiled so far, keyed as `get` keys them, for another thread's `seed`. */
  async compiledEntries(): Promise<Array<[string, CompiledPattern]>> {
    const entries: Array<[string, CompiledPattern]> = [];
    for (const [key, pattern] of this.compiled) entries.push([key, await pattern]);
    return entries;
  }

  /** Adds patterns another thread compiled (plain data, copied when posted), so this thread skips compiling them. */
  seed(entries: ReadonlyArray<[string, CompiledPattern]>): void {
    for (const [key, pattern] of entries) if (!this.compiled.has(key)) this.compiled.set(key, Promise.resolve(pattern));
  }

  /** Compiles every pattern of `formula` for `language`, once. */
  async prepare(formula: Formula, language: SastLanguage): Promise<void> {
    const languages = this.prepared.get(formula);
    if (languages?.has(language) === true) return;
    for (const pattern of patternFormulas(formula, [])) {
      let byLanguage = this.ready.get(pattern);
      if (byLanguage === undefined) {
        byLanguage = new Map();
        this.ready.set(pattern, byLanguage);
      }
      if (!byLanguage.has(language)) byLanguage.set(language, await this.get(pattern.source, language));
    }
    if (languages === undefined) this.prepared.set(formula, new Set([language]));
    else languages.add(language);
  }

  /** Returns the compiled pattern of a formula that `prepare` has seen. */
  compiledFor(formula: Extract<Formula, { kind: 'pattern' }>, language: SastLanguage): CompiledPattern {
    const compiled = this.ready.get(formula)?.get(language);
    if (compiled === undefined) throw new Error(`pattern "${formula.source}" was not prepared for ${language}`);
    return compiled;
  }
}

function patternFormulas(formula: Formula, into: Array<Extract<Formula, { kind: 'pattern' }>>): Array<Extract<Formula, { kind: 'pattern' }>> {
  if (formula.kind === 'pattern') into.push(formula);
  else if (formula.kind === 'either') for (const part of formula.formulas) patternFormulas(part, into);
  else for (const term of formula.terms) if ('formula' in term) patternFormulas(term.formula, into);
  return into;
}

export interface FileInput {
  language: SastLanguage;
  root: SyntaxNode;
  text: string;
  /** The file's import aliases, so patterns match imported names however they were renamed. */
  aliases?: Aliases;
  /** The file's nodes by type, so a pattern visits only nodes that can match it. */
  index?: NodeIndex;
}

function contains(outer: SyntaxNode, inner: SyntaxNode): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function sameRange(a: SyntaxNode, b: SyntaxNode): boolean {
  return a.start === b.start && a.end === b.end;
}

/** Both binding sets together, or undefined when a metavariable is bound to different code in each. */
function merge(a: Bindings, b: Bindings): Bindings | undefined {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  let merged: Map<string, { node: SyntaxNode; text: string }> | undefined;
  for (const [name, value] of b) {
    const existing = a.get(name);
    if (existing === undefined) {
      merged ??= new Map(a);
      merged.set(name, value);
    } else if (existing.text.replace(/\s+/g, '') !== value.text.replace(/\s+/g, '')) {
      return undefined;
    }
  }
  return merged ?? a;
}

/**
 * Finds every match of `formula` in the file, one per range of code. When a
 * range matched with several bindings, the first one found is kept.
 */
export async function evaluateFormula(formula: Formula, file: FileInput, cache: PatternCache): Promise<PatternMatch[]> {
  await cache.prepare(formula, file.language);
  const seen = new Set<string>();
  return evaluate(formula, file, cache).filter((match) => {
    const key = `${match.node.start}:${match.node.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).map((match) => (match.inside === true ? { node: match.node, bindings: match.bindings } : match));
}

/** Longest prefix of a metavariable's code that `metavariable-regex` reads. */
const MAX_REGEX_INPUT = 4_096;

/** A `metavariable-regex` of an enclosing `patterns`. */
type RegexFilter = Extract<Term, { kind: 'metavariable-regex' }>;

function passes(match: PatternMatch, filter: RegexFilter): boolean {
  const bound = match.bindings.get(filter.metavariable);
  return bound === undefined || filter.regex.test(bound.text.slice(0, MAX_REGEX_INPUT));
}

/**
 * Finds every match of `formula`, with each distinct binding of a range as a
 * match of its own. `filters` are the `metavariable-regex` items of the
 * enclosing `patterns` that this formula is a positive part of. A match
 * whose binding fails one of them can only produce failing matches up
 * there, because merged bindings must agree, so it is dropped here, before
 * the costly intersections.
 */
function evaluate(formula: Formula, file: FileInput, cache: PatternCache, filters: readonly RegexFilter[] = []): PatternMatch[] {
  switch (formula.kind) {
    case 'pattern': {
      const found = findMatches(cache.compiledFor(formula, file.language), file.root, file.text, file.aliases, file.index);
      return filters.length === 0 ? found : found.filter((match) => filters.every((filter) => passes(match, filter)));
    }
    case 'either': {
      const all: PatternMatch[] = [];
      for (const part of formula.formulas) for (const match of evaluate(part, file, cache, filters)) all.push(match);
      return unique(all);
    }
    case 'all':
      return evaluateAll(formula.terms, file, cache, filters);
  }
}

function unique(matches: PatternMatch[]): PatternMatch[] {
  const seen = new Set<string>();
  return matches.filter((match) => {
    const key = `${match.node.start}:${match.node.end}:${match.inside === true ? 'in' : ''}:${bindingsKey(match.bindings)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Intersects two lists of matches. Two plain matches meet when they cover
 * the same code; a context (a `pattern-inside` match) meets every match
 * within it. The bindings of both must agree. Where both bind a
 * metavariable, the inner match's node is kept, so focusing on it reports
 * the code that matched rather than the context's copy of it.
 */
function intersect(left: PatternMatch[], right: PatternMatch[]): PatternMatch[] {
  const result: PatternMatch[] = [];
  const plainRight = new Map<string, PatternMatch[]>();
  const contexts: PatternMatch[] = [];
  for (const match of right) {
    if (match.inside === true) {
      contexts.push(match);
      continue;
    }
    const key = `${match.node.start}:${match.node.end}`;
    const list = plainRight.get(key);
    if (list === undefined) plainRight.set(key, [match]);
    else list.push(match);
  }
  const add = (node: SyntaxNode, a: Bindings, b: Bindings, inside: boolean): void => {
    const bindings = merge(a, b);
    if (bindings !== undefined) result.push(inside ? { node, bindings, inside } : { node, bindings });
  };
  for (const match of left) {
    if (match.inside === true) {
      // A context meets the plain matches within it, and the inner of two nested contexts.
      for (const other of right) {
        if (!contains(match.node, other.node)) {
          if (other.inside === true && contains(other.node, match.node)) add(match.node, match.bindings, other.bindings, true);
          continue;
        }
        add(other.node, other.bindings, match.bindings, other.inside === true);
      }
      continue;
    }
    for (const other of plainRight.get(`${match.node.start}:${match.node.end}`) ?? []) add(match.node, match.bindings, other.bindings, false);
    for (const context of contexts) if (contains(context.node, match.node)) add(match.node, match.bindings, context.bindings, false);
  }
  return unique(result);
}

function evaluateAll(terms: Term[], file: FileInput, cache: PatternCache, inherited: readonly RegexFilter[]): PatternMatch[] {
  const filters = [...inherited, ...terms.filter((term): term is RegexFilter => term.kind === 'metavariable-regex')];
  let current: PatternMatch[] | undefined;
  for (const term of terms) {
    if (term.kind !== 'positive' && term.kind !== 'inside') continue;
    let matches = evaluate(term.formula, file, cache, filters);
    if (term.kind === 'inside') matches = matches.map((match) => ({ node: match.node, bindings: match.bindings, inside: true }));
    current = current === undefined ? matches : intersect(current, matches);
    if (current.length === 0) return [];
  }
  if (current === undefined) return [];
  // NOTE: the other terms apply in the order written, so a pattern-not after focus-metavariable
  // judges the focused code. The built-in rules rely on this; Semgrep applies focus last.
  for (const term of terms) {
    if (current.length === 0) return [];
    current = applyTerm(term, current, file, cache);
  }
  return unique(current);
}

function applyTerm(term: Term, current: PatternMatch[], file: FileInput, cache: PatternCache): PatternMatch[] {
  switch (term.kind) {
    case 'positive':
    case 'inside':
      return current;
    case 'not': {
      const excluded = evaluate(term.formula, file, cache);
      return current.filter(
        (match) =>
          !excluded.some(
            (other) => (other.inside === true ? contains(other.node, match.node) : sameRange(other.node, match.node)) && merge(match.bindings, other.bindings) !== undefined,
          ),
      );
    }
    case 'not-inside': {
      const excluded = evaluate(term.formula, file, cache);
      return current.filter((match) => !excluded.some((other) => contains(other.node, match.node) && merge(match.bindings, other.bindings) !== undefined));
    }
    case 'metavariable-regex':
      return current.filter((match) => {
        const bound = match.bindings.get(term.metavariable);
        return bound !== undefined && term.regex.test(bound.text.slice(0, MAX_REGEX_INPUT));
      });
    case 'metavariable-pattern': {
      // The inner formula must match within the code the metavariable is bound to, with bindings that agree.
      const inner = evaluate(term.formula, file, cache);
      return current.flatMap((match) => {
        const bound = match.bindings.get(term.metavariable);
        if (bound === undefined) return [];
        const kept: PatternMatch[] = [];
        for (const other of inner) {
          if (!contains(bound.node, other.node)) continue;
          const bindings = merge(match.bindings, other.bindings);
          if (bindings !== undefined) kept.push({ ...match, bindings });
        }
        return kept;
      });
    }
    case 'focus':
      return current.flatMap((match) => {
        const bound = match.bindings.get(term.metavariable);
        return bound === undefined ? [] : [{ node: bound.node, bindings: match.bindings }];
      });
  }
}
