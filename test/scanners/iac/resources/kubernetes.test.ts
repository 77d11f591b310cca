import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadJsonDocument } from '../../../../src/scanners/iac/documents/json.js';
import { loadYamlDocuments } from '../../../../src/scanners/iac/documents/yaml.js';
import { kubernetesResources } from '../../../../src/scanners/iac/resources/kubernetes.js';
import { containersOf, podSpecOf } from '../../../../src/scanners/iac/resources/kubernetes-workloads.js';
import type { ResourceExtraction } from '../../../../src/scanners/iac/resources/nodes.js';
import { span, valueAt } from '../tree-helpers.js';

function fromYaml(text: string): ResourceExtraction {
  const all: ResourceExtraction = { resources: [], warnings: [] };
  for (const doc of loadYamlDocuments('k8s/app.yaml', text)) {
    const found = kubernetesResources(doc);
    all.resources.push(...found.resources);
    all.warnings.push(...found.warnings);
  }
  return all;
}

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  template:
    spec:
      initContainers:
      - name: migrate
        image: shop/migrate:1.2
      containers:
      - name: api
        image: shop/api:latest
        securityContext:
          privileged: true
      - name: sidecar
        image: envoy
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  ports: [{port: 80}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: backup, namespace: ops}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: backup
            image: busybox
          ephemeralContainers:
          - name: debug
            image: busybox
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
---
apiVersion: v1
kind: List
items:
- apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    name: reader
    namespace: ignored
- apiVersion: example.com/v1
  kind: Widget
  metadata:
    name: blue
