/**
 * A real Verdaccio registry (the `verdaccio` dev dependency) on 127.0.0.1
 * for tests: no uplinks, so nothing is fetched from the internet, a
 * temporary storage folder, and one user whose token the helper holds.
 * Anyone may read packages, except those in the `@private` scope, which
 * need the token; publishing always needs it.
 * Starting takes a second or two, so start one per test file in `before`
 * and stop it in `after`.
 *
 *     const registry = await startVerdaccio();
 *     await registry.publish({ name: 'demo', version: '1.0.0' }, { 'index.js': 'module.exports = 1;' });
 *     await registry.deprecate('demo', '<2.0.0', 'use demo 2');
 *     await registry.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import semver from 'semver';
import { pack } from 'tar-stream';

/** package.json fields; `name` and `version` are required, anything else is copied as written. */
export interface PackageManifest {
  name: string;
  version: string;
  [field: string]: unknown;
}

export interface StartVerdaccioOptions {
  /**
   * Documents written to `storage/<name>/package.json` before Verdaccio
   * starts, keyed by package name. Verdaccio serves them as they are, so a
   * test can give a package publication times in the past.
   */
  seed?: Record<string, object>;
}

export interface VerdaccioRegistry {
  /** Registry URL, `http://127.0.0.1:<port>/`. */
  url: string;
  /** User name and npm token of the account the helper created. */
  user: string;
  token: string;
  /** Verdaccio's storage folder. */
  storage: string;
  /** Publishes a version the way `npm publish` does; `files` are paths inside `package/`. */
  publish(manifest: PackageManifest, files?: Record<string, string | Buffer>, options?: { tag?: string }): Promise<void>;
  /** Sets the deprecation message on every version matching the semver `range`, as `npm deprecate` does. */
  deprecate(name: string, range: string, message: string): Promise<void>;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port assigned');
  return address.port;
}

function configText(root: string): string {
  return [
    `storage: ${JSON.stringify(join(root, 'storage'))}`,
    'web:',
    '  enable: false',
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(join(root, 'htpasswd'))}`,
    '    max_users: 100',
    'uplinks: {}',
    'packages:',
    "  '@private/*':",
    '    access: $authenticated',
    '    publish: $authenticated',
    '    unpublish: $authenticated',
    "  '@*/*':",
    '    access: $all',
    '    publish: $authenticated',
    '    unpublish: $authenticated',
    "  '**':",
    '    access: $all',
    '    publish: $authenticated',
    '    unpublish: $authenticated',
    'middlewares:',
    '  audit:',
    '    enabled: false',
    'log:',
    '  type: stdout',
    '  format: json',
    '  level: error',
    '',
  ].join('\n');
}

/** Builds a package tarball as `npm pack` lays it out: gzip over tar, every path under `package/`. */
export async function packTarball(manifest: PackageManifest, files: Record<string, string | Buffer> = {}): Promise<Buffer> {
  const archive = pack();
  const entries: Record<string, string | Buffer> = { 'package.json': JSON.stringify(manifest, null, 2), ...files };
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  for (const [path, content] of Object.entries(entries)) {
    archive.entry({ name: `package/${path}`, mode: 0o644, mtime: new Date('1985-10-26T08:15:00Z') }, content);
  }
  archive.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

/** Returns the registry path segment of a package name: `@scope%2fname` for scoped names. */
function escapedName(name: string): string {
  return name.startsWith('@') ? name.replace('/', '%2f') : encodeURIComponent(name);
}

async function waitForPing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with code ${child.exitCode}: ${output()}`);
    try {
      const response = await fetch(`${url}-/ping`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`verdaccio did not answer ${url}-/ping within 30 s: ${output()}`);
}

function seedStorage(storage: string, seed: Record<string, object>): void {
  for (const [name, document] of Object.entries(seed)) {
    const folder = join(storage, name);
    mkdirSync(folder, { recursive: true });
    const stored = { name, _uplinks: {}, _distfiles: {}, _attachments: {}, _rev: '1-0000000000000000', ...document };
    writeFileSync(join(folder, 'package.json'), JSON.stringify(stored, null, 2));
  }
}

