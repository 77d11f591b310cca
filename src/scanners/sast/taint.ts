/**
 * Taint tracking inside one file: values from sources (request fields,
 * environment, files) that reach a sink (a query, a shell, a response)
 * without passing a sanitizer. Taint flows through assignments and
 * declarations (destructuring included), string building, template
 * literals, member access, calls, and, within the file, into the
 * parameters of functions called with tainted arguments and out of
 * functions that return tainted values. Each result keeps the path from
 * the source to the sink.
 */
import type { SastLanguage } from './languages.js';
import type { PatternMatch } from './pattern/match.js';
import type { SyntaxNode } from './pattern/syntax-tree.js';

/** One step of a taint path: the code and what happened there. */
export interface TaintStep {
  node: SyntaxNode;
  /** `source`, `assignment`, `argument`, `return` or `sink`. */
  kind: 'source' | 'assignment' | 'argument' | 'return' | 'sink';
  /** The variable or function the step concerns, when there is one. */
  name?: string;
}

export interface TaintFlow {
  sink: PatternMatch;
  steps: TaintStep[];
}

interface Shape {
  functions: ReadonlySet<string>;
  assignments: ReadonlySet<string>;
  identifiers: ReadonlySet<string>;
  /** Field names whose identifier is a name, not a variable read (`obj.prop`, `f(key=...)`). */
  nameFields: ReadonlySet<string>;
  nameTypes: ReadonlySet<string>;
}

const JS_SHAPE: Shape = {
  functions: new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'function']),
  assignments: new Set(['variable_declarator', 'assignment_expression', 'augmented_assignment_expression']),
  identifiers: new Set(['identifier', 'shorthand_property_identifier', 'shorthand_property_identifier_pattern']),
  nameFields: new Set(['property']),
  nameTypes: new Set(['property_identifier', 'statement_identifier']),
};

const PYTHON_SHAPE: Shape = {
  functions: new Set(['function_definition', 'lambda']),
  assignments: new Set(['assignment', 'augmented_assignment']),
  identifiers: new Set(['identifier']),
  nameFields: new Set(['attribute', 'name']),
  nameTypes: new Set([]),
};

function shapeOf(language: SastLanguage): Shape {
  return language === 'python' ? PYTHON_SHAPE : JS_SHAPE;
}

/** Passes over the file's assignments and calls; taint settles in a few. */
const MAX_PASSES = 6;

/** Maximum steps of a taint path; longer chains keep their first and last steps. */
const MAX_STEPS = 12;

export interface TaintInput {
  language: SastLanguage;
  root: SyntaxNode;
  text: string;
  sources: PatternMatch[];
  sinks: PatternMatch[];
  sanitizers: PatternMatch[];
  /** For each sink, the node whose taint counts (a focused metavariable); the whole match otherwise. */
  sinkRegion?: (sink: PatternMatch) => SyntaxNode;
}

function within(outer: SyntaxNode, inner: SyntaxNode): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

class FileTaint {
  private readonly shape: Shape;
  private readonly parents = new Map<SyntaxNode, SyntaxNode>();
  /** Tainted variables by scope node, with the path that tainted each. */
  private readonly variables = new Map<SyntaxNode, Map<string, TaintStep[]>>();
  /** Functions of the file by name, and those whose return value is tainted. */
  private readonly functions = new Map<string, SyntaxNode>();
  private readonly returns = new Map<string, TaintStep[]>();
  private readonly assignments: SyntaxNode[] = [];
  private readonly calls: SyntaxNode[] = [];
  private readonly returnStatements: SyntaxNode[] = [];
  private changed = false;

  private readonly input: TaintInput;

  constructor(input: TaintInput) {
    // A source pattern such as `$REQ.query` also matches the callee of `db.query(...)`, which is a
    // function, not request data.
    this.input = { ...input, sources: input.sources.filter((match) => match.node.field !== 'function') };
    this.shape = shapeOf(input.language);
    this.index(input.root);
  }

