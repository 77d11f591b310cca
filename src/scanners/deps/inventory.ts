/**
 * Read the projects of a tree: each claimed lockfile or manifest is parsed
 * by its format's parser and turned into an inventory. Files that cannot be
 * parsed become file errors; the others are still reported.
 */
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, posix, resolve } from 'node:path';
import type { FileError } from '../../core/report-types.js';
import { buildInventory } from './graph.js';
import { isPackageManifest } from './lockfile-names.js';
import { parserFor } from './parsers/index.js';
import type { ParseContext, ProjectInventory } from './types.js';

/** Lockfiles above this size are reported as errors instead of read. */
export const MAX_LOCKFILE_BYTES = 256 * 1024 * 1024;

export interface InventoryResult {
  projects: ProjectInventory[];
  errors: FileError[];
  warnings: string[];
}

/**
 * Return a reader for other files of the project, confined to `root`: a
 * path that leaves the root (by `..` or through a symbolic link) or is not
 * a regular file reads as missing.
 */
export function confinedReader(root: string): (relativePath: string) => string | undefined {
  const realRoot = realpathSync(root);
  return (relativePath) => {
    const normalised = posix.normalize(relativePath.replaceAll('\\', '/'));
    if (isAbsolute(normalised) || normalised === '..' || normalised.startsWith('../')) return undefined;
    const expected = resolve(realRoot, normalised);
    try {
      // Any symbolic link on the way makes the real path differ from the
      // expected one; such files are not read, as discovery skips links too.
      if (realpathSync(expected) !== expected) return undefined;
      const stats = lstatSync(expected);
      if (!stats.isFile() || stats.size > MAX_LOCKFILE_BYTES) return undefined;
      return readFileSync(expected, 'utf8');
    } catch {
      return undefined;
    }
  };
}

/** Parse every file in `paths` (relative to `root`) that a parser claims. */
export function readInventories(root: string, paths: readonly string[]): InventoryResult {
  const result: InventoryResult = { projects: [], errors: [], warnings: [] };
  const readFile = confinedReader(root);
  const packageManifests = paths.filter(isPackageManifest);
  for (const path of [...paths].sort()) {
    const parser = parserFor(path);
    if (!parser) continue;
    const text = readFile(path);
    if (text === undefined) {
      result.errors.push({ path, message: 'cannot read the file (not a regular file, too large, or outside the root)' });
      continue;
    }

    const context: ParseContext = { path, readFile, packageManifests };
    try {
      const parsed = parser.parse(text, context);
      result.projects.push(buildInventory(path, parsed));
      result.warnings.push(...parsed.warnings.map((warning) => prefixed(path, warning)));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result.errors.push({ path, message: message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message });
    }
  }
  return result;
}

function prefixed(path: string, warning: string): string {
  return warning.startsWith(path) ? warning : `${path}: ${warning}`;
}
