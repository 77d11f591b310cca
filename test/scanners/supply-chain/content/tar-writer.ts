/**
 * Builds tar and gzip-compressed tar archives in memory for the content
 * analysis tests, including entries no honest packer writes (absolute
 * names, `..`, links).
 */
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export interface TarEntryInput {
  name: string;
  content?: string | Buffer;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  linkname?: string;
}

/** Uncompressed tar of `entries`. */
export async function buildTar(entries: TarEntryInput[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (chunk: Buffer) => chunks.push(chunk));
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const header = { name: entry.name, type, ...(entry.linkname ? { linkname: entry.linkname } : {}) };
    if (type === 'file') pack.entry(header, entry.content ?? '');
    else pack.entry(header);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Gzip-compressed tar of `entries`, as npm and sdists ship. */
export async function buildTarGz(entries: TarEntryInput[]): Promise<Buffer> {
  return gzipSync(await buildTar(entries));
}

/** Build an npm tarball with `package/package.json` made from `manifest` and the other `files` under `package/`. */
export async function npmTarball(manifest: Record<string, unknown>, files: Record<string, string | Buffer> = {}): Promise<Buffer> {
  const entries: TarEntryInput[] = [{ name: 'package/package.json', content: JSON.stringify(manifest, null, 2) }];
  for (const [name, content] of Object.entries(files)) entries.push({ name: `package/${name}`, content });
  return buildTarGz(entries);
}
