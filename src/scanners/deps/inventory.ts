/**
 * Read the projects of a tree: each claimed lockfile or manifest is parsed
 * by its format's parser and turned into an inventory. Files that cannot be
 * parsed become file errors; the others are still reported.
 */
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, posix, resolve } from 'node:path';
import { stripUrlCredentials } from '../../core/redact.js';
import type { FileError } from '../../core/report-types.js';
import type { ProjectContext } from '../../core/scanner.js';
import { buildInventory } from './graph.js';
import { isLockfilePath, isPackageManifest } from './lockfile-names.js';
import { parserFor } from './parsers/index.js';
import type { ParseContext, ProjectInventory } from './types.js';

/**
 * Lockfiles above this size are reported as errors instead of read. The
 * largest real lockfiles (big monorepos) are tens of MB; parsing costs
 * memory many times the file size.
 */
export const MAX_LOCKFILE_BYTES = 64 * 1024 * 1024;

/** A lockfile listing more packages is reported as an error; real ones list tens of thousands at most. */
export const MAX_PACKAGES = 200_000;

/**
 * Packages read across all lockfiles of one scan. Includes make this
 * necessary: thirty requirements files that each include one large file
 * would otherwise hold thirty copies of it.
 */
export const MAX_TOTAL_PACKAGES = 1_000_000;

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

/**
 * The inventory of the lockfiles and package manifests among the scanner's
 * claimed files (or of the SBOM given instead), computed once per scan
 * however many scanners ask for it.
 */
export async function projectInventory(context: ProjectContext): Promise<InventoryResult> {
  if (context.sbom) {
    const { readSbomInventory } = await import('./sbom-inventory.js');
    const { path, label } = context.sbom;
    return context.shared ? context.shared('deps:sbom', () => readSbomInventory(path, label)) : readSbomInventory(path, label);
  }
  const paths = context.files.filter((path) => isLockfilePath(path) || isPackageManifest(path));
  const compute = (): InventoryResult => readInventories(context.root, paths);
  return context.shared ? context.shared('deps:inventory', compute) : Promise.resolve(compute());
}

/** Parse every file in `paths` (relative to `root`) that a parser claims. */
export function readInventories(
  root: string,
  paths: readonly string[],
  limits: { perLockfile: number; total: number } = { perLockfile: MAX_PACKAGES, total: MAX_TOTAL_PACKAGES },
): InventoryResult {
  const result: InventoryResult = { projects: [], errors: [], warnings: [] };
  const readFile = confinedReader(root);
  const packageManifests = paths.filter(isPackageManifest);
  let total = 0;
  for (const path of [...paths].sort()) {
    const parser = parserFor(path);
    if (!parser) continue;
    const text = readFile(path);
    if (text === undefined) {
      const message = `cannot read the file (not a regular file, larger than ${MAX_LOCKFILE_BYTES / 1024 / 1024} MB, or outside the root)`;
      result.errors.push({ path, message });
      continue;
    }

    const context: ParseContext = { path, readFile, packageManifests };
    try {
      const parsed = parser.parse(text, context);
      if (parsed.packages.length > limits.perLockfile) {
        const message = `lists ${parsed.packages.length} packages, more than the ${limits.perLockfile} Rampart reads`;
        result.errors.push({ path, message });
        continue;
      }
      total += parsed.packages.length;
      if (total > limits.total) {
        result.errors.push({ path, message: `skipped: the scan's lockfiles list more than ${limits.total} packages in all` });
        continue;
      }
      result.projects.push(buildInventory(path, parsed));
      result.warnings.push(...parsed.warnings.map((warning) => prefixed(path, warning)));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const text = stripUrlCredentials(message);
      result.errors.push({ path, message: text.startsWith(`${path}: `) ? text.slice(path.length + 2) : text });
    }
  }
  return result;
}

function prefixed(path: string, warning: string): string {
  const text = stripUrlCredentials(warning);
  return text.startsWith(path) ? text : `${path}: ${text}`;
}
