/**
 * Builds the `body` map of a resource from its block:
 *
 * - Attributes come first, in source order, with known expressions replaced
 *   by their values (see resolveNode in evaluate.ts). Meta-arguments such
 *   as `count`, `for_each` and `depends_on` stay in the body.
 * - Nested blocks follow, one entry per block type in order of first
 *   appearance. A type used once is a map spanning its block. A type used
 *   more than once (`ingress`) is a list of such maps, and the list spans
 *   from the first block to the last. The entry's key span is the block type word of
 *   the first block. Block labels (`provisioner "local-exec"`) are dropped.
 * - `dynamic "x"` blocks become `x` blocks, one per element of a known
 *   `for_each`, each spanning the `content` block. With an unknown
 *   `for_each` there is one `x` map tagged `dynamic`: it may stand for any
 *   number of blocks, zero included, and its iterator values are unknown.
 */
import type { MapEntry, Span, TreeNode } from '../tree.js';
import type { MapNode, TerraformBlock } from './hcl-parser.js';
import { evaluateNode, resolveNode, type Scope } from './evaluate.js';
import { MAX_INSTANCES } from './instances.js';
import { compareText, unknown, type Value } from './values.js';

interface GeneratedBlock {
  type: string;
  keySpan: Span;
  node: MapNode;
}

/** Builds the body map of `block`, declared in file `path`, in `scope`. */
export function buildBody(block: TerraformBlock, scope: Scope, path: string, warn: (message: string) => void): MapNode {
  const where = `${path}:${block.span.startLine}`;
  const entries: MapEntry[] = block.attributes.entries.map((entry) => ({
    ...entry,
    value: resolveNode(entry.value, scope, (message) => warn(`${path}: ${message}`)),
  }));
  const groups = new Map<string, GeneratedBlock[]>();
  for (const nested of block.blocks) {
    for (const generated of expandNested(nested, scope, path, warn)) {
      const group = groups.get(generated.type) ?? [];
      group.push(generated);
      groups.set(generated.type, group);
    }
  }
  for (const [type, group] of groups) {
    if (entries.some((entry) => entry.key === type)) {
      warn(`${where}: "${type}" is set both as an attribute and as a block; the blocks are ignored`);
      continue;
    }
    entries.push(groupEntry(type, group));
  }
  return { kind: 'map', span: block.span, entries };
}

function groupEntry(type: string, group: GeneratedBlock[]): MapEntry {
  const first = group[0] as GeneratedBlock;
  if (group.length === 1) return { key: type, keySpan: first.keySpan, value: first.node };
  const last = group[group.length - 1] as GeneratedBlock;
  const span: Span = {
    startLine: first.node.span.startLine,
    startColumn: first.node.span.startColumn,
    endLine: last.node.span.endLine,
    endColumn: last.node.span.endColumn,
  };
  return { key: type, keySpan: first.keySpan, value: { kind: 'list', span, items: group.map((item) => item.node) } };
}

/** Returns the span of the type word that starts a block. */
function typeSpan(block: TerraformBlock): Span {
  const { startLine, startColumn } = block.span;
  return { startLine, startColumn, endLine: startLine, endColumn: startColumn + block.type.length };
}

function expandNested(block: TerraformBlock, scope: Scope, path: string, warn: (message: string) => void): GeneratedBlock[] {
  if (block.type !== 'dynamic') {
    return [{ type: block.type, keySpan: typeSpan(block), node: buildBody(block, scope, path, warn) }];
  }
  const where = `${path}:${block.span.startLine}`;
  const type = block.labels[0];
  const content = block.blocks.find((nested) => nested.type === 'content');
  if (type === undefined || content === undefined) {
    warn(`${where}: dynamic block needs a label and a content block; it is ignored`);
    return [];
  }
  const iterator = iteratorName(block) ?? type;
  const forEach = block.attributes.entries.find((entry) => entry.key === 'for_each');
  const elements = forEach === undefined ? undefined : elementsOf(evaluateNode(forEach.value, scope));
  const keySpan = typeSpan(block);
  if (elements === undefined) {
    const bindings = withBinding(scope, iterator, unknown(''), unknown(''));
    const node = buildBody(content, bindings, path, warn);
    return [{ type, keySpan, node: { ...node, tag: 'dynamic' } }];
  }
  if (elements.length > MAX_INSTANCES) {
    warn(`${where}: dynamic "${type}" has ${elements.length} elements; only the first ${MAX_INSTANCES} are scanned`);
  }
  const budget = scope.module.budget;
  if (budget !== undefined) {
    budget.blocks -= Math.min(elements.length, MAX_INSTANCES);
    if (budget.blocks < 0) {
      // Nested dynamic blocks multiply; past the budget, the block is judged as one of unknown count.
      if (!budget.exhausted) warn(`${where}: dynamic blocks expand to too many blocks; the rest are judged as unknown`);
      budget.exhausted = true;
      const bindings = withBinding(scope, iterator, unknown(''), unknown(''));
      return [{ type, keySpan, node: { ...buildBody(content, bindings, path, warn), tag: 'dynamic' } }];
    }
  }
  return elements.slice(0, MAX_INSTANCES).map(([key, value]) => ({
    type,
    keySpan,
    node: buildBody(content, withBinding(scope, iterator, key, value), path, warn),
  }));
}

/** `iterator = rule` names the iterator; it is written as a bare word. */
function iteratorName(block: TerraformBlock): string | undefined {
  const node: TreeNode | undefined = block.attributes.entries.find((entry) => entry.key === 'iterator')?.value;
  return node?.kind === 'expression' ? node.text.trim() : undefined;
}

/**
 * Keys and values a dynamic block iterates: list indexes or map keys.
 * Undefined when unknown. A list with unknown elements still has a known length.
 */
function elementsOf(value: Value): Array<[Value, Value]> | undefined {
  if (Array.isArray(value)) {
    // NOTE: toset() results are lists here, so a set's elements get index keys instead of their own values.
    return value.map((item, index) => [index, item]);
  }
  if (value instanceof Map) return [...value.entries()].sort(([a], [b]) => compareText(a, b));
  return undefined;
}

function withBinding(scope: Scope, name: string, key: Value, value: Value): Scope {
  const bindings = new Map(scope.bindings);
  bindings.set(name, new Map<string, Value>([['key', key], ['value', value]]));
  return { module: scope.module, bindings };
}
