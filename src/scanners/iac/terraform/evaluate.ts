/**
 * Evaluates Terraform expressions where their values are known: `var.*`,
 * `local.*`, `each.*`, `count.index`, `path.module`, dynamic block
 * iterators, templates, operators and the functions in functions.ts. A value
 * that depends on anything else (resource attributes, data sources, module
 * outputs, unsupported syntax or functions) is unknown, and so is every value
 * computed from it: nothing unknown is ever guessed.
 */
import { posix } from 'node:path';
import type { TreeNode } from '../tree.js';
import { parseExpression, UnsupportedSyntax, type Expr } from './expressions.js';
import { FUNCTIONS, joinTemplate } from './functions.js';
import {
  MAX_STRING_LENGTH,
  ValueTooLargeError,
  containsUnknown,
  isUnknown,
  toJson,
  unknown,
  valueToNode,
  type Value,
} from './values.js';

/** Values and files a module instance provides to its expressions. */
export interface ModuleScope {
  /** Value of `var.<name>`; undefined when the module declares no such variable. */
  variable(name: string): Value | undefined;
  /** Value of `local.<name>`; undefined when no such local exists. */
  local(name: string): Value | undefined;
  /** `path.module`: the module folder relative to the root module folder, `.` for the root itself. */
  modulePath: string;
  /** Reads a file for `file()`; the path is relative to the root module folder. */
  readFile?: (path: string) => string | undefined;
  /** Blocks that `dynamic` may still generate in this evaluation, shared by every module of it. */
  budget?: ExpansionBudget;
}

/** A count shared by one root module's evaluation, so nested expansions cannot multiply without bound. */
export interface ExpansionBudget {
  blocks: number;
  /** Set once the budget ran out and a warning was given. */
  exhausted: boolean;
}

/** The names visible to one expression: the module's, plus those of the instance or dynamic block it sits in. */
export interface Scope {
  module: ModuleScope;
  /** `each`, `count` and dynamic block iterators, bound to maps with `key`/`value` or `index`. */
  bindings: ReadonlyMap<string, Value>;
}

/** Names that only exist with a root attribute (`var.x`), never as a value of their own. */
const NAMESPACES = new Set(['var', 'local', 'path']);

const UNKNOWN = unknown('');

/**
 * Evaluates a parsed tree node. Expressions that stay unknown are returned
 * with their own source text; known parts of lists and maps stay known.
 */
export function evaluateNode(node: TreeNode, scope: Scope): Value {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'list':
      return node.items.map((item) => evaluateNode(item, scope));
    case 'map':
      return new Map(node.entries.map((entry) => [entry.key, evaluateNode(entry.value, scope)]));
    case 'expression':
      return evaluateText(node.text, scope);
  }
}

/** Evaluates expression source text; an unknown result carries `text`. */
export function evaluateText(text: string, scope: Scope): Value {
  let expr: Expr;
  try {
    expr = parseExpression(text);
  } catch (error) {
    if (error instanceof UnsupportedSyntax) return unknown(text);
    throw error;
  }
  const value = evaluate(expr, scope);
  return isUnknown(value) ? unknown(text) : value;
}

/**
 * Replaces every expression in `node` whose value is known by that value.
 * The new nodes carry the span of the expression they replace, so a value
 * taken from a variable points at the line in the resource that uses it.
 * `warn` receives a message when a value is too large to expand.
 */
export function resolveNode(node: TreeNode, scope: Scope, warn: (message: string) => void): TreeNode {
  switch (node.kind) {
    case 'scalar':
      return node;
    case 'list':
      return { ...node, items: node.items.map((item) => resolveNode(item, scope, warn)) };
    case 'map':
      return {
        ...node,
        entries: node.entries.map((entry) => ({ ...entry, value: resolveNode(entry.value, scope, warn) })),
      };
    case 'expression':
      return resolveExpression(node, scope, warn);
  }
}

function resolveExpression(node: TreeNode & { kind: 'expression' }, scope: Scope, warn: (message: string) => void): TreeNode {
  const value = evaluateText(node.text, scope);
  if (isUnknown(value)) return node;
  try {
    return valueToNode(value, node.span);
  } catch (error) {
    if (!(error instanceof ValueTooLargeError)) throw error;
    warn(`value of "${node.text.slice(0, 80)}" on line ${node.span.startLine} is too large to expand; it is kept unevaluated`);
    return node;
  }
}

/** The value of a key or index that a known map or list lacks: an error in Terraform, which try() catches. */
const MISSING: Value = unknown('(no such key)');

function evaluate(expr: Expr, scope: Scope): Value {
  switch (expr.type) {
    case 'literal':
      return expr.value;
    case 'template':
      return template(expr.parts, scope);
    case 'variable':
      return orUnknown(scope.bindings.get(expr.name));
    case 'get':
      return get(expr.target, expr.key, scope);
    case 'call':
      return call(expr, scope);
    case 'tuple':
      return known(expr.items.map((item) => evaluate(item, scope)));
    case 'object':
      return objectValue(expr.entries, scope);
    case 'conditional': {
      const condition = evaluate(expr.condition, scope);
      if (typeof condition !== 'boolean') return UNKNOWN;
      return evaluate(condition ? expr.then : expr.otherwise, scope);
    }
    case 'binary':
      return binary(expr.operator, evaluate(expr.left, scope), evaluate(expr.right, scope));
    case 'unary': {
      const operand = evaluate(expr.operand, scope);
      if (expr.operator === '!') return typeof operand === 'boolean' ? !operand : UNKNOWN;
      return typeof operand === 'number' ? -operand : UNKNOWN;
    }
  }
}

