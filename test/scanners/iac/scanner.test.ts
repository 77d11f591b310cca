import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig, type RampartConfig } from '../../../src/core/config-types.js';
import { runScan } from '../../../src/core/engine.js';
import type { Finding } from '../../../src/core/finding.js';
import { tempDir, writeTree } from '../../helpers/tmp.js';

const roots = Array.from({ length: 48 }, () => tempDir('rampart-iac-'));
let next = 0;

function iacOnly(): RampartConfig {
  const config = defaultConfig();
  config.scanners = { secrets: { enabled: false }, deps: { enabled: false }, 'supply-chain': { enabled: false } };
  return config;
}

async function scan(files: Record<string, string>, config = iacOnly()) {
  const root = roots[next++] as string;
  writeTree(root, files);
  return runScan({ root, targetLabel: '.', mode: 'tree', config, showSecrets: false, continueOnError: false, today: '2026-12-05' });
}

/** The findings of the rules a test is about: more rules fire on these small inputs. */
const WATCHED = new Set(['iac/aws-s3-public-acl', 'iac/dockerfile-root-user']);

function brief(findings: Finding[]): string[] {
  return findings.filter((f) => WATCHED.has(f.ruleId)).map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}${f.suppressed ? ` suppressed by ${f.suppressed.directive}` : ''}`);
}

const PUBLIC_BUCKET = (comment: string, inside = '') => `${comment}
resource "aws_s3_bucket" "site" {
  bucket = "site"
${inside}  acl    = "public-read"
}

