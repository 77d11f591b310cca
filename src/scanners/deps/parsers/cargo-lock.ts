/**
 * Cargo.lock parser. Packages without a `source` are the workspace's own
 * crates or path dependencies. Cargo.lock cannot tell them apart, so the
 * sibling Cargo.toml and the members it lists decide. Workspace crates are
 * left out of the package list and their dependencies become the direct
 * ones. Cargo.lock has no dev marking either, so each direct dependency's
 * scope comes from the section of Cargo.toml that lists it:
 * `[dev-dependencies]` and `[build-dependencies]` are development.
 */
import { posix } from 'node:path';
import { parse as parseToml, type TomlTable } from 'smol-toml';
import {
  LockfileError,
  type DependencyScope,
  type DirectDependency,
  type LockedPackage,
  type LockfileParseResult,
  type LockfileParser,
  type ParseContext,
} from '../types.js';
import { CargoLockFormatError, readCargoLockEntries, resolveCargoReference, type CargoLockEntry } from './cargo-lock-entries.js';
import { loadCargoWorkspace, type CargoWorkspace } from './cargo-workspace.js';

/** Sources that mean the default registry, crates.io, in git-index and sparse-index spelling. */
const CRATES_IO_SOURCES = new Set([
  'registry+https://github.com/rust-lang/crates.io-index',
  'sparse+https://index.crates.io/',
]);

/** Maximum unresolved references named in the warning, after which the rest are counted. */
const MAX_LISTED = 10;

function readDocument(text: string, path: string): TomlTable {
  try {
    return parseToml(text);
  } catch (error) {
    const first = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new LockfileError(path, `invalid TOML: ${first}`, { cause: error });
  }
}

function readEntries(document: TomlTable, text: string, path: string): CargoLockEntry[] {
  try {
    return readCargoLockEntries(document, text);
  } catch (error) {
    if (error instanceof CargoLockFormatError) throw new LockfileError(path, error.message, { cause: error });
    throw error;
  }
}

/** Keys are `name@version`, with the source added for the rare lockfile that has one name and version from two sources. */
function entryKeys(entries: CargoLockEntry[]): string[] {
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(`${entry.name}@${entry.version}`, (counts.get(`${entry.name}@${entry.version}`) ?? 0) + 1);
  return entries.map((entry) => {
    const key = `${entry.name}@${entry.version}`;
    return (counts.get(key) ?? 0) > 1 ? `${key} (${entry.source ?? 'path'})` : key;
  });
}

/** Indices of the workspace's own crates. Without a readable Cargo.toml every source-less entry counts as one. */
function memberIndices(entries: CargoLockEntry[], workspace: CargoWorkspace): Set<number> {
  const members = new Set<number>();
  entries.forEach((entry, index) => {
    if (entry.source !== undefined) return;
    if (workspace.root === undefined || workspace.members.has(entry.name)) members.add(index);
  });
  return members;
}

function scopeInMember(workspace: CargoWorkspace, memberName: string, dependencyName: string): DependencyScope {
  const kinds = workspace.members.get(memberName)?.manifest.dependencyKinds.get(dependencyName);
  if (kinds === undefined || kinds.has('normal')) return 'production';
  return 'development';
}

