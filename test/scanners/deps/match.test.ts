import assert from 'node:assert/strict';
import { normalisePackageName } from '../../../src/store/package-name.js';
import { describe, it } from 'node:test';
import {
  affectedEntries,
  canonicalId,
  fixedVersions,
  groupByAlias,
  isAffected,
} from '../../../src/scanners/deps/match.js';
import type { OsvAffected, OsvEvent, OsvRecord } from '../../../src/scanners/deps/osv-types.js';
import type { Ecosystem } from '../../../src/scanners/deps/types.js';

function record(id: string, affected: OsvAffected[], extra: Partial<OsvRecord> = {}): OsvRecord {
  return { id, modified: '2024-01-01T00:00:00Z', affected, ...extra };
}

function pkg(ecosystem: string, name: string): { ecosystem: string; name: string } {
  return { ecosystem, name };
}

/** Build an affected entry with a single range of `type`. */
function ranged(type: 'SEMVER' | 'ECOSYSTEM', ecosystem: string, name: string, events: OsvEvent[]): OsvAffected {
  return { package: pkg(ecosystem, name), ranges: [{ type, events }] };
}

/** Shaped like GHSA-jfh8-c2jp-5v3q (Log4Shell): three ECOSYSTEM intervals in one range. */
const log4shell = record(
  'GHSA-jfh8-c2jp-5v3q',
  [
    {
      package: pkg('Maven', 'org.apache.logging.log4j:log4j-core'),
      ranges: [
        {
          type: 'ECOSYSTEM',
          events: [
            { introduced: '2.13.0' },
            { fixed: '2.15.0' },
            { introduced: '2.0-beta9' },
            { fixed: '2.3.1' },
            { introduced: '2.4' },
            { fixed: '2.12.2' },
          ],
        },
      ],
    },
  ],
  { aliases: ['CVE-2021-44228'] },
);

const lodash = record('GHSA-35jh-r3h4-6jhm', [
  ranged('SEMVER', 'npm', 'lodash', [{ introduced: '0' }, { fixed: '4.17.21' }]),
]);

function expectAffected(
  osv: OsvRecord,
  ecosystem: Ecosystem,
  name: string,
  table: Record<string, boolean>,
): void {
  for (const [version, expected] of Object.entries(table)) {
    assert.equal(isAffected(osv, ecosystem, name, version), expected, `${osv.id} ${name}@${version}`);
  }
}

