import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRegistryClient } from '../../../../src/scanners/supply-chain/registry/client.js';
import { resolveRegistries, type RegistrySettings } from '../../../../src/scanners/supply-chain/registry/config.js';
import { lookupNpm, npmNamePath } from '../../../../src/scanners/supply-chain/registry/npm.js';
import type { RegistryClient } from '../../../../src/scanners/supply-chain/types.js';
import { refusedUrl, startServer, type TestServer } from '../../../store/http-fixture.js';
import { tempDir, writeTree } from '../../../helpers/tmp.js';
import { startVerdaccio, type VerdaccioRegistry } from '../../../helpers/verdaccio.js';

const OLD_TIME = '2019-01-02T03:04:05.000Z';

/** Storage documents for packages whose dates must lie in the past. */
const seed = {
  'old-pkg': {
    'dist-tags': { latest: '1.1.0' },
    versions: {
      '1.0.0': { name: 'old-pkg', version: '1.0.0', dist: { tarball: 'http://x.invalid/old-pkg/-/old-pkg-1.0.0.tgz' } },
      '1.1.0': { name: 'old-pkg', version: '1.1.0', dist: { tarball: 'http://x.invalid/old-pkg/-/old-pkg-1.1.0.tgz' } },
    },
    time: { created: OLD_TIME, modified: '2020-05-06T07:08:09.000Z', '1.0.0': OLD_TIME, '1.1.0': '2020-05-06T07:08:09.000Z' },
  },
  'gone-pkg': {
    'dist-tags': {},
    versions: {},
    time: { created: OLD_TIME, modified: '2021-02-03T00:00:00.000Z', unpublished: { time: '2021-02-03T00:00:00.000Z', versions: ['1.0.0'] } },
  },
};

let registry: VerdaccioRegistry;
const servers: TestServer[] = [];

function settingsFor(url: string, overrides: Partial<RegistrySettings['npm']> = {}): RegistrySettings {
  return {
    npm: { registry: url, scopes: {}, auth: [], ...overrides },
    pypi: { index: 'http://127.0.0.1:9/simple/', extraIndexes: [], auth: [] },
    warnings: [],
  };
}

function clientFor(settings: RegistrySettings): RegistryClient {
  return createRegistryClient({ settings, offline: false, timeoutMs: 5000 });
}

before(async () => {
  registry = await startVerdaccio({ seed });
  await registry.publish({ name: 'demo', version: '1.0.0', description: 'demo package', scripts: { postinstall: 'node setup.js', test: 'node test.js' } }, {
    'setup.js': 'console.log(1);',
  });
  await registry.publish({ name: 'demo', version: '1.1.0', gypfile: true, _npmUser: { name: 'alice' }, maintainers: [{ name: 'bob' }, { name: 'alice' }] });
  await registry.publish({ name: '@corp/widget', version: '2.0.0', scripts: { preinstall: 'sh pre.sh' } });
  await registry.publish({ name: 'held-name', version: '0.0.1-security', description: 'security holding package' });
  // Recent npm placeholders are 0.0.2-security, some without the usual description.
  await registry.publish({ name: 'held-newer', version: '0.0.2-security', description: '' });
  await registry.publish({ name: 'old-api', version: '1.0.0' });
  await registry.publish({ name: 'old-api', version: '2.0.0' });
  await registry.deprecate('old-api', '<2.0.0', 'upgrade to 2.x');
  await registry.publish({ name: 'retired', version: '1.0.0' });
  await registry.deprecate('retired', '*', 'no longer maintained');
  await registry.publish({ name: '@private/secret', version: '1.0.0' });
});

after(async () => {
  await registry?.stop();
  for (const server of servers) await server.close();
});

