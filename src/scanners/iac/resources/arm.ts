/**
 * Turns an Azure Resource Manager template into resources: one per entry of
 * `resources`, including the child resources nested inside a resource.
 */
import type { IacResource } from '../resource.js';
import { entryOf, type MapEntry, type ParsedDocument, type Scalar, type Span, type TreeNode } from '../tree.js';
import { evaluateArmExpression, isArmExpression, type ArmScope } from './arm-expressions.js';
import { describeNode, entrySpan, stringOf, warningAt, withoutKeys, type ResourceExtraction } from './nodes.js';

/** An ARM resource with its declaration as written. */
export interface ArmResource extends IacResource {
  format: 'arm';
  /** The resource object as written, nested `resources` included. */
  declaration: TreeNode;
  /** Address of the resource this one is nested in. */
  parent?: string;
}

/** Checks whether `resource` came from armResources. */
export function isArmResource(resource: IacResource): resource is ArmResource {
  return resource.format === 'arm' && 'declaration' in resource;
}

/** A resource declaration waiting to be read, with the parent it is nested in. */
interface Pending {
  node: TreeNode;
  span: Span;
  parent?: ArmResource;
}

const NESTED = new Set(['resources']);

/**
 * Extracts one resource per entry of `resources`, whether written as a list
 * or, in languageVersion 2.0, as a map of symbolic names, and per entry of
 * a resource's own nested `resources`. The body is the resource object
 * without its nested `resources`: rules read `properties.X`, `sku.name`,
 * `kind`, `apiVersion` and `location` with the paths the ARM schema uses.
 * Strings in the body that are ARM expressions (`[parameters('https')]`)
 * become their value when evaluateArmExpression can compute it, keeping their span,
 * and expression nodes otherwise. A string starting with `[[` becomes the
 * literal without its first `[`. The type and name of a nested resource
 * are joined to its parent's when written short (`blobServices`,
 * `default`). The address is the resource name, evaluated when possible and
 * kept as written otherwise: `storeabc`, `storeabc/default`.
 */
export function armResources(doc: ParsedDocument): ResourceExtraction {
  const result: ResourceExtraction = { resources: [], warnings: [] };
  const root = doc.root;
  if (root.kind !== 'map') {
    result.warnings.push(warningAt(doc.path, root.span, `expected an ARM template object, found ${describeNode(root)}`));
    return result;
  }
  const scope = scopeOf(root);
  const pending = declarationsIn(doc, entryOf(root, 'resources')?.value, undefined, result.warnings);
  const seen = new Set<string>();
  for (let at = 0; at < pending.length; at++) {
    const next = pending[at]!;
    const resource = toResource(doc, next, scope, result.warnings);
    if (resource === undefined) continue;
    if (seen.has(resource.address)) {
      result.warnings.push(warningAt(doc.path, resource.span, `resource address ${resource.address} is declared twice`));
    }
    seen.add(resource.address);
    result.resources.push(resource);
    pending.push(...declarationsIn(doc, entryOf(resource.declaration, 'resources')?.value, resource, result.warnings));
  }
  return result;
}

function declarationsIn(
  doc: ParsedDocument,
  node: TreeNode | undefined,
  parent: ArmResource | undefined,
  warnings: string[],
): Pending[] {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return [];
  const withParent = parent === undefined ? {} : { parent };
  if (node.kind === 'list') return node.items.map((item) => ({ node: item, span: item.span, ...withParent }));
  if (node.kind === 'map') {
    return node.entries.map((entry) => ({ node: entry.value, span: entrySpan(entry), ...withParent }));
  }
  warnings.push(warningAt(doc.path, node.span, `resources must be a list or a map, found ${describeNode(node)}`));
  return [];
}

function toResource(doc: ParsedDocument, pending: Pending, scope: ArmScope, warnings: string[]): ArmResource | undefined {
  const node = pending.node;
  const type = resolvedString(entryOf(node, 'type')?.value, scope);
  const name = resolvedString(entryOf(node, 'name')?.value, scope);
  if (node.kind !== 'map' || type === undefined || name === undefined) {
    let problem = 'has no name string';
    if (node.kind !== 'map') problem = 'is not an object';
    else if (type === undefined) problem = 'has no type string';
    warnings.push(warningAt(doc.path, pending.span, `skipped an ARM resource that ${problem}`));
    return undefined;
  }
  const parent = pending.parent;
  const fullType = parent === undefined || type.includes('/') ? type : `${parent.type}/${type}`;
  const address = parent === undefined || name.includes('/') ? name : `${parent.address}/${name}`;
  return {
    format: 'arm',
    type: fullType,
    address,
    path: doc.path,
    span: pending.span,
    body: resolveExpressions(withoutKeys(node, NESTED), scope, new Map()),
    declaration: node,
    ...(parent === undefined ? {} : { parent: parent.address }),
  };
}

/** Returns a string field evaluated when it is a known expression, as written when not, and undefined when it is not a string. */
function resolvedString(node: TreeNode | undefined, scope: ArmScope): string | undefined {
  const text = stringOf(node);
  if (text === undefined || text === '') return undefined;
  if (!isArmExpression(text)) return text.startsWith('[[') ? text.slice(1) : text;
  const value = evaluateArmExpression(text, scope);
  return typeof value === 'string' && value !== '' ? value : text;
}

function resolveExpressions(node: TreeNode, scope: ArmScope, done: Map<TreeNode, TreeNode>): TreeNode {
  const cached = done.get(node);
  if (cached !== undefined) return cached;
  let rewritten: TreeNode = node;
  if (node.kind === 'map') {
    const entries = node.entries.map((entry): MapEntry => ({ ...entry, value: resolveExpressions(entry.value, scope, done) }));
    rewritten = { ...node, entries };
  } else if (node.kind === 'list') {
    rewritten = { ...node, items: node.items.map((item) => resolveExpressions(item, scope, done)) };
  } else if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.startsWith('[')) {
    rewritten = resolveString(node.value, node.span, scope);
  }
  done.set(node, rewritten);
  return rewritten;
}

function resolveString(text: string, span: Span, scope: ArmScope): TreeNode {
  if (!isArmExpression(text)) return { kind: 'scalar', span, value: text.startsWith('[[') ? text.slice(1) : text };
  const value = evaluateArmExpression(text, scope);
  return value === undefined ? { kind: 'expression', span, text } : { kind: 'scalar', span, value };
}

function scopeOf(root: TreeNode): ArmScope {
  const parameters = new Map<string, Scalar>();
  const declared = entryOf(root, 'parameters')?.value;
  if (declared?.kind === 'map') {
    for (const entry of declared.entries) {
      const value = entryOf(entry.value, 'defaultValue')?.value;
      if (value?.kind !== 'scalar' || value.value === null) continue;
      // A default may itself be an expression, such as [resourceGroup().location].
      if (typeof value.value === 'string' && isArmExpression(value.value)) continue;
      parameters.set(entry.key.toLowerCase(), value.value);
    }
  }
  const variables = new Map<string, TreeNode>();
  const written = entryOf(root, 'variables')?.value;
  if (written?.kind === 'map') for (const entry of written.entries) variables.set(entry.key.toLowerCase(), entry.value);
  return { parameters, variables };
}
