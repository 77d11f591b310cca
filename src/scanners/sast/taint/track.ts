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
 * Taint carries labels. `src` is a real source. `p:F:I` stands for
 * parameter I of the file's function number F, so each function gets a
 * summary: which parameters reach its return value and which reach a
 * sink. A call substitutes its own arguments into the summary, so a
 * function called once with request data and once with a constant taints
 * only the first call. `c:K` stands for what the K-th call into another
 * project file returns. Where a label of an exported function's parameter
 * or `c:K` reaches a sink, a return of an exported function or an argument
 * of a call into another file, the result is a fact that the
 * project-wide pass (project.ts) links up.
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

function forEachNode(root: SyntaxNode, visit: (node: SyntaxNode) => void): void {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as SyntaxNode;
    visit(node);
    for (const child of node.children) stack.push(child);
  }
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
  /** Each node inside a source match, mapped to the outermost such match's node. */
  private readonly sourceOf = new Map<SyntaxNode, SyntaxNode>();
  /** Nodes inside a sanitizer match. */
  private readonly sanitizedNodes = new Set<SyntaxNode>();
  /** Tainted variables by scope node. */
  private readonly variables = new Map<SyntaxNode, Map<string, Taint>>();
  /** Taint of each function's return value, by function node. */
  private readonly returns = new Map<SyntaxNode, Taint>();
  private changed = false;

  constructor(input: TaintInput) {
    this.input = input;
    this.model = input.model;
    // A source pattern such as `$REQ.query` also matches the callee of `db.query(...)`, which is a
    // function, not request data.
    // Marking every node under a match once keeps lookups constant-time; a file with thousands of
    // sources would otherwise cost sources times nodes.
    const sources = input.sources.filter((match) => match.node.field !== 'function').sort((a, b) => b.node.end - b.node.start - (a.node.end - a.node.start));
    for (const match of sources) forEachNode(match.node, (node) => {
      if (!this.sourceOf.has(node)) this.sourceOf.set(node, match.node);
    });
    for (const match of input.sanitizers) forEachNode(match.node, (node) => this.sanitizedNodes.add(node));
    // A source that matches a parameter (a FastAPI handler's `q: str`) taints that parameter.
    for (const match of sources) {
      const parameter = this.parameterAt(match.node);
      if (parameter !== undefined) {
        this.addTaint(parameter.fn, parameter.name, new Map([[SOURCE_LABEL, [{ node: match.node, kind: 'source' }]]]));
      }
    }
    this.model.localFunctions.forEach((fn, id) => {
      const parameters = parameterList(fn, this.model.shape);
      parameters.forEach((parameter, position) => {
        const name = parameterName(parameter, this.model);
        if (name !== '') this.addTaint(fn, name, new Map([[`p:${id}:${position}`, [{ node: parameter, kind: 'parameter', name }]]]));
      });
    });
  }

  /** Returns the function and name of the parameter that `node` is or names, if it is one. */
  private parameterAt(node: SyntaxNode): { fn: SyntaxNode; name: string } | undefined {
    const parent = this.model.parents.get(node);
    const candidates = parent === undefined ? [node] : [node, parent];
    for (const candidate of candidates) {
      const list = this.model.parents.get(candidate);
      const fn = list === undefined ? undefined : this.model.parents.get(list);
      if (list === undefined || fn === undefined || list.field !== 'parameters' || !this.model.shape.functions.has(fn.type)) continue;
      const name = parameterName(candidate, this.model);
      if (name !== '') return { fn, name };
    }
    return undefined;
  }

  /** Returns a copy of this run's state with `sources` added, to settle without repeating the work done so far. */
  fork(sources: PatternMatch[]): FileTaint {
    const copy = new FileTaint({ ...this.input, sources });
    // Merge rather than replace: the copy's constructor has already tainted parameters its sources match.
    for (const [scope, names] of this.variables) {
      for (const [name, taint] of names) copy.addTaint(scope, name, taint);
    }
    for (const [fn, taint] of this.returns) copy.returns.set(fn, new Map(taint));
    return copy;
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


  /** Returns the labels that reach `node`, or undefined when it is clean. */
  taintOf(node: SyntaxNode, depth = 0): Taint | undefined {
    const shape = this.model.shape;
    if (depth > 200 || this.sanitizedNodes.has(node)) return undefined;
    // A function passed as a value (a callback) is code, not data, whatever its body reads.
    if (shape.functions.has(node.type)) return undefined;

    // A node inside a source match (the match itself, or `req.query` inside `req.query.id`) is tainted.
    const source = this.sourceOf.get(node);
    if (source !== undefined) return new Map([[SOURCE_LABEL, [{ node: source, kind: 'source' }]]]);
    if (shape.identifiers.has(node.type) && node.children.length === 0) {
      return this.variable(scopeOf(this.model, node), this.text(node));
    }
    if (yieldsScalar(node, this.model)) return undefined;

    let taint: Taint | undefined;
    if (shape.calls.has(node.type)) {
      const imported = this.input.crossFile ? this.model.importedCallIndex.get(node) : undefined;
      if (imported !== undefined) {
        // The other file decides what the call returns, from its arguments or its own sources.
        const call = this.model.importedCalls[imported];
        return new Map([[`c:${imported}`, [{ node, kind: 'return', name: call?.callee }]]]);
      }
      const target = this.model.localCallee.get(node);
      const returned = target === undefined ? undefined : this.returns.get(target);
      if (target !== undefined && returned !== undefined) {
        taint = this.substitute(node, target, returned, (steps) => [...steps, { node, kind: 'return', name: this.calleeName(node) }]);
      }
    }

    for (const child of dataChildren(node)) {
      if (child.field !== undefined && shape.nameFields.has(child.field) && (shape.nameTypes.has(child.type) || this.model.language === 'python')) continue;
      if (shape.nameTypes.has(child.type)) continue;
      if (shape.functions.has(child.type)) continue;
      const found = this.taintOf(child, depth + 1);
      if (found === undefined || found === taint) continue;
      if (taint === undefined) {
        taint = found;
      } else {
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
    if (!shape.memberTypes.has(callee.type)) return;
    // `list.push(x)`: the list now contains x.
    const property = field(callee, 'property') ?? field(callee, 'attribute');
    const object = field(callee, 'object');
    if (property === undefined || object === undefined || !shape.storingMethods.has(this.text(property))) return;
    for (const arg of argumentsOf(call)) {
      const taint = this.taintOf(arg);
      if (taint !== undefined) this.taintTarget(object, scopeOf(model, call), taint, call);
    }
  }

  /** Returns the arguments that parameter `index` of `fn` receives: one, or all from there on for a rest parameter (`...parts`, `*args`). */
  private argumentsFor(fn: SyntaxNode, args: SyntaxNode[], index: number): SyntaxNode[] {
    const parameter = parameterList(fn, this.model.shape)[index];
    if (parameter?.type === 'rest_pattern' || parameter?.type === 'list_splat_pattern') return args.slice(index);
    const arg = args[index];
    return arg === undefined ? [] : [arg];
  }

  private calleeName(call: SyntaxNode): string {
    const callee = field(call, 'function');
    return callee === undefined ? '' : this.text(callee);
  }

  /**
   * Returns the taint that a summary (`summary`, labels with paths, of
   * function `fn`) gives at `call`: each of the function's own parameter
   * labels is replaced by the taint of the argument in that position, and
   * the other labels stay. `finish` completes each path.
   */
  private substitute(call: SyntaxNode, fn: SyntaxNode, summary: Taint, finish: (steps: TaintStep[]) => TaintStep[]): Taint | undefined {
    const id = this.model.localFunctionIds.get(fn);
    const prefix = `p:${id}:`;
    const args = argumentsOf(call);
    const result: Taint = new Map();
    for (const [label, steps] of summary) {
      if (!label.startsWith(prefix)) {
        if (result.size < MAX_LABELS && !result.has(label)) result.set(label, trimSteps(finish(steps)));
        continue;
      }
      const name = steps[0]?.name;
      for (const arg of this.argumentsFor(fn, args, Number(label.slice(prefix.length)))) {
        for (const [argLabel, argSteps] of this.taintOf(arg) ?? []) {
          if (result.size >= MAX_LABELS || result.has(argLabel)) continue;
          // The callee's first step is its parameter, which the argument step already names.
          result.set(argLabel, trimSteps(finish([...argSteps, { node: arg, kind: 'argument', name }, ...steps.slice(1)])));
        }
      }
    }
    return result.size === 0 ? undefined : result;
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

  /**
   * Returns the flows from sources to `sinks` and, with `crossFile`, the
   * facts for the project-wide pass: every fact about a sink, and the facts
   * about arguments of calls into other files and exported functions'
   * returns whose label `keepLink` accepts. A parameter that reaches a sink or an
   * argument of a call into another file is followed back to each call of
   * its function in this file, with the argument passed there.
   */
  results(sinks: readonly PatternMatch[], keepLink: (label: string) => boolean = () => true): TaintResult {
    const model = this.model;
    type Target = { kind: 'sink'; sink: number } | { kind: 'argument'; call: number; index: number };
    const reached = new Map<string, { label: string; target: Target; steps: TaintStep[] }>();
    const queue: Array<{ label: string; target: Target; steps: TaintStep[] }> = [];
    const add = (label: string, target: Target, steps: TaintStep[]): void => {
      const key = `${label}\0${target.kind === 'sink' ? target.sink : `${target.call}:${target.index}`}`;
      if (reached.has(key)) return;
      const entry = { label, target, steps: trimSteps(steps) };
      reached.set(key, entry);
      queue.push(entry);
    };
    sinks.forEach((sink, index) => {
      const taint = this.taintOf(sink.node);
      for (const [label, steps] of taint ?? []) add(label, { kind: 'sink', sink: index }, [...steps, { node: sink.node, kind: 'sink' }]);
    });
    if (this.input.crossFile) {
      model.importedCalls.forEach((call, callIndex) => {
        argumentsOf(call.node).forEach((arg, position) => {
          if (arg.type === 'spread_element') return;
          for (const [label, steps] of this.taintOf(arg) ?? []) {
            add(label, { kind: 'argument', call: callIndex, index: position }, [...steps, { node: arg, kind: 'call', name: call.callee }]);
          }
        });
      });
    }
    for (let head = 0; head < queue.length; head++) {
      const { label, target, steps } = queue[head] as (typeof queue)[number];
      const parameter = parseParameterLabel(label);
      const fn = parameter === undefined ? undefined : model.localFunctions[parameter.fn];
      if (parameter === undefined || fn === undefined) continue;
      for (const call of model.callSites.get(fn) ?? []) {
        for (const arg of this.argumentsFor(fn, argumentsOf(call), parameter.index)) {
          for (const [argLabel, argSteps] of this.taintOf(arg) ?? []) {
            add(argLabel, target, [...argSteps, { node: arg, kind: 'argument', name: steps[0]?.name }, ...steps.slice(1)]);
          }
        }
      }
    }
    const flows: TaintFlow[] = [];
    const facts: TaintFact[] = [];
    const flowed = new Set<number>();
    for (const { label, target, steps } of reached.values()) {
      if (label === SOURCE_LABEL && target.kind === 'sink') {
        if (flowed.has(target.sink)) continue;
        flowed.add(target.sink);
        flows.push({ sink: sinks[target.sink] as PatternMatch, steps });
        continue;
      }
      const projectLabel = this.projectLabel(label);
      if (projectLabel === undefined || !this.input.crossFile) continue;
      if (target.kind === 'argument' && !keepLink(projectLabel)) continue;
      facts.push({ from: projectLabel, to: target, steps });
    }
    if (this.input.crossFile) {
      model.exported.forEach((exported, index) => {
        const taint = this.returns.get(exported.node);
        for (const [label, steps] of taint ?? []) {
          const projectLabel = this.projectLabel(label);
          if (projectLabel !== undefined && keepLink(projectLabel)) facts.push({ from: projectLabel, to: { kind: 'return', exported: index }, steps });
        }
      });
    }
    return { flows, facts };
  }

  /**
   * Returns the label the project-wide pass reads: `src`, `c:K`, or
   * `p:E:I` with E the index among exported functions. Parameters of
   * functions that are not exported stay inside the file (undefined).
   */
  private projectLabel(label: string): string | undefined {
    const parameter = parseParameterLabel(label);
    if (parameter === undefined) return label;
    const fn = this.model.localFunctions[parameter.fn];
    const exported = fn === undefined ? undefined : this.model.exportedIds.get(fn);
    return exported === undefined ? undefined : `p:${exported}:${parameter.index}`;
  }
}

const COMPARISONS = new Set(['===', '!==', '==', '!=', '<', '>', '<=', '>=', 'instanceof', 'in', 'not in', 'is', 'is not']);
const SCALAR_UNARY = new Set(['!', '+', '-', '~', 'typeof', 'void', 'delete', 'not']);
const SCALAR_CALLS: Record<string, ReadonlySet<string>> = {
  javascript: new Set(['Number', 'parseInt', 'parseFloat', 'Boolean', 'isNaN', 'Number.parseInt', 'Number.parseFloat', 'Number.isInteger', 'Math.abs', 'Math.floor', 'Math.ceil', 'Math.round', 'Math.min', 'Math.max']),
  python: new Set(['int', 'float', 'bool', 'len', 'abs', 'round', 'isinstance']),
};

/**
 * Decides whether `node` always yields a number or a boolean, which no
 * query, command or markup can be injected through: a comparison, `!x`,
 * `+x`, `typeof x`, `x.length`, `Number(x)`, `len(x)`, `int(x)` and the
 * like.
 */
function yieldsScalar(node: SyntaxNode, model: FileModel): boolean {
  switch (node.type) {
    case 'binary_expression':
    case 'comparison_operator':
      return node.children.some((child) => COMPARISONS.has(child.type));
    case 'unary_expression':
    case 'not_operator':
      return SCALAR_UNARY.has(node.children[0]?.type ?? '');
    case 'member_expression':
    case 'attribute': {
      const property = node.children[node.children.length - 1];
      return property !== undefined && model.text.slice(property.start, property.end) === 'length';
    }
    default: {
      if (!model.shape.calls.has(node.type)) return false;
      const callee = field(node, 'function');
      const names = SCALAR_CALLS[model.language === 'python' ? 'python' : 'javascript'] as ReadonlySet<string>;
      return callee !== undefined && names.has(model.text.slice(callee.start, callee.end));
    }
  }
}

/**
 * Returns the children whose value flows into `node`'s value: a
 * conditional's branches but not its condition, and an indexed value's
 * object but not its index (`ALLOWED[req.query.name]` is one of ALLOWED's
 * values).
 */
function dataChildren(node: SyntaxNode): SyntaxNode[] {
  switch (node.type) {
    case 'ternary_expression':
      return node.children.filter((child) => child.field === 'consequence' || child.field === 'alternative');
    case 'conditional_expression': {
      // Python: `a if condition else b`; the condition follows the `if` keyword.
      const condition = node.children[node.children.findIndex((child) => child.type === 'if') + 1];
      return node.children.filter((child) => child !== condition && child.type !== 'if' && child.type !== 'else');
    }
    case 'subscript_expression':
      return node.children.filter((child) => child.field !== 'index');
    case 'subscript':
      return node.children.filter((child) => child.field !== 'subscript');
    default:
      return node.children;
  }
}

function parseParameterLabel(label: string): { fn: number; index: number } | undefined {
  if (!label.startsWith('p:')) return undefined;
  const [, fn, index] = label.split(':');
  return { fn: Number(fn), index: Number(index) };
}

function argumentsOf(call: SyntaxNode): SyntaxNode[] {
  return (field(call, 'arguments')?.children ?? []).filter((arg) => arg.type !== 'comment' && arg.type !== 'keyword_argument');
}

/** Tracks one rule's taint through one file: flows from its sources to `sinks`, and with `crossFile` the facts for the project-wide pass. */
export function trackTaint(input: TaintInput, sinks: readonly PatternMatch[]): TaintResult {
  return new FileTaint(input).settle().results(sinks);
}
