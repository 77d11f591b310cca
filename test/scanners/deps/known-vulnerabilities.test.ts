/**
 * End to end: real OSV records imported into a real SQLite database, and
 * one project per ecosystem scanned with `rampart scan`. The expected ids
 * and fixes come from test/fixtures/osv/expectations.json, which was worked
 * out by hand from the records.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../../src/core/finding.js';
import type { ScanReport } from '../../../src/core/report-types.js';
import { runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/tmp.js';

const REPO = resolve(fileURLToPath(import.meta.url), '../../../../..');
const OSV = join(REPO, 'test/fixtures/osv');
const PROJECTS = join(REPO, 'test/fixtures/deps/projects');

interface Expectation {
  ecosystem: string;
  name: string;
  version: string;
  expectedIds: string[];
  notAffectedIds: string[];
  fixedIn: Record<string, string | null>;
}

const cases = (JSON.parse(readFileSync(join(REPO, 'test/fixtures/deps/osv-expectations.json'), 'utf8')) as { cases: Record<string, Expectation[]> })
  .cases;

const PROJECT_LOCKFILES: [string, string][] = [
  ['npm', 'npm/package-lock.json'],
  ['PyPI', 'pypi/requirements.txt'],
  ['Go', 'go/go.mod'],
  ['crates.io', 'cargo/Cargo.lock'],
  ['RubyGems', 'ruby/Gemfile.lock'],
  ['Packagist', 'php/composer.lock'],
  ['Maven', 'maven/pom.xml'],
  ['NuGet', 'nuget/packages.lock.json'],
  ['Pub', 'pub/pubspec.lock'],
];

function idsOf(finding: Finding): string[] {
  return [finding.vulnerability!.id, ...finding.vulnerability!.aliases];
}

function normalise(ecosystem: string, name: string): string {
  return ecosystem === 'PyPI' || ecosystem === 'NuGet' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
}

let db: string;
let report: ScanReport;

before(async () => {
  const dir = tempDir();
  db = join(dir, 'osv.sqlite');
  const imported = await runCli(['db', 'import', OSV, '--db', db], dir);
  assert.equal(imported.code, 0, imported.stderr);
  const scanned = await runCli(['scan', PROJECTS, '--offline', '--db', db, '--format', 'json', '--scanners', 'deps'], dir);
  assert.equal(scanned.code, 1, scanned.stderr);
  report = JSON.parse(scanned.stdout) as ScanReport;
});

describe('known vulnerabilities per ecosystem', () => {
  it('reads one project per lockfile', () => {
    const paths = (report.inventory ?? []).map((project) => project.path).sort();
    assert.deepEqual(paths, PROJECT_LOCKFILES.map(([, path]) => path).sort());
    assert.equal(report.advisories?.mode, 'database');
    assert.deepEqual(report.errors, []);
  });

  for (const [ecosystem, lockfile] of PROJECT_LOCKFILES) {
    it(`finds the ${ecosystem} advisories`, () => {
      const project = report.inventory!.find((entry) => entry.path === lockfile)!;
      let checked = 0;
      for (const expectation of cases[ecosystem] ?? []) {
        const pkg = project.packages.find(
          (entry) =>
            normalise(ecosystem, entry.name) === normalise(ecosystem, expectation.name) &&
            entry.version === expectation.version,
        );
        if (!pkg) continue;
        checked++;
        const findings = report.findings.filter(
          (finding) => finding.location.path === lockfile && finding.package?.purl === pkg.purl,
        );
        const ids = findings.flatMap(idsOf);
        const label = `${expectation.name}@${expectation.version}`;
        for (const id of expectation.expectedIds) assert.ok(ids.includes(id), `${label}: ${id} missing from ${ids.join(', ')}`);
        for (const id of expectation.notAffectedIds) assert.ok(!ids.includes(id), `${label}: ${id} reported`);
        for (const [id, fixed] of Object.entries(expectation.fixedIn)) {
          const finding = findings.find((entry) => idsOf(entry).includes(id))!;
          if (fixed === null) continue;
          assert.ok(finding.vulnerability!.fixedVersions.includes(fixed), `${label}: ${id} fix ${fixed}`);
        }
      }
      assert.ok(checked > 0, `no ${ecosystem} package of ${lockfile} has an expectation`);
    });
  }
});

/**
 * Every finding of the fixture projects with its severity, CVSS base score
 * and where the severity came from. The scores match the ones NVD and GitHub
 * publish for these CVEs (Log4Shell 10.0, PyYAML 9.8, lodash 7.2...).
 */
const EXPECTED_FINDINGS = [
  'Go github.com/gin-gonic/gin CVE-2023-29401: medium database',
  'Go golang.org/x/crypto CVE-2025-58181: medium unknown',
  'Go golang.org/x/net CVE-2023-39325: medium unknown',
  'Go golang.org/x/net CVE-2023-3978: medium 6.1 cvss-v3',
  'Go stdlib CVE-2023-39325: medium unknown',
  'Maven com.fasterxml.jackson.core:jackson-databind CVE-2020-36518: high 7.5 cvss-v3',
  'Maven org.apache.logging.log4j:log4j-core CVE-2021-44228: critical 10 cvss-v3',
  'NuGet Newtonsoft.Json CVE-2024-21907: high 7.5 cvss-v3',
  'Packagist guzzlehttp/guzzle CVE-2022-31043: high 7.5 cvss-v3',
  'Packagist symfony/http-kernel CVE-2022-24894: medium database',
  'Pub http CVE-2020-35669: medium 6.1 cvss-v3',
  'PyPI django CVE-2023-36053: high 7.5 cvss-v3',
  'PyPI jinja2 CVE-2024-22195: medium 5.4 cvss-v3',
  'PyPI pyyaml CVE-2020-14343: critical 9.8 cvss-v3',
  'PyPI requests CVE-2023-32681: medium 6.1 cvss-v3',
  'PyPI requests CVE-2024-35195: medium 5.6 cvss-v3',
  'RubyGems actionpack CVE-2024-26143: medium 6.1 cvss-v3',
  'RubyGems nokogiri CVE-2022-24836: high 7.5 cvss-v3',
  'crates.io ansi_term RUSTSEC-2021-0139: info database',
  'crates.io chrono RUSTSEC-2020-0159: medium unknown',
  'crates.io smallvec CVE-2021-25900: critical 9.8 cvss-v3',
  'crates.io time CVE-2020-26235: medium 6.2 cvss-v3',
  'npm express CVE-2024-43796: low 2.3 cvss-v4',
  'npm flatmap-stream MAL-2025-20690: critical database',
  'npm lodash CVE-2021-23337: high 7.2 cvss-v3',
  'npm minimist CVE-2021-44906: critical 9.8 cvss-v3',
  'npm node-fetch CVE-2022-0235: high 8.8 cvss-v3',
];

