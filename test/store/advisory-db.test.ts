import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { UsageError } from '../../src/core/errors.js';
import type { OsvRecord } from '../../src/scanners/deps/osv-types.js';
import { AdvisoryDatabase } from '../../src/store/advisory-db.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { tempDir } from '../helpers/tmp.js';
import { ids, osvRecord } from './osv-fixtures.js';

const NOW = new Date('2026-03-15T10:00:00.000Z');

function openDb(name = 'osv.sqlite', now = NOW): AdvisoryDatabase {
  return AdvisoryDatabase.open(join(tempDir(), 'cache', name), { now: () => now });
}

describe('AdvisoryDatabase import', () => {
  it('stores and counts new records', () => {
    const db = openDb();
    const stats = db.importRecords(
      [osvRecord('GHSA-1', { packages: [['npm', 'lodash']] }), osvRecord('GHSA-2', { packages: [['npm', 'minimist']] })],
      { name: 'import:/data' },
    );
    assert.equal(stats.added, 2);
    assert.equal(stats.updated, 0);
    assert.deepEqual(ids(db.lookup('npm', ['lodash']).get('lodash')), ['GHSA-1']);
    assert.equal(db.status().totalRecords, 2);
    db.close();
  });

  it('newer modified replaces stored record', () => {
    const db = openDb();
    db.importRecords([osvRecord('GHSA-1', { modified: '2024-05-01T00:00:00Z', packages: [['npm', 'old-name']] })], { name: 'a' });
    const stats = db.importRecords(
      [osvRecord('GHSA-1', { modified: '2024-06-01T00:00:00.5Z', packages: [['npm', 'new-name']] })],
      { name: 'b' },
    );
    assert.equal(stats.updated, 1);
    assert.equal(db.lookup('npm', ['old-name']).size, 0, 'index rows of the old copy are gone');
    assert.equal(db.lookup('npm', ['new-name']).get('new-name')?.[0]?.modified, '2024-06-01T00:00:00.5Z');
    db.close();
  });

  it('older modified keeps stored record', () => {
    const db = openDb();
    db.importRecords([osvRecord('GHSA-1', { modified: '2024-06-01T00:00:00Z', summary: 'newer' })], { name: 'a' });
    const stats = db.importRecords([osvRecord('GHSA-1', { modified: '2024-01-01T00:00:00Z', summary: 'older' })], {
      name: 'b',
    });
    const again = db.importRecords([osvRecord('GHSA-1', { modified: '2024-06-01T00:00:00Z', summary: 'same' })], {
      name: 'b',
    });
    assert.equal(stats.stale, 1);
    assert.equal(again.unchanged, 1);
    db.close();
    const raw = new Database(db.path, { readonly: true });
    const row = raw.prepare("SELECT json FROM records WHERE id = 'GHSA-1'").get() as { json: string };
    raw.close();
    assert.equal((JSON.parse(row.json) as OsvRecord).summary, 'newer');
  });

  it('rolls back on a failing iterator', () => {
    const db = openDb();
    db.importRecords([osvRecord('KEEP', { packages: [['npm', 'a']] })], { name: 'first' });
    function* failing(): Generator<OsvRecord> {
      yield osvRecord('HALF', { packages: [['npm', 'b']] });
      throw new Error('disk on fire');
    }
    assert.throws(() => db.importRecords(failing(), { name: 'second' }), /disk on fire/);
    assert.equal(db.status().totalRecords, 1);
    assert.equal(db.getSource('second'), undefined);
    assert.equal(db.lookup('npm', ['b']).size, 0);
    db.close();
  });

  it('counts invalid and unserialisable records', () => {
    const db = openDb();
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const records = [
      { id: 'NO-MODIFIED' } as unknown as OsvRecord,
      { ...osvRecord('DEEP'), database_specific: { deep } },
      osvRecord('GOOD'),
    ];
    const stats = db.importRecords(records, { name: 'x' });
    assert.equal(stats.invalid, 2);
    assert.equal(stats.added, 1);
    db.close();
  });
});

describe('AdvisoryDatabase replaceSource', () => {
  it('removes records missing from export', () => {
    const db = openDb();
    db.replaceSource(
      [osvRecord('A', { packages: [['npm', 'a']] }), osvRecord('B', { packages: [['npm', 'b']] })],
      { name: 'osv:npm', etag: '"v1"' },
    );
    const stats = db.replaceSource([osvRecord('A', { packages: [['npm', 'a']] })], { name: 'osv:npm', etag: '"v2"' });
    assert.equal(stats.removed, 1);
    assert.equal(stats.unchanged, 1);
    assert.equal(db.lookup('npm', ['b']).size, 0);
    assert.equal(db.getSource('osv:npm')?.etag, '"v2"');
    assert.equal(db.getSource('osv:npm')?.recordCount, 1);
    db.close();
  });

  it('keeps records another source delivers', () => {
    const db = openDb();
    const shared = osvRecord('SHARED', { packages: [['npm', 'x'], ['PyPI', 'x']] });
    db.replaceSource([shared], { name: 'osv:npm' });
    db.replaceSource([shared], { name: 'osv:PyPI' });
    const stats = db.replaceSource([], { name: 'osv:npm' });
    assert.equal(stats.removed, 0);
    assert.deepEqual(ids(db.lookup('PyPI', ['x']).get('x')), ['SHARED']);
    assert.equal(db.getSource('osv:npm')?.recordCount, 0);
    db.close();
  });

  it('leaves other sources untouched', () => {
    const db = openDb();
    db.importRecords([osvRecord('LOCAL', { packages: [['Go', 'example.com/m']] })], { name: 'import:/tmp/x' });
    db.replaceSource([osvRecord('A')], { name: 'osv:Go' });
    db.replaceSource([], { name: 'osv:Go' });
    assert.deepEqual(ids(db.lookup('Go', ['example.com/m']).get('example.com/m')), ['LOCAL']);
    assert.equal(db.status().totalRecords, 1);
    db.close();
  });
});

