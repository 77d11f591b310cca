/**
 * Download of OSV's per-ecosystem exports (`<base>/<ecosystem>/all.zip`,
 * the layout of OSV's public bucket) into the advisory database. Each
 * export replaces its source in one transaction, and a conditional request
 * makes an unchanged export cost one HTTP 304.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { UsageError } from '../../core/errors.js';
import type { AdvisoryDatabase, ImportStats } from '../../store/advisory-db.js';
import {
  checkStatus,
  NetworkUnavailableError,
  networkError,
  sendRequest,
  type FetchImpl,
  type InactivityTimeout,
} from '../../store/http.js';
import type { ZipLimits } from '../../store/zip-entries.js';
import { readOsvRecords, type InvalidRecord } from './osv-import.js';
import type { Ecosystem } from './types.js';

export { HttpStatusError, NetworkUnavailableError } from '../../store/http.js';

export const DEFAULT_OSV_DOWNLOAD_URL = 'https://osv-vulnerabilities.storage.googleapis.com';

/** A guard against an endless response; OSV's largest export is far smaller. */
const DEFAULT_MAX_DOWNLOAD_BYTES = 4 * 1024 * 1024 * 1024;

export interface DownloadProgress {
  ecosystem: Ecosystem;
  /** Bytes of the archive received so far. */
  received: number;
  /** Content-Length of the archive, when the server sent it. */
  total?: number;
}

export interface UpdateOptions {
  /** Base URL of the exports; undefined means $RAMPART_OSV_DOWNLOAD_URL, else OSV's bucket. */
  baseUrl?: string;
  ecosystems: readonly Ecosystem[];
  fetchImpl?: FetchImpl;
  onProgress?: (progress: DownloadProgress) => void;
  onInvalid?: (problem: InvalidRecord) => void;
  /** Maximum wait for the response or for the next chunk of the body, in ms. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Folder of the temporary archive; defaults to the database's folder. */
  tempDir?: string;
  limits?: ZipLimits;
  maxDownloadBytes?: number;
  /** Environment for RAMPART_OSV_DOWNLOAD_URL; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface EcosystemUpdate {
  ecosystem: Ecosystem;
  url: string;
  /** `unchanged` when the server returned 304 Not Modified. */
  status: 'updated' | 'unchanged';
  /** Size of the downloaded archive; 0 when unchanged. */
  bytes: number;
  stats?: ImportStats;
}

/** Return the export base URL: `explicit`, else $RAMPART_OSV_DOWNLOAD_URL, else OSV's bucket; without a trailing `/`. */
export function resolveDownloadUrl(env: NodeJS.ProcessEnv, explicit?: string): string {
  const base = explicit || env.RAMPART_OSV_DOWNLOAD_URL || DEFAULT_OSV_DOWNLOAD_URL;
  return base.endsWith('/') ? base.slice(0, -1) : base;
}

/** Return the URL of one ecosystem's export. */
export function exportUrl(baseUrl: string, ecosystem: Ecosystem): string {
  return `${resolveDownloadUrl({}, baseUrl)}/${encodeURIComponent(ecosystem)}/all.zip`;
}

function conditionalHeaders(db: AdvisoryDatabase, sourceName: string, url: string): Record<string, string> {
  const stored = db.getSource(sourceName);
  // Validators from another URL (a changed base) do not apply to this one.
  if (!stored || stored.url !== url) return {};
  const headers: Record<string, string> = {};
  if (stored.etag) headers['If-None-Match'] = stored.etag;
  if (stored.lastModified) headers['If-Modified-Since'] = stored.lastModified;
  return headers;
}

interface SaveContext {
  url: string;
  ecosystem: Ecosystem;
  timeout: InactivityTimeout;
  options: UpdateOptions;
}

