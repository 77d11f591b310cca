import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { createRegistryClient } from '../../../../src/scanners/supply-chain/registry/client.js';
import { basicAuthorization } from '../../../../src/scanners/supply-chain/registry/auth.js';
import { resolveRegistries, type RegistrySettings } from '../../../../src/scanners/supply-chain/registry/config.js';
import type { PypiRegistryPackage } from '../../../../src/scanners/supply-chain/registry/pypi.js';
import { distributionVersion } from '../../../../src/scanners/supply-chain/registry/pypi-files.js';
import type { RegistryClient } from '../../../../src/scanners/supply-chain/types.js';
import { startPypiIndex, type PypiIndex, type PypiIndexProject } from '../../../helpers/pypi-index.js';
import { tempDir } from '../../../helpers/tmp.js';
import { refusedUrl, startServer, type TestServer } from '../../../store/http-fixture.js';

const indexes: PypiIndex[] = [];
const servers: TestServer[] = [];
after(async () => {
  for (const index of indexes) await index.stop();
  for (const server of servers) await server.close();
});

const demo: PypiIndexProject = {
  name: 'Demo_Pkg',
  versions: ['0.9', '1.0', '1.1rc1', '2.0'],
  files: [
    { filename: 'Demo_Pkg-1.0.tar.gz', uploadTime: '2023-03-01T10:00:00.000000Z' },
    { filename: 'demo_pkg-1.0-py3-none-any.whl', uploadTime: '2023-02-28T09:00:00Z' },
    { filename: 'demo_pkg-1.1rc1-py3-none-any.whl', uploadTime: '2023-06-01T00:00:00Z' },
    { filename: 'demo_pkg-2.0-py3-none-any.whl', uploadTime: '2024-01-01T00:00:00Z', yanked: 'broken build' },
    { filename: 'Demo_Pkg-2.0.tar.gz', uploadTime: '2024-01-01T00:05:00Z', yanked: true },
    { filename: 'Demo_Pkg-0.5-py2.7.egg', uploadTime: '2010-01-01T00:00:00Z' },
  ],
};

async function index(projects: PypiIndexProject[], options = {}): Promise<PypiIndex> {
  const started = await startPypiIndex(projects, options);
  indexes.push(started);
  return started;
}

function settingsFor(primary: string, extras: string[] = [], auth: RegistrySettings['pypi']['auth'] = []): RegistrySettings {
  return {
    npm: { registry: 'http://127.0.0.1:9/', scopes: {}, auth: [] },
    pypi: { index: primary, extraIndexes: extras, auth },
    warnings: [],
  };
}

function clientFor(settings: RegistrySettings): RegistryClient {
  return createRegistryClient({ settings, offline: false, timeoutMs: 5000 });
}

