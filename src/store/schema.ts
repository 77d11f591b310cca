/**
 * Schema of the advisory database and the checks made when opening one.
 * The version lives in `PRAGMA user_version`; 0 means a new, empty file.
 */
import type Database from 'better-sqlite3';
import { UsageError } from '../core/errors.js';

/** The schema version this build writes and reads. */
export const SCHEMA_VERSION = 1;

/**
 * Version 1. `record_sources` lists every source that delivered a record, so
 * a record that two exports share (an advisory for npm and PyPI) survives
 * when only one of them drops it. `records.source` is the source of the
 * stored copy. Foreign keys cascade, so deleting a record removes its index
 * rows.
 */
const SCHEMA_V1 = `
CREATE TABLE records (
  id TEXT PRIMARY KEY,
  modified TEXT NOT NULL,
  published TEXT,
  withdrawn TEXT,
  json TEXT NOT NULL,
  source TEXT NOT NULL
);
CREATE TABLE affected (
  ecosystem TEXT NOT NULL,
  name_normalised TEXT NOT NULL,
  record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  PRIMARY KEY (ecosystem, name_normalised, record_id)
) WITHOUT ROWID;
CREATE INDEX affected_record ON affected(record_id);
CREATE TABLE aliases (
  alias TEXT NOT NULL,
  record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  PRIMARY KEY (alias, record_id)
) WITHOUT ROWID;
CREATE INDEX aliases_record ON aliases(record_id);
CREATE TABLE sources (
  name TEXT PRIMARY KEY,
  url TEXT,
  etag TEXT,
  last_modified TEXT,
  updated_at TEXT NOT NULL,
  record_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE record_sources (
  source TEXT NOT NULL,
  record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  PRIMARY KEY (source, record_id)
) WITHOUT ROWID;
CREATE INDEX record_sources_record ON record_sources(record_id);
`;

const OWN_TABLES = new Set(['records', 'affected', 'aliases', 'sources', 'record_sources']);

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function tableNames(db: Database.Database): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  return rows.map((row) => row.name);
}

/**
 * Check the schema version and create the tables in a new file. Throws
 * UsageError for a database written by a newer Rampart and for a SQLite
 * file that contains other tables.
 */
export function prepareSchema(db: Database.Database, path: string, readonly: boolean): number {
  const version = userVersion(db);
  if (version > SCHEMA_VERSION) {
    throw new UsageError(
      `${path}: advisory database schema ${version} is newer than this Rampart supports (${SCHEMA_VERSION}); ` +
        'upgrade Rampart or pass another --db path',
    );
  }
  if (version === SCHEMA_VERSION) return version;

  const foreign = tableNames(db).filter((name) => !OWN_TABLES.has(name));
  if (foreign.length > 0 || (version === 0 && tableNames(db).length > 0)) {
    throw new UsageError(`${path}: not a Rampart advisory database (it has tables such as ${foreign[0] ?? 'records'})`);
  }
  if (readonly) return version;

  db.transaction(() => {
    db.exec(SCHEMA_V1);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
  return SCHEMA_VERSION;
}