/** Stream the response body to `file`; returns the number of bytes written. */
async function saveBody(response: Response, file: string, context: SaveContext): Promise<number> {
  const { url, ecosystem, timeout, options } = context;
  const maxBytes = options.maxDownloadBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  const lengthHeader = response.headers.get('content-length');
  const total = lengthHeader !== null && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
  if (!response.body) throw new NetworkUnavailableError(url, 'response has no body');
  let received = 0;

  async function* count(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of source) {
        timeout.touch();
        received += chunk.length;
        if (received > maxBytes) throw new UsageError(`${url}: download is larger than ${maxBytes} bytes`);
        options.onProgress?.(total === undefined ? { ecosystem, received } : { ecosystem, received, total });
        yield chunk;
      }
    } catch (error) {
      throw networkError(url, error, timeout, options.signal);
    }
  }

  const output = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  let writeError: NodeJS.ErrnoException | undefined;
  output.on('error', (error) => {
    writeError = error;
  });
  try {
    const body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
    await pipeline(body, count, output);
  } catch (error) {
    if (writeError) {
      throw new UsageError(`cannot write the download to ${file}: ${writeError.code ?? writeError.message}`, {
        cause: writeError,
      });
    }
    // The body's own errors (a dropped connection) can end the pipeline
    // before they pass through `count`.
    const mapped = networkError(url, error, timeout, options.signal);
    if (!(mapped instanceof NetworkUnavailableError) || timeout.timedOut) throw mapped;
    throw new NetworkUnavailableError(url, `connection lost after ${received} bytes (${(error as Error).message})`);
  }
  // A compressed transfer's Content-Length counts compressed bytes, so only
  // an uncompressed one can be checked against it.
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  if (total !== undefined && !encoded && received !== total) {
    throw new NetworkUnavailableError(url, `download ended after ${received} of ${total} bytes`);
  }
  return received;
}

async function updateEcosystem(db: AdvisoryDatabase, ecosystem: Ecosystem, baseUrl: string, options: UpdateOptions): Promise<EcosystemUpdate> {
  const url = exportUrl(baseUrl, ecosystem);
  const sourceName = `osv:${ecosystem}`;
  const headers = conditionalHeaders(db, sourceName, url);
  const { response, timeout } = await sendRequest(url, { headers }, options);
  try {
    if (response.status === 304) {
      await response.body?.cancel().catch(() => undefined);
      db.touchSource(sourceName);
      return { ecosystem, url, status: 'unchanged', bytes: 0 };
    }
    checkStatus(response, url);

    const dir = options.tempDir ?? dirname(db.path);
    const file = join(dir, `.osv-${ecosystem}-${process.pid}-${randomBytes(4).toString('hex')}.zip.part`);
    try {
      const bytes = await saveBody(response, file, { url, ecosystem, timeout, options });
      timeout.clear();
      const records = readOsvRecords(file, { label: url, limits: options.limits, onInvalid: options.onInvalid });
      const source = {
        name: sourceName,
        url,
        etag: response.headers.get('etag') ?? undefined,
        lastModified: response.headers.get('last-modified') ?? undefined,
      };
      const stats = await db.importRecordStream(records, source, { replace: true });
      return { ecosystem, url, status: 'updated', bytes, stats };
    } finally {
      rmSync(file, { force: true });
    }
  } finally {
    timeout.clear();
  }
}

/**
 * Download and import the export of each ecosystem in turn. Throws
 * NetworkUnavailableError when the server cannot be reached (or returns
 * HTTP 429 or 5xx), HttpStatusError for other failed statuses, and UsageError
 * for a broken archive. Ecosystems finished before the error stay imported;
 * the one that failed keeps its previous records.
 */
export async function updateFromOsv(db: AdvisoryDatabase, options: UpdateOptions): Promise<EcosystemUpdate[]> {
  const baseUrl = resolveDownloadUrl(options.env ?? process.env, options.baseUrl);
  const results: EcosystemUpdate[] = [];
  for (const ecosystem of options.ecosystems) {
    results.push(await updateEcosystem(db, ecosystem, baseUrl, options));
  }
  return results;
}
