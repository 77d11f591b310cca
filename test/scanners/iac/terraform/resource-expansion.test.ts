import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { terraformResources } from '../../../../src/scanners/iac/terraform/resources.js';
import type { IacResource } from '../../../../src/scanners/iac/resource.js';
import { type TreeNode } from '../../../../src/scanners/iac/tree.js';
import { at, byAddress, expression, scalar } from '../tree-helpers.js';

type Files = Record<string, string>;

async function evaluateFiles(files: Files, root = '.', options: { maxModuleDepth?: number; readFile?: (path: string) => string | undefined } = {}) {
  const list = Object.entries(files).map(([path, text]) => ({ path, text }));
  return terraformResources(root, list, options);
}

function addresses(resources: IacResource[]): string[] {
  return resources.map((resource) => resource.address);
}

const SECURITY_GROUP = [
  'variable "rules" {',
  '  default = [',
  '    { port = 22, cidr = "0.0.0.0/0" },',
  '    { port = 443, cidr = "10.0.0.0/8" },',
  '  ]',
  '}',
  'variable "extra" {}',
  'resource "aws_security_group" "web" {',
  '  name = "web"',
  '  dynamic "ingress" {',
  '    for_each = var.rules',
  '    content {',
  '      from_port   = ingress.value.port',
  '      cidr_blocks = [ingress.value.cidr]',
  '    }',
  '  }',
  '  dynamic "egress" {',
  '    for_each = var.extra',
  '    iterator = rule',
  '    content {',
  '      cidr_blocks = [rule.value]',
  '      to_port     = 0',
  '    }',
  '  }',
  '}',
].join('\n');

