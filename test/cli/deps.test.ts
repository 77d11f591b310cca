/**
 * The dependency stage through the command line: automatic database
 * updates, online mode, the licence policy, SBOM output and SBOM input.
 * Every server is a node:http server on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ScanReport } from '../../src/core/report-types.js';
import type { OsvRecord } from '../../src/scanners/deps/osv-types.js';
import { AdvisoryDatabase } from '../../src/store/advisory-db.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';
import { startServer, type TestServer } from '../store/http-fixture.js';
import { buildZip } from '../store/zip-writer.js';

const REPO = resolve(fileURLToPath(import.meta.url), '../../../..');
const OSV = join(REPO, 'test/fixtures/osv');
const NPM_PROJECT = join(REPO, 'test/fixtures/deps/projects/npm');

const servers: TestServer[] = [];
after(async () => {
  for (const server of servers) await server.close();
});

function fixtureRecords(): OsvRecord[] {
  return readdirSync(OSV)
    .filter((name) => name.endsWith('.json') && name !== 'README.md')
    .map((name) => JSON.parse(readFileSync(join(OSV, name), 'utf8')) as OsvRecord);
}

function recordsFor(ecosystem: string): OsvRecord[] {
  return fixtureRecords().filter((record) => record.affected?.some((entry) => entry.package?.ecosystem === ecosystem));
}

async function exportServer(): Promise<TestServer> {
  const zip = buildZip(recordsFor('npm').map((record) => ({ name: `${record.id}.json`, content: JSON.stringify(record) })));
  const server = await startServer((request, _body, response) => {
    if (request.url === '/npm/all.zip') {
      response.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length, etag: '"v1"' });
      response.end(zip);
      return;
    }
    response.writeHead(404).end();
  });
  servers.push(server);
  return server;
}

function parseReport(stdout: string): ScanReport {
  return JSON.parse(stdout) as ScanReport;
}

describe('scan with automatic database update', () => {
  it('downloads missing ecosystems first', async () => {
    const server = await exportServer();
    const dir = tempDir();
    const db = join(dir, 'osv.sqlite');
    const env = { RAMPART_OSV_DOWNLOAD_URL: server.url };
    const result = await runCli(['scan', NPM_PROJECT, '--db', db, '--format', 'json', '--scanners', 'deps'], dir, env);
    assert.equal(result.code, 1, result.stderr);
    const report = parseReport(result.stdout);
    assert.deepEqual(server.requests.map((request) => request.path), ['/npm/all.zip']);
    assert.equal(report.advisories?.mode, 'database');
    assert.ok(report.findings.some((finding) => finding.ruleId === 'deps/CVE-2021-23337'));
    assert.deepEqual(report.warnings, []);

    const again = await runCli(['scan', NPM_PROJECT, '--db', db, '--format', 'json', '--scanners', 'deps'], dir, env);
    assert.equal(again.code, 1);
    assert.equal(server.requests.length, 1, 'a fresh database is not downloaded again');
  });

  it('never downloads with --offline', async () => {
    const server = await exportServer();
    const dir = tempDir();
    const args = ['scan', NPM_PROJECT, '--offline', '--db', join(dir, 'osv.sqlite'), '--format', 'json'];
    const result = await runCli(args, dir, { RAMPART_OSV_DOWNLOAD_URL: server.url });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(server.requests.length, 0);
    assert.equal(parseReport(result.stdout).advisories?.mode, 'none');
  });

  it('warns about a stale database', async () => {
    const dir = tempDir();
    const db = join(dir, 'osv.sqlite');
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000 - 60_000);
    const store = AdvisoryDatabase.open(db, { now: () => threeDaysAgo });
    store.importRecords(recordsFor('npm'), { name: `import:${OSV}` });
    store.close();
    writeTree(dir, { 'rampart.yaml': 'deps:\n  max-db-age-days: 2\n' });
    const args = ['scan', NPM_PROJECT, '--offline', '--db', db, '--format', 'json', '--config', 'rampart.yaml', '--scanners', 'deps'];
    const report = parseReport((await runCli(args, dir)).stdout);
    assert.deepEqual(report.warnings, [
      'the advisory database is 3 days old (limit 2); run "rampart db update"',
    ]);
    assert.equal(report.advisories?.updatedAt, threeDaysAgo.toISOString());
  });
});

describe('scan --online', () => {
  async function apiServer(): Promise<TestServer> {
    const records = new Map(fixtureRecords().map((record) => [record.id, record]));
    const server = await startServer((request, body, response) => {
      if (request.method === 'POST' && request.url === '/v1/querybatch') {
        const { queries } = JSON.parse(body) as { queries: { package: { name: string; ecosystem: string } }[] };
        const results = queries.map((query) => ({
          vulns: [...records.values()]
            .filter((record) => record.affected?.some((entry) => entry.package?.name === query.package.name))
            .map((record) => ({ id: record.id, modified: record.modified })),
        }));
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results }));
        return;
      }
      const id = decodeURIComponent((request.url ?? '').replace('/v1/vulns/', ''));
      const record = records.get(id);
      if (request.method === 'GET' && record) {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(record));
        return;
      }
      response.writeHead(404).end();
    });
    servers.push(server);
    return server;
  }

  it('queries the OSV API', async () => {
    const server = await apiServer();
    const dir = tempDir();
    const args = ['scan', NPM_PROJECT, '--online', '--format', 'json', '--scanners', 'deps'];
    const result = await runCli(args, dir, { RAMPART_OSV_API_URL: server.url });
    assert.equal(result.code, 1, result.stderr);
    const report = parseReport(result.stdout);
    assert.equal(report.advisories?.mode, 'online');
    const ids = report.findings.map((finding) => finding.ruleId).sort();
    assert.ok(ids.includes('deps/CVE-2021-23337'));
    assert.ok(ids.includes('deps/MAL-2025-20690'));
    assert.equal(server.requests.filter((request) => request.path === '/v1/querybatch').length, 1);
  });

  it('warns about advisories the API cannot return', async () => {
    const server = await startServer((request, _body, response) => {
      if (request.url === '/v1/querybatch') {
        const results = [{ vulns: [{ id: 'GHSA-gone-0000-0000', modified: '2024-01-01T00:00:00Z' }] }];
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results }));
        return;
      }
      response.writeHead(404).end();
    });
    servers.push(server);
    const dir = tempDir();
    writeTree(dir, {
      'package-lock.json': JSON.stringify({
        lockfileVersion: 3,
        packages: { '': { dependencies: { a: '1.0.0' } }, 'node_modules/a': { version: '1.0.0' } },
      }),
    });
    const result = await runCli(['scan', '.', '--online', '--format', 'json', '--scanners', 'deps'], dir, {
      RAMPART_OSV_API_URL: server.url,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(parseReport(result.stdout).warnings, [
      'the OSV API listed 1 advisory it then could not return (GHSA-gone-0000-0000); they were not checked',
    ]);
  });

  it('fails clearly when the API is unreachable', async () => {
    const dir = tempDir();
    const args = ['scan', NPM_PROJECT, '--online', '--format', 'json', '--scanners', 'deps'];
    const result = await runCli(args, dir, { RAMPART_OSV_API_URL: 'http://127.0.0.1:9' });
    assert.equal(result.code, 3);
    assert.match(result.stderr, /^rampart: scanner deps failed: --online: .*127\.0\.0\.1:9.*drop --online/m);
  });

  it('rejects --online with --offline', async () => {
    const result = await runCli(['scan', NPM_PROJECT, '--online', '--offline'], tempDir());
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^rampart: --offline and --online cannot be combined/);
  });
});

describe('licence policy', () => {
  it('reports denied and unlisted licences', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'rampart.yaml': 'deps:\n  offline: true\n  licenses:\n    allow: [MIT, Apache-2.0]\n    deny: [GPL-3.0-only]\n',
      'package-lock.json': JSON.stringify({
        name: 'app',
        lockfileVersion: 3,
        packages: {
          '': { name: 'app', dependencies: { a: '1.0.0', b: '1.0.0', c: '1.0.0', d: '1.0.0' } },
          'node_modules/a': { version: '1.0.0', license: 'MIT' },
          'node_modules/b': { version: '1.0.0', license: 'GPL-3.0-only' },
          'node_modules/c': { version: '1.0.0', license: 'BSD-3-Clause' },
          'node_modules/d': { version: '1.0.0', license: '(MIT OR GPL-3.0-only)' },
          'node_modules/e': { version: '1.0.0' },
        },
      }),
    });
    const result = await runCli(['scan', '.', '--format', 'json', '--db', join(dir, 'none.sqlite')], dir);
    const report = parseReport(result.stdout);
    const licence = report.findings
      .filter((finding) => finding.ruleId.startsWith('deps/license'))
      .map((finding) => `${finding.ruleId} ${finding.package?.name}`)
      .sort();
    assert.deepEqual(licence, ['deps/license-denied b', 'deps/license-not-allowed c']);
    assert.equal(result.code, 1, 'a denied licence is high severity');
    assert.ok(report.warnings.some((warning) => warning.startsWith('1 packages state no licence')));
  });

  it('rejects an unknown licence id', async () => {
    const dir = tempDir();
    writeTree(dir, { 'rampart.yaml': 'deps:\n  licenses:\n    allow: [Apache 2]\n' });
    const result = await runCli(['scan', '.'], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Apache 2.*did you mean "Apache-2\.0"/);
  });
});

describe('untrusted configuration', () => {
  it('rejects deps.db from the scanned repository', async () => {
    const dir = tempDir();
    writeTree(dir, { 'rampart.yaml': 'deps:\n  db: .cache.sqlite\n', 'package-lock.json': '{}' });
    const result = await runCli(['scan', '.', '--offline'], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^rampart: rampart\.yaml: deps\.db is not accepted from the scanned repository/);
  });

  it('redacts tokens in dependency warnings', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'requirements.txt': [
        'git+https://ghp_0123456789abcdefghijklmnopqrstuvwxyzAB@github.com/acme/lib.git#egg=lib',
        'https://user:p@ssWORD9@files.example.com/foo-1.0.tar.gz',
        'https://files.example.com/bar-1.0.tar.gz?access_token=QUERYTOKEN7',
        '',
      ].join('\n'),
    });
    const result = await runCli(['scan', '.', '--offline', '--db', join(dir, 'none.sqlite'), '--format', 'json', '--scanners', 'deps'], dir);
    for (const secret of ['ghp_0123', 'ssWORD9', 'QUERYTOKEN7']) {
      assert.ok(!result.stdout.includes(secret), result.stdout);
      assert.ok(!result.stderr.includes(secret), result.stderr);
    }
    assert.match(result.stdout, /https:\/\/\*\*\*@github\.com/);
  });
});

describe('large lockfiles', () => {
  it('reads a lockfile over max-file-size', async () => {
    const dir = tempDir();
    const args = ['scan', NPM_PROJECT, '--offline', '--db', join(dir, 'none.sqlite'), '--format', 'json', '--max-file-size', '1KB'];
    const report = parseReport((await runCli(args, dir)).stdout);
    assert.equal(report.inventory?.[0]?.path, 'package-lock.json');
    assert.equal(report.inventory?.[0]?.packages.length, 6);
    assert.equal(report.discovery.skipped.tooLarge, 1);
  });
});

describe('rampart sbom', () => {
  it('writes CycloneDX to a file', async () => {
    const dir = tempDir();
    const result = await runCli(['sbom', NPM_PROJECT, '--output', join(dir, 'bom.json')], dir);
    assert.equal(result.code, 0, result.stderr);
    const bom = JSON.parse(readFileSync(join(dir, 'bom.json'), 'utf8')) as {
      bomFormat: string;
      specVersion: string;
      components: { components?: { purl?: string }[] }[];
    };
    assert.equal(bom.bomFormat, 'CycloneDX');
    assert.equal(bom.specVersion, '1.6');
    const purls = bom.components.flatMap((component) => component.components ?? []).map((c) => c.purl);
    assert.ok(purls.includes('pkg:npm/lodash@4.17.20'));
    assert.equal(purls.length, 6);
  });

  it('writes SPDX to stdout', async () => {
    const result = await runCli(['sbom', NPM_PROJECT, '--format', 'spdx'], tempDir());
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout) as { spdxVersion: string; packages: { name: string }[] };
    assert.equal(doc.spdxVersion, 'SPDX-2.3');
    assert.ok(doc.packages.some((pkg) => pkg.name === 'minimist'));
  });

  it('rejects an unknown format', async () => {
    const result = await runCli(['sbom', NPM_PROJECT, '--format', 'swid'], tempDir());
    assert.equal(result.code, 2);
  });
});

describe('scan --sbom', () => {
  it('scans the packages of an SBOM', async () => {
    const dir = tempDir();
    const db = join(dir, 'osv.sqlite');
    assert.equal((await runCli(['db', 'import', OSV, '--db', db], dir)).code, 0);
    assert.equal((await runCli(['sbom', NPM_PROJECT, '--output', join(dir, 'bom.json')], dir)).code, 0);
    const result = await runCli(['scan', '--sbom', 'bom.json', '--offline', '--db', db, '--format', 'json'], dir);
    assert.equal(result.code, 1, result.stderr);
    const report = parseReport(result.stdout);
    assert.equal(report.target.mode, 'sbom');
    assert.equal(report.target.path, 'bom.json');
    assert.ok(report.findings.every((finding) => !finding.location.path.startsWith('/')));
    const names = report.findings.map((finding) => finding.package?.name).sort();
    assert.deepEqual(names, ['express', 'flatmap-stream', 'lodash', 'minimist', 'node-fetch']);
  });

  it('rejects a file that is no SBOM', async () => {
    const dir = tempDir();
    writeTree(dir, { 'notes.json': '{"hello": 1}' });
    const result = await runCli(['scan', '--sbom', 'notes.json', '--offline'], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^rampart: .*notes\.json/);
    assert.ok(!existsSync(join(dir, 'osv.sqlite')));
  });

  it('names a missing SBOM as given', async () => {
    const result = await runCli(['scan', '--sbom', 'missing.json', '--offline'], tempDir());
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      'rampart: cannot read the SBOM missing.json: no such file; give the path of a CycloneDX or SPDX JSON file\n',
    );
  });

  it('rejects a FIFO and hides file content', async () => {
    const dir = tempDir();
    spawnSync('mkfifo', [join(dir, 'fifo.json')]);
    const fifo = await runCli(['scan', '--sbom', 'fifo.json', '--offline'], dir);
    assert.equal(fifo.code, 2);
    assert.match(fifo.stderr, /fifo\.json: not a regular file/);
    writeTree(dir, { 'secret.json': 'root:x:0:0:root:/root:/bin/bash\n' });
    const text = await runCli(['scan', '--sbom', 'secret.json', '--offline'], dir);
    assert.equal(text.code, 2);
    assert.ok(!text.stderr.includes('root:x'), text.stderr);
  });

  it('masks credentials in purls of an SBOM', async () => {
    const dir = tempDir();
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      components: [
        { 'bom-ref': 'x', type: 'library', name: 'x', version: '1.0.0', purl: 'pkg:npm/x@1.0.0?download_url=https://u:SBOMPASS1@host/x.tgz' },
        { 'bom-ref': 'y', type: 'library', name: 'y', purl: 'pkg:npm/y@git%2Bhttps:%2F%2FSBOMTOK3%40github.com%2Fo%2Fy.git' },
      ],
      dependencies: [{ ref: 'x', dependsOn: ['y'] }],
    };
    writeTree(dir, { 'bom.json': JSON.stringify(bom) });
    const result = await runCli(['scan', '--sbom', 'bom.json', '--offline', '--db', join(dir, 'none.sqlite'), '--format', 'json'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(!result.stdout.includes('SBOMPASS1'));
    assert.ok(!result.stdout.includes('SBOMTOK3'));
    const packages = parseReport(result.stdout).inventory![0]!.packages;
    const x = packages.find((pkg) => pkg.name === 'x')!;
    assert.equal(x.purl, 'pkg:npm/x@1.0.0');
    assert.deepEqual(x.dependsOn, [packages.find((pkg) => pkg.name === 'y')!.purl]);
  });

  it('rejects --sbom with a path', async () => {
    const result = await runCli(['scan', 'src', '--sbom', 'bom.json'], tempDir());
    assert.equal(result.code, 2);
    assert.match(result.stderr, /cannot be combined/);
  });
});

describe('demo project', () => {
  it('finds the planted vulnerable dependencies', async () => {
    const dir = tempDir();
    const db = join(dir, 'demo.sqlite');
    assert.equal((await runCli(['db', 'import', OSV, '--db', db], dir)).code, 0);
    const args = ['scan', join(REPO, 'examples/zpm'), '--db', db, '--scanners', 'deps', '--format', 'json'];
    const result = await runCli(args, dir);
    assert.equal(result.code, 1, result.stderr);
    const report = parseReport(result.stdout);
    const found = report.findings.map((finding) => `${finding.ruleId} ${finding.package?.name}@${finding.package?.version}`);
    assert.deepEqual(found.sort(), [
      'deps/CVE-2020-14343 pyyaml@5.3.1',
      'deps/CVE-2021-23337 lodash@4.17.20',
      'deps/CVE-2022-23539 jsonwebtoken@8.5.1',
      'deps/CVE-2022-23540 jsonwebtoken@8.5.1',
      'deps/CVE-2022-23541 jsonwebtoken@8.5.1',
      'deps/CVE-2022-24999 qs@6.7.0',
      'deps/CVE-2023-32681 requests@2.25.1',
      'deps/CVE-2024-29041 express@4.17.1',
      'deps/CVE-2024-35195 requests@2.25.1',
      'deps/CVE-2024-43796 express@4.17.1',
      'deps/CVE-2024-43799 send@0.17.1',
      'deps/CVE-2024-43800 serve-static@1.14.1',
      'deps/CVE-2024-45296 path-to-regexp@0.1.7',
      'deps/CVE-2024-45590 body-parser@1.19.0',
      'deps/CVE-2024-47764 cookie@0.4.0',
    ]);
    assert.deepEqual(report.warnings, []);
    const qs = report.findings.find((finding) => finding.package?.name === 'qs');
    assert.deepEqual(qs?.package?.path, ['express@4.17.1', 'qs@6.7.0']);
  });
});

describe('advisory ids over time', () => {
  const lock = JSON.stringify({
    lockfileVersion: 3,
    packages: { '': { dependencies: { leftish: '1.0.0' } }, 'node_modules/leftish': { version: '1.0.0' } },
  });
  function advisory(aliases: string[]): OsvRecord {
    return {
      id: 'GHSA-aaaa-bbbb-cccc',
      modified: aliases.length > 0 ? '2025-02-01T00:00:00Z' : '2025-01-01T00:00:00Z',
      aliases,
      summary: 'prototype pollution',
      affected: [{ package: { ecosystem: 'npm', name: 'leftish' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.1' }] }] }],
      database_specific: { severity: 'HIGH' },
    };
  }

  async function scanWith(dir: string, records: OsvRecord[], extra: string[] = []): Promise<ScanReport> {
    const db = join(dir, 'osv.sqlite');
    writeTree(dir, { 'advisories/record.json': JSON.stringify(records[0]) });
    assert.equal((await runCli(['db', 'import', join(dir, 'advisories'), '--db', db], dir)).code, 0);
    const result = await runCli(['scan', 'project', '--offline', '--db', db, '--format', 'json', ...extra], dir);
    return parseReport(result.stdout);
  }

  it('keeps the fingerprint when a CVE alias appears', async () => {
    const dir = tempDir();
    writeTree(dir, { 'project/package-lock.json': lock });
    const before = await scanWith(dir, [advisory([])]);
    const after = await scanWith(dir, [advisory(['CVE-2099-0001'])]);
    assert.equal(before.findings[0]?.ruleId, 'deps/GHSA-aaaa-bbbb-cccc');
    assert.equal(after.findings[0]?.ruleId, 'deps/CVE-2099-0001');
    assert.equal(after.findings[0]?.fingerprint, before.findings[0]?.fingerprint);
  });

  it('suppresses by any alias', async () => {
    const dir = tempDir();
    writeTree(dir, {
      'project/package-lock.json': lock,
      'project/rampart.yaml': 'suppressions:\n  - rule: deps/GHSA-aaaa-bbbb-cccc\n    reason: "not reachable from our code"\n',
    });
    const report = await scanWith(dir, [advisory(['CVE-2099-0001'])]);
    assert.equal(report.findings[0]?.ruleId, 'deps/CVE-2099-0001');
    assert.equal(report.findings[0]?.suppressed?.reason, 'not reachable from our code');
    assert.deepEqual(report.suppressionProblems, []);
    assert.equal(report.gate.exitCode, 0);
  });
});
