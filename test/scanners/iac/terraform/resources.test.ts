import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { terraformResources } from '../../../../src/scanners/iac/terraform/resources.js';
import { entryOf } from '../../../../src/scanners/iac/tree.js';
import { at, byAddress, expression, scalar } from '../tree-helpers.js';

type Files = Record<string, string>;

async function evaluateFiles(files: Files, root = '.', maxModuleDepth?: number) {
  const list = Object.entries(files).map(([path, text]) => ({ path, text }));
  return terraformResources(root, list, maxModuleDepth === undefined ? {} : { maxModuleDepth });
}

const BUCKET_MODULE: Files = {
  'main.tf': [
    'variable "env" {',
    '  default = "dev"',
    '}',
    'variable "kms_key" {}',
    'locals {',
    '  name = "${var.env}-logs"',
    '  tags = merge({ Team = "ops" }, { Env = upper(var.env) })',
    '}',
    'resource "aws_s3_bucket" "logs" {',
    '  bucket = local.name',
    '  tags   = local.tags',
    '  versioning {',
    '    enabled = var.env == "prod"',
    '  }',
    '  server_side_encryption_configuration {',
    '    rule {',
    '      apply_server_side_encryption_by_default {',
    '        sse_algorithm     = "aws:kms"',
    '        kms_master_key_id = var.kms_key',
    '      }',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n'),
};

describe('terraformResources buckets', () => {
  it('resolves locals and defaults', async () => {
    const { resources, warnings } = await evaluateFiles(BUCKET_MODULE);
    assert.deepEqual(warnings, []);
    assert.deepEqual(resources.map((resource) => resource.address), ['aws_s3_bucket.logs']);
    const bucket = byAddress(resources, 'aws_s3_bucket.logs');
    assert.equal(bucket.format, 'terraform');
    assert.equal(bucket.type, 'aws_s3_bucket');
    assert.equal(bucket.path, 'main.tf');
    assert.deepEqual(bucket.span, { startLine: 9, startColumn: 1, endLine: 23, endColumn: 2 });
    assert.equal(scalar(at(bucket.body, 'bucket')), 'dev-logs');
    assert.equal(scalar(at(bucket.body, 'tags', 'Team')), 'ops');
    assert.equal(scalar(at(bucket.body, 'tags', 'Env')), 'DEV');
    assert.equal(scalar(at(bucket.body, 'versioning', 'enabled')), false);
  });

  it('gives substituted values the use span', async () => {
    const { resources } = await evaluateFiles(BUCKET_MODULE);
    const bucket = byAddress(resources, 'aws_s3_bucket.logs');
    assert.deepEqual(at(bucket.body, 'bucket').span, { startLine: 10, startColumn: 12, endLine: 10, endColumn: 22 });
    assert.deepEqual(entryOf(at(bucket.body, 'tags'), 'Env')?.keySpan, {
      startLine: 11,
      startColumn: 12,
      endLine: 11,
      endColumn: 22,
    });
    const versioning = entryOf(bucket.body, 'versioning');
    assert.deepEqual(versioning?.keySpan, { startLine: 12, startColumn: 3, endLine: 12, endColumn: 13 });
    assert.deepEqual(versioning?.value.span, { startLine: 12, startColumn: 3, endLine: 14, endColumn: 4 });
  });

  it('keeps unknown variables as expressions', async () => {
    const { resources } = await evaluateFiles(BUCKET_MODULE);
    const bucket = byAddress(resources, 'aws_s3_bucket.logs');
    const defaults = at(
      bucket.body,
      'server_side_encryption_configuration',
      'rule',
      'apply_server_side_encryption_by_default',
    );
    assert.equal(scalar(at(defaults, 'sse_algorithm')), 'aws:kms');
    assert.equal(expression(at(defaults, 'kms_master_key_id')), 'var.kms_key');
  });

  it('applies tfvars in Terraform order', async () => {
    const { resources } = await evaluateFiles({
      ...BUCKET_MODULE,
      'terraform.tfvars': 'env = "stage"\nkms_key = "alias/logs"\n',
      'b.auto.tfvars': 'env = "prod"\n',
      'terraform.tfvars.json': '{ "kms_key": "alias/json" }\n',
      'a.auto.tfvars': 'env = "qa"\n',
      'other.tfvars': 'env = "ignored"\n',
    });
    const bucket = byAddress(resources, 'aws_s3_bucket.logs');
    assert.equal(scalar(at(bucket.body, 'bucket')), 'prod-logs');
    assert.equal(scalar(at(bucket.body, 'versioning', 'enabled')), true);
    const defaults = at(bucket.body, 'server_side_encryption_configuration', 'rule', 'apply_server_side_encryption_by_default');
    assert.equal(scalar(at(defaults, 'kms_master_key_id')), 'alias/json');
  });

  it('keeps partly known templates unknown', async () => {
    const { resources } = await evaluateFiles({
      'main.tf': [
        'variable "suffix" {}',
        'resource "aws_s3_bucket" "b" {',
        '  bucket = "logs-${var.suffix}"',
        '  acl    = lower(var.suffix)',
        '  other  = aws_kms_key.main.arn',
        '}',
      ].join('\n'),
    });
    const bucket = byAddress(resources, 'aws_s3_bucket.b');
    assert.equal(expression(at(bucket.body, 'bucket')), '"logs-${var.suffix}"');
    assert.equal(expression(at(bucket.body, 'acl')), 'lower(var.suffix)');
    assert.equal(expression(at(bucket.body, 'other')), 'aws_kms_key.main.arn');
  });

  it('maps data sources to data types', async () => {
    const { resources } = await evaluateFiles({
      'iam.tf': [
        'data "aws_iam_policy_document" "read" {',
        '  statement {',
        '    actions   = ["s3:GetObject"]',
        '    resources = ["*"]',
        '  }',
        '}',
      ].join('\n'),
    });
    const policy = byAddress(resources, 'data.aws_iam_policy_document.read');
    assert.equal(policy.type, 'data.aws_iam_policy_document');
    assert.equal(scalar(at(policy.body, 'statement', 'resources', 0)), '*');
  });
});

describe('terraformResources: provider configurations', () => {
  it('gives each provider block a resource of type provider.<name>, with its alias in the address', async () => {
    const files = [
      {
        path: 'providers.tf',
        text: 'variable "region" { default = "eu-west-1" }\nprovider "aws" {\n  region = var.region\n}\nprovider "aws" {\n  alias  = "us"\n  region = "us-east-1"\n}\n',
      },
    ];
    const { resources } = await terraformResources('.', files);
    assert.deepEqual(
      resources.map((resource) => [resource.type, resource.address, resource.span.startLine]),
      [
        ['provider.aws', 'provider.aws', 2],
        ['provider.aws', 'provider.aws.us', 5],
      ],
    );
    const region = resources[0]?.body.kind === 'map' ? resources[0].body.entries.find((entry) => entry.key === 'region')?.value : undefined;
    assert.deepEqual(region?.kind === 'scalar' ? region.value : undefined, 'eu-west-1');
  });
});