describe('AdvisoryDatabase lookup', () => {
  it('normalises PyPI names per PEP 503', () => {
    const db = openDb();
    db.importRecords([osvRecord('PYSEC-1', { packages: [['PyPI', 'Zope.Interface']] })], { name: 's' });
    const found = db.lookup('PyPI', ['zope-interface', 'ZOPE__interface', 'zope-interfaces']);
    assert.deepEqual(ids(found.get('zope-interface')), ['PYSEC-1']);
    assert.deepEqual(ids(found.get('ZOPE__interface')), ['PYSEC-1']);
    assert.equal(found.has('zope-interfaces'), false);
    db.close();
  });

  it('lower-cases NuGet but not npm', () => {
    const db = openDb();
    db.importRecords(
      [osvRecord('N1', { packages: [['NuGet', 'Newtonsoft.Json']] }), osvRecord('J1', { packages: [['npm', 'JSONStream']] })],
      { name: 's' },
    );
    assert.deepEqual(ids(db.lookup('NuGet', ['newtonsoft.json']).get('newtonsoft.json')), ['N1']);
    assert.equal(db.lookup('npm', ['jsonstream']).size, 0);
    assert.deepEqual(ids(db.lookup('npm', ['JSONStream']).get('JSONStream')), ['J1']);
    db.close();
  });

  it('ignores Debian-only records', () => {
    const db = openDb();
    db.importRecords([osvRecord('DSA-1', { packages: [['Debian:12', 'openssl']] })], { name: 's' });
    assert.equal(db.lookup('npm', ['openssl']).size, 0);
    assert.equal(db.lookup('PyPI', ['openssl']).size, 0);
    const status = db.status();
    assert.equal(status.totalRecords, 1);
    assert.equal(status.ecosystems.npm, 0);
    db.close();
  });

  it('skips withdrawn and sorts by id', () => {
    const db = openDb();
    db.importRecords(
      [
        osvRecord('GHSA-b', { packages: [['npm', 'p']] }),
        osvRecord('GHSA-a', { packages: [['npm', 'p'], ['npm', 'p']] }),
        osvRecord('GHSA-w', { packages: [['npm', 'p']], withdrawn: '2024-02-01T00:00:00Z' }),
      ],
      { name: 's' },
    );
    assert.deepEqual(ids(db.lookup('npm', ['p']).get('p')), ['GHSA-a', 'GHSA-b']);
    assert.equal(db.status().withdrawnRecords, 1);
    db.close();
  });

  it('answers more names than one chunk', () => {
    const db = openDb();
    const records = Array.from({ length: 1200 }, (_, i) => osvRecord(`R-${i}`, { packages: [['npm', `pkg-${i}`]] }));
    db.importRecords(records, { name: 's' });
    const names = Array.from({ length: 1500 }, (_, i) => `pkg-${i}`);
    const found = db.lookup('npm', names);
    assert.equal(found.size, 1200);
    assert.deepEqual(ids(found.get('pkg-1199')), ['R-1199']);
    db.close();
  });
});

describe('AdvisoryDatabase open and status', () => {
  it('reports sources, ages and counts', () => {
    const dir = tempDir();
    const path = join(dir, 'osv.sqlite');
    const writer = AdvisoryDatabase.open(path, { now: () => new Date('2026-03-12T10:00:00.000Z') });
    writer.replaceSource([osvRecord('A', { packages: [['npm', 'a'], ['PyPI', 'b']] })], { name: 'osv:npm', url: 'http://x' });
    writer.close();
    const reader = AdvisoryDatabase.open(path, { readonly: true, now: () => NOW });
    const status = reader.status();
    reader.close();
    assert.equal(status.schemaVersion, SCHEMA_VERSION);
    assert.equal(status.sources.length, 1);
    assert.equal(status.sources[0]?.ageSeconds, 3 * 86_400);
    assert.deepEqual(status.sources[0]?.ecosystems, ['npm', 'PyPI']);
    assert.equal(status.sources[0]?.url, 'http://x');
    assert.equal(status.ecosystems.PyPI, 1);
    assert.equal(status.oldestUpdate, '2026-03-12T10:00:00.000Z');
    assert.ok(status.sizeBytes > 0);
  });

  it('rejects a newer schema version', () => {
    const path = join(tempDir(), 'future.sqlite');
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    assert.throws(() => AdvisoryDatabase.open(path), (error: Error) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /schema 2 is newer than this Rampart supports \(1\)/);
      return true;
    });
  });

  it('rejects a file that is not SQLite', () => {
    const path = join(tempDir(), 'notes.sqlite');
    writeFileSync(path, 'just some text, not a database at all'.repeat(100));
    assert.throws(() => AdvisoryDatabase.open(path), (error: Error) => {
      assert.ok(error instanceof UsageError);
      assert.ok(error.message.includes(path));
      return true;
    });
  });

  it('rejects a foreign SQLite database', () => {
    const path = join(tempDir(), 'other.sqlite');
    const raw = new Database(path);
    raw.exec('CREATE TABLE users (id INTEGER)');
    raw.close();
    assert.throws(() => AdvisoryDatabase.open(path), /not a Rampart advisory database/);
  });

  it('read-only open of missing file fails', () => {
    const path = join(tempDir(), 'absent.sqlite');
    assert.throws(() => AdvisoryDatabase.open(path, { readonly: true }), /no advisory database at/);
  });

  it('uses WAL journal mode', () => {
    const db = openDb();
    db.close();
    const raw = new Database(db.path, { readonly: true });
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    raw.close();
  });
});
