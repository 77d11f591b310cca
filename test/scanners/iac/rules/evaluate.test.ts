import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadYamlDocuments } from '../../../../src/scanners/iac/documents/yaml.js';
import type { IacResource } from '../../../../src/scanners/iac/resource.js';
import { BUILTINS } from '../../../../src/scanners/iac/rules/builtins/index.js';
import { evaluate, portRangeIncludes, type EvalContext } from '../../../../src/scanners/iac/rules/evaluate.js';
import { parsePath, walkPath } from '../../../../src/scanners/iac/rules/path.js';
import type { Condition } from '../../../../src/scanners/iac/rules/types.js';
import { TypeIndex } from '../../../../src/scanners/iac/run-rules.js';
import type { TreeNode } from '../../../../src/scanners/iac/tree.js';

function tree(yaml: string): TreeNode {
  const [doc] = loadYamlDocuments('x.yaml', yaml);
  assert.ok(doc);
  return doc.root;
}

function resource(body: TreeNode, type = 'thing', address = `thing.${type}`): IacResource {
  return { format: 'terraform', type, address, path: 'main.tf', span: body.span, body };
}

function run(condition: Condition, body: TreeNode, others: IacResource[] = []) {
  const self = resource(body);
  const context: EvalContext = {
    resource: self,
    resources: new TypeIndex([self, ...others]),
    builtins: BUILTINS,
    regexes: new Map(),
    depth: 0,
    secret: false,
  };
  return evaluate(condition, body, context);
}

describe('iac path language', () => {
  it('parses keys, wildcards, as-list, quoted keys and selectors', () => {
    assert.deepEqual(parsePath('a.*.b[].c'), [
      { kind: 'key', key: 'a' },
      { kind: 'each' },
      { kind: 'as-list', key: 'b' },
      { kind: 'key', key: 'c' },
    ]);
    assert.deepEqual(parsePath('metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]'), [
      { kind: 'key', key: 'metadata' },
      { kind: 'key', key: 'annotations' },
      { kind: 'key', key: 'seccomp.security.alpha.kubernetes.io/pod' },
    ]);
    assert.deepEqual(parsePath('policy.@json.Statement'), [{ kind: 'key', key: 'policy' }, { kind: 'json' }, { kind: 'key', key: 'Statement' }]);
  });

  it('rejects malformed paths with the reason', () => {
    assert.throws(() => parsePath('a..b'), /empty segment/);
    assert.throws(() => parsePath('a.'), /ends with a dot/);
    assert.throws(() => parsePath('a["b'), /not closed/);
    assert.throws(() => parsePath('@nope'), /unknown selector "@nope"/);
  });

  it('applies a key to each item of a list, as Terraform repeats blocks', () => {
    const body = tree('ingress:\n  - from_port: 22\n  - from_port: 443\n');
    assert.deepEqual(walkPath(body, 'ingress.from_port').map((hit) => (hit.node.kind === 'scalar' ? hit.node.value : hit.node.kind)), [22, 443]);
  });

  it('reads JSON strings and stops at expressions', () => {
    const body = tree('policy: \'{"Statement":[{"Action":"*"}]}\'\nref: !Ref Other\n');
    const action = walkPath(body, 'policy.@json.Statement.Action');
    assert.equal(action[0]?.node.kind === 'scalar' ? action[0].node.value : undefined, '*');
    const stopped = walkPath(body, 'ref.x.y');
    assert.equal(stopped[0]?.stopped, true);
  });
});

