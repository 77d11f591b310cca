/**
 * The `packages` section of npm lockfile versions 2 and 3: one entry per
 * install path, the root project under `""`, workspace folders linked from
 * `node_modules/<name>`.
 */
import type { DependencyScope, DirectDependency, LockedPackage } from '../types.js';
import { applyEntryMetadata } from './npm-entry.js';
import { isRecord, stringMap } from './npm-manifest.js';
import {
  MAX_KEY_LENGTH,
  NodeModulesIndex,
  lookupFolders,
  splitInstallPath,
} from './npm-node-modules.js';
import type { WarningList } from './npm-warnings.js';
import { matchesAnyWorkspace, normalizeFolder, workspacePatterns } from './npm-workspaces.js';

export interface PackagesSectionResult {
  packages: LockedPackage[];
  direct: DirectDependency[];
  projectName?: string;
  projectVersion?: string;
}

/** Resolution of a dependency name: a package key, a workspace of the project, or nothing. */
type Target = { kind: 'package'; key: string } | { kind: 'workspace' } | { kind: 'missing' };

/** Dependency fields of an entry, with whether a missing target deserves a warning. */
const EDGE_FIELDS = [
  { field: 'dependencies', required: true },
  { field: 'optionalDependencies', required: false },
  { field: 'peerDependencies', required: false },
] as const;

class PackagesSection {
  readonly index = new NodeModulesIndex();
  /** Link entries: install path to the folder it points at. */
  readonly links = new Map<string, string>();
  readonly workspaces = new Map<string, Record<string, unknown>>();
  readonly packages = new Map<string, { locked: LockedPackage; entry: Record<string, unknown> }>();

  constructor(
    private readonly lines: ReadonlyMap<string, number>,
    private readonly warnings: WarningList,
    private readonly workspaceGlobs: readonly string[],
  ) {}

  /** Sorts one `packages` entry into links, workspaces and packages. */
  addEntry(key: string, entry: unknown): void {
    if (!isRecord(entry)) {
      this.warnings.add(`packages["${key}"] is not an object; skipped`);
      return;
    }
    if (key.length > MAX_KEY_LENGTH || lookupFolders(key) === undefined) {
      this.warnings.add(`packages key is longer or deeper than npm writes; skipped: ${key.slice(0, 80)}…`);
      return;
    }

    const install = splitInstallPath(key);
    if (install !== undefined) this.index.add(key);
    if (entry.link === true) {
      const target = typeof entry.resolved === 'string' ? normalizeFolder(entry.resolved) : '';
      this.links.set(key, target);
    } else if (install === undefined && matchesAnyWorkspace(key, this.workspaceGlobs)) {
      this.workspaces.set(key, entry);
    } else {
      this.addPackage(key, install?.name, entry);
    }
  }

  /** Adds an installed package, or a local folder when `installName` is undefined. */
  private addPackage(key: string, installName: string | undefined, entry: Record<string, unknown>): void {
    // npm writes `name` only when it differs from the folder name: for
    // aliases, and for local folders whose package is named otherwise.
    const folderName = installName ?? key.slice(key.lastIndexOf('/') + 1);
    const name = typeof entry.name === 'string' && entry.name !== '' ? entry.name : folderName;
    const version = entry.version;
    if (name === '' || typeof version !== 'string' || version === '') {
      this.warnings.add(`packages["${key}"] has no ${name === '' ? 'name' : 'version'}; skipped`);
      return;
    }

    const locked: LockedPackage = { key, name, version, ecosystem: 'npm', dependencies: [] };
    const line = this.lines.get(key);
    if (line !== undefined) locked.line = line;
    applyEntryMetadata(locked, entry);
    // A folder outside node_modules that is no workspace comes from a `file:` dependency.
    if (installName === undefined && locked.source === undefined) locked.source = key;
    this.packages.set(key, { locked, entry });
  }

  /** Resolves `name` from a package or folder with lookup `folders`, following links. */
  resolve(folders: readonly string[], name: string): Target {
    const key = this.index.resolve(folders, name);
    if (key === undefined) return { kind: 'missing' };
    const linked = this.links.get(key);
    if (linked === undefined) {
      return this.packages.has(key) ? { kind: 'package', key } : { kind: 'missing' };
    }
    if (this.workspaces.has(linked)) return { kind: 'workspace' };
    return this.packages.has(linked) ? { kind: 'package', key: linked } : { kind: 'missing' };
  }

  /** Fills each package's `dependencies` with the keys its entry's names resolve to. */
  linkDependencies(): void {
    for (const { locked, entry } of this.packages.values()) {
      const folders = lookupFolders(locked.key) ?? [];
      const keys = new Set<string>();
      for (const { field, required } of EDGE_FIELDS) {
        for (const name of stringMap(entry[field]).keys()) {
          const target = this.resolve(folders, name);
          if (target.kind === 'package' && target.key !== locked.key) keys.add(target.key);
          if (target.kind === 'missing' && required) {
            this.warnings.add(`${locked.key}: dependency ${name} not found in the lockfile`);
          }
        }
      }
      locked.dependencies = [...keys];
    }
  }

  /** Collects the direct dependencies of the root entry and of every workspace. */
  directDependencies(root: Record<string, unknown> | undefined): DirectDependency[] {
    const scopes = new Map<string, DependencyScope>();
    const owners: Array<[string, Record<string, unknown>]> = [];
    if (root !== undefined) owners.push(['', root]);
    owners.push(...this.workspaces);
    for (const [folder, entry] of owners) {
      this.addDirectOf(folder, entry, scopes);
    }
    return [...scopes].map(([key, scope]) => ({ key, scope }));
  }

  private addDirectOf(
    folder: string,
    entry: Record<string, unknown>,
    scopes: Map<string, DependencyScope>,
  ): void {
    const folders = lookupFolders(folder) ?? [''];
    const sections: Array<[string, DependencyScope, boolean]> = [
      ['dependencies', 'production', true],
      ['optionalDependencies', 'production', false],
      ['peerDependencies', 'production', false],
      ['devDependencies', 'development', true],
    ];
    for (const [field, scope, required] of sections) {
      for (const name of stringMap(entry[field]).keys()) {
        const target = this.resolve(folders, name);
        if (target.kind === 'package') {
          if (scopes.get(target.key) !== 'production') scopes.set(target.key, scope);
        } else if (target.kind === 'missing' && required) {
          const owner = folder === '' ? 'root project' : `workspace ${folder}`;
          this.warnings.add(`${owner}: ${field} entry ${name} not found in the lockfile`);
        }
      }
    }
  }
}

/** Reads a lockfile's `packages` object, where `lines` maps keys to their lines. */
export function parsePackagesSection(
  packages: Record<string, unknown>,
  lines: ReadonlyMap<string, number>,
  warnings: WarningList,
): PackagesSectionResult {
  const root = isRecord(packages['']) ? packages[''] : undefined;
  if (root === undefined) warnings.add('no root entry (packages[""]); direct dependencies unknown');
  const section = new PackagesSection(lines, warnings, workspacePatterns(root?.workspaces));
  for (const [key, entry] of Object.entries(packages)) {
    if (key !== '') section.addEntry(key, entry);
  }
  section.linkDependencies();

  const result: PackagesSectionResult = {
    packages: [...section.packages.values()].map(({ locked }) => locked),
    direct: section.directDependencies(root),
  };
  if (typeof root?.name === 'string') result.projectName = root.name;
  if (typeof root?.version === 'string') result.projectVersion = root.version;
  return result;
}
