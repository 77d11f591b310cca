/**
 * Entries of a yarn 1 lockfile, as @yarnpkg/parsers returns them: one key
 * per descriptor, where the descriptors of one header share one object.
 */
import type { LockedPackage, PackageHash } from '../types.js';
import { parseAliasSpec } from './npm-entry.js';
import { isRecord, stringMap } from './npm-manifest.js';
import { hashesFromIntegrity, isDefaultRegistryUrl } from './npm-sri.js';
import type { WarningList } from './npm-warnings.js';
import { PackageKeys, parseDescriptor } from './yarn-descriptors.js';
import { YarnGraph } from './yarn-graph.js';

const SHA1_HEX = /^[0-9a-f]{40}$/;

/** Builds the package graph of a parsed v1 lockfile. */
export function readV1Entries(
  parsed: Record<string, unknown>,
  descriptorLines: ReadonlyMap<string, number>,
  path: string,
  warnings: WarningList,
): YarnGraph {
  const graph = new YarnGraph(path);
  const keys = new PackageKeys();
  // Packages by `name@version` with the artifact they came from, to merge
  // entries that yarn 1 writes twice for one tarball (an alias and a plain range).
  const artifacts = new Map<string, string>();

  for (const [entry, descriptors] of groupByEntry(parsed, warnings)) {
    const first = descriptors[0] as string;
    const locked = lockedPackage(first, entry, warnings);
    if (locked === undefined) continue;
    const artifact = `${locked.name}@${locked.version} ${entry.resolved ?? entry.integrity ?? ''}`;
    let key = artifacts.get(artifact);
    if (key === undefined) {
      key = keys.allocate(locked.name, locked.version, first);
      artifacts.set(artifact, key);
      locked.key = key;
      const line = descriptorLines.get(first);
      if (line !== undefined) locked.line = line;
      graph.packages.set(key, locked);
    }
    graph.addDescriptors(descriptors, { kind: 'package', key });
    const optional = stringMap(entry.optionalDependencies);
    const all = new Map([...stringMap(entry.dependencies), ...optional]);
    graph.addDependencies(key, all, new Set(optional.keys()));
  }
  graph.resolveEdges(warnings);
  return graph;
}

/** Groups descriptor keys by the entry object they share. */
function groupByEntry(
  parsed: Record<string, unknown>,
  warnings: WarningList,
): Map<Record<string, unknown>, string[]> {
  const groups = new Map<Record<string, unknown>, string[]>();
  for (const [descriptor, entry] of Object.entries(parsed)) {
    if (!isRecord(entry)) {
      warnings.add(`entry ${descriptor} is not a mapping; skipped`);
      continue;
    }
    const list = groups.get(entry);
    if (list === undefined) groups.set(entry, [descriptor]);
    else list.push(descriptor);
  }
  return groups;
}

function lockedPackage(
  descriptor: string,
  entry: Record<string, unknown>,
  warnings: WarningList,
): LockedPackage | undefined {
  const parsed = parseDescriptor(descriptor);
  const version = entry.version;
  if (parsed === undefined || typeof version !== 'string' || version === '') {
    warnings.add(`entry ${descriptor} has no ${parsed === undefined ? 'package name' : 'version'}; skipped`);
    return undefined;
  }
  // `my-ms@npm:ms@2.1.2` installs ms under the folder name my-ms.
  const name = parseAliasSpec(parsed.range)?.name ?? parsed.name;
  const locked: LockedPackage = { key: '', name, version, ecosystem: 'npm', dependencies: [] };
  const resolved = typeof entry.resolved === 'string' ? entry.resolved : undefined;
  const hashes = hashesOf(entry.integrity, resolved);
  if (hashes.length > 0) locked.hashes = hashes;
  if (resolved !== undefined && !isDefaultRegistryUrl(resolved)) {
    locked.source = resolved;
  } else if (resolved === undefined && parsed.range.includes(':') && !parsed.range.startsWith('npm:')) {
    // yarn 1 writes no `resolved` for `file:` and `link:` folders.
    locked.source = parsed.range;
  }
  return locked;
}

/**
 * Returns the SRI hashes, or for lockfiles older than yarn 1.10 (which had
 * no `integrity`) the SHA-1 of the tarball that yarn put after `#` in
 * tarball URLs. In `git+https:` URLs the fragment is a commit, not a hash.
 */
function hashesOf(integrity: unknown, resolved: string | undefined): PackageHash[] {
  if (typeof integrity === 'string') return hashesFromIntegrity(integrity);
  if (resolved === undefined || !/^https?:\/\//.test(resolved)) return [];
  const hash = resolved.indexOf('#');
  const fragment = hash === -1 ? '' : resolved.slice(hash + 1).toLowerCase();
  return SHA1_HEX.test(fragment) ? [{ algorithm: 'SHA-1', value: fragment }] : [];
}
