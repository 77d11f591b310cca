/**
 * Taint tracking inside one file for one rule: values from sources
 * (request fields, environment, files) that reach a sink (a query, a
 * shell, a response) without passing a sanitizer. Taint flows through
 * assignments and declarations (destructuring included), string building,
 * template literals, member access and calls. It also flows through
 * methods that store an argument in their object (`list.push(x)`) and the
 * rule's propagators. Within the file it moves into the parameters of
 * functions called with tainted arguments and out of functions that
 * return tainted values. Each result keeps the path from the source to
 * the sink.
 *
 * Taint carries labels. `src` is a real source. The other labels stand for
 * values that only the rest of the project can decide: `p:F:I`, parameter
 * I of exported function F, and `c:K`, what the K-th call into another
 * project file returns. Where such a label reaches a sink, a return of an
 * exported function or an argument of a call into another file, the
 * result is a fact that the project-wide pass (project.ts) links up.
 */
import type { PatternMatch } from '../pattern/match.js';
import type { SyntaxNode } from '../pattern/syntax-tree.js';
import { parameterList, parameterName, scopeOf, type FileModel } from './file-model.js';

/** One step of a taint path: the code and what happened there. */
export interface TaintStep {
  node: SyntaxNode;
  kind: 'source' | 'assignment' | 'argument' | 'return' | 'sink' | 'parameter' | 'call';
  /** The variable or function the step concerns, when there is one. */
  name?: string;
}

/** Labels of a value, each with the path that gave it. */
export type Taint = Map<string, TaintStep[]>;

export const SOURCE_LABEL = 'src';

export interface TaintFlow {
  sink: PatternMatch;
  steps: TaintStep[];
}

/** A label that reaches a sink, an exported function's return, or an argument of a call into another file. */
export interface TaintFact {
  from: string;
  to: { kind: 'sink'; sink: number } | { kind: 'return'; exported: number } | { kind: 'argument'; call: number; index: number };
  steps: TaintStep[];
}

export interface TaintInput {
  model: FileModel;
  sources: PatternMatch[];
  sanitizers: PatternMatch[];
  /** Propagator matches: taint of `from` moves to the variable under `to`. */
  propagators: Array<{ from: SyntaxNode; to: SyntaxNode }>;
  /** Whether calls into other project files are opaque labels (`c:K`), for the project-wide pass. */
  crossFile: boolean;
  /** Whether the parameters of exported functions start with their labels (`p:F:I`). */
  seedParameters: boolean;
}

export interface TaintResult {
  /** Source-to-sink flows inside this file. */
  flows: TaintFlow[];
  facts: TaintFact[];
}

/** Passes over the file's assignments and calls; taint settles in a few. */
const MAX_PASSES = 6;

/** Maximum steps of a taint path; longer chains keep their first and last steps. */
export const MAX_STEPS = 12;

/** Maximum labels one value carries; more would only slow the file down. */
const MAX_LABELS = 16;

function within(outer: SyntaxNode, inner: SyntaxNode): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function trimSteps<T>(steps: T[], max = MAX_STEPS): T[] {
  if (steps.length <= max) return steps;
  return [...steps.slice(0, 2), ...steps.slice(steps.length - (max - 2))];
}

function extend(taint: Taint, step: TaintStep): Taint {
  const extended: Taint = new Map();
  for (const [label, steps] of taint) extended.set(label, trimSteps([...steps, step]));
  return extended;
}

/** Adds the labels of `from` missing in `into`; returns whether any was added. */
function mergeInto(into: Taint, from: Taint): boolean {
  let added = false;
  for (const [label, steps] of from) {
    if (into.size >= MAX_LABELS) break;
    if (!into.has(label)) {
      into.set(label, steps);
      added = true;
    }
  }
  return added;
}

function field(node: SyntaxNode, name: string): SyntaxNode | undefined {
  return node.children.find((child) => child.field === name);
}

