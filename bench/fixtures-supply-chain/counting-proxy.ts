/**
 * A counting HTTP proxy on 127.0.0.1 in front of the benchmark's Verdaccio:
 * it forwards every request unchanged (the Host header too, so Verdaccio
 * writes tarball URLs that lead back through the proxy) and records each
 * request's kind, status and time to the last byte of the response, and the
 * largest number in flight at once.
 */
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export type RequestKind = 'packument' | 'tarball' | 'other';

export interface RecordedRequest {
  kind: RequestKind;
  status: number;
  /** Milliseconds from the request's arrival to the end of Verdaccio's response. */
  milliseconds: number;
}

export interface CountingProxy {
  /** Proxy URL, `http://127.0.0.1:<port>/`. */
  url: string;
  /** Return the requests recorded since the last call, and the peak in flight, and start counting anew. */
  take(): { requests: RecordedRequest[]; peakInFlight: number };
  stop(): Promise<void>;
}

function kindOf(method: string | undefined, path: string): RequestKind {
  if (method !== 'GET') return 'other';
  if (path.includes('/-/') && path.endsWith('.tgz')) return 'tarball';
  return path.startsWith('/-/') ? 'other' : 'packument';
}

/** Start a proxy that forwards to `upstream` (`http://127.0.0.1:<port>/`). */
export async function startCountingProxy(upstream: string): Promise<CountingProxy> {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let requests: RecordedRequest[] = [];
  let inFlight = 0;
  let peakInFlight = 0;

  const forward = (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    const started = performance.now();
    const path = incoming.url ?? '/';
    inFlight += 1;
    peakInFlight = Math.max(peakInFlight, inFlight);
    const finish = (status: number): void => {
      inFlight -= 1;
      requests.push({ kind: kindOf(incoming.method, path), status, milliseconds: performance.now() - started });
    };
    const upstreamRequest = httpRequest(
      { host: target.hostname, port: target.port, method: incoming.method, path, headers: incoming.headers, agent },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
        response.on('end', () => finish(response.statusCode ?? 502));
      },
    );
    upstreamRequest.on('error', (error) => {
      finish(502);
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(`proxy: ${error.message}`);
    });
    incoming.pipe(upstreamRequest);
  };

  const server = createServer(forward);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    take() {
      const taken = { requests, peakInFlight };
      requests = [];
      peakInFlight = inFlight;
      return taken;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
