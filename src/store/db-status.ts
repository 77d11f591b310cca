/** The summary that `rampart db status` prints. */
import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { ECOSYSTEMS, type Ecosystem } from '../scanners/deps/types.js';
import { isEcosystem } from './package-name.js';

export interface SourceStatus {
  /** `osv:<ecosystem>` or `import:<path>`. */
  name: string;
  url?: string;
  etag?: string;
  lastModified?: string;
  /** ISO time of the last import or of the last check that found the export unchanged. */
  updatedAt: string;
  /** Records this source delivered that are still stored. */
  recordCount: number;
  /** Ecosystems with at least one indexed package among those records. */
  ecosystems: Ecosystem[];
  /** Seconds between updatedAt and the time of the status call. */
  ageSeconds: number;
}

export interface DbStatus {
  path: string;
  schemaVersion: number;
  sources: SourceStatus[];
  totalRecords: number;
  /** Withdrawn records are stored but never returned by lookups. */
  withdrawnRecords: number;
  /** Records that affect at least one package of each ecosystem. */
  ecosystems: Record<Ecosystem, number>;
  /** Size of the database file and its write-ahead log. */
  sizeBytes: number;
  /** The oldest `updatedAt` among the sources, when there is one. */
  oldestUpdate?: string;
}

interface SourceRow {
  name: string;
  url: string | null;
  etag: string | null;
  last_modified: string | null;
  updated_at: string;
  live_count: number;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function toSourceStatus(row: SourceRow, ecosystems: Ecosystem[], now: Date): SourceStatus {
  const updated = Date.parse(row.updated_at);
  const ageSeconds = Number.isFinite(updated) ? Math.max(0, Math.round((now.getTime() - updated) / 1000)) : 0;
  const status: SourceStatus = {
    name: row.name,
    updatedAt: row.updated_at,
    recordCount: row.live_count,
    ecosystems,
    ageSeconds,
  };
  if (row.url !== null) status.url = row.url;
  if (row.etag !== null) status.etag = row.etag;
  if (row.last_modified !== null) status.lastModified = row.last_modified;
  return status;
}

/**
 * List the ecosystems a source covers: those of its indexed records, plus
 * the ecosystem named in `osv:<ecosystem>`, which counts even when its
 * export was empty.
 */
function sourceEcosystems(name: string, covered: Database.Statement<[string], { ecosystem: Ecosystem }>): Ecosystem[] {
  const found = new Set(covered.all(name).map((entry) => entry.ecosystem));
  const named = name.startsWith('osv:') ? name.slice('osv:'.length) : '';
  if (isEcosystem(named)) found.add(named);
  return ECOSYSTEMS.filter((ecosystem) => found.has(ecosystem));
}

/** Read the sources with their record counts and ecosystems; cheap, unlike the totals of readStatus. */
export function readSources(db: Database.Database, now: Date): SourceStatus[] {
  const rows = db
    .prepare(
      `SELECT s.name, s.url, s.etag, s.last_modified, s.updated_at,
         (SELECT COUNT(*) FROM record_sources m WHERE m.source = s.name) AS live_count
       FROM sources s ORDER BY s.name`,
    )
    .all() as SourceRow[];
  const covered = db.prepare<[string], { ecosystem: Ecosystem }>(
    `SELECT DISTINCT a.ecosystem FROM record_sources m JOIN affected a ON a.record_id = m.record_id
     WHERE m.source = ? ORDER BY a.ecosystem`,
  );
  return rows.map((row) => toSourceStatus(row, sourceEcosystems(row.name, covered), now));
}

/** Read counts and sources from an open database. */
export function readStatus(db: Database.Database, path: string, schemaVersion: number, now: Date): DbStatus {
  const sources = readSources(db, now);
  const totals = db
    .prepare('SELECT COUNT(*) AS total, COUNT(withdrawn) AS withdrawn FROM records')
    .get() as { total: number; withdrawn: number };

  const ecosystems = Object.fromEntries(ECOSYSTEMS.map((name) => [name, 0])) as Record<Ecosystem, number>;
  const counts = db
    .prepare('SELECT ecosystem, COUNT(DISTINCT record_id) AS count FROM affected GROUP BY ecosystem')
    .all() as { ecosystem: Ecosystem; count: number }[];
  for (const row of counts) ecosystems[row.ecosystem] = row.count;

  const oldest = sources.map((source) => source.updatedAt).sort()[0];
  const status: DbStatus = {
    path,
    schemaVersion,
    sources,
    totalRecords: totals.total,
    withdrawnRecords: totals.withdrawn,
    ecosystems,
    sizeBytes: fileSize(path) + fileSize(`${path}-wal`),
  };
  if (oldest !== undefined) status.oldestUpdate = oldest;
  return status;
}