describe('terraformResources expansion', () => {
  it('expands dynamic blocks', async () => {
    const { resources } = await evaluateFiles({ 'sg.tf': SECURITY_GROUP });
    const group = byAddress(resources, 'aws_security_group.web');
    const ingress = at(group.body, 'ingress');
    assert.equal(ingress.kind, 'list');
    assert.equal(ingress.kind === 'list' ? ingress.items.length : 0, 2);
    assert.equal(scalar(at(ingress, 0, 'from_port')), 22);
    assert.equal(scalar(at(ingress, 0, 'cidr_blocks', 0)), '0.0.0.0/0');
    assert.equal(scalar(at(ingress, 1, 'from_port')), 443);
    assert.deepEqual(at(ingress, 0).span, { startLine: 12, startColumn: 5, endLine: 15, endColumn: 6 });
    assert.deepEqual(at(ingress, 0, 'from_port').span, { startLine: 13, startColumn: 21, endLine: 13, endColumn: 39 });
  });

  it('tags unknown dynamic blocks', async () => {
    const { resources } = await evaluateFiles({ 'sg.tf': SECURITY_GROUP });
    const egress = at(byAddress(resources, 'aws_security_group.web').body, 'egress');
    assert.equal(egress.kind, 'map');
    assert.equal(egress.tag, 'dynamic');
    assert.equal(expression(at(egress, 'cidr_blocks', 0)), 'rule.value');
    assert.equal(scalar(at(egress, 'to_port')), 0);
  });

  it('expands count and for_each', async () => {
    const { resources, warnings } = await evaluateFiles({
      'main.tf': [
        'locals { users = toset(["bo", "ana", "bo"]) }',
        'variable "sizes" { default = { small = 1, large = 3 } }',
        'resource "aws_instance" "web" {',
        '  count = 2',
        '  name  = "web-${count.index}"',
        '}',
        'resource "aws_iam_user" "u" {',
        '  for_each = local.users',
        '  name     = each.key',
        '}',
        'resource "aws_ebs_volume" "v" {',
        '  for_each = var.sizes',
        '  size     = each.value * 100',
        '}',
        'resource "aws_eip" "none" {',
        '  count = 0',
        '}',
      ].join('\n'),
    });
    assert.deepEqual(warnings, []);
    assert.deepEqual(addresses(resources), [
      'aws_instance.web[0]',
      'aws_instance.web[1]',
      'aws_iam_user.u["ana"]',
      'aws_iam_user.u["bo"]',
      'aws_ebs_volume.v["large"]',
      'aws_ebs_volume.v["small"]',
    ]);
    assert.equal(scalar(at(byAddress(resources, 'aws_instance.web[1]').body, 'name')), 'web-1');
    assert.equal(scalar(at(byAddress(resources, 'aws_iam_user.u["bo"]').body, 'name')), 'bo');
    assert.equal(scalar(at(byAddress(resources, 'aws_ebs_volume.v["large"]').body, 'size')), 300);
  });

  it('marks unknown count with star', async () => {
    const { resources } = await evaluateFiles({
      'main.tf': [
        'variable "n" {}',
        'resource "aws_instance" "web" {',
        '  count = var.n',
        '  name  = "web-${count.index}"',
        '  ami   = "ami-1"',
        '}',
      ].join('\n'),
    });
    assert.deepEqual(addresses(resources), ['aws_instance.web[*]']);
    const body = resources[0]?.body as TreeNode;
    assert.equal(expression(at(body, 'name')), '"web-${count.index}"');
    assert.equal(expression(at(body, 'count')), 'var.n');
    assert.equal(scalar(at(body, 'ami')), 'ami-1');
  });

  it('caps huge counts', async () => {
    const { resources, warnings } = await evaluateFiles({
      'main.tf': 'resource "aws_instance" "web" {\n  count = 1000000000\n}\n',
    });
    assert.equal(resources.length, 1000);
    assert.equal(resources[999]?.address, 'aws_instance.web[999]');
    assert.deepEqual(warnings, ['main.tf:1: 1000000000 instances requested; only the first 1000 are scanned']);
  });

  it('reads files through readFile', async () => {
    const read: string[] = [];
    const { resources } = await evaluateFiles(
      {
        'env/main.tf': [
          'resource "aws_iam_policy" "p" {',
          '  policy = file("${path.module}/policy.json")',
          '  escape = file("../../etc/passwd")',
          '}',
        ].join('\n'),
      },
      'env',
      {
        readFile: (path) => {
          read.push(path);
          return path === 'env/policy.json' ? '{"Statement":[]}' : undefined;
        },
      },
    );
    const body = byAddress(resources, 'aws_iam_policy.p').body;
    assert.equal(scalar(at(body, 'policy')), '{"Statement":[]}');
    assert.equal(expression(at(body, 'escape')), 'file("../../etc/passwd")');
    assert.deepEqual(read, ['env/policy.json']);
  });

  it('evaluates jsonencode and conditionals', async () => {
    const { resources } = await evaluateFiles({
      'main.tf': [
        'variable "public" { default = false }',
        'resource "aws_s3_bucket_policy" "p" {',
        '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*" }] })',
        '  acl    = var.public ? "public-read" : "private"',
        '  mixed  = jsonencode({ a = var.missing })',
        '}',
      ].join('\n'),
    });
    const body = byAddress(resources, 'aws_s3_bucket_policy.p').body;
    assert.equal(scalar(at(body, 'policy')), '{"Statement":[{"Effect":"Allow","Principal":"*"}],"Version":"2012-10-17"}');
    assert.equal(scalar(at(body, 'acl')), 'private');
    assert.equal(expression(at(body, 'mixed')), 'jsonencode({ a = var.missing })');
  });
});

