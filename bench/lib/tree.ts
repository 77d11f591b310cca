/** Walks of the benchmark tree: its size, and the files secretlint's CLI would pick. */
import { lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

export interface TreeFile {
  /** Relative to the tree root, `/`-separated. */
  path: string;
  size: number;
}

export interface TreeSize {
  files: number;
  bytes: number;
}

/** Order strings by UTF-16 code units, like Rampart's discovery and unlike localeCompare. */
function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function sortedEntries(dir: string): Dirent[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  return entries.sort((a, b) => compareCodeUnits(a.name, b.name));
}

/** Count the regular files under `root` and their bytes, without following symbolic links. */
export function measureTree(root: string): TreeSize {
  const total: TreeSize = { files: 0, bytes: 0 };
  const walk = (dir: string): void => {
    for (const entry of sortedEntries(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        total.files++;
        total.bytes += lstatSync(path).size;
      }
    }
  };
  walk(root);
  return total;
}

/**
 * Folder names that secretlint 12.0.0's CLI leaves out of a glob search
 * (`**` followed by the name in its default ignore list, module/search.js).
 */
const SECRETLINT_IGNORED_DIRS = new Set(['.git', 'node_modules']);
const SECRETLINT_IGNORED_FILE = /^\.secretlint(?:rc|rc\.(?:json|yaml|yml|js)|ignore.*)$/;

/**
 * List the files that `secretlint "**\/*"` selects when run with `root` as
 * working directory, sorted by path. Dot files are included, folders named
 * node_modules or .git below the root are left out, and symbolic links are
 * followed as globby does. The benchmark checks this list against the files
 * that secretlint reports.
 */
export function secretlintCandidates(root: string): TreeFile[] {
  const files: TreeFile[] = [];
  const visited = new Set<string>();

  const walk = (dir: string, relDir: string): void => {
    const real = statSync(dir);
    const key = `${real.dev}:${real.ino}`;
    if (visited.has(key)) return;
    visited.add(key);

    for (const entry of sortedEntries(dir)) {
      const path = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
      const absolute = join(dir, entry.name);
      let stats;
      try {
        stats = entry.isSymbolicLink() ? statSync(absolute) : lstatSync(absolute);
      } catch {
        continue;
      }
      if (stats.isDirectory()) {
        if (!SECRETLINT_IGNORED_DIRS.has(entry.name)) walk(absolute, path);
      } else if (stats.isFile() && !SECRETLINT_IGNORED_FILE.test(entry.name)) {
        files.push({ path, size: stats.size });
      }
    }
  };

  walk(root, '');
  return files.sort((a, b) => compareCodeUnits(a.path, b.path));
}

/** Take the longest prefix of `files` (one file at least) that fits in `maxBytes`. */
export function takeFirstBytes(files: readonly TreeFile[], maxBytes: number): TreeFile[] {
  const taken: TreeFile[] = [];
  let bytes = 0;
  for (const file of files) {
    if (taken.length > 0 && bytes + file.size > maxBytes) break;
    taken.push(file);
    bytes += file.size;
  }
  return taken;
}

/**
 * Every k-th file in order, with k chosen so that the sample holds about
 * `targetBytes`. Unlike a prefix of the sorted list, the sample spreads over
 * the whole tree, so its mix of small and large files matches the tree's.
 */
export function sampleEvenly(files: readonly TreeFile[], targetBytes: number): TreeFile[] {
  const step = Math.max(1, Math.round(sumBytes(files) / Math.max(targetBytes, 1)));
  return files.filter((_, index) => index % step === 0);
}

export function sumBytes(files: readonly TreeFile[]): number {
  return files.reduce((sum, file) => sum + file.size, 0);
}
