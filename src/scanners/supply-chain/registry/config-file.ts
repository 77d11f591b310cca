/** Bounded reading of registry configuration files (.npmrc, pip.conf). */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';

/** Configuration files are a few lines; anything larger is not read. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** A configuration file's text, or the warning that explains why it was not read. */
export type ConfigFileResult = { text: string } | { warning: string } | undefined;

/**
 * Reads a configuration file. Returns undefined when it does not exist, and
 * a warning when it is not a regular file (a FIFO or `/dev/zero` would
 * block or never end), is larger than MAX_CONFIG_BYTES, or cannot be read.
 * With `refuseSymlink`, a symbolic link is refused too: files in a scanned
 * project may not pull in files from elsewhere.
 */
export function readConfigFile(path: string, options: { refuseSymlink?: boolean } = {}): ConfigFileResult {
  try {
    if (options.refuseSymlink && lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) {
      return { warning: `${path} is a symbolic link; Rampart does not follow it` };
    }
    // O_NONBLOCK keeps open() from waiting for a writer when the path is a FIFO.
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) return { warning: `${path} is not a regular file; skipped` };
      if (stat.size > MAX_CONFIG_BYTES) return { warning: `${path} is larger than ${MAX_CONFIG_BYTES} bytes; skipped` };
      const buffer = Buffer.alloc(stat.size);
      const length = readSync(fd, buffer, 0, stat.size, 0);
      return { text: buffer.subarray(0, length).toString('utf8') };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return { warning: `cannot read ${path}: ${(error as Error).message}` };
  }
}