export class FileTaint {
  private readonly model: FileModel;
  private readonly input: TaintInput;
  private readonly sources: PatternMatch[];
  /** Tainted variables by scope node. */
  private readonly variables = new Map<SyntaxNode, Map<string, Taint>>();
  /** Taint of each function's return value, by function node. */
  private readonly returns = new Map<SyntaxNode, Taint>();
  /** Exported function index by function node, so a local call drops the callee's own parameter labels. */
  private readonly exportedIndex = new Map<SyntaxNode, number>();
  private changed = false;

  constructor(input: TaintInput) {
    this.input = input;
    this.model = input.model;
    // A source pattern such as `$REQ.query` also matches the callee of `db.query(...)`, which is a
    // function, not request data.
    this.sources = input.sources.filter((match) => match.node.field !== 'function');
    if (input.seedParameters) {
      this.model.exported.forEach((exported, index) => {
        this.exportedIndex.set(exported.node, index);
        exported.parameters.forEach((name, position) => {
          if (name === '') return;
          const node = exported.parameterNodes[position] as SyntaxNode;
          this.addTaint(exported.node, name, new Map([[`p:${index}:${position}`, [{ node, kind: 'parameter', name }]]]));
        });
      });
    }
  }

  private text(node: SyntaxNode): string {
    return this.model.text.slice(node.start, node.end);
  }

  /** Returns the taint of variable `name` as seen from `scope`: its own, else an enclosing scope's. */
  private variable(scope: SyntaxNode, name: string): Taint | undefined {
    let current: SyntaxNode | undefined = scope;
    while (current !== undefined) {
      const found = this.variables.get(current)?.get(name);
      if (found !== undefined) return found;
      if (current === this.model.root) return undefined;
      current = scopeOf(this.model, current);
    }
    return undefined;
  }

  private addTaint(scope: SyntaxNode, name: string, taint: Taint): void {
    let scoped = this.variables.get(scope);
    if (scoped === undefined) {
      scoped = new Map();
      this.variables.set(scope, scoped);
    }
    const existing = scoped.get(name);
    if (existing === undefined) {
      scoped.set(name, new Map(taint));
      this.changed = true;
    } else if (mergeInto(existing, taint)) this.changed = true;
  }

  private sanitized(node: SyntaxNode): boolean {
    return this.input.sanitizers.some((match) => within(match.node, node));
  }

  /** Returns the labels that reach `node`, or undefined when it is clean. */
  taintOf(node: SyntaxNode, depth = 0): Taint | undefined {
    const shape = this.model.shape;
    if (depth > 200 || this.sanitized(node)) return undefined;
    // A function passed as a value (a callback) is code, not data, whatever its body reads.
    if (shape.functions.has(node.type)) return undefined;
    // A node inside a source match (the match itself, or `req.query` inside `req.query.id`) is tainted.
    const source = this.sources.find((match) => within(match.node, node));
    if (source !== undefined) return new Map([[SOURCE_LABEL, [{ node: source.node, kind: 'source' }]]]);
    if (shape.identifiers.has(node.type) && node.children.length === 0) {
      return this.variable(scopeOf(this.model, node), this.text(node));
    }
    let taint: Taint | undefined;
    if (shape.calls.has(node.type)) {
      const imported = this.input.crossFile ? this.model.importedCallIndex.get(node) : undefined;
      if (imported !== undefined) {
        // The other file decides what the call returns, from its arguments or its own sources.
        const call = this.model.importedCalls[imported];
        return new Map([[`c:${imported}`, [{ node, kind: 'return', name: call?.callee }]]]);
      }
      const callee = field(node, 'function');
      const target = callee !== undefined && shape.identifiers.has(callee.type) ? this.model.functions.get(this.text(callee)) : undefined;
      const returned = target === undefined ? undefined : this.returns.get(target);
      if (returned !== undefined) {
        const own = this.exportedIndex.get(target as SyntaxNode);
        taint = new Map();
        for (const [label, steps] of returned) {
          // Parameters tainted at another call site do not reach this one.
          if (own !== undefined && label.startsWith(`p:${own}:`)) continue;
          taint.set(label, trimSteps([...steps, { node, kind: 'return', name: this.text(callee as SyntaxNode) }]));
        }
        if (taint.size === 0) taint = undefined;
      }
    }
    for (const child of node.children) {
      if (child.field !== undefined && shape.nameFields.has(child.field) && (shape.nameTypes.has(child.type) || this.model.language === 'python')) continue;
      if (shape.nameTypes.has(child.type)) continue;
      if (shape.functions.has(child.type)) continue;
      const found = this.taintOf(child, depth + 1);
      if (found === undefined) continue;
      if (taint === undefined) taint = found;
      else {
        if (taint === found) continue;
        const merged: Taint = new Map(taint);
        mergeInto(merged, found);
        taint = merged;
      }
    }
    return taint;
  }