describe('PyPI lookup', () => {
  it('reads the JSON simple API', async () => {
    const server = await index([demo]);
    const answer = (await clientFor(settingsFor(server.url)).lookup('PyPI', 'demo.pkg')) as PypiRegistryPackage;
    assert.equal(answer.presence, 'present');
    assert.equal(answer.name, 'demo.pkg');
    assert.equal(answer.registry, server.url);
    assert.deepEqual(answer.indexes, [server.url]);
    assert.deepEqual(server.requests.map((request) => request.path), ['/simple/demo-pkg/']);
    assert.equal(server.requests[0]?.accept, 'application/vnd.pypi.simple.v1+json, text/html;q=0.1');
    assert.deepEqual(
      answer.versions.map((entry) => [entry.version, entry.published, entry.yanked, entry.artifacts.length]),
      [
        ['0.9', undefined, undefined, 0],
        ['1.0', '2023-02-28T09:00:00.000Z', undefined, 2],
        ['1.1rc1', '2023-06-01T00:00:00.000Z', undefined, 1],
        ['2.0', '2024-01-01T00:00:00.000Z', 'broken build', 2],
      ],
    );
    assert.equal(answer.created, '2023-02-28T09:00:00.000Z');
    assert.equal(answer.latest, '1.0');
    assert.ok(answer.versions.every((entry) => entry.maintainers === undefined));
    const sdist = answer.versions[1]?.artifacts[0];
    assert.deepEqual(sdist, {
      url: `${server.origin}/files/demo-pkg/Demo_Pkg-1.0.tar.gz`,
      filename: 'Demo_Pkg-1.0.tar.gz',
      kind: 'sdist',
      sha256: createHash('sha256').update('content of Demo_Pkg-1.0.tar.gz').digest('hex'),
    });
    assert.equal(answer.versions[1]?.artifacts[1]?.kind, 'wheel');
  });

  it('reads the HTML simple API', async () => {
    const server = await index([demo], { htmlOnly: true });
    const answer = await clientFor(settingsFor(server.url)).lookup('PyPI', 'Demo-Pkg');
    assert.equal(answer.presence, 'present');
    assert.deepEqual(
      answer.versions.map((entry) => [entry.version, entry.published, entry.yanked, entry.artifacts.length]),
      [
        ['1.0', undefined, undefined, 2],
        ['1.1rc1', undefined, undefined, 1],
        ['2.0', undefined, 'broken build', 2],
      ],
    );
    assert.equal(answer.created, undefined);
    assert.equal(answer.latest, '1.0');
    const wheel = answer.versions[2]?.artifacts[0];
    assert.equal(wheel?.url, `${server.origin}/files/demo-pkg/demo_pkg-2.0-py3-none-any.whl`);
    assert.equal(wheel?.sha256, createHash('sha256').update('content of demo_pkg-2.0-py3-none-any.whl').digest('hex'));
  });

  it('returns absent for 404', async () => {
    const server = await index([demo]);
    const answer = await clientFor(settingsFor(server.url)).lookup('PyPI', 'not-there');
    assert.equal(answer.presence, 'absent');
    assert.equal(answer.error, undefined);
    assert.deepEqual(server.requests.map((request) => request.path), ['/simple/not-there/']);
  });

  it('marks quarantined projects', async () => {
    const quarantined = { name: 'evil-pkg', files: [], status: 'quarantined', statusReason: 'malware' };
    for (const htmlOnly of [false, true]) {
      const server = await index([quarantined], { htmlOnly });
      const answer = await clientFor(settingsFor(server.url)).lookup('PyPI', 'evil-pkg');
      assert.equal(answer.presence, 'present', `htmlOnly=${htmlOnly}`);
      assert.equal(answer.quarantined, true, `htmlOnly=${htmlOnly}`);
      assert.deepEqual(answer.versions, []);
    }
  });

  it('maps archived and deprecated status', async () => {
    const server = await index([
      { name: 'old-thing', files: [{ filename: 'old_thing-1.0.tar.gz' }], status: 'archived' },
      { name: 'superseded', files: [], status: 'deprecated', statusReason: 'use new-thing' },
    ]);
    const client = clientFor(settingsFor(server.url));
    const archived = await client.lookup('PyPI', 'old-thing');
    assert.equal(archived.deprecated, 'archived');
    assert.equal(archived.quarantined, undefined);
    assert.equal((await client.lookup('PyPI', 'superseded')).deprecated, 'use new-thing');
  });

  it('derives versions of legacy names', () => {
    assert.equal(distributionVersion('python-dateutil-2.8.2.tar.gz', 'python-dateutil'), '2.8.2');
    // 150,000 dashes took minutes when every prefix was normalised; now the name is refused at once.
    const started = performance.now();
    assert.equal(distributionVersion(`${'a-'.repeat(150_000)}1.0.tar.gz`, 'dashes'), undefined);
    assert.ok(performance.now() - started < 100);
    assert.equal(distributionVersion('python_dateutil-2.9.0.post0-py2.py3-none-any.whl', 'python-dateutil'), '2.9.0.post0');
    assert.equal(distributionVersion('pkg-1.0-1-py3-none-any.whl', 'pkg'), '1.0');
    assert.equal(distributionVersion('Other-Name-3.0.zip', 'pkg'), '3.0');
    assert.equal(distributionVersion('pkg-1.0-py2.7.egg', 'pkg'), undefined);
    assert.equal(distributionVersion('pkg-1.0.win32.exe', 'pkg'), undefined);
    assert.equal(distributionVersion('broken.whl', 'pkg'), undefined);
    assert.equal(distributionVersion('nodash.tar.gz', 'pkg'), undefined);
  });

  it('unknown on invalid JSON page', async () => {
    const server = await startServer((_request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'application/vnd.pypi.simple.v1+json' }).end('{"files": [');
    });
    servers.push(server);
    const answer = await clientFor(settingsFor(`${server.url}/simple/`)).lookup('PyPI', 'x');
    assert.equal(answer.presence, 'unknown');
    assert.match(answer.error ?? '', /^http:\/\/127\.0\.0\.1:\d+\/simple\/x\/ returned an invalid page: /);
  });

  it('unknown on closed port', async () => {
    const answer = await clientFor(settingsFor(`${await refusedUrl()}/simple/`)).lookup('PyPI', 'requests');
    assert.equal(answer.presence, 'unknown');
    assert.match(answer.error ?? '', /ECONNREFUSED/);
  });

  it('rejects invalid project names', async () => {
    const answer = await clientFor(settingsFor('http://127.0.0.1:9/simple/')).lookup('PyPI', '../admin');
    assert.equal(answer.presence, 'unknown');
    assert.equal(answer.error, 'invalid PyPI project name "../admin"');
  });
});

