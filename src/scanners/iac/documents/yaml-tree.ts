import { isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';
import { IacParseError, type MapEntry, type Scalar, type Span, type TreeNode } from '../tree.js';
import { CLOUDFORMATION_TAGS } from './cloudformation-tags.js';
import { MAX_ALIAS_NODES } from './limits.js';
import { lineOfOffset, spanOfRange } from './spans.js';

type MapItem = { entry: MapEntry } | { merged: TreeNode[] };

/**
 * Builds TreeNodes from the nodes the yaml package composed for one file.
 * Aliases return the anchored TreeNode itself, shared and not copied, so
 * the nodes they bring in keep the spans of the anchor's definition. Merge
 * keys (`<<`) are applied here because the yaml package would only apply
 * them when converting to plain JavaScript, which loses all positions.
 * Recursion depth is bounded by the nesting check that runs before composing.
 */
export class YamlTreeBuilder {
  private anchors = new Map<string, TreeNode>();
  private open = new Set<string>();
  private readonly sizes = new WeakMap<TreeNode, number>();
  /** Nodes added by aliases and merge keys so far, across the whole file. */
  private aliasNodes = 0;

  constructor(
    private readonly path: string,
    private readonly text: string,
    private readonly lines: LineCounter,
  ) {}

  /** Converts the root of one document. Anchors do not carry over between documents. */
  buildDocument(root: Node): TreeNode {
    this.anchors = new Map();
    this.open = new Set();
    return this.build(root);
  }

  private build(node: Node): TreeNode {
    if (isAlias(node)) return this.resolveAlias(node.source, node.range?.[0] ?? 0);
    const anchor = node.anchor;
    if (anchor !== undefined) this.open.add(anchor);
    const tree = this.buildUnaliased(node);
    if (anchor !== undefined) {
      this.open.delete(anchor);
      this.anchors.set(anchor, tree);
    }
    return tree;
  }

  private buildUnaliased(node: Node): TreeNode {
    const tag = node.tag;
    if (tag !== undefined && CLOUDFORMATION_TAGS.has(tag)) return this.buildExpression(node, tag);
    if (isMap(node)) return this.buildMap(node.items as Array<Pair<Node | null, Node | null>>, node);
    if (isSeq(node)) {
      const items = (node.items as Array<Node | null>).map((item) => this.buildOrNull(item, node));
      return this.sized({ kind: 'list', span: this.spanOf(node), items, ...tagged(tag) }, sum(items, this.sizes));
    }
    if (isScalar(node)) {
      return this.sized({ kind: 'scalar', span: this.spanOf(node), value: scalarValue(node.value), ...tagged(tag) }, 0);
    }
    throw this.error(node.range?.[0] ?? 0, 'unsupported YAML node type; report this file as a Rampart bug');
  }

  /**
   * Keeps a CloudFormation short-form function as an expression. `text` is
   * the decoded string for a scalar (`!Ref Bucket` gives `Bucket`) and the
   * source as written for a list or map (`!Join [":", [a, b]]`).
   */
  private buildExpression(node: Node, tag: string): TreeNode {
    const range = node.range ?? [0, 0, 0];
    const text = isScalar(node) ? String(node.value ?? '') : this.text.slice(range[0], range[1]).trimEnd();
    const start = this.tagStart(range[0], tag);
    const span = spanOfRange(this.lines, this.text, start, range[1]);
    return this.sized({ kind: 'expression', span, text, tag }, 0);
  }

  private buildMap(pairs: Array<Pair<Node | null, Node | null>>, node: Node): TreeNode {
    const items: MapItem[] = [];
    for (const pair of pairs) {
      const value = this.buildOrNull(pair.value, pair.key ?? node);
      if (isMergeKey(pair.key)) {
        items.push({ merged: this.mergeSources(value, pair.key.range?.[0] ?? 0) });
        continue;
      }
      items.push({ entry: { key: this.keyText(pair.key), keySpan: this.keySpan(pair.key, node), value } });
    }
    const entries = this.applyMerges(items);
    const map: TreeNode = { kind: 'map', span: this.spanOf(node), entries, ...tagged(node.tag) };
    return this.sized(map, sumEntries(entries, this.sizes));
  }

  /**
   * Lays out entries in source order, with the entries of merged maps at
   * the place of their `<<` key. A key written in the map wins over a merged
   * one, and an earlier merged map wins over a later one, as the YAML merge
   * key type defines. A key written twice keeps one entry, with its last
   * value, as kubectl and the other YAML readers of these formats do.
   */
  private applyMerges(items: MapItem[]): MapEntry[] {
    const written = new Set<string>();
    for (const item of items) if ('entry' in item) written.add(item.entry.key);
    const merged = new Set<string>();
    const entries: MapEntry[] = [];
    const positions = new Map<string, number>();
    for (const item of items) {
      if ('entry' in item) {
        const earlier = positions.get(item.entry.key);
        if (earlier === undefined) {
          positions.set(item.entry.key, entries.length);
          entries.push(item.entry);
        } else {
          entries[earlier] = item.entry;
        }
        continue;
      }
      for (const source of item.merged) {
        if (source.kind !== 'map') continue;
        for (const entry of source.entries) {
          if (written.has(entry.key) || merged.has(entry.key)) continue;
          merged.add(entry.key);
          entries.push(entry);
          this.countAliasNodes(this.sizes.get(entry.value) ?? 1, entry.keySpan.startLine);
        }
      }
    }
    return entries;
  }

  private mergeSources(value: TreeNode, keyOffset: number): TreeNode[] {
    if (value.kind === 'map') return [value];
    if (value.kind === 'list' && value.items.every((item) => item.kind === 'map')) return value.items;
    throw this.error(keyOffset, 'invalid merge key: the value of << must be a map or a list of maps');
  }

  private resolveAlias(name: string, offset: number): TreeNode {
    if (this.open.has(name)) throw this.error(offset, `invalid alias *${name}: it refers to a node that contains it`);
    const target = this.anchors.get(name);
    if (target === undefined) throw this.error(offset, `invalid alias *${name}: no anchor &${name} before it`);
    this.countAliasNodes(this.sizes.get(target) ?? 1, lineOfOffset(this.lines, offset));
    return target;
  }

  private countAliasNodes(count: number, line: number): void {
    this.aliasNodes += count;
    if (this.aliasNodes > MAX_ALIAS_NODES) {
      throw new IacParseError(
        this.path,
        line,
        `YAML aliases expand to more than ${MAX_ALIAS_NODES} nodes; remove the alias bomb or expand the anchors by hand`,
      );
    }
  }

  private buildOrNull(node: Node | null, near: Node): TreeNode {
    if (node !== null) return this.build(node);
    const offset = near.range?.[1] ?? 0;
    return this.sized({ kind: 'scalar', span: spanOfRange(this.lines, this.text, offset, offset), value: null }, 0);
  }

  /** Returns the key as a string: a plain scalar as written (`0x1F`, `~`), a quoted one decoded. */
  private keyText(key: Node | null): string {
    if (key === null) return '';
    if (isAlias(key)) {
      const target = this.resolveAlias(key.source, key.range?.[0] ?? 0);
      return target.kind === 'scalar' ? String(target.value) : '';
    }
    if (isScalar(key)) {
      if (typeof key.value === 'string') return key.value;
      return key.source ?? String(key.value);
    }
    const range = key.range ?? [0, 0, 0];
    return this.text.slice(range[0], range[1]).trimEnd();
  }

  private keySpan(key: Node | null, map: Node): Span {
    if (key !== null) return this.spanOf(key);
    const offset = map.range?.[0] ?? 0;
    return spanOfRange(this.lines, this.text, offset, offset);
  }

  /** Finds the offset of `tag` when only blanks separate it from the value at `valueStart`. */
  private tagStart(valueStart: number, tag: string): number {
    const found = this.text.lastIndexOf(tag, valueStart - tag.length);
    if (found < 0) return valueStart;
    const gap = this.text.slice(found + tag.length, valueStart);
    return gap.trim() === '' ? found : valueStart;
  }

  private spanOf(node: Node): Span {
    const range = node.range ?? [0, 0, 0];
    return spanOfRange(this.lines, this.text, range[0], range[1]);
  }

  private sized(tree: TreeNode, children: number): TreeNode {
    this.sizes.set(tree, 1 + children);
    return tree;
  }

  private error(offset: number, message: string): IacParseError {
    return new IacParseError(this.path, lineOfOffset(this.lines, offset), message);
  }
}

function isMergeKey(key: Node | null): key is Node {
  return isScalar(key) && key.type === 'PLAIN' && key.source === '<<';
}

function tagged(tag: string | undefined): { tag?: string } {
  return tag === undefined ? {} : { tag };
}

/** Narrows what the yaml package resolved to the Scalar type of the tree. */
function scalarValue(value: unknown): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function sum(nodes: TreeNode[], sizes: WeakMap<TreeNode, number>): number {
  let total = 0;
  for (const node of nodes) total += sizes.get(node) ?? 1;
  return total;
}

function sumEntries(entries: MapEntry[], sizes: WeakMap<TreeNode, number>): number {
  let total = 0;
  for (const entry of entries) total += sizes.get(entry.value) ?? 1;
  return total;
}
