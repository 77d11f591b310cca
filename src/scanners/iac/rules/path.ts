/**
 * Paths into a resource tree, as rules write them: `a.b.c`, `*` for every
 * item of a list or value of a map, `x[]` for "x as a list" (the items
 * when x is a list, else x itself), `["key.with.dots"]` for keys with dots
 * or slashes, and `@json` to read a string as a JSON document. On a
 * Kubernetes object, `@pod` selects the pod spec of any workload kind and
 * `@containers` its init, regular and ephemeral containers.
 *
 * Walking a path never throws. A key applied to a list applies to each
 * item, as Terraform writes a repeated block as a list. An expression met
 * on the way stops the walk with an unknown hit: the value is known only
 * at deploy time.
 */
import { containersOf, POD_SPEC_PATHS } from '../resources/kubernetes-workloads.js';
import { entryOf, type Span, type TreeNode } from '../tree.js';

export type PathSegment =
  | { kind: 'key'; key: string }
  | { kind: 'each' }
  | { kind: 'as-list'; key?: string }
  | { kind: 'json' }
  | { kind: 'pod' }
  | { kind: 'containers' };

/** One node a path selected, or the expression that stopped the walk. */
export interface Hit {
  node: TreeNode;
  /** The span of the key that selected the node, when it came from a map entry. */
  keySpan?: Span;
  /** The walk passed a Terraform `dynamic` block whose `for_each` is unknown: it may produce no block at all. */
  dynamic: boolean;
  /** True when `node` is an expression met before the end of the path. */
  stopped: boolean;
}

const cache = new Map<string, PathSegment[]>();

/** Parses a path; throws Error with a message naming the problem. */
export function parsePath(path: string): PathSegment[] {
  const cached = cache.get(path);
  if (cached !== undefined) return cached;
  const segments: PathSegment[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`path "${path}": ${what}`);
  };
  while (i < path.length) {
    if (path[i] === '[' && path[i + 1] === '"') {
      const close = path.indexOf('"]', i + 2);
      if (close === -1) fail('a ["key"] is not closed');
      segments.push({ kind: 'key', key: path.slice(i + 2, close) });
      i = close + 2;
    } else {
      let end = i;
      while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
      const word = path.slice(i, end);
      if (word === '') fail(`empty segment at character ${i + 1}`);
      if (word === '*') segments.push({ kind: 'each' });
      else if (word === '@json') segments.push({ kind: 'json' });
      else if (word === '@pod') segments.push({ kind: 'pod' });
      else if (word === '@containers') segments.push({ kind: 'containers' });
      else if (word.startsWith('@')) fail(`unknown selector "${word}"; use @json, @pod or @containers`);
      else segments.push({ kind: 'key', key: word });
      i = end;
    }
    if (path.startsWith('[]', i)) {
      const last = segments.pop();
      if (last?.kind !== 'key') fail('[] must follow a key');
      segments.push({ kind: 'as-list', key: (last as { key: string }).key });
      i += 2;
    }
    if (i < path.length) {
      if (path[i] === '.') {
        i++;
        if (i === path.length) fail('ends with a dot');
      } else if (!(path[i] === '[' && path[i + 1] === '"')) {
        fail(`unexpected "${path[i]}" at character ${i + 1}`);
      }
    }
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(path, segments);
  return segments;
}

/** Returns the nodes `path` selects from `start`. An empty or absent path selects `start`. */
export function walkPath(start: TreeNode, path: string | undefined): Hit[] {
  // The start node's own dynamic tag is the caller's business (see quantified() in evaluate.ts).
  let hits: Hit[] = [{ node: start, dynamic: false, stopped: false }];
  if (path === undefined || path === '') return hits;
  for (const segment of parsePath(path)) {
    const next: Hit[] = [];
    for (const hit of hits) {
      if (hit.stopped) next.push(hit);
      else step(hit, segment, next);
    }
    hits = next;
    if (hits.length === 0) break;
  }
  return hits;
}

