/**
 * Dependency edges and direct dependencies of bun.lock. bun stores only
 * dependency names, so each is resolved from the install path of its
 * dependent the way Node.js resolves `require`: `a/b` looks for `a/b/dep`,
 * then `a/dep`, then `dep`. Copies of one name@version at several install
 * paths are merged into one package keyed `name@version`, with the union of
 * their dependencies.
 */
import type { DependencyScope, DirectDependency, LockedPackage } from '../types.js';
import type { BunEntries, BunEntry } from './bun-entries.js';
import { integrityToHashes } from './pnpm-bun-integrity.js';
import { deriveDevFlags, reachableFrom } from './pnpm-bun-reachability.js';
import { isRecord, recordField, type JsonRecord } from './pnpm-bun-records.js';
import { shorten, type WarningList } from './pnpm-bun-warnings.js';

interface MergedPackage {
  pkg: LockedPackage;
  dependencySet: Set<string>;
  /** Dependencies that are neither optional dependencies nor optional peers. */
  requiredSet: Set<string>;
}

/** Rules for one list of dependency names. */
interface DependencyKind {
  names: string[];
  /** Whether a missing one is a warning. */
  required: (name: string) => boolean;
  /** Whether the edge counts when deciding which packages are optional. */
  strong: (name: string) => boolean;
}

const WORKSPACE_SECTIONS: ReadonlyArray<[string, DependencyScope, boolean]> = [
  ['dependencies', 'production', true],
  ['optionalDependencies', 'production', false],
  ['peerDependencies', 'production', true],
  ['devDependencies', 'development', true],
];

/** Build packages from the entries and direct dependencies from `workspaces` ("" is the root, other keys are member folders). */
export function buildBunGraph(
  workspaces: JsonRecord,
  entries: BunEntries,
  warnings: WarningList,
): { packages: LockedPackage[]; direct: DirectDependency[] } {
  const merged = new Map<string, MergedPackage>();
  const keyOf = new Map<string, string>();
  for (const entry of entries.packages.values()) keyOf.set(entry.path, mergeEntry(merged, entry, warnings));

  for (const entry of entries.packages.values()) {
    const target = merged.get(keyOf.get(entry.path) as string) as MergedPackage;
    for (const kind of dependencyKinds(entry)) {
      for (const name of kind.names) {
        const path = resolveInstallPath(entries, entry.path, name);
        if (path === undefined) {
          if (kind.required(name)) warnings.add(`package "${shorten(entry.path)}" depends on ${shorten(name)}, which is not in the lockfile`);
          continue;
        }
        const key = keyOf.get(path);
        if (key === undefined) continue; // a workspace member or link
        if (!target.dependencySet.has(key)) {
          target.dependencySet.add(key);
          target.pkg.dependencies.push(key);
        }
        if (kind.strong(name)) target.requiredSet.add(key);
      }
    }
  }

  const { direct, requiredRoots } = collectDirect(workspaces, entries, keyOf, warnings);
  applyFlags(merged, direct, requiredRoots);
  return { packages: [...merged.values()].map((m) => m.pkg), direct };
}

function dependencyKinds(entry: BunEntry): DependencyKind[] {
  const isRequiredPeer = (name: string): boolean => !entry.optionalPeers.has(name);
  return [
    { names: entry.dependencies, required: () => true, strong: () => true },
    { names: entry.optionalDependencies, required: () => false, strong: () => false },
    // An unmet peer is the dependent's problem, not a broken lockfile.
    { names: entry.peerDependencies, required: () => false, strong: isRequiredPeer },
  ];
}

function mergeEntry(merged: Map<string, MergedPackage>, entry: BunEntry, warnings: WarningList): string {
  const key = `${entry.name}@${entry.version}`;
  let target = merged.get(key);
  if (target === undefined) {
    const pkg: LockedPackage = { key, name: entry.name, version: entry.version, ecosystem: 'npm', dependencies: [] };
    if (entry.source !== undefined) pkg.source = entry.source;
    if (entry.integrity !== undefined) {
      const { hashes, invalid } = integrityToHashes(entry.integrity);
      if (hashes.length > 0) pkg.hashes = hashes;
      for (const token of invalid) warnings.add(`package "${key}" has an invalid integrity value "${token}"`);
    }
    target = { pkg, dependencySet: new Set(), requiredSet: new Set() };
    merged.set(key, target);
  }
  if (entry.line !== undefined && (target.pkg.line === undefined || entry.line < target.pkg.line)) target.pkg.line = entry.line;
  return key;
}

