/**
 * Turns Kubernetes manifests and exported live objects into resources: one
 * per object, with `List` and typed lists (`PodList`) expanded.
 */
import type { IacResource } from '../resource.js';
import { entryOf, type ParsedDocument, type TreeNode } from '../tree.js';
import { CLUSTER_SCOPED_KINDS } from './kubernetes-scope.js';
import { describeNode, stringOf, warningAt, type ResourceExtraction } from './nodes.js';

/** The kind and apiVersion that a typed list gives items written without their own. */
interface ListDefaults {
  kind: string | undefined;
  apiVersion: string | undefined;
}

/**
 * Extracts one resource per Kubernetes object in `doc`. The type is the
 * object's kind and the body is the whole object without
 * `metadata.managedFields`, which live exports carry as server bookkeeping.
 * The address is `apiVersion/kind/namespace/name` (`apps/v1/Deployment/shop/api`),
 * with namespace `default` when it is not written. Cluster-scoped kinds
 * (CLUSTER_SCOPED_KINDS) are addressed `apiVersion/kind/name`. Custom
 * resource definitions and kinds Rampart does not know are kept like any
 * other object, because rules match on type and skip the rest. An object
 * without a name is addressed by `metadata.generateName` or, failing that,
 * by `unnamed-<document>` or `unnamed-<document>-<item>` with a warning.
 * Objects without kind or apiVersion are skipped with a warning.
 */
export function kubernetesResources(doc: ParsedDocument): ResourceExtraction {
  const result: ResourceExtraction = { resources: [], warnings: [] };
  const root = doc.root;
  if (root.kind !== 'map') {
    result.warnings.push(warningAt(doc.path, root.span, `expected a Kubernetes object, found ${describeNode(root)}`));
    return result;
  }
  const kind = stringOf(entryOf(root, 'kind')?.value);
  const items = entryOf(root, 'items');
  if (kind !== undefined && kind.endsWith('List') && items !== undefined) {
    addListItems(doc, root, kind, result);
  } else {
    addObject(doc, root, `${doc.index}`, { kind: undefined, apiVersion: undefined }, result);
  }
  return result;
}

function addListItems(doc: ParsedDocument, list: TreeNode, listKind: string, result: ResourceExtraction): void {
  const items = entryOf(list, 'items')?.value;
  if (items === undefined) return;
  if (items.kind !== 'list') {
    if (items.kind === 'scalar' && items.value === null) return;
    result.warnings.push(warningAt(doc.path, items.span, `${listKind} items must be a list, found ${describeNode(items)}`));
    return;
  }
  // A typed list such as PodList leaves kind and apiVersion out of its items.
  const defaults: ListDefaults = {
    kind: listKind === 'List' ? undefined : listKind.slice(0, -'List'.length),
    apiVersion: stringOf(entryOf(list, 'apiVersion')?.value),
  };
  items.items.forEach((item, position) => {
    if (item.kind !== 'map') {
      result.warnings.push(warningAt(doc.path, item.span, `${listKind} item ${position} must be a map, found ${describeNode(item)}`));
      return;
    }
    const itemKind = stringOf(entryOf(item, 'kind')?.value);
    if (itemKind !== undefined && itemKind.endsWith('List') && entryOf(item, 'items') !== undefined) {
      result.warnings.push(warningAt(doc.path, item.span, `skipped ${itemKind} nested inside ${listKind}: lists inside lists are not expanded`));
      return;
    }
    addObject(doc, item, `${doc.index}-${position}`, defaults, result);
  });
}

function addObject(
  doc: ParsedDocument,
  object: TreeNode,
  position: string,
  defaults: ListDefaults,
  result: ResourceExtraction,
): void {
  const kind = stringOf(entryOf(object, 'kind')?.value) ?? defaults.kind;
  const apiVersion = stringOf(entryOf(object, 'apiVersion')?.value) ?? defaults.apiVersion;
  if (kind === undefined || kind === '' || apiVersion === undefined || apiVersion === '') {
    const missing = kind === undefined || kind === '' ? 'kind' : 'apiVersion';
    result.warnings.push(warningAt(doc.path, object.span, `skipped a Kubernetes object without ${missing}`));
    return;
  }
  if (isToolConfiguration(apiVersion)) return;
  const metadata = entryOf(object, 'metadata')?.value;
  let name = stringOf(entryOf(metadata, 'name')?.value) ?? stringOf(entryOf(metadata, 'generateName')?.value);
  if (name === undefined || name === '') {
    name = `unnamed-${position}`;
    result.warnings.push(warningAt(doc.path, object.span, `${kind} has no metadata.name; addressed as ${name}`));
  }
  const resource: IacResource = {
    format: 'kubernetes',
    type: kind,
    address: addressOf(apiVersion, kind, metadata, name),
    path: doc.path,
    span: object.span,
    body: withoutManagedFields(object),
  };
  result.resources.push(resource);
}

/**
 * Files that look like Kubernetes objects but configure a tool, not the
 * cluster: kustomization.yaml, kube-scheduler and kubelet configuration,
 * Skaffold. They are never applied, so they are skipped without a warning.
 */
function isToolConfiguration(apiVersion: string): boolean {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return group.endsWith('.config.k8s.io') || group === 'skaffold' || group === 'kustomize.config.k8s.io';
}

function addressOf(apiVersion: string, kind: string, metadata: TreeNode | undefined, name: string): string {
  if (CLUSTER_SCOPED_KINDS.has(kind)) return `${apiVersion}/${kind}/${name}`;
  const namespace = stringOf(entryOf(metadata, 'namespace')?.value);
  return `${apiVersion}/${kind}/${namespace === undefined || namespace === '' ? 'default' : namespace}/${name}`;
}

function withoutManagedFields(object: TreeNode): TreeNode {
  if (object.kind !== 'map') return object;
  const metadata = entryOf(object, 'metadata');
  if (metadata === undefined || entryOf(metadata.value, 'managedFields') === undefined) return object;
  const entries = object.entries.map((entry) => {
    if (entry !== metadata || entry.value.kind !== 'map') return entry;
    const kept = entry.value.entries.filter((field) => field.key !== 'managedFields');
    return { ...entry, value: { ...entry.value, entries: kept } };
  });
  return { ...object, entries };
}