  /** Lists the variable names an assignment target binds: `x`, `{ a, b: c }`, `[d, ...e]`, `a, b`. */
  private targets(node: SyntaxNode, into: string[] = []): string[] {
    const shape = this.model.shape;
    if (shape.identifiers.has(node.type) && node.children.length === 0) into.push(this.text(node));
    else if (node.type === 'pair_pattern' || node.type === 'pair') {
      const value = field(node, 'value');
      if (value !== undefined) this.targets(value, into);
    } else if (!shape.memberTypes.has(node.type)) {
      for (const child of node.children) this.targets(child, into);
    }
    return into;
  }

  /** Taints the variable that `target` writes: itself, or the base object of `obj.field` and `obj[i]`. */
  private taintTarget(target: SyntaxNode, scope: SyntaxNode, taint: Taint, step: SyntaxNode): void {
    const shape = this.model.shape;
    if (shape.memberTypes.has(target.type)) {
      let base: SyntaxNode | undefined = target;
      while (base !== undefined && !(shape.identifiers.has(base.type) && base.children.length === 0)) base = base.children[0];
      if (base !== undefined) this.addTaint(scope, this.text(base), extend(taint, { node: step, kind: 'assignment', name: this.text(base) }));
      return;
    }
    for (const name of this.targets(target)) this.addTaint(scope, name, extend(taint, { node: step, kind: 'assignment', name }));
  }

  private pass(): void {
    const model = this.model;
    for (const assignment of model.assignments) {
      const left = field(assignment, 'left') ?? field(assignment, 'name');
      const right = field(assignment, 'right') ?? field(assignment, 'value');
      if (left === undefined || right === undefined) continue;
      const taint = this.taintOf(right);
      if (taint !== undefined) this.taintTarget(left, scopeOf(model, assignment), taint, assignment);
    }
    for (const { from, to } of this.input.propagators) {
      const taint = this.taintOf(from);
      if (taint !== undefined) this.taintTarget(to, scopeOf(model, to), taint, to);
    }
    for (const call of model.calls) this.passCall(call);
    for (const statement of model.returnStatements) {
      const value = statement.children.find((child) => child.type !== 'return');
      if (value !== undefined) this.passReturn(scopeOf(model, statement), value);
    }
    for (const [fn, body] of model.expressionBodies) this.passReturn(fn, body);
  }

  private passReturn(fn: SyntaxNode, value: SyntaxNode): void {
    if (fn === this.model.root) return;
    const taint = this.taintOf(value);
    if (taint === undefined) return;
    const existing = this.returns.get(fn);
    if (existing === undefined) {
      this.returns.set(fn, new Map(taint));
      this.changed = true;
    } else if (mergeInto(existing, taint)) this.changed = true;
  }

