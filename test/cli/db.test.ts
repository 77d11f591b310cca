import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { main } from '../../src/cli/main.js';
import { AdvisoryDatabase } from '../../src/store/advisory-db.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { refusedUrl, startServer, type TestServer } from '../store/http-fixture.js';
import { osvRecord } from '../store/osv-fixtures.js';
import { buildZip } from '../store/zip-writer.js';

const FIXTURES = resolve(fileURLToPath(import.meta.url), '../../../../test/fixtures/osv-store');
const servers: TestServer[] = [];
after(async () => {
  for (const server of servers) await server.close();
});

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

describe('rampart db status', () => {
  it('explains a missing database', async () => {
    const dir = tempDir();
    const result = await runCli(['db', 'status', '--db', 'none.sqlite'], dir);
    assert.equal(result.code, 0);
    assert.equal(lines(result.stdout)[0], `No advisory database at ${join(dir, 'none.sqlite')} yet.`);
    const json = await runCli(['db', 'status', '--format', 'json'], dir, { RAMPART_CACHE_DIR: join(dir, 'cache') });
    assert.deepEqual(JSON.parse(json.stdout), { path: join(dir, 'cache', 'osv.sqlite'), exists: false });
  });

  it('shows sources and their age', async () => {
    const dir = tempDir();
    const path = join(dir, 'osv.sqlite');
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000 - 60_000);
    const db = AdvisoryDatabase.open(path, { now: () => threeDaysAgo });
    db.replaceSource([osvRecord('A', { packages: [['npm', 'a']] }), osvRecord('B', { packages: [['PyPI', 'b']] })], {
      name: 'osv:npm',
    });
    db.close();

    const result = await runCli(['db', 'status', '--db', path], dir);
    assert.equal(result.code, 0, result.stderr);
    const output = lines(result.stdout);
    assert.equal(output[0], `Advisory database: ${path}`);
    assert.equal(output[2], 'Records: 2 (0 withdrawn)');
    assert.match(output.find((line) => line.startsWith('osv:npm')) ?? '', /^osv:npm\s+2\s+updated 3 days ago \(/);
    assert.match(output.find((line) => line.startsWith('PyPI')) ?? '', /^PyPI\s+1$/);
  });

  it('rejects a database from a newer Rampart', async () => {
    const dir = tempDir();
    const path = join(dir, 'future.sqlite');
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    const result = await runCli(['db', 'status', '--db', path], dir);
    assert.equal(result.code, 2);
    assert.equal(lines(result.stderr).length, 1);
    assert.match(result.stderr, /schema 99 is newer than this Rampart supports/);
  });
});

