import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadJsonDocument } from '../../../../src/scanners/iac/documents/json.js';
import { entryOf, IacParseError, type Span, type TreeNode } from '../../../../src/scanners/iac/tree.js';

function span(startLine: number, startColumn: number, endLine: number, endColumn: number): Span {
  return { startLine, startColumn, endLine, endColumn };
}

function valueAt(node: TreeNode | undefined, key: string): TreeNode {
  const entry = entryOf(node, key);
  assert.ok(entry, `no key ${key}`);
  return entry.value;
}

function itemAt(node: TreeNode, index: number): TreeNode {
  assert.equal(node.kind, 'list');
  const item = node.kind === 'list' ? node.items[index] : undefined;
  assert.ok(item, `no item ${index}`);
  return item;
}

const KUBECTL_LIST = `{
    "apiVersion": "v1",
    "items": [
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "name": "web-0",
                "namespace": "default"
            },
            "spec": {
                "hostNetwork": true,
                "containers": [
                    {
                        "image": "nginx:1.27",
                        "name": "web"
                    }
                ]
            }
        }
    ],
    "kind": "List",
    "metadata": {
        "resourceVersion": ""
    }
}
`;

const ARM_TEMPLATE = `{
  // Deploys one storage account.
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  /* The name is derived
     from the resource group. */
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts",
      "name": "[concat('store', uniqueString(resourceGroup().id))]",
      "properties": {
        "supportsHttpsTrafficOnly": false, // must be true
        "minimumTlsVersion": "TLS1_0",
      },
    },
  ],
}
`;

describe('loadJsonDocument', () => {
  it('loads kubectl List output', () => {
    const document = loadJsonDocument('live/pods.json', KUBECTL_LIST);
    assert.equal(document.path, 'live/pods.json');
    assert.equal(document.index, 0);
    assert.deepEqual(valueAt(document.root, 'kind'), { kind: 'scalar', span: span(22, 13, 22, 19), value: 'List' });
    const pod = itemAt(valueAt(document.root, 'items'), 0);
    assert.deepEqual(pod.span, span(4, 9, 20, 10));
    const hostNetwork = entryOf(valueAt(pod, 'spec'), 'hostNetwork')!;
    assert.deepEqual(hostNetwork.keySpan, span(12, 17, 12, 30));
    assert.deepEqual(hostNetwork.value, { kind: 'scalar', span: span(12, 32, 12, 36), value: true });
    const container = itemAt(valueAt(valueAt(pod, 'spec'), 'containers'), 0);
    assert.deepEqual(valueAt(container, 'image'), { kind: 'scalar', span: span(15, 34, 15, 46), value: 'nginx:1.27' });
    assert.deepEqual(valueAt(valueAt(document.root, 'metadata'), 'resourceVersion').span, span(24, 28, 24, 30));
  });

  it('accepts ARM comments and trailing commas', () => {
    const document = loadJsonDocument('azure/storage.json', ARM_TEMPLATE);
    const resource = itemAt(valueAt(document.root, 'resources'), 0);
    assert.deepEqual(valueAt(resource, 'name'), {
      kind: 'scalar',
      span: span(10, 15, 10, 68),
      value: "[concat('store', uniqueString(resourceGroup().id))]",
    });
    const https = entryOf(valueAt(resource, 'properties'), 'supportsHttpsTrafficOnly')!;
    assert.deepEqual(https.keySpan, span(12, 9, 12, 35));
    assert.deepEqual(https.value, { kind: 'scalar', span: span(12, 37, 12, 42), value: false });
    const properties = valueAt(resource, 'properties');
    assert.deepEqual(properties.kind === 'map' ? properties.entries.map((entry) => entry.key) : [], [
      'supportsHttpsTrafficOnly',
      'minimumTlsVersion',
    ]);
  });

  it('keeps one entry for a repeated key: the last, at its own place', () => {
    const document = loadJsonDocument('dup.json', '{"a": 1, "a": 2}');
    assert.deepEqual(
      document.root.kind === 'map' ? document.root.entries.map((entry) => [entry.key, entry.keySpan.startColumn]) : [],
      [['a', 10]],
    );
  });

  it('decodes escaped keys and values', () => {
    const document = loadJsonDocument('esc.json', '{"a\\"b": "\\u00e9\\n", "n": -1.5e2, "z": null}');
    const entry = entryOf(document.root, 'a"b')!;
    assert.deepEqual(entry.keySpan, span(1, 2, 1, 8));
    assert.deepEqual(entry.value, { kind: 'scalar', span: span(1, 10, 1, 20), value: 'é\n' });
    assert.deepEqual(valueAt(document.root, 'n'), { kind: 'scalar', span: span(1, 27, 1, 33), value: -150 });
    assert.deepEqual(valueAt(document.root, 'z'), { kind: 'scalar', span: span(1, 40, 1, 44), value: null });
  });

  it('loads a scalar root', () => {
    assert.deepEqual(loadJsonDocument('s.json', ' "x" ').root, { kind: 'scalar', span: span(1, 2, 1, 5), value: 'x' });
  });

  it('reports malformed files with line', () => {
    const cases: Array<[string, string]> = [
      ['{\n  "a": 1\n  "b": 2\n}', 'bad.json:3: invalid JSON: comma expected at column 3'],
      ['{\n  "a": \n}', 'bad.json:3: invalid JSON: value expected at column 1'],
      ["{\n  'a': 1\n}", 'bad.json:2: invalid JSON: unexpected character at column 3'],
      ['{\n  a: 1\n}', 'bad.json:2: invalid JSON: unexpected character at column 3'],
      ['{\n  "a": "open\n}', 'bad.json:2: invalid JSON: unterminated string at column 8'],
      ['{"a": [1, 2}\n', 'bad.json:1: invalid JSON: comma expected at column 12'],
      ['{"a": 1\n\n', 'bad.json:1: invalid JSON: closing brace expected at column 7'],
      ['', 'bad.json:1: invalid JSON: value expected at column 1'],
      ['{"a": 1} {"b": 2}', 'bad.json:1: invalid JSON: end of file expected after the value at column 10'],
      ['{"a": 1 /* open', 'bad.json:1: invalid JSON: unterminated comment at column 9'],
    ];
    for (const [text, message] of cases) {
      assert.throws(
        () => loadJsonDocument('bad.json', text),
        (error: unknown) => error instanceof IacParseError && error.message === message,
        `${JSON.stringify(text)} should fail with ${message}`,
      );
    }
  });
});

describe('loadJsonDocument: repeated keys', () => {
  it('keeps the last value of a repeated key, as Kubernetes reads it', () => {
    const doc = loadJsonDocument('pod.json', '{"securityContext": {"privileged": false, "privileged": true}}');
    const context = doc.root.kind === 'map' ? doc.root.entries[0]?.value : undefined;
    assert.equal(context?.kind, 'map');
    const entries = context?.kind === 'map' ? context.entries : [];
    assert.equal(entries.length, 1);
    assert.deepEqual(entries[0]?.value.kind === 'scalar' ? entries[0].value.value : undefined, true);
  });
});
