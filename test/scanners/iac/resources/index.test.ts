import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectKind } from '../../../../src/scanners/iac/documents/detect.js';
import { loadJsonDocument } from '../../../../src/scanners/iac/documents/json.js';
import { loadYamlDocuments } from '../../../../src/scanners/iac/documents/yaml.js';
import { resourcesOfDocument } from '../../../../src/scanners/iac/resources/index.js';

function addresses(path: string, text: string): string[] {
  const kind = detectKind(path, text);
  assert.ok(kind, `no kind for ${path}`);
  const documents = path.endsWith('.json') ? [loadJsonDocument(path, text)] : loadYamlDocuments(path, text);
  return documents.flatMap((doc) => resourcesOfDocument(doc, kind).resources.map((resource) => `${resource.format} ${resource.address}`));
}

describe('resourcesOfDocument', () => {
  it('dispatches on the detected kind', () => {
    assert.deepEqual(addresses('k8s/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n'), ['kubernetes v1/Pod/default/p']);
    assert.deepEqual(addresses('compose.yaml', 'services:\n  db: {image: postgres}\n'), ['compose services.db']);
    assert.deepEqual(addresses('cfn.json', '{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}'), ['cloudformation Q']);
    const arm = '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [{"type": "Microsoft.Web/sites", "name": "app"}]}';
    assert.deepEqual(addresses('main.json', arm), ['arm app']);
    const plan = '{"format_version": "1.2", "planned_values": {}}';
    assert.deepEqual(addresses('plan.json', plan), []);
  });

  it('handles a large exported list', () => {
    const items = Array.from({ length: 20_000 }, (_, index) => `{"kind": "Pod", "metadata": {"name": "p${index}"}}`);
    const text = `{"apiVersion": "v1", "kind": "PodList", "items": [${items.join(',')}]}`;
    const started = Date.now();
    const found = addresses('pods.json', text);
    assert.equal(found.length, 20_000);
    assert.equal(found[19_999], 'kubernetes v1/Pod/default/p19999');
    assert.ok(Date.now() - started < 5_000);
  });
});
