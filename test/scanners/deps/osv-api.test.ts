import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { MAX_ADVISORY_IDS, NetworkUnavailableError, queryOsvApi, type OsvQuery } from '../../../src/scanners/deps/osv-api.js';
import { refusedUrl, startServer, type TestServer } from '../../store/http-fixture.js';
import { ids, osvRecord } from '../../store/osv-fixtures.js';

const servers: TestServer[] = [];
after(async () => {
  for (const server of servers) await server.close();
});

interface BatchQuery {
  package: { ecosystem: string; name: string };
  version: string;
  page_token?: string;
}

/**
 * A fake OSV API: package `vuln-N` has advisory `OSV-N % 7`, `paged` has two
 * pages of advisories, `gone` names an id whose record returns 404, and
 * every other package has none.
 */
async function fakeApi(): Promise<{ server: TestServer; maxInFlight: () => number }> {
  let inFlight = 0;
  let maxInFlight = 0;
  const server = await startServer((request, body, response) => {
    const send = (status: number, value: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
    };
    if (request.method === 'POST' && request.url === '/v1/querybatch') {
      const { queries } = JSON.parse(body) as { queries: BatchQuery[] };
      const results = queries.map((query) => {
        const name = query.package.name;
        if (name === 'paged') {
          return query.page_token === 'page-2' ? { vulns: [{ id: 'PAGE-2' }] } : { vulns: [{ id: 'PAGE-1' }], next_page_token: 'page-2' };
        }
        if (name === 'gone') return { vulns: [{ id: 'GONE-1' }] };
        if (name.startsWith('vuln-')) return { vulns: [{ id: `OSV-${Number(name.slice(5)) % 7}`, modified: 'x' }] };
        return {};
      });
      send(200, { results });
      return;
    }
    const id = decodeURIComponent((request.url ?? '').slice('/v1/vulns/'.length));
    if (id === 'GONE-1') {
      send(404, { code: 5, message: 'Bug not found' });
      return;
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      send(200, osvRecord(id, { packages: [['npm', 'x']] }));
    }, 5);
  });
  servers.push(server);
  return { server, maxInFlight: () => maxInFlight };
}

describe('queryOsvApi', () => {
  it('batches and follows page tokens', async () => {
    const { server, maxInFlight } = await fakeApi();
    const queries: OsvQuery[] = Array.from({ length: 2500 }, (_, i) => ({ ecosystem: 'npm', name: `vuln-${i}`, version: '1.0.0' }));
    queries[1200] = { ecosystem: 'PyPI', name: 'paged', version: '2.0' };
    queries[2499] = { ecosystem: 'npm', name: 'clean', version: '1.0.0' };

    const answers = await queryOsvApi(queries, { baseUrl: server.url, timeoutMs: 5000, env: {} });
    assert.equal(answers.length, 2500);
    assert.deepEqual(ids(answers[0]), ['OSV-0']);
    assert.deepEqual(ids(answers[15]), ['OSV-1']);
    assert.deepEqual(ids(answers[1200]), ['PAGE-1', 'PAGE-2']);
    assert.deepEqual(answers[2499], []);

    const batches = server.requests.filter((request) => request.path === '/v1/querybatch');
    const sizes = batches.map((request) => (JSON.parse(request.body) as { queries: BatchQuery[] }).queries.length);
    assert.deepEqual(sizes, [1000, 1000, 500, 1]);
    const followUp = JSON.parse(batches[3]?.body ?? '{}') as { queries: BatchQuery[] };
    assert.deepEqual(followUp.queries[0], { package: { ecosystem: 'PyPI', name: 'paged' }, version: '2.0', page_token: 'page-2' });

    const fetched = server.requests.filter((request) => request.path.startsWith('/v1/vulns/')).map((request) => request.path);
    assert.equal(fetched.length, 9, 'seven OSV-N ids and two pages, each fetched once');
    assert.equal(new Set(fetched).size, 9);
    assert.ok(maxInFlight() <= 8, `at most 8 parallel record requests, saw ${maxInFlight()}`);
  });

  it('leaves out ids answered with 404', async () => {
    const { server } = await fakeApi();
    const answers = await queryOsvApi([{ ecosystem: 'npm', name: 'gone', version: '1' }], {
      baseUrl: server.url,
      timeoutMs: 5000,
      env: {},
    });
    assert.deepEqual(answers, [[]]);
  });

  it('returns nothing for no queries', async () => {
    assert.deepEqual(await queryOsvApi([], { baseUrl: 'http://127.0.0.1:9', timeoutMs: 100, env: {} }), []);
  });

  it('retries then fails on HTTP 503', async () => {
    const server = await startServer((_request, _body, response) => response.writeHead(503).end());
    servers.push(server);
    const error = await queryOsvApi([{ ecosystem: 'npm', name: 'a', version: '1' }], {
      baseUrl: server.url,
      timeoutMs: 5000,
      retries: 1,
      env: {},
    }).catch((caught: unknown) => caught);
    assert.ok(error instanceof NetworkUnavailableError);
    assert.equal(error.message, `cannot reach ${server.url}/v1/querybatch: server returned HTTP 503 Service Unavailable`);
    assert.equal(server.requests.length, 2);
  });

  it('rejects a mismatched result count', async () => {
    const server = await startServer((_request, _body, response) => response.writeHead(200).end('{"results": []}'));
    servers.push(server);
    await assert.rejects(
      queryOsvApi([{ ecosystem: 'npm', name: 'a', version: '1' }], { baseUrl: server.url, timeoutMs: 5000, env: {} }),
      /returned 0 results for 1 queries/,
    );
  });

  it('reports an unreachable API', async () => {
    const url = await refusedUrl();
    const error = await queryOsvApi([{ ecosystem: 'npm', name: 'a', version: '1' }], {
      timeoutMs: 5000,
      env: { RAMPART_OSV_API_URL: url },
    }).catch((caught: unknown) => caught);
    assert.ok(error instanceof NetworkUnavailableError);
    assert.ok(error.message.startsWith(`cannot reach ${url}/v1/querybatch: connect ECONNREFUSED`), error.message);
  });
});

describe('queryOsvApi guards', () => {
  const query: OsvQuery = { ecosystem: 'npm', name: 'a', version: '1.0.0' };

  it('rejects a flood of advisory ids', async () => {
    const flood = Array.from({ length: MAX_ADVISORY_IDS + 1 }, (_, index) => ({ id: `X-${index}`, modified: '2024-01-01T00:00:00Z' }));
    const server = await startServer((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results: [{ vulns: flood }] }));
    });
    guardServers.push(server);
    await assert.rejects(queryOsvApi([query], { baseUrl: server.url, timeoutMs: 5_000 }), /more than the 20000/);
    assert.equal(server.requests.length, 1);
  });

  it('rejects a record under another id', async () => {
    const server = await startServer((request, _body, response) => {
      const body =
        request.url === '/v1/querybatch'
          ? { results: [{ vulns: [{ id: 'GHSA-real', modified: '2024-01-01T00:00:00Z' }] }] }
          : osvRecord('OTHER-ID', { packages: [['npm', 'a']] });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    guardServers.push(server);
    await assert.rejects(queryOsvApi([query], { baseUrl: server.url, timeoutMs: 5_000 }), /returned a record with id "OTHER-ID"/);
  });
});

const guardServers: TestServer[] = [];
after(async () => {
  for (const server of guardServers) await server.close();
});