describe('iac condition evaluation', () => {
  it('fails a missing setting at the resource line unless the operator passes when absent', () => {
    const body = tree('name: x\n');
    assert.equal(run({ path: 'encrypted', equals: true }, body).result, 'fail');
    assert.equal(run({ path: 'encrypted', equals: true }, body).seen, 'encrypted is not set');
    assert.equal(run({ path: 'acl', not_in: ['public-read'] }, body).result, 'pass');
    assert.equal(run({ path: 'acl', not_in: ['public-read'], absent: 'fail' }, body).result, 'fail');
    assert.equal(run({ path: 'encrypted', equals: true, default: true }, body).result, 'pass');
  });

  it('reads YAML 1.1 booleans as kubectl does, when compared with a boolean', () => {
    const body = tree('privileged: "yes"\nhostPID: "on"\nname: "no"\n');
    assert.equal(run({ path: 'privileged', not_equals: true }, body).result, 'fail');
    assert.equal(run({ path: 'hostPID', equals: true }, body).result, 'pass');
    assert.equal(run({ path: 'name', equals: 'no' }, body).result, 'pass');
    assert.equal(run({ path: 'name', equals: false }, body).result, 'pass');
  });

  it('reads booleans and numbers written as strings', () => {
    const body = tree('encrypted: "true"\nport: "5432"\n');
    assert.equal(run({ path: 'encrypted', equals: true }, body).result, 'pass');
    assert.equal(run({ path: 'port', gte: 1024 }, body).result, 'pass');
  });

  it('is unknown, never pass, when a value is an expression', () => {
    const body = tree('acl: !Ref Acl\n');
    const outcome = run({ path: 'acl', not_in: ['public-read'] }, body);
    assert.equal(outcome.result, 'unknown');
    assert.match(outcome.seen ?? '', /known only at deploy time/);
    assert.equal(run({ path: 'acl', exists: true }, body).result, 'pass');
    assert.equal(run({ not: { path: 'acl', equals: 'x' } }, body).result, 'unknown');
  });

  it('tells literal values from references without being unknown', () => {
    const body = tree('written: abc\nref: !Ref Key\n');
    assert.equal(run({ path: 'written', literal: true }, body).result, 'pass');
    assert.equal(run({ path: 'ref', literal: true }, body).result, 'fail');
    assert.equal(run({ path: 'ref', literal: false }, body).result, 'pass');
    assert.equal(run({ path: 'missing', literal: false }, body).result, 'pass');
    assert.equal(run({ path: 'missing', literal: true }, body).result, 'fail');
  });

  it('uses three-valued all, any and not', () => {
    const body = tree('a: 1\nb: !Ref X\n');
    const pass = { path: 'a', equals: 1 };
    const fail = { path: 'a', equals: 2 };
    const unknown = { path: 'b', equals: 1 };
    assert.equal(run({ all: [pass, unknown] }, body).result, 'unknown');
    assert.equal(run({ all: [unknown, fail] }, body).result, 'fail');
    assert.equal(run({ any: [fail, unknown] }, body).result, 'unknown');
    assert.equal(run({ any: [unknown, pass] }, body).result, 'pass');
    assert.equal(run({ not: fail }, body).result, 'pass');
  });

  it('quantifies over lists with every, some and none', () => {
    const body = tree('rules:\n  - cidr: 10.0.0.0/8\n  - cidr: 0.0.0.0/0\n');
    const open = { path: 'cidr', open_to_internet: true };
    assert.equal(run({ some: 'rules', check: open }, body).result, 'pass');
    const none = run({ none: 'rules', check: open }, body);
    assert.equal(none.result, 'fail');
    assert.equal(none.span?.startLine, 3);
    assert.equal(run({ every: 'rules', check: open }, body).result, 'fail');
    assert.equal(run({ every: 'missing', check: open }, body).result, 'pass');
    assert.equal(run({ some: 'missing', check: open }, body).result, 'fail');
  });

  it('reads port ranges in every provider form', () => {
    const port = (yaml: string, value: number) => portRangeIncludes(tree(yaml), value);
    assert.equal(port('from_port: 0\nto_port: 65535\n', 22), true);
    assert.equal(port('from_port: 80\nto_port: 443\n', 22), false);
    assert.equal(port('protocol: "-1"\nfrom_port: 0\nto_port: 0\n', 3389), true);
    assert.equal(port('IpProtocol: tcp\nFromPort: 22\nToPort: 22\n', 22), true);
    assert.equal(port('"20-30"', 22), true);
    assert.equal(port('"*"', 5432), true);
    assert.equal(port('["80", "443"]', 22), false);
  });

  it('decides equality on a template whose written parts rule a value out', () => {
    const node = (text: string): TreeNode => ({ kind: 'expression', span: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }, text });
    const body: TreeNode = {
      kind: 'map',
      span: { startLine: 1, startColumn: 1, endLine: 3, endColumn: 1 },
      entries: [
        { key: 'sa', keySpan: node('').span, value: node('"serviceAccount:${google_service_account.ci.email}"') },
        { key: 'any', keySpan: node('').span, value: node('"${var.member}"') },
      ],
    };
    assert.equal(run({ path: 'sa', not_in: ['allUsers', 'allAuthenticatedUsers'] }, body).result, 'pass');
    assert.equal(run({ path: 'sa', equals: 'allUsers' }, body).result, 'fail');
    assert.equal(run({ path: 'sa', in: ['serviceAccount:x@y'] }, body).result, 'unknown');
    assert.equal(run({ path: 'any', not_in: ['allUsers'] }, body).result, 'unknown');
  });

  it('treats any prefix of length 0 as the whole internet', () => {
    const body = tree('a: 192.168.1.0/0\nb: 10.0.0.0/8\n');
    assert.equal(run({ path: 'a', open_to_internet: true }, body).result, 'pass');
    assert.equal(run({ path: 'b', open_to_internet: true }, body).result, 'fail');
  });

  it('is unknown when ports or a parent of the path are known only at deploy time', () => {
    const body = tree('ingress:\n  from_port: !Ref Port\n  to_port: !Ref Port\n  protocol: tcp\ntags: !Ref Tags\n');
    assert.equal(run({ path: 'ingress', includes_port: [22] }, body).result, 'unknown');
    assert.equal(run({ not: { path: 'ingress', includes_port: [22] } }, body).result, 'unknown');
    assert.equal(run({ path: 'tags.owner', exists: true }, body).result, 'unknown');
    assert.equal(run({ path: 'tags', exists: true }, body).result, 'pass');
  });

  it('follows links between resources', () => {
    const bucket = tree('bucket: logs\n');
    const block = resource(tree('bucket: logs\nblock_public_acls: false\n'), 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_public_access_block.logs');
    const condition: Condition = {
      related: { type: 'aws_s3_bucket_public_access_block', direction: 'incoming', attribute: 'bucket', check: { path: 'block_public_acls', equals: true } },
    };
    const outcome = run(condition, bucket, [block]);
    assert.equal(outcome.result, 'fail');
    assert.match(outcome.seen ?? '', /aws_s3_bucket_public_access_block\.logs \(main\.tf:2\): block_public_acls is false/);
    assert.equal(run(condition, bucket, []).result, 'fail');
    assert.equal(run({ related: { ...condition.related, absent: 'pass' } } as Condition, bucket, []).result, 'pass');
  });

  it('turns a failure inside a dynamic block of unknown count into unknown', () => {
    const body: TreeNode = {
      kind: 'map',
      span: { startLine: 1, startColumn: 1, endLine: 3, endColumn: 1 },
      entries: [
        {
          key: 'ingress',
          keySpan: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 8 },
          value: { ...tree('cidr: 0.0.0.0/0\n'), tag: 'dynamic' },
        },
      ],
    };
    assert.equal(run({ none: 'ingress', check: { path: 'cidr', open_to_internet: true } }, body).result, 'unknown');
    assert.equal(run({ every: 'ingress', check: { path: 'cidr', open_to_internet: false } }, body).result, 'unknown');
    assert.equal(run({ none: 'ingress', check: { path: 'cidr', equals: '10.0.0.0/8' } }, body).result, 'pass');
    assert.equal(run({ path: 'ingress.cidr', open_to_internet: false }, body).result, 'unknown');
  });
});
