import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const dir = tempDir('rampart-rules-cli-');

const CUSTOM_RULE = `- id: team-bucket-owner-tag
  title: Bucket has no owner tag
  severity: low
  provider: aws
  rationale: Nobody answers for an untagged bucket when it leaks or costs money.
  remediation:
    text: Tag every bucket with the owning team.
    snippet: 'tags = { owner = "payments" }'
  references: []
  cwe: [CWE-1059]
  controls: { nist-800-53: [CM-8] }
  match:
    - format: terraform
      type: aws_s3_bucket
      assert: { path: tags.owner, exists: true }
`;

describe('rampart rules', () => {
  it('lists iac rules with a count', async () => {
    const result = await runCli(['rules', '--scanner', 'iac'], dir);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^iac\/aws-s3-public-acl +high +aws +S3 bucket ACL grants access to everyone$/m);
    assert.match(result.stdout, /^\d+ rules \(\d+ iac\)$/m);
  });

  it('lists and explains sast rules', async () => {
    const empty = tempDir('rampart-rules-sast-');
    const list = await runCli(['rules', '--scanner', 'sast'], empty);
    assert.equal(list.code, 0);
    assert.match(list.stdout, /^sast\/js-sql-injection +high +javascript, typescript, tsx +SQL built from request data$/m);
    assert.match(list.stdout, /^\d+ rules \(\d+ sast\)$/m);
    const python = await runCli(['rules', '--scanner', 'sast', '--provider', 'python'], empty);
    assert.equal(python.code, 0, python.stderr);
    assert.match(python.stdout, /^sast\/py-yaml-unsafe-load /m);
    assert.doesNotMatch(python.stdout, /^sast\/js-/m);
    const explained = await runCli(['rules', 'py-yaml-unsafe-load'], empty);
    assert.equal(explained.code, 0);
    assert.match(explained.stdout, /^CWE: +CWE-502$/m);
    assert.match(explained.stdout, /^Applies to: python$/m);
    assert.match(explained.stdout, /^ {2}owasp: A08:2021/m);
  });

  it('shows sast metavariables as placeholders', async () => {
    const empty = tempDir('rampart-rules-sast-message-');
    const explained = await runCli(['rules', 'js-sql-injection'], empty);
    assert.equal(explained.code, 0);
    assert.match(explained.stdout, /^ {2}Request data reaches the SQL text of a <DB> query; a crafted value changes the query$/m);
    assert.ok(!explained.stdout.includes('$DB'), explained.stdout);
    const json = await runCli(['rules', '--scanner', 'sast', '--format', 'json'], empty);
    const rules = JSON.parse(json.stdout) as Array<{ id: string; rationale?: string }>;
    const shell = rules.find((rule) => rule.id === 'sast/js-child-process-dynamic-command');
    assert.equal(shell?.rationale, 'child_process runs <CMD> through a shell; any part of it that comes from input can add shell commands');

    const custom = tempDir('rampart-rules-sast-custom-');
    writeTree(custom, {
      'rampart.yaml': 'sast:\n  custom-rules: [team.yaml]\n',
      'team.yaml': 'rules:\n  - id: team-exec\n    message: $CMD | reaches exec. Quote it.\n    severity: ERROR\n    languages: [javascript]\n    pattern: exec($CMD)\n',
    });
    const table = await runCli(['rules', '--scanner', 'sast'], custom);
    assert.match(table.stdout, /^sast\/team-exec +high +javascript +<CMD> \| reaches exec\.$/m);
    const markdown = await runCli(['rules', 'team-exec', '--format', 'markdown'], custom);
    assert.match(markdown.stdout, /^\| `sast\/team-exec` \| high \| javascript \| \\<CMD\\> \\\| reaches exec\. \|/m);
  });

  it('names sast in its help', async () => {
    const help = await runCli(['rules', '--help'], dir);
    assert.match(help.stdout, /rules of the iac, sast, secrets and supply-chain scanners/);
    assert.match(help.stdout, /--scanner <id> +only the rules of this scanner: iac, sast, secrets or\s+supply-chain/);
  });

  it('explains a rule found by another tool\'s id', async () => {
    const result = await runCli(['rules', 'CKV_AWS_20'], dir);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^iac\/aws-s3-public-acl: S3 bucket ACL grants access to everyone$/m);
    assert.match(result.stdout, /^ {2}nist-800-53: AC-3, AC-6$/m);
    assert.match(result.stdout, /^How to fix it:$/m);
    assert.match(result.stdout, /^ {4}resource "aws_s3_bucket_acl" "logs" \{$/m);
  });

  it('shows rampart.yaml settings and custom rules', async () => {
    writeTree(dir, {
      'rampart.yaml': 'rules:\n  disable: [iac/aws-s3-public-access-block]\n  severity: { iac/aws-s3-public-acl: critical }\niac:\n  custom-rules: [policies]\n',
      'policies/tags.yaml': CUSTOM_RULE,
    });
    const list = await runCli(['rules', 'iac/aws-s3-*'], dir);
    assert.match(list.stdout, /^iac\/aws-s3-public-acl +critical \(was high\)/m);
    assert.match(list.stdout, /^iac\/aws-s3-public-access-block .*\[disabled\]$/m);
    const custom = await runCli(['rules', 'team-bucket-owner-tag'], dir);
    assert.match(custom.stdout, /^Defined in: policies\/tags\.yaml$/m);
    const json = await runCli(['rules', '--format', 'json', '--provider', 'aws', '--severity', 'critical'], dir);
    const parsed = JSON.parse(json.stdout) as Array<{ id: string }>;
    assert.ok(parsed.some((rule) => rule.id === 'iac/aws-s3-public-acl'));
    assert.ok(parsed.every((rule) => rule.id.startsWith('iac/aws-')));
  });

  it('rejects unknown rules, scanners and severities with exit code 2', async () => {
    const empty = tempDir('rampart-rules-empty-');
    for (const args of [['rules', 'no-such-rule'], ['rules', '--scanner', 'dast'], ['rules', '--severity', 'urgent']]) {
      const result = await runCli(args, empty);
      assert.equal(result.code, 2, args.join(' '));
      assert.equal(result.stderr.split('\n').filter(Boolean).length, 1, result.stderr);
    }
  });

  it('stops on a broken custom rule with the file and key', async () => {
    const broken = join(tempDir('rampart-rules-broken-'));
    writeTree(broken, { 'rampart.yaml': 'iac:\n  custom-rules: [bad.yaml]\n', 'bad.yaml': CUSTOM_RULE.replace('exists: true', 'exist: true') });
    const result = await runCli(['rules'], broken);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^rampart: bad\.yaml: rule "team-bucket-owner-tag": match\[0\]\.assert: unknown key "exist"; did you mean "exists"\?$/m);
  });
});
