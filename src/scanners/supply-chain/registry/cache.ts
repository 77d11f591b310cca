/**
 * SQLite cache of registry lookup results (better-sqlite3), keyed by
 * ecosystem, registry URL and normalised package name. Only `present` and
 * `absent` results are stored, because an `unknown` result carries nothing
 * about the package. Stored URLs have their user name and password removed.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { UsageError } from '../../../core/errors.js';
import { normalisePackageName } from '../../../store/package-name.js';
import type { RegistryPackage, SupplyEcosystem } from '../types.js';
import { withoutUserinfo } from './urls.js';

export interface RegistryCacheOptions {
  /** Milliseconds a `present` result stays fresh; 24 hours by default. */
  presentTtlMs?: number;
  /** Milliseconds an `absent` result stays fresh; 1 hour by default, so a newly published package is seen soon. */
  absentTtlMs?: number;
}

const HOUR_MS = 60 * 60 * 1000;
const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS registry_packages (
  ecosystem TEXT NOT NULL,
  registry TEXT NOT NULL,
  name TEXT NOT NULL,
  presence TEXT NOT NULL,
  fetched_at INTEGER NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (ecosystem, registry, name)
) WITHOUT ROWID;
`;

interface Row {
  presence: string;
  fetched_at: number;
  json: string;
}

function cacheError(path: string, error: unknown): UsageError {
  const code = (error as { code?: unknown }).code;
  const detail = (error as Error).message;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new UsageError(`registry cache ${path} is not a valid SQLite database (${detail}); delete it and Rampart creates a new one`, { cause: error });
  }
  return new UsageError(`cannot use registry cache ${path}: ${detail}; delete it if the problem persists`, { cause: error });
}

/** Returns a copy fit for storage: no credentials in URLs and no `fromCache` flag. */
function storable(pkg: RegistryPackage): RegistryPackage {
  const copy = structuredClone(pkg) as RegistryPackage & { indexes?: string[] };
  delete copy.fromCache;
  copy.registry = withoutUserinfo(copy.registry);
  if (Array.isArray(copy.indexes)) copy.indexes = copy.indexes.map(withoutUserinfo);
  for (const version of copy.versions) {
    for (const artifact of version.artifacts) artifact.url = withoutUserinfo(artifact.url);
  }
  return copy;
}

export class RegistryCache {
  private readonly db: Database.Database;
  private readonly presentTtlMs: number;
  private readonly absentTtlMs: number;
  private readonly select: Database.Statement<[string, string, string], Row>;
  private readonly upsert: Database.Statement<[string, string, string, string, number, string]>;

  /**
   * Opens or creates the cache file, creating its folder. Throws UsageError
   * naming the file when it is not a usable SQLite database.
   */
  constructor(
    readonly path: string,
    options: RegistryCacheOptions = {},
  ) {
    this.presentTtlMs = options.presentTtlMs ?? 24 * HOUR_MS;
    this.absentTtlMs = options.absentTtlMs ?? HOUR_MS;
    try {
      mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path, { timeout: 5000 });
    } catch (error) {
      throw cacheError(path, error);
    }
    try {
      const version = this.db.pragma('user_version', { simple: true }) as number;
      if (version !== 0 && version !== SCHEMA_VERSION) {
        throw new UsageError(`registry cache ${path} has schema version ${version}, not ${SCHEMA_VERSION}; delete it and Rampart creates a new one`);
      }
      // A cache can be rebuilt, so each write need not wait for the disk: a
      // cold scan writes thousands of records, and a sync per write cost
      // most of its time (bench/supply-chain.ts).
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(SCHEMA);
      if (version === 0) this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
      this.select = this.db.prepare('SELECT presence, fetched_at, json FROM registry_packages WHERE ecosystem = ? AND registry = ? AND name = ?');
      this.upsert = this.db.prepare(
        'INSERT OR REPLACE INTO registry_packages (ecosystem, registry, name, presence, fetched_at, json) VALUES (?, ?, ?, ?, ?, ?)',
      );
    } catch (error) {
      this.db.close();
      throw error instanceof UsageError ? error : cacheError(path, error);
    }
  }

  /**
   * Returns the stored result for the name when it is still fresh at `now`,
   * with `name` set to the requested spelling and `fromCache` set. Returns
   * undefined when there is none, it expired, or the row cannot be parsed.
   */
  get(ecosystem: SupplyEcosystem, registry: string, name: string, now: Date): RegistryPackage | undefined {
    let row: Row | undefined;
    try {
      row = this.select.get(ecosystem, withoutUserinfo(registry), normalisePackageName(ecosystem, name));
    } catch (error) {
      throw cacheError(this.path, error);
    }
    if (row === undefined) return undefined;
    const ttl = row.presence === 'present' ? this.presentTtlMs : this.absentTtlMs;
    const age = now.getTime() - row.fetched_at;
    if (age < 0 || age >= ttl) return undefined;
    try {
      const stored = JSON.parse(row.json) as RegistryPackage;
      return { ...stored, name, fromCache: true };
    } catch {
      return undefined;
    }
  }

  /**
   * Stores a result under `registry` (the URL, or list of URLs, that
   * produced it). `unknown` results are not stored. Throws UsageError when
   * the file cannot be written.
   */
  put(registry: string, pkg: RegistryPackage): void {
    if (pkg.presence === 'unknown') return;
    const fetched = Date.parse(pkg.fetchedAt);
    if (Number.isNaN(fetched)) return;
    const key = normalisePackageName(pkg.ecosystem, pkg.name);
    try {
      this.upsert.run(pkg.ecosystem, withoutUserinfo(registry), key, pkg.presence, fetched, JSON.stringify(storable(pkg)));
    } catch (error) {
      throw cacheError(this.path, error);
    }
  }

  close(): void {
    this.db.close();
  }
}