  private index(root: SyntaxNode): void {
    const stack: SyntaxNode[] = [root];
    while (stack.length > 0) {
      const node = stack.pop() as SyntaxNode;
      if (this.shape.assignments.has(node.type)) this.assignments.push(node);
      if (node.type === 'call_expression' || node.type === 'call') this.calls.push(node);
      if (node.type === 'return_statement') this.returnStatements.push(node);
      if (this.shape.functions.has(node.type)) {
        const name = node.children.find((child) => child.field === 'name');
        if (name !== undefined) this.functions.set(this.text(name), node);
      }
      for (const child of node.children) {
        this.parents.set(child, node);
        stack.push(child);
      }
    }
  }

  private text(node: SyntaxNode): string {
    return this.input.text.slice(node.start, node.end);
  }

  private scopeOf(node: SyntaxNode): SyntaxNode {
    let current = this.parents.get(node);
    while (current !== undefined) {
      if (this.shape.functions.has(current.type)) return current;
      current = this.parents.get(current);
    }
    return this.input.root;
  }

  /** Returns the taint path of variable `name` as seen from `scope`: its own, else an enclosing scope's. */
  private variable(scope: SyntaxNode, name: string): TaintStep[] | undefined {
    let current: SyntaxNode | undefined = scope;
    while (current !== undefined) {
      const found = this.variables.get(current)?.get(name);
      if (found !== undefined) return found;
      if (current === this.input.root) return undefined;
      current = this.scopeOf(current);
    }
    return undefined;
  }

  private taintVariable(scope: SyntaxNode, name: string, steps: TaintStep[]): void {
    let scoped = this.variables.get(scope);
    if (scoped === undefined) {
      scoped = new Map();
      this.variables.set(scope, scoped);
    }
    if (!scoped.has(name)) {
      scoped.set(name, trim(steps));
      this.changed = true;
    }
  }

  private sanitized(node: SyntaxNode): boolean {
    return this.input.sanitizers.some((match) => within(match.node, node));
  }