resource "aws_s3_bucket_public_access_block" "site" {
  bucket                  = aws_s3_bucket.site.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`;

describe('iac scanner', () => {
  it('reports the line that sets the value, with the resource as context', async () => {
    const report = await scan({ 'main.tf': PUBLIC_BUCKET('') });
    const finding = report.findings.find((f) => f.ruleId === 'iac/aws-s3-public-acl');
    assert.ok(finding);
    assert.equal(finding.location.startLine, 4);
    assert.equal(finding.location.startColumn, 3);
    assert.deepEqual(finding.location.context, { startLine: 2, endLine: 5 });
    assert.equal(finding.location.snippet, '  acl    = "public-read"');
    assert.equal(finding.confidence, 'high');
    assert.match(finding.message, /^aws_s3_bucket\.site: .*acl is "public-read"$/);
    assert.ok(finding.controls?.['nist-800-53']?.includes('AC-3'));
    assert.ok(finding.tags?.includes('alias:CKV_AWS_20'));
  });

  it('honours a Checkov skip anywhere inside the resource', async () => {
    const report = await scan({ 'main.tf': PUBLIC_BUCKET('', '  #checkov:skip=CKV_AWS_20:static website\n') });
    assert.deepEqual(brief(report.findings), ['iac/aws-s3-public-acl main.tf:5 suppressed by checkov:skip']);
    assert.equal(report.findings.find((f) => f.ruleId === 'iac/aws-s3-public-acl')?.suppressed?.reason, 'static website');
    assert.deepEqual(report.suppressionProblems, []);
  });

  it('honours trivy:ignore and rampart:ignore on the line above the resource', async () => {
    const trivy = await scan({ 'main.tf': PUBLIC_BUCKET('# trivy:ignore:AVD-AWS-0092') });
    assert.deepEqual(brief(trivy.findings), ['iac/aws-s3-public-acl main.tf:4 suppressed by trivy:ignore']);
    const own = await scan({ 'main.tf': PUBLIC_BUCKET('# rampart:ignore[iac/aws-s3-public-acl] reason="public website"') });
    assert.deepEqual(brief(own.findings), ['iac/aws-s3-public-acl main.tf:4 suppressed by rampart:ignore']);
  });

  it('does not let a comment two lines above a resource reach it', async () => {
    const report = await scan({ 'main.tf': PUBLIC_BUCKET('# rampart:ignore[iac/aws-s3-public-acl] reason="x"\n') });
    assert.deepEqual(brief(report.findings), ['iac/aws-s3-public-acl main.tf:5']);
    assert.deepEqual(report.suppressionProblems.map((p) => p.problem), ['unused']);
  });

  it('honours kics-scan ignore-block and the file-wide kics-scan ignore', async () => {
    const block = await scan({ 'main.tf': PUBLIC_BUCKET('# kics-scan ignore-block') });
    assert.deepEqual(brief(block.findings), ['iac/aws-s3-public-acl main.tf:4 suppressed by kics-scan ignore-block']);
    const file = await scan({ 'main.tf': `# kics-scan ignore\n${PUBLIC_BUCKET('')}` });
    assert.deepEqual(brief(file.findings), ['iac/aws-s3-public-acl main.tf:5 suppressed by kics-scan ignore']);
  });

  it('Checkov skip atop a Dockerfile', async () => {
    const report = await scan({ Dockerfile: '# checkov:skip=CKV_DOCKER_3:runs as root by design\nFROM alpine:3.20\nRUN true\n' });
    assert.deepEqual(brief(report.findings), ['iac/dockerfile-root-user Dockerfile:2 suppressed by checkov:skip']);
  });

  it('deploy-time value: low, or ignored', async () => {
    const files = { 'main.tf': 'variable "acl" {}\nresource "aws_s3_bucket_acl" "a" {\n  bucket = "x"\n  acl    = var.acl\n}\n' };
    const report = await scan(files);
    const finding = report.findings.find((f) => f.ruleId === 'iac/aws-s3-public-acl');
    assert.equal(finding?.confidence, 'low');
    assert.equal(finding?.location.startLine, 4);
    assert.ok(finding?.tags?.includes('unknown'));
    assert.match(finding?.message ?? '', /cannot tell whether this is safe \(high if it fails\): acl is `var\.acl`/);
    assert.equal(finding?.severity, 'low');
    assert.equal(report.gate.exitCode, 0);
    const config = iacOnly();
    config.iac.unknown = 'ignore';
    const quiet = await scan(files, config);
    assert.equal(quiet.findings.filter((f) => f.ruleId === 'iac/aws-s3-public-acl').length, 0);
  });

  it('uses variable defaults and tfvars values', async () => {
    const report = await scan({
      'main.tf': 'variable "acl" { default = "private" }\nresource "aws_s3_bucket_acl" "a" {\n  bucket = "x"\n  acl    = var.acl\n}\n',
      'terraform.tfvars': 'acl = "public-read-write"\n',
    });
    const finding = report.findings.find((f) => f.ruleId === 'iac/aws-s3-public-acl');
    assert.equal(finding?.confidence, 'high');
    assert.match(finding?.message ?? '', /acl is "public-read-write"/);
  });

  it('reports unparsable files as errors and goes on', async () => {
    const report = await scan({ 'bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n', 'Dockerfile': 'FROM alpine:3.20\nUSER app\n' });
    assert.ok(report.errors.some((error) => error.path === 'bad.yaml'));
  });

  it('notes Helm templates instead of parsing them', async () => {
    const report = await scan({
      'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
      'chart/values.yaml': 'image: web\n',
      'chart/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
    });
    assert.equal(report.findings.length, 0);
    assert.ok(report.warnings.some((warning) => /Helm chart chart: 1 template not scanned; render the chart/.test(warning)), report.warnings.join('\n'));
  });
});

describe('iac scanner on live exports', () => {
  it('exported Deployment judged once', async () => {
    const container = '{"name": "api", "image": "api:1.0", "securityContext": {"privileged": true}}';
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' }, spec: { template: { spec: { containers: [JSON.parse(container)] } } } },
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: { name: 'api-7d9', namespace: 'shop', ownerReferences: [{ kind: 'Deployment', name: 'api', controller: true }] },
          spec: { template: { spec: { containers: [JSON.parse(container)] } } },
        },
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'api-7d9-x1', namespace: 'shop', ownerReferences: [{ kind: 'ReplicaSet', name: 'api-7d9', controller: true }] },
          spec: { containers: [JSON.parse(container)] },
        },
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'orphan', namespace: 'shop', ownerReferences: [{ kind: 'ReplicaSet', name: 'gone', controller: true }] },
          spec: { containers: [JSON.parse(container)] },
        },
      ],
    };
    const report = await scan({ 'export.json': JSON.stringify(list, null, 2) });
    const privileged = report.findings.filter((f) => f.ruleId === 'iac/k8s-privileged-container');
    assert.deepEqual(privileged.map((f) => f.message.split(':')[0]), ['apps/v1/Deployment/shop/api', 'v1/Pod/shop/orphan']);
  });
});

