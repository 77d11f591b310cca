import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.js';
import {
  HttpStatusError,
  NetworkUnavailableError,
  updateFromOsv,
  type DownloadProgress,
  type UpdateOptions,
} from '../../../src/scanners/deps/osv-download.js';
import { AdvisoryDatabase } from '../../../src/store/advisory-db.js';
import { tempDir } from '../../helpers/tmp.js';
import { refusedUrl, startServer, type TestServer } from '../../store/http-fixture.js';
import { ids, osvRecord } from '../../store/osv-fixtures.js';
import { buildZip } from '../../store/zip-writer.js';

const servers: TestServer[] = [];
after(async () => {
  for (const server of servers) await server.close();
});

function exportZip(recordIds: string[]): Buffer {
  return buildZip(
    recordIds.map((id) => ({ name: `${id}.json`, content: JSON.stringify(osvRecord(id, { packages: [['npm', `pkg-${id}`]] })) })),
  );
}

/** A bucket that serves `files` by path, with ETags, returning 304 for a matching If-None-Match. */
async function bucket(files: Map<string, { body: Buffer; etag: string }>): Promise<TestServer> {
  const server = await startServer((request, _body, response) => {
    const file = files.get(request.url ?? '');
    if (!file) {
      response.writeHead(404).end('not found');
    } else if (request.headers['if-none-match'] === file.etag) {
      response.writeHead(304).end();
    } else {
      response.writeHead(200, {
        'Content-Type': 'application/zip',
        'Content-Length': String(file.body.length),
        ETag: file.etag,
        'Last-Modified': 'Wed, 11 Mar 2026 08:00:00 GMT',
      });
      response.end(file.body);
    }
  });
  servers.push(server);
  return server;
}

function openDb(dir = tempDir()): AdvisoryDatabase {
  return AdvisoryDatabase.open(join(dir, 'osv.sqlite'));
}

function options(baseUrl: string, extra: Partial<UpdateOptions> = {}): UpdateOptions {
  return { baseUrl, ecosystems: ['npm'], timeoutMs: 5000, env: {}, ...extra };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  assert.fail('expected a rejection');
}

