/**
 * GET requests to registries on top of src/store/http.ts, with bodies
 * read up to a byte limit. Redirects are followed here rather than by
 * fetch, so the Authorization header is chosen again for every hop and
 * never follows a redirect to another host.
 */
import { UsageError } from '../../../core/errors.js';
import {
  readBytesLimited,
  readTextLimited,
  sendRequest,
  type FetchImpl,
  type InactivityTimeout,
} from '../../../store/http.js';
import { authorizationFor, type AuthRule } from './auth.js';

/** Redirects followed per request, as many as npm and pip need in practice. */
const MAX_REDIRECTS = 5;

export interface RegistryRequestOptions {
  accept: string;
  auth: readonly AuthRule[];
  fetchImpl?: FetchImpl;
  /** Milliseconds without data before the request fails. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface RegistryResponse {
  response: Response;
  timeout: InactivityTimeout;
  /** The URL that sent the response, after redirects. */
  url: string;
}

function redirectTarget(response: Response, url: string): string | undefined {
  if (response.status < 300 || response.status >= 400 || response.status === 304) return undefined;
  const location = response.headers.get('location');
  if (!location) return undefined;
  try {
    const next = new URL(location, url);
    return next.protocol === 'http:' || next.protocol === 'https:' ? next.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sends a GET and returns the response once its headers arrive, whatever
 * its status. Throws NetworkUnavailableError when the server cannot be
 * reached and UsageError after too many redirects. The caller reads the
 * body and clears the returned timeout.
 */
export async function registryGet(url: string, options: RegistryRequestOptions): Promise<RegistryResponse> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = { Accept: options.accept, 'User-Agent': 'rampart' };
    const authorization = authorizationFor(current, options.auth);
    if (authorization !== undefined) headers.Authorization = authorization;
    const sent = await sendRequest(current, { headers, redirect: 'manual' }, options);
    const next = redirectTarget(sent.response, current);
    if (next === undefined) return { ...sent, url: current };
    sent.timeout.clear();
    await sent.response.body?.cancel().catch(() => undefined);
    if (hop >= MAX_REDIRECTS) throw new UsageError(`${url}: more than ${MAX_REDIRECTS} redirects`);
    current = next;
  }
}

/** Reads a body as text of at most `maxBytes`, then clears the timeout. */
export async function readRegistryText(sent: RegistryResponse, maxBytes: number, signal?: AbortSignal): Promise<string> {
  try {
    return await readTextLimited(sent.response, sent.url, maxBytes, sent.timeout, signal);
  } finally {
    sent.timeout.clear();
  }
}

/**
 * Reads a body as bytes, failing as soon as it exceeds `maxBytes` (or when
 * Content-Length announces more), then clears the timeout.
 */
export async function readRegistryBytes(sent: RegistryResponse, maxBytes: number, signal?: AbortSignal): Promise<Buffer> {
  const { response, url, timeout } = sent;
  try {
    const announced = Number(response.headers.get('content-length') ?? NaN);
    if (announced > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new UsageError(`${url}: response is larger than ${maxBytes} bytes`);
    }
    return await readBytesLimited(response, url, maxBytes, timeout, signal);
  } finally {
    timeout.clear();
  }
}

/** Discards a body that will not be read, so the connection is released. */
export async function discardBody(sent: RegistryResponse): Promise<void> {
  sent.timeout.clear();
  await sent.response.body?.cancel().catch(() => undefined);
}
