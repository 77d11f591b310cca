import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { packageRoot } from '../../../src/core/package-root.js';
import { boundedDamerau } from '../../../src/scanners/supply-chain/typosquat-distance.js';
import { flagPopularNames, parseCorpus, scoreCorpus } from '../../../src/scanners/supply-chain/typosquat-corpus.js';
import { buildPopularIndex, deletionNeighbourhood, parsePopularTsv } from '../../../src/scanners/supply-chain/typosquat-index.js';
import { canonicalName, foldHomoglyphs, skeleton } from '../../../src/scanners/supply-chain/typosquat-names.js';
import {
  findTyposquatTarget,
  loadPopularIndex,
  type TyposquatEcosystem,
  type TyposquatKind,
} from '../../../src/scanners/supply-chain/typosquat.js';

const npm = loadPopularIndex('npm');
const pypi = loadPopularIndex('PyPI');

function indexOf(ecosystem: TyposquatEcosystem) {
  return ecosystem === 'npm' ? npm : pypi;
}

describe('findTyposquatTarget', () => {
  const squats: Array<[TyposquatEcosystem, string, string, TyposquatKind]> = [
    ['npm', 'crossenv', 'cross-env', 'separator'],
    ['npm', 'cross-env.js', 'cross-env', 'affix'],
    ['npm', 'electorn', 'electron', 'transposition'],
    ['npm', 'loadsh', 'lodash', 'transposition'],
    ['npm', 'lodassh', 'lodash', 'repetition'],
    ['npm', 'expres', 'express', 'repetition'],
    ['npm', 'mongose', 'mongoose', 'repetition'],
    ['npm', 'nodesass', 'node-sass', 'separator'],
    ['npm', 'noderequest', 'request', 'affix'],
    ['npm', 'twilio-npm', 'twilio', 'affix'],
    ['npm', 'reacf', 'react', 'edit-distance'],
    ['npm', 'expresss', 'express', 'repetition'],
    ['npm', '@types-node', '@types/node', 'scope-confusion'],
    ['npm', 'types-node', '@types/node', 'scope-confusion'],
    ['npm', '@typesnode', '@types/node', 'scope-confusion'],
    ['npm', 'I0dash', 'lodash', 'homoglyph'],
    ['PyPI', 'jeIlyfish', 'jellyfish', 'homoglyph'],
    ['PyPI', 'python3-dateutil', 'python-dateutil', 'edit-distance'],
    ['PyPI', 'pythondateutil', 'python-dateutil', 'separator'],
    ['PyPI', 'colourama', 'colorama', 'edit-distance'],
    ['PyPI', 'urlib3', 'urllib3', 'repetition'],
    ['PyPI', 'setup-tools', 'setuptools', 'separator'],
    ['PyPI', 'reqeusts', 'requests', 'transposition'],
    ['PyPI', 'py-requests', 'requests', 'affix'],
    ['PyPI', 'requests-python', 'requests', 'affix'],
    ['PyPI', 'nurnpy', 'numpy', 'homoglyph'],
    ['PyPI', 'tensorfolw', 'tensorflow', 'transposition'],
    ['PyPI', 'beautifulsoup44', 'beautifulsoup4', 'repetition'],
    ['PyPI', 'scikit-lean', 'scikit-learn', 'edit-distance'],
  ];
  for (const [ecosystem, name, target, kind] of squats) {
    it(`flags ${ecosystem} ${name}`, () => {
      const match = findTyposquatTarget(ecosystem, name, indexOf(ecosystem));
      assert.ok(match, `${name} not flagged`);
      assert.equal(match.target, target);
      assert.equal(match.kind, kind);
      assert.ok(match.reason.includes(`"${target}"`), match.reason);
    });
  }

  const legitimate: Array<[TyposquatEcosystem, string]> = [
    ['npm', 'lodash'],
    ['npm', 'react'],
    ['npm', 'preact'],
    ['npm', 'chalk'],
    ['npm', '@types/node'],
    ['npm', '@types/react'],
    ['npm', 'uuid'],
    ['npm', 'flatmap-stream'],
    ['npm', 'event-stream'],
    ['npm', 'a'],
    ['npm', ''],
    ['npm', 'x'.repeat(5000)],
    ['PyPI', 'python_dateutil'],
    ['PyPI', 'Python.DateUtil'],
    ['PyPI', 'requests'],
    ['PyPI', 'Jinja2'],
    ['PyPI', 'ruamel.yaml'],
    ['PyPI', 'typing_extensions'],
    ['PyPI', 'boto3'],
    ['PyPI', 'pyyaml'],
  ];
  for (const [ecosystem, name] of legitimate) {
    it(`accepts ${ecosystem} ${name.slice(0, 20) || 'empty name'}`, () => {
      assert.equal(findTyposquatTarget(ecosystem, name, indexOf(ecosystem)), undefined);
    });
  }

  it('flags dwarfed popular name', () => {
    const match = findTyposquatTarget('npm', 'node-uuid', npm);
    assert.equal(match?.target, 'uuid');
    assert.match(match?.reason ?? '', /about \d+x more popular/);
  });

  it('ignores look-alike of similar popularity', () => {
    const index = buildPopularIndex('npm', [
      { name: 'lodash', canonical: 'lodash', weight: 1000 },
      { name: 'loadsh', canonical: 'loadsh', weight: 11 },
      { name: 'lodahs', canonical: 'lodahs', weight: 9 },
    ]);
    assert.equal(findTyposquatTarget('npm', 'loadsh', index), undefined);
    assert.equal(findTyposquatTarget('npm', 'lodahs', index)?.target, 'lodash');
  });

  it('matches distance two only for long names', () => {
    assert.equal(findTyposquatTarget('PyPI', 'googel-api-pythn-client', pypi)?.target, 'google-api-python-client');
    assert.equal(findTyposquatTarget('npm', 'exprxsz', npm), undefined);
  });

  it('runs top lists under 0.5% flagged', () => {
    for (const index of [npm, pypi]) {
      const flagged = flagPopularNames(index);
      assert.equal(index.entries.length, 10_000);
      assert.ok(flagged.length < 50, `${index.ecosystem}: ${flagged.length} flagged: ${flagged.map((f) => f.name).join(', ')}`);
    }
  });
});

