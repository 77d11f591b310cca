/**
 * Entries of a yarn 2+ ("Berry") lockfile: headers list descriptors,
 * `resolution` is the locator of what they resolved to, and `workspace:`
 * entries are the project and its workspaces.
 *
 * Hashes are left out on purpose. `checksum` (`10c0/<hex>`, or plain hex
 * before cache key prefixes existed) is the SHA-512 of the zip archive that
 * yarn builds in its own cache, not of the registry tarball. It matches no
 * digest that npm or an advisory publishes: for is-number 6.0.0 the
 * fixtures hold `5da4c684…` from yarn 4 and `5aed551d…` from npm.
 */
import type { LockedPackage } from '../types.js';
import { isRecord, stringMap } from './npm-manifest.js';
import { isDefaultRegistryUrl } from './npm-sri.js';
import type { WarningList } from './npm-warnings.js';
import { PackageKeys, parseDescriptor, protocolOf } from './yarn-descriptors.js';
import { YarnGraph } from './yarn-graph.js';
import { splitHeader } from './yarn-lines.js';

export interface BerryWorkspace {
  name: string;
  /** The entry's `resolution`, such as `app@workspace:.`. */
  resolution: string;
  /** Folder relative to the lockfile ('.' for the root). */
  folder: string;
  /** Ranges by name, merged by yarn from dependencies, devDependencies and optionalDependencies. */
  dependencies: Map<string, string>;
  /** Names that `dependenciesMeta` marks optional. */
  optional: Set<string>;
}

export interface BerryResult {
  graph: YarnGraph;
  workspaces: BerryWorkspace[];
}

interface BerryEntry {
  descriptors: string[];
  resolution: string;
  name: string;
  reference: string;
  fields: Record<string, unknown>;
}

/** Builds the package graph of a parsed Berry lockfile. */
export function readBerryEntries(
  parsed: Record<string, unknown>,
  descriptorLines: ReadonlyMap<string, number>,
  path: string,
  warnings: WarningList,
): BerryResult {
  const graph = new YarnGraph(path);
  const keys = new PackageKeys();
  const workspaces: BerryWorkspace[] = [];
  const byResolution = new Map<string, string>();
  const patches: BerryEntry[] = [];

  for (const entry of berryEntries(parsed, warnings)) {
    const protocol = protocolOf(entry.reference);
    if (protocol === 'workspace') {
      workspaces.push(workspaceOf(entry));
      graph.addDescriptors(entry.descriptors, { kind: 'workspace' });
    } else if (protocol === 'patch') {
      patches.push(entry);
    } else {
      const locked = lockedPackage(entry, descriptorLines, warnings);
      if (locked === undefined) continue;
      locked.key = keys.allocate(locked.name, locked.version, entry.resolution);
      addPackage(graph, entry, locked);
      byResolution.set(entry.resolution, locked.key);
    }
  }
  for (const entry of patches) {
    addPatch(graph, keys, byResolution, entry, descriptorLines, warnings);
  }
  graph.resolveEdges(warnings);
  return { graph, workspaces };
}

function* berryEntries(parsed: Record<string, unknown>, warnings: WarningList): Generator<BerryEntry> {
  for (const [header, fields] of Object.entries(parsed)) {
    if (header === '__metadata') continue;
    if (!isRecord(fields) || typeof fields.resolution !== 'string') {
      warnings.add(`entry ${header} has no resolution; skipped`);
      continue;
    }
    const locator = parseDescriptor(fields.resolution);
    if (locator === undefined) {
      warnings.add(`entry ${header} has an invalid resolution ${fields.resolution}; skipped`);
      continue;
    }
    const descriptors = splitHeader(header);
    yield { descriptors, resolution: fields.resolution, name: locator.name, reference: locator.range, fields };
  }
}

function workspaceOf(entry: BerryEntry): BerryWorkspace {
  return {
    name: entry.name,
    resolution: entry.resolution,
    folder: entry.reference.slice('workspace:'.length),
    dependencies: stringMap(entry.fields.dependencies),
    optional: optionalNames(entry.fields),
  };
}

