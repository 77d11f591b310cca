import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectKind } from '../../../../src/scanners/iac/documents/detect.js';

const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n';

describe('detectKind', () => {
  it('detects Kubernetes YAML', () => {
    assert.equal(detectKind('k8s/web.yaml', DEPLOYMENT), 'kubernetes');
    assert.equal(detectKind('k8s/quoted.yml', '"apiVersion": "v1"\n\'kind\': Pod # pod\n'), 'kubernetes');
  });

  it('detects a later Kubernetes document', () => {
    const text = '# generated\nfoo: bar\n---\n' + DEPLOYMENT;
    assert.equal(detectKind('k8s/all.yaml', text), 'kubernetes');
  });

  it('detects kubectl List output', () => {
    const yaml = 'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\nkind: List\nmetadata:\n  resourceVersion: ""\n';
    assert.equal(detectKind('live.yaml', yaml), 'kubernetes-list');
    const json = '{\n  "apiVersion": "v1",\n  "items": [{"kind": "Pod", "apiVersion": "v1"}],\n  "kind": "List"\n}';
    assert.equal(detectKind('live.json', json), 'kubernetes-list');
    assert.equal(detectKind('pods.json', '{"apiVersion": "v1", "kind": "PodList", "items": []}'), 'kubernetes-list');
  });

  it('ignores nested kind keys', () => {
    assert.equal(detectKind('x.json', '{"data": {"apiVersion": "v1", "kind": "Pod"}}'), undefined);
    assert.equal(detectKind('x.yaml', 'data:\n  apiVersion: v1\n  kind: Pod\n'), undefined);
  });

  it('detects CloudFormation', () => {
    assert.equal(detectKind('cfn.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n'), 'cloudformation');
    const resourcesOnly = 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n';
    assert.equal(detectKind('stack.yml', resourcesOnly), 'cloudformation');
    const json = '{"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}}';
    assert.equal(detectKind('stack.template', json), 'cloudformation');
    assert.equal(detectKind('other.yaml', 'Resources:\n  cpu: 2\n'), undefined);
  });

  it('detects ARM templates', () => {
    const schemas = [
      'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
    ];
    for (const schema of schemas) {
      const text = `// comment\n{\n  "$schema": "${schema}",\n  "resources": []\n}`;
      assert.equal(detectKind('azure/main.json', text), 'arm', schema);
    }
    assert.equal(detectKind('other.json', '{"$schema": "https://json.schemastore.org/package.json"}'), undefined);
  });

  it('detects Compose files', () => {
    for (const name of ['docker-compose.yml', 'docker-compose.prod.yaml', 'compose.yaml', 'compose-dev.yml']) {
      assert.equal(detectKind(`app/${name}`, 'x: 1\n'), 'compose', name);
    }
    assert.equal(detectKind('composer.yaml', 'x: 1\n'), undefined);
    assert.equal(detectKind('stack.yaml', 'services:\n  web:\n    image: nginx\n'), 'compose');
    assert.equal(detectKind('stack.yaml', 'services: 3\n'), undefined);
  });

  it('detects Terraform plans', () => {
    const plan = '{"format_version": "1.2", "terraform_version": "1.9.0", "planned_values": {"root_module": {}}}';
    assert.equal(detectKind('tfplan.json', plan), 'terraform-plan');
    const changes = '{"format_version": "1.2", "resource_changes": []}';
    assert.equal(detectKind('plan.json', changes), 'terraform-plan');
  });

  it('detects Terraform state', () => {
    const raw = '{"version": 4, "terraform_version": "1.9.0", "resources": [{"type": "aws_s3_bucket", "instances": []}]}';
    assert.equal(detectKind('terraform.tfstate', raw), 'terraform-state');
    const showJson = '{"format_version": "1.0", "values": {"root_module": {"resources": []}}}';
    assert.equal(detectKind('state.json', showJson), 'terraform-state');
    assert.equal(detectKind('other.json', '{"version": 4, "resources": []}'), undefined);
  });

  it('detects Helm templates and values', () => {
    const template = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n';
    assert.equal(detectKind('charts/web/templates/service.yaml', template), 'helm-template');
    assert.equal(detectKind('charts/web/templates/_helpers.tpl', '{{- define "x" -}}{{- end -}}'), 'helm-template');
    assert.equal(detectKind('charts/web/templates/plain.yaml', DEPLOYMENT), 'kubernetes');
    assert.equal(detectKind('charts/web/values.yaml', 'replicaCount: 1\n', { insideHelmChart: true }), 'helm-values');
    assert.equal(detectKind('charts/web/values.yaml', 'replicaCount: 1\n'), undefined);
  });

  it('tells CloudFormation templates from Helm', () => {
    const dynamic = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      MasterUserPassword: "{{resolve:ssm-secure:pw:1}}"\n';
    assert.equal(detectKind('infra/templates/db.yaml', dynamic), 'cloudformation');
    const workflow = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  ref: "${{ github.sha }}"\n';
    assert.equal(detectKind('ci/templates/cm.yaml', workflow), 'kubernetes');
    const template = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n';
    assert.equal(detectKind('other/templates/svc.yaml', template, { insideHelmChart: false }), 'kubernetes');
  });

  it('returns undefined for other files', () => {
    assert.equal(detectKind('config.yaml', 'name: x\n'), undefined);
    assert.equal(detectKind('empty.yaml', ''), undefined);
    assert.equal(detectKind('list.json', '[{"apiVersion": "v1", "kind": "Pod"}]'), undefined);
    assert.equal(detectKind('broken.json', '{"apiVersion": '), undefined);
  });

  it('scans large files quickly', () => {
    const items = Array.from({ length: 100_000 }, (_, index) => `- name: item-${index}\n  kind: Thing`).join('\n');
    const text = `apiVersion: v1\nitems:\n${items}\nkind: List\n`;
    const started = performance.now();
    assert.equal(detectKind('big.yaml', text), 'kubernetes-list');
    assert.ok(performance.now() - started < 5_000);
  });
});
