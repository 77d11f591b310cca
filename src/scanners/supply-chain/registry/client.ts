/**
 * The RegistryClient the supply-chain stage uses: cache first, then the
 * configured npm registry or PyPI indexes, with one request per name even
 * when many callers ask at once, and a bounded number of lookups in flight.
 */
import type { FetchImpl } from '../../../store/http.js';
import type { RegistryArtifact, RegistryClient, RegistryPackage, SupplyEcosystem } from '../types.js';
import type { RegistryCache } from './cache.js';
import type { RegistrySettings } from './config.js';
import { downloadArtifact } from './download.js';
import { lookupNpm, npmRegistryFor } from './npm.js';
import { lookupPypi } from './pypi.js';
import { normalisePackageName } from '../../../store/package-name.js';

export interface RegistryClientOptions {
  settings: RegistrySettings;
  /** Cache that lookups read first and write to. The caller opens and closes it. */
  cache?: RegistryCache;
  /** Never use the network: return fresh cached results only, else presence `unknown` with error `offline`. */
  offline: boolean;
  fetchImpl?: FetchImpl;
  now?: () => Date;
  /** Milliseconds without data before a request fails; 30 s by default. */
  timeoutMs?: number;
  /** Lookups and downloads in flight at once; 16 by default. */
  concurrency?: number;
  /**
   * Query the registry even when the cache has a fresh record, and fall back
   * to the cache only when the registry cannot be reached: right before an
   * install, a release published an hour ago must not be missed.
   */
  preferNetwork?: boolean;
  /** Keep every record for the client's life, so a dependency walk requests each name once. */
  rememberAnswers?: boolean;
  /** Whole-request limit in milliseconds, for tests; 120 s for lookups and 300 s for downloads by default. */
  deadlineMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * Whole-request limits. The inactivity timeout restarts with every byte, so
 * a server that sends one byte every few seconds would otherwise hold a
 * lookup forever.
 */
const LOOKUP_DEADLINE_MS = 120_000;
const DOWNLOAD_DEADLINE_MS = 300_000;
/** npm itself opens up to 15 connections per registry host. */
const DEFAULT_CONCURRENCY = 16;

/** A counting semaphore: at most `limit` tasks run at once, the rest wait in order. */
class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/** Returns the cache key for the registries a result comes from: one URL for npm, every index for PyPI. */
function registryKey(ecosystem: SupplyEcosystem, name: string, settings: RegistrySettings): string {
  if (ecosystem === 'npm') return npmRegistryFor(name, settings.npm);
  return [settings.pypi.index, ...settings.pypi.extraIndexes].join(' ');
}

/** Creates a client over the resolved settings. `close()` aborts requests in flight; it does not close the cache. */
export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const now = options.now ?? (() => new Date());
  const limiter = new Limiter(options.concurrency ?? DEFAULT_CONCURRENCY);
  const inFlight = new Map<string, Promise<RegistryPackage>>();
  // Records of this run, because a dependency walk requests the same names many times.
  const answered = new Map<string, RegistryPackage>();
  const controller = new AbortController();
  const http = { fetchImpl: options.fetchImpl, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal: controller.signal };

  /**
   * Run `task` with a signal that aborts after `ms` or when the client
   * closes. Built by hand: on Node 20 a signal from AbortSignal.any() can be
   * garbage-collected while a request waits, and its abort then never comes.
   */
  async function withDeadline<T>(ms: number, task: (request: typeof http) => Promise<T>): Promise<T> {
    const limit = options.deadlineMs ?? ms;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error(`no complete response within ${Math.round(limit / 1000)} s`)), limit);
    const forward = (): void => deadline.abort(controller.signal.reason);
    controller.signal.addEventListener('abort', forward, { once: true });
    try {
      return await task({ ...http, signal: deadline.signal });
    } finally {
      clearTimeout(timer);
      controller.signal.removeEventListener('abort', forward);
    }
  }

  async function ask(ecosystem: SupplyEcosystem, name: string, key: string): Promise<RegistryPackage> {
    const answer = await limiter.run(() =>
      withDeadline(LOOKUP_DEADLINE_MS, (request) =>
        ecosystem === 'npm' ? lookupNpm(name, options.settings.npm, request) : lookupPypi(name, options.settings.pypi, request),
      ),
    );
    const result: RegistryPackage = { ...answer, fetchedAt: now().toISOString() };
    try {
      options.cache?.put(key, result);
    } catch {
      // An unwritable cache costs a repeated request next time, nothing more, so the answer is still returned.
    }
    return result;
  }

  async function fetchAnswer(ecosystem: SupplyEcosystem, name: string, key: string, version: string | undefined): Promise<RegistryPackage> {
    const cached = options.cache?.get(ecosystem, key, name, now());
    // A cached answer without the version asked for predates its release.
    const usable = cached !== undefined && (version === undefined || cached.versions.some((entry) => entry.version === version));
    if (options.offline) {
      if (cached !== undefined) return cached;
      const registry = ecosystem === 'npm' ? key : options.settings.pypi.index;
      return { ecosystem, name, registry, presence: 'unknown', error: 'offline', versions: [], fetchedAt: now().toISOString() };
    }
    if (usable && !options.preferNetwork) return cached;
    const answer = await ask(ecosystem, name, key);
    return answer.presence === 'unknown' && cached !== undefined ? cached : answer;
  }

  return {
    lookup(ecosystem, name, version) {
      const key = registryKey(ecosystem, name, options.settings);
      const flightKey = `${ecosystem}\n${key}\n${normalisePackageName(ecosystem, name)}`;
      const known = answered.get(flightKey);
      if (known !== undefined && (version === undefined || known.versions.some((entry) => entry.version === version))) {
        return Promise.resolve({ ...known, name });
      }
      const pending = inFlight.get(flightKey);
      if (pending !== undefined) return pending.then((answer) => ({ ...answer, name }));
      const promise = fetchAnswer(ecosystem, name, key, version)
        .then((answer) => {
          if (options.rememberAnswers && answer.presence !== 'unknown') answered.set(flightKey, answer);
          return answer;
        })
        .finally(() => inFlight.delete(flightKey));
      inFlight.set(flightKey, promise);
      return promise;
    },
    download(artifact: RegistryArtifact, maxBytes: number) {
      if (options.offline) return Promise.reject(new Error(`offline: cannot download ${artifact.url}`));
      const auth = [...options.settings.npm.auth, ...options.settings.pypi.auth];
      return limiter.run(() => withDeadline(DOWNLOAD_DEADLINE_MS, (request) => downloadArtifact(artifact, maxBytes, auth, request)));
    },
    close() {
      controller.abort(new Error('registry client closed'));
    },
  };
}