describe('terraformResources modules', () => {
  const NETWORK: Files = {
    'main.tf': [
      'variable "env" { default = "prod" }',
      'module "net" {',
      '  source = "./modules/net"',
      '  name   = "${var.env}-vpc"',
      '}',
      'module "remote" {',
      '  source  = "terraform-aws-modules/vpc/aws"',
      '  version = "5.0.0"',
      '}',
      'module "git" {',
      '  source = "git::https://example.com/net.git"',
      '}',
    ].join('\n'),
    'modules/net/main.tf': [
      'variable "name" {}',
      'variable "cidr" { default = "10.0.0.0/16" }',
      'resource "aws_vpc" "main" {',
      '  cidr_block = var.cidr',
      '  tags       = { Name = var.name }',
      '}',
      'module "flow" {',
      '  source = "../flow"',
      '  count  = 2',
      '  vpc    = var.name',
      '}',
    ].join('\n'),
    'modules/flow/main.tf': [
      'variable "vpc" {}',
      'resource "aws_flow_log" "log" {',
      '  name = "${var.vpc}-flow"',
      '  where = path.module',
      '}',
    ].join('\n'),
  };

  it('binds local module variables', async () => {
    const { resources, warnings } = await evaluateFiles(NETWORK);
    assert.deepEqual(addresses(resources), [
      'module.net.aws_vpc.main',
      'module.net.module.flow[0].aws_flow_log.log',
      'module.net.module.flow[1].aws_flow_log.log',
    ]);
    const vpc = byAddress(resources, 'module.net.aws_vpc.main');
    assert.equal(vpc.path, 'modules/net/main.tf');
    assert.deepEqual(vpc.span, { startLine: 3, startColumn: 1, endLine: 6, endColumn: 2 });
    assert.equal(scalar(at(vpc.body, 'cidr_block')), '10.0.0.0/16');
    assert.equal(scalar(at(vpc.body, 'tags', 'Name')), 'prod-vpc');
    const flow = byAddress(resources, 'module.net.module.flow[1].aws_flow_log.log');
    assert.equal(scalar(at(flow.body, 'name')), 'prod-vpc-flow');
    assert.equal(scalar(at(flow.body, 'where')), 'modules/flow');
    assert.deepEqual(warnings, [
      'main.tf:6: module "remote" comes from "terraform-aws-modules/vpc/aws", which is not a local path; its resources are not scanned',
      'main.tf:10: module "git" comes from "git::https://example.com/net.git", which is not a local path; its resources are not scanned',
    ]);
  });

  it('warns on missing module folders', async () => {
    const { resources, warnings } = await evaluateFiles({
      'main.tf': 'module "gone" {\n  source = "./modules/gone"\n}\nmodule "out" {\n  source = "../../outside"\n}\n',
    });
    assert.deepEqual(resources, []);
    assert.deepEqual(warnings, [
      'main.tf:1: module "gone" source "./modules/gone": no .tf files found in modules/gone',
      'main.tf:4: module "out" source "../../outside": no .tf files found in ../../outside',
    ]);
  });

  it('rejects module cycles', async () => {
    const { resources, warnings } = await evaluateFiles({
      'main.tf': 'module "a" {\n  source = "./a"\n}\n',
      'a/main.tf': 'resource "null_resource" "x" {}\nmodule "b" {\n  source = "../b"\n}\n',
      'b/main.tf': 'module "a" {\n  source = "../a"\n}\n',
    });
    assert.deepEqual(addresses(resources), ['module.a.null_resource.x']);
    assert.deepEqual(warnings, [
      'b/main.tf:1: module "a" calls a, which is already being evaluated (a module cycle); the call is skipped',
    ]);
  });

  it('limits module depth', async () => {
    const files: Files = { 'main.tf': 'module "m" {\n  source = "./m1"\n}\n' };
    for (let level = 1; level <= 40; level += 1) {
      files[`m${level}/main.tf`] = `resource "null_resource" "r" {}\nmodule "m" {\n  source = "../m${level + 1}"\n}\n`;
    }
    const { resources, warnings } = await evaluateFiles(files, '.', { maxModuleDepth: 3 });
    assert.deepEqual(addresses(resources), [
      'module.m.null_resource.r',
      'module.m.module.m.null_resource.r',
      'module.m.module.m.module.m.null_resource.r',
    ]);
    assert.deepEqual(warnings, [
      'm3/main.tf:2: module "m" is nested more than 3 modules deep; its resources are not scanned',
    ]);
  });
});