describe('npm lookup on Verdaccio', () => {
  it('maps unscoped packument', async () => {
    const answer = await clientFor(settingsFor(registry.url)).lookup('npm', 'demo');
    assert.equal(answer.presence, 'present');
    assert.equal(answer.registry, registry.url);
    assert.equal(answer.latest, '1.1.0');
    assert.deepEqual(answer.versions.map((entry) => entry.version), ['1.0.0', '1.1.0']);
    const first = answer.versions[0];
    assert.ok(first?.published && Date.parse(first.published) > Date.now() - 60_000);
    assert.equal(answer.created, first?.published);
    assert.equal(first?.artifacts.length, 1);
    assert.equal(first?.artifacts[0]?.url, `${registry.url}demo/-/demo-1.0.0.tgz`);
    assert.equal(first?.artifacts[0]?.filename, 'demo-1.0.0.tgz');
    assert.equal(first?.artifacts[0]?.kind, 'npm-tarball');
    assert.match(first?.artifacts[0]?.integrity ?? '', /^sha512-/);
    assert.equal(answer.placeholder, undefined);
    assert.equal(answer.deprecated, undefined);
  });

  it('maps scoped packument', async () => {
    const answer = await clientFor(settingsFor(registry.url)).lookup('npm', '@corp/widget');
    assert.equal(answer.presence, 'present');
    assert.deepEqual(answer.versions.map((entry) => entry.version), ['2.0.0']);
    assert.deepEqual(answer.versions[0]?.installScripts, { preinstall: 'sh pre.sh' });
    assert.equal(answer.versions[0]?.artifacts[0]?.url, `${registry.url}@corp/widget/-/widget-2.0.0.tgz`);
  });

  it('returns absent for 404', async () => {
    const answer = await clientFor(settingsFor(registry.url)).lookup('npm', 'no-such-package-xyz');
    assert.equal(answer.presence, 'absent');
    assert.equal(answer.error, undefined);
    assert.deepEqual(answer.versions, []);
  });

  it('collects install scripts', async () => {
    const answer = await clientFor(settingsFor(registry.url)).lookup('npm', 'demo');
    assert.deepEqual(answer.versions[0]?.installScripts, { postinstall: 'node setup.js' });
    assert.deepEqual(answer.versions[1]?.installScripts, { install: 'node-gyp rebuild' });
  });

  it('lists maintainers publisher first', async () => {
    const answer = await clientFor(settingsFor(registry.url)).lookup('npm', 'demo');
    assert.deepEqual(answer.versions[1]?.maintainers, ['alice', 'bob']);
    assert.equal(answer.versions[0]?.maintainers, undefined);
  });

  it('flags security placeholder', async () => {
    const answer = await clientFor(settingsFor(registry.url)).lookup('npm', 'held-name');
    assert.equal(answer.presence, 'present');
    assert.equal(answer.latest, '0.0.1-security');
    assert.equal(answer.placeholder, true);
  });

  it('flags newer placeholder versions', async () => {
    const answer = await clientFor(settingsFor(registry.url)).lookup('npm', 'held-newer');
    assert.equal(answer.latest, '0.0.2-security');
    assert.equal(answer.placeholder, true);
  });

  it('reads deprecation messages', async () => {
    const client = clientFor(settingsFor(registry.url));
    const partly = await client.lookup('npm', 'old-api');
    assert.equal(partly.versions[0]?.deprecated, 'upgrade to 2.x');
    assert.equal(partly.versions[1]?.deprecated, undefined);
    assert.equal(partly.deprecated, undefined);
    const whole = await client.lookup('npm', 'retired');
    assert.equal(whole.deprecated, 'no longer maintained');
  });

  it('keeps seeded publication dates', async () => {
    const answer = await clientFor(settingsFor(registry.url)).lookup('npm', 'old-pkg');
    assert.equal(answer.created, OLD_TIME);
    assert.deepEqual(
      answer.versions.map((entry) => [entry.version, entry.published]),
      [
        ['1.0.0', OLD_TIME],
        ['1.1.0', '2020-05-06T07:08:09.000Z'],
      ],
    );
  });

  it('reports unpublished package absent', async () => {
    const answer = await clientFor(settingsFor(registry.url)).lookup('npm', 'gone-pkg');
    assert.equal(answer.presence, 'absent');
    assert.equal(answer.error, 'unpublished on 2021-02-03T00:00:00.000Z');
    assert.equal(answer.created, OLD_TIME);
  });

  it('sends configured token to registry', async () => {
    const home = tempDir();
    const host = new URL(registry.url).host;
    writeTree(home, { '.npmrc': `registry=${registry.url}\n//${host}/:_authToken=\${TEST_NPM_TOKEN}\n` });
    const settings = resolveRegistries({ env: { TEST_NPM_TOKEN: registry.token }, home });
    assert.deepEqual(settings.warnings, []);
    const withToken = await clientFor(settings).lookup('npm', '@private/secret');
    assert.equal(withToken.presence, 'present');
    assert.deepEqual(withToken.versions.map((entry) => entry.version), ['1.0.0']);

    const without = await clientFor(settingsFor(registry.url)).lookup('npm', '@private/secret');
    assert.equal(without.presence, 'unknown');
    assert.match(without.error ?? '', /returned HTTP 40[13]$/);
  });

  it('downloads and verifies tarball', async () => {
    const client = clientFor(settingsFor(registry.url));
    const answer = await client.lookup('npm', 'demo');
    const artifact = answer.versions[0]?.artifacts[0];
    assert.ok(artifact);
    const bytes = await client.download(artifact, 1024 * 1024);
    assert.equal(bytes.subarray(0, 2).toString('hex'), '1f8b');
    await assert.rejects(client.download({ ...artifact, integrity: `sha512-${Buffer.alloc(64).toString('base64')}` }, 1024 * 1024), {
      name: 'IntegrityError',
      message: /sha512 integrity mismatch/,
    });
  });

  it('matches real npm publish', async () => {
    const work = tempDir();
    const host = new URL(registry.url).host;
    writeTree(work, {
      'pkg/package.json': JSON.stringify({ name: 'cli-published', version: '3.1.4', scripts: { install: 'node build.js' } }),
      'pkg/build.js': 'module.exports = 1;\n',
      'npmrc': `//${host}/:_authToken=${registry.token}\nupdate-notifier=false\nfund=false\naudit=false\n`,
    });
    const env = { PATH: process.env.PATH ?? '', HOME: work, npm_config_userconfig: join(work, 'npmrc'), npm_config_cache: join(work, 'cache') };
    const run = spawnSync('npm', ['publish', '--registry', registry.url, '--ignore-scripts'], { cwd: join(work, 'pkg'), env, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);

    const client = clientFor(settingsFor(registry.url));
    const answer = await client.lookup('npm', 'cli-published');
    assert.equal(answer.latest, '3.1.4');
    assert.deepEqual(answer.versions[0]?.installScripts, { install: 'node build.js' });
    const artifact = answer.versions[0]?.artifacts[0];
    assert.equal(artifact?.url, `${registry.url}cli-published/-/cli-published-3.1.4.tgz`);
    assert.match(artifact?.integrity ?? '', /^sha512-/);
    const bytes = await client.download(artifact!, 1024 * 1024);
    assert.ok(bytes.length > 100);
  });
});

describe('npm lookup failures', () => {
  it('unknown on closed port', async () => {
    const url = `${await refusedUrl()}/`;
    const answer = await clientFor(settingsFor(url)).lookup('npm', 'demo');
    assert.equal(answer.presence, 'unknown');
    assert.match(answer.error ?? '', /^cannot reach http:\/\/127\.0\.0\.1:\d+\/demo: .*ECONNREFUSED/);
  });

  it('unknown on malformed JSON', async () => {
    const server = await startServer((_request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"name": "demo", "versions": {');
    });
    servers.push(server);
    const answer = await clientFor(settingsFor(`${server.url}/`)).lookup('npm', 'demo');
    assert.equal(answer.presence, 'unknown');
    assert.match(answer.error ?? '', /returned invalid JSON/);
    assert.ok(!(answer.error ?? '').includes('\n'));
  });

  it('unknown on body over limit', async () => {
    const server = await startServer((_request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ name: 'demo', description: 'x'.repeat(5000) }));
    });
    servers.push(server);
    const answer = await lookupNpm('demo', settingsFor(`${server.url}/`).npm, { timeoutMs: 5000, maxBytes: 1000 });
    assert.equal(answer.presence, 'unknown');
    assert.match(answer.error ?? '', /response is larger than 1000 bytes/);
  });

  it('unknown on server error', async () => {
    const server = await startServer((_request, _body, response) => {
      response.writeHead(503).end('busy');
    });
    servers.push(server);
    const answer = await clientFor(settingsFor(`${server.url}/`)).lookup('npm', 'demo');
    assert.equal(answer.presence, 'unknown');
    assert.equal(answer.error, `${server.url}/demo returned HTTP 503`);
  });

  it('rejects path-like names', async () => {
    for (const name of ['..', '../-/whoami', '@scope/../x', 'a/b', '@scope/', '', 'bad name', 'x\ny']) {
      assert.equal(npmNamePath(name), undefined, name);
    }
    assert.equal(npmNamePath('@types/node'), '@types%2fnode');
    assert.equal(npmNamePath('JSONStream'), 'JSONStream');
    const answer = await clientFor(settingsFor('http://127.0.0.1:9/')).lookup('npm', '../-/whoami');
    assert.equal(answer.presence, 'unknown');
    assert.match(answer.error ?? '', /^invalid npm package name/);
  });
});