  /** Returns the taint path that reaches `node`, or undefined when it is clean. */
  taintOf(node: SyntaxNode, depth = 0): TaintStep[] | undefined {
    if (depth > 200 || this.sanitized(node)) return undefined;
    // A function passed as a value (a callback) is code, not data, whatever its body reads.
    if (this.shape.functions.has(node.type)) return undefined;
    // A node inside a source match (the match itself, or `req.query` inside `req.query.id`) is tainted.
    const source = this.input.sources.find((match) => within(match.node, node));
    if (source !== undefined) return [{ node: source.node, kind: 'source' }];
    if (this.shape.identifiers.has(node.type) && node.children.length === 0) {
      return this.variable(this.scopeOf(node), this.text(node));
    }
    if (node.type === 'call_expression' || node.type === 'call') {
      const callee = node.children.find((child) => child.field === 'function');
      const returned = callee !== undefined && this.shape.identifiers.has(callee.type) ? this.returns.get(this.text(callee)) : undefined;
      if (returned !== undefined) return [...returned, { node, kind: 'return', name: this.text(callee as SyntaxNode) }];
    }
    for (const child of node.children) {
      if (child.field !== undefined && this.shape.nameFields.has(child.field) && (this.shape.nameTypes.has(child.type) || this.input.language === 'python')) continue;
      if (this.shape.nameTypes.has(child.type)) continue;
      if (this.shape.functions.has(child.type)) continue;
      const found = this.taintOf(child, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** Lists the variable names an assignment target binds: `x`, `{ a, b: c }`, `[d, ...e]`, `a, b`. */
  private targets(node: SyntaxNode, into: string[] = []): string[] {
    if (this.shape.identifiers.has(node.type) && node.children.length === 0) into.push(this.text(node));
    else if (node.type === 'pair_pattern' || node.type === 'pair') {
      const value = node.children.find((child) => child.field === 'value');
      if (value !== undefined) this.targets(value, into);
    } else if (node.type !== 'member_expression' && node.type !== 'subscript_expression' && node.type !== 'attribute' && node.type !== 'subscript') {
      for (const child of node.children) this.targets(child, into);
    }
    return into;
  }

  private pass(): void {
    for (const assignment of this.assignments) {
      const left = assignment.children.find((child) => child.field === 'left' || child.field === 'name');
      const right = assignment.children.find((child) => child.field === 'right' || child.field === 'value');
      if (left === undefined || right === undefined) continue;
      const taint = this.taintOf(right);
      if (taint === undefined) continue;
      const scope = this.scopeOf(assignment);
      for (const name of this.targets(left)) this.taintVariable(scope, name, [...taint, { node: assignment, kind: 'assignment', name }]);
      // `obj.field = tainted` taints obj as a whole, since a later read of obj.field is obj.
      if (left.type === 'member_expression' || left.type === 'attribute' || left.type === 'subscript_expression' || left.type === 'subscript') {
        const base = leftmost(left, this.shape);
        if (base !== undefined) this.taintVariable(scope, this.text(base), [...taint, { node: assignment, kind: 'assignment', name: this.text(base) }]);
      }
    }
    for (const call of this.calls) {
      const callee = call.children.find((child) => child.field === 'function');
      if (callee === undefined || !this.shape.identifiers.has(callee.type)) continue;
      const target = this.functions.get(this.text(callee));
      if (target === undefined) continue;
      const parameters = parameterNames(target, this.shape, (node) => this.text(node));
      const args = (call.children.find((child) => child.field === 'arguments')?.children ?? []).filter((arg) => arg.type !== 'keyword_argument');
      args.forEach((arg, position) => {
        const name = parameters[position];
        if (name === undefined) return;
        const taint = this.taintOf(arg);
        if (taint !== undefined) this.taintVariable(target, name, [...taint, { node: arg, kind: 'argument', name }]);
      });
    }
    for (const statement of this.returnStatements) {
      const scope = this.scopeOf(statement);
      const name = scope.children.find((child) => child.field === 'name');
      if (name === undefined || this.returns.has(this.text(name))) continue;
      const value = statement.children.find((child) => child.type !== 'return');
      const taint = value === undefined ? undefined : this.taintOf(value);
      if (taint !== undefined) {
        // The call site adds the `returned by` step.
        this.returns.set(this.text(name), trim(taint));
        this.changed = true;
      }
    }
  }

  run(): TaintFlow[] {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      this.changed = false;
      this.pass();
      if (!this.changed) break;
    }
    const flows: TaintFlow[] = [];
    for (const sink of this.input.sinks) {
      const region = this.input.sinkRegion?.(sink) ?? sink.node;
      const taint = this.taintOf(region);
      if (taint !== undefined) flows.push({ sink, steps: trim([...taint, { node: region, kind: 'sink' }]) });
    }
    return flows;
  }
}

function trim(steps: TaintStep[]): TaintStep[] {
  if (steps.length <= MAX_STEPS) return steps;
  return [...steps.slice(0, 2), ...steps.slice(steps.length - (MAX_STEPS - 2))];
}

function leftmost(node: SyntaxNode, shape: Shape): SyntaxNode | undefined {
  let current: SyntaxNode | undefined = node;
  while (current !== undefined && !(shape.identifiers.has(current.type) && current.children.length === 0)) current = current.children[0];
  return current;
}

function parameterNames(fn: SyntaxNode, shape: Shape, text: (node: SyntaxNode) => string): string[] {
  const list = fn.children.find((child) => child.field === 'parameters' || child.field === 'parameter');
  if (list === undefined) return [];
  if (shape.identifiers.has(list.type)) return [text(list)];
  return list.children.map((parameter) => {
    if (shape.identifiers.has(parameter.type)) return text(parameter);
    const inner = parameter.children.find((child) => shape.identifiers.has(child.type));
    return inner === undefined ? '' : text(inner);
  });
}

/** Returns the source-to-sink flows of one file. */
export function trackTaint(input: TaintInput): TaintFlow[] {
  return new FileTaint(input).run();
}
