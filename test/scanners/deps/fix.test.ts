import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { smallestFix } from '../../../src/scanners/deps/fix.js';
import type { OsvAffected, OsvEvent, OsvRecord } from '../../../src/scanners/deps/osv-types.js';
import type { Ecosystem } from '../../../src/scanners/deps/types.js';

interface AdvisoryOptions {
  versions?: string[];
  withdrawn?: string;
}

/** Build an advisory with one affected entry and one ECOSYSTEM range per event list. */
function advisory(
  id: string,
  ecosystem: string,
  name: string,
  ranges: OsvEvent[][],
  options: AdvisoryOptions = {},
): OsvRecord {
  const affected: OsvAffected = {
    package: { ecosystem, name },
    ranges: ranges.map((events) => ({ type: 'ECOSYSTEM', events })),
  };
  if (options.versions) affected.versions = options.versions;
  const record: OsvRecord = { id, modified: '2024-01-01T00:00:00Z', affected: [affected] };
  if (options.withdrawn) record.withdrawn = options.withdrawn;
  return record;
}

function expectFix(
  ecosystem: Ecosystem,
  current: string,
  records: OsvRecord[],
  name: string,
  expected: { version: string; majorChange: boolean },
): void {
  assert.deepEqual(smallestFix(ecosystem, current, records, name), expected, `${name}@${current}`);
}

function expectNoFix(ecosystem: Ecosystem, current: string, records: OsvRecord[], name: string): string {
  const result = smallestFix(ecosystem, current, records, name);
  assert.equal(result.version, undefined);
  assert.ok('reason' in result);
  return result.reason;
}

const LOG4J = 'org.apache.logging.log4j:log4j-core';
const log4shell = advisory('GHSA-jfh8-c2jp-5v3q', 'Maven', LOG4J, [
  [{ introduced: '2.0-beta9' }, { fixed: '2.3.1' }],
  [{ introduced: '2.4' }, { fixed: '2.12.2' }],
  [{ introduced: '2.13.0' }, { fixed: '2.15.0' }],
]);
const followUp = advisory('GHSA-7rjr-3q55-vv33', 'Maven', LOG4J, [
  [{ introduced: '2.0-beta9' }, { fixed: '2.12.2' }],
  [{ introduced: '2.13.0' }, { fixed: '2.16.0' }],
]);
const third = advisory('GHSA-p6xc-xr62-6r2g', 'Maven', LOG4J, [
  [{ introduced: '2.0-beta9' }, { fixed: '2.3.1' }],
  [{ introduced: '2.4' }, { fixed: '2.12.3' }],
  [{ introduced: '2.13.0' }, { fixed: '2.17.0' }],
]);

