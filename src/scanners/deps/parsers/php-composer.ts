/** Helpers for Composer files: platform package names, versions and composer.json. */
import type { DependencyScope } from '../types.js';
import { isRecord } from './python-common.js';
import { parseJsonDocument } from './python-json.js';

/**
 * Checks whether `name` is a platform package (`php`, `ext-json`, `lib-icu`,
 * `composer-plugin-api`) rather than a package from a repository. Composer
 * requires `vendor/name` for repository packages, and platform names have
 * no slash.
 */
export function isPlatformPackage(name: string): boolean {
  return !name.includes('/');
}

/** Drops the `v` of tags such as `v6.4.0`, because Packagist advisories list versions without it. */
export function normalizeComposerVersion(version: string): string {
  return /^v\d/.test(version) ? version.slice(1) : version;
}

export interface ComposerManifest {
  name?: string;
  version?: string;
  /** Scope of each required repository package, by lower-case name. */
  direct: Map<string, DependencyScope>;
  /** Names the root package replaces or provides, which the lockfile does not list. */
  virtualNames: Set<string>;
}

function packageNames(table: unknown): string[] {
  return isRecord(table)
    ? Object.keys(table)
        .map((name) => name.toLowerCase())
        .filter((name) => !isPlatformPackage(name))
    : [];
}

/** Reads composer.json; throws a `LockfileError` for `path` when it is not a JSON object. */
export function readComposerManifest(text: string, path: string): ComposerManifest | undefined {
  const document = parseJsonDocument(text, path);
  if (!isRecord(document)) return undefined;
  const direct = new Map<string, DependencyScope>();
  for (const name of packageNames(document['require'])) direct.set(name, 'production');
  for (const name of packageNames(document['require-dev']))
    if (!direct.has(name)) direct.set(name, 'development');
  const manifest: ComposerManifest = {
    direct,
    virtualNames: new Set([
      ...packageNames(document['replace']),
      ...packageNames(document['provide']),
    ]),
  };
  if (typeof document['name'] === 'string') manifest.name = document['name'];
  if (typeof document['version'] === 'string') manifest.version = document['version'];
  return manifest;
}