describe('PyPI extra indexes', () => {
  it('finds package on extra only', async () => {
    const primary = await index([]);
    const extra = await index([{ name: 'internal-lib', files: [{ filename: 'internal_lib-0.1.tar.gz' }] }]);
    const answer = (await clientFor(settingsFor(primary.url, [extra.url])).lookup('PyPI', 'internal-lib')) as PypiRegistryPackage;
    assert.equal(answer.presence, 'present');
    assert.equal(answer.registry, extra.url);
    assert.deepEqual(answer.indexes, [extra.url]);
    assert.deepEqual(answer.versions.map((entry) => entry.version), ['0.1']);
  });

  it('merges versions from both indexes', async () => {
    const primary = await index([{ name: 'shared', files: [{ filename: 'shared-9.9.tar.gz', uploadTime: '2025-01-01T00:00:00Z' }] }]);
    const extra = await index([{ name: 'shared', files: [{ filename: 'shared-1.0.tar.gz' }] }], { htmlOnly: true });
    const answer = (await clientFor(settingsFor(primary.url, [extra.url])).lookup('PyPI', 'shared')) as PypiRegistryPackage;
    assert.deepEqual(answer.indexes, [primary.url, extra.url]);
    assert.deepEqual(answer.versions.map((entry) => entry.version), ['9.9', '1.0']);
    assert.equal(answer.latest, '9.9');
  });

  it('absent only when all indexes 404', async () => {
    const primary = await index([]);
    const extra = await index([]);
    assert.equal((await clientFor(settingsFor(primary.url, [extra.url])).lookup('PyPI', 'nothing')).presence, 'absent');
    const down = `${await refusedUrl()}/simple/`;
    const partial = await clientFor(settingsFor(primary.url, [down])).lookup('PyPI', 'nothing');
    assert.equal(partial.presence, 'unknown');
    assert.match(partial.error ?? '', /^cannot reach /);
  });
});

describe('PyPI credentials', () => {
  it('sends index credentials to its host only', async () => {
    const fileHost = await startServer((_request, _body, response) => {
      response.writeHead(200).end('wheel bytes');
    });
    servers.push(fileHost);
    const expected = basicAuthorization('alice', 's3cret');
    const server = await index([{ name: 'private-pkg', files: [{ filename: 'private_pkg-1.0.tar.gz', content: 'sdist bytes' }] }], { requireAuthorization: expected });
    const settings = resolveRegistries({
      env: { PIP_INDEX_URL: server.url.replace('http://', 'http://alice:s3cret@') },
      home: tempDir(),
      etcDir: tempDir(),
    });
    assert.equal(settings.pypi.index, server.url);
    const client = clientFor(settings);
    const answer = await client.lookup('PyPI', 'private-pkg');
    assert.equal(answer.presence, 'present');
    assert.equal(answer.registry, server.url);
    const artifact = answer.versions[0]?.artifacts[0];
    assert.ok(artifact);
    assert.equal((await client.download(artifact, 1000)).toString(), 'sdist bytes');
    assert.deepEqual(server.requests.map((request) => request.authorization), [expected, expected]);

    const elsewhere = { ...artifact, url: `${fileHost.url}/private_pkg-1.0.tar.gz`, sha256: createHash('sha256').update('wheel bytes').digest('hex') };
    assert.equal((await client.download(elsewhere, 1000)).toString(), 'wheel bytes');
    assert.equal(fileHost.requests[0]?.headers.authorization, undefined);
  });

  it('unknown without credentials', async () => {
    const server = await index([{ name: 'private-pkg', files: [] }], { requireAuthorization: 'Basic x' });
    const answer = await clientFor(settingsFor(server.url)).lookup('PyPI', 'private-pkg');
    assert.equal(answer.presence, 'unknown');
    assert.equal(answer.error, `${server.url}private-pkg/ returned HTTP 401`);
  });
});

describe('PyPI download', () => {
  it('rejects SHA-256 mismatch', async () => {
    const server = await index([{ name: 'tampered', files: [{ filename: 'tampered-1.0.tar.gz', sha256: 'a'.repeat(64) }] }]);
    const client = clientFor(settingsFor(server.url));
    const answer = await client.lookup('PyPI', 'tampered');
    const artifact = answer.versions[0]?.artifacts[0];
    assert.ok(artifact);
    await assert.rejects(client.download(artifact, 1000), (error: Error) => {
      assert.equal(error.name, 'IntegrityError');
      assert.match(error.message, /tampered-1\.0\.tar\.gz: SHA-256 mismatch \(expected a{64}, got [0-9a-f]{64}\); the file was not used$/);
      return true;
    });
  });

  it('rejects files over the limit', async () => {
    const server = await index([{ name: 'big', files: [{ filename: 'big-1.0.tar.gz', content: Buffer.alloc(5000, 1) }] }]);
    const client = clientFor(settingsFor(server.url));
    const artifact = (await client.lookup('PyPI', 'big')).versions[0]?.artifacts[0];
    assert.ok(artifact);
    await assert.rejects(client.download(artifact, 4096), /response is larger than 4096 bytes/);
    assert.equal((await client.download(artifact, 5000)).length, 5000);
  });
});
