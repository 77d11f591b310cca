/**
 * The parts of Cargo.toml that Cargo.lock lacks: which packages are the
 * workspace's own crates, and whether each dependency of a crate is a
 * normal, dev or build dependency.
 */
import { parse as parseToml, type TomlTable } from 'smol-toml';

export type CargoDependencyKind = 'normal' | 'dev' | 'build';

export interface CargoManifest {
  /** `[package] name`, undefined for a virtual workspace root. */
  packageName?: string;
  packageVersion?: string;
  /** `[workspace] members` exactly as written. */
  workspaceMembers: string[];
  /** Real package name (after `package = "..."` renames) to the kinds of section that list it. */
  dependencyKinds: Map<string, Set<CargoDependencyKind>>;
  /** Real package name to the `path` given for it, relative to the manifest's folder. */
  dependencyPaths: Map<string, string>;
  /** The root's `[workspace.dependencies]`, which members inherit with `workspace = true`. */
  workspaceDependencies?: TomlTable;
}

const SECTIONS: Array<[string, CargoDependencyKind]> = [
  ['dependencies', 'normal'],
  ['dev-dependencies', 'dev'],
  ['dev_dependencies', 'dev'],
  ['build-dependencies', 'build'],
  ['build_dependencies', 'build'],
];

function asTable(value: unknown): TomlTable | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
    ? (value as TomlTable)
    : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Returns the real package name of a dependency entry. A `package` key
 * renames it, and `workspace = true` takes the rename from the root's
 * `[workspace.dependencies]`.
 */
function realName(key: string, entry: unknown, workspaceDependencies: TomlTable | undefined): string {
  const table = asTable(entry);
  if (table === undefined) return key;
  const renamed = asString(table['package']);
  if (renamed !== undefined) return renamed;
  if (table['workspace'] === true) {
    return asString(asTable(workspaceDependencies?.[key])?.['package']) ?? key;
  }
  return key;
}

function addSection(manifest: CargoManifest, section: unknown, kind: CargoDependencyKind, workspaceDependencies: TomlTable | undefined): void {
  const table = asTable(section);
  if (table === undefined) return;
  for (const [key, entry] of Object.entries(table)) {
    const name = realName(key, entry, workspaceDependencies);
    const kinds = manifest.dependencyKinds.get(name) ?? new Set<CargoDependencyKind>();
    kinds.add(kind);
    manifest.dependencyKinds.set(name, kinds);
    const path = asString(asTable(entry)?.['path']);
    if (path !== undefined) manifest.dependencyPaths.set(name, path);
  }
}

/** Adds the dependency sections of one table: the manifest's top level or one `[target.<cfg>]` table. */
function addSections(manifest: CargoManifest, table: TomlTable, workspaceDependencies: TomlTable | undefined): void {
  for (const [section, kind] of SECTIONS) {
    addSection(manifest, table[section], kind, workspaceDependencies);
  }
}

/**
 * Parses Cargo.toml text. `workspaceDependencies` is the root manifest's
 * `[workspace.dependencies]` table, for members that inherit entries.
 * Throws the TOML parser's error for invalid TOML.
 */
export function parseCargoManifest(text: string, workspaceDependencies?: TomlTable): CargoManifest {
  const document = parseToml(text);
  const packageTable = asTable(document['package']);
  const workspace = asTable(document['workspace']);
  const ownWorkspaceDependencies = asTable(workspace?.['dependencies']);
  const inherited = workspaceDependencies ?? ownWorkspaceDependencies;
  const manifest: CargoManifest = {
    workspaceMembers: [],
    dependencyKinds: new Map(),
    dependencyPaths: new Map(),
  };
  const name = asString(packageTable?.['name']);
  if (name !== undefined) manifest.packageName = name;
  const version = asString(packageTable?.['version']);
  if (version !== undefined) manifest.packageVersion = version;
  const members = workspace?.['members'];
  if (Array.isArray(members)) {
    manifest.workspaceMembers = members.filter((member): member is string => typeof member === 'string');
  }
  if (ownWorkspaceDependencies !== undefined) manifest.workspaceDependencies = ownWorkspaceDependencies;
  addSections(manifest, document, inherited);
  const targets = asTable(document['target']);
  for (const target of Object.values(targets ?? {})) {
    const table = asTable(target);
    if (table !== undefined) addSections(manifest, table, inherited);
  }
  return manifest;
}
