import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageInfo {
  root: string;
  version: string;
}

let cached: PackageInfo | undefined;

/**
 * Finds the installed rampart package by walking up from this module to the
 * first package.json whose name is "rampart". The walk works from src/ (when
 * run with a TypeScript loader) and from dist/src/ (the built package).
 */
function locatePackage(): PackageInfo {
  if (cached) return cached;

  const start = dirname(fileURLToPath(import.meta.url));
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (parsed.name === 'rampart' && typeof parsed.version === 'string') {
        cached = { root: dir, version: parsed.version };
        return cached;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`package.json of rampart not found in ${start} or any parent directory`);
    }
    dir = parent;
  }
}

/** Absolute path of the rampart package directory, which contains schemas/ and rules/. */
export function packageRoot(): string {
  return locatePackage().root;
}

/** Version of the rampart package, from its package.json. */
export function packageVersion(): string {
  return locatePackage().version;
}
