import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseCvssVector } from '../../../src/scanners/deps/cvss.js';
import type { OsvRecord } from '../../../src/scanners/deps/osv-types.js';
import {
  severityFromScore,
  severityFromV2Score,
  severityFromWord,
  severityOf,
} from '../../../src/scanners/deps/severity.js';

const FIXTURES = join(fileURLToPath(new URL('.', import.meta.url)), '../../../../test/fixtures/osv');

function fixture(id: string): OsvRecord {
  return JSON.parse(readFileSync(join(FIXTURES, `${id}.json`), 'utf8')) as OsvRecord;
}

function record(fields: Partial<OsvRecord>): OsvRecord {
  return { id: 'TEST-1', modified: '2024-01-01T00:00:00Z', ...fields };
}

describe('parseCvssVector', () => {
  // Base scores published with the advisories (NVD, GitHub) or computed by hand from the v3.1 formulas.
  const v3Cases: Array<[string, number]> = [
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10.0], // CVE-2021-44228, Log4Shell
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8], // CVE-2021-44906, minimist
    ['CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 8.8], // CVE-2022-0235, node-fetch
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:H/A:L', 7.6], // CVE-2022-23529, jsonwebtoken
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5], // CVE-2020-36518, jackson-databind
    ['CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', 7.2], // CVE-2021-23337, lodash
    ['CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 6.2], // CVE-2020-26235, time
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N', 6.1], // CVE-2023-32681, requests
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N', 5.4], // CVE-2024-22195, Jinja2
    ['CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 1.6], // by hand: roundup(1.4124 + 0.1376)
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0.0],
  ];
  for (const [vector, score] of v3Cases) {
    it(`scores ${vector.slice(9, 30)}… as ${score}`, () => {
      const parsed = parseCvssVector(vector);
      assert.equal(parsed?.baseScore, score);
      assert.equal(parsed?.version, vector.slice(5, 8));
    });
  }

  // CVSS-B scores from FIRST's CVSS v4.0 examples and calculator.
  const v4Cases: Array<[string, number]> = [
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10.0],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N', 8.7], // CVE-2014-0160
    ['CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.5], // CVE-2022-41741
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N', 5.1], // CVE-2013-1937
    ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:L', 2.3], // CVE-2024-43796, express
    ['CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', 0.0],
  ];
  for (const [vector, score] of v4Cases) {
    it(`scores v4 ${vector.slice(9, 40)}… as ${score}`, () => {
      const parsed = parseCvssVector(vector);
      assert.equal(parsed?.version, '4.0');
      assert.equal(parsed?.baseScore, score);
    });
  }

  it('scores v2 vectors', () => {
    assert.equal(parseCvssVector('AV:N/AC:L/Au:N/C:P/I:P/A:P')?.baseScore, 7.5);
    assert.equal(parseCvssVector('AV:N/AC:M/Au:N/C:C/I:C/A:C')?.baseScore, 9.3);
    assert.equal(parseCvssVector('AV:N/AC:L/Au:N/C:N/I:N/A:P')?.baseScore, 5.0);
    assert.equal(parseCvssVector('(AV:N/AC:L/Au:N/C:P/I:P/A:P)')?.baseScore, 7.5);
  });

  it('ignores v4 threat metrics', () => {
    const withThreat = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U';
    assert.equal(parseCvssVector(withThreat)?.baseScore, 9.3);
  });

  it('ignores v3 temporal metrics', () => {
    const temporal = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/E:U/RL:O/RC:C';
    assert.equal(parseCvssVector(temporal)?.baseScore, 10.0);
  });

  it('accepts v4 supplemental metrics', () => {
    const supplemental = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:Clear';
    assert.equal(parseCvssVector(supplemental)?.baseScore, 9.3);
  });

  it('rejects malformed vectors', () => {
    const invalid: unknown[] = [
      '',
      'garbage',
      'CVSS:3.1/',
      'CVSS:3.1/AV:N/AC:L', // missing base metrics
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/', // trailing slash
      'CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', // repeated metric
      'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', // X is not a base value
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/FOO:BAR',
      'CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', // v4 metrics, v3 prefix
      'CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', // v3 metrics, v4 prefix
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N', // SA missing
      'CVSS:9.9/AV:N',
      'cvss:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h',
      'CVSS:3.1/AV:N:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      `CVSS:3.1/${'AV:N/'.repeat(200)}`,
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'.padEnd(10_000, '/'),
      42,
      null,
      undefined,
    ];
    for (const vector of invalid) {
      assert.equal(parseCvssVector(vector), undefined, String(vector).slice(0, 60));
    }
  });
});