describe('typosquat names', () => {
  it('normalises PyPI per PEP 503', () => {
    assert.equal(canonicalName('PyPI', 'Python_DateUtil'), 'python-dateutil');
    assert.equal(canonicalName('PyPI', 'zope..__interface'), 'zope-interface');
    assert.equal(canonicalName('PyPI', 'ruamel.yaml'), 'ruamel-yaml');
  });

  it('keeps npm separators', () => {
    assert.equal(canonicalName('npm', 'Lodash.Merge'), 'lodash.merge');
    assert.equal(canonicalName('npm', '@Types/Node'), '@types/node');
  });

  it('builds skeleton without scope', () => {
    assert.equal(skeleton('@types/node'), 'typesnode');
    assert.equal(skeleton('cross-env'), 'crossenv');
  });

  it('folds homoglyphs', () => {
    assert.equal(foldHomoglyphs('jeIlyfish'), 'jellyfish');
    assert.equal(foldHomoglyphs('nurnpy'), 'numpy');
    assert.equal(foldHomoglyphs('c0l0rs'), 'colors');
  });
});

describe('typosquat distance and index', () => {
  it('computes bounded Damerau distance', () => {
    assert.equal(boundedDamerau('loadsh', 'lodash', 2), 1);
    assert.equal(boundedDamerau('lodash', 'lodash', 2), 0);
    assert.equal(boundedDamerau('abcdef', 'ghijkl', 2), 3);
    assert.equal(boundedDamerau('a', 'abcdefgh', 2), 3);
  });

  it('lists deletion neighbourhood', () => {
    assert.deepEqual([...deletionNeighbourhood('abc', 1)].sort(), ['ab', 'abc', 'ac', 'bc']);
    assert.equal(deletionNeighbourhood('abcd', 2).size, 1 + 4 + 6);
  });

  it('rejects malformed popular rows', () => {
    assert.throws(() => parsePopularTsv('npm', 'name\tdownloads\nlodash\tmany\n', 'npm.tsv', 10), /invalid row 2 in npm\.tsv/);
    assert.throws(() => parsePopularTsv('npm', 'name\tdownloads\n\t5\n', 'npm.tsv', 10), /invalid row 2/);
  });

  it('weights PyPI by inverse rank', () => {
    const entries = parsePopularTsv('PyPI', 'name\trank\nboto3\t1\nRuamel.Yaml\t200\r\n', 'pypi.tsv', 10);
    assert.deepEqual(entries, [
      { name: 'boto3', canonical: 'boto3', weight: 1e9 },
      { name: 'Ruamel.Yaml', canonical: 'ruamel-yaml', weight: 5e6 },
    ]);
  });

  it('limits loaded names to top', () => {
    assert.equal(loadPopularIndex('PyPI', 100).entries.length, 100);
  });
});

describe('typosquat corpus', () => {
  const file = `${packageRoot()}/test/corpus/typosquat/names.tsv`;

  it('scores corpus at target', () => {
    const rows = parseCorpus(readFileSync(file, 'utf8'), file);
    const score = scoreCorpus(rows, { npm, PyPI: pypi });
    assert.ok(rows.filter((row) => row.label === 'typo').length >= 20);
    assert.ok(score.recall >= 0.95, `missed: ${score.missed.map((row) => row.name).join(', ')}`);
    assert.equal(score.falsePositives, 0);
  });

  it('rejects malformed corpus rows', () => {
    const header = 'ecosystem\tname\tlabel\ttarget\tsource\n';
    assert.throws(() => parseCorpus('name\n', 'c.tsv'), /c\.tsv: first line must be the header/);
    assert.throws(() => parseCorpus(`${header}cargo\tserde\ttypo\tx\ty\n`, 'c.tsv'), /c\.tsv:2: ecosystem "cargo"/);
    assert.throws(() => parseCorpus(`${header}npm\tloadsh\ttypo\t\tsrc\n`, 'c.tsv'), /needs the imitated target/);
    assert.throws(() => parseCorpus(`${header}npm\tloadsh\tbad\tlodash\tsrc\n`, 'c.tsv'), /label "bad"/);
  });
});