function child(hit: Hit, node: TreeNode, keySpan?: Span): Hit {
  const result: Hit = { node, dynamic: hit.dynamic || node.tag === 'dynamic', stopped: false };
  if (keySpan !== undefined) result.keySpan = keySpan;
  return result;
}

function step(hit: Hit, segment: PathSegment, out: Hit[]): void {
  const node = hit.node;
  if (node.kind === 'expression') {
    out.push({ ...hit, stopped: true });
    return;
  }
  switch (segment.kind) {
    case 'key':
      selectKey(hit, segment.key, out);
      return;
    case 'each':
      if (node.kind === 'list') for (const item of node.items) out.push(child(hit, item));
      else if (node.kind === 'map') for (const entry of node.entries) out.push(child(hit, entry.value, entry.keySpan));
      return;
    case 'as-list': {
      const selected: Hit[] = [];
      selectKey(hit, segment.key as string, selected);
      for (const item of selected) {
        if (item.node.kind === 'list') for (const element of item.node.items) out.push(child(item, element));
        else out.push(item);
      }
      return;
    }
    case 'json':
      out.push(readJson(hit));
      return;
    case 'pod': {
      const spec = podSpec(node);
      if (spec !== undefined) out.push(child(hit, spec));
      return;
    }
    case 'containers': {
      const spec = podSpec(node);
      if (spec !== undefined) for (const container of containersOf(spec)) out.push(child(hit, container.node));
      return;
    }
  }
}

function selectKey(hit: Hit, key: string, out: Hit[]): void {
  const node = hit.node;
  if (node.kind === 'map') {
    const entry = node.entries.find((candidate) => candidate.key === key);
    if (entry !== undefined) out.push(child(hit, entry.value, entry.keySpan));
    return;
  }
  if (node.kind === 'list') {
    for (const item of node.items) {
      if (item.kind === 'expression') out.push({ ...child(hit, item), stopped: true });
      else selectKey(child(hit, item), key, out);
    }
    return;
  }
  if (node.kind === 'expression') out.push({ ...hit, stopped: true });
}

/** Returns the pod spec of a Kubernetes workload object, found by its kind. */
function podSpec(object: TreeNode): TreeNode | undefined {
  const kind = entryOf(object, 'kind')?.value;
  const keys = kind?.kind === 'scalar' && typeof kind.value === 'string' ? POD_SPEC_PATHS.get(kind.value) : undefined;
  if (keys === undefined) return undefined;
  let node: TreeNode | undefined = object;
  for (const key of keys) node = entryOf(node, key)?.value;
  return node?.kind === 'map' ? node : undefined;
}

/** Maximum length of a string read as JSON. A policy document is a few kilobytes. */
const MAX_JSON = 1_000_000;

function readJson(hit: Hit): Hit {
  const node = hit.node;
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return hit;
  const text = node.value;
  if (text.length > MAX_JSON) return { ...hit, node: { kind: 'expression', span: node.span, text: '(JSON too long)' }, stopped: true };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ...hit, node: { kind: 'expression', span: node.span, text: shorten(text) }, stopped: true };
  }
  return { ...hit, node: fromPlain(parsed, node.span, 0) };
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Converts a plain JSON value to a tree whose nodes all carry `span`. */
export function fromPlain(value: unknown, span: Span, depth: number): TreeNode {
  if (depth > 64) return { kind: 'expression', span, text: '(nested too deeply)' };
  if (Array.isArray(value)) return { kind: 'list', span, items: value.map((item) => fromPlain(item, span, depth + 1)) };
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => ({
      key,
      keySpan: span,
      value: fromPlain(item, span, depth + 1),
    }));
    return { kind: 'map', span, entries };
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return { kind: 'scalar', span, value };
  }
  return { kind: 'scalar', span, value: null };
}
