/**
 * Client of the OSV API (https://google.github.io/osv.dev/api/) for
 * `--online` scans: `POST /v1/querybatch` finds the advisory ids per
 * package version, then `GET /v1/vulns/{id}` fetches each full record once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { UsageError } from '../../core/errors.js';
import { checkStatus, NetworkUnavailableError, readTextLimited, sendRequest, type FetchImpl } from '../../store/http.js';
import { osvRecordProblem } from '../../store/osv-validate.js';
import type { OsvRecord } from './osv-types.js';

export { NetworkUnavailableError } from '../../store/http.js';

export const DEFAULT_OSV_API_URL = 'https://api.osv.dev';

/** The API accepts at most 1,000 queries per querybatch request. */
export const QUERY_BATCH_SIZE = 1000;

const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface OsvQuery {
  ecosystem: string;
  name: string;
  version: string;
}

export interface ApiOptions {
  /** Callback for the ids the query returned but `/v1/vulns/{id}` returned HTTP 404 for. */
  onMissing?: (ids: string[]) => void;
  /** Base URL; undefined means $RAMPART_OSV_API_URL, else https://api.osv.dev. */
  baseUrl?: string;
  fetchImpl?: FetchImpl;
  /** Maximum wait for a response or the next chunk of its body, in ms. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Parallel `GET /v1/vulns/{id}` requests; 8 by default. */
  concurrency?: number;
  /** Retries of a request that got HTTP 429 or 5xx; 2 by default. */
  retries?: number;
  /** Rounds of `next_page_token` follow-ups before giving up; 100 by default. */
  maxPages?: number;
  /** Environment for RAMPART_OSV_API_URL; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

interface BatchItem {
  index: number;
  pageToken?: string;
}

interface BatchResult {
  vulns?: { id?: unknown }[];
  next_page_token?: unknown;
}

/** Return the API base URL: `explicit`, else $RAMPART_OSV_API_URL, else api.osv.dev; without a trailing `/`. */
export function resolveApiUrl(env: NodeJS.ProcessEnv, explicit?: string): string {
  const base = explicit || env.RAMPART_OSV_API_URL || DEFAULT_OSV_API_URL;
  return base.endsWith('/') ? base.slice(0, -1) : base;
}

/** Send a request and parse its JSON body; undefined for a 404. Retries 429 and 5xx with growing pauses. */
async function requestJson(url: string, init: RequestInit, options: ApiOptions): Promise<unknown> {
  const retries = options.retries ?? 2;
  for (let attempt = 0; ; attempt++) {
    const { response, timeout } = await sendRequest(url, init, options);
    try {
      if (response.status === 404) return undefined;
      checkStatus(response, url);
      const text = await readTextLimited(response, url, MAX_RESPONSE_BYTES, timeout, options.signal);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new UsageError(`${url} returned a response that is not JSON`);
      }
    } catch (error) {
      const retryable = error instanceof NetworkUnavailableError && error.status !== undefined;
      if (!retryable || attempt >= retries) throw error;
      await response.body?.cancel().catch(() => undefined);
    } finally {
      timeout.clear();
    }
    await sleep(500 * 2 ** attempt, undefined, { signal: options.signal });
  }
}

function batchBody(queries: readonly OsvQuery[], items: BatchItem[]): string {
  return JSON.stringify({
    queries: items.map((item) => {
      const query = queries[item.index] as OsvQuery;
      const entry: Record<string, unknown> = {
        package: { ecosystem: query.ecosystem, name: query.name },
        version: query.version,
      };
      if (item.pageToken !== undefined) entry.page_token = item.pageToken;
      return entry;
    }),
  });
}

/** Send one querybatch request; returns the items that need another page. */
async function runBatch(queries: readonly OsvQuery[], items: BatchItem[], ids: Set<string>[], options: ApiOptions, base: string): Promise<BatchItem[]> {
  const url = `${base}/v1/querybatch`;
  const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: batchBody(queries, items) };
  const parsed = (await requestJson(url, init, options)) as { results?: unknown } | undefined;
  const results = parsed?.results;
  if (!Array.isArray(results) || results.length !== items.length) {
    throw new UsageError(`${url} returned ${Array.isArray(results) ? results.length : 'no'} results for ${items.length} queries`);
  }

  const next: BatchItem[] = [];
  results.forEach((result: BatchResult, position) => {
    const item = items[position] as BatchItem;
    for (const vuln of result?.vulns ?? []) {
      if (typeof vuln?.id === 'string') ids[item.index]?.add(vuln.id);
    }
    if (typeof result?.next_page_token === 'string' && result.next_page_token !== '') {
      next.push({ index: item.index, pageToken: result.next_page_token });
    }
  });
  return next;
}

