import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { packageRoot } from '../../../src/core/package-root.js';
import { boundedDamerau } from '../../../src/scanners/supply-chain/typosquat-distance.js';
import { flagPopularNames, parseCorpus, scoreCorpus } from '../../../src/scanners/supply-chain/typosquat-corpus.js';
import { buildPopularIndex, deletionNeighbourhood, parsePopularTsv, wordSetKey } from '../../../src/scanners/supply-chain/typosquat-index.js';
import {
  canonicalName,
  foldHomoglyphs,
  isReleaseLine,
  nameWords,
  skeleton,
  splitScope,
  stripQualifier,
} from '../../../src/scanners/supply-chain/typosquat-names.js';
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
    ['PyPI', 'cffi-curl', 'curl-cffi', 'word-order'],
    ['PyPI', 'reqeuts', 'requests', 'edit-distance'],
    ['PyPI', 'reqesst', 'requests', 'edit-distance'],
    ['PyPI', 'reguestsc', 'requests', 'edit-distance'],
    ['PyPI', 'colorona', 'colorama', 'edit-distance'],
    ['PyPI', 'loguru-utf8', 'loguru', 'affix'],
    ['PyPI', 'jsonschema_utf-8', 'jsonschema', 'affix'],
    ['PyPI', 'tensorflowlitex', 'tensorflow', 'affix'],
    ['npm', '@typescript_eslinter/eslint', '@typescript-eslint/eslint-plugin', 'scope-lookalike'],
    ['npm', '@acitons/artifact', '@actions/http-client', 'scope-lookalike'],
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
    ['PyPI', 'boto'],
    ['PyPI', 'multiprocess'],
    ['PyPI', 'colorlog'],
    ['PyPI', 'tensorflow-io'],
    ['npm', 'vue'],
    ['npm', 'vuex'],
    ['npm', 'commander'],
    ['npm', 'ansi-wrap'],
    ['npm', 'wrap-ansi'],
    ['npm', 'is-type'],
    ['npm', 'pad-left'],
    ['npm', '@remotion/player'],
    ['npm', '@emotion/react'],
    ['npm', 'lodash.merge'],
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

  it('explains new resemblance kinds', () => {
    const reasons: Array<[TyposquatEcosystem, string, string]> = [
      ['PyPI', 'cffi-curl', '"cffi-curl" reorders the words of the PyPI package "curl-cffi"'],
      ['PyPI', 'tensorflowlitex', '"tensorflowlitex" appends "litex" to the PyPI package "tensorflow"'],
      ['PyPI', 'loguru-utf8', '"loguru-utf8" adds "-utf8" to the PyPI package "loguru"'],
      ['PyPI', 'reqeuts', '"reqeuts" differs by two characters from the PyPI package "requests"'],
      ['npm', '@acitons/artifact', '"@acitons/artifact" misspells the scope "@actions" of the npm package "@actions/http-client"'],
    ];
    for (const [ecosystem, name, start] of reasons) {
      const reason = findTyposquatTarget(ecosystem, name, indexOf(ecosystem))?.reason ?? '';
      assert.ok(reason.startsWith(start), reason);
    }
  });

  it('needs 1000x for word order', () => {
    const index = buildPopularIndex('npm', [
      { name: 'wrap-ansi', canonical: 'wrap-ansi', weight: 1_000_000 },
      { name: 'ansi-wrap', canonical: 'ansi-wrap', weight: 5_000 },
      { name: 'strip-bom', canonical: 'strip-bom', weight: 900 },
    ]);
    assert.equal(findTyposquatTarget('npm', 'ansi-wrap', index), undefined);
    assert.equal(findTyposquatTarget('npm', 'bom-strip', index)?.kind, 'word-order');
    assert.equal(findTyposquatTarget('npm', 'wrap-ansi-wrap', index), undefined);
    const dwarfed = buildPopularIndex('npm', [
      { name: 'wrap-ansi', canonical: 'wrap-ansi', weight: 1_000_000 },
      { name: 'ansi-wrap', canonical: 'ansi-wrap', weight: 900 },
    ]);
    assert.equal(findTyposquatTarget('npm', 'ansi-wrap', dwarfed)?.target, 'wrap-ansi');
  });

  it('limits two edits to top names', () => {
    const entries = Array.from({ length: 150 }, (_, i) => ({ name: `filler${i}`, canonical: `filler${i}`, weight: 10_000 - i }));
    const index = buildPopularIndex('PyPI', [
      { name: 'requests', canonical: 'requests', weight: 1e9 },
      ...entries,
      { name: 'colorama', canonical: 'colorama', weight: 1 },
    ]);
    assert.equal(findTyposquatTarget('PyPI', 'reqeuts', index)?.target, 'requests');
    assert.equal(findTyposquatTarget('PyPI', 'colorona', index), undefined);
    assert.equal(findTyposquatTarget('PyPI', 'gequests', index)?.target, 'requests');
    assert.equal(findTyposquatTarget('PyPI', 'erquesst', index), undefined);
    assert.equal(findTyposquatTarget('PyPI', 're-quesst', index), undefined);
  });

  it('quiets popular release lines', () => {
    const index = buildPopularIndex('PyPI', [
      { name: 'boto3', canonical: 'boto3', weight: 1e9 },
      { name: 'boto', canonical: 'boto', weight: 1e5 },
    ]);
    assert.equal(findTyposquatTarget('PyPI', 'boto', index), undefined);
    const withoutBoto = buildPopularIndex('PyPI', [{ name: 'boto3', canonical: 'boto3', weight: 1e9 }]);
    assert.equal(findTyposquatTarget('PyPI', 'boto', withoutBoto)?.target, 'boto3');
  });

  it('picks scope target by name', () => {
    const index = buildPopularIndex('npm', [
      { name: '@actions/http-client', canonical: '@actions/http-client', weight: 900 },
      { name: '@actions/core', canonical: '@actions/core', weight: 800 },
      { name: '@actions/github', canonical: '@actions/github', weight: 700 },
    ]);
    assert.equal(findTyposquatTarget('npm', '@acitons/core', index)?.target, '@actions/core');
    assert.equal(findTyposquatTarget('npm', '@acitons/git', index)?.target, '@actions/github');
    assert.equal(findTyposquatTarget('npm', '@acitons/cache', index)?.target, '@actions/http-client');
    assert.equal(findTyposquatTarget('npm', '@actionss/cache', index)?.kind, 'scope-lookalike');
    assert.equal(findTyposquatTarget('npm', '@factions/cache', index), undefined);
    assert.equal(findTyposquatTarget('npm', '@actions/cache', index), undefined);
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

  it('splits words and scopes', () => {
    assert.deepEqual(nameWords('curl-cffi'), ['curl', 'cffi']);
    assert.deepEqual(nameWords('-a..b_'), ['a', 'b']);
    assert.deepEqual(nameWords(''), []);
    assert.deepEqual(splitScope('@types/node'), { scope: 'types', bare: 'node' });
    assert.equal(splitScope('types-node'), undefined);
    assert.equal(wordSetKey(['curl', 'cffi']), 'cffi curl');
  });

  it('strips qualifier suffixes', () => {
    assert.deepEqual(stripQualifier('loguru-utf8'), { rest: 'loguru', qualifier: '-utf8' });
    assert.deepEqual(stripQualifier('left.utf-8'), { rest: 'left', qualifier: '.utf-8' });
    assert.equal(stripQualifier('utf8'), undefined);
    assert.equal(stripQualifier('-utf8'), undefined);
    assert.equal(stripQualifier('loguruutf8'), undefined);
  });

  it('recognises release lines', () => {
    assert.equal(isReleaseLine('boto', 'boto3'), true);
    assert.equal(isReleaseLine('jinja2', 'jinja'), true);
    assert.equal(isReleaseLine('boto3', 'boto4'), false);
    assert.equal(isReleaseLine('attr', 'attrs'), false);
    assert.equal(isReleaseLine('d3', 'd'), false);
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

  it('ranks entries by weight', () => {
    const index = buildPopularIndex('npm', [
      { name: 'b', canonical: 'b', weight: 5 },
      { name: 'a', canonical: 'a', weight: 50 },
      { name: '@scope/x', canonical: '@scope/x', weight: 7 },
    ]);
    assert.equal(index.rankByCanonical.get('a'), 1);
    assert.equal(index.rankByCanonical.get('@scope/x'), 2);
    assert.equal(index.rankByCanonical.get('b'), 3);
    assert.deepEqual(index.scopes.get('scope')?.entries.map((entry) => entry.name), ['@scope/x']);
  });

  it('looks up names quickly', () => {
    const names = npm.entries.slice(0, 1_000).flatMap((entry) => [`${entry.name}x`, `x${entry.name}`]);
    const start = performance.now();
    for (const name of names) findTyposquatTarget('npm', name, npm);
    const perLookup = (performance.now() - start) / names.length;
    // Generous bound so a loaded CI machine passes; a lookup took 0.2 to 0.4 ms on a shared 2-core machine.
    assert.ok(perLookup < 2, `${perLookup.toFixed(3)} ms per lookup`);
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