async function createUser(url: string, user: string): Promise<string> {
  const body = { name: user, password: 'test-password-1', type: 'user', roles: [], date: new Date().toISOString() };
  const response = await fetch(`${url}-/user/org.couchdb.user:${user}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { token?: string };
  if (!response.ok || typeof answer.token !== 'string') throw new Error(`verdaccio did not create user ${user}: HTTP ${response.status}`);
  return answer.token;
}

/** Starts Verdaccio on a free port of 127.0.0.1 and creates a user; rejects when it does not come up within 30 s. */
export async function startVerdaccio(options: StartVerdaccioOptions = {}): Promise<VerdaccioRegistry> {
  const root = mkdtempSync(join(tmpdir(), 'rampart-verdaccio-'));
  const storage = join(root, 'storage');
  mkdirSync(storage, { recursive: true });
  seedStorage(storage, options.seed ?? {});
  writeFileSync(join(root, 'config.yaml'), configText(root));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const bin = join(dirname(require.resolve('verdaccio/package.json')), 'bin', 'verdaccio');
  const child = spawn(process.execPath, [bin, '--config', join(root, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
    env: { ...process.env, HOME: root },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await waitForPing(url, child, () => output);
    const user = 'rampart-test';
    const token = await createUser(url, user);
    return { url, user, token, storage, stop, ...registryActions(url, token) };
  } catch (error) {
    await stop();
    throw error;
  }
}

function registryActions(url: string, token: string): Pick<VerdaccioRegistry, 'publish' | 'deprecate'> {
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'npm-auth-type': 'web' };
  const put = async (name: string, body: unknown) => {
    const response = await fetch(`${url}${escapedName(name)}`, { method: 'PUT', headers, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`PUT ${name} failed: HTTP ${response.status} ${await response.text()}`);
  };
  return {
    async publish(manifest, files = {}, publishOptions = {}) {
      const tarball = await packTarball(manifest, files);
      const tarballName = `${manifest.name}-${manifest.version}.tgz`;
      const dist = {
        integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
        shasum: createHash('sha1').update(tarball).digest('hex'),
        tarball: `${url}${manifest.name}/-/${tarballName}`,
      };
      await put(manifest.name, {
        _id: manifest.name,
        name: manifest.name,
        description: manifest.description,
        'dist-tags': { [publishOptions.tag ?? 'latest']: manifest.version },
        versions: { [manifest.version]: { ...manifest, _id: `${manifest.name}@${manifest.version}`, dist } },
        access: null,
        _attachments: { [tarballName]: { content_type: 'application/octet-stream', data: tarball.toString('base64'), length: tarball.length } },
      });
    },
    async deprecate(name, range, message) {
      const response = await fetch(`${url}${escapedName(name)}?write=true`, { headers });
      if (!response.ok) throw new Error(`GET ${name} failed: HTTP ${response.status}`);
      const packument = (await response.json()) as { versions: Record<string, Record<string, unknown>> };
      for (const [version, manifest] of Object.entries(packument.versions)) {
        if (semver.satisfies(version, range, { includePrerelease: true })) manifest.deprecated = message;
      }
      await put(name, packument);
    },
  };
}

/** Move every publication time of `name` in `registry` to 2019, two months apart, as if it had a long history. */
export function backdate(registry: VerdaccioRegistry, name: string): void {
  const file = join(registry.storage, name, 'package.json');
  const document = JSON.parse(readFileSync(file, 'utf8')) as { time: Record<string, string> };
  let month = 0;
  for (const key of Object.keys(document.time)) {
    document.time[key] = new Date(Date.UTC(2019, month, 1)).toISOString();
    month += 2;
  }
  writeFileSync(file, JSON.stringify(document));
}
