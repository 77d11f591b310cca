/** Locating the version-control repository that contains a scanned folder. */
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/**
 * The nearest folder at or above `dir` that holds a `.git` entry (a folder,
 * or a file in worktrees and submodules), with `dir`'s path inside it.
 * Reads the file system only; runs no git command.
 */
export function findRepository(dir: string): { root: string; prefix: string } | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) {
      return { root: current, prefix: relative(current, dir).split(sep).join('/') };
    }
    if (dirname(current) === current) return undefined;
  }
}
