import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadYamlDocuments } from '../../../../src/scanners/iac/documents/yaml.js';
import { entryOf, IacParseError, type Span, type TreeNode } from '../../../../src/scanners/iac/tree.js';

function span(startLine: number, startColumn: number, endLine: number, endColumn: number): Span {
  return { startLine, startColumn, endLine, endColumn };
}

/** Returns the node at `keys` below `root`, following map keys and list indexes. */
function at(root: TreeNode, ...keys: Array<string | number>): TreeNode {
  let node = root;
  for (const key of keys) {
    if (typeof key === 'number') {
      assert.equal(node.kind, 'list');
      const item = node.kind === 'list' ? node.items[key] : undefined;
      assert.ok(item, `no item ${key}`);
      node = item;
    } else {
      const entry = entryOf(node, key);
      assert.ok(entry, `no key ${key}`);
      node = entry.value;
    }
  }
  return node;
}

function onlyRoot(text: string): TreeNode {
  const documents = loadYamlDocuments('file.yaml', text);
  assert.equal(documents.length, 1);
  return documents[0]!.root;
}

describe('loadYamlDocuments', () => {
  it('gives exact key and value spans', () => {
    const root = onlyRoot('metadata:\n  name: web\n  labels: {app: web, tier: "front"}\nports: [80, 443]\n');
    const metadata = entryOf(root, 'metadata')!;
    assert.deepEqual(metadata.keySpan, span(1, 1, 1, 9));
    assert.deepEqual(metadata.value.span, span(2, 3, 3, 36));
    const name = entryOf(metadata.value, 'name')!;
    assert.deepEqual(name.keySpan, span(2, 3, 2, 7));
    assert.deepEqual(name.value, { kind: 'scalar', span: span(2, 9, 2, 12), value: 'web' });
    const labels = at(root, 'metadata', 'labels');
    assert.deepEqual(labels.span, span(3, 11, 3, 36));
    const tier = entryOf(labels, 'tier')!;
    assert.deepEqual(tier.keySpan, span(3, 22, 3, 26));
    assert.deepEqual(tier.value, { kind: 'scalar', span: span(3, 28, 3, 35), value: 'front' });
    assert.deepEqual(at(root, 'ports').span, span(4, 8, 4, 17));
    assert.deepEqual(at(root, 'ports', 1), { kind: 'scalar', span: span(4, 13, 4, 16), value: 443 });
  });

  it('spans multi-line scalars', () => {
    const text = 'script: |\n  echo one\n  echo two\n\nfolded: >-\n  a\n  b\nplain: first\n  second\nnext: 1\n';
    const root = onlyRoot(text);
    const script = at(root, 'script');
    assert.deepEqual(script, { kind: 'scalar', span: span(1, 9, 3, 11), value: 'echo one\necho two\n' });
    assert.deepEqual(at(root, 'folded'), { kind: 'scalar', span: span(5, 9, 7, 4), value: 'a b' });
    assert.deepEqual(at(root, 'plain'), { kind: 'scalar', span: span(8, 8, 9, 9), value: 'first second' });
    assert.deepEqual(entryOf(root, 'next')!.keySpan, span(10, 1, 10, 5));
  });

  it('spans multi-line flow collections', () => {
    const root = onlyRoot('args: [\n  "--port",\n  8080,\n]\nenv: {\n  A: 1 }\n');
    const args = at(root, 'args');
    assert.deepEqual(args.span, span(1, 7, 4, 2));
    assert.deepEqual(at(root, 'args', 0), { kind: 'scalar', span: span(2, 3, 2, 11), value: '--port' });
    assert.deepEqual(at(root, 'args', 1).span, span(3, 3, 3, 7));
    assert.deepEqual(at(root, 'env').span, span(5, 6, 6, 9));
    assert.deepEqual(entryOf(at(root, 'env'), 'A')!.keySpan, span(6, 3, 6, 4));
  });

  it('counts columns in UTF-16 units', () => {
    const root = onlyRoot('note: "😀"\nk: v\n');
    assert.deepEqual(at(root, 'note').span, span(1, 7, 1, 11));
  });

  it('keeps CloudFormation short tags', () => {
    const text = [
      'Resources:',
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketName: !Sub "${AWS::StackName}-logs"',
      '      KmsKeyId: !GetAtt Key.Arn',
      '      Tags: !If [IsProd, [{Key: env, Value: prod}], !Ref AWS::NoValue]',
      '      Role: !Ref Role',
      '      Region: {"Fn::Select": [0, !GetAZs ""]}',
      '      Long: {"Ref": Other}',
      '      Cond: !Equals',
      '        - !Ref Env',
      '        - prod',
      '',
    ].join('\n');
    const properties = at(onlyRoot(text), 'Resources', 'Bucket', 'Properties');

    assert.deepEqual(at(properties, 'BucketName'), {
      kind: 'expression',
      span: span(5, 19, 5, 48),
      text: '${AWS::StackName}-logs',
      tag: '!Sub',
    });
    assert.deepEqual(at(properties, 'KmsKeyId'), {
      kind: 'expression',
      span: span(6, 17, 6, 32),
      text: 'Key.Arn',
      tag: '!GetAtt',
    });

    const tags = at(properties, 'Tags');
    assert.equal(tags.kind, 'expression');
    assert.equal(tags.kind === 'expression' ? tags.text : '', '[IsProd, [{Key: env, Value: prod}], !Ref AWS::NoValue]');
    assert.equal(tags.tag, '!If');
    assert.deepEqual(at(properties, 'Role'), { kind: 'expression', span: span(8, 13, 8, 22), text: 'Role', tag: '!Ref' });

    const select = at(properties, 'Region', 'Fn::Select');
    assert.equal(select.kind, 'list');
    assert.deepEqual(at(select, 1), { kind: 'expression', span: span(9, 34, 9, 44), text: '', tag: '!GetAZs' });
    assert.deepEqual(at(properties, 'Long', 'Ref'), { kind: 'scalar', span: span(10, 21, 10, 26), value: 'Other' });

    const condition = at(properties, 'Cond');
    assert.equal(condition.kind, 'expression');
    assert.equal(condition.kind === 'expression' ? condition.text : '', '- !Ref Env\n        - prod');
    assert.deepEqual(condition.span, span(11, 13, 13, 15));
  });

  it('accepts every CloudFormation tag', () => {
    const tags = ['!Ref', '!Sub', '!GetAtt', '!Join', '!If', '!Equals', '!Not', '!And', '!Or', '!FindInMap'];
    tags.push('!Select', '!Split', '!Base64', '!Cidr', '!ImportValue', '!GetAZs', '!Condition', '!Transform');
    const text = tags.map((tag, index) => `k${index}: ${tag} [a, b]`).join('\n');
    const root = onlyRoot(text);
    assert.equal(root.kind === 'map' ? root.entries.length : 0, 18);
    tags.forEach((tag, index) => {
      assert.deepEqual(at(root, `k${index}`), {
        kind: 'expression',
        span: span(index + 1, 4 + String(index).length, index + 1, 11 + String(index).length + tag.length),
        text: '[a, b]',
        tag,
      });
    });
  });

  it('splits multi-document Kubernetes streams', () => {
    const text = [
      '# leading comment',
      'apiVersion: v1',
      'kind: Namespace',
      'metadata: {name: prod}',
      '---',
      '# only a comment',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: app',
      '          securityContext:',
      '            privileged: true',
      '...',
      '---',
      '',
    ].join('\n');
    const documents = loadYamlDocuments('k8s/all.yaml', text);
    assert.deepEqual(
      documents.map((document) => [document.path, document.index]),
      [
        ['k8s/all.yaml', 0],
        ['k8s/all.yaml', 2],
      ],
    );
    assert.deepEqual(at(documents[0]!.root, 'kind'), { kind: 'scalar', span: span(3, 7, 3, 16), value: 'Namespace' });
    const privileged = entryOf(at(documents[1]!.root, 'spec', 'template', 'spec', 'containers', 0, 'securityContext'), 'privileged')!;
    assert.deepEqual(privileged.keySpan, span(16, 13, 16, 23));
    assert.deepEqual(privileged.value, { kind: 'scalar', span: span(16, 25, 16, 29), value: true });
  });

  it('returns nothing for empty streams', () => {
    assert.deepEqual(loadYamlDocuments('empty.yaml', ''), []);
    assert.deepEqual(loadYamlDocuments('comments.yaml', '# a\n---\n# b\n'), []);
  });

  it('keeps an explicit null document', () => {
    const documents = loadYamlDocuments('null.yaml', '---\n~\n');
    assert.equal(documents.length, 1);
    assert.deepEqual(documents[0]!.root, { kind: 'scalar', span: span(2, 1, 2, 2), value: null });
  });

  it('types scalars with the core schema', () => {
    const root = onlyRoot('a: yes\nb: off\nc: true\nd: 0x1F\ne: 010\nf: 1.5e3\ng: ~\nh: "true"\ni: .inf\nj:\n');
    const values = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((key) => {
      const node = at(root, key);
      return node.kind === 'scalar' ? node.value : undefined;
    });
    assert.deepEqual(values, ['yes', 'off', true, 31, 10, 1500, null, 'true', Infinity, null]);
  });

  it('honours a YAML 1.1 directive', () => {
    const root = onlyRoot('%YAML 1.1\n---\nenabled: yes\n');
    assert.deepEqual(at(root, 'enabled'), { kind: 'scalar', span: span(3, 10, 3, 13), value: true });
  });

  it('keeps the last of duplicate keys', () => {
    const root = onlyRoot('image: a\nimage: b\n');
    assert.equal(root.kind, 'map');
    const entries = root.kind === 'map' ? root.entries : [];
    assert.deepEqual(
      entries.map((entry) => [entry.key, entry.keySpan.startLine, entry.value.kind === 'scalar' ? entry.value.value : '']),
      [['image', 2, 'b']],
    );
  });

  it('writes keys as in the source', () => {
    const root = onlyRoot('80: http\n0x1F: hex\n"quoted key": q\n? [a, b]\n: complex\n');
    assert.deepEqual(root.kind === 'map' ? root.entries.map((entry) => entry.key) : [], ['80', '0x1F', 'quoted key', '[a, b]']);
  });

  it('resolves aliases to shared nodes', () => {
    const root = onlyRoot('base: &limits\n  cpu: 100m\nfirst: *limits\nsecond: *limits\n');
    assert.equal(at(root, 'first'), at(root, 'base'));
    assert.equal(at(root, 'second'), at(root, 'base'));
    assert.deepEqual(at(root, 'first', 'cpu').span, span(2, 8, 2, 12));
  });

  it('applies merge keys', () => {
    const text = [
      'defaults: &defaults',
      '  image: nginx',
      '  privileged: false',
      'extra: &extra {privileged: maybe, user: root}',
      'service:',
      '  name: web',
      '  <<: [*defaults, *extra]',
      '  privileged: true',
      '',
    ].join('\n');
    const service = at(onlyRoot(text), 'service');
    assert.equal(service.kind, 'map');
    const entries = service.kind === 'map' ? service.entries : [];
    assert.deepEqual(
      entries.map((entry) => [entry.key, entry.keySpan.startLine, entry.value.kind === 'scalar' ? entry.value.value : '']),
      [
        ['name', 6, 'web'],
        ['image', 2, 'nginx'],
        ['user', 4, 'root'],
        ['privileged', 8, true],
      ],
    );
  });

  it('keeps a quoted << key', () => {
    const root = onlyRoot('"<<": {a: 1}\n');
    assert.deepEqual(root.kind === 'map' ? root.entries.map((entry) => entry.key) : [], ['<<']);
  });

  it('rejects a merge of a scalar', () => {
    assert.throws(
      () => loadYamlDocuments('bad-merge.yaml', 'a: 1\nb:\n  <<: plain\n'),
      (error: unknown) =>
        error instanceof IacParseError &&
        error.message === 'bad-merge.yaml:3: invalid merge key: the value of << must be a map or a list of maps',
    );
  });

  it('reports syntax errors with line', () => {
    const cases: Array<[string, number]> = [
      ['a: 1\nb: [1, 2\nc: 3\n', 3],
      ['a: 1\n  b: 2\n', 1],
      ['a: "open\n', 1],
      ['ok: 1\n---\nx: *missing\n', 3],
      ['a: 1\n---\n- x\ny: 2\n', 4],
    ];
    for (const [text, line] of cases) {
      assert.throws(
        () => loadYamlDocuments('bad.yaml', text),
        (error: unknown) => error instanceof IacParseError && error.path === 'bad.yaml' && error.line === line,
        JSON.stringify(text),
      );
    }
  });

  it('names the problem in errors', () => {
    assert.throws(() => loadYamlDocuments('k.yaml', 'ok: 1\nbad: "open\n'), {
      name: 'IacParseError',
      message: 'k.yaml:2: invalid YAML: Missing closing "quote',
    });
  });

  it('does not share anchors across documents', () => {
    assert.throws(
      () => loadYamlDocuments('two.yaml', 'a: &x 1\n---\nb: *x\n'),
      (error: unknown) => error instanceof IacParseError && error.line === 3,
    );
  });
});

describe('loadYamlDocuments: repeated keys', () => {
  it('keeps the last value of a key written twice', () => {
    const [doc] = loadYamlDocuments('pod.yaml', 'securityContext:\n  privileged: false\n  privileged: true\n');
    const context = doc?.root.kind === 'map' ? doc.root.entries[0]?.value : undefined;
    const entries = context?.kind === 'map' ? context.entries : [];
    assert.equal(entries.length, 1);
    assert.deepEqual(entries[0]?.value.kind === 'scalar' ? entries[0].value.value : undefined, true);
    assert.equal(entries[0]?.keySpan.startLine, 3);
  });
});