describe('severity scales', () => {
  it('maps score boundaries', () => {
    const cases: Array<[number, string]> = [
      [0, 'info'],
      [0.1, 'low'],
      [3.9, 'low'],
      [4.0, 'medium'],
      [6.9, 'medium'],
      [7.0, 'high'],
      [8.9, 'high'],
      [9.0, 'critical'],
      [10.0, 'critical'],
    ];
    for (const [score, severity] of cases) assert.equal(severityFromScore(score), severity, String(score));
  });

  it('caps v2 scores at high', () => {
    assert.equal(severityFromV2Score(10.0), 'high');
    assert.equal(severityFromV2Score(7.0), 'high');
    assert.equal(severityFromV2Score(6.9), 'medium');
    assert.equal(severityFromV2Score(3.9), 'low');
    assert.equal(severityFromV2Score(0), 'info');
  });

  it('maps database words', () => {
    assert.equal(severityFromWord('CRITICAL'), 'critical');
    assert.equal(severityFromWord('HIGH'), 'high');
    assert.equal(severityFromWord('MODERATE'), 'medium');
    assert.equal(severityFromWord('LOW'), 'low');
    assert.equal(severityFromWord('Important'), 'high');
    assert.equal(severityFromWord(' negligible '), 'low');
    assert.equal(severityFromWord('UNKNOWN'), undefined);
    assert.equal(severityFromWord('untriaged'), undefined);
    assert.equal(severityFromWord(3), undefined);
  });
});

describe('severityOf', () => {
  it('scores Log4Shell as critical', () => {
    const result = severityOf(fixture('GHSA-jfh8-c2jp-5v3q'));
    assert.deepEqual(result, {
      severity: 'critical',
      score: 10.0,
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
      source: 'cvss-v3',
    });
  });

  it('prefers v4 over v3', () => {
    // express GHSA-qw6h-vgh9-j6wx: v3.1 5.0 (medium), v4.0 2.3 (low).
    const result = severityOf(fixture('GHSA-qw6h-vgh9-j6wx'));
    assert.equal(result.source, 'cvss-v4');
    assert.equal(result.score, 2.3);
    assert.equal(result.severity, 'low');
    assert.equal(result.vector, 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:L');
  });

  it('scores v3.0 vectors', () => {
    const result = severityOf(fixture('GHSA-r683-j2x4-v87g'));
    assert.equal(result.score, 8.8);
    assert.equal(result.severity, 'high');
    assert.equal(result.source, 'cvss-v3');
  });

  it('falls back to GHSA word', () => {
    // symfony GHSA-h7vf-5wrv-9fhv has an empty severity list and MODERATE.
    assert.deepEqual(severityOf(fixture('GHSA-h7vf-5wrv-9fhv')), { severity: 'medium', source: 'database' });
  });

  it('rates malicious packages critical', () => {
    assert.deepEqual(severityOf(fixture('MAL-2024-10238')), { severity: 'critical', source: 'database' });
  });

  it('rates unmaintained crates info', () => {
    assert.deepEqual(severityOf(fixture('RUSTSEC-2021-0139')), { severity: 'info', source: 'database' });
  });

  it('marks unscored Go records unknown', () => {
    assert.deepEqual(severityOf(fixture('GO-2023-1737')), { severity: 'medium', source: 'unknown' });
  });

  it('reads affected-level vectors', () => {
    const affected = {
      package: { ecosystem: 'npm', name: 'a' },
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }],
    };
    const result = severityOf(record({ affected: [affected] }), affected);
    assert.equal(result.score, 7.5);
    assert.equal(result.source, 'cvss-v3');
  });

  it('takes highest score among affected', () => {
    const low = { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N' }] };
    const high = { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] };
    assert.equal(severityOf(record({ affected: [low, high] })).score, 9.8);
    assert.equal(severityOf(record({ affected: [low, high] }), low).score, 1.6);
  });

  it('skips invalid vector for next version', () => {
    const result = severityOf(
      record({
        severity: [
          { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L' },
          { type: 'CVSS_V3', score: 'not a vector' },
          { type: 'CVSS_V2', score: 'AV:N/AC:M/Au:N/C:C/I:C/A:C' },
        ],
      }),
    );
    assert.deepEqual(result, {
      severity: 'high',
      score: 9.3,
      vector: 'AV:N/AC:M/Au:N/C:C/I:C/A:C',
      source: 'cvss-v2',
    });
  });

  it('reads Ubuntu priority words', () => {
    const result = severityOf(record({ severity: [{ type: 'Ubuntu', score: 'high' }] }));
    assert.deepEqual(result, { severity: 'high', source: 'database' });
  });

  it('prefers package word over record', () => {
    const affected = { ecosystem_specific: { severity: 'Critical' } };
    const result = severityOf(record({ affected: [affected], database_specific: { severity: 'LOW' } }));
    assert.equal(result.severity, 'critical');
  });

  it('survives malformed records', () => {
    const hostile = [
      { id: 'X', modified: '', severity: 'CVSS:3.1/AV:N' },
      { id: 'X', modified: '', severity: [null, 7, { type: 'CVSS_V3' }, { type: 'CVSS_V3', score: 9 }] },
      { id: 'X', modified: '', affected: [null, 'x', { severity: {} }] },
      { id: 'X', modified: '', database_specific: { severity: ['HIGH'] } },
      { id: 42, modified: '' },
    ] as unknown as OsvRecord[];
    for (const value of hostile) {
      assert.deepEqual(severityOf(value), { severity: 'medium', source: 'unknown' });
    }
  });
});
