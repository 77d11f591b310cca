/**
 * The advisory source of a scan: the local SQLite database (updated first
 * when it is missing or stale and downloads are allowed) or, in online
 * mode, the OSV API. A missing database is not a failure: the scan warns
 * and reports the inventory without vulnerabilities.
 */
import { existsSync, rmSync } from 'node:fs';
import type { DepsSettings } from '../../core/config-types.js';
import type { AdvisorySourceInfo } from '../../core/report-types.js';
import { ScannerFailure } from '../../core/scanner.js';
import { AdvisoryDatabase } from '../../store/advisory-db.js';
import { defaultAdvisoryDbPath } from '../../store/cache-dir.js';
import { UsageError } from '../../core/errors.js';
import { queryOsvApi } from './osv-api.js';
import { updateFromOsv } from './osv-download.js';
import type { OsvRecord } from './osv-types.js';
import type { Ecosystem } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Maximum time a scan waits for advisory downloads before going on without them. */
const UPDATE_DEADLINE_MS = 15 * 60 * 1000;

export interface PackageQuery {
  ecosystem: Ecosystem;
  name: string;
  version: string;
}

export interface Advisories {
  info: AdvisorySourceInfo;
  warnings: string[];
  /** Candidate records per package, keyed by `packageKey`; matching versions is the caller's job. */
  recordsFor(queries: PackageQuery[]): Promise<Map<string, OsvRecord[]>>;
  close(): void;
}

export function packageKey(ecosystem: string, name: string): string {
  return `${ecosystem}\0${name}`;
}

/** Return the database path a scan uses: the configured one, else osv.sqlite in the cache directory. */
export function databasePath(settings: DepsSettings): string {
  return settings.db ?? defaultAdvisoryDbPath(process.env);
}

/** Open the advisory source for a scan of packages in `ecosystems`. */
export async function openAdvisories(
  settings: DepsSettings,
  ecosystems: Ecosystem[],
  progress?: (message: string) => void,
): Promise<Advisories> {
  if (settings.online) return onlineAdvisories(settings);
  const path = databasePath(settings);
  const warnings: string[] = [];
  let updateFailure: string | undefined;
  if (!settings.offline && settings.autoUpdate && ecosystems.length > 0) {
    const stale = staleEcosystems(path, ecosystems, settings.maxDbAgeDays);
    if (stale.length > 0) updateFailure = await tryUpdate(path, stale, settings, progress);
  }
  if (!existsSync(path)) {
    // One warning reports both that the database is missing and why it could not be fetched.
    const why = updateFailure === undefined ? '' : ` and the download failed (${updateFailure})`;
    warnings.push(
      `no advisory database at ${path}${why}, so dependencies were not checked for vulnerabilities; ` +
        'run "rampart db update" when online, or "rampart db import FILE" offline',
    );
    return noAdvisories(warnings);
  }
  if (updateFailure !== undefined) warnings.push(`could not update the advisory database: ${updateFailure}`);
  return databaseAdvisories(path, ecosystems, settings.maxDbAgeDays, warnings);
}

/** Ecosystems whose export is missing from the database or older than `maxAgeDays`. */
function staleEcosystems(path: string, ecosystems: Ecosystem[], maxAgeDays: number): Ecosystem[] {
  if (!existsSync(path)) return ecosystems;
  const db = AdvisoryDatabase.open(path, { readonly: true });
  try {
    const updated = sourceUpdates(db);
    const limit = Date.now() - maxAgeDays * DAY_MS;
    return ecosystems.filter((ecosystem) => (updated.get(ecosystem) ?? 0) < limit);
  } finally {
    db.close();
  }
}

/** Time of the last download (or import) that covered each ecosystem, in ms. */
function sourceUpdates(db: AdvisoryDatabase): Map<string, number> {
  const updated = new Map<string, number>();
  for (const source of db.sources()) {
    const time = Date.parse(source.updatedAt);
    for (const ecosystem of source.ecosystems) {
      updated.set(ecosystem, Math.max(updated.get(ecosystem) ?? 0, time));
    }
  }
  return updated;
}

