import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { UsageError } from '../../../../src/core/errors.js';
import { RegistryCache } from '../../../../src/scanners/supply-chain/registry/cache.js';
import { createRegistryClient } from '../../../../src/scanners/supply-chain/registry/client.js';
import type { RegistrySettings } from '../../../../src/scanners/supply-chain/registry/config.js';
import type { RegistryPackage } from '../../../../src/scanners/supply-chain/types.js';
import { startPypiIndex, type PypiIndex } from '../../../helpers/pypi-index.js';
import { tempDir } from '../../../helpers/tmp.js';
import { startServer, type TestServer } from '../../../store/http-fixture.js';

const servers: TestServer[] = [];
const indexes: PypiIndex[] = [];
const caches: RegistryCache[] = [];
after(async () => {
  for (const cache of caches) cache.close();
  for (const server of servers) await server.close();
  for (const index of indexes) await index.stop();
});

const HOUR = 60 * 60 * 1000;
const START = Date.parse('2025-06-01T12:00:00Z');

/** A fake npm registry: `missing-*` names return 404, `flaky` returns 503, others one version after `delayMs`. */
async function fakeNpm(delayMs = 0): Promise<{ server: TestServer; maxInFlight: () => number }> {
  let inFlight = 0;
  let maxInFlight = 0;
  const server = await startServer((request, _body, response) => {
    const name = decodeURIComponent((request.url ?? '/').slice(1));
    if (name.startsWith('missing-')) {
      response.writeHead(404).end('{}');
      return;
    }
    if (name === 'flaky') {
      response.writeHead(503).end();
      return;
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      const packument = { name, 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { dist: { tarball: `http://u:p@127.0.0.1:9/${name}.tgz` } } } };
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(packument));
    }, delayMs);
  });
  servers.push(server);
  return { server, maxInFlight: () => maxInFlight };
}

function settingsFor(npmUrl: string, pypiUrl = 'http://127.0.0.1:9/simple/'): RegistrySettings {
  return {
    npm: { registry: `${npmUrl}/`, scopes: {}, auth: [] },
    pypi: { index: pypiUrl, extraIndexes: [], auth: [] },
    warnings: [],
  };
}

function openCache(options = {}): RegistryCache {
  const cache = new RegistryCache(join(tempDir(), 'nested', 'folder', 'registry.sqlite'), options);
  caches.push(cache);
  return cache;
}

/** Returns a clock that the test moves forward. */
function clock(): { now: () => Date; advance: (ms: number) => void } {
  let time = START;
  return { now: () => new Date(time), advance: (ms) => (time += ms) };
}

describe('registry client cache', () => {
  it('serves repeats from cache', async () => {
    const { server } = await fakeNpm();
    const cache = openCache();
    const time = clock();
    const client = createRegistryClient({ settings: settingsFor(server.url), cache, offline: false, now: time.now });
    const first = await client.lookup('npm', 'lodash');
    assert.equal(first.fromCache, undefined);
    assert.equal(first.fetchedAt, '2025-06-01T12:00:00.000Z');
    time.advance(23 * HOUR);
    const second = await client.lookup('npm', 'lodash');
    assert.equal(second.fromCache, true);
    assert.equal(second.fetchedAt, '2025-06-01T12:00:00.000Z');
    assert.deepEqual(second.versions, first.versions);
    assert.equal(server.requests.length, 1);
  });

  it('refetches after expiry', async () => {
    const { server } = await fakeNpm();
    const cache = openCache();
    const time = clock();
    const client = createRegistryClient({ settings: settingsFor(server.url), cache, offline: false, now: time.now });
    await client.lookup('npm', 'lodash');
    await client.lookup('npm', 'missing-pkg');
    time.advance(HOUR - 1);
    assert.equal((await client.lookup('npm', 'missing-pkg')).fromCache, true);
    time.advance(1);
    assert.equal((await client.lookup('npm', 'missing-pkg')).fromCache, undefined);
    time.advance(24 * HOUR);
    assert.equal((await client.lookup('npm', 'lodash')).fromCache, undefined);
    assert.deepEqual(server.requests.map((request) => request.path), ['/lodash', '/missing-pkg', '/missing-pkg', '/lodash']);
  });

  it('honours custom expiry options', async () => {
    const { server } = await fakeNpm();
    const cache = openCache({ presentTtlMs: 1000, absentTtlMs: 10 * HOUR });
    const time = clock();
    const client = createRegistryClient({ settings: settingsFor(server.url), cache, offline: false, now: time.now });
    await client.lookup('npm', 'lodash');
    await client.lookup('npm', 'missing-x');
    time.advance(5 * HOUR);
    assert.equal((await client.lookup('npm', 'lodash')).fromCache, undefined);
    assert.equal((await client.lookup('npm', 'missing-x')).fromCache, true);
  });

  it('never caches unknown results', async () => {
    const { server } = await fakeNpm();
    const cache = openCache();
    const client = createRegistryClient({ settings: settingsFor(server.url), cache, offline: false });
    assert.equal((await client.lookup('npm', 'flaky')).presence, 'unknown');
    assert.equal((await client.lookup('npm', 'flaky')).presence, 'unknown');
    assert.equal(server.requests.length, 2);
  });

  it('serves offline lookups from cache', async () => {
    const { server } = await fakeNpm();
    const cache = openCache();
    const time = clock();
    await createRegistryClient({ settings: settingsFor(server.url), cache, offline: false, now: time.now }).lookup('npm', 'lodash');
    const offline = createRegistryClient({ settings: settingsFor(server.url), cache, offline: true, now: time.now });
    assert.equal((await offline.lookup('npm', 'lodash')).presence, 'present');
    const miss = await offline.lookup('npm', 'react');
    assert.equal(miss.presence, 'unknown');
    assert.equal(miss.error, 'offline');
    assert.equal(miss.registry, `${server.url}/`);
    time.advance(25 * HOUR);
    assert.equal((await offline.lookup('npm', 'lodash')).error, 'offline');
    assert.equal(server.requests.length, 1);
    await assert.rejects(offline.download({ url: `${server.url}/x.tgz`, filename: 'x.tgz', kind: 'npm-tarball' }, 10), /^Error: offline/);
  });

  it('is offline without a cache', async () => {
    const answer = await createRegistryClient({ settings: settingsFor('http://127.0.0.1:9'), offline: true }).lookup('PyPI', 'requests');
    assert.equal(answer.presence, 'unknown');
    assert.equal(answer.error, 'offline');
    assert.equal(answer.registry, 'http://127.0.0.1:9/simple/');
  });

  it('shares PyPI entries across spellings', async () => {
    const index = await startPypiIndex([{ name: 'Demo_Pkg', files: [{ filename: 'demo_pkg-1.0.tar.gz' }] }]);
    indexes.push(index);
    const cache = openCache();
    const client = createRegistryClient({ settings: settingsFor('http://127.0.0.1:9', index.url), cache, offline: false });
    await client.lookup('PyPI', 'Demo_Pkg');
    const again = await client.lookup('PyPI', 'demo.pkg');
    assert.equal(again.fromCache, true);
    assert.equal(again.name, 'demo.pkg');
    assert.equal(index.requests.length, 1);
  });

  it('stores no credentials', async () => {
    const cache = openCache();
    const secretPackage: RegistryPackage & { indexes: string[] } = {
      ecosystem: 'PyPI',
      name: 'p',
      registry: 'https://user:hunter2@pypi.corp.example/simple/',
      indexes: ['https://user:hunter2@pypi.corp.example/simple/'],
      presence: 'present',
      versions: [{ version: '1.0', artifacts: [{ url: 'https://user:hunter2@files.example/p-1.0.tar.gz', filename: 'p-1.0.tar.gz', kind: 'sdist' }] }],
      fetchedAt: new Date(START).toISOString(),
    };
    cache.put('https://user:hunter2@pypi.corp.example/simple/', secretPackage);
    const stored = cache.get('PyPI', 'https://pypi.corp.example/simple/', 'P', new Date(START + 1000));
    assert.equal(stored?.registry, 'https://pypi.corp.example/simple/');
    assert.equal(stored?.versions[0]?.artifacts[0]?.url, 'https://files.example/p-1.0.tar.gz');
    cache.close();
    caches.splice(caches.indexOf(cache), 1);
    assert.ok(!readFileSync(cache.path).includes('hunter2'));
  });
});

