/**
 * The pattern operators of a sast rule, in the Semgrep syntax that
 * existing rules use: `pattern`, `pattern-either`, `patterns` (all of),
 * `pattern-not`, `pattern-inside`, `pattern-not-inside`,
 * `metavariable-regex`, `metavariable-pattern` and `focus-metavariable`.
 * A formula evaluates to the matches of a file: a node of code and the
 * metavariables bound to reach it.
 */
import type { Aliases } from '../aliases.js';
import type { SastLanguage } from '../languages.js';
import { compilePattern, findMatches, type Bindings, type CompiledPattern, type NodeIndex, type PatternMatch } from '../pattern/match.js';
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

  get(source: string, language: SastLanguage): Promise<CompiledPattern> {
    const key = `${language}\0${source}`;
    let pattern = this.compiled.get(key);
    if (pattern === undefined) {
      pattern = compilePattern(source, language);
      this.compiled.set(key, pattern);
    }
    return pattern;
  }
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
  const merged = new Map(a);
  for (const [name, value] of b) {
    const existing = merged.get(name);
    if (existing === undefined) merged.set(name, value);
    else if (existing.text.replace(/\s+/g, '') !== value.text.replace(/\s+/g, '')) return undefined;
  }
  return merged;
}

/** Every match of `formula` in the file. */
export async function evaluateFormula(formula: Formula, file: FileInput, cache: PatternCache): Promise<PatternMatch[]> {
  switch (formula.kind) {
    case 'pattern':
      return findMatches(await cache.get(formula.source, file.language), file.root, file.text, file.aliases, file.index);
    case 'either': {
      const all: PatternMatch[] = [];
      for (const part of formula.formulas) for (const match of await evaluateFormula(part, file, cache)) all.push(match);
      return unique(all);
    }
    case 'all':
      return evaluateAll(formula.terms, file, cache);
  }
}

function unique(matches: PatternMatch[]): PatternMatch[] {
  const seen = new Set<string>();
  return matches.filter((match) => {
    const key = `${match.node.start}:${match.node.end}:${[...match.bindings].map(([name, value]) => `${name}=${value.text}`).join(',')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function evaluateAll(terms: Term[], file: FileInput, cache: PatternCache): Promise<PatternMatch[]> {
  const positives = terms.filter((term): term is Extract<Term, { kind: 'positive' }> => term.kind === 'positive');
  const insides = terms.filter((term): term is Extract<Term, { kind: 'inside' }> => term.kind === 'inside');
  // With no positive term, the innermost context is what is reported.
  const starters = positives.length > 0 ? positives.map((term) => term.formula) : insides.map((term) => term.formula);
  if (starters.length === 0) return [];
  let current = await evaluateFormula(starters[0] as Formula, file, cache);
  for (const formula of starters.slice(1)) {
    const others = await evaluateFormula(formula, file, cache);
    current = current.flatMap((match) =>
      others.filter((other) => sameRange(other.node, match.node)).flatMap((other) => {
        const bindings = merge(match.bindings, other.bindings);
        return bindings === undefined ? [] : [{ node: match.node, bindings }];
      }),
    );
  }
  for (const term of terms) {
    if (current.length === 0) break;
    current = await applyTerm(term, current, file, cache, positives.length > 0);
  }
  return unique(current);
}

async function applyTerm(term: Term, current: PatternMatch[], file: FileInput, cache: PatternCache, hasPositives: boolean): Promise<PatternMatch[]> {
  switch (term.kind) {
    case 'positive':
      return current;
    case 'inside': {
      if (!hasPositives) return current;
      const contexts = await evaluateFormula(term.formula, file, cache);
      return current.flatMap((match) => {
        for (const context of contexts) {
          if (!contains(context.node, match.node)) continue;
          const bindings = merge(match.bindings, context.bindings);
          if (bindings !== undefined) return [{ node: match.node, bindings }];
        }
        return [];
      });
    }
    case 'not': {
      const excluded = await evaluateFormula(term.formula, file, cache);
      return current.filter((match) => !excluded.some((other) => sameRange(other.node, match.node) && merge(match.bindings, other.bindings) !== undefined));
    }
    case 'not-inside': {
      const excluded = await evaluateFormula(term.formula, file, cache);
      return current.filter((match) => !excluded.some((other) => contains(other.node, match.node) && merge(match.bindings, other.bindings) !== undefined));
    }
    case 'metavariable-regex':
      return current.filter((match) => {
        const bound = match.bindings.get(term.metavariable);
        return bound !== undefined && term.regex.test(bound.text.slice(0, 4_096));
      });
    case 'metavariable-pattern': {
      const inner = await evaluateFormula(term.formula, file, cache);
      return current.filter((match) => {
        const bound = match.bindings.get(term.metavariable);
        return bound !== undefined && inner.some((other) => contains(bound.node, other.node));
      });
    }
    case 'focus':
      return current.flatMap((match) => {
        const bound = match.bindings.get(term.metavariable);
        return bound === undefined ? [] : [{ node: bound.node, bindings: match.bindings }];
      });
  }
}
