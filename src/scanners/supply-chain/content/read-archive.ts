/**
 * Choose the reader by the archive's magic bytes rather than by the kind
 * the registry claims, since old sdists are zips and a mislabelled file
 * should still be read.
 */
import type { ArchiveContents } from './archive-entry.js';
import type { ArchiveLimits } from './limits.js';
import { readTar } from './tar-reader.js';
import { readZip } from './zip-reader.js';

export type ArchiveKind = 'npm-tarball' | 'sdist' | 'wheel';

const KIND_LABELS: Record<ArchiveKind, string> = {
  'npm-tarball': 'npm tarball',
  sdist: 'Python sdist',
  wheel: 'Python wheel',
};

function startsWith(bytes: Buffer, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

/** Read every entry of `bytes` within `limits`; throws a one-line error for corrupt or unsupported data. */
export async function readArchive(bytes: Buffer, kind: ArchiveKind, limits: ArchiveLimits): Promise<ArchiveContents> {
  const label = KIND_LABELS[kind];
  if (bytes.length === 0) throw new Error(`${label} is corrupt: the file is empty`);
  if (startsWith(bytes, [0x1f, 0x8b])) return readTar(bytes, true, limits, label);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return readZip(bytes, limits, label);
  if (bytes.length >= 262 && bytes.toString('latin1', 257, 262) === 'ustar') return readTar(bytes, false, limits, label);
  if (startsWith(bytes, [0x42, 0x5a, 0x68])) throw new Error(`${label} is compressed with bzip2, which is not supported; only gzip tar and zip are read`);
  throw new Error(`${label} is corrupt: not a gzip, tar or zip archive (first bytes ${bytes.subarray(0, 4).toString('hex')})`);
}
