import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadJsonDocument } from '../../../../src/scanners/iac/documents/json.js';
import type { IacResource } from '../../../../src/scanners/iac/resource.js';
import {
  MAX_PLAN_MODULE_DEPTH,
  SENSITIVE_VALUE_TEXT,
  terraformPlanResources,
  UNKNOWN_VALUE_TEXT,
  withoutInstanceKeys,
} from '../../../../src/scanners/iac/resources/terraform-plan.js';
import type { ParsedDocument } from '../../../../src/scanners/iac/tree.js';
import { byAddress, span, valueAt } from '../tree-helpers.js';

/** Line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  assert.notEqual(index, -1, `${needle} not in fixture`);
  return index + 1;
}

const PLAN = `{
  "format_version": "1.2",
  "terraform_version": "1.9.5",
  "planned_values": {
    "root_module": {
      "resources": [
        {
          "address": "aws_s3_bucket.logs",
          "mode": "managed",
          "type": "aws_s3_bucket",
          "name": "logs",
          "provider_name": "registry.terraform.io/hashicorp/aws",
          "schema_version": 0,
          "values": {"bucket": "shop-logs", "force_destroy": false, "tags": {"team": "ops"}},
          "sensitive_values": {"tags": {}}
        },
        {
          "address": "aws_db_instance.main",
          "mode": "managed",
          "type": "aws_db_instance",
          "name": "main",
          "values": {"engine": "postgres", "password": "hunter2-planned", "storage_encrypted": true},
          "sensitive_values": {"password": true}
        },
        {
          "address": "data.aws_iam_policy_document.read",
          "mode": "data",
          "type": "aws_iam_policy_document",
          "name": "read",
          "values": {"statement": [{"actions": ["s3:GetObject"], "effect": "Allow"}]},
          "sensitive_values": {}
        }
      ],
      "child_modules": [
        {
          "address": "module.net",
          "resources": [
            {
              "address": "module.net.aws_vpc.main[0]",
              "mode": "managed",
              "type": "aws_vpc",
              "name": "main",
              "index": 0,
              "values": {"cidr_block": "10.0.0.0/16", "enable_dns_support": true},
              "sensitive_values": {}
            }
          ]
        }
      ]
    }
  },
  "resource_changes": [
    {
      "address": "aws_s3_bucket.logs",
      "mode": "managed",
      "type": "aws_s3_bucket",
      "name": "logs",
      "change": {
        "actions": ["create"],
        "before": null,
        "after": {"bucket": "shop-logs", "force_destroy": false, "tags": {"team": "ops"}, "grants": [null]},
        "after_unknown": {"arn": true, "id": true, "tags": {}, "grants": [true]},
        "before_sensitive": false,
        "after_sensitive": {"tags": {}, "grants": []}
      }
    },
    {
      "address": "aws_db_instance.main",
      "mode": "managed",
      "type": "aws_db_instance",
      "name": "main",
      "change": {
        "actions": ["create"],
        "before": null,
        "after": {"engine": "postgres", "password": "hunter2-after", "storage_encrypted": true},
        "after_unknown": {"endpoint": true},
        "after_sensitive": {"password": true}
      }
    },
    {
      "address": "aws_instance.old",
      "mode": "managed",
      "type": "aws_instance",
      "name": "old",
      "change": {"actions": ["delete"], "before": {"ami": "ami-1"}, "after": null, "after_unknown": {}}
    }
  ]
}
`;

function load(text: string, path = 'plan.json'): ParsedDocument {
  return loadJsonDocument(path, text);
}

describe('terraformPlanResources on a plan', () => {
  const { resources, warnings } = terraformPlanResources(load(PLAN), 'terraform-plan');

  it('lists planned resources only', () => {
    assert.deepEqual(
      resources.map((resource) => resource.address),
      ['aws_s3_bucket.logs', 'aws_db_instance.main', 'data.aws_iam_policy_document.read', 'module.net.aws_vpc.main[0]'],
    );
    assert.deepEqual(warnings, []);
  });

  it('sets format and qualified types', () => {
    assert.deepEqual(
      resources.map((resource) => [resource.format, resource.type]),
      [
        ['terraform-plan', 'aws_s3_bucket'],
        ['terraform-plan', 'aws_db_instance'],
        ['terraform-plan', 'data.aws_iam_policy_document'],
        ['terraform-plan', 'aws_vpc'],
      ],
    );
  });

  it('turns unknown values into expressions', () => {
    const bucket = byAddress(resources, 'aws_s3_bucket.logs');
    const arn = valueAt(bucket.body, 'arn');
    assert.equal(arn?.kind, 'expression');
    assert.equal(arn.kind === 'expression' ? arn.text : '', UNKNOWN_VALUE_TEXT);
    assert.equal(arn.span.startLine, lineOf(PLAN, '"after_unknown": {"arn": true'));
    const grant = valueAt(bucket.body, 'grants', '0');
    assert.equal(grant?.kind, 'expression');
    assert.deepEqual(valueAt(bucket.body, 'bucket'), {
      kind: 'scalar',
      span: span(lineOf(PLAN, '"after": {"bucket"'), 29, lineOf(PLAN, '"after": {"bucket"'), 40),
      value: 'shop-logs',
    });
    assert.equal(valueAt(bucket.body, 'tags', 'team')?.kind, 'scalar');
  });

  it('hides sensitive values', () => {
    const database = byAddress(resources, 'aws_db_instance.main');
    const password = valueAt(database.body, 'password');
    assert.equal(password?.kind, 'expression');
    assert.equal(password.kind === 'expression' ? password.text : '', SENSITIVE_VALUE_TEXT);
    assert.equal(password.span.startLine, lineOf(PLAN, '"hunter2-after"'));
    assert.ok(!JSON.stringify(resources).includes('hunter2'));
    assert.equal(valueAt(database.body, 'endpoint')?.kind, 'expression');
  });

  it('keeps plan file locations', () => {
    const vpc = byAddress(resources, 'module.net.aws_vpc.main[0]');
    assert.equal(vpc.path, 'plan.json');
    assert.equal(vpc.span.startLine, lineOf(PLAN, '"address": "module.net.aws_vpc.main[0]"') - 1);
    assert.equal(valueAt(vpc.body, 'cidr_block')?.span.startLine, lineOf(PLAN, '10.0.0.0/16'));
    const policy = byAddress(resources, 'data.aws_iam_policy_document.read');
    assert.deepEqual(valueAt(policy.body, 'statement', '0', 'actions', '0'), {
      kind: 'scalar',
      span: valueAt(policy.body, 'statement', '0', 'actions', '0')?.span,
      value: 's3:GetObject',
    });
  });

  it('masks planned sensitive values', () => {
    const withoutChanges = PLAN.slice(0, PLAN.indexOf(',\n  "resource_changes"')) + '\n}\n';
    const result = terraformPlanResources(load(withoutChanges), 'terraform-plan');
    const password = valueAt(byAddress(result.resources, 'aws_db_instance.main').body, 'password');
    assert.equal(password?.kind, 'expression');
    assert.ok(!JSON.stringify(result.resources).includes('hunter2'));
    assert.equal(valueAt(byAddress(result.resources, 'aws_s3_bucket.logs').body, 'arn'), undefined);
  });
});

describe('terraformPlanResources source mapping', () => {
  const sourceSpan = span(3, 1, 9, 2);
  const source = (address: string, path: string): IacResource => ({
    format: 'terraform',
    type: 'aws_s3_bucket',
    address,
    path,
    span: sourceSpan,
    body: { kind: 'map', span: sourceSpan, entries: [] },
  });

  it('maps exact addresses to source', () => {
    const result = terraformPlanResources(load(PLAN), 'terraform-plan', [source('aws_s3_bucket.logs', 'main.tf')]);
    const bucket = byAddress(result.resources, 'aws_s3_bucket.logs');
    assert.equal(bucket.path, 'main.tf');
    assert.deepEqual(bucket.span, sourceSpan);
    // The source block writes no attributes, so the plan's values point at its first line.
    assert.equal(valueAt(bucket.body, 'bucket')?.span.startLine, 3);
    assert.equal(byAddress(result.resources, 'aws_db_instance.main').path, 'plan.json');
  });

  it('moves values onto the .tf lines that write them, and drops computed values the .tf does not set', () => {
    const written = source('aws_s3_bucket.logs', 'main.tf');
    const bucketLine = span(4, 3, 4, 20);
    written.body = {
      kind: 'map',
      span: sourceSpan,
      entries: [{ key: 'bucket', keySpan: bucketLine, value: { kind: 'scalar', span: { ...bucketLine, startColumn: 12 }, value: 'shop-logs' } }],
    };
    const result = terraformPlanResources(load(PLAN), 'terraform-plan', [written]);
    const bucket = byAddress(result.resources, 'aws_s3_bucket.logs');
    assert.equal(valueAt(bucket.body, 'bucket')?.span.startLine, 4);
    assert.equal(valueAt(bucket.body, 'bucket')?.span.startColumn, 12);
    assert.equal(valueAt(bucket.body, 'arn'), undefined);
  });

  it('maps addresses without instance keys', () => {
    const sources = [source('module.net[*].aws_vpc.main[*]', 'modules/net/main.tf')];
    const result = terraformPlanResources(load(PLAN), 'terraform-plan', sources);
    assert.equal(byAddress(result.resources, 'module.net.aws_vpc.main[0]').path, 'modules/net/main.tf');
  });

  it('strips quoted instance keys', () => {
    assert.equal(withoutInstanceKeys('module.a["x]y"].aws_iam_user.u["b\\"]"]'), 'module.a.aws_iam_user.u');
    assert.equal(withoutInstanceKeys('aws_vpc.main[12]'), 'aws_vpc.main');
    assert.equal(withoutInstanceKeys('aws_vpc.main'), 'aws_vpc.main');
  });
});

const SHOW_STATE = `{
  "format_version": "1.0",
  "terraform_version": "1.9.5",
  "values": {
    "root_module": {
      "resources": [
        {
          "address": "aws_iam_user.admins[\\"ana\\"]",
          "mode": "managed",
          "type": "aws_iam_user",
          "name": "admins",
          "index": "ana",
          "values": {"name": "ana", "path": "/"},
          "sensitive_values": {}
        }
      ],
      "child_modules": [
        {
          "address": "module.db",
          "resources": [
            {
              "mode": "managed",
              "type": "random_password",
              "name": "master",
              "values": {"length": 24, "result": "s3cr3t-state"},
              "sensitive_values": {"result": true}
            }
          ]
        }
      ]
    }
  }
}
`;

describe('terraformPlanResources on show state', () => {
  const { resources, warnings } = terraformPlanResources(load(SHOW_STATE, 'state.json'), 'terraform-state');

  it('reads state values', () => {
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      resources.map((resource) => [resource.format, resource.address]),
      [
        ['terraform-state', 'aws_iam_user.admins["ana"]'],
        ['terraform-state', 'module.db.random_password.master'],
      ],
    );
    assert.deepEqual(valueAt(resources[0]?.body, 'name'), {
      kind: 'scalar',
      span: valueAt(resources[0]?.body, 'name')?.span,
      value: 'ana',
    });
  });

  it('hides sensitive state values', () => {
    const password = byAddress(resources, 'module.db.random_password.master');
    assert.equal(valueAt(password.body, 'result')?.kind, 'expression');
    assert.equal(valueAt(password.body, 'length')?.kind, 'scalar');
    assert.ok(!JSON.stringify(resources).includes('s3cr3t'));
  });
});

const RAW_STATE = `{
  "version": 4,
  "terraform_version": "1.9.5",
  "serial": 7,
  "lineage": "3f1c",
  "outputs": {},
  "resources": [
    {
      "mode": "managed",
      "type": "aws_subnet",
      "name": "private",
      "provider": "provider[\\"registry.terraform.io/hashicorp/aws\\"]",
      "instances": [
        {"index_key": 0, "schema_version": 1, "attributes": {"cidr_block": "10.0.1.0/24", "map_public_ip_on_launch": false}},
        {"index_key": 1, "schema_version": 1, "attributes": {"cidr_block": "10.0.2.0/24", "map_public_ip_on_launch": true}}
      ]
    },
    {
      "module": "module.app[\\"blue\\"]",
      "mode": "data",
      "type": "aws_ami",
      "name": "base",
      "instances": [{"schema_version": 0, "attributes": {"id": "ami-123"}}]
    },
    {
      "mode": "managed",
      "type": "aws_db_instance",
      "name": "main",
      "instances": [
        {
          "schema_version": 2,
          "attributes": {"password": "raw-secret", "tags": {"env": "prod"}, "users": ["a", "raw-user-secret"]},
          "sensitive_attributes": [
            [{"type": "get_attr", "value": "password"}],
            [{"type": "get_attr", "value": "users"}, {"type": "index", "value": {"value": 1, "type": "number"}}]
          ]
        }
      ]
    }
  ]
}
`;

describe('terraformPlanResources on raw state', () => {
  const { resources, warnings } = terraformPlanResources(load(RAW_STATE, 'terraform.tfstate'), 'terraform-state');

  it('lists one resource per instance', () => {
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      resources.map((resource) => [resource.address, resource.type]),
      [
        ['aws_subnet.private[0]', 'aws_subnet'],
        ['aws_subnet.private[1]', 'aws_subnet'],
        ['module.app["blue"].data.aws_ami.base', 'data.aws_ami'],
        ['aws_db_instance.main', 'aws_db_instance'],
      ],
    );
  });

  it('spans each instance object', () => {
    const second = byAddress(resources, 'aws_subnet.private[1]');
    const line = lineOf(RAW_STATE, '10.0.2.0/24');
    assert.equal(second.span.startLine, line);
    assert.equal(second.span.endLine, line);
    assert.equal(second.path, 'terraform.tfstate');
    assert.deepEqual(valueAt(second.body, 'map_public_ip_on_launch'), {
      kind: 'scalar',
      span: valueAt(second.body, 'map_public_ip_on_launch')?.span,
      value: true,
    });
  });

  it('hides sensitive attribute paths', () => {
    const database = byAddress(resources, 'aws_db_instance.main');
    assert.equal(valueAt(database.body, 'password')?.kind, 'expression');
    assert.equal(valueAt(database.body, 'users', '0')?.kind, 'scalar');
    assert.equal(valueAt(database.body, 'users', '1')?.kind, 'expression');
    assert.equal(valueAt(database.body, 'tags', 'env')?.kind, 'scalar');
    assert.ok(!JSON.stringify(resources).includes('raw-secret'));
    assert.ok(!JSON.stringify(resources).includes('raw-user-secret'));
  });

  it('warns on other versions', () => {
    const result = terraformPlanResources(load(RAW_STATE.replace('"version": 4', '"version": 3')), 'terraform-state');
    assert.equal(result.resources.length, 4);
    assert.deepEqual(result.warnings, ['plan.json:2: state version 3 is not supported (expected 4), so resources are read as version 4']);
  });
});

describe('terraformPlanResources on malformed input', () => {
  const cases: Array<[string, string, 'terraform-plan' | 'terraform-state', string[]]> = [
    ['root list', '[1]', 'terraform-plan', ['x.json:1: expected a Terraform plan object, found a list']],
    ['changes not list', '{"format_version": "1", "resource_changes": 5}', 'terraform-plan', ['x.json:1: resource_changes must be a list, found a number']],
    ['root_module missing', '{"format_version": "1", "planned_values": {}}', 'terraform-plan', ['x.json:1: root_module is missing or not an object']],
    ['resources not list', '{"format_version": "1", "values": {"root_module": {"resources": "x"}}}', 'terraform-state', ['x.json:1: resources must be a list, found a string']],
    ['resource without type', '{"format_version": "1", "values": {"root_module": {"resources": [{"name": "a", "values": {}}]}}}', 'terraform-state', ['x.json:1: skipped resource: it has no string "type" and "name" or "address"']],
    ['values not object', '{"format_version": "1", "values": {"root_module": {"resources": [{"type": "t", "name": "a", "values": [1]}]}}}', 'terraform-state', ['x.json:1: skipped resource t.a: its values are a list, not an object']],
    ['values missing', '{"format_version": "1", "values": {"root_module": {"resources": [{"type": "t", "name": "a"}]}}}', 'terraform-state', ['x.json:1: skipped resource t.a: its values are missing, not an object']],
    ['child module scalar', '{"format_version": "1", "values": {"root_module": {"child_modules": [true]}}}', 'terraform-state', ['x.json:1: child module must be an object, found a boolean']],
    ['instances not list', '{"version": 4, "resources": [{"type": "t", "name": "a", "instances": {}}]}', 'terraform-state', ['x.json:1: instances must be a list, found a map']],
    ['raw version missing', '{"resources": []}', 'terraform-state', ['x.json:1: state version none is not supported (expected 4), so resources are read as version 4']],
  ];
  for (const [name, text, kind, expected] of cases) {
    it(`warns on ${name}`, () => {
      const result = terraformPlanResources(load(text, 'x.json'), kind);
      assert.deepEqual(result.resources, []);
      assert.deepEqual(result.warnings, expected);
    });
  }

  it('tolerates wrong mark shapes', () => {
    const text = JSON.stringify({
      format_version: '1',
      planned_values: { root_module: { resources: [{ address: 't.a', type: 't', name: 'a', values: { k: 'v' }, sensitive_values: 'x' }] } },
      resource_changes: [
        { address: 't.a', change: { after: { k: 'v', n: 1 }, after_unknown: [true], after_sensitive: { n: { deep: true } } } },
        { address: 't.b', type: 't', name: 'b', change: { after: { z: 1 }, after_unknown: 7 } },
      ],
    });
    const result = terraformPlanResources(load(text, 'x.json'), 'terraform-plan');
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(result.resources.map((resource) => resource.address), ['t.a', 't.b']);
    assert.equal(valueAt(result.resources[0]?.body, 'k')?.kind, 'scalar');
    assert.equal(valueAt(result.resources[0]?.body, 'n')?.kind, 'expression');
    assert.equal(valueAt(result.resources[0]?.body, '0'), undefined);
  });

  it('drops unreadable sensitive paths', () => {
    const text = JSON.stringify({
      version: 4,
      resources: [
        { mode: 'managed', type: 't', name: 'a', instances: [{ attributes: { key: 'leak' }, sensitive_attributes: [[{ type: 'get_attr' }]] }] },
        { mode: 'managed', type: 't', name: 'b', instances: [{ attributes: { key: 'leak' }, sensitive_attributes: 'x' }] },
        { mode: 'managed', type: 't', name: 'c', instances: [{ attributes: { key: 'ok' }, sensitive_attributes: null }] },
      ],
    });
    const result = terraformPlanResources(load(text, 'x.json'), 'terraform-state');
    assert.deepEqual(result.resources.map((resource) => resource.address), ['t.c']);
    assert.deepEqual(result.warnings, [
      'x.json:1: skipped resource t.a: sensitive_attributes is not a list of readable paths',
      'x.json:1: skipped resource t.b: sensitive_attributes is not a list of readable paths',
    ]);
  });

  it('bounds child module depth', () => {
    let module = '{"resources": [{"type": "t", "name": "deep", "values": {}}]}';
    for (let depth = 0; depth < MAX_PLAN_MODULE_DEPTH + 5; depth++) {
      module = `{"address": "module.m${depth}", "resources": [{"type": "t", "name": "r", "values": {}}], "child_modules": [${module}]}`;
    }
    const text = `{"format_version": "1", "values": {"root_module": ${module}}}`;
    const result = terraformPlanResources(load(text, 'x.json'), 'terraform-state');
    assert.equal(result.resources.length, MAX_PLAN_MODULE_DEPTH + 1);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0] ?? '', /child_modules nest deeper than 64 levels/);
  });
});

describe('resourcesOfDocument for plans', () => {
  it('reads a state document', async () => {
    const { resourcesOfDocument } = await import('../../../../src/scanners/iac/resources/index.js');
    const state = JSON.stringify({
      format_version: '1.0',
      values: { root_module: { resources: [{ address: 'aws_s3_bucket.logs', mode: 'managed', type: 'aws_s3_bucket', name: 'logs', values: { bucket: 'logs' } }] } },
    });
    const result = resourcesOfDocument(loadJsonDocument('state.json', state), 'terraform-state');
    assert.deepEqual(result.resources.map((resource) => `${resource.format} ${resource.address}`), ['terraform-state aws_s3_bucket.logs']);
  });
});
