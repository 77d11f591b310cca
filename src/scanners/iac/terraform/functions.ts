/**
 * The Terraform functions the evaluator computes: the ones that shape values
 * security rules read (names, tags, policy documents, for_each sets). Every
 * other function leaves its call unknown. Arguments are always fully known
 * here; the evaluator makes the call unknown before it gets this far.
 */
import { MAX_STRING_LENGTH, MAX_VALUE_NODES, stringOf, toJson, type Value } from './values.js';

type TerraformFunction = (args: Value[]) => Value | undefined;

export const FUNCTIONS: ReadonlyMap<string, TerraformFunction> = new Map<string, TerraformFunction>([
  ['lower', (args) => mapString(args, (text) => text.toLowerCase())],
  ['upper', (args) => mapString(args, (text) => text.toUpperCase())],
  ['concat', concat],
  ['merge', merge],
  // The first argument that is neither null nor an empty string.
  ['coalesce', (args) => args.find((arg) => arg !== null && arg !== '')],
  ['tostring', (args) => (args.length === 1 && args[0] === null ? null : oneArg(args, stringOf))],
  ['tonumber', (args) => oneArg(args, toNumber)],
  ['tobool', (args) => oneArg(args, toBool)],
  ['jsonencode', (args) => oneArg(args, toJson)],
  ['toset', (args) => oneArg(args, toSet)],
  ['tolist', (args) => oneArg(args, (value) => (Array.isArray(value) ? value : undefined))],
  ['tomap', (args) => oneArg(args, (value) => (value instanceof Map ? value : undefined))],
  ['length', (args) => oneArg(args, lengthOf)],
  ['lookup', lookup],
  ['join', join],
]);

/** `join(separator, list)`: the list's strings and numbers joined. */
function join(args: Value[]): Value | undefined {
  const [separator, list] = args;
  if (args.length !== 2 || typeof separator !== 'string' || !Array.isArray(list)) return undefined;
  if (!list.every((item) => typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')) return undefined;
  const text = list.map(String).join(separator);
  return text.length <= MAX_STRING_LENGTH ? text : undefined;
}

function oneArg(args: Value[], convert: (value: Value) => Value | undefined): Value | undefined {
  return args.length === 1 ? convert(args[0] as Value) : undefined;
}

function mapString(args: Value[], convert: (text: string) => string): Value | undefined {
  const text = args.length === 1 ? args[0] : undefined;
  return typeof text === 'string' ? convert(text) : undefined;
}

function concat(args: Value[]): Value | undefined {
  if (!args.every(Array.isArray)) return undefined;
  const lists = args as Value[][];
  const total = lists.reduce((sum, list) => sum + list.length, 0);
  return total <= MAX_VALUE_NODES ? lists.flat(1) : undefined;
}

/** Later maps win, as in Terraform. Null arguments are skipped, as Terraform does. */
function merge(args: Value[]): Value | undefined {
  const result = new Map<string, Value>();
  for (const arg of args) {
    if (arg === null) continue;
    if (!(arg instanceof Map)) return undefined;
    for (const [key, value] of arg) result.set(key, value);
    if (result.size > MAX_VALUE_NODES) return undefined;
  }
  return result;
}

function toNumber(value: Value): Value | undefined {
  if (typeof value === 'number' || value === null) return value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

function toBool(value: Value): Value | undefined {
  if (typeof value === 'boolean' || value === null) return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}

/** Sets of strings become sorted lists without duplicates, the order Terraform iterates them in. */
function toSet(value: Value): Value | undefined {
  if (!Array.isArray(value)) return undefined;
  const strings = value.map(stringOf);
  if (strings.includes(undefined)) return undefined;
  return [...new Set(strings as string[])].sort();
}

function lengthOf(value: Value): Value | undefined {
  if (typeof value === 'string') return [...value].length;
  if (Array.isArray(value)) return value.length;
  return value instanceof Map ? value.size : undefined;
}

function lookup(args: Value[]): Value | undefined {
  const [map, key, fallback] = args;
  if (!(map instanceof Map) || typeof key !== 'string' || args.length > 3) return undefined;
  return map.has(key) ? map.get(key) : fallback;
}

/** Joins template parts; undefined when a part is not a string, number or bool, or the result is too long. */
export function joinTemplate(parts: Value[]): string | undefined {
  let result = '';
  for (const part of parts) {
    const text = stringOf(part);
    if (text === undefined) return undefined;
    result += text;
    if (result.length > MAX_STRING_LENGTH) return undefined;
  }
  return result;
}