/** Marks packages reachable only from development direct dependencies as `dev`. */
function markDevelopmentOnly(packages: LockedPackage[], direct: DirectDependency[]): void {
  const byKey = new Map(packages.map((entry) => [entry.key, entry]));
  const reach = (roots: string[]): Set<string> => {
    const seen = new Set<string>(roots);
    const queue = [...roots];
    for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
      for (const next of byKey.get(key)?.dependencies ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return seen;
  };
  const production = reach(direct.filter((entry) => entry.scope === 'production').map((entry) => entry.key));
  const development = reach(direct.filter((entry) => entry.scope === 'development').map((entry) => entry.key));
  for (const entry of packages) {
    if (development.has(entry.key) && !production.has(entry.key)) entry.dev = true;
  }
}

function pathSource(entry: CargoLockEntry, workspace: CargoWorkspace): string {
  for (const member of workspace.members.values()) {
    const relative = member.manifest.dependencyPaths.get(entry.name);
    if (relative !== undefined) return posix.normalize(member.folder === '' ? relative : `${member.folder}/${relative}`);
  }
  return 'path';
}

function toPackage(entry: CargoLockEntry, key: string, workspace: CargoWorkspace): LockedPackage {
  const locked: LockedPackage = { key, name: entry.name, version: entry.version, ecosystem: 'crates.io', dependencies: [] };
  if (entry.line !== undefined) locked.line = entry.line;
  if (entry.checksum !== undefined) locked.hashes = [{ algorithm: 'SHA-256', value: entry.checksum }];
  if (entry.source === undefined) locked.source = pathSource(entry, workspace);
  else if (!CRATES_IO_SOURCES.has(entry.source)) locked.source = entry.source;
  return locked;
}

function parseCargoLock(text: string, context: ParseContext): LockfileParseResult {
  const document = readDocument(text, context.path);
  const entries = readEntries(document, text, context.path);
  if (entries.length === 0) {
    throw new LockfileError(context.path, 'no [[package]] entries; a Cargo.lock lists at least the root crate');
  }
  const warnings: string[] = [];
  const version = document['version'];
  if (typeof version === 'number' && (version < 1 || version > 4)) {
    warnings.push(`lockfile format version ${version} is newer than this parser knows (1 to 4); it was read as version 4`);
  }
  const workspace = loadCargoWorkspace(context, context.path);
  warnings.push(...workspace.warnings);

  const keys = entryKeys(entries);
  const entriesByName = new Map<string, number[]>();
  entries.forEach((entry, index) => {
    const list = entriesByName.get(entry.name);
    if (list === undefined) entriesByName.set(entry.name, [index]);
    else list.push(index);
  });
  const members = memberIndices(entries, workspace);

  const packages = new Map<number, LockedPackage>();
  entries.forEach((entry, index) => {
    if (!members.has(index)) packages.set(index, toPackage(entry, keys[index]!, workspace));
  });
  const scopes = new Map<string, DependencyScope>();
  const unresolved: string[] = [];
  entries.forEach((entry, index) => {
    for (const reference of entry.dependencies) {
      const target = resolveCargoReference(reference, entriesByName, entries);
      if (target === undefined) {
        unresolved.push(`"${reference}" of ${entry.name} ${entry.version}`);
        continue;
      }
      if (members.has(target)) continue;
      if (members.has(index)) {
        const scope = scopeInMember(workspace, entry.name, entries[target]!.name);
        if (scopes.get(keys[target]!) !== 'production') scopes.set(keys[target]!, scope);
      } else {
        packages.get(index)!.dependencies.push(keys[target]!);
      }
    }
  });

  if (unresolved.length > 0) {
    const shown = unresolved.slice(0, MAX_LISTED).join(', ');
    const more = unresolved.length > MAX_LISTED ? ` and ${unresolved.length - MAX_LISTED} more` : '';
    warnings.push(`dependencies that match no single [[package]] entry were dropped: ${shown}${more}`);
  }
  const direct = [...scopes].map(([key, scope]) => ({ key, scope }));
  const packageList = [...packages.values()];
  markDevelopmentOnly(packageList, direct);
  const result: LockfileParseResult = { ecosystem: 'crates.io', packages: packageList, direct, warnings };
  if (workspace.root?.packageName !== undefined) result.projectName = workspace.root.packageName;
  if (workspace.root?.packageVersion !== undefined) result.projectVersion = workspace.root.packageVersion;
  if (workspace.rootManifestPath !== undefined) result.manifest = workspace.rootManifestPath;
  return result;
}

/** Parser for Cargo.lock, reading Cargo.toml files of the workspace for dependency kinds. */
export const cargoLockParser: LockfileParser = {
  id: 'cargo-lock',
  matches: (path) => posix.basename(path) === 'Cargo.lock',
  parse: parseCargoLock,
};