describe('registry cache file', () => {
  it('reports a corrupt file', () => {
    const path = join(tempDir(), 'registry.sqlite');
    writeFileSync(path, 'this is not a database, just some text that is long enough to be read as a header page');
    assert.throws(
      () => new RegistryCache(path),
      (error: Error) => {
        assert.ok(error instanceof UsageError);
        assert.equal(error.message, `registry cache ${path} is not a valid SQLite database (file is not a database); delete it and Rampart creates a new one`);
        return true;
      },
    );
  });

  it('reports a foreign schema version', () => {
    const path = join(tempDir(), 'registry.sqlite');
    const first = new RegistryCache(path);
    first.close();
    const raw = readFileSync(path);
    // user_version is the big-endian integer at byte offset 60 of the SQLite header.
    raw.writeUInt32BE(7, 60);
    writeFileSync(path, raw);
    assert.throws(() => new RegistryCache(path), /registry cache .* has schema version 7, not 1; delete it/);
  });
});

describe('registry client concurrency', () => {
  it('shares one request per name', async () => {
    const { server } = await fakeNpm(50);
    const client = createRegistryClient({ settings: settingsFor(server.url), offline: false });
    const answers = await Promise.all(Array.from({ length: 20 }, () => client.lookup('npm', 'react')));
    assert.equal(server.requests.length, 1);
    assert.ok(answers.every((answer) => answer.presence === 'present'));
  });

  it('bounds requests in flight', async () => {
    const { server, maxInFlight } = await fakeNpm(30);
    const client = createRegistryClient({ settings: settingsFor(server.url), offline: false });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => client.lookup('npm', `pkg-${i}`)));
    assert.equal(server.requests.length, 30);
    assert.equal(maxInFlight(), 16);
    assert.deepEqual(
      answers.map((answer) => answer.name),
      Array.from({ length: 30 }, (_, i) => `pkg-${i}`),
    );
  });
});

describe('registry client close', () => {
  it('aborts lookups in flight', async () => {
    const { server } = await fakeNpm(2000);
    const client = createRegistryClient({ settings: settingsFor(server.url), offline: false });
    const pending = client.lookup('npm', 'slow');
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.close();
    const answer = await pending;
    assert.equal(answer.presence, 'unknown');
    assert.equal(answer.error, 'registry client closed');
  });
});

describe('registry client deadline', () => {
  it('gives up on a dripping server', async () => {
    // One byte a quarter second keeps the inactivity timeout from firing; only the whole-request deadline ends it.
    const server = await startServer((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => response.write(' '), 250);
      response.on('close', () => clearInterval(timer));
    });
    const client = createRegistryClient({ settings: settingsFor(server.url), offline: false, timeoutMs: 1000, deadlineMs: 1500 });
    try {
      const started = Date.now();
      const answer = await client.lookup('npm', 'drip');
      assert.equal(answer.presence, 'unknown');
      assert.match(answer.error ?? '', /no complete response within 2 s/);
      assert.ok(Date.now() - started < 5000);
    } finally {
      client.close();
      await server.close();
    }
  });
});
