import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseImageReference } from '../../../../src/scanners/iac/dockerfile/image-reference.js';
import { parseDockerfile } from '../../../../src/scanners/iac/dockerfile/index.js';

const DIGEST = 'sha256:' + '0123456789abcdef'.repeat(4);

describe('parseImageReference', () => {
  const cases: [string, Record<string, string | undefined>][] = [
    ['node', { name: 'node' }],
    ['node:20-alpine', { name: 'node', tag: '20-alpine' }],
    ['library/node:20', { namespace: 'library', name: 'node', tag: '20' }],
    ['localhost/app', { registry: 'localhost', name: 'app' }],
    ['localhost:5000/app:1.0', { registry: 'localhost:5000', name: 'app', tag: '1.0' }],
    [
      'registry.internal:8443/team/sub/api:v2@' + DIGEST,
      { registry: 'registry.internal:8443', namespace: 'team/sub', name: 'api', tag: 'v2', digest: DIGEST },
    ],
    ['ghcr.io/org/tool@' + DIGEST, { registry: 'ghcr.io', namespace: 'org', name: 'tool', digest: DIGEST }],
    ['team/app', { namespace: 'team', name: 'app' }],
  ];
  for (const [reference, expected] of cases) {
    it(`splits ${reference.slice(0, 40)}`, () => {
      const parts = parseImageReference(reference);
      assert.equal(parts.registry, expected.registry);
      assert.equal(parts.namespace, expected.namespace);
      assert.equal(parts.name, expected.name);
      assert.equal(parts.tag, expected.tag);
      assert.equal(parts.digest, expected.digest);
      assert.deepEqual(parts.problems, []);
    });
  }

  it('reports malformed references', () => {
    assert.deepEqual(parseImageReference('node@sha256:abc').problems, ['invalid digest "sha256:abc"']);
    assert.deepEqual(parseImageReference('Node:1').problems, ['repository name must be lower-case']);
    assert.deepEqual(parseImageReference('node:-bad').problems, ['invalid tag "-bad"']);
    assert.deepEqual(parseImageReference('a//b').problems, ['empty path component']);
  });
});

describe('FROM reference resolution', () => {
  it('substitutes default forms', () => {
    const text = [
      'ARG TAG=1.25',
      'ARG EMPTY=',
      'ARG IMAGE=nginx:${TAG}',
      'FROM ${IMAGE}',
      'FROM nginx:${EMPTY:-stable}',
      'FROM nginx:${TAG:+pinned}',
      'FROM nginx:$TAG',
    ].join('\n');
    const file = parseDockerfile('Dockerfile', text);
    assert.deepEqual(
      file.stages.map((stage) => stage.reference.resolved),
      ['nginx:1.25', 'nginx:stable', 'nginx:pinned', 'nginx:1.25'],
    );
  });

  it('never pins an unresolved digest', () => {
    const text = 'ARG DIGEST\nFROM node@${DIGEST}\nFROM node@$UNDECLARED\nFROM ${TARGETARCH}/node:20\n';
    const file = parseDockerfile('Dockerfile', text);
    assert.deepEqual(
      file.stages.map((stage) => [stage.reference.kind, stage.reference.pinned, stage.reference.unresolvedVariables]),
      [
        ['unresolved', false, ['DIGEST']],
        ['unresolved', false, ['UNDECLARED']],
        ['unresolved', false, ['TARGETARCH']],
      ],
    );
    assert.deepEqual(file.warnings, []);
  });

  it('matches stage names case-insensitively', () => {
    const file = parseDockerfile('Dockerfile', 'FROM alpine AS Base\nFROM BASE\nFROM base:1\n');
    assert.equal(file.stages[1]?.reference.kind, 'stage');
    assert.equal(file.stages[1]?.reference.stageIndex, 0);
    assert.equal(file.stages[2]?.reference.kind, 'image');
    assert.equal(file.stages[2]?.tag, '1');
  });

  it('ignores ARGs declared after FROM', () => {
    const file = parseDockerfile('Dockerfile', 'FROM alpine\nARG V=1\nFROM node:$V\n');
    assert.equal(file.stages[1]?.reference.kind, 'unresolved');
  });

  it('keeps an escaped dollar literal', () => {
    const file = parseDockerfile('Dockerfile', 'ARG A=x\nFROM node:\\$A\n');
    assert.equal(file.stages[0]?.reference.resolved, 'node:$A');
  });

  it('warns on a bad alias form', () => {
    const file = parseDockerfile('Dockerfile', 'FROM alpine AS\n');
    assert.deepEqual(file.warnings, [{ line: 1, message: 'FROM expects "image [AS name]"' }]);
  });
});
