/**
 * Streaming reader for `.tar.gz` and plain `.tar` archives in memory:
 * node:zlib inflates, tar-stream splits entries, and the budget stops both
 * as soon as a limit is passed, so a gzip bomb costs no more than the limit.
 */
import { textLimitFor } from './limits.js';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { EntryContent, UnpackBudget, type ArchiveContents, type ArchiveEntry, type EntryType } from './archive-entry.js';
import type { ArchiveLimits } from './limits.js';

function entryType(type: string | null | undefined): EntryType {
  switch (type) {
    case 'file':
    case 'contiguous-file':
    case undefined:
    case null:
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return 'other';
  }
}

/** Read one entry's data, stopping when the budget runs out. */
async function readEntry(entry: tar.Entry, budget: UnpackBudget): Promise<ArchiveEntry> {
  const content = new EntryContent(textLimitFor(entry.header.name, budget.limits));
  // Headers count towards the budget too, so 100,000 empty entries are not free.
  budget.consume(512);
  for await (const chunk of entry) {
    content.add(chunk as Buffer);
    if (!budget.consume((chunk as Buffer).length)) break;
  }
  const { header } = entry;
  return content.finish(header.name, entryType(header.type), header.linkname ?? undefined);
}

/**
 * Read the entries of a tar archive, gzip-compressed when `gzip` is set.
 * Throws an error naming `label` when the data is corrupt or truncated.
 */
export async function readTar(bytes: Buffer, gzip: boolean, limits: ArchiveLimits, label: string): Promise<ArchiveContents> {
  const budget = new UnpackBudget(limits, label);
  const extract = tar.extract();
  const source = Readable.from([bytes]);
  let streamError: Error | undefined;
  const fail = (error: Error): void => {
    streamError ??= error;
    extract.destroy(error);
  };
  if (gzip) {
    const gunzip = createGunzip();
    gunzip.on('error', fail);
    source.pipe(gunzip).pipe(extract);
  } else {
    source.pipe(extract);
  }

  const entries: ArchiveEntry[] = [];
  try {
    for await (const entry of extract) {
      if (!budget.admitEntry()) break;
      entries.push(await readEntry(entry, budget));
      if (budget.exhausted) break;
    }
  } catch (error) {
    throw new Error(`${label} is corrupt: ${describe(streamError ?? error)}`, { cause: error });
  } finally {
    source.destroy();
    extract.destroy();
  }
  if (!budget.exhausted && streamError) throw new Error(`${label} is corrupt: ${describe(streamError)}`);
  return budget.exhausted ? { entries, warnings: budget.warnings, stopped: budget.warnings[0] ?? 'limit reached' } : { entries, warnings: budget.warnings };
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0] ?? message;
}
