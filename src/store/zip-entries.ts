/**
 * Streamed reading of `.json` entries from a zip archive with yauzl, with
 * limits against zip bombs. Entries are held in memory one at a time and
 * nothing is written to disk, so entry names are only used in messages.
 */
import yauzl from 'yauzl';
import { UsageError } from '../core/errors.js';

export interface ZipLimits {
  /** Largest uncompressed size of one entry. */
  maxEntryBytes: number;
  /** Largest sum of the uncompressed sizes of all `.json` entries. */
  maxTotalBytes: number;
  /** Maximum number of entries in the central directory. */
  maxEntries: number;
}

/**
 * OSV's largest per-ecosystem export unpacks to a few GB at most, and no
 * single advisory comes near 1 MB; the limits leave wide margins.
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 16 * 1024 * 1024 * 1024,
  maxEntries: 5_000_000,
};

export interface ZipJsonEntry {
  name: string;
  content: Buffer;
}

/** An entry that could not be read (encrypted, unknown compression); the rest of the archive is still read. */
export interface ZipEntryProblem {
  name: string;
  message: string;
}

function mib(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}

async function openArchive(path: string, label: string, limits: ZipLimits): Promise<yauzl.ZipFile> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: true, validateEntrySizes: true });
  } catch (error) {
    throw new UsageError(`${label} is not a readable zip archive: ${(error as Error).message}`, { cause: error });
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new UsageError(`${label} has ${zip.entryCount} entries, over the limit of ${limits.maxEntries}`);
  }
  return zip;
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, label: string, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      // yauzl also stops at the size the central directory declares. This
      // bound applies even if the declared size were not checked.
      if (size > limit) {
        stream.destroy();
        throw new UsageError(`${label}: entry ${entry.fileName} unpacks to more than ${mib(limit)}`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${label}: cannot read entry ${entry.fileName}: ${(error as Error).message}`, { cause: error });
  }
  return Buffer.concat(chunks);
}

function checkDeclaredSize(entry: yauzl.Entry, label: string, limits: ZipLimits, total: number): void {
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    throw new UsageError(
      `${label}: entry ${entry.fileName} is ${mib(entry.uncompressedSize)} uncompressed, ` +
        `over the limit of ${mib(limits.maxEntryBytes)} per entry`,
    );
  }
  if (total > limits.maxTotalBytes) {
    throw new UsageError(`${label}: entries unpack to more than ${mib(limits.maxTotalBytes)} in total`);
  }
}

/**
 * Yield the content of each entry whose name ends in `.json`, in archive
 * order. Throws UsageError naming `label` for an archive that cannot be
 * read, a truncated one, or one over `limits`. Entries that cannot be
 * decoded go to `onProblem` and are skipped.
 */
export async function* readZipJsonEntries(
  path: string,
  label: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  onProblem: (problem: ZipEntryProblem) => void = () => undefined,
): AsyncGenerator<ZipJsonEntry> {
  const zip = await openArchive(path, label, limits);
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (!entry.fileName.toLowerCase().endsWith('.json')) continue;
      total += entry.uncompressedSize;
      checkDeclaredSize(entry, label, limits, total);
      if (entry.isEncrypted() || !entry.canDecodeFileData()) {
        onProblem({ name: entry.fileName, message: 'encrypted or uses an unsupported compression method' });
        continue;
      }
      yield { name: entry.fileName, content: await readEntry(zip, entry, label, limits.maxEntryBytes) };
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${label} is not a valid zip archive: ${(error as Error).message}`, { cause: error });
  } finally {
    zip.close();
  }
}