describe('iac scanner: resources that may not exist', () => {
  it('unknown count makes failure unknown', async () => {
    const report = await scan({
      'main.tf': 'variable "n" {}\nresource "aws_s3_bucket_acl" "a" {\n  count  = var.n\n  bucket = "x"\n  acl    = "public-read"\n}\n',
    });
    const finding = report.findings.find((f) => f.ruleId === 'iac/aws-s3-public-acl');
    assert.equal(finding?.confidence, 'low');
    assert.equal(finding?.severity, 'low');
    assert.match(finding?.message ?? '', /acl is "public-read", if it is created \(its count or for_each is known only at deploy time\)$/);
  });

  it('links a module instance\'s resources only to each other', async () => {
    const module = 'variable "block" {}\nresource "aws_s3_bucket" "this" {\n  bucket = "b"\n}\nresource "aws_s3_bucket_public_access_block" "this" {\n  bucket                  = aws_s3_bucket.this.id\n  block_public_acls       = var.block\n  block_public_policy     = var.block\n  ignore_public_acls      = var.block\n  restrict_public_buckets = var.block\n}\n';
    const report = await scan({
      'main.tf': 'module "bad" {\n  source = "./bucket"\n  block  = false\n}\nmodule "good" {\n  source = "./bucket"\n  block  = true\n}\n',
      'bucket/main.tf': module,
    });
    const findings = report.findings.filter((f) => f.ruleId === 'iac/aws-s3-public-access-block');
    assert.deepEqual(findings.map((f) => [f.message.split(':')[0], f.confidence]), [['module.bad.aws_s3_bucket.this', 'high']]);
  });
});

describe('iac scanner: links into module instances', () => {
  it('module link through variable is unknown', async () => {
    const report = await scan({
      'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n\nmodule "pab" {\n  source = "./p"\n  bucket = aws_s3_bucket.b.id\n}\n',
      'p/main.tf':
        'variable "bucket" {}\n\nresource "aws_s3_bucket_public_access_block" "this" {\n  bucket                  = var.bucket\n  block_public_acls       = false\n  block_public_policy     = false\n  ignore_public_acls      = false\n  restrict_public_buckets = false\n}\n',
    });
    const finding = report.findings.find((f) => f.ruleId === 'iac/aws-s3-public-access-block');
    assert.equal(finding?.confidence, 'low');
    assert.equal(finding?.location.path, 'main.tf');
    assert.equal(finding?.location.startLine, 1);
    assert.match(finding?.message ?? '', /module\.pab\.aws_s3_bucket_public_access_block\.this \(p\/main\.tf:4\) may refer to it through `var\.bucket`/);
  });
});

describe('iac scanner: values read from other resources', () => {
  it('judges a CIDR written in another resource instead of calling it unknown', async () => {
    const vpc = (cidr: string) => `resource "aws_vpc" "v" {
  cidr_block = "${cidr}"
}

resource "aws_security_group_rule" "db" {
  type              = "ingress"
  from_port         = 3306
  to_port           = 3306
  protocol          = "tcp"
  cidr_blocks       = [aws_vpc.v.cidr_block]
  security_group_id = "sg-123"
}
`;
    const inside = await scan({ 'main.tf': vpc('172.16.0.0/16') });
    assert.deepEqual(inside.findings.filter((f) => f.ruleId === 'iac/aws-sg-database-port-open'), []);
    const open = await scan({ 'main.tf': vpc('0.0.0.0/0') });
    const finding = open.findings.find((f) => f.ruleId === 'iac/aws-sg-database-port-open');
    assert.equal(finding?.confidence, 'high');
    assert.equal(finding?.location.startLine, 10);
  });

  it('still links resources through a reference that was read as a value', async () => {
    const report = await scan({
      'main.tf': 'resource "aws_iam_user" "ci" {\n  name = "ci"\n}\n\nresource "aws_iam_user_policy" "ci" {\n  name   = "deploy"\n  user   = aws_iam_user.ci.name\n  policy = "{}"\n}\n',
    });
    assert.ok(report.findings.some((f) => f.ruleId === 'iac/aws-iam-user-inline-policy' && f.location.startLine === 1));
  });
});

