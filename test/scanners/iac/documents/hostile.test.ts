import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadJsonDocument } from '../../../../src/scanners/iac/documents/json.js';
import { MAX_ALIAS_NODES, MAX_NESTING_DEPTH } from '../../../../src/scanners/iac/documents/limits.js';
import { loadYamlDocuments } from '../../../../src/scanners/iac/documents/yaml.js';
import { entryOf, IacParseError } from '../../../../src/scanners/iac/tree.js';

/** Runs `load` and returns its error, failing when it takes longer than `limitMs`. */
function timedError(load: () => unknown, limitMs: number): IacParseError {
  const started = performance.now();
  let caught: unknown;
  try {
    load();
  } catch (error) {
    caught = error;
  }
  const elapsed = performance.now() - started;
  assert.ok(elapsed < limitMs, `took ${Math.round(elapsed)} ms`);
  assert.ok(caught instanceof IacParseError, `expected IacParseError, got ${String(caught)}`);
  return caught;
}

/** Nine levels of anchors, each aliasing the previous one ten times: 10^9 nodes when expanded. */
function aliasBomb(): string {
  const lines = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let level = 1; level <= 9; level++) {
    const aliases = Array.from({ length: 10 }, () => `*l${level - 1}`).join(', ');
    lines.push(`l${level}: &l${level} [${aliases}]`);
  }
  return lines.join('\n');
}

// Time limits are generous because tests share a small machine; they catch hangs, not slowdowns.
describe('hostile YAML and JSON', () => {
  it('rejects deep YAML flow nesting', () => {
    const error = timedError(() => loadYamlDocuments('deep.yaml', 'a: ' + '['.repeat(100_000)), 5_000);
    assert.equal(error.line, 1);
    assert.equal(error.message, `deep.yaml:1: invalid YAML: maps and lists nest deeper than ${MAX_NESTING_DEPTH} levels`);
  });

  it('rejects deep YAML block nesting', () => {
    const error = timedError(() => loadYamlDocuments('deep.yaml', 'ok: 1\nx: ' + '- '.repeat(100_000) + 'x\n'), 5_000);
    assert.equal(error.line, 2);
  });

  it('rejects deep nesting by indentation', () => {
    const lines = Array.from({ length: 300 }, (_, depth) => `${' '.repeat(depth)}k${depth}:`);
    const error = timedError(() => loadYamlDocuments('indent.yaml', lines.join('\n') + ' leaf\n'), 5_000);
    assert.equal(error.line, MAX_NESTING_DEPTH + 1);
  });

  it('accepts nesting at the limit', () => {
    const depth = MAX_NESTING_DEPTH;
    const text = '['.repeat(depth) + ']'.repeat(depth);
    const [document] = loadYamlDocuments('limit.yaml', text);
    let node = document!.root;
    let levels = 1;
    while (node.kind === 'list' && node.items[0] !== undefined) {
      node = node.items[0];
      levels++;
    }
    assert.equal(levels, depth);
  });

  it('stops alias bombs', () => {
    const error = timedError(() => loadYamlDocuments('bomb.yaml', aliasBomb()), 5_000);
    assert.equal(error.line, 6);
    assert.match(error.message, new RegExp(`^bomb\\.yaml:6: YAML aliases expand to more than ${MAX_ALIAS_NODES} nodes`));
  });

  it('stops merge key bombs', () => {
    const lines = ['m0: &m0 {' + Array.from({ length: 1000 }, (_, index) => `k${index}: [1, 2, 3, 4, 5, 6, 7, 8, 9]`).join(', ') + '}'];
    for (let copy = 1; copy <= 200; copy++) lines.push(`c${copy}: {<<: *m0}`);
    const error = timedError(() => loadYamlDocuments('merge-bomb.yaml', lines.join('\n')), 5_000);
    assert.match(error.message, /^merge-bomb\.yaml:\d+: YAML aliases expand to more than/);
  });

  it('rejects a self-referencing alias', () => {
    const error = timedError(() => loadYamlDocuments('loop.yaml', 'a: &loop\n  b: *loop\n'), 1_000);
    assert.equal(error.message, 'loop.yaml:2: invalid alias *loop: it refers to a node that contains it');
  });

  it('loads 100k documents', () => {
    const started = performance.now();
    const documents = loadYamlDocuments('many.yaml', 'kind: Pod\n---\n'.repeat(100_000));
    assert.ok(performance.now() - started < 20_000);
    assert.equal(documents.length, 100_000);
    assert.equal(documents[99_999]!.index, 99_999);
    assert.equal(entryOf(documents[99_999]!.root, 'kind')!.keySpan.startLine, 199_999);
  });

  it('skips 100k empty documents', () => {
    const started = performance.now();
    assert.deepEqual(loadYamlDocuments('empty.yaml', '---\n'.repeat(100_000)), []);
    assert.ok(performance.now() - started < 20_000);
  });

  it('loads a large YAML file', () => {
    const items = Array.from({ length: 50_000 }, (_, index) => `  - name: item-${index}\n    value: "${'v'.repeat(40)}"`);
    const text = 'items:\n' + items.join('\n') + '\n';
    const started = performance.now();
    const [document] = loadYamlDocuments('large.yaml', text);
    assert.ok(performance.now() - started < 20_000);
    const list = entryOf(document!.root, 'items')!.value;
    assert.equal(list.kind === 'list' ? list.items.length : 0, 50_000);
  });

  it('keeps NUL and replacement characters', () => {
    const [document] = loadYamlDocuments('odd.yaml', 'a: x\u0000y\nb: "\uFFFD\uFFFD"\n');
    assert.deepEqual(entryOf(document!.root, 'a')!.value, {
      kind: 'scalar',
      span: { startLine: 1, startColumn: 4, endLine: 1, endColumn: 7 },
      value: 'x\u0000y',
    });
    const b = entryOf(document!.root, 'b')!.value;
    assert.equal(b.kind === 'scalar' ? b.value : undefined, '\uFFFD\uFFFD');
  });

  it('rejects binary garbage as YAML', () => {
    const garbage = Array.from({ length: 4096 }, (_, index) => String.fromCharCode((index * 7919) % 256)).join('');
    timedError(() => loadYamlDocuments('garbage.yaml', `a: [\n${garbage}`), 5_000);
  });

  it('rejects deep JSON nesting', () => {
    const error = timedError(() => loadJsonDocument('deep.json', '{"a":\n' + '['.repeat(100_000)), 5_000);
    assert.equal(error.message, `deep.json:2: invalid JSON: objects and arrays nest deeper than ${MAX_NESTING_DEPTH} levels`);
  });

  it('rejects NUL bytes in JSON', () => {
    const error = timedError(() => loadJsonDocument('nul.json', '{"a": 1,\n\u0000}'), 1_000);
    assert.equal(error.line, 2);
  });

  it('loads a large JSON file', () => {
    const resources = Array.from({ length: 50_000 }, (_, index) => `{"type": "aws_s3_bucket", "name": "b${index}"}`);
    const started = performance.now();
    const document = loadJsonDocument('state.json', `{"resources": [\n${resources.join(',\n')}\n]}`);
    assert.ok(performance.now() - started < 20_000);
    const list = entryOf(document.root, 'resources')!.value;
    assert.equal(list.kind === 'list' ? list.items.length : 0, 50_000);
    assert.equal(list.kind === 'list' ? list.items[49_999]!.span.startLine : 0, 50_001);
  });
});