/** Makes a list or map built inside an expression unknown as a whole when any part is unknown. */
function known(value: Value): Value {
  return containsUnknown(value) ? UNKNOWN : value;
}

function template(parts: Array<string | Expr>, scope: Scope): Value {
  const values = parts.map((part) => (typeof part === 'string' ? part : evaluate(part, scope)));
  if (values.some(isUnknown)) return UNKNOWN;
  return joinTemplate(values) ?? UNKNOWN;
}

function objectValue(entries: Array<{ key: Expr; value: Expr }>, scope: Scope): Value {
  const result = new Map<string, Value>();
  for (const entry of entries) {
    const key = evaluate(entry.key, scope);
    if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') return UNKNOWN;
    result.set(String(key), evaluate(entry.value, scope));
  }
  return known(result);
}

function get(target: Expr, keyExpr: Expr, scope: Scope): Value {
  const key = evaluate(keyExpr, scope);
  if (target.type === 'variable' && NAMESPACES.has(target.name)) {
    return typeof key === 'string' ? namespaced(target.name, key, scope) : UNKNOWN;
  }
  const container = evaluate(target, scope);
  if (Array.isArray(container) && typeof key === 'number') return key >= 0 && key < container.length ? (container[key] as Value) : MISSING;
  if (container instanceof Map && (typeof key === 'string' || typeof key === 'number')) {
    return container.has(String(key)) ? (container.get(String(key)) as Value) : MISSING;
  }
  return UNKNOWN;
}

/** A null value is a value: only a missing one is unknown. */
function orUnknown(value: Value | undefined): Value {
  return value === undefined ? UNKNOWN : value;
}

function namespaced(namespace: string, name: string, scope: Scope): Value {
  if (namespace === 'var') return orUnknown(scope.module.variable(name));
  if (namespace === 'local') return orUnknown(scope.module.local(name));
  if (name === 'module') return scope.module.modulePath;
  return name === 'root' ? '.' : UNKNOWN;
}

function call(expr: Expr & { type: 'call' }, scope: Scope): Value {
  if (expr.name === 'try' || expr.name === 'can') return tryCall(expr, scope);
  let args = expr.args.map((arg) => evaluate(arg, scope));
  if (args.some(containsUnknown)) return UNKNOWN;
  if (expr.expand) {
    const last = args[args.length - 1];
    if (!Array.isArray(last)) return UNKNOWN;
    args = [...args.slice(0, -1), ...last];
  }
  if (expr.name === 'file') return readFile(args, scope.module);
  return FUNCTIONS.get(expr.name)?.(args) ?? UNKNOWN;
}

/**
 * `try(a, b, ...)` gives the first argument that is not an error, and
 * `can(a)` whether `a` is not one. Only a missing key or index is known to
 * be an error here; an argument that is merely unknown makes the result
 * unknown, because at deploy time it might succeed.
 */
function tryCall(expr: Expr & { type: 'call' }, scope: Scope): Value {
  for (const arg of expr.args) {
    const value = evaluate(arg, scope);
    if (value === MISSING) {
      if (expr.name === 'can') return false;
      continue;
    }
    if (expr.name === 'can') return containsUnknown(value) ? UNKNOWN : true;
    return value;
  }
  return UNKNOWN;
}

/** `file()` confined to the scan: absolute paths and paths that leave it stay unknown. */
function readFile(args: Value[], module: ModuleScope): Value {
  const path = args.length === 1 ? args[0] : undefined;
  if (typeof path !== 'string' || module.readFile === undefined || posix.isAbsolute(path)) return UNKNOWN;
  const content = module.readFile(path);
  return content !== undefined && content.length <= MAX_STRING_LENGTH ? content : UNKNOWN;
}

function binary(operator: string, left: Value, right: Value): Value {
  if (containsUnknown(left) || containsUnknown(right)) return UNKNOWN;
  if (operator === '==' || operator === '!=') {
    const leftJson = toJson(left);
    const rightJson = toJson(right);
    if (leftJson === undefined || rightJson === undefined) return UNKNOWN;
    return (leftJson === rightJson) === (operator === '==');
  }
  if (operator === '&&' || operator === '||') {
    if (typeof left !== 'boolean' || typeof right !== 'boolean') return UNKNOWN;
    return operator === '&&' ? left && right : left || right;
  }
  if (typeof left !== 'number' || typeof right !== 'number') return UNKNOWN;
  return arithmetic(operator, left, right);
}

function arithmetic(operator: string, left: number, right: number): Value {
  switch (operator) {
    case '<':
      return left < right;
    case '>':
      return left > right;
    case '<=':
      return left <= right;
    case '>=':
      return left >= right;
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      // Terraform rejects division by zero, so the value is left unknown.
      return right === 0 ? UNKNOWN : left / right;
    default:
      return right === 0 ? UNKNOWN : left % right;
  }
}