describe('isAffected ranges', () => {
  it('matches introduced and fixed', () => {
    expectAffected(lodash, 'npm', 'lodash', {
      '0.1.0': true,
      '4.17.20': true,
      '4.17.21-rc.1': true,
      '4.17.21': false,
      '4.17.22': false,
      '5.0.0-alpha.1': false,
    });
  });

  it('matches unsorted multi-interval events', () => {
    expectAffected(log4shell, 'Maven', 'org.apache.logging.log4j:log4j-core', {
      '2.0-beta8': false,
      '2.0-beta9': true,
      '2.0-rc1': true,
      '2.0': true,
      '2.3': true,
      '2.3.1': false,
      '2.3.2': false,
      '2.4': true,
      '2.12.1': true,
      '2.12.2': false,
      '2.12.4': false,
      '2.13.0': true,
      '2.14.1': true,
      '2.15.0': false,
      '2.17.1': false,
    });
  });

  it('matches several range objects', () => {
    const osv = record('PYSEC-2021-1', [
      {
        package: pkg('PyPI', 'django'),
        ranges: [
          { type: 'ECOSYSTEM', events: [{ introduced: '2.2' }, { fixed: '2.2.24' }] },
          { type: 'ECOSYSTEM', events: [{ introduced: '3.1' }, { fixed: '3.1.12' }] },
          { type: 'ECOSYSTEM', events: [{ introduced: '3.2' }, { fixed: '3.2.4' }] },
        ],
      },
    ]);
    expectAffected(osv, 'PyPI', 'Django', {
      '2.1.15': false,
      '2.2': true,
      '2.2.23': true,
      '2.2.24': false,
      '3.0.14': false,
      '3.1rc1': false,
      '3.1.11': true,
      '3.2.3': true,
      '3.2.4': false,
      '4.0': false,
    });
  });

  it('includes last_affected itself', () => {
    const osv = record('GHSA-5mg8-w23w-74h3', [
      {
        package: pkg('Maven', 'com.google.guava:guava'),
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { last_affected: '29.0' }] }],
      },
    ]);
    expectAffected(osv, 'Maven', 'com.google.guava:guava', {
      '1.0': true,
      '29.0-rc1': true,
      '29.0': true,
      '29.0-jre': false,
      '30.0-jre': false,
    });
  });

  it('reads introduced 0 as the start', () => {
    const osv = record('RUSTSEC-2020-0001', [
      { package: pkg('crates.io', 'smallvec'), ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] },
    ]);
    expectAffected(osv, 'crates.io', 'smallvec', { '0.0.1': true, '0.1.0-alpha': true, '1.13.2': true });
  });

  it('treats equal introduced and fixed as empty', () => {
    const osv = record('OSV-1', [
      ranged('SEMVER', 'npm', 'a', [{ fixed: '1.0.0' }, { introduced: '1.0.0' }]),
    ]);
    expectAffected(osv, 'npm', 'a', { '0.9.0': false, '1.0.0': false, '1.0.1': false });
  });

  it('bounds ranges with limit events', () => {
    const osv = record('OSV-2', [
      {
        package: pkg('npm', 'a'),
        ranges: [
          { type: 'SEMVER', events: [{ introduced: '1.0.0' }, { limit: '2.0.0' }] },
          { type: 'SEMVER', events: [{ introduced: '3.0.0' }, { limit: '*' }] },
        ],
      },
    ]);
    expectAffected(osv, 'npm', 'a', {
      '0.9.0': false,
      '1.0.0': true,
      '1.9.9': true,
      '2.0.0': false,
      '3.5.0': true,
    });
  });

  it('ignores GIT ranges', () => {
    const commit = 'a'.repeat(40);
    const osv = record('OSV-2021-3', [
      {
        package: pkg('PyPI', 'pillow'),
        ranges: [
          {
            type: 'GIT',
            repo: 'https://github.com/python-pillow/Pillow',
            events: [{ introduced: '0' }, { fixed: commit }],
          },
        ],
        versions: ['8.1.0'],
      },
    ]);
    expectAffected(osv, 'PyPI', 'pillow', { '8.1.0': true, '8.0.0': false, '1.0': false });
    assert.deepEqual(fixedVersions(osv, 'PyPI', 'pillow'), []);
  });

  it('uses SemVer for Go SEMVER ranges', () => {
    const osv = record('GO-2022-0001', [
      ranged('SEMVER', 'Go', 'golang.org/x/crypto', [
        { introduced: '0' },
        { fixed: '0.0.0-20220314234659-1baeb1ce4c0b' },
      ]),
    ]);
    expectAffected(osv, 'Go', 'golang.org/x/crypto', {
      'v0.0.0-20201216223049-8b5274cf687f': true,
      'v0.0.0-20220314234659-1baeb1ce4c0b': false,
      'v0.1.0': false,
    });
  });

  it('ignores build metadata in SEMVER ranges', () => {
    const osv = record('OSV-3', [
      ranged('SEMVER', 'Pub', 'http', [{ introduced: '0' }, { fixed: '0.13.3' }]),
    ]);
    expectAffected(osv, 'Pub', 'http', { '0.13.2+1': true, '0.13.3+1': false });
  });
});

describe('isAffected versions lists', () => {
  const listed = record('PYSEC-2022-2', [
    { package: pkg('PyPI', 'zope.interface'), versions: ['5.0.0rc1', '5.0.0', '5.1'] },
  ]);

  it('matches after normalisation', () => {
    expectAffected(listed, 'PyPI', 'Zope_Interface', {
      '5.0.0': true,
      '5.0.0RC1': true,
      '5.0.0-rc.1': true,
      '5.1': true,
      '5.1.0': false,
      '5.0.1': false,
    });
  });

  it('matches invalid versions exactly', () => {
    const osv = record('OSV-4', [
      {
        package: pkg('npm', 'odd'),
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }],
        versions: ['not-semver'],
      },
    ]);
    expectAffected(osv, 'npm', 'odd', { 'not-semver': true, 'other-junk': false, '1.0.0': true });
  });
});

