/**
 * Reading OSV records from local files: a zip archive (such as OSV's
 * per-ecosystem `all.zip`), a folder of `.json` files, or one `.json` file
 * with a record or an array of records. Records are yielded one at a time,
 * so an export of any size is never held in memory whole.
 */
import { lstatSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { osvRecordProblem } from '../../store/osv-validate.js';
import { DEFAULT_ZIP_LIMITS, readZipJsonEntries, type ZipLimits } from '../../store/zip-entries.js';
import type { OsvRecord } from './osv-types.js';

/** A file or array element that is not a usable OSV record; reading goes on. */
export interface InvalidRecord {
  /** The file, the archive entry, or `file[index]` for an element of an array. */
  file: string;
  message: string;
}

export interface ReadOsvOptions {
  /** Limits for archives; `maxEntryBytes` also bounds each file of a folder. */
  limits?: ZipLimits;
  /** Called for each invalid record or unreadable file. */
  onInvalid?: (problem: InvalidRecord) => void;
  /** Name used in messages instead of the path, such as the download URL. */
  label?: string;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];

function statPath(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot read ${path}: ${code}`, { cause: error });
  }
}

async function startsWithZipMagic(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    if (bytesRead < 4) return false;
    const head = [...buffer];
    return [ZIP_MAGIC, EMPTY_ZIP_MAGIC].some((magic) => magic.every((byte, i) => head[i] === byte));
  } finally {
    await handle.close();
  }
}

/** Decode and parse JSON, dropping a UTF-8 byte order mark. Throws SyntaxError. */
function parseJson(content: Buffer): unknown {
  const text = content.toString('utf8');
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

/** Yield the valid records of a parsed document and report the others. */
function* recordsOf(document: unknown, file: string, onInvalid: (problem: InvalidRecord) => void): Generator<OsvRecord> {
  const items = Array.isArray(document) ? document : [document];
  for (const [index, item] of items.entries()) {
    const problem = osvRecordProblem(item);
    const name = Array.isArray(document) ? `${file}[${index}]` : file;
    if (problem === undefined) yield item as OsvRecord;
    else onInvalid({ file: name, message: problem });
  }
}

function* recordsOfContent(content: Buffer, file: string, onInvalid: (problem: InvalidRecord) => void): Generator<OsvRecord> {
  let document: unknown;
  try {
    document = parseJson(content);
  } catch (error) {
    onInvalid({ file, message: `invalid JSON: ${(error as Error).message}` });
    return;
  }
  yield* recordsOf(document, file, onInvalid);
}

/** List `.json` files under `root` in a stable order, without following symbolic links. */
function listJsonFiles(root: string): string[] {
  const files: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      throw new UsageError(`cannot read folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
    // Reverse order, because the stack pops the last folder first.
    entries.sort((a, b) => b.name.localeCompare(a.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) files.push(path);
    }
  }
  return files.sort();
}

function* readFolder(root: string, limits: ZipLimits, onInvalid: (problem: InvalidRecord) => void): Generator<OsvRecord> {
  for (const file of listJsonFiles(root)) {
    let content: Buffer;
    try {
      // lstat again: the file may have been swapped for a link since the listing.
      const stats = lstatSync(file);
      if (!stats.isFile()) continue;
      if (stats.size > limits.maxEntryBytes) {
        onInvalid({ file, message: `larger than ${limits.maxEntryBytes} bytes` });
        continue;
      }
      content = readFileSync(file);
    } catch (error) {
      onInvalid({ file, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? error}` });
      continue;
    }
    yield* recordsOfContent(content, file, onInvalid);
  }
}

function readSingleFile(path: string, stats: Stats, limits: ZipLimits, onInvalid: (problem: InvalidRecord) => void): Generator<OsvRecord> {
  if (stats.size > limits.maxEntryBytes) {
    throw new UsageError(`${path} is larger than ${limits.maxEntryBytes} bytes; pass a zip archive or a folder instead`);
  }
  let document: unknown;
  try {
    document = parseJson(readFileSync(path));
  } catch (error) {
    throw new UsageError(`${path} is not a JSON file of OSV records: ${(error as Error).message}`, { cause: error });
  }
  return recordsOf(document, path, onInvalid);
}

async function* readArchive(path: string, options: ReadOsvOptions, limits: ZipLimits, onInvalid: (problem: InvalidRecord) => void): AsyncGenerator<OsvRecord> {
  const label = options.label ?? path;
  const entries = readZipJsonEntries(path, label, limits, (problem) =>
    onInvalid({ file: `${label}:${problem.name}`, message: problem.message }),
  );
  for await (const entry of entries) {
    yield* recordsOfContent(entry.content, `${label}:${entry.name}`, onInvalid);
  }
}

/**
 * Read the OSV records at `path`: a zip archive (recognised by its
 * signature), a folder searched recursively for `*.json` (symbolic links
 * are skipped), or a `.json` file. Invalid records go to `onInvalid` and
 * are skipped. Throws UsageError naming the path when it cannot be read or
 * is neither a zip archive, a folder nor a JSON file.
 */
export async function* readOsvRecords(path: string, options: ReadOsvOptions = {}): AsyncGenerator<OsvRecord> {
  const limits = options.limits ?? DEFAULT_ZIP_LIMITS;
  const onInvalid = options.onInvalid ?? (() => undefined);
  const stats = statPath(path);

  if (stats.isDirectory()) {
    yield* readFolder(path, limits, onInvalid);
  } else if (!stats.isFile()) {
    throw new UsageError(`${path} is not a regular file or folder`);
  } else if (await startsWithZipMagic(path)) {
    yield* readArchive(path, options, limits, onInvalid);
  } else if (path.toLowerCase().endsWith('.zip')) {
    throw new UsageError(`${options.label ?? path} is not a zip archive (no zip signature at the start)`);
  } else {
    yield* readSingleFile(path, stats, limits, onInvalid);
  }
}
