/**
 * uv.lock, the TOML lockfile of uv. Every package records its `source`.
 * The project roots are the packages with an `editable` or `virtual` source
 * that `[manifest].members` names, or, without a manifest, the one at ".".
 * Roots are not reported as packages, and their dependencies are the direct ones.
 */
import type {
  DependencyScope,
  DirectDependency,
  LockedPackage,
  LockfileParseResult,
  LockfileParser,
  PackageHash,
  ParseContext,
} from '../types.js';
import { LockfileError } from '../types.js';
import {
  addHash,
  graphRoots,
  isRecord,
  normalizePythonName,
  parsePrefixedHash,
} from './python-common.js';
import { arrayTableLines, parseTomlDocument, stringOrUndefined } from './python-toml.js';

/** Highest `version` of the uv.lock format this reader supports. */
const SUPPORTED_VERSION = 1;
const PYPI_REGISTRY = 'https://pypi.org/simple';

interface UvEntry {
  table: Record<string, unknown>;
  name: string;
  version?: string;
  line?: number;
  /** Package reported in the result, or undefined for project roots and skipped entries. */
  locked?: LockedPackage;
}

interface UvLock {
  path: string;
  entries: UvEntry[];
  roots: UvEntry[];
  byName: Map<string, UvEntry[]>;
  warnings: string[];
}

function parseUvLock(text: string, context: ParseContext): LockfileParseResult {
  const document = parseTomlDocument(text, context.path);
  const warnings: string[] = [];
  const packages = readHeader(document, context.path, warnings);
  const lines = arrayTableLines(text, 'package');
  const lock: UvLock = { path: context.path, entries: [], roots: [], byName: new Map(), warnings };
  packages.forEach((table, index) => {
    const entry = readEntry(table, index, lock);
    if (entry === undefined) return;
    if (lines.length === packages.length) entry.line = lines[index];
    lock.entries.push(entry);
    const sameName = lock.byName.get(entry.name);
    if (sameName === undefined) lock.byName.set(entry.name, [entry]);
    else sameName.push(entry);
  });

  lock.roots = findRoots(document, lock);
  const roots = new Set(lock.roots);
  const keys = new Set<string>();
  for (const entry of lock.entries) {
    if (roots.has(entry)) continue;
    const locked = lockedPackage(entry, lock);
    if (locked !== undefined && keys.has(locked.key)) {
      lock.warnings.push(`${lock.path}: ${locked.key} is locked twice; the first entry is used`);
      continue;
    }
    if (locked !== undefined) keys.add(locked.key);
    entry.locked = locked;
  }
  const activated = activatedExtras(lock.entries);
  for (const entry of lock.entries) {
    if (entry.locked !== undefined) linkEntry(entry, entry.locked, activated, lock);
  }

  const result: LockfileParseResult = {
    ecosystem: 'PyPI',
    packages: lock.entries.flatMap((entry) => (entry.locked === undefined ? [] : [entry.locked])),
    direct: [],
    warnings,
  };
  result.direct = directDependencies(lock, result);

  const project = lock.roots.find((root) => localPath(root.table) === '.');
  if (project !== undefined) {
    result.projectName = project.name;
    if (project.version !== undefined) result.projectVersion = project.version;
  }
  return result;
}

function readHeader(
  document: Record<string, unknown>,
  path: string,
  warnings: string[],
): unknown[] {
  const version = document['version'];
  const packages = document['package'] ?? [];
  if (typeof version !== 'number' || !Array.isArray(packages)) {
    throw new LockfileError(
      path,
      'not a uv.lock: expected a top-level "version" number and [[package]] tables',
    );
  }
  if (version > SUPPORTED_VERSION) {
    warnings.push(
      `${path}: lockfile version ${version} is newer than the supported ${SUPPORTED_VERSION}; read as version ${SUPPORTED_VERSION}`,
    );
  }
  return packages;
}

function readEntry(table: unknown, index: number, lock: UvLock): UvEntry | undefined {
  const name = isRecord(table) ? stringOrUndefined(table['name']) : undefined;
  if (!isRecord(table) || name === undefined || name === '') {
    lock.warnings.push(`${lock.path}: [[package]] number ${index + 1} has no name; skipped`);
    return undefined;
  }
  const entry: UvEntry = { table, name: normalizePythonName(name) };
  const version = stringOrUndefined(table['version']);
  if (version !== undefined && version !== '') entry.version = version;
  return entry;
}

/** Returns the path of an `editable` or `virtual` source, which marks a local project. */
function localPath(table: Record<string, unknown>): string | undefined {
  const source = table['source'];
  if (!isRecord(source)) return undefined;
  return stringOrUndefined(source['editable']) ?? stringOrUndefined(source['virtual']);
}

function findRoots(document: Record<string, unknown>, lock: UvLock): UvEntry[] {
  const manifest = document['manifest'];
  const members =
    isRecord(manifest) && Array.isArray(manifest['members']) ? manifest['members'] : undefined;
  if (members !== undefined) {
    const names = new Set(
      members
        .filter((member) => typeof member === 'string')
        .map((member) => normalizePythonName(member)),
    );
    return lock.entries.filter(
      (entry) => names.has(entry.name) && localPath(entry.table) !== undefined,
    );
  }
  return lock.entries.filter((entry) => localPath(entry.table) === '.');
}

