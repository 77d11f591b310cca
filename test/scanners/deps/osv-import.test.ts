import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../../src/core/errors.js';
import { readOsvRecords, type InvalidRecord, type ReadOsvOptions } from '../../../src/scanners/deps/osv-import.js';
import type { OsvRecord } from '../../../src/scanners/deps/osv-types.js';
import { DEFAULT_ZIP_LIMITS } from '../../../src/store/zip-entries.js';
import { tempDir } from '../../helpers/tmp.js';
import { ids, osvRecord } from '../../store/osv-fixtures.js';
import { buildZip } from '../../store/zip-writer.js';

const FIXTURES = resolve(fileURLToPath(import.meta.url), '../../../../../test/fixtures/osv-store');

async function readAll(path: string, options: ReadOsvOptions = {}): Promise<{ records: OsvRecord[]; invalid: InvalidRecord[] }> {
  const invalid: InvalidRecord[] = [];
  const records: OsvRecord[] = [];
  for await (const record of readOsvRecords(path, { ...options, onInvalid: (problem) => invalid.push(problem) })) {
    records.push(record);
  }
  return { records, invalid };
}

function writeZip(name: string, entries: Parameters<typeof buildZip>[0]): string {
  const path = join(tempDir(), name);
  writeFileSync(path, buildZip(entries));
  return path;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  assert.fail('expected a rejection');
}

describe('readOsvRecords zip', () => {
  it('reads stored and deflated entries', async () => {
    const path = writeZip('all.zip', [
      { name: 'GHSA-1.json', content: JSON.stringify(osvRecord('GHSA-1')), method: 'store' },
      { name: 'sub/GHSA-2.json', content: JSON.stringify(osvRecord('GHSA-2')), method: 'deflate' },
      { name: 'README.md', content: 'not a record' },
      { name: 'sub/', content: '' },
    ]);
    const { records, invalid } = await readAll(path);
    assert.deepEqual(ids(records), ['GHSA-1', 'GHSA-2']);
    assert.deepEqual(invalid, []);
  });

  it('counts invalid entries by name', async () => {
    const path = writeZip('all.zip', [
      { name: 'ok.json', content: JSON.stringify(osvRecord('OK')) },
      { name: 'bad.json', content: '{"id": 7, "modified": "x"}' },
      { name: 'junk.json', content: '{"id":' },
      { name: 'bom.json', content: `\ufeff${JSON.stringify(osvRecord('BOM'))}` },
    ]);
    const { records, invalid } = await readAll(path, { label: 'https://example.test/all.zip' });
    assert.deepEqual(ids(records), ['OK', 'BOM']);
    assert.equal(invalid.length, 2);
    assert.equal(invalid[0]?.file, 'https://example.test/all.zip:bad.json');
    assert.equal(invalid[0]?.message, 'missing string "id"');
    assert.match(invalid[1]?.message ?? '', /^invalid JSON/);
  });

  it('rejects a truncated archive', async () => {
    const full = buildZip([{ name: 'a.json', content: JSON.stringify(osvRecord('A')) }]);
    const path = join(tempDir(), 'cut.zip');
    writeFileSync(path, full.subarray(0, full.length - 30));
    const error = await rejection(readAll(path));
    assert.ok(error instanceof UsageError);
    assert.ok(error.message.startsWith(`${path} is not a readable zip archive`));
  });

  it('rejects an entry over the size limit', async () => {
    const path = writeZip('bomb.zip', [{ name: 'big.json', content: Buffer.alloc(1), declaredSize: 100 * 1024 * 1024 }]);
    const error = await rejection(readAll(path));
    assert.ok(error instanceof UsageError);
    assert.match(error.message, /entry big\.json is 100 MiB uncompressed, over the limit of 64 MiB per entry/);
  });

  it('rejects an entry lying about its size', async () => {
    const bomb = Buffer.alloc(5 * 1024 * 1024, 0x20);
    const path = writeZip('liar.zip', [{ name: 'liar.json', content: bomb, declaredSize: 100 }]);
    const limits = { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 1024 * 1024 };
    const error = await rejection(readAll(path, { limits }));
    assert.ok(error instanceof UsageError);
    assert.ok(error.message.includes('liar.json'), error.message);
  });

  it('enforces the total size limit', async () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ name: `R-${i}.json`, content: JSON.stringify(osvRecord(`R-${i}`)) }));
    const path = writeZip('many.zip', entries);
    const limits = { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 600 };
    const error = await rejection(readAll(path, { limits }));
    assert.match(error.message, /entries unpack to more than/);
    const countLimited = await rejection(readAll(path, { limits: { ...DEFAULT_ZIP_LIMITS, maxEntries: 3 } }));
    assert.match(countLimited.message, /has 5 entries, over the limit of 3/);
  });

  it('rejects a .zip without signature', async () => {
    const path = join(tempDir(), 'fake.zip');
    writeFileSync(path, 'plain text');
    const error = await rejection(readAll(path));
    assert.ok(error instanceof UsageError);
    assert.equal(error.message, `${path} is not a zip archive (no zip signature at the start)`);
  });
});

describe('readOsvRecords folder and file', () => {
  it('walks a folder recursively', async () => {
    const { records, invalid } = await readAll(join(FIXTURES, 'folder'));
    assert.deepEqual(ids(records).sort(), ['DSA-9999-1', 'GHSA-fix1-fix1-fix1', 'PYSEC-2099-1']);
    assert.deepEqual(
      invalid.map((problem) => problem.file.slice(FIXTURES.length + 1)),
      ['folder/nested/broken.json', 'folder/nested/multi.json[2]'],
    );
  });

  it('does not follow symbolic links', async () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'SECRET.json'), JSON.stringify(osvRecord('OUTSIDE')));
    const root = tempDir();
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'data', 'in.json'), JSON.stringify(osvRecord('INSIDE')));
    symlinkSync(outside, join(root, 'data', 'linked-dir'));
    symlinkSync(join(outside, 'SECRET.json'), join(root, 'data', 'linked.json'));
    const { records } = await readAll(root);
    assert.deepEqual(ids(records), ['INSIDE']);
  });

  it('reads one file with an array', async () => {
    const { records, invalid } = await readAll(join(FIXTURES, 'folder', 'nested', 'multi.json'));
    assert.deepEqual(ids(records), ['GHSA-fix1-fix1-fix1', 'DSA-9999-1']);
    assert.equal(invalid.length, 1);
    assert.equal(invalid[0]?.message, 'BROKEN-1: missing string "modified"');
  });

  it('rejects unreadable and non-OSV paths', async () => {
    const missing = join(tempDir(), 'nope.json');
    const notFound = await rejection(readAll(missing));
    assert.ok(notFound instanceof UsageError);
    assert.equal(notFound.message, `cannot read ${missing}: ENOENT`);
    const text = join(FIXTURES, 'folder', 'readme.txt');
    const notJson = await rejection(readAll(text));
    assert.ok(notJson instanceof UsageError);
    assert.ok(notJson.message.startsWith(`${text} is not a JSON file of OSV records`));
  });
});