async function tryUpdate(
  path: string,
  ecosystems: Ecosystem[],
  settings: DepsSettings,
  progress?: (message: string) => void,
): Promise<string | undefined> {
  const existing = DATABASE_FILES.filter((suffix) => existsSync(`${path}${suffix}`));
  const db = AdvisoryDatabase.open(path);
  let failure: string | undefined;
  try {
    const options: Parameters<typeof updateFromOsv>[1] = {
      ecosystems,
      // An inactivity limit, restarted by every chunk received; the signal
      // bounds the whole update against a server that trickles bytes.
      timeoutMs: 30_000,
      signal: AbortSignal.timeout(UPDATE_DEADLINE_MS),
    };
    // Unset means RAMPART_OSV_DOWNLOAD_URL, then OSV's public bucket.
    if (settings.downloadUrl) options.baseUrl = settings.downloadUrl;
    if (progress) options.onProgress = (event) => progress(describeProgress(event));
    await updateFromOsv(db, options);
  } catch (error) {
    // Network failures, HTTP errors, broken archives and a database locked
    // by another update all leave the database as it was; the scan goes on
    // with it and reports why.
    const locked = (error as { code?: unknown }).code === 'SQLITE_BUSY';
    if (!(error instanceof UsageError) && !locked) throw error;
    failure = locked ? 'another process is updating it' : (error as Error).message;
  } finally {
    db.close();
  }
  // A first download that failed leaves no empty database behind, so the
  // next scan still reports the database as missing. Only files this update
  // created are removed.
  if (failure && !existing.includes('')) {
    for (const suffix of DATABASE_FILES) {
      if (!existing.includes(suffix)) rmSync(`${path}${suffix}`, { force: true });
    }
  }
  return failure;
}

/** The database file and SQLite's companion files, as suffixes of its path. */
const DATABASE_FILES = ['', '-wal', '-shm', '-journal'];

function describeProgress(event: { ecosystem: string; received: number; total?: number }): string {
  const mib = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
  const total = event.total ? ` of ${mib(event.total)} MiB` : ' MiB';
  return `downloading ${event.ecosystem} advisories: ${mib(event.received)}${total}`;
}

function databaseAdvisories(
  path: string,
  ecosystems: Ecosystem[],
  maxAgeDays: number,
  warnings: string[],
): Advisories {
  const db = AdvisoryDatabase.open(path, { readonly: true });
  const updated = sourceUpdates(db);
  const times = ecosystems.map((ecosystem) => updated.get(ecosystem) ?? 0);
  const oldest = times.length > 0 ? Math.min(...times) : Date.now();
  const missing = ecosystems.filter((ecosystem) => !updated.has(ecosystem));
  if (missing.length > 0) {
    warnings.push(`the advisory database has no ${missing.join(', ')} advisories; those packages were not checked`);
  } else if (oldest < Date.now() - maxAgeDays * DAY_MS) {
    const days = Math.floor((Date.now() - oldest) / DAY_MS);
    warnings.push(`the advisory database is ${days} days old (limit ${maxAgeDays}); run "rampart db update"`);
  }

  const info: AdvisorySourceInfo = { mode: 'database', database: path, records: db.recordCount() };
  if (oldest > 0 && times.length > 0) info.updatedAt = new Date(oldest).toISOString();
  return {
    info,
    warnings,
    recordsFor: async (queries) => {
      const found = new Map<string, OsvRecord[]>();
      for (const ecosystem of new Set(queries.map((query) => query.ecosystem))) {
        const names = [...new Set(queries.filter((q) => q.ecosystem === ecosystem).map((q) => q.name))];
        for (const [name, records] of db.lookup(ecosystem, names)) {
          found.set(packageKey(ecosystem, name), records);
        }
      }
      return found;
    },
    close: () => db.close(),
  };
}

function onlineAdvisories(settings: DepsSettings): Advisories {
  const warnings: string[] = [];
  return {
    info: { mode: 'online' },
    warnings,
    recordsFor: async (queries) => {
      let answers: OsvRecord[][];
      try {
        const options: Parameters<typeof queryOsvApi>[1] = {
          timeoutMs: 30_000,
          signal: AbortSignal.timeout(UPDATE_DEADLINE_MS),
          onMissing: (ids) => {
            const shown = ids.slice(0, 10).join(', ') + (ids.length > 10 ? `, and ${ids.length - 10} more` : '');
            const noun = ids.length === 1 ? 'advisory' : 'advisories';
            warnings.push(`the OSV API listed ${ids.length} ${noun} it then could not return (${shown}); they were not checked`);
          },
        };
        if (settings.apiUrl) options.baseUrl = settings.apiUrl;
        answers = await queryOsvApi(queries, options);
      } catch (error) {
        if (error instanceof UsageError) {
          throw new ScannerFailure('deps', `--online: ${error.message}; drop --online to use the local database`);
        }
        throw error;
      }
      const found = new Map<string, OsvRecord[]>();
      queries.forEach((query, index) => {
        const key = packageKey(query.ecosystem, query.name);
        const merged = new Map((found.get(key) ?? []).map((record) => [record.id, record]));
        for (const record of answers[index] ?? []) merged.set(record.id, record);
        found.set(key, [...merged.values()]);
      });
      return found;
    },
    close: () => undefined,
  };
}

function noAdvisories(warnings: string[]): Advisories {
  return {
    info: { mode: 'none' },
    warnings,
    recordsFor: async () => new Map(),
    close: () => undefined,
  };
}
