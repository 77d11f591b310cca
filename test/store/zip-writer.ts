/**
 * A minimal zip writer for tests (yauzl only reads archives). Supports
 * stored and deflated entries, and lying about an entry's size to build
 * zip bombs.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntryInput {
  name: string;
  content: string | Buffer;
  method?: 'store' | 'deflate';
  /** Uncompressed size written to the headers instead of the real one. */
  declaredSize?: number;
}

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16LE(value);
  return buffer;
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value >>> 0);
  return buffer;
}

/** Build a zip archive of `entries` in memory. */
export function buildZip(entries: ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content);
    const deflate = (entry.method ?? 'deflate') === 'deflate';
    const data = deflate ? deflateRawSync(raw) : raw;
    const name = Buffer.from(entry.name);
    const size = entry.declaredSize ?? raw.length;
    // version, flags (UTF-8 names), method, DOS time, DOS date, CRC-32, sizes, name length.
    const common = [u16(20), u16(0x0800), u16(deflate ? 8 : 0), u16(0), u16(0x21), u32(crc32(raw)), u32(data.length), u32(size), u16(name.length)];
    const local = Buffer.concat([u32(0x04034b50), ...common, u16(0), name, data]);
    const central = Buffer.concat([u32(0x02014b50), u16(20), ...common, u16(0), u16(0), u16(0), u16(0), u32(0), u32(offset), name]);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(entries.length),
    u16(entries.length),
    u32(directory.length),
    u32(offset),
    u16(0),
  ]);
  return Buffer.concat([...locals, directory, end]);
}