describe('every finding with its severity', () => {
  it('matches the expected list', () => {
    const actual = report.findings.map((finding) => {
      const score = finding.vulnerability?.cvss ? ` ${finding.vulnerability.cvss.score}` : '';
      const pkg = finding.package!;
      return `${pkg.ecosystem} ${pkg.name} ${finding.vulnerability!.id}: ${finding.severity}${score} ${finding.vulnerability!.severitySource}`;
    });
    assert.deepEqual(actual.sort(), [...EXPECTED_FINDINGS].sort());
  });
});

describe('finding details', () => {
  function findingFor(name: string): Finding {
    const found = report.findings.find((finding) => finding.package?.name === name);
    assert.ok(found, `no finding for ${name}`);
    return found;
  }

  it('names the CVE and keeps the GHSA alias', () => {
    const lodash = findingFor('lodash');
    assert.equal(lodash.ruleId, 'deps/CVE-2021-23337');
    assert.ok(lodash.vulnerability!.aliases.includes('GHSA-35jh-r3h4-6jhm'));
    assert.equal(lodash.severity, 'high');
    assert.equal(lodash.vulnerability!.cvss?.score, 7.2);
    assert.deepEqual(lodash.fix, {
      package: 'lodash',
      version: '4.17.21',
      majorChange: false,
      advice: 'upgrade lodash from 4.17.20 to 4.17.21',
    });
    assert.equal(lodash.location.path, 'npm/package-lock.json');
    assert.ok(lodash.location.startLine > 1);
  });

  it('flags a major upgrade', () => {
    const fetch = findingFor('node-fetch');
    assert.equal(fetch.fix?.version, '3.1.1');
    assert.equal(fetch.fix?.majorChange, true);
  });

  it('explains a transitive dependency', () => {
    const minimist = findingFor('minimist');
    assert.equal(minimist.package?.direct, false);
    assert.equal(minimist.package?.scope, 'development');
    assert.deepEqual(minimist.package?.path, ['mkdirp@0.5.5', 'minimist@1.2.5']);
    assert.match(minimist.message, /pulled in by mkdirp@0\.5\.5/);
  });

  it('rates a malicious package critical', () => {
    const malicious = findingFor('flatmap-stream');
    assert.equal(malicious.severity, 'critical');
    assert.equal(malicious.ruleId, 'deps/MAL-2025-20690');
  });

  it('merges Go aliases into one finding', () => {
    const net = report.findings.filter((finding) => finding.package?.name === 'golang.org/x/net');
    const ids = net.map((finding) => finding.vulnerability!.id).sort();
    assert.equal(new Set(ids).size, ids.length);
    const grouped = net.find((finding) => idsOf(finding).includes('GO-2023-1988'))!;
    assert.ok(idsOf(grouped).includes('GHSA-2wrh-6pvc-2jm9'));
  });

  it('checks the Go standard library', () => {
    const stdlib = report.findings.filter((finding) => finding.package?.name === 'stdlib');
    assert.ok(stdlib.some((finding) => idsOf(finding).includes('GO-2023-2102')));
  });

  it('ignores withdrawn records', () => {
    assert.ok(!report.findings.some((finding) => idsOf(finding).includes('GHSA-27h2-hvpr-p74q')));
  });
});

describe('dependency scan without a database', () => {
  it('warns and still lists the inventory', async () => {
    const dir = tempDir();
    const result = await runCli(
      ['scan', join(PROJECTS, 'npm'), '--offline', '--db', join(dir, 'missing.sqlite'), '--format', 'json'],
      dir,
    );
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout) as ScanReport;
    assert.equal(json.advisories?.mode, 'none');
    assert.equal(json.inventory?.[0]?.packages.length, 6);
    assert.match(result.stderr, /^rampart: warning: no advisory database at /m);
    assert.ok(json.warnings.some((warning) => warning.startsWith('no advisory database at ')));
    assert.ok(json.scanners.every((run) => run.status === 'ok'));
  });

  it('warns when the network is unreachable', async () => {
    const dir = tempDir();
    const result = await runCli(
      ['scan', join(PROJECTS, 'pypi'), '--db', join(dir, 'osv.sqlite'), '--format', 'json', '--scanners', 'deps'],
      dir,
      { RAMPART_OSV_DOWNLOAD_URL: 'http://127.0.0.1:9' },
    );
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout) as ScanReport;
    assert.equal(json.warnings.length, 1);
    assert.match(json.warnings[0] ?? '', /^no advisory database at .* and the download failed \(.*127\.0\.0\.1:9.*\), so dependencies were not checked/);
  });
});