describe('isAffected filters', () => {
  it('rejects withdrawn records', () => {
    const withdrawn = { ...lodash, withdrawn: '2024-02-01T00:00:00Z' };
    assert.equal(isAffected(withdrawn, 'npm', 'lodash', '4.17.20'), false);
  });

  it('rejects other ecosystems', () => {
    assert.equal(isAffected(lodash, 'PyPI', 'lodash', '4.17.20'), false);
    const debian = record('DSA-1', [
      { package: pkg('Debian:11', 'lodash'), ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] },
    ]);
    assert.equal(isAffected(debian, 'npm', 'lodash', '4.17.20'), false);
  });

  it('applies name case rules', () => {
    assert.equal(isAffected(lodash, 'npm', 'Lodash', '4.17.20'), false);
    const nuget = record('GHSA-5crp-9r3c-p9vr', [
      ranged('ECOSYSTEM', 'NuGet', 'Newtonsoft.Json', [{ introduced: '0' }, { fixed: '13.0.1' }]),
    ]);
    expectAffected(nuget, 'NuGet', 'newtonsoft.json', { '12.0.3': true, '13.0.1': false });
    const composer = record('GHSA-1', [
      ranged('ECOSYSTEM', 'Packagist', 'Symfony/HTTP-Kernel', [{ introduced: '0' }, { fixed: '5.4.20' }]),
    ]);
    expectAffected(composer, 'Packagist', 'symfony/http-kernel', { 'v5.4.19': true, 'v5.4.20': false });
  });

  it('normalises PyPI names', () => {
    assert.equal(normalisePackageName('PyPI', 'Zope__Interface'), 'zope-interface');
    assert.equal(normalisePackageName('PyPI', 'typing.Extensions'), 'typing-extensions');
    assert.equal(normalisePackageName('npm', '@Babel/Core'), '@Babel/Core');
    assert.equal(normalisePackageName('NuGet', 'Newtonsoft.Json'), 'newtonsoft.json');
  });

  it('returns only matching entries', () => {
    const osv = record('GHSA-2', [
      { package: pkg('npm', 'a'), versions: ['1.0.0'] },
      { package: pkg('PyPI', 'a'), versions: ['1.0'] },
      { package: pkg('npm', 'b'), versions: ['2.0.0'] },
      { package: pkg('npm', 'a'), versions: ['3.0.0'] },
    ]);
    const entries = affectedEntries(osv, 'npm', 'a');
    assert.equal(entries.length, 2);
    assert.deepEqual(entries.map((entry) => entry.versions), [['1.0.0'], ['3.0.0']]);
  });
});

describe('isAffected malformed input', () => {
  it('skips ranges with bad events', () => {
    const osv = record('OSV-5', [
      {
        package: pkg('npm', 'a'),
        ranges: [
          { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: 'garbage' }] },
          { type: 'SEMVER', events: [{ introduced: '2.0.0' }, { fixed: '2.1.0' }] },
        ],
      },
    ]);
    expectAffected(osv, 'npm', 'a', { '1.0.0': false, '2.0.5': true });
  });

  it('never throws on broken records', () => {
    const brokenRanges = [null, { type: 'SEMVER' }, { type: 'SEMVER', events: [null, 1, { introduced: 5 }] }];
    const broken = [
      { id: 'X', modified: '' },
      { id: 'X', modified: '', affected: 'nope' },
      { id: 'X', modified: '', affected: [null, 7, { package: null }, { package: { ecosystem: 'npm' } }] },
      { id: 'X', modified: '', affected: [{ package: pkg('npm', 'a'), ranges: 'x', versions: 5 }] },
      { id: 'X', modified: '', affected: [{ package: pkg('npm', 'a'), ranges: brokenRanges }] },
      { id: 'X', modified: '', affected: [{ package: pkg('npm', 'a'), ranges: [{ type: 'WEIRD', events: [] }] }] },
      null,
    ] as unknown as OsvRecord[];
    for (const osv of broken) {
      assert.equal(isAffected(osv, 'npm', 'a', '1.0.0'), false);
      assert.equal(isAffected(osv, 'npm', 'a', 'not a version'), false);
    }
  });

  it('reads events with two kinds', () => {
    const osv = record('OSV-6', [
      ranged('SEMVER', 'npm', 'a', [{ introduced: '1.0.0', fixed: '1.0.2' } as unknown as OsvEvent]),
    ]);
    expectAffected(osv, 'npm', 'a', { '0.9.0': false, '1.0.1': true, '1.0.2': false });
  });
});