/** Collect the advisory ids of every query, following page tokens. */
async function queryIds(queries: readonly OsvQuery[], options: ApiOptions, base: string): Promise<Set<string>[]> {
  const ids = queries.map(() => new Set<string>());
  let pending: BatchItem[] = queries.map((_, index) => ({ index }));
  const maxPages = options.maxPages ?? 100;
  for (let round = 0; pending.length > 0; round++) {
    if (round > maxPages) throw new UsageError(`${base}/v1/querybatch: still returning page tokens after ${maxPages} pages`);
    const next: BatchItem[] = [];
    for (let start = 0; start < pending.length; start += QUERY_BATCH_SIZE) {
      next.push(...(await runBatch(queries, pending.slice(start, start + QUERY_BATCH_SIZE), ids, options, base)));
    }
    pending = next;
  }
  return ids;
}

/** Fetch full records by id with bounded concurrency. Ids that return HTTP 404 are left out. */
async function fetchRecords(ids: string[], options: ApiOptions, base: string): Promise<Map<string, OsvRecord>> {
  const records = new Map<string, OsvRecord>();
  let nextIndex = 0;
  let failed = false;
  async function worker(): Promise<void> {
    while (nextIndex < ids.length && !failed) {
      const id = ids[nextIndex++] as string;
      const url = `${base}/v1/vulns/${encodeURIComponent(id)}`;
      const record = await requestJson(url, {}, options).catch((error: unknown) => {
        // Stop the other workers from starting new requests.
        failed = true;
        throw error;
      });
      if (record === undefined) continue;
      const problem = osvRecordProblem(record);
      if (problem !== undefined) throw new UsageError(`${url} returned an invalid OSV record: ${problem}`);
      records.set(id, record as OsvRecord);
    }
  }
  const workers = Math.max(1, Math.min(options.concurrency ?? 8, ids.length));
  await Promise.all(Array.from({ length: workers }, () => worker()));
  return records;
}

/**
 * Most distinct advisories an online scan fetches. Each needs one request,
 * so a server returning hundreds of thousands of ids would keep a scan
 * busy for hours; real projects have hundreds at most.
 */
export const MAX_ADVISORY_IDS = 20_000;

/** A record must carry the id it was fetched by, or one advisory could pose as another. */
function checkRecordIds(records: Map<string, OsvRecord>, base: string): void {
  for (const [id, record] of records) {
    if (record.id !== id) {
      throw new UsageError(`${base}/v1/vulns/${encodeURIComponent(id)} returned a record with id ${JSON.stringify(record.id)}`);
    }
  }
}

/**
 * Return the full OSV records affecting each query's package version, in
 * query order. Throws NetworkUnavailableError when the API cannot be
 * reached or keeps returning HTTP 429 or 5xx.
 */
export async function queryOsvApi(queries: readonly OsvQuery[], options: ApiOptions): Promise<OsvRecord[][]> {
  if (queries.length === 0) return [];
  const base = resolveApiUrl(options.env ?? process.env, options.baseUrl);
  const ids = await queryIds(queries, options, base);
  const distinct = [...new Set(ids.flatMap((set) => [...set]))].sort();
  if (distinct.length > MAX_ADVISORY_IDS) {
    throw new UsageError(
      `${base}/v1/querybatch returned ${distinct.length} advisory ids, more than the ${MAX_ADVISORY_IDS} ` +
        'an online scan fetches one by one; use the local database (rampart db update) instead',
    );
  }
  const records = await fetchRecords(distinct, options, base);
  if (records.size > 0) checkRecordIds(records, base);
  const missing = distinct.filter((id) => !records.has(id));
  if (missing.length > 0) options.onMissing?.(missing);
  return ids.map((set) =>
    [...set].flatMap((id) => {
      const record = records.get(id);
      return record ? [record] : [];
    }),
  );
}
