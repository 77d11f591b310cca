/**
 * Values of the Terraform evaluator and their conversion to and from
 * document tree nodes. A value is either known (scalars, lists, maps) or an
 * `Unknown` that carries the source text it came from.
 */
import type { MapEntry, Span, TreeNode } from '../tree.js';

/** A value only known at plan or apply time. `text` is the expression as written. */
export interface Unknown {
  readonly unknown: true;
  readonly text: string;
}

/** Maps keep insertion order with `Map`, because object keys such as `"10"` would be reordered. */
export type Value = string | number | boolean | null | Value[] | Map<string, Value> | Unknown;

/**
 * Maximum tree nodes one converted value may produce. Locals that repeat each
 * other (`a = [local.b, local.b]`, `b = [local.c, local.c]`) share structure
 * in memory but would grow exponentially as a tree, so larger values stay unknown.
 */
export const MAX_VALUE_NODES = 20_000;

/** Maximum length of a string the evaluator builds; longer results stay unknown. */
export const MAX_STRING_LENGTH = 1_000_000;

export function unknown(text: string): Unknown {
  return { unknown: true, text };
}

export function isUnknown(value: Value): value is Unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map);
}

/** True when `value` contains an unknown at any depth, or is too big to inspect. */
export function containsUnknown(value: Value): boolean {
  let budget = MAX_VALUE_NODES;
  const stack: Value[] = [value];
  while (stack.length > 0) {
    const current = stack.pop() as Value;
    budget -= 1;
    if (budget < 0 || isUnknown(current)) return true;
    if (Array.isArray(current)) for (const item of current) stack.push(item);
    if (current instanceof Map) for (const item of current.values()) stack.push(item);
  }
  return false;
}

/** Thrown when a value does not fit the node budget. */
export class ValueTooLargeError extends Error {}

/**
 * Converts a value to a tree node in which every node, and every map key,
 * carries `span`: the span of the expression the value was computed from.
 * Throws ValueTooLargeError past MAX_VALUE_NODES nodes.
 */
export function valueToNode(value: Value, span: Span): TreeNode {
  const budget = { left: MAX_VALUE_NODES };
  return toNode(value, span, budget);
}

function toNode(value: Value, span: Span, budget: { left: number }): TreeNode {
  budget.left -= 1;
  if (budget.left < 0) throw new ValueTooLargeError('value too large');
  if (Array.isArray(value)) return { kind: 'list', span, items: value.map((item) => toNode(item, span, budget)) };
  if (value instanceof Map) {
    const entries: MapEntry[] = [];
    for (const [key, item] of value) entries.push({ key, keySpan: span, value: toNode(item, span, budget) });
    return { kind: 'map', span, entries };
  }
  if (isUnknown(value)) return { kind: 'expression', span, text: value.text };
  return { kind: 'scalar', span, value };
}

/** Renders a known value as JSON the way `jsonencode` does; undefined when it contains an unknown or is too long. */
export function toJson(value: Value): string | undefined {
  const budget = { left: MAX_VALUE_NODES };
  const json = jsonOf(value, budget);
  return json !== undefined && json.length <= MAX_STRING_LENGTH ? json : undefined;
}

function jsonOf(value: Value, budget: { left: number }): string | undefined {
  budget.left -= 1;
  if (budget.left < 0 || isUnknown(value)) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((item) => jsonOf(item, budget));
    return items.includes(undefined) ? undefined : `[${items.join(',')}]`;
  }
  if (value instanceof Map) {
    const parts: string[] = [];
    // Terraform's jsonencode sorts object keys.
    for (const key of [...value.keys()].sort()) {
      const item = jsonOf(value.get(key) as Value, budget);
      if (item === undefined) return undefined;
      parts.push(`${JSON.stringify(key)}:${item}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Compares strings by UTF-16 code units, for sorting keys. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Converts a value to a string as HCL does when it fills a template or `tostring`; undefined for collections. */
export function stringOf(value: Value): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}
