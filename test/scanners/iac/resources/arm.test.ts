import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadJsonDocument } from '../../../../src/scanners/iac/documents/json.js';
import { armResources, isArmResource, type ArmResource } from '../../../../src/scanners/iac/resources/arm.js';
import { evaluateArmExpression, type ArmScope } from '../../../../src/scanners/iac/resources/arm-expressions.js';
import { entryOf, type TreeNode } from '../../../../src/scanners/iac/tree.js';
import { span, valueAt } from '../tree-helpers.js';

const TEMPLATE = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": {
    "StorageName": {"type": "string", "defaultValue": "shoplogs"},
    "httpsOnly": {"type": "bool", "defaultValue": false},
    "location": {"type": "string", "defaultValue": "[resourceGroup().location]"},
    "tlsVersion": {"type": "string"}
  },
  "variables": {"suffix": "[toLower('-DATA')]"},
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-01-01",
      "name": "[parameters('storageName')]",
      "location": "[parameters('location')]",
      "sku": {"name": "Standard_LRS"},
      "kind": "StorageV2",
      "properties": {
        "supportsHttpsTrafficOnly": "[parameters('httpsOnly')]",
        "minimumTlsVersion": "[parameters('tlsVersion')]",
        "note": "[[not an expression]"
      },
      "resources": [
        {
          "type": "blobServices",
          "apiVersion": "2023-01-01",
          "name": "default",
          "properties": {},
          "resources": [
            {"type": "containers", "name": "[concat('logs', variables('suffix'))]", "properties": {"publicAccess": "Blob"}}
          ]
        }
      ]
    },
    {
      "type": "Microsoft.Storage/storageAccounts/blobServices/containers",
      "name": "shoplogs/default/archive",
      "properties": {"publicAccess": "None"}
    }
  ]
}`;

describe('armResources', () => {
  it('addresses nested resources', () => {
    const { resources, warnings } = armResources(loadJsonDocument('azure/main.json', TEMPLATE));
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      resources.map((resource) => [resource.address, resource.type]),
      [
        ['shoplogs', 'Microsoft.Storage/storageAccounts'],
        ['shoplogs/default/archive', 'Microsoft.Storage/storageAccounts/blobServices/containers'],
        ['shoplogs/default', 'Microsoft.Storage/storageAccounts/blobServices'],
        ['shoplogs/default/logs-data', 'Microsoft.Storage/storageAccounts/blobServices/containers'],
      ],
    );
    const parents = resources.map((resource) => (isArmResource(resource) ? resource.parent : 'not arm'));
    assert.deepEqual(parents, [undefined, undefined, 'shoplogs', 'shoplogs/default']);
    assert.deepEqual(resources[0]!.span, span(11, 5, 34, 6));
    assert.deepEqual(resources[3]!.span, span(30, 13, 30, 124));
  });

  it('resolves expressions in the body', () => {
    const account = armResources(loadJsonDocument('azure/main.json', TEMPLATE)).resources[0]!;
    assert.equal(entryOf(account.body, 'resources'), undefined);
    assert.deepEqual(valueAt(account.body, 'properties', 'supportsHttpsTrafficOnly'), {
      kind: 'scalar',
      span: span(19, 37, 19, 64),
      value: false,
    });
    assert.deepEqual(valueAt(account.body, 'properties', 'minimumTlsVersion'), {
      kind: 'expression',
      span: span(20, 30, 20, 58),
      text: "[parameters('tlsVersion')]",
    });
    const location = valueAt(account.body, 'location');
    assert.equal(location?.kind === 'expression' ? location.text : undefined, "[parameters('location')]");
    const note = valueAt(account.body, 'properties', 'note');
    assert.equal(note?.kind === 'scalar' ? note.value : undefined, '[not an expression]');
    const sku = valueAt(account.body, 'sku', 'name');
    assert.equal(sku?.kind === 'scalar' ? sku.value : undefined, 'Standard_LRS');
    const declaration = (account as ArmResource).declaration;
    assert.equal(valueAt(declaration, 'resources')?.kind, 'list');
  });

  it('reads symbolic-name resources', () => {
    const text = '{"languageVersion": "2.0", "resources": {"vault": {"type": "Microsoft.KeyVault/vaults", "name": "kv1"}}}';
    const { resources, warnings } = armResources(loadJsonDocument('kv.json', text));
    assert.deepEqual(warnings, []);
    assert.equal(resources[0]!.address, 'kv1');
    assert.deepEqual(resources[0]!.span, span(1, 42, 1, 103));
  });

  it('warns on malformed resources', () => {
    const text = `{
  "resources": [
    3,
    {"name": "untyped"},
    {"type": "Microsoft.Web/sites"},
    {"type": "Microsoft.Web/sites", "name": "app", "resources": "none"},
    {"type": "Microsoft.Web/serverfarms", "name": "app"}
  ]
}`;
    const { resources, warnings } = armResources(loadJsonDocument('bad.json', text));
    assert.deepEqual(warnings, [
      'bad.json:3: skipped an ARM resource that is not an object',
      'bad.json:4: skipped an ARM resource that has no type string',
      'bad.json:5: skipped an ARM resource that has no name string',
      'bad.json:6: resources must be a list or a map, found a string',
      'bad.json:7: resource address app is declared twice',
    ]);
    assert.deepEqual(
      resources.map((resource) => resource.type),
      ['Microsoft.Web/sites', 'Microsoft.Web/serverfarms'],
    );
    assert.deepEqual(armResources(loadJsonDocument('l.json', '[1]')).warnings, [
      'l.json:1: expected an ARM template object, found a list',
    ]);
  });
});

function scope(parameters: Record<string, string | number | boolean>, variables: Record<string, string> = {}): ArmScope {
  const variableNodes = new Map<string, TreeNode>();
  for (const [name, value] of Object.entries(variables)) {
    variableNodes.set(name.toLowerCase(), { kind: 'scalar', span: span(1, 1, 1, 1), value });
  }
  const parameterValues = new Map(Object.entries(parameters).map(([name, value]) => [name.toLowerCase(), value]));
  return { parameters: parameterValues, variables: variableNodes };
}

describe('evaluateArmExpression', () => {
  it('evaluates the supported functions', () => {
    const names = scope({ prefix: 'Shop', count: 3 }, { base: "[concat(parameters('prefix'), '-x')]" });
    assert.equal(evaluateArmExpression("[parameters('Prefix')]", names), 'Shop');
    assert.equal(evaluateArmExpression("[concat(toLower(parameters('prefix')), '''s', parameters('count'))]", names), "shop's3");
    assert.equal(evaluateArmExpression("[toUpper(variables('base'))]", names), 'SHOP-X');
    assert.equal(evaluateArmExpression("[ concat( 'a' , 'b' ) ]", names), 'ab');
  });

  it('leaves deployment values unknown', () => {
    const names = scope({ prefix: 'Shop' });
    for (const text of [
      '[resourceGroup().location]',
      "[parameters('missing')]",
      "[concat('a', uniqueString(resourceGroup().id))]",
      "[parameters('prefix').length]",
      "[concat('a'",
      "[concat('a' 'b')]",
      '[]',
      "['unterminated]",
      '[-]',
    ]) {
      assert.equal(evaluateArmExpression(text, names), undefined, text);
    }
  });

  it('stops on hostile expressions', () => {
    const deep = `[${'concat('.repeat(5_000)}'a'${')'.repeat(5_000)}]`;
    assert.equal(evaluateArmExpression(deep, scope({})), undefined);
    const variables: Record<string, string> = { v40: 'x' };
    for (let level = 0; level < 40; level++) {
      variables[`v${level}`] = `[concat(variables('v${level + 1}'), variables('v${level + 1}'))]`;
    }
    variables.loop = "[variables('loop')]";
    const started = Date.now();
    assert.equal(evaluateArmExpression("[variables('v0')]", scope({}, variables)), undefined);
    assert.equal(evaluateArmExpression("[variables('loop')]", scope({}, variables)), undefined);
    assert.ok(Date.now() - started < 1_000);
  });
});
