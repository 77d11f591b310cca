/**
 * Reads one resource's attribute from another: `cidr_blocks =
 * [aws_vpc.main.cidr_block]` takes the VPC's written CIDR. Terraform
 * evaluation leaves references to other resources as expressions, since
 * most of them (ids, ARNs) exist only after apply; an attribute that the
 * other resource's block writes out as a literal is known, though, and
 * judging it avoids an unknown finding.
 */
import type { IacResource } from '../resource.js';
import { REFERENCE_TAG, type MapEntry, type TreeNode } from '../tree.js';
import { terraformLocalAddress } from '../rules/references.js';

/** `type.name.attribute` or `type.name[key].attribute`, with nothing before or after. */
const REFERENCE = /^([A-Za-z][\w-]*)\.([\w-]+)(\[[^\]]+\])?\.([\w-]+)$/;

/** First words that name something other than a managed resource. */
const NOT_RESOURCES = new Set(['var', 'local', 'data', 'module', 'each', 'count', 'self', 'path', 'terraform']);

/** Returns the resources with such references replaced by the literal they read; other resources are returned as they are. */
export function resolveCrossReferences(resources: IacResource[]): IacResource[] {
  const terraform = resources.filter((resource) => resource.format === 'terraform');
  if (terraform.length === 0) return resources;
  const byLocal = new Map<string, IacResource[]>();
  for (const resource of terraform) {
    const { local } = terraformLocalAddress(resource.address);
    const key = `${resource.scope ?? ''}\0${local}`;
    const list = byLocal.get(key);
    if (list === undefined) byLocal.set(key, [resource]);
    else list.push(resource);
  }
  return resources.map((resource) => {
    if (resource.format !== 'terraform') return resource;
    const body = rewrite(resource.body, resource.scope ?? '', byLocal, 0);
    return body === resource.body ? resource : { ...resource, body };
  });
}

function rewrite(node: TreeNode, scope: string, byLocal: ReadonlyMap<string, IacResource[]>, depth: number): TreeNode {
  if (depth > 64) return node;
  if (node.kind === 'expression') return resolve(node, scope, byLocal) ?? node;
  if (node.kind === 'list') {
    let changed = false;
    const items = node.items.map((item) => {
      const next = rewrite(item, scope, byLocal, depth + 1);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? { ...node, items } : node;
  }
  if (node.kind === 'map') {
    let changed = false;
    const entries = node.entries.map((entry): MapEntry => {
      const value = rewrite(entry.value, scope, byLocal, depth + 1);
      if (value === entry.value) return entry;
      changed = true;
      return { ...entry, value };
    });
    return changed ? { ...node, entries } : node;
  }
  return node;
}

function resolve(node: Extract<TreeNode, { kind: 'expression' }>, scope: string, byLocal: ReadonlyMap<string, IacResource[]>): TreeNode | undefined {
  const match = REFERENCE.exec(node.text.trim());
  if (match === null || NOT_RESOURCES.has(match[1] as string)) return undefined;
  const [, type, name, key, attribute] = match;
  const candidates = byLocal.get(`${scope}\0${type}.${name}`) ?? [];
  const target = key === undefined ? (candidates.length === 1 ? candidates[0] : undefined) : candidates.find((candidate) => candidate.address.endsWith(key));
  if (target === undefined || target.body.kind !== 'map') return undefined;
  const value = target.body.entries.find((entry) => entry.key === attribute)?.value;
  if (value?.kind !== 'scalar') return undefined;
  // The value keeps the place of the reference, so a finding points at the line that uses it, and
  // the reference itself as its tag, so links between resources still see it.
  return { kind: 'scalar', span: node.span, value: value.value, tag: `${REFERENCE_TAG}${node.text.trim()}` };
}