function lockedPackage(entry: UvEntry, lock: UvLock): LockedPackage | undefined {
  if (entry.version === undefined) {
    const where = entry.line === undefined ? '' : ` (line ${entry.line})`;
    lock.warnings.push(`${lock.path}: package ${entry.name}${where} has no version; skipped`);
    return undefined;
  }
  const locked: LockedPackage = {
    key: `${entry.name}@${entry.version}`,
    name: entry.name,
    version: entry.version,
    ecosystem: 'PyPI',
    dependencies: [],
  };
  if (entry.line !== undefined) locked.line = entry.line;
  const source = sourceText(entry.table['source']);
  if (source !== undefined) locked.source = source;
  const hashes = artifactHashes(entry.table);
  if (hashes.length > 0) locked.hashes = hashes;
  return locked;
}

/** Returns where a package comes from, or undefined for PyPI. */
function sourceText(source: unknown): string | undefined {
  if (!isRecord(source)) return undefined;
  const registry = stringOrUndefined(source['registry']);
  if (registry !== undefined)
    return registry.replace(/\/+$/, '') === PYPI_REGISTRY ? undefined : registry;
  const git = stringOrUndefined(source['git']);
  if (git !== undefined) return `git+${git}`;
  for (const field of ['url', 'path', 'directory', 'editable', 'virtual']) {
    const value = stringOrUndefined(source[field]);
    if (value !== undefined) return value;
  }
  return undefined;
}

function artifactHashes(table: Record<string, unknown>): PackageHash[] {
  const hashes: PackageHash[] = [];
  const artifacts = [table['sdist'], ...(Array.isArray(table['wheels']) ? table['wheels'] : [])];
  for (const artifact of artifacts) {
    const text = isRecord(artifact) ? stringOrUndefined(artifact['hash']) : undefined;
    if (text !== undefined) addHash(hashes, parsePrefixedHash(text));
  }
  return hashes;
}

/** Dependency tables (`{ name, version?, extra? }`) of one list, skipping malformed items. */
function dependencyList(list: unknown): Record<string, unknown>[] {
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

/** Returns every list under a table of groups, such as `[package.optional-dependencies]`. */
function groupLists(groups: unknown): [string, Record<string, unknown>[]][] {
  return isRecord(groups)
    ? Object.entries(groups).map(([group, list]) => [group, dependencyList(list)])
    : [];
}

/** Extras requested of each package name anywhere in the lock (`{ name = "x", extra = ["y"] }`). */
function activatedExtras(entries: UvEntry[]): Map<string, Set<string>> {
  const activated = new Map<string, Set<string>>();
  for (const entry of entries) {
    const lists = [
      dependencyList(entry.table['dependencies']),
      ...groupLists(entry.table['optional-dependencies']).map(([, list]) => list),
      ...groupLists(entry.table['dev-dependencies']).map(([, list]) => list),
    ];
    for (const dependency of lists.flat()) {
      const name = stringOrUndefined(dependency['name']);
      const extras = dependency['extra'];
      if (name === undefined || !Array.isArray(extras)) continue;
      const set = activated.get(normalizePythonName(name)) ?? new Set<string>();
      for (const extra of extras) if (typeof extra === 'string') set.add(extra);
      activated.set(normalizePythonName(name), set);
    }
  }
  return activated;
}

/** Keys a dependency table points to: the exact version when given, else every locked version of the name. */
function resolveDependency(dependency: Record<string, unknown>, lock: UvLock): string[] {
  const name = stringOrUndefined(dependency['name']);
  if (name === undefined) return [];
  const version = stringOrUndefined(dependency['version']);
  const candidates = lock.byName.get(normalizePythonName(name)) ?? [];
  return candidates
    .filter(
      (candidate) =>
        candidate.locked !== undefined && (version === undefined || candidate.version === version),
    )
    .map((candidate) => candidate.locked?.key ?? '');
}

function linkEntry(
  entry: UvEntry,
  locked: LockedPackage,
  activated: Map<string, Set<string>>,
  lock: UvLock,
): void {
  const lists = [dependencyList(entry.table['dependencies'])];
  const extras = activated.get(entry.name) ?? new Set<string>();
  for (const [group, list] of groupLists(entry.table['optional-dependencies'])) {
    if (extras.has(group)) lists.push(list);
  }
  const keys = new Set<string>();
  for (const dependency of lists.flat()) {
    for (const key of resolveDependency(dependency, lock)) keys.add(key);
  }
  locked.dependencies = [...keys];
}

function directDependencies(lock: UvLock, result: LockfileParseResult): DirectDependency[] {
  if (lock.roots.length === 0) {
    result.warnings.push(
      `${lock.path}: no project package (editable or virtual source ".") found; packages that nothing depends on are reported as direct`,
    );
    return graphRoots(result.packages).map((key) => ({ key, scope: 'production' }));
  }
  const scopes = new Map<string, DependencyScope>();
  const add = (list: Record<string, unknown>[], scope: DependencyScope): void => {
    for (const dependency of list) {
      for (const key of resolveDependency(dependency, lock))
        if (scopes.get(key) !== 'production') scopes.set(key, scope);
    }
  };
  for (const root of lock.roots) {
    add(dependencyList(root.table['dependencies']), 'production');
    for (const [, list] of groupLists(root.table['optional-dependencies'])) add(list, 'production');
  }
  for (const root of lock.roots) {
    for (const [, list] of groupLists(root.table['dev-dependencies'])) add(list, 'development');
  }
  return [...scopes].map(([key, scope]) => ({ key, scope }));
}

/** uv's uv.lock. */
export const uvLockParser: LockfileParser = {
  id: 'uv-lock',
  matches: (path) => path === 'uv.lock' || path.endsWith('/uv.lock'),
  parse: parseUvLock,
};
