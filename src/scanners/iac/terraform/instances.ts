/**
 * Expands `count` and `for_each` on resources, data sources and module calls
 * into instances, each with its address suffix and its `count`/`each` binding.
 *
 * - No meta-argument: one instance, no suffix.
 * - Known `count = n`: instances `[0]` to `[n-1]`; `count = 0` gives none.
 * - Known `for_each` over a map, or a set or list of strings: instances
 *   `["key"]` in key order, which is the order Terraform uses.
 * - Unknown `count` or `for_each`: one instance with the suffix `[*]`, whose
 *   `count.index`, `each.key` and `each.value` are unknown. The resource may
 *   exist zero or more times, so rules judge what its configuration would be.
 */
import type { TerraformBlock } from './hcl-parser.js';
import { evaluateNode, type Scope } from './evaluate.js';
import { compareText, containsUnknown, isUnknown, stringOf, unknown, type Value } from './values.js';

/** Maximum instances expanded from one block; the rest are dropped with a warning. */
export const MAX_INSTANCES = 1000;

export interface Instance {
  /** `""`, `[0]`, `["key"]` or `[*]`. */
  suffix: string;
  /** `count` or `each` as expressions read them. */
  bindings: ReadonlyMap<string, Value>;
}

const NO_BINDINGS: ReadonlyMap<string, Value> = new Map();

/** Lists the instances of `block`; `where` names the block in warnings. */
export function instancesOf(block: TerraformBlock, scope: Scope, where: string, warn: (message: string) => void): Instance[] {
  const count = block.attributes.entries.find((entry) => entry.key === 'count');
  const forEach = block.attributes.entries.find((entry) => entry.key === 'for_each');
  if (count !== undefined && forEach !== undefined) {
    warn(`${where}: "count" and "for_each" cannot both be set; it is treated as an unknown number of instances`);
    return [unknownInstance()];
  }
  if (count !== undefined) return countInstances(evaluateNode(count.value, scope), where, warn);
  if (forEach !== undefined) return forEachInstances(evaluateNode(forEach.value, scope), where, warn);
  return [{ suffix: '', bindings: NO_BINDINGS }];
}

function unknownInstance(): Instance {
  const anything = unknown('');
  const bindings = new Map<string, Value>([
    ['count', new Map([['index', anything]])],
    ['each', new Map([['key', anything], ['value', anything]])],
  ]);
  return { suffix: '[*]', bindings };
}

function countInstances(value: Value, where: string, warn: (message: string) => void): Instance[] {
  const count = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    if (!isUnknown(value)) warn(`${where}: "count" must be a whole number that is not negative; it is treated as unknown`);
    return [unknownInstance()];
  }
  const instances: Instance[] = [];
  for (let index = 0; index < Math.min(count, MAX_INSTANCES); index += 1) {
    instances.push({ suffix: `[${index}]`, bindings: new Map([['count', new Map([['index', index]])]]) });
  }
  if (count > MAX_INSTANCES) warn(capMessage(where, count));
  return instances;
}

function forEachInstances(value: Value, where: string, warn: (message: string) => void): Instance[] {
  const pairs = forEachPairs(value);
  if (pairs === undefined) {
    if (!containsUnknown(value)) warn(`${where}: "for_each" must be a map or a set of strings; it is treated as unknown`);
    return [unknownInstance()];
  }
  if (pairs.length > MAX_INSTANCES) warn(capMessage(where, pairs.length));
  return pairs.slice(0, MAX_INSTANCES).map(([key, item]) => ({
    suffix: `[${JSON.stringify(key)}]`,
    bindings: new Map([['each', new Map<string, Value>([['key', key], ['value', item]])]]),
  }));
}

/** Key and value pairs sorted by key; undefined when the keys are not all known. */
function forEachPairs(value: Value): Array<[string, Value]> | undefined {
  if (value instanceof Map) {
    return [...value.entries()].sort(([a], [b]) => compareText(a, b));
  }
  if (!Array.isArray(value)) return undefined;
  // A list is accepted as the set it would become with toset(); Terraform itself rejects lists.
  const keys = value.map((item) => (typeof item === 'string' ? item : isUnknown(item) ? undefined : stringOf(item)));
  if (keys.includes(undefined)) return undefined;
  return [...new Set(keys as string[])].sort().map((key) => [key, key]);
}

function capMessage(where: string, total: number): string {
  return `${where}: ${total} instances requested; only the first ${MAX_INSTANCES} are scanned`;
}
