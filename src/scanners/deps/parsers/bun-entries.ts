/**
 * The `packages` section of bun.lock. Each key is an install path
 * (`debug`, or `debug/ms` for a copy nested under debug) and each value an
 * array whose first element is `name@resolution`:
 *
 * - registry: `["ms@2.1.2", registryUrlOrEmpty, { dependencies, ... }, "sha512-..."]`
 * - tarball, git, folder: `["name@https://...tgz", { ... }, "sha512-..."]`,
 *   `["name@github:o/r#sha", { ... }, "bun-tag"]`, `["name@file:lib", { ... }]`
 * - workspace member: `["@ws/app@workspace:packages/app"]`
 */
import { isRecord, recordField, type JsonRecord } from './pnpm-bun-records.js';
import { looksLikeIntegrity } from './pnpm-bun-integrity.js';
import { shorten, type WarningList } from './pnpm-bun-warnings.js';

/**
 * Limits on install paths. Real ones nest a few names deep and npm names are
 * at most 214 characters; longer paths would make every lookup slow.
 */
const MAX_PATH_LENGTH = 4096;
const MAX_PATH_SLASHES = 64;

export interface BunEntry {
  /** Install path, the key under `packages`. */
  path: string;
  name: string;
  version: string;
  source?: string;
  integrity?: string;
  dependencies: string[];
  optionalDependencies: string[];
  peerDependencies: string[];
  optionalPeers: Set<string>;
  line?: number;
}

export interface BunEntries {
  /** Packages by install path. */
  packages: Map<string, BunEntry>;
  /** Install paths of workspace members and links, which are project folders rather than packages. */
  localPaths: Set<string>;
  /** Install path of each workspace member by its folder. */
  memberPaths: Map<string, string>;
}

/** Read every entry; invalid ones are skipped with a warning. */
export function collectBunEntries(section: JsonRecord, lines: Map<string, number>, warnings: WarningList): BunEntries {
  const result: BunEntries = { packages: new Map(), localPaths: new Set(), memberPaths: new Map() };
  for (const [path, value] of Object.entries(section)) {
    const head = Array.isArray(value) ? (value as unknown[])[0] : undefined;
    const at = typeof head === 'string' ? head.indexOf('@', 1) : -1;
    if (typeof head !== 'string' || at <= 0 || path === '') {
      warnings.add(`package "${shorten(path)}" is not a ["name@version", ...] array; skipped`);
      continue;
    }
    if (path.length > MAX_PATH_LENGTH || countSlashes(path) > MAX_PATH_SLASHES) {
      warnings.add(`package "${shorten(path)}" has an install path longer than bun writes; skipped`);
      continue;
    }
    const resolution = head.slice(at + 1);
    if (resolution.startsWith('workspace:')) {
      result.localPaths.add(path);
      result.memberPaths.set(resolution.slice('workspace:'.length), path);
    } else if (resolution.startsWith('link:') || resolution.startsWith('root:')) {
      result.localPaths.add(path);
    } else {
      const entry = makeEntry(path, head.slice(0, at), resolution, value as unknown[]);
      entry.line = lines.get(path);
      result.packages.set(path, entry);
    }
  }
  return result;
}

function makeEntry(path: string, name: string, resolution: string, value: unknown[]): BunEntry {
  const rest = value.slice(1);
  const info = rest.find(isRecord) ?? {};
  const integrity = rest.filter((item): item is string => typeof item === 'string' && looksLikeIntegrity(item)).pop();
  const entry: BunEntry = {
    path,
    name,
    version: resolution,
    integrity,
    dependencies: Object.keys(recordField(info, 'dependencies') ?? {}),
    optionalDependencies: Object.keys(recordField(info, 'optionalDependencies') ?? {}),
    peerDependencies: Object.keys(recordField(info, 'peerDependencies') ?? {}),
    optionalPeers: new Set(stringItems(Object.hasOwn(info, 'optionalPeers') ? info.optionalPeers : undefined)),
  };
  if (isPlainVersion(resolution)) {
    // The second element is the registry, empty for the default one.
    const registry = rest[0];
    if (typeof registry === 'string' && registry !== '') entry.source = registry;
  } else {
    entry.source = resolution;
    entry.version = versionFromTarballUrl(name, resolution) ?? resolution;
  }
  return entry;
}

function countSlashes(text: string): number {
  let count = 0;
  for (let index = text.indexOf('/'); index !== -1; index = text.indexOf('/', index + 1)) count += 1;
  return count;
}

function isPlainVersion(resolution: string): boolean {
  return resolution !== '' && !resolution.includes(':') && !resolution.includes('/');
}

/**
 * The version in an npm registry tarball URL, which ends in
 * `/-/<name without scope>-<version>.tgz`; undefined for other URLs.
 */
export function versionFromTarballUrl(name: string, url: string): string | undefined {
  if (!url.startsWith('https://') && !url.startsWith('http://')) return undefined;
  if (!url.endsWith('.tgz')) return undefined;
  const marker = `/-/${name.slice(name.lastIndexOf('/') + 1)}-`;
  const start = url.lastIndexOf(marker);
  if (start === -1) return undefined;
  const version = url.slice(start + marker.length, -'.tgz'.length);
  return isPlainVersion(version) ? version : undefined;
}

function stringItems(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