describe('fixedVersions', () => {
  it('returns sorted distinct fixes', () => {
    const log4j = 'org.apache.logging.log4j:log4j-core';
    assert.deepEqual(fixedVersions(log4shell, 'Maven', log4j), ['2.3.1', '2.12.2', '2.15.0']);
    const osv = record('OSV-7', [
      ranged('SEMVER', 'Go', 'example.com/m', [{ introduced: '0' }, { fixed: '1.2.0' }]),
      ranged('SEMVER', 'Go', 'example.com/m', [{ introduced: '0' }, { fixed: 'v1.2.0' }, { fixed: '1.10.0' }]),
    ]);
    assert.deepEqual(fixedVersions(osv, 'Go', 'example.com/m'), ['1.2.0', '1.10.0']);
    assert.deepEqual(fixedVersions(osv, 'Go', 'example.com/other'), []);
  });
});

describe('groupByAlias', () => {
  const ghsa = record('GHSA-aaaa', [], { aliases: ['CVE-2021-44228'] });
  const pysec = record('PYSEC-2021-9', [], { aliases: ['CVE-2021-44228', 'GHSA-zzzz'] });
  const ghsaZ = record('GHSA-zzzz', []);
  const lone = record('OSV-2020-1', []);
  const chainA = record('RUSTSEC-1', [], { aliases: ['GHSA-link'] });
  const chainB = record('GHSA-link', [], { aliases: ['CVE-2020-1'] });
  const chainC = record('OSV-9', [], { aliases: ['CVE-2020-1'] });

  it('groups transitively and deterministically', () => {
    const expected = [
      ['GHSA-link', 'OSV-9', 'RUSTSEC-1'],
      ['GHSA-aaaa', 'GHSA-zzzz', 'PYSEC-2021-9'],
      ['OSV-2020-1'],
    ];
    const inputs = [
      [ghsa, pysec, ghsaZ, lone, chainA, chainB, chainC],
      [chainC, lone, ghsaZ, chainB, pysec, chainA, ghsa],
    ];
    for (const input of inputs) {
      const groups = groupByAlias(input);
      assert.deepEqual(groups.map((group) => group.map((item) => item.id)), expected);
      assert.deepEqual(groups.map(canonicalId), ['CVE-2020-1', 'CVE-2021-44228', 'OSV-2020-1']);
    }
  });

  it('keeps duplicate ids together', () => {
    const older = record('GHSA-dup', [], { modified: '2023-01-01T00:00:00Z' });
    const newer = record('GHSA-dup', [], { modified: '2024-01-01T00:00:00Z' });
    const groups = groupByAlias([newer, older]);
    assert.equal(groups.length, 1);
    const modified = groups[0]!.map((item) => item.modified);
    assert.deepEqual(modified, ['2023-01-01T00:00:00Z', '2024-01-01T00:00:00Z']);
  });

  it('ignores related ids and bad records', () => {
    const a = record('GHSA-a', [], { related: ['GHSA-b'] });
    const b = record('GHSA-b', []);
    const groups = groupByAlias([a, b, null, { modified: 'x' }] as unknown as OsvRecord[]);
    assert.deepEqual(groups.map((group) => group.map((item) => item.id)), [['GHSA-a'], ['GHSA-b']]);
  });

  it('survives long alias chains', () => {
    const chain = Array.from({ length: 20000 }, (_, i) =>
      record(`OSV-${i}`, [], { aliases: [`OSV-${i + 1}`] }),
    );
    const groups = groupByAlias(chain);
    assert.equal(groups.length, 1);
    assert.equal(groups[0]!.length, 20000);
  });
});

describe('canonicalId', () => {
  it('prefers the oldest CVE', () => {
    const group = [
      record('GHSA-xxxx', [], { aliases: ['CVE-2021-10000', 'CVE-2021-9999'] }),
      record('PYSEC-1', [], { aliases: ['CVE-2022-0001'] }),
    ];
    assert.equal(canonicalId(group), 'CVE-2021-9999');
  });

  it('falls back to GHSA then smallest', () => {
    assert.equal(canonicalId([record('PYSEC-1', [], { aliases: ['GHSA-b', 'GHSA-a'] })]), 'GHSA-a');
    assert.equal(canonicalId([record('RUSTSEC-2', []), record('OSV-5', [])]), 'OSV-5');
    assert.equal(canonicalId([record('CVE-BOGUS', [], { aliases: ['GO-1'] })]), 'CVE-BOGUS');
  });

  it('rejects an empty group', () => {
    assert.throws(() => canonicalId([]), RangeError);
  });
});