describe('iac scanner: a plan next to its source', () => {
  it('judges each resource once, through the plan, at the .tf lines', async () => {
    const tf = 'variable "acl" {}\n\nresource "aws_s3_bucket_acl" "site" {\n  bucket = "site"\n  acl    = var.acl\n}\n';
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            { address: 'aws_s3_bucket_acl.site', mode: 'managed', type: 'aws_s3_bucket_acl', name: 'site', values: { bucket: 'site', acl: 'public-read', id: null } },
          ],
        },
      },
      resource_changes: [
        {
          address: 'aws_s3_bucket_acl.site',
          mode: 'managed',
          type: 'aws_s3_bucket_acl',
          name: 'site',
          change: { actions: ['create'], after: { bucket: 'site', acl: 'public-read' }, after_unknown: { id: true } },
        },
      ],
    };
    const report = await scan({ 'main.tf': tf, 'plan.json': JSON.stringify(plan, null, 2) });
    const findings = report.findings.filter((f) => f.ruleId === 'iac/aws-s3-public-acl');
    assert.deepEqual(
      findings.map((f) => [f.location.path, f.location.startLine, f.confidence]),
      [['main.tf', 5, 'high']],
    );
    assert.match(findings[0]?.message ?? '', /acl is "public-read"/);
  });
});

describe('iac scanner: files it does not read', () => {
  it('warns about unread Terraform files', async () => {
    const report = await scan({
      'main.tf': 'variable "acl" { default = "private" }\n',
      'prod.tfvars': 'acl = "public-read"\n',
      'dev.auto.tfvars': 'acl = "private"\n',
      'extra.tf.json': '{"resource": {"aws_s3_bucket": {"b": {"acl": "public-read"}}}}\n',
    });
    assert.deepEqual(report.warnings, [
      'extra.tf.json: Terraform JSON syntax (.tf.json) is not read; these files were not scanned',
      'prod.tfvars: Terraform reads these variable files only when -var-file names them, so Rampart does not either; to judge those values, scan a plan made with them (terraform show -json)',
    ]);
  });
});

describe('iac scanner: file-wide suppression', () => {
  it('does not let kics-scan ignore inside a string silence the file', async () => {
    const report = await scan({
      'main.tf': `resource "aws_s3_bucket_acl" "a" {\n  bucket = "a"\n  acl    = "public-read"\n}\n\nresource "aws_instance" "i" {\n  user_data = <<-EOT\n    # kics-scan ignore\n    echo hi\n  EOT\n}\n`,
    });
    const acl = report.findings.find((f) => f.ruleId === 'iac/aws-s3-public-acl');
    assert.ok(acl);
    assert.equal(acl.suppressed, undefined);
    assert.ok(report.suppressionProblems.some((p) => p.problem === 'invalid' && /comments at the top of the file/.test(p.message)));
  });
});

describe('iac scanner: files it cannot or will not parse', () => {
  it('reports a Terraform syntax error as an error of the file', async () => {
    const report = await scan({ 'main.tf': 'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n' });
    assert.ok(report.errors.some((error) => error.path === 'main.tf' && /^line \d+: /.test(error.message)), JSON.stringify(report.errors));
  });

  it('skips files over max-file-size with a warning', async () => {
    const config = iacOnly();
    config.maxFileSize = 64;
    const report = await scan({ 'main.tf': `resource "aws_s3_bucket_acl" "a" {\n  bucket = "a"\n  acl    = "public-read"\n}\n# ${'x'.repeat(100)}\n` }, config);
    assert.equal(report.findings.length, 0);
    assert.ok(report.warnings.includes('1 infrastructure file is over max-file-size (64 bytes) and not scanned'), report.warnings.join('\n'));
  });
});

describe('iac scanner: rendered Helm charts', () => {
  it('names the template each rendered object came from', async () => {
    const rendered = [
      '---',
      '# Source: shop/templates/serviceaccount.yaml',
      'apiVersion: v1',
      'kind: ServiceAccount',
      'metadata:',
      '  name: shop',
      '---',
      '# Source: shop/templates/deployment.yaml',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: shop',
      '  namespace: shop',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: shop:1.2.3',
      '          securityContext:',
      '            privileged: true',
      '',
    ].join('\n');
    const report = await scan({ 'rendered.yaml': rendered });
    const finding = report.findings.find((f) => f.ruleId === 'iac/k8s-privileged-container');
    assert.equal(finding?.location.startLine, 21);
    assert.match(finding?.message ?? '', /^apps\/v1\/Deployment\/shop\/shop \(from shop\/templates\/deployment\.yaml\): Container runs privileged/);
  });
});