describe('updateFromOsv', () => {
  it('imports then answers 304', async () => {
    const files = new Map([['/npm/all.zip', { body: exportZip(['A', 'B']), etag: '"v1"' }]]);
    const server = await bucket(files);
    const db = openDb();
    const progress: DownloadProgress[] = [];
    const [first] = await updateFromOsv(db, options(server.url, { onProgress: (event) => progress.push(event) }));
    assert.equal(first?.status, 'updated');
    assert.equal(first?.stats?.added, 2);
    assert.equal(first?.bytes, files.get('/npm/all.zip')?.body.length);
    assert.deepEqual(progress.at(-1), { ecosystem: 'npm', received: first?.bytes, total: first?.bytes });
    assert.equal(db.getSource('osv:npm')?.etag, '"v1"');

    const [second] = await updateFromOsv(db, options(server.url));
    assert.equal(second?.status, 'unchanged');
    assert.equal(server.requests[1]?.headers['if-none-match'], '"v1"');
    assert.equal(server.requests[1]?.headers['if-modified-since'], 'Wed, 11 Mar 2026 08:00:00 GMT');
    assert.deepEqual(ids(db.lookup('npm', ['pkg-A']).get('pkg-A')), ['A']);
    db.close();
  });

  it('drops records gone from the export', async () => {
    const files = new Map([['/npm/all.zip', { body: exportZip(['A', 'B']), etag: '"v1"' }]]);
    const server = await bucket(files);
    const dir = tempDir();
    const db = openDb(dir);
    await updateFromOsv(db, options(server.url));
    files.set('/npm/all.zip', { body: exportZip(['A', 'C']), etag: '"v2"' });
    const [result] = await updateFromOsv(db, options(server.url));
    assert.equal(result?.stats?.removed, 1);
    assert.equal(result?.stats?.added, 1);
    assert.equal(db.lookup('npm', ['pkg-B']).size, 0);
    assert.equal(db.status().totalRecords, 2);
    db.close();
    assert.deepEqual(readdirSync(dir).filter((name) => name.includes('.part')), []);
  });

  it('maps HTTP 500 to NetworkUnavailableError', async () => {
    const server = await startServer((_request, _body, response) => response.writeHead(500).end('boom'));
    servers.push(server);
    const db = openDb();
    const error = await rejection(updateFromOsv(db, options(server.url)));
    assert.ok(error instanceof NetworkUnavailableError);
    assert.equal(error.status, 500);
    assert.equal(error.message, `cannot reach ${server.url}/npm/all.zip: server returned HTTP 500 Internal Server Error`);
    assert.equal(db.getSource('osv:npm'), undefined);
    db.close();
  });

  it('maps HTTP 404 to HttpStatusError', async () => {
    const server = await bucket(new Map());
    const db = openDb();
    const error = await rejection(updateFromOsv(db, options(server.url, { ecosystems: ['crates.io'] })));
    assert.ok(error instanceof HttpStatusError);
    assert.equal(error.message, `${server.url}/crates.io/all.zip returned HTTP 404 Not Found`);
    db.close();
  });

  it('reports a refused connection', async () => {
    const url = await refusedUrl();
    const db = openDb();
    const error = await rejection(updateFromOsv(db, options(url)));
    assert.ok(error instanceof NetworkUnavailableError);
    assert.equal(error.status, undefined);
    assert.ok(error.message.startsWith(`cannot reach ${url}/npm/all.zip: `), error.message);
    assert.match(error.message, /ECONNREFUSED/);
    assert.equal(error.message.includes('\n'), false);
    db.close();
  });

  it('times out a silent server', async () => {
    const server = await startServer(() => undefined);
    servers.push(server);
    const db = openDb();
    const error = await rejection(updateFromOsv(db, options(server.url, { timeoutMs: 200 })));
    assert.ok(error instanceof NetworkUnavailableError);
    assert.match(error.message, /timed out after 200 ms without data$/);
    db.close();
  });

  it('rejects a download cut short', async () => {
    const body = exportZip(['A', 'B']);
    const server = await startServer((_request, _body, response) => {
      response.writeHead(200, { 'Content-Length': String(body.length) });
      response.write(body.subarray(0, 50));
      setTimeout(() => response.socket?.destroy(), 20);
    });
    servers.push(server);
    const dir = tempDir();
    const db = openDb(dir);
    const error = await rejection(updateFromOsv(db, options(server.url)));
    assert.ok(error instanceof NetworkUnavailableError, String(error));
    assert.match(error.message, /: connection lost after 50 bytes \(/);
    db.close();
    assert.deepEqual(readdirSync(dir).filter((name) => name.includes('.part')), []);
  });

  it('keeps old records on a broken archive', async () => {
    const files = new Map([['/npm/all.zip', { body: exportZip(['A']), etag: '"v1"' }]]);
    const server = await bucket(files);
    const db = openDb();
    await updateFromOsv(db, options(server.url));
    const good = exportZip(['B']);
    files.set('/npm/all.zip', { body: good.subarray(0, good.length - 10), etag: '"v2"' });
    const error = await rejection(updateFromOsv(db, options(server.url)));
    assert.ok(error instanceof UsageError);
    assert.ok(error.message.startsWith(`${server.url}/npm/all.zip is not a readable zip archive`), error.message);
    assert.deepEqual(ids(db.lookup('npm', ['pkg-A']).get('pkg-A')), ['A']);
    assert.equal(db.getSource('osv:npm')?.etag, '"v1"');
    db.close();
  });

  it('reads the base URL from the environment', async () => {
    const files = new Map([['/PyPI/all.zip', { body: exportZip(['P']), etag: '"p"' }]]);
    const server = await bucket(files);
    const db = openDb();
    const [result] = await updateFromOsv(db, {
      ecosystems: ['PyPI'],
      timeoutMs: 5000,
      env: { RAMPART_OSV_DOWNLOAD_URL: `${server.url}/` },
    });
    assert.equal(result?.url, `${server.url}/PyPI/all.zip`);
    assert.equal(result?.stats?.added, 1);
    db.close();
  });
});
