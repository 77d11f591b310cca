/**
 * HTTP plumbing shared by the OSV download and the OSV API client: typed
 * errors for unreachable services, an inactivity timeout and size-limited
 * body reading. Uses the global fetch unless a test injects another.
 */
import { UsageError } from '../core/errors.js';

export type FetchImpl = typeof fetch;

/**
 * The service could not be used right now: connection refused, DNS failure,
 * timeout, a connection dropped mid-response, or an HTTP 429 or 5xx status.
 * Callers that can go on without the service warn instead of failing. It
 * extends UsageError, so the CLI prints it as one line with exit code 2.
 */
export class NetworkUnavailableError extends UsageError {
  constructor(
    readonly url: string,
    detail: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`cannot reach ${url}: ${detail}`, options);
    this.name = 'NetworkUnavailableError';
  }
}

/** An HTTP status that retrying will not fix, such as 404 or 403. */
export class HttpStatusError extends UsageError {
  constructor(
    readonly url: string,
    readonly status: number,
    statusText: string,
  ) {
    super(`${url} returned HTTP ${status}${statusText ? ` ${statusText}` : ''}`);
    this.name = 'HttpStatusError';
  }
}

/** Throw the matching error for a response that is neither 2xx nor an expected status. */
export function checkStatus(response: Response, url: string): void {
  if (response.ok) return;
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (response.status === 429 || response.status >= 500) {
    throw new NetworkUnavailableError(url, `server returned ${status}`, response.status);
  }
  throw new HttpStatusError(url, response.status, response.statusText);
}

/**
 * An abort signal that fires after `ms` without activity or when `parent`
 * aborts. Calling touch() on each received chunk restarts the countdown,
 * so a large download on a slow but live connection is not cut off.
 */
export class InactivityTimeout {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  timedOut = false;

  constructor(
    readonly ms: number,
    private readonly parent?: AbortSignal,
  ) {
    if (parent?.aborted) this.controller.abort(parent.reason);
    parent?.addEventListener('abort', this.onParentAbort, { once: true });
    this.touch();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new Error(`no data for ${this.ms} ms`));
    }, this.ms);
  }

  clear(): void {
    clearTimeout(this.timer);
    this.parent?.removeEventListener('abort', this.onParentAbort);
  }

  private readonly onParentAbort = (): void => {
    this.controller.abort(this.parent?.reason);
  };
}

function causeMessage(error: unknown): string {
  let current: unknown = error;
  // undici wraps the socket error: TypeError('fetch failed', { cause: Error('connect ECONNREFUSED ...') }).
  for (let depth = 0; depth < 4 && current instanceof Error && current.cause instanceof Error; depth++) {
    current = current.cause;
  }
  return current instanceof Error ? current.message : String(current);
}

/**
 * Turn a rejected fetch or body read into NetworkUnavailableError, except
 * an abort the caller requested, whose reason is thrown as it is.
 */
export function networkError(url: string, error: unknown, timeout: InactivityTimeout, parent?: AbortSignal): Error {
  if (parent?.aborted) return parent.reason instanceof Error ? parent.reason : new Error('aborted');
  if (error instanceof UsageError) return error;
  if (timeout.timedOut) return new NetworkUnavailableError(url, `timed out after ${timeout.ms} ms without data`);
  return new NetworkUnavailableError(url, causeMessage(error), undefined, { cause: error });
}

export interface RequestOptions {
  fetchImpl?: FetchImpl;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Send a request and return the response once its headers arrive. The
 * returned timeout keeps running for the body; the caller clears it.
 */
export async function sendRequest(
  url: string,
  init: RequestInit,
  options: RequestOptions,
): Promise<{ response: Response; timeout: InactivityTimeout }> {
  const timeout = new InactivityTimeout(options.timeoutMs, options.signal);
  try {
    const response = await (options.fetchImpl ?? fetch)(url, { ...init, signal: timeout.signal });
    timeout.touch();
    return { response, timeout };
  } catch (error) {
    timeout.clear();
    throw networkError(url, error, timeout, options.signal);
  }
}

/** Read a response body as bytes, failing once it exceeds `maxBytes`. */
export async function readBytesLimited(
  response: Response,
  url: string,
  maxBytes: number,
  timeout: InactivityTimeout,
  parent?: AbortSignal,
): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      timeout.touch();
      size += (chunk as Uint8Array).byteLength;
      if (size > maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw new UsageError(`${url}: response is larger than ${maxBytes} bytes`);
      }
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
  } catch (error) {
    throw networkError(url, error, timeout, parent);
  }
  return Buffer.concat(chunks);
}

/** Read a response body as text, failing once it exceeds `maxBytes`. */
export async function readTextLimited(
  response: Response,
  url: string,
  maxBytes: number,
  timeout: InactivityTimeout,
  parent?: AbortSignal,
): Promise<string> {
  return (await readBytesLimited(response, url, maxBytes, timeout, parent)).toString('utf8');
}
