/**
 * The write side of the advisory database: stores records with their index
 * rows inside a transaction the caller opened. Nothing here commits.
 */
import type Database from 'better-sqlite3';
import type { OsvRecord } from '../scanners/deps/osv-types.js';
import { isEcosystem, normalisePackageName } from './package-name.js';
import { affectedPackages, osvRecordProblem, recordAliases } from './osv-validate.js';

/** Origin of records: `osv:<ecosystem>` for a download, `import:<path>` for a local import. */
export interface SourceInfo {
  name: string;
  url?: string;
  /** HTTP validators of the download, sent back on the next update. */
  etag?: string;
  lastModified?: string;
}

/** Counts of one import. */
export interface ImportStats {
  /** Records that were not stored before. */
  added: number;
  /** Stored records replaced by a copy with a later `modified`. */
  updated: number;
  /** Records whose stored copy has the same `modified`. */
  unchanged: number;
  /** Records older than the stored copy, which was kept. */
  stale: number;
  /** Records that failed validation or could not be serialised. */
  invalid: number;
  /** Records of the source that a full replacement no longer contained. */
  removed: number;
}

export type WriteOutcome = 'added' | 'updated' | 'unchanged' | 'stale' | 'invalid';

export function emptyStats(): ImportStats {
  return { added: 0, updated: 0, unchanged: 0, stale: 0, invalid: 0, removed: 0 };
}

/**
 * Compare two OSV `modified` timestamps (RFC 3339). Falls back to string
 * order when either one does not parse. Differences below a millisecond
 * count as equal.
 */
export function compareModified(a: string, b: string): number {
  const left = Date.parse(a);
  const right = Date.parse(b);
  if (Number.isFinite(left) && Number.isFinite(right)) return Math.sign(left - right);
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function serialise(record: OsvRecord): string | undefined {
  try {
    return JSON.stringify(record);
  } catch (error) {
    // JSON.stringify recurses, so absurdly deep nesting overflows the stack.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

export class RecordWriter {
  private readonly selectModified;
  private readonly upsertRecord;
  private readonly deleteAffected;
  private readonly insertAffected;
  private readonly deleteAliases;
  private readonly insertAlias;
  private readonly insertMember;

  constructor(private readonly db: Database.Database) {
    this.selectModified = db.prepare<[string], { modified: string }>('SELECT modified FROM records WHERE id = ?');
    this.upsertRecord = db.prepare(
      `INSERT INTO records (id, modified, published, withdrawn, json, source) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET modified = excluded.modified, published = excluded.published,
         withdrawn = excluded.withdrawn, json = excluded.json, source = excluded.source`,
    );
    this.deleteAffected = db.prepare('DELETE FROM affected WHERE record_id = ?');
    this.insertAffected = db.prepare(
      'INSERT OR IGNORE INTO affected (ecosystem, name_normalised, record_id) VALUES (?, ?, ?)',
    );
    this.deleteAliases = db.prepare('DELETE FROM aliases WHERE record_id = ?');
    this.insertAlias = db.prepare('INSERT OR IGNORE INTO aliases (alias, record_id) VALUES (?, ?)');
    this.insertMember = db.prepare('INSERT OR IGNORE INTO record_sources (source, record_id) VALUES (?, ?)');
  }

  /**
   * Start a full replacement of `source`: its memberships are dropped and
   * remembered, so finishReplacement can delete what the new data lacks.
   */
  beginReplacement(source: string): void {
    this.db.exec('CREATE TEMP TABLE IF NOT EXISTS previous_members (record_id TEXT PRIMARY KEY) WITHOUT ROWID');
    this.db.exec('DELETE FROM temp.previous_members');
    this.db
      .prepare('INSERT INTO temp.previous_members SELECT record_id FROM record_sources WHERE source = ?')
      .run(source);
    this.db.prepare('DELETE FROM record_sources WHERE source = ?').run(source);
  }

  /** Delete the records of the replaced source that no source delivers any more; returns how many. */
  finishReplacement(): number {
    const result = this.db
      .prepare(
        `DELETE FROM records WHERE id IN (SELECT record_id FROM temp.previous_members)
           AND id NOT IN (SELECT record_id FROM record_sources)`,
      )
      .run();
    this.db.exec('DELETE FROM temp.previous_members');
    return result.changes;
  }

  /** Store `record` for `source` unless the stored copy is as new or newer. */
  write(record: OsvRecord, source: string): WriteOutcome {
    if (osvRecordProblem(record) !== undefined) return 'invalid';

    const stored = this.selectModified.get(record.id);
    let outcome: WriteOutcome = 'added';
    if (stored) {
      const order = compareModified(record.modified, stored.modified);
      if (order > 0) outcome = 'updated';
      else if (order === 0) outcome = 'unchanged';
      else outcome = 'stale';
    }
    if (outcome === 'added' || outcome === 'updated') {
      const json = serialise(record);
      if (json === undefined) return 'invalid';
      this.store(record, json, source);
    }
    this.insertMember.run(source, record.id);
    return outcome;
  }

  /** Write the source's row with its live record count. */
  saveSource(source: SourceInfo, updatedAt: Date): void {
    this.db
      .prepare(
        `INSERT INTO sources (name, url, etag, last_modified, updated_at, record_count)
         VALUES (?, ?, ?, ?, ?, (SELECT COUNT(*) FROM record_sources WHERE source = ?))
         ON CONFLICT(name) DO UPDATE SET url = excluded.url, etag = excluded.etag,
           last_modified = excluded.last_modified, updated_at = excluded.updated_at,
           record_count = excluded.record_count`,
      )
      .run(
        source.name,
        source.url ?? null,
        source.etag ?? null,
        source.lastModified ?? null,
        updatedAt.toISOString(),
        source.name,
      );
  }

  private store(record: OsvRecord, json: string, source: string): void {
    const { id } = record;
    this.upsertRecord.run(id, record.modified, record.published ?? null, record.withdrawn ?? null, json, source);
    this.deleteAffected.run(id);
    this.deleteAliases.run(id);
    for (const pkg of affectedPackages(record)) {
      // Only ecosystems Rampart scans are indexed; `Debian:12` and the like
      // stay in the stored JSON but are never looked up.
      if (isEcosystem(pkg.ecosystem)) {
        this.insertAffected.run(pkg.ecosystem, normalisePackageName(pkg.ecosystem, pkg.name), id);
      }
    }
    for (const alias of recordAliases(record)) this.insertAlias.run(alias, id);
  }
}
