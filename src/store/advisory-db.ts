/**
 * The offline OSV advisory database: one SQLite file (better-sqlite3) with
 * the records as JSON and an index from (ecosystem, normalised package name)
 * to record ids. Writes happen in one transaction each, so a failed import
 * leaves the previous contents as they were.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { UsageError } from '../core/errors.js';
import type { OsvRecord } from '../scanners/deps/osv-types.js';
import type { Ecosystem } from '../scanners/deps/types.js';
import { readSources, readStatus, type DbStatus, type SourceStatus } from './db-status.js';
import { normalisePackageName } from './package-name.js';
import { emptyStats, RecordWriter, type ImportStats, type SourceInfo } from './record-writer.js';
import { prepareSchema } from './schema.js';

export type { DbStatus, SourceStatus } from './db-status.js';
export type { ImportStats, SourceInfo } from './record-writer.js';

export interface OpenOptions {
  /** Open an existing file without writing to it; a missing file is an error. */
  readonly?: boolean;
  /** Clock for `updated_at` and ages; tests pass a fixed one. */
  now?: () => Date;
}

/** A source row as stored, for conditional requests. */
export interface StoredSource {
  name: string;
  url?: string;
  etag?: string;
  lastModified?: string;
  updatedAt: string;
  recordCount: number;
}

/** Names per `IN (...)` query; far below SQLite's limit of 32,766 bound parameters. */
const LOOKUP_CHUNK = 500;

