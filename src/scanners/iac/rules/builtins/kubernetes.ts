/**
 * Builtin checks of the kubernetes rules (see index.ts), named `kubernetes-*`.
 * They cover what a data condition cannot express. One is a container's
 * effective security context: its own setting, else the pod's. Others are
 * the deprecated seccomp and AppArmor annotations, keyed by container name,
 * and links to other objects of the scan by name and namespace.
 */
import type { IacResource } from '../../resource.js';
import { containersOf, podSpecOf, type ContainerRef } from '../../resources/kubernetes-workloads.js';
import { entryOf, type Span, type TreeNode } from '../../tree.js';
import { headerSpan, type Builtin, type EvalContext, type Outcome, type ResourceIndex } from '../evaluate.js';

/** Namespaces that Kubernetes itself creates and manages, which rules about application namespaces skip. */
const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/** Kinds that carry a pod template, as in POD_SPEC_PATHS. */
const WORKLOAD_KINDS = ['Pod', 'PodTemplate', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'];

/** A setting found in the tree: its value and where it is written. */
interface Setting {
  value: TreeNode;
  span: Span;
}

function settingAt(node: TreeNode | undefined, ...keys: string[]): Setting | undefined {
  let current = node;
  let span: Span | undefined;
  for (const key of keys) {
    const entry = entryOf(current, key);
    if (entry === undefined) return undefined;
    current = entry.value;
    span = { ...entry.value.span, startLine: entry.keySpan.startLine, startColumn: entry.keySpan.startColumn };
  }
  return current === undefined || span === undefined ? undefined : { value: current, span };
}

function scalarOf(setting: Setting | undefined): string | number | boolean | null | undefined {
  return setting?.value.kind === 'scalar' ? setting.value.value : undefined;
}

function isTrue(setting: Setting | undefined): boolean {
  const value = scalarOf(setting);
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

function isFalse(setting: Setting | undefined): boolean {
  const value = scalarOf(setting);
  return value === false || (typeof value === 'string' && value.toLowerCase() === 'false');
}

function numberOf(setting: Setting | undefined): number | undefined {
  const value = scalarOf(setting);
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

function textOf(setting: Setting | undefined): string | undefined {
  const value = scalarOf(setting);
  return typeof value === 'string' ? value : undefined;
}

/** The pod spec of the judged workload, its containers and the annotations of its pod template. */
interface Workload {
  spec: TreeNode;
  containers: ContainerRef[];
  annotations: TreeNode | undefined;
}

function workloadOf(resource: IacResource): Workload | undefined {
  const location = podSpecOf(resource);
  if (location === undefined) return undefined;
  // The pod template's metadata sits next to its spec: spec.template.metadata beside spec.template.spec.
  let metadata: TreeNode | undefined = resource.body;
  for (const key of [...location.path.slice(0, -1), 'metadata']) metadata = entryOf(metadata, key)?.value;
  return { spec: location.spec, containers: containersOf(location.spec), annotations: entryOf(metadata, 'annotations')?.value };
}

function describeContainer(container: ContainerRef): string {
  return `${container.kind} ${container.name === undefined ? `#${container.index + 1}` : `"${container.name}"`}`;
}

function containerHeader(container: ContainerRef): Span {
  const { startLine, startColumn } = container.span;
  return { startLine, startColumn, endLine: startLine, endColumn: startColumn + 1 };
}

/** Returns the first failing container's outcome, or a pass when no container fails or there is none. */
function everyContainer(context: EvalContext, judge: (container: ContainerRef, workload: Workload) => Outcome): Outcome {
  const workload = workloadOf(context.resource);
  if (workload === undefined) return { result: 'pass', span: headerSpan(context.resource) };
  for (const container of workload.containers) {
    const outcome = judge(container, workload);
    if (outcome.result !== 'pass') return outcome;
  }
  return { result: 'pass', span: headerSpan(context.resource), seen: 'every container is configured' };
}

/** Returns the securityContext field that applies to a container: its own setting, else the pod's. */
function effective(container: ContainerRef, workload: Workload, ...keys: string[]): { setting: Setting; level: 'container' | 'pod' } | undefined {
  const own = settingAt(container.node, 'securityContext', ...keys);
  if (own !== undefined && !(own.value.kind === 'scalar' && own.value.value === null)) return { setting: own, level: 'container' };
  const pod = settingAt(workload.spec, 'securityContext', ...keys);
  if (pod !== undefined && !(pod.value.kind === 'scalar' && pod.value.value === null)) return { setting: pod, level: 'pod' };
  return undefined;
}

/**
 * Passes when every container runs as a non-root user: runAsNonRoot is
 * true, or runAsUser is a number above 0, each read from the container's
 * securityContext and else from the pod's.
 */
const runsAsNonRoot: Builtin = (_node, context) =>
  everyContainer(context, (container, workload) => {
    const nonRoot = effective(container, workload, 'runAsNonRoot');
    const user = effective(container, workload, 'runAsUser');
    if (nonRoot !== undefined && isTrue(nonRoot.setting)) return { result: 'pass' };
    const uid = user === undefined ? undefined : numberOf(user.setting);
    if (uid !== undefined && uid > 0) return { result: 'pass' };
    const label = describeContainer(container);
    if (nonRoot !== undefined && isFalse(nonRoot.setting)) {
      return { result: 'fail', span: nonRoot.setting.span, seen: `${label}: runAsNonRoot is false (${nonRoot.level} securityContext)` };
    }
    if (user !== undefined && uid === 0) {
      return { result: 'fail', span: user.setting.span, seen: `${label}: runAsUser is 0 (${user.level} securityContext)` };
    }
    return { result: 'fail', span: containerHeader(container), seen: `${label}: neither runAsNonRoot: true nor a runAsUser above 0 is set` };
  });

/** Fails when a container's effective runAsUser is 0. */
const runsAsUserRoot: Builtin = (_node, context) =>
  everyContainer(context, (container, workload) => {
    const user = effective(container, workload, 'runAsUser');
    if (user === undefined || numberOf(user.setting) !== 0) return { result: 'pass' };
    return { result: 'fail', span: user.setting.span, seen: `${describeContainer(container)}: runAsUser is 0 (${user.level} securityContext)` };
  });

/** A profile decision from a field or an annotation. */
interface Profile {
  /** The profile as written: `RuntimeDefault`, `runtime/default`, `Unconfined`. */
  value: string;
  span: Span;
  source: string;
}

function annotation(workload: Workload, key: string): Setting | undefined {
  return settingAt(workload.annotations, key);
}

function profileOf(setting: Setting | undefined, source: string): Profile | undefined {
  const value = textOf(setting);
  return value === undefined || setting === undefined ? undefined : { value, span: setting.span, source };
}

/**
 * Returns the seccomp profile a container runs with, taking the sources in
 * the order the kubelet applied them while it still read the annotations:
 * the container's field, the container's annotation, the pod's field, the
 * pod's annotation. Kubernetes 1.19 replaced the annotations with the field,
 * and later releases ignore them.
 */
function seccompOf(container: ContainerRef, workload: Workload): Profile | undefined {
  return (
    profileOf(settingAt(container.node, 'securityContext', 'seccompProfile', 'type'), 'container securityContext') ??
    (container.name === undefined
      ? undefined
      : profileOf(annotation(workload, `container.seccomp.security.alpha.kubernetes.io/${container.name}`), 'container annotation')) ??
    profileOf(settingAt(workload.spec, 'securityContext', 'seccompProfile', 'type'), 'pod securityContext') ??
    profileOf(annotation(workload, 'seccomp.security.alpha.kubernetes.io/pod'), 'pod annotation')
  );
}

/** RuntimeDefault and Localhost as fields, or runtime/default, docker/default and localhost/<file> as annotations. */
function confinedSeccomp(value: string): boolean {
  return value === 'RuntimeDefault' || value === 'Localhost' || value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

/** Passes when every container runs with the RuntimeDefault or a Localhost seccomp profile. */
const seccompConfined: Builtin = (_node, context) =>
  everyContainer(context, (container, workload) => {
    const profile = seccompOf(container, workload);
    const label = describeContainer(container);
    if (profile === undefined) return { result: 'fail', span: containerHeader(container), seen: `${label}: no seccomp profile is set, so it runs Unconfined` };
    if (confinedSeccomp(profile.value)) return { result: 'pass' };
    return { result: 'fail', span: profile.span, seen: `${label}: seccomp profile is ${JSON.stringify(profile.value)} (${profile.source})` };
  });

/** Fails when a container's AppArmor profile is Unconfined, from its field, its annotation or the pod's field. */
const appArmorNotUnconfined: Builtin = (_node, context) =>
  everyContainer(context, (container, workload) => {
    const profile =
      profileOf(settingAt(container.node, 'securityContext', 'appArmorProfile', 'type'), 'container securityContext') ??
      (container.name === undefined
        ? undefined
        : profileOf(annotation(workload, `container.apparmor.security.beta.kubernetes.io/${container.name}`), 'container annotation')) ??
      profileOf(settingAt(workload.spec, 'securityContext', 'appArmorProfile', 'type'), 'pod securityContext');
    if (profile === undefined || profile.value.toLowerCase() !== 'unconfined') return { result: 'pass' };
    return { result: 'fail', span: profile.span, seen: `${describeContainer(container)}: AppArmor profile is ${JSON.stringify(profile.value)} (${profile.source})` };
  });

function namespaceOf(resource: IacResource): string {
  const namespace = textOf(settingAt(resource.body, 'metadata', 'namespace'));
  return namespace === undefined || namespace === '' ? 'default' : namespace;
}

function nameOf(resource: IacResource): string | undefined {
  return textOf(settingAt(resource.body, 'metadata', 'name'));
}

function kubernetesObjects(context: EvalContext, kind: string): IacResource[] {
  return context.resources.byType(kind).filter((other) => other.format === 'kubernetes');
}

/**
 * Passes when the pod does not get a service account token mounted: the
 * pod spec sets automountServiceAccountToken to false, or leaves it out and
 * the pod's ServiceAccount (same name and namespace, found in the scan)
 * sets it to false. The pod's own setting wins over the ServiceAccount's.
 */
const serviceAccountTokenNotMounted: Builtin = (_node, context) => {
  const workload = workloadOf(context.resource);
  const header = headerSpan(context.resource);
  if (workload === undefined) return { result: 'pass', span: header };
  const own = settingAt(workload.spec, 'automountServiceAccountToken');
  if (isFalse(own)) return { result: 'pass', span: own?.span ?? header };
  if (own !== undefined && isTrue(own)) return { result: 'fail', span: own.span, seen: 'automountServiceAccountToken is true' };
  const account = textOf(settingAt(workload.spec, 'serviceAccountName')) ?? textOf(settingAt(workload.spec, 'serviceAccount')) ?? 'default';
  const namespace = namespaceOf(context.resource);
  const found = kubernetesObjects(context, 'ServiceAccount').find((other) => nameOf(other) === account && namespaceOf(other) === namespace);
  if (found === undefined) {
    return { result: 'fail', span: header, seen: `automountServiceAccountToken is not set, and ServiceAccount ${namespace}/${account} is not in the scan` };
  }
  if (isFalse(settingAt(found.body, 'automountServiceAccountToken'))) return { result: 'pass', span: header };
  return {
    result: 'fail',
    span: header,
    seen: `automountServiceAccountToken is not set, and ServiceAccount ${namespace}/${account} (${found.path}:${found.span.startLine}) does not set it to false`,
  };
};

function comesBefore(a: IacResource, b: IacResource): boolean {
  if (a.path !== b.path) return a.path < b.path;
  if (a.span.startLine !== b.span.startLine) return a.span.startLine < b.span.startLine;
  return a.address < b.address;
}

/** The first workload of each namespace, per scan, so that large exports are indexed once and not once per workload. */
const firstWorkloads = new WeakMap<ResourceIndex, Map<string, IacResource>>();

function firstWorkloadIn(context: EvalContext, namespace: string): IacResource | undefined {
  let byNamespace = firstWorkloads.get(context.resources);
  if (byNamespace === undefined) {
    byNamespace = new Map();
    for (const workload of WORKLOAD_KINDS.flatMap((kind) => kubernetesObjects(context, kind))) {
      const key = namespaceOf(workload);
      const earliest = byNamespace.get(key);
      if (earliest === undefined || comesBefore(workload, earliest)) byNamespace.set(key, workload);
    }
    firstWorkloads.set(context.resources, byNamespace);
  }
  return byNamespace.get(namespace);
}

/**
 * Passes when the namespace of the judged object has a NetworkPolicy in the
 * scan. To report each namespace once, a Namespace object reports for its
 * namespace; when the scan has none, the first workload of the namespace
 * (by path, then line) reports and the other workloads pass. System
 * namespaces pass.
 */
const namespaceHasNetworkPolicy: Builtin = (_node, context) => {
  const self = context.resource;
  const header = headerSpan(self);
  const isNamespace = self.type === 'Namespace';
  const namespace = isNamespace ? nameOf(self) : namespaceOf(self);
  if (namespace === undefined || SYSTEM_NAMESPACES.has(namespace)) return { result: 'pass', span: header };
  if (kubernetesObjects(context, 'NetworkPolicy').some((policy) => namespaceOf(policy) === namespace)) {
    return { result: 'pass', span: header, seen: `namespace ${namespace} has a NetworkPolicy` };
  }
  if (!isNamespace) {
    if (kubernetesObjects(context, 'Namespace').some((object) => nameOf(object) === namespace)) return { result: 'pass', span: header };
    const first = firstWorkloadIn(context, namespace);
    if (first !== undefined && first !== self) return { result: 'pass', span: header, seen: `${first.address} reports namespace ${namespace}` };
  }
  return { result: 'fail', span: header, seen: `namespace ${namespace} has no NetworkPolicy in the scan` };
};

export const KUBERNETES_BUILTINS: Record<string, Builtin> = {
  'kubernetes-run-as-non-root': runsAsNonRoot,
  'kubernetes-run-as-user-not-root': runsAsUserRoot,
  'kubernetes-seccomp-confined': seccompConfined,
  'kubernetes-apparmor-not-unconfined': appArmorNotUnconfined,
  'kubernetes-service-account-token-not-mounted': serviceAccountTokenNotMounted,
  'kubernetes-namespace-has-network-policy': namespaceHasNetworkPolicy,
};
