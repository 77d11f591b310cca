/** Helpers shared by the iac tests for reading positioned trees and resources. */
import assert from 'node:assert/strict';
import type { IacResource } from '../../../src/scanners/iac/resource.js';
import { entryOf, type Span, type TreeNode } from '../../../src/scanners/iac/tree.js';

export function span(startLine: number, startColumn: number, endLine: number, endColumn: number): Span {
  return { startLine, startColumn, endLine, endColumn };
}

/** Follow map keys (and, in lists, indexes written as numbers) from `root`; undefined when one is missing. */
export function valueAt(root: TreeNode | undefined, ...keys: string[]): TreeNode | undefined {
  let node: TreeNode | undefined = root;
  for (const key of keys) {
    if (node?.kind === 'list') node = node.items[Number(key)];
    else node = entryOf(node, key)?.value;
  }
  return node;
}

/** Follow keys and list indexes from `node`, failing the test when one is missing. */
export function at(node: TreeNode, ...path: Array<string | number>): TreeNode {
  let current = node;
  for (const step of path) {
    if (typeof step === 'number') {
      assert.equal(current.kind, 'list', `expected a list at ${step}`);
      const item = current.kind === 'list' ? current.items[step] : undefined;
      assert.ok(item, `no item ${step}`);
      current = item;
    } else {
      const entry = entryOf(current, step);
      assert.ok(entry, `no key ${step}`);
      current = entry.value;
    }
  }
  return current;
}

export function byAddress(resources: readonly IacResource[], address: string): IacResource {
  const found = resources.find((resource) => resource.address === address);
  assert.ok(found, `no resource ${address} in ${resources.map((resource) => resource.address).join(', ')}`);
  return found;
}

export function scalar(node: TreeNode): unknown {
  assert.equal(node.kind, 'scalar', `expected a scalar, got ${JSON.stringify(node)}`);
  return node.kind === 'scalar' ? node.value : undefined;
}

export function expression(node: TreeNode): string | undefined {
  assert.equal(node.kind, 'expression', `expected an expression, got ${JSON.stringify(node)}`);
  return node.kind === 'expression' ? node.text : undefined;
}
