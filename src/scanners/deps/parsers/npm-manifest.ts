/**
 * package.json reading for the lockfile parsers that need the manifest to
 * tell direct and development dependencies apart (npm lockfile v1 and
 * both yarn formats).
 */
import type { DependencyScope, ParseContext } from '../types.js';
import type { WarningList } from './npm-warnings.js';

export type Manifest = Record<string, unknown>;

export interface ManifestDependency {
  name: string;
  /** The range as written in package.json, such as `^1.2.0` or `npm:ms@2.1.2`. */
  range: string;
  scope: DependencyScope;
  /** From `optionalDependencies` or `peerDependencies`: missing from the lockfile is not an error. */
  optional: boolean;
}

/** Manifest sections in the order npm applies them; later sections override earlier ones. */
const SECTIONS: ReadonlyArray<{ field: string; scope: DependencyScope; optional: boolean }> = [
  { field: 'peerDependencies', scope: 'production', optional: true },
  { field: 'devDependencies', scope: 'development', optional: false },
  { field: 'dependencies', scope: 'production', optional: false },
  { field: 'optionalDependencies', scope: 'production', optional: true },
];

/**
 * Reads and parses the package.json at `path` (relative to the scan root).
 * Returns undefined, after adding a warning when the file exists, if it is
 * missing, invalid JSON or not an object.
 */
export function readManifest(
  context: ParseContext,
  path: string,
  warnings: WarningList,
): Manifest | undefined {
  const text = context.readFile(path);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    warnings.add(`${path}: invalid JSON (${(error as Error).message}); direct dependencies unknown`);
    return undefined;
  }
  if (!isRecord(value)) {
    warnings.add(`${path}: not a JSON object; direct dependencies unknown`);
    return undefined;
  }
  return value;
}

/**
 * Lists the dependencies a manifest declares. A name in several sections
 * is listed once, from the section npm lets win (`optionalDependencies`
 * over `dependencies` over `devDependencies` over `peerDependencies`).
 */
export function manifestDependencies(manifest: Manifest): ManifestDependency[] {
  const byName = new Map<string, ManifestDependency>();
  for (const section of SECTIONS) {
    const field = manifest[section.field];
    if (!isRecord(field)) continue;
    for (const [name, range] of Object.entries(field)) {
      if (typeof range !== 'string') continue;
      byName.set(name, { name, range, scope: section.scope, optional: section.optional });
    }
  }
  return [...byName.values()];
}

/** Returns the folder of a relative file path ('' at the root). */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** Joins relative paths, resolving `.` and `..`; returns undefined for a path that leaves the root. */
export function joinRelative(...parts: string[]): string | undefined {
  const segments: string[] = [];
  for (const segment of parts.join('/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.pop() === undefined) return undefined;
    } else {
      segments.push(segment);
    }
  }
  return segments.join('/');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Returns the string fields of `value` as a map, dropping everything else. */
export function stringMap(value: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (!isRecord(value)) return map;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') map.set(key, item);
  }
  return map;
}