describe('terraformResources hostile input', () => {
  it('leaves local cycles unknown', async () => {
    const { resources, warnings } = await evaluateFiles({
      'main.tf': [
        'locals {',
        '  a = "${local.b}-x"',
        '  b = local.a',
        '  c = local.c',
        '}',
        'resource "aws_s3_bucket" "b" {',
        '  bucket = local.a',
        '  acl    = local.c',
        '}',
      ].join('\n'),
    });
    const body = byAddress(resources, 'aws_s3_bucket.b').body;
    assert.equal(expression(at(body, 'bucket')), 'local.a');
    assert.equal(expression(at(body, 'acl')), 'local.c');
    assert.deepEqual(warnings, [
      'main.tf: local.a -> local.b -> local.a is a reference cycle; these locals are left unknown',
      'main.tf: local.c -> local.c is a reference cycle; these locals are left unknown',
    ]);
  });

  it('survives long local chains', async () => {
    const lines = ['locals {', '  l0 = "end"'];
    for (let index = 1; index <= 500; index += 1) lines.push(`  l${index} = local.l${index - 1}`);
    lines.push('}', 'resource "x" "y" {', '  deep = local.l500', '  short = local.l50', '}');
    const { resources, warnings } = await evaluateFiles({ 'main.tf': lines.join('\n') });
    const body = byAddress(resources, 'x.y').body;
    assert.equal(expression(at(body, 'deep')), 'local.l500');
    assert.equal(scalar(at(body, 'short')), 'end');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /is reached through more than 100 other locals/);
  });

  it('bounds exponential locals', async () => {
    const lines = ['locals {', '  l0 = ["xxxxxxxx"]'];
    for (let index = 1; index <= 60; index += 1) {
      lines.push(`  l${index} = concat(local.l${index - 1}, local.l${index - 1})`);
      lines.push(`  s${index} = "\${local.t${index - 1}}\${local.t${index - 1}}"`);
    }
    lines.push('  t0 = "xxxxxxxx"', '  m = [local.l14, local.l14, local.l14]', '}');
    lines.push('resource "x" "y" {', '  list = local.l60', '  text = local.s60', '  nested = local.m', '}');
    const { resources, warnings } = await evaluateFiles({ 'main.tf': lines.join('\n') });
    const body = byAddress(resources, 'x.y').body;
    assert.equal(expression(at(body, 'list')), 'local.l60');
    assert.equal(expression(at(body, 'text')), 'local.s60');
    assert.equal(expression(at(body, 'nested')), 'local.m');
    assert.deepEqual(warnings, ['main.tf: value of "local.m" on line 129 is too large to expand; it is kept unevaluated']);
  });

  it('skips JSON and reports syntax errors', async () => {
    const { resources, warnings } = await evaluateFiles({
      'main.tf.json': '{"resource": {}}',
      'main.tf': 'resource "aws_s3_bucket" "a" {\n  bucket = "ok"\n}\nresource "broken" {\n',
    });
    assert.equal(resources[0]?.address, 'aws_s3_bucket.a');
    assert.equal(warnings[0], 'main.tf.json: Terraform JSON configuration is not read yet; its resources are not scanned');
    assert.equal(warnings[1], 'main.tf: line 5: missing "}"; the unclosed block starts on line 4');
  });

  it('keeps unsupported syntax unknown', async () => {
    const { resources } = await evaluateFiles({
      'main.tf': [
        'variable "l" { default = ["a"] }',
        'resource "x" "y" {',
        '  a = [for s in var.l : upper(s)]',
        '  b = var.l[*]',
        '  c = "%{ if true }x%{ endif }"',
        '  d = unknownfn(var.l)',
        '  e = var.l[5]',
        `  f = ${'lower('.repeat(100)}"A"${')'.repeat(100)}`,
        '  g = lower("A")',
        '}',
      ].join('\n'),
    });
    const body = byAddress(resources, 'x.y').body;
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) assert.equal(at(body, key).kind, 'expression', key);
    assert.equal(scalar(at(body, 'g')), 'a');
  });

  it('warns when no root module', async () => {
    const { resources, warnings } = await evaluateFiles({ 'other/main.tf': 'resource "x" "y" {}\n' }, 'infra/');
    assert.deepEqual(resources, []);
    assert.deepEqual(warnings, ['infra: no .tf files found for the root module']);
  });
});