describe('rampart db import', () => {
  it('imports a folder and a zip', async () => {
    const dir = tempDir();
    const zip = join(dir, 'extra.zip');
    writeFileSync(zip, buildZip([{ name: 'GHSA-z.json', content: JSON.stringify(osvRecord('GHSA-z', { packages: [['Go', 'example.com/z']] })) }]));
    const folder = join(FIXTURES, 'folder');

    const result = await runCli(['db', 'import', folder, 'extra.zip', '--db', 'db.sqlite'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(lines(result.stdout), [
      `Imported ${folder}: 3 added, 0 updated, 0 unchanged, 0 older than the stored copy, 2 invalid`,
      `Imported ${zip}: 1 added, 0 updated, 0 unchanged, 0 older than the stored copy, 0 invalid`,
    ]);
    const warnings = lines(result.stderr);
    assert.equal(warnings.length, 2);
    assert.equal(warnings[1], `rampart: warning: skipped ${join(folder, 'nested', 'multi.json')}[2]: BROKEN-1: missing string "modified"`);

    const status = await runCli(['db', 'status', '--db', 'db.sqlite', '--format', 'json'], dir);
    const parsed = JSON.parse(status.stdout) as { totalRecords: number; sources: { name: string; recordCount: number }[] };
    assert.equal(parsed.totalRecords, 4);
    assert.deepEqual(
      parsed.sources.map((source) => [source.name, source.recordCount]),
      [
        [`import:${zip}`, 1],
        [`import:${folder}`, 3],
      ].sort(),
    );
  });

  it('fails on a missing path', async () => {
    const dir = tempDir();
    const result = await runCli(['db', 'import', 'missing.zip', '--db', 'db.sqlite'], dir);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, `rampart: cannot import ${join(dir, 'missing.zip')}: no such file or folder\n`);
  });
});

describe('rampart db update', () => {
  it('downloads chosen ecosystems', async () => {
    const zips = new Map([
      ['/npm/all.zip', buildZip([{ name: 'N.json', content: JSON.stringify(osvRecord('N', { packages: [['npm', 'n']] })) }])],
      ['/PyPI/all.zip', buildZip([{ name: 'P.json', content: JSON.stringify(osvRecord('P', { packages: [['PyPI', 'p']] })) }])],
    ]);
    const server = await startServer((request, _body, response) => {
      const body = zips.get(request.url ?? '');
      if (!body) response.writeHead(404).end();
      else if (request.headers['if-none-match'] === '"same"') response.writeHead(304).end();
      else response.writeHead(200, { ETag: '"same"' }).end(body);
    });
    servers.push(server);
    const dir = tempDir();
    const env = { RAMPART_OSV_DOWNLOAD_URL: server.url };
    const args = ['db', 'update', '--ecosystem', 'npm', '--ecosystem', 'pypi', '--db', 'osv.sqlite'];

    const first = await runCli(args, dir, env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(lines(first.stdout)[0] ?? '', /^npm: 1 added, 0 updated, 0 removed, 0 unchanged \(\d+ bytes downloaded\)$/);
    assert.match(lines(first.stdout)[1] ?? '', /^PyPI: 1 added/);
    assert.equal(first.stderr, '', 'no progress line when stderr is not a terminal');

    const second = await runCli(args, dir, env);
    assert.deepEqual(lines(second.stdout), ['npm: unchanged since the last update', 'PyPI: unchanged since the last update']);
  });

  it('shows progress on a terminal', async () => {
    const body = buildZip([{ name: 'N.json', content: JSON.stringify(osvRecord('N')) }]);
    const server = await startServer((_request, _body, response) => {
      response.writeHead(200, { 'Content-Length': String(body.length) }).end(body);
    });
    servers.push(server);
    let stderr = '';
    const terminal = Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          stderr += chunk.toString();
          done();
        },
      }),
      { isTTY: true },
    );
    const stdout = new Writable({ write: (_chunk, _encoding, done) => done() });
    const dir = tempDir();
    const code = await main(['db', 'update', '--ecosystem', 'npm', '--db', 'p.sqlite'], {
      stdout,
      stderr: terminal,
      cwd: dir,
      env: { RAMPART_OSV_DOWNLOAD_URL: server.url },
    });
    assert.equal(code, 0);
    assert.ok(stderr.includes(`downloading npm advisories: ${body.length} bytes of ${body.length} bytes`), stderr);
    assert.ok(stderr.endsWith('\r\x1b[K'), 'the progress line is cleared');
  });

  it('goes on after one failed ecosystem', async () => {
    const server = await startServer((request, _body, response) => {
      if (request.url === '/Go/all.zip') response.writeHead(200).end(buildZip([]));
      else response.writeHead(403).end();
    });
    servers.push(server);
    const dir = tempDir();
    const result = await runCli(['db', 'update', '--ecosystem', 'npm', '--ecosystem', 'Go', '--db', 'x.sqlite'], dir, {
      RAMPART_OSV_DOWNLOAD_URL: server.url,
    });
    assert.equal(result.code, 2);
    assert.equal(result.stderr, `rampart: ${server.url}/npm/all.zip returned HTTP 403 Forbidden\n`);
    assert.match(result.stdout, /^Go: 0 added/);
  });

  it('fails in one line when offline', async () => {
    const url = await refusedUrl();
    const dir = tempDir();
    const result = await runCli(['db', 'update', '--db', 'x.sqlite'], dir, { RAMPART_OSV_DOWNLOAD_URL: url });
    assert.equal(result.code, 2);
    assert.equal(lines(result.stderr).length, 1);
    assert.ok(result.stderr.startsWith(`rampart: cannot reach ${url}/npm/all.zip: connect ECONNREFUSED`), result.stderr);
  });

  it('rejects an unknown ecosystem', async () => {
    const result = await runCli(['db', 'update', '--ecosystem', 'pipy', '--db', 'x.sqlite'], tempDir());
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      'rampart: unknown ecosystem "pipy"; did you mean PyPI? expected one of npm, PyPI, Go, crates.io, RubyGems, Packagist, Maven, NuGet, Pub\n',
    );
  });
});

describe('rampart db import while locked', () => {
  it('explains a database another process writes', async () => {
    const dir = tempDir();
    const path = join(dir, 'osv.sqlite');
    AdvisoryDatabase.open(path).close();
    writeFileSync(join(dir, 'record.json'), JSON.stringify(osvRecord('LOCK-1', { packages: [['npm', 'a']] })));
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const result = await runCli(['db', 'import', 'record.json', '--db', path], dir);
      assert.equal(result.code, 2);
      assert.equal(
        result.stderr,
        'rampart: the advisory database is locked by another rampart process; try again when it has finished\n',
      );
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });
});