/**
 * Find the install path that `name` resolves to from the package at
 * `fromPath` ("" for the project root), walking up the path. Workspace
 * members and links resolve too, and callers skip them because they are
 * project folders.
 */
export function resolveInstallPath(entries: BunEntries, fromPath: string, name: string): string | undefined {
  const ends = nameEnds(fromPath);
  for (let index = ends.length - 1; index >= 0; index -= 1) {
    const candidate = `${fromPath.slice(0, ends[index])}/${name}`;
    if (entries.packages.has(candidate) || entries.localPaths.has(candidate)) return candidate;
  }
  return entries.packages.has(name) || entries.localPaths.has(name) ? name : undefined;
}

/** End offsets of each package name in an install path: `a/@s/b` has names ending after `a` and `a/@s/b`. */
function nameEnds(path: string): number[] {
  const ends: number[] = [];
  let start = 0;
  while (start < path.length) {
    let slash = path.indexOf('/', start);
    if (path.startsWith('@', start) && slash !== -1) slash = path.indexOf('/', slash + 1);
    const end = slash === -1 ? path.length : slash;
    ends.push(end);
    start = end + 1;
  }
  return ends;
}

function collectDirect(
  workspaces: JsonRecord,
  entries: BunEntries,
  keyOf: Map<string, string>,
  warnings: WarningList,
): { direct: DirectDependency[]; requiredRoots: Set<string> } {
  const scopes = new Map<string, DependencyScope>();
  const requiredRoots = new Set<string>();
  for (const [folder, workspace] of Object.entries(workspaces)) {
    if (!isRecord(workspace)) {
      warnings.add(`workspace "${shorten(folder)}" is not an object; skipped`);
      continue;
    }
    const fromPath = folder === '' ? '' : (entries.memberPaths.get(folder) ?? '');
    for (const [section, scope, required] of WORKSPACE_SECTIONS) {
      for (const name of Object.keys(recordField(workspace, section) ?? {})) {
        const path = resolveInstallPath(entries, fromPath, name);
        const key = path === undefined ? undefined : keyOf.get(path);
        if (path === undefined && required) {
          warnings.add(`workspace "${shorten(folder)}" depends on ${shorten(name)}, which is not in the lockfile`);
        }
        if (key === undefined) continue;
        if (scopes.get(key) !== 'production') scopes.set(key, scope);
        if (required) requiredRoots.add(key);
      }
    }
  }
  return { direct: [...scopes].map(([key, scope]) => ({ key, scope })), requiredRoots };
}

/**
 * Derive `dev` from which direct dependencies lead to a package, and
 * `optional` for packages that only optional dependencies or optional peers
 * lead to.
 */
function applyFlags(merged: Map<string, MergedPackage>, direct: DirectDependency[], requiredRoots: Set<string>): void {
  const edges = new Map<string, string[]>();
  const requiredEdges = new Map<string, string[]>();
  for (const [key, m] of merged) {
    edges.set(key, m.pkg.dependencies);
    requiredEdges.set(key, [...m.requiredSet]);
  }
  const devFlags = deriveDevFlags(
    direct.filter((d) => d.scope === 'production').map((d) => d.key),
    direct.filter((d) => d.scope === 'development').map((d) => d.key),
    edges,
  );
  const reached = reachableFrom(direct.map((d) => d.key), edges);
  const required = reachableFrom(requiredRoots, requiredEdges);
  for (const [key, m] of merged) {
    const dev = devFlags.get(key);
    if (dev !== undefined) m.pkg.dev = dev;
    if (reached.has(key) && !required.has(key)) m.pkg.optional = true;
  }
}
