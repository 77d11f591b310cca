/**
 * The in-memory form of an archive entry and the byte budget shared by the
 * tar and zip readers.
 */
import { sanitiseEntryPath } from './entry-path.js';
import { formatBytes, type ArchiveLimits } from './limits.js';

export type EntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface ArchiveEntry {
  /** Sanitised relative path (see `sanitiseEntryPath`). */
  path: string;
  /** The name as stored in the archive, for messages about unsafe names. */
  rawName: string;
  unsafePath: boolean;
  type: EntryType;
  /** Target of a symbolic or hard link, as stored; never followed. */
  linkTarget?: string;
  /** Bytes actually unpacked, which may differ from what the header declares. */
  size: number;
  /** The whole content, for files of at most `maxTextBytes`. */
  content?: Buffer;
  /** The first bytes, for every file, to recognise executables by magic. */
  head: Buffer;
}

export interface ArchiveContents {
  entries: ArchiveEntry[];
  warnings: string[];
  /** Why reading stopped before the end of the archive, when it did. */
  stopped?: string;
}

export const HEAD_BYTES = 64;

/**
 * Counts unpacked bytes and entries against the limits while a reader
 * streams an archive, and keeps each file's content only up to the text
 * limit.
 */
export class UnpackBudget {
  unpackedBytes = 0;
  entryCount = 0;
  /** Set when a limit was hit; the reader stops and the report is marked incomplete. */
  exhausted = false;
  readonly warnings: string[] = [];

  constructor(
    readonly limits: ArchiveLimits,
    private readonly label: string,
  ) {}

  /** Count a new entry; false when the entry limit is reached and reading must stop. */
  admitEntry(): boolean {
    if (this.entryCount >= this.limits.maxEntries) {
      this.stop(`${this.label} has more than ${this.limits.maxEntries} entries; only the first ${this.limits.maxEntries} were read`);
      return false;
    }
    this.entryCount++;
    return true;
  }

  /** Count `bytes` unpacked; false when the total limit is passed and reading must stop. */
  consume(bytes: number): boolean {
    this.unpackedBytes += bytes;
    if (this.unpackedBytes <= this.limits.maxUnpackedBytes) return true;
    this.stop(
      `${this.label} unpacks to more than ${formatBytes(this.limits.maxUnpackedBytes)}; only the first ${formatBytes(this.limits.maxUnpackedBytes)} were read`,
    );
    return false;
  }

  private stop(message: string): void {
    if (!this.exhausted) this.warnings.push(message);
    this.exhausted = true;
  }
}

/** Collects one file's chunks, keeping the head always and the rest only up to the text limit. */
export class EntryContent {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  size = 0;

  constructor(private readonly maxTextBytes: number) {}

  add(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.kept > this.maxTextBytes) return;
    this.chunks.push(chunk);
    this.kept += chunk.length;
  }

  /** The bytes kept so far. */
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** The entry record, with content only when the whole file fitted the text limit. */
  finish(rawName: string, type: EntryType, linkTarget?: string): ArchiveEntry {
    const joined = this.bytes();
    const { path, unsafe } = sanitiseEntryPath(rawName);
    const entry: ArchiveEntry = {
      path,
      rawName,
      unsafePath: unsafe,
      type,
      size: this.size,
      head: joined.subarray(0, HEAD_BYTES),
    };
    if (type === 'file' && this.size <= this.maxTextBytes) entry.content = joined;
    if (linkTarget !== undefined) entry.linkTarget = linkTarget;
    return entry;
  }
}