`;

describe('kubernetesResources', () => {
  it('addresses every manifest object', () => {
    const { resources, warnings } = fromYaml(MANIFEST);
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      resources.map((resource) => [resource.type, resource.address]),
      [
        ['Deployment', 'apps/v1/Deployment/shop/api'],
        ['Service', 'v1/Service/default/api'],
        ['CronJob', 'batch/v1/CronJob/ops/backup'],
        ['CustomResourceDefinition', 'apiextensions.k8s.io/v1/CustomResourceDefinition/widgets.example.com'],
        ['ClusterRole', 'rbac.authorization.k8s.io/v1/ClusterRole/reader'],
        ['Widget', 'example.com/v1/Widget/default/blue'],
      ],
    );
    for (const resource of resources) {
      assert.equal(resource.format, 'kubernetes');
      assert.equal(resource.path, 'k8s/app.yaml');
    }
  });

  it('gives object spans and bodies', () => {
    const { resources } = fromYaml(MANIFEST);
    const [deployment, service, , , clusterRole] = resources;
    assert.deepEqual(deployment!.span, span(1, 1, 18, 21));
    assert.deepEqual(service!.span, span(20, 1, 25, 22));
    assert.deepEqual(clusterRole!.span, span(52, 3, 56, 23));
    assert.equal(deployment!.body.kind, 'map');
    const name = valueAt(service!.body, 'metadata', 'name');
    assert.equal(name?.kind === 'scalar' ? name.value : undefined, 'api');
    assert.deepEqual(name?.span, span(23, 9, 23, 12));
  });

  it('finds pod specs by kind', () => {
    const { resources } = fromYaml(MANIFEST);
    const [deployment, service, cronJob] = resources;
    const deploymentSpec = podSpecOf(deployment!);
    assert.deepEqual(deploymentSpec?.path, ['spec', 'template', 'spec']);
    assert.deepEqual(deploymentSpec?.spec.span.startLine, 9);
    assert.equal(podSpecOf(service!), undefined);
    assert.deepEqual(podSpecOf(cronJob!)?.path, ['spec', 'jobTemplate', 'spec', 'template', 'spec']);
  });

  it('lists containers of every kind', () => {
    const { resources } = fromYaml(MANIFEST);
    const deploymentSpec = podSpecOf(resources[0]!)!.spec;
    const containers = containersOf(deploymentSpec);
    assert.deepEqual(
      containers.map((container) => [container.kind, container.name, container.index, container.path.join('.')]),
      [
        ['initContainer', 'migrate', 0, 'initContainers.0'],
        ['container', 'api', 0, 'containers.0'],
        ['container', 'sidecar', 1, 'containers.1'],
      ],
    );
    assert.deepEqual(containers[1]!.span, span(13, 9, 16, 27));
    const privileged = valueAt(containers[1]!.node, 'securityContext', 'privileged');
    assert.equal(privileged?.kind === 'scalar' ? privileged.value : undefined, true);
    const cronContainers = containersOf(podSpecOf(resources[2]!)!.spec);
    assert.deepEqual(
      cronContainers.map((container) => [container.kind, container.name]),
      [
        ['container', 'backup'],
        ['ephemeralContainer', 'debug'],
      ],
    );
  });

  it('reads a Pod and a bare pod spec', () => {
    const { resources } = fromYaml('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: "none"\n');
    const pod = podSpecOf(resources[0]!);
    assert.deepEqual(pod?.path, ['spec']);
    assert.deepEqual(containersOf(pod!.spec), []);
    const job = fromYaml('apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec: {template: 3}\n');
    assert.equal(podSpecOf(job.resources[0]!), undefined);
  });
});

const EXPORT = `{
  "apiVersion": "v1",
  "kind": "List",
  "items": [
    {
      "apiVersion": "apps/v1",
      "kind": "DaemonSet",
      "metadata": {
        "name": "agent",
        "namespace": "kube-system",
        "managedFields": [{"manager": "kubectl", "fieldsV1": {"f:spec": {}}}],
        "uid": "7d4c"
      },
      "spec": {"template": {"spec": {"hostNetwork": true, "containers": [{"name": "agent", "image": "agent:1"}]}}},
      "status": {"numberReady": 3}
    },
    {
      "apiVersion": "v1",
      "kind": "Namespace",
      "metadata": {"name": "prod"}
    }
  ],
  "metadata": {"resourceVersion": ""}
}`;

describe('kubernetesResources on exports', () => {
  it('expands kubectl JSON output', () => {
    const { resources, warnings } = kubernetesResources(loadJsonDocument('live/all.json', EXPORT));
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      resources.map((resource) => resource.address),
      ['apps/v1/DaemonSet/kube-system/agent', 'v1/Namespace/prod'],
    );
    assert.deepEqual(resources[0]!.span, span(5, 5, 16, 6));
    const metadata = valueAt(resources[0]!.body, 'metadata');
    assert.deepEqual(
      metadata?.kind === 'map' ? metadata.entries.map((entry) => entry.key) : [],
      ['name', 'namespace', 'uid'],
    );
    const hostNetwork = valueAt(podSpecOf(resources[0]!)!.spec, 'hostNetwork');
    assert.equal(hostNetwork?.kind === 'scalar' ? hostNetwork.value : undefined, true);
    assert.deepEqual(hostNetwork?.span, span(14, 53, 14, 57));
  });

  it('fills kinds of typed lists', () => {
    const text = '{"apiVersion": "v1", "kind": "PodList", "items": [{"metadata": {"name": "web-1", "namespace": "shop"}, "spec": {}}]}';
    const { resources, warnings } = kubernetesResources(loadJsonDocument('pods.json', text));
    assert.deepEqual(warnings, []);
    assert.equal(resources[0]!.type, 'Pod');
    assert.equal(resources[0]!.address, 'v1/Pod/shop/web-1');
  });

  it('warns on malformed objects', () => {
    const text = [
      'apiVersion: v1\nkind: List\nitems: {a: 1}',
      'apiVersion: v1\nmetadata: {name: x}',
      '- just\n- a list',
      'apiVersion: v1\nkind: ConfigMap\ndata: {}',
      'apiVersion: v1\nkind: List\nitems:\n- 3\n- apiVersion: v1\n  kind: List\n  items: []\n- kind: Secret\n  apiVersion: v1\n  metadata: {generateName: tmp-}',
    ].join('\n---\n');
    const { resources, warnings } = fromYaml(text);
    assert.deepEqual(warnings, [
      'k8s/app.yaml:3: List items must be a list, found a map',
      'k8s/app.yaml:5: skipped a Kubernetes object without kind',
      'k8s/app.yaml:8: expected a Kubernetes object, found a list',
      'k8s/app.yaml:11: ConfigMap has no metadata.name; addressed as unnamed-3',
      'k8s/app.yaml:18: List item 0 must be a map, found a number',
      'k8s/app.yaml:19: skipped List nested inside List: lists inside lists are not expanded',
    ]);
    assert.deepEqual(
      resources.map((resource) => resource.address),
      ['v1/ConfigMap/default/unnamed-3', 'v1/Secret/default/tmp-'],
    );
  });
});

describe('kubernetesResources: tool configuration', () => {
  it('skips kustomization, kube-scheduler and Skaffold files without warnings', () => {
    for (const text of [
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\n',
      'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n',
      'apiVersion: skaffold/v4beta6\nkind: Config\n',
    ]) {
      const [doc] = loadYamlDocuments('kustomization.yaml', text);
      assert.ok(doc);
      assert.deepEqual(kubernetesResources(doc), { resources: [], warnings: [] });
    }
  });
});