function openConnection(path: string, readonly: boolean): Database.Database {
  if (readonly && !existsSync(path)) {
    throw new UsageError(`no advisory database at ${path}; run "rampart db update" or "rampart db import" first`);
  }
  if (!readonly) mkdirSync(dirname(path), { recursive: true });
  try {
    return new Database(path, { readonly, fileMustExist: readonly, timeout: 10_000 });
  } catch (error) {
    throw new UsageError(`cannot open advisory database ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function configure(db: Database.Database, path: string, readonly: boolean): number {
  try {
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    return prepareSchema(db, path, readonly);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // SQLITE_NOTADB and friends surface on the first statement, not on open.
    throw new UsageError(`cannot read advisory database ${path}: ${(error as Error).message}`, { cause: error });
  }
}

export class AdvisoryDatabase {
  private readonly lookupStatements = new Map<number, Database.Statement<unknown[], LookupRow>>();
  private writerInstance: RecordWriter | undefined;

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
    readonly schemaVersion: number,
    readonly readonly: boolean,
    private readonly now: () => Date,
  ) {}

  /**
   * Open (and, unless read-only, create) the database at `path`. Throws
   * UsageError for a missing file in read-only mode, a file that is not a
   * Rampart advisory database, and one written by a newer Rampart.
   */
  static open(path: string, options: OpenOptions = {}): AdvisoryDatabase {
    const readonly = options.readonly ?? false;
    const db = openConnection(path, readonly);
    try {
      const version = configure(db, path, readonly);
      if (version === 0) throw new UsageError(`advisory database ${path} is empty; run "rampart db update" first`);
      return new AdvisoryDatabase(db, path, version, readonly, options.now ?? (() => new Date()));
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Add or update records from `source` in one transaction. */
  importRecords(records: Iterable<OsvRecord>, source: SourceInfo): ImportStats {
    return this.inTransaction(source, false, (write) => {
      for (const record of records) write(record);
    });
  }

  /**
   * Store a full export of `source` in one transaction: records it no longer
   * contains lose this source and are deleted unless another source still
   * delivers them.
   */
  replaceSource(records: Iterable<OsvRecord>, source: SourceInfo): ImportStats {
    return this.inTransaction(source, true, (write) => {
      for (const record of records) write(record);
    });
  }

  /**
   * Like importRecords (or replaceSource with `replace`) for a stream. The
   * transaction stays open while the stream is read, so nothing else may
   * use this connection until the promise settles.
   */
  async importRecordStream(
    records: AsyncIterable<OsvRecord>,
    source: SourceInfo,
    options: { replace?: boolean } = {},
  ): Promise<ImportStats> {
    const writer = this.begin(source.name, options.replace ?? false);
    try {
      const stats = emptyStats();
      for await (const record of records) stats[writer.write(record, source.name)]++;
      return this.commit(writer, source, options.replace ?? false, stats);
    } catch (error) {
      this.rollback();
      throw error;
    }
  }

  /** Mark `name` as checked now without changing its records, after an HTTP 304. */
  touchSource(name: string): void {
    this.assertWritable();
    this.db.prepare('UPDATE sources SET updated_at = ? WHERE name = ?').run(this.now().toISOString(), name);
  }

  getSource(name: string): StoredSource | undefined {
    const row = this.db.prepare('SELECT * FROM sources WHERE name = ?').get(name) as
      | { name: string; url: string | null; etag: string | null; last_modified: string | null; updated_at: string; record_count: number }
      | undefined;
    if (!row) return undefined;
    const source: StoredSource = { name: row.name, updatedAt: row.updated_at, recordCount: row.record_count };
    if (row.url !== null) source.url = row.url;
    if (row.etag !== null) source.etag = row.etag;
    if (row.last_modified !== null) source.lastModified = row.last_modified;
    return source;
  }

  /**
   * Return the records affecting each of `names` in `ecosystem`, keyed by the
   * name as given and sorted by id. Names are normalised the way the
   * ecosystem compares them, withdrawn records are left out, and names
   * without advisories get no entry.
   */
  lookup(ecosystem: Ecosystem, names: string[]): Map<string, OsvRecord[]> {
    const byNormalised = new Map<string, string[]>();
    for (const name of new Set(names)) {
      const key = normalisePackageName(ecosystem, name);
      byNormalised.set(key, [...(byNormalised.get(key) ?? []), name]);
    }

    const parsed = new Map<string, OsvRecord>();
    const result = new Map<string, OsvRecord[]>();
    const keys = [...byNormalised.keys()];
    for (let start = 0; start < keys.length; start += LOOKUP_CHUNK) {
      const chunk = keys.slice(start, start + LOOKUP_CHUNK);
      for (const row of this.lookupStatement(chunk.length).iterate(ecosystem, ...chunk)) {
        let record = parsed.get(row.id);
        if (!record) {
          record = JSON.parse(row.json) as OsvRecord;
          parsed.set(row.id, record);
        }
        for (const name of byNormalised.get(row.name) ?? []) {
          const list = result.get(name);
          if (list) list.push(record);
          else result.set(name, [record]);
        }
      }
    }
    return result;
  }

  /** List the sources with their age and ecosystems, without the full-table counts of `status`. */
  sources(): SourceStatus[] {
    return readSources(this.db, this.now());
  }

  /** Number of stored records, withdrawn ones included; uses the primary-key index. */
  recordCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS total FROM records').get() as { total: number }).total;
  }

  status(): DbStatus {
    return readStatus(this.db, this.path, this.schemaVersion, this.now());
  }

  close(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
  }

  private inTransaction(source: SourceInfo, replace: boolean, body: (write: (record: OsvRecord) => void) => void): ImportStats {
    const writer = this.begin(source.name, replace);
    try {
      const stats = emptyStats();
      body((record) => {
        stats[writer.write(record, source.name)]++;
      });
      return this.commit(writer, source, replace, stats);
    } catch (error) {
      this.rollback();
      throw error;
    }
  }

  private begin(sourceName: string, replace: boolean): RecordWriter {
    this.assertWritable();
    if (this.db.inTransaction) throw new Error(`an import is already running on ${this.path}`);
    this.writerInstance ??= new RecordWriter(this.db);
    this.db.exec('BEGIN IMMEDIATE');
    try {
      if (replace) this.writerInstance.beginReplacement(sourceName);
    } catch (error) {
      this.rollback();
      throw error;
    }
    return this.writerInstance;
  }

  private commit(writer: RecordWriter, source: SourceInfo, replace: boolean, stats: ImportStats): ImportStats {
    if (replace) stats.removed = writer.finishReplacement();
    writer.saveSource(source, this.now());
    this.db.exec('COMMIT');
    // A large import leaves a write-ahead log as big as the data. Copying it
    // into the database now keeps the files at about the size of the data.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return stats;
  }

  private rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  private assertWritable(): void {
    if (this.readonly) throw new Error(`advisory database ${this.path} was opened read-only`);
  }

  private lookupStatement(count: number): Database.Statement<unknown[], LookupRow> {
    let statement = this.lookupStatements.get(count);
    if (!statement) {
      const placeholders = Array.from({ length: count }, () => '?').join(', ');
      statement = this.db.prepare<unknown[], LookupRow>(
        `SELECT a.name_normalised AS name, r.id AS id, r.json AS json
         FROM affected a JOIN records r ON r.id = a.record_id
         WHERE a.ecosystem = ? AND a.name_normalised IN (${placeholders}) AND r.withdrawn IS NULL
         ORDER BY r.id`,
      );
      this.lookupStatements.set(count, statement);
    }
    return statement;
  }
}

interface LookupRow {
  name: string;
  id: string;
  json: string;
}
