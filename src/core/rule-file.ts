/**
 * Reading a rule file that a configuration names. The file may come from a
 * scanned repository, so only regular files are read, and never more than
 * a limit: a path to /dev/zero, a FIFO or a huge file must fail fast with a
 * message, not hang or exhaust memory.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { constants } from 'node:fs';
import { UsageError } from './errors.js';

/** Reads `path` as UTF-8 text. `label` names it in errors, and `what` gives the kind of file. */
export function readRuleFileText(path: string, label: string, what: string, maxBytes: number): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'not found; check the path' : `unreadable (${code ?? 'error'})`;
    throw new UsageError(`${label}: ${what} ${reason}`, { cause: error });
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new UsageError(`${label}: ${what} is not a regular file; name a YAML file`);
    if (stats.size > maxBytes) throw new UsageError(`${label}: ${what} is over ${Math.round(maxBytes / 1024 / 1024)} MB; split it`);
    const buffer = Buffer.alloc(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) throw new UsageError(`${label}: ${what} is over ${Math.round(maxBytes / 1024 / 1024)} MB; split it`);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Lists the rule files a custom-rules entry names: the file itself, or the
 * *.yaml and *.yml files of a folder, sorted. `setting` names the
 * configuration key in errors. Only regular files of the folder itself are
 * accepted, because a symbolic link could lead out of the repository.
 */
export function listRuleFiles(path: string, setting: string): string[] {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw new UsageError(`${path}: rule path not found; check ${setting} in rampart.yaml`, { cause: error });
  }
  if (!stats.isDirectory()) return [path];
  const entries = readdirSync(path, { withFileTypes: true }).filter((entry) => entry.name.endsWith('.yaml') || entry.name.endsWith('.yml'));
  const link = entries.find((entry) => !entry.isFile());
  if (link !== undefined) {
    throw new UsageError(`${join(path, link.name)}: not a regular file; a custom rule folder may contain only regular YAML files`);
  }
  return entries.map((entry) => join(path, entry.name)).sort();
}

/** Returns the SHA-256 of rule files' names and texts; a build's rule bundle with another digest is stale. */
export function ruleFilesDigest(files: readonly string[], texts: readonly string[]): string {
  const hash = createHash('sha256');
  files.forEach((file, i) => hash.update(`${basename(file)}\0${texts[i]}\0`));
  return hash.digest('hex');
}
