/**
 * Finds the pod template inside a Kubernetes workload and the containers
 * inside a pod spec, so that one rule covers Pods, Deployments and CronJobs.
 */
import type { IacResource } from '../resource.js';
import { entryOf, type Span, type TreeNode } from '../tree.js';
import { stringOf } from './nodes.js';

/** The map keys from the object root to the pod spec, by workload kind. */
export const POD_SPEC_PATHS: ReadonlyMap<string, readonly string[]> = new Map([
  ['Pod', ['spec']],
  ['PodTemplate', ['template', 'spec']],
  ['Deployment', ['spec', 'template', 'spec']],
  ['StatefulSet', ['spec', 'template', 'spec']],
  ['DaemonSet', ['spec', 'template', 'spec']],
  ['ReplicaSet', ['spec', 'template', 'spec']],
  ['ReplicationController', ['spec', 'template', 'spec']],
  ['Job', ['spec', 'template', 'spec']],
  ['CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec']],
]);

export interface PodSpecLocation {
  /** The pod spec map. */
  spec: TreeNode;
  /** Map keys from the object root to `spec`: `['spec', 'template', 'spec']`. */
  path: string[];
}

/**
 * Returns the pod spec of a Kubernetes workload: `spec` of a Pod,
 * `spec.template.spec` of Deployments, StatefulSets, DaemonSets,
 * ReplicaSets, ReplicationControllers and Jobs, `template.spec` of a
 * PodTemplate and `spec.jobTemplate.spec.template.spec` of a CronJob.
 * Returns undefined for other kinds and when the path is missing or is
 * not a map. The kind is matched whatever the apiVersion, so
 * `batch/v1beta1` CronJobs and `extensions/v1beta1` Deployments count too.
 */
export function podSpecOf(resource: IacResource): PodSpecLocation | undefined {
  if (resource.format !== 'kubernetes') return undefined;
  const path = POD_SPEC_PATHS.get(resource.type);
  if (path === undefined) return undefined;
  let node: TreeNode | undefined = resource.body;
  for (const key of path) node = entryOf(node, key)?.value;
  return node?.kind === 'map' ? { spec: node, path: [...path] } : undefined;
}

export type ContainerKind = 'container' | 'initContainer' | 'ephemeralContainer';

export interface ContainerRef {
  kind: ContainerKind;
  /** The `name` field; undefined when it is missing or not a string. */
  name: string | undefined;
  /** Position in its list. */
  index: number;
  /** The container map. */
  node: TreeNode;
  span: Span;
  /** Map keys and list indexes from the pod spec: `['initContainers', '0']`. */
  path: string[];
}

const CONTAINER_LISTS: ReadonlyArray<readonly [string, ContainerKind]> = [
  ['initContainers', 'initContainer'],
  ['containers', 'container'],
  ['ephemeralContainers', 'ephemeralContainer'],
];

/**
 * Lists the containers of a pod spec: initContainers, then containers, then
 * ephemeralContainers, each in written order. Entries that are not maps are
 * left out, and a list field that is not a list gives nothing.
 */
export function containersOf(podSpec: TreeNode): ContainerRef[] {
  const found: ContainerRef[] = [];
  for (const [key, kind] of CONTAINER_LISTS) {
    const list = entryOf(podSpec, key)?.value;
    if (list?.kind !== 'list') continue;
    list.items.forEach((node, index) => {
      if (node.kind !== 'map') return;
      const name = stringOf(entryOf(node, 'name')?.value);
      found.push({ kind, name, index, node, span: node.span, path: [key, String(index)] });
    });
  }
  return found;
}
