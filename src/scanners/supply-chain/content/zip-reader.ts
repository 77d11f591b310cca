/**
 * Reader for zip archives (wheels, zip sdists) in memory with yauzl. Entry
 * sizes are counted as the data inflates; the sizes in the headers are only
 * compared with them, because a zip bomb can declare anything.
 */
import { textLimitFor } from './limits.js';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { EntryContent, UnpackBudget, type ArchiveContents, type ArchiveEntry } from './archive-entry.js';
import { formatBytes, type ArchiveLimits } from './limits.js';

/** General purpose flag bit 11: the name is UTF-8 rather than code page 437. */
const UTF8_NAME_FLAG = 0x800;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  // NOTE: names without the UTF-8 flag are decoded as Latin-1, which agrees
  // with code page 437 for ASCII, the only range package names use.
  return raw.toString(entry.generalPurposeBitFlag & UTF8_NAME_FLAG ? 'utf8' : 'latin1');
}

function isSymlink(entry: yauzl.Entry): boolean {
  return ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;
}

function openZip(bytes: Buffer, label: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings is off so that yauzl does not reject the whole archive
    // for one absolute or `..` name; those become findings instead.
    yauzl.fromBuffer(bytes, { lazyEntries: true, decodeStrings: false, validateEntrySizes: false, autoClose: false }, (error, zip) => {
      if (error) reject(new Error(`${label} is corrupt: ${error.message}`, { cause: error }));
      else resolve(zip);
    });
  });
}

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
  });
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, name: string, budget: UnpackBudget): Promise<ArchiveEntry> {
  const content = new EntryContent(textLimitFor(name, budget.limits));
  const stream = await openStream(zip, entry);
  try {
    for await (const chunk of stream) {
      content.add(chunk as Buffer);
      if (!budget.consume((chunk as Buffer).length)) break;
    }
  } finally {
    stream.destroy();
  }
  if (!budget.exhausted && content.size !== entry.uncompressedSize) {
    budget.warnings.push(
      `${name}: the zip header declares ${formatBytes(entry.uncompressedSize)} but the data inflates to ${formatBytes(content.size)}`,
    );
  }
  if (isSymlink(entry)) return content.finish(name, 'symlink', content.bytes().subarray(0, 4096).toString('utf8'));
  return content.finish(name, name.endsWith('/') ? 'directory' : 'file');
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      zip.removeListener('entry', onEntry);
      zip.removeListener('end', onEnd);
      zip.removeListener('error', onError);
    };
    const onEntry = (entry: yauzl.Entry): void => (cleanup(), resolve(entry));
    const onEnd = (): void => (cleanup(), resolve(undefined));
    const onError = (error: Error): void => (cleanup(), reject(error));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** Read the entries of a zip archive; throws an error naming `label` when it is corrupt. */
export async function readZip(bytes: Buffer, limits: ArchiveLimits, label: string): Promise<ArchiveContents> {
  const zip = await openZip(bytes, label);
  const budget = new UnpackBudget(limits, label);
  const entries: ArchiveEntry[] = [];
  try {
    for (;;) {
      const entry = await nextEntry(zip);
      if (entry === undefined || !budget.admitEntry()) break;
      const name = entryName(entry);
      budget.consume(entry.fileNameLength + 46);
      if (entry.isEncrypted() || !entry.canDecodeFileData()) {
        budget.warnings.push(`${name}: encrypted or compressed with an unsupported method; not read`);
        continue;
      }
      entries.push(await readEntry(zip, entry, name, budget));
      if (budget.exhausted) break;
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${label} is corrupt: ${message.split('\n', 1)[0]}`, { cause: error });
  } finally {
    zip.close();
  }
  return budget.exhausted ? { entries, warnings: budget.warnings, stopped: budget.warnings[0] ?? 'limit reached' } : { entries, warnings: budget.warnings };
}
