/**
 * Local PyPI mirrors given as `file://` index URLs, as pip accepts them:
 * a folder with one `<project>/index.html` page (PEP 503) per project and
 * the distribution files it links to. Only the user's own configuration
 * can name one; the scanned project's pip.conf is never read for addresses.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../../core/errors.js';

/** Returns a `file:` index URL with a trailing slash, or undefined when `value` is not one. */
export function normaliseFileIndexUrl(value: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'file:' || parsed.host !== '') return undefined;
  parsed.hash = '';
  parsed.search = '';
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
  return parsed.href;
}

export function isFileUrl(url: string): boolean {
  return url.startsWith('file:');
}

/**
 * Reads a local file named by a `file:` URL, at most `maxBytes`; undefined
 * when it does not exist. Throws a one-line UsageError for anything else.
 */
export function readFileUrl(url: string, maxBytes: number): Buffer | undefined {
  const path = fileURLToPath(url);
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return undefined;
    size = stats.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (size > maxBytes) throw new UsageError(`${path} is larger than ${maxBytes} bytes`);
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