  private passCall(call: SyntaxNode): void {
    const model = this.model;
    const shape = model.shape;
    const callee = field(call, 'function');
    if (callee === undefined) return;
    const args = (field(call, 'arguments')?.children ?? []).filter((arg) => arg.type !== 'keyword_argument' && arg.type !== 'comment');
    if (shape.memberTypes.has(callee.type)) {
      // `list.push(x)`: the list now contains x.
      const property = field(callee, 'property') ?? field(callee, 'attribute');
      const object = field(callee, 'object');
      if (property !== undefined && object !== undefined && shape.storingMethods.has(this.text(property))) {
        for (const arg of args) {
          const taint = this.taintOf(arg);
          if (taint !== undefined) this.taintTarget(object, scopeOf(model, call), taint, call);
        }
      }
      return;
    }
    if (!shape.identifiers.has(callee.type)) return;
    const target = model.functions.get(this.text(callee));
    if (target === undefined) return;
    const parameters = parameterNamesOf(target, model);
    args.forEach((arg, position) => {
      const name = parameters[position];
      if (name === undefined || name === '') return;
      const taint = this.taintOf(arg);
      if (taint !== undefined) this.addTaint(target, name, extend(taint, { node: arg, kind: 'argument', name }));
    });
  }

  /** Runs passes until no variable gains a label. */
  settle(): this {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      this.changed = false;
      this.pass();
      if (!this.changed) break;
    }
    return this;
  }

  /** Returns the flows from sources to `sinks` and, for the other labels, the facts about sinks. */
  sinkResults(sinks: readonly PatternMatch[]): TaintResult {
    const flows: TaintFlow[] = [];
    const facts: TaintFact[] = [];
    sinks.forEach((sink, index) => {
      const taint = this.taintOf(sink.node);
      if (taint === undefined) return;
      for (const [label, steps] of taint) {
        const path = trimSteps([...steps, { node: sink.node, kind: 'sink' as const }]);
        if (label === SOURCE_LABEL) flows.push({ sink, steps: path });
        else facts.push({ from: label, to: { kind: 'sink', sink: index }, steps: path });
      }
    });
    return { flows, facts };
  }

  /** Returns the facts about exported functions' returns and arguments of calls into other files, for labels that `keep` accepts. */
  linkFacts(keep: (label: string) => boolean = () => true): TaintFact[] {
    const facts: TaintFact[] = [];
    this.model.exported.forEach((exported, index) => {
      const taint = this.returns.get(exported.node);
      if (taint === undefined) return;
      for (const [label, steps] of taint) if (keep(label)) facts.push({ from: label, to: { kind: 'return', exported: index }, steps });
    });
    this.model.importedCalls.forEach((call, callIndex) => {
      const args = (field(call.node, 'arguments')?.children ?? []).filter((arg) => arg.type !== 'comment');
      args.forEach((arg, position) => {
        if (arg.type === 'spread_element') return;
        const taint = this.taintOf(arg);
        if (taint === undefined) return;
        for (const [label, steps] of taint) {
          if (!keep(label)) continue;
          facts.push({ from: label, to: { kind: 'argument', call: callIndex, index: position }, steps: trimSteps([...steps, { node: arg, kind: 'call', name: call.callee }]) });
        }
      });
    });
    return facts;
  }
}

const parameterCache = new WeakMap<SyntaxNode, string[]>();

function parameterNamesOf(fn: SyntaxNode, model: FileModel): string[] {
  let names = parameterCache.get(fn);
  if (names === undefined) {
    names = parameterList(fn, model.shape).map((parameter) => parameterName(parameter, model));
    parameterCache.set(fn, names);
  }
  return names;
}

/** Tracks one rule's taint through one file: flows from its sources to `sinks`, and with `crossFile` the facts for the project-wide pass. */
export function trackTaint(input: TaintInput, sinks: readonly PatternMatch[]): TaintResult {
  const taint = new FileTaint(input).settle();
  const result = taint.sinkResults(sinks);
  if (input.crossFile) result.facts.push(...taint.linkFacts());
  return result;
}