function lockedPackage(
  entry: BerryEntry,
  descriptorLines: ReadonlyMap<string, number>,
  warnings: WarningList,
): LockedPackage | undefined {
  const version = entry.fields.version;
  if (typeof version !== 'string' || version === '') {
    warnings.add(`entry ${entry.resolution} has no version; skipped`);
    return undefined;
  }
  const locked: LockedPackage = { key: '', name: entry.name, version, ecosystem: 'npm', dependencies: [] };
  const line = descriptorLines.get(entry.descriptors[0] ?? '');
  if (line !== undefined) locked.line = line;
  const source = sourceOf(entry.reference);
  if (source !== undefined) locked.source = source;
  return locked;
}

/**
 * Returns where a reference fetches from when that is not the npm
 * registry: the reference without yarn's `::` parameters for git, file,
 * link, portal and tarball protocols, or the custom archive URL that yarn appends to `npm:`
 * references (`npm:1.0.0::__archiveUrl=<encoded URL>`).
 */
function sourceOf(reference: string): string | undefined {
  const params = reference.indexOf('::');
  if (protocolOf(reference) !== 'npm') return params === -1 ? reference : reference.slice(0, params);
  const marker = reference.indexOf('__archiveUrl=');
  if (marker === -1) return undefined;
  const archive = decodeSafely(reference.slice(marker + '__archiveUrl='.length).split('&')[0] ?? '');
  return isDefaultRegistryUrl(archive) ? undefined : archive;
}

function addPackage(graph: YarnGraph, entry: BerryEntry, locked: LockedPackage): void {
  graph.packages.set(locked.key, locked);
  graph.addDescriptors(entry.descriptors, { kind: 'package', key: locked.key });
  const dependencies = stringMap(entry.fields.dependencies);
  graph.addDependencies(locked.key, dependencies, optionalNames(entry.fields), entry.resolution);
}

/** Names that `dependenciesMeta` marks `optional: true`. */
function optionalNames(fields: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  if (!isRecord(fields.dependenciesMeta)) return names;
  for (const [name, meta] of Object.entries(fields.dependenciesMeta)) {
    if (isRecord(meta) && (meta.optional === true || meta.optional === 'true')) names.add(name);
  }
  return names;
}

/**
 * Adds a `patch:` entry, which is the same release as the package it
 * patches. Yarn applies built-in compat patches to some packages (such as
 * resolve and typescript) on its own. The entry joins the patched
 * package's key when the lockfile contains the unpatched entry too, and
 * becomes a package of its own otherwise.
 */
function addPatch(
  graph: YarnGraph,
  keys: PackageKeys,
  byResolution: ReadonlyMap<string, string>,
  entry: BerryEntry,
  descriptorLines: ReadonlyMap<string, number>,
  warnings: WarningList,
): void {
  const patched = patchedLocator(entry.reference);
  const existing = byResolution.get(patched);
  if (existing !== undefined) {
    graph.addDescriptors(entry.descriptors, { kind: 'package', key: existing });
    const dependencies = stringMap(entry.fields.dependencies);
    graph.addDependencies(existing, dependencies, optionalNames(entry.fields), entry.resolution);
    return;
  }
  const inner = parseDescriptor(patched);
  const locked = lockedPackage(entry, descriptorLines, warnings);
  if (locked === undefined) return;
  const innerSource = inner === undefined ? undefined : sourceOf(inner.range);
  if (innerSource === undefined) delete locked.source;
  else locked.source = innerSource;
  locked.key = keys.allocate(locked.name, locked.version, entry.resolution);
  addPackage(graph, entry, locked);
}

/**
 * Returns the innermost locator a patch reference applies to:
 * `patch:resolve@npm%3A1.22.8#optional!builtin<compat/resolve>::version=...`
 * gives `resolve@npm:1.22.8`.
 */
function patchedLocator(reference: string): string {
  let locator = reference;
  for (let depth = 0; depth < 8 && locator.startsWith('patch:'); depth++) {
    const hash = locator.indexOf('#');
    const wrapped = decodeSafely(locator.slice('patch:'.length, hash === -1 ? undefined : hash));
    const inner = parseDescriptor(wrapped);
    if (inner === undefined) return wrapped;
    if (!inner.range.startsWith('patch:')) return wrapped;
    locator = inner.range;
  }
  return locator;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