describe('npm registry routing', () => {
  async function recordingRegistry(packument: (name: string) => object): Promise<TestServer> {
    const server = await startServer((request, _body, response) => {
      const name = decodeURIComponent((request.url ?? '/').slice(1));
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(packument(name)));
    });
    servers.push(server);
    return server;
  }

  it('routes scopes to their registry', async () => {
    const publicRegistry = await recordingRegistry((name) => ({ name, versions: { '1.0.0': { version: '1.0.0' } } }));
    const corpRegistry = await recordingRegistry((name) => ({ name, versions: { '9.0.0': { version: '9.0.0' } } }));
    const home = tempDir();
    const corpHost = new URL(corpRegistry.url).host;
    writeTree(home, {
      '.npmrc': [`registry=${publicRegistry.url}/`, `@corp:registry=${corpRegistry.url}/npm/`, `//${corpHost}/npm/:_authToken=corp-token`].join('\n'),
    });
    const client = clientFor(resolveRegistries({ env: {}, home }));
    const scoped = await client.lookup('npm', '@corp/tool');
    const plain = await client.lookup('npm', 'left-pad');
    assert.equal(scoped.registry, `${corpRegistry.url}/npm/`);
    assert.equal(scoped.latest, undefined);
    assert.deepEqual(scoped.versions.map((entry) => entry.version), ['9.0.0']);
    assert.deepEqual(plain.versions.map((entry) => entry.version), ['1.0.0']);
    assert.deepEqual(corpRegistry.requests.map((request) => [request.path, request.headers.authorization]), [['/npm/@corp%2ftool', 'Bearer corp-token']]);
    assert.deepEqual(publicRegistry.requests.map((request) => [request.path, request.headers.authorization]), [['/left-pad', undefined]]);
  });

  it('sends auth only to its host', async () => {
    const tarballHost = await startServer((_request, _body, response) => {
      response.writeHead(200).end('tarball bytes');
    });
    servers.push(tarballHost);
    const home = tempDir();
    const npmRegistry = await recordingRegistry((name) => ({
      name,
      versions: { '1.0.0': { version: '1.0.0', dist: { tarball: `${tarballHost.url}/${name}-1.0.0.tgz` } } },
    }));
    const host = new URL(npmRegistry.url).host;
    writeTree(home, { '.npmrc': `registry=${npmRegistry.url}/\n//${host}/:_authToken=registry-token\n` });
    const client = clientFor(resolveRegistries({ env: {}, home }));
    const answer = await client.lookup('npm', 'pkg');
    const artifact = answer.versions[0]?.artifacts[0];
    assert.equal(artifact?.url, `${tarballHost.url}/pkg-1.0.0.tgz`);
    assert.equal((await client.download(artifact!, 1000)).toString(), 'tarball bytes');
    assert.equal(npmRegistry.requests[0]?.headers.authorization, 'Bearer registry-token');
    assert.equal(tarballHost.requests.length, 1);
    assert.equal(tarballHost.requests[0]?.headers.authorization, undefined);
  });

  it('drops auth on cross-host redirect', async () => {
    const target = await recordingRegistry((name) => ({ name, versions: {} }));
    const redirecting = await startServer((request, _body, response) => {
      response.writeHead(302, { Location: `${target.url}${request.url ?? '/'}` }).end();
    });
    servers.push(redirecting);
    const home = tempDir();
    writeTree(home, { '.npmrc': `registry=${redirecting.url}/\n//${new URL(redirecting.url).host}/:_authToken=only-here\n` });
    const answer = await clientFor(resolveRegistries({ env: {}, home })).lookup('npm', 'moved');
    assert.equal(answer.presence, 'present');
    assert.equal(redirecting.requests[0]?.headers.authorization, 'Bearer only-here');
    assert.equal(target.requests[0]?.path, '/moved');
    assert.equal(target.requests[0]?.headers.authorization, undefined);
  });
});