describe('smallestFix', () => {
  it('picks the single fix', () => {
    expectFix('Maven', '2.14.1', [log4shell], LOG4J, { version: '2.15.0', majorChange: false });
  });

  it('clears every advisory together', () => {
    const all = [log4shell, followUp, third];
    expectFix('Maven', '2.14.1', all, LOG4J, { version: '2.17.0', majorChange: false });
    expectFix('Maven', '2.11.0', all, LOG4J, { version: '2.12.3', majorChange: false });
    expectFix('Maven', '2.1', [log4shell, third], LOG4J, { version: '2.3.1', majorChange: false });
  });

  it('flags major upgrades', () => {
    const minimist = advisory('GHSA-1', 'npm', 'minimist', [[{ introduced: '0' }, { fixed: '1.2.6' }]]);
    expectFix('npm', '0.2.1', [minimist], 'minimist', { version: '1.2.6', majorChange: true });
    const hyper = advisory('GHSA-2', 'crates.io', 'hyper', [[{ introduced: '0' }, { fixed: '0.14.10' }]]);
    expectFix('crates.io', '0.13.9', [hyper], 'hyper', { version: '0.14.10', majorChange: true });
    expectFix('crates.io', '0.14.2', [hyper], 'hyper', { version: '0.14.10', majorChange: false });
  });

  it('uses a later fix after last_affected', () => {
    const lastOnly = advisory('GHSA-3', 'PyPI', 'pyyaml', [[{ introduced: '0' }, { last_affected: '5.3.1' }]]);
    const fixed = advisory('PYSEC-4', 'PyPI', 'pyyaml', [[{ introduced: '5.1' }, { fixed: '5.4' }]]);
    expectFix('PyPI', '5.3', [lastOnly, fixed], 'PyYAML', { version: '5.4', majorChange: false });
  });

  it('explains a last_affected-only advisory', () => {
    const lastOnly = advisory('GHSA-3', 'PyPI', 'pyyaml', [[{ introduced: '0' }, { last_affected: '5.3.1' }]]);
    const reason = expectNoFix('PyPI', '5.3', [lastOnly], 'pyyaml');
    assert.match(reason, /^versions above 5\.3\.1 \(the last affected one\) are not affected$/);
  });

  it('finds no fix when all listed', () => {
    const lastOnly = advisory('GHSA-5', 'npm', 'a', [[{ introduced: '0' }, { last_affected: '1.2.0' }]]);
    const listed = advisory('GHSA-6', 'npm', 'a', [[{ introduced: '1.1.0' }, { fixed: '1.2.5' }]], {
      versions: ['1.1.0', '1.2.0', '1.2.4'],
    });
    const extra = advisory('GHSA-7', 'npm', 'a', [], { versions: ['1.2.5', '1.3.0'] });
    expectFix('npm', '1.0.0', [lastOnly, listed], 'a', { version: '1.2.5', majorChange: false });
    expectNoFix('npm', '1.0.0', [lastOnly, listed, extra], 'a');
  });

  it('reports when no fix exists', () => {
    const open = advisory('GHSA-8', 'Go', 'example.com/m', [[{ introduced: '0' }]]);
    assert.equal(expectNoFix('Go', 'v1.0.0', [open], 'example.com/m'), 'no fixed version above v1.0.0 is known');
    assert.equal(expectNoFix('Go', 'v1.0.0', [], 'example.com/m'), 'no fixed version above v1.0.0 is known');
  });

  it('ignores fixes at or below current', () => {
    const rack = advisory('GHSA-9', 'RubyGems', 'rack', [
      [{ introduced: '0' }, { fixed: '2.2.6.3' }],
      [{ introduced: '3.0.0' }, { fixed: '3.0.4.2' }],
    ]);
    expectFix('RubyGems', '3.0.1', [rack], 'rack', { version: '3.0.4.2', majorChange: false });
    expectFix('RubyGems', '2.2.6.2', [rack], 'rack', { version: '2.2.6.3', majorChange: false });
  });

  it('skips withdrawn advisories', () => {
    const name = 'Newtonsoft.Json';
    const live = advisory('GHSA-10', 'NuGet', name, [[{ introduced: '0' }, { fixed: '13.0.1' }]]);
    const withdrawn = advisory('GHSA-11', 'NuGet', name, [[{ introduced: '0' }, { fixed: '14.0.0' }]], {
      withdrawn: '2024-02-01T00:00:00Z',
    });
    expectFix('NuGet', '12.0.3', [live, withdrawn], 'newtonsoft.json', { version: '13.0.1', majorChange: true });
  });

  it('rejects an unparseable current version', () => {
    const record = advisory('GHSA-12', 'npm', 'a', [[{ introduced: '0' }, { fixed: '1.0.0' }]]);
    assert.match(expectNoFix('npm', 'latest', [record], 'a'), /"latest" is not a valid npm version/);
  });

  it('skips unparseable fixed versions', () => {
    const record = advisory('GHSA-13', 'Packagist', 'vendor/pkg', [
      [{ introduced: '0' }, { fixed: 'garbage' }],
      [{ introduced: '0' }, { fixed: 'v2.0.0-beta1' }],
    ]);
    expectFix('Packagist', '1.5.0', [record], 'Vendor/Pkg', { version: 'v2.0.0-beta1', majorChange: true });
  });

  it('prefers a stable fix', () => {
    const first = advisory('GHSA-14', 'npm', 'qs', [[{ introduced: '6.7.0' }, { fixed: '6.7.3-rc.1' }]]);
    const second = advisory('GHSA-15', 'npm', 'qs', [[{ introduced: '6.7.0' }, { fixed: '6.7.3' }]]);
    expectFix('npm', '6.7.0', [first, second], 'qs', { version: '6.7.3', majorChange: false });
    const split = advisory('GHSA-17', 'npm', 'split', [
      [{ introduced: '0' }, { fixed: '1.3.0-rc.1' }],
      [{ introduced: '1.3.0' }, { fixed: '1.3.1' }],
    ]);
    expectFix('npm', '1.2.0', [split], 'split', { version: '1.3.1', majorChange: false });
    expectFix('npm', '1.2.0-beta.1', [split], 'split', { version: '1.3.0-rc.1', majorChange: false });
    const flask = advisory('GHSA-16', 'PyPI', 'flask', [
      [{ introduced: '0' }, { fixed: '2.2.5rc1' }],
      [{ introduced: '3.0.0' }, { fixed: '3.0.1' }],
    ]);
    expectFix('PyPI', '2.2.4', [flask], 'flask', { version: '2.2.5rc1', majorChange: false });
  });
});

describe('smallestFix with long version lists', () => {
  it('ignores listed versions as fixes', () => {
    const versions = Array.from({ length: 5_000 }, (_, index) => `3.0.${index}`);
    const record: OsvRecord = {
      id: 'GHSA-long',
      modified: '2024-01-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'npm', name: 'y' }, versions, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '3.1.0' }] }] }],
    };
    for (let patch = 0; patch < 200; patch++) {
      assert.deepEqual(smallestFix('npm', `3.0.${patch}`, [record], 'y'), { version: '3.1.0', majorChange: false });
    }
  });
});
