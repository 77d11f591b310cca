import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  measureCorpus,
  scoreFindings,
  type CorpusFinding,
  type CorpusLabel,
  type CorpusResult,
} from '../../scripts/secrets-corpus.js';

const CORPUS_DIR = fileURLToPath(new URL('../../../test/corpus/secrets/', import.meta.url));

/** The families the corpus must cover with at least ten secrets each. */
const COVERED_FAMILIES = [
  'cloud',
  'source-hosting',
  'ci-registry',
  'payments',
  'messaging',
  'ai',
  'observability',
  'private-key',
  'connection-string',
  'jwt',
  'generic',
];

function finding(
  path: string,
  startLine: number,
  family: string,
  endLine = startLine,
): CorpusFinding {
  return { path, startLine, endLine, family, ruleId: `secrets/${family}-rule` };
}

describe('scoreFindings', () => {
  const labels: CorpusLabel[] = [
    { path: 'positive/a/.env', line: 2, family: 'cloud' },
    { path: 'positive/a/.env', line: 5, family: 'generic' },
    { path: 'positive/b/key.pem', line: 1, family: 'private-key' },
  ];

  it('counts a same-family finding on the label as a true positive', () => {
    const score = scoreFindings(labels, [finding('positive/a/.env', 2, 'cloud')]);
    assert.equal(score.overall.tp, 1);
    assert.equal(score.overall.fp, 0);
    assert.equal(score.overall.fn, 2);
  });

  it('counts a wrong family as false positive and false negative', () => {
    const score = scoreFindings(labels, [finding('positive/a/.env', 2, 'generic')]);
    assert.equal(score.overall.tp, 0);
    assert.equal(score.falsePositives.length, 1);
    assert.equal(score.falsePositives[0]?.family, 'generic');
    assert.ok(score.falseNegatives.some((label) => label.line === 2 && label.family === 'cloud'));
  });

  it('counts duplicate findings on one label once', () => {
    const score = scoreFindings(labels, [
      finding('positive/a/.env', 5, 'generic'),
      finding('positive/a/.env', 5, 'generic'),
    ]);
    assert.equal(score.overall.tp, 1);
    assert.equal(score.overall.fp, 0);
  });

  it('matches a multi-line finding that spans the label', () => {
    const score = scoreFindings(labels, [finding('positive/a/.env', 4, 'generic', 6)]);
    const generic = score.families.find((family) => family.family === 'generic');
    assert.equal(generic?.tp, 1);
    assert.equal(generic?.fn, 0);
  });

  it('counts a finding on another path as false positive', () => {
    const score = scoreFindings(labels, [finding('negative/c/app.js', 2, 'cloud')]);
    assert.equal(score.overall.fp, 1);
    assert.equal(score.overall.tp, 0);
  });

  it('computes precision and recall per family', () => {
    const score = scoreFindings(labels, [
      finding('positive/a/.env', 2, 'cloud'),
      finding('positive/b/key.pem', 1, 'private-key', 28),
      finding('negative/c/app.js', 9, 'cloud'),
    ]);
    const cloud = score.families.find((family) => family.family === 'cloud');
    assert.equal(cloud?.precision, 0.5);
    assert.equal(cloud?.recall, 1);
    assert.equal(score.overall.precision, 2 / 3);
    assert.equal(score.overall.recall, 2 / 3);
  });
});

describe('measureCorpus on a broken corpus', () => {
  it('rejects a label past the end of its file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-corpus-test-'));
    try {
      mkdirSync(join(dir, 'positive', 'app'), { recursive: true });
      mkdirSync(join(dir, 'negative'), { recursive: true });
      writeFileSync(join(dir, 'positive', 'app', '.env'), 'A=1\n');
      const label = '- {path: positive/app/.env, line: 7, family: generic}\n';
      writeFileSync(join(dir, 'labels.yaml'), label);
      writeFileSync(join(dir, 'negatives.yaml'), '[]\n');
      await assert.rejects(measureCorpus(dir), /positive\/app\/\.env:7 is past the end or blank/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('secret corpus accuracy', () => {
  let result: CorpusResult;
  before(async () => {
    result = await measureCorpus(CORPUS_DIR);
  });

  const listFalsePositives = (): string =>
    result.falsePositives.map((f) => `${f.path}:${f.startLine} ${f.ruleId}`).join('\n');
  const listFalseNegatives = (family?: string): string =>
    result.falseNegatives
      .filter((label) => family === undefined || label.family === family)
      .map((label) => `${label.path}:${label.line} ${label.family}`)
      .join('\n');

  it('has at least 320 labelled secrets', () => {
    assert.ok(result.labels.length >= 320, `only ${result.labels.length} labels`);
  });

  it('has at least 320 tricky negative lines', () => {
    assert.ok(result.negatives.length >= 320, `only ${result.negatives.length} negatives`);
  });

  it('has at least ten secrets in every family', () => {
    for (const family of COVERED_FAMILIES) {
      const count = result.labels.filter((label) => label.family === family).length;
      assert.ok(count >= 10, `${family} has ${count} labels`);
    }
  });

  it('reaches overall precision 0.95', () => {
    const { precision } = result.overall;
    assert.ok(precision >= 0.95, `precision ${precision.toFixed(3)}:\n${listFalsePositives()}`);
  });

  it('reaches overall recall 0.95', () => {
    const { recall } = result.overall;
    assert.ok(recall >= 0.95, `recall ${recall.toFixed(3)}:\n${listFalseNegatives()}`);
  });

  it('reaches recall 0.9 in every family', () => {
    for (const family of COVERED_FAMILIES) {
      const score = result.families.find((entry) => entry.family === family);
      assert.ok(score, `no score for ${family}`);
      const missed = listFalseNegatives(family);
      assert.ok(score.recall >= 0.9, `${family} recall ${score.recall.toFixed(3)}:\n${missed}`);
    }
  });
});