describe('packument written by hand', () => {
  it('survives hostile field types', async () => {
    const server = await startServer((_request, _body, response) => {
      const hostile = {
        name: 'odd',
        'dist-tags': { latest: 42 },
        time: { created: 'not a date', '1.0.0': { nested: true } },
        versions: {
          '1.0.0': { scripts: { postinstall: ['array'], install: 'ok.sh' }, maintainers: 'alice', dist: { tarball: 'file:///etc/passwd' } },
          '2.0.0': 'not an object',
          '3.0.0': { _npmUser: { name: 7 }, dist: { tarball: 'https://user:pw@cdn.example/odd-3.0.0.tgz', shasum: 'ABCDEF0123456789abcdef0123456789abcdef01' } },
        },
      };
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(hostile));
    });
    servers.push(server);
    const answer = await clientFor(settingsFor(`${server.url}/`)).lookup('npm', 'odd');
    assert.equal(answer.presence, 'present');
    assert.equal(answer.latest, undefined);
    assert.equal(answer.created, undefined);
    assert.deepEqual(answer.versions.map((entry) => entry.version), ['1.0.0', '3.0.0']);
    assert.deepEqual(answer.versions[0]?.installScripts, { install: 'ok.sh' });
    assert.deepEqual(answer.versions[0]?.artifacts, []);
    assert.equal(answer.versions[1]?.maintainers, undefined);
    assert.equal(answer.versions[1]?.artifacts[0]?.url, 'https://cdn.example/odd-3.0.0.tgz');
    assert.equal(answer.versions[1]?.artifacts[0]?.integrity, `sha1-${Buffer.from('abcdef0123456789abcdef0123456789abcdef01', 'hex').toString('base64')}`);
  });

  it('unknown on JSON array', async () => {
    const server = await startServer((_request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('[1, 2]');
    });
    servers.push(server);
    const answer = await clientFor(settingsFor(`${server.url}/`)).lookup('npm', 'arr');
    assert.equal(answer.presence, 'unknown');
    assert.equal(answer.error, 'registry returned JSON that is not an object');
  });
});
