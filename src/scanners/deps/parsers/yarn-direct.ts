/**
 * Direct dependencies of a yarn project. yarn.lock records no direct or
 * development flags, so they come from package.json: the one next to the
 * lockfile and those of the workspaces.
 */
import type { DependencyScope, DirectDependency, ParseContext } from '../types.js';
import {
  folderOf,
  joinRelative,
  manifestDependencies,
  readManifest,
  type Manifest,
} from './npm-manifest.js';
import type { WarningList } from './npm-warnings.js';
import { hasGlob, matchesAnyWorkspace, workspacePatterns } from './npm-workspaces.js';
import type { BerryWorkspace } from './yarn-berry.js';
import type { YarnGraph } from './yarn-graph.js';

export interface DirectResult {
  direct: DirectDependency[];
  manifest?: string;
  projectName?: string;
  projectVersion?: string;
}

/** Records `key` as direct, where production wins over development when both declare it. */
function addDirect(scopes: Map<string, DependencyScope>, key: string, scope: DependencyScope): void {
  if (scopes.get(key) !== 'production') scopes.set(key, scope);
}

function toDirect(scopes: ReadonlyMap<string, DependencyScope>): DirectDependency[] {
  return [...scopes].map(([key, scope]) => ({ key, scope }));
}

function projectOf(manifest: Manifest, path: string): DirectResult {
  const result: DirectResult = { direct: [], manifest: path };
  if (typeof manifest.name === 'string') result.projectName = manifest.name;
  if (typeof manifest.version === 'string') result.projectVersion = manifest.version;
  return result;
}

interface V1Workspaces {
  /** Manifests whose dependencies are direct, with their paths, the root first. */
  owners: Array<[string, Manifest]>;
  /** Package names of the workspaces read, which the lockfile does not list. */
  members: Set<string>;
  /** Flag set when some workspace pattern was a glob that could not be expanded. */
  unexpanded: boolean;
}

/**
 * Replace each glob pattern by the folders it matches among the package.json
 * files discovery found, when the caller listed them; without that list a
 * glob stays as it is and counts as unexpanded.
 */
function expandWorkspaces(patterns: string[], folder: string, context: ParseContext): string[] {
  const manifests = context.packageManifests;
  if (manifests === undefined) return patterns;
  const prefix = folder === '' ? '' : `${folder}/`;
  const folders = manifests
    .filter((path) => path.startsWith(prefix) && path.endsWith('/package.json'))
    .map((path) => path.slice(prefix.length, -'/package.json'.length));
  return patterns.flatMap((pattern) => {
    if (!hasGlob(pattern) || pattern.startsWith('!')) return hasGlob(pattern) ? [] : [pattern];
    return folders.filter((candidate) => matchesAnyWorkspace(candidate, [pattern])).sort();
  });
}

/** Reads the package.json of every workspace that `root` names, expanding globs where it can. */
function readV1Workspaces(
  root: Manifest,
  rootPath: string,
  context: ParseContext,
  warnings: WarningList,
): V1Workspaces {
  const folder = folderOf(context.path);
  const workspaces: V1Workspaces = { owners: [[rootPath, root]], members: new Set(), unexpanded: false };
  for (const pattern of expandWorkspaces(workspacePatterns(root.workspaces), folder, context)) {
    if (hasGlob(pattern)) {
      workspaces.unexpanded = true;
      continue;
    }
    const path = joinRelative(folder, pattern, 'package.json');
    const member = path === undefined ? undefined : readManifest(context, path, warnings);
    if (path === undefined || member === undefined) {
      warnings.add(`workspace ${pattern} has no readable package.json; its direct dependencies are missing`);
      continue;
    }
    workspaces.owners.push([path, member]);
    if (typeof member.name === 'string') workspaces.members.add(member.name);
  }
  return workspaces;
}

/**
 * Collects the direct dependencies of a yarn 1 project: the root package.json and the
 * workspaces it names by explicit folder. Glob patterns cannot be expanded
 * through `ParseContext`, so then the entries nothing depends on are taken
 * as direct production dependencies, with a warning.
 */
export function v1Direct(graph: YarnGraph, context: ParseContext, warnings: WarningList): DirectResult {
  const manifestPath = joinRelative(folderOf(context.path), 'package.json') ?? 'package.json';
  const root = readManifest(context, manifestPath, warnings);
  const scopes = new Map<string, DependencyScope>();
  if (root === undefined) {
    warnings.add(`${manifestPath} not readable; direct dependencies guessed as the entries nothing depends on`);
    for (const key of graph.roots()) scopes.set(key, 'production');
    return { direct: toDirect(scopes) };
  }

  const { owners, members, unexpanded } = readV1Workspaces(root, manifestPath, context, warnings);
  for (const [path, manifest] of owners) {
    for (const dependency of manifestDependencies(manifest)) {
      const target = graph.resolve(`${dependency.name}@${dependency.range}`);
      if (target?.kind === 'package') {
        addDirect(scopes, target.key, dependency.scope);
      } else if (!dependency.optional && !members.has(dependency.name)) {
        warnings.add(`${path}: ${dependency.name}@${dependency.range} has no entry in the lockfile`);
      }
    }
  }

  if (unexpanded) {
    warnings.add(
      'workspace globs cannot be expanded from the lockfile; entries nothing depends on are taken as direct production dependencies',
    );
    for (const key of graph.roots()) if (!scopes.has(key)) scopes.set(key, 'production');
  }
  return { ...projectOf(root, manifestPath), direct: toDirect(scopes) };
}

/**
 * Collects the direct dependencies of a Berry project: the `dependencies` of every
 * workspace entry in the lockfile, with the scope from that workspace's
 * package.json (production when the manifest cannot be read).
 */
export function berryDirect(
  graph: YarnGraph,
  workspaces: readonly BerryWorkspace[],
  context: ParseContext,
  warnings: WarningList,
): DirectResult {
  const folder = folderOf(context.path);
  const scopes = new Map<string, DependencyScope>();
  let result: DirectResult = { direct: [] };
  if (workspaces.length === 0) warnings.add('no workspace entry for the project; direct dependencies unknown');

  for (const workspace of workspaces) {
    const path = joinRelative(folder, workspace.folder, 'package.json');
    const manifest = path === undefined ? undefined : readManifest(context, path, warnings);
    if (manifest === undefined) {
      warnings.add(`package.json of workspace ${workspace.name} not readable; its dependencies count as production`);
    } else if (workspace.folder === '.' && path !== undefined) {
      result = projectOf(manifest, path);
    }
    const declared = new Map(
      manifest === undefined ? [] : manifestDependencies(manifest).map((item) => [item.name, item.scope]),
    );
    for (const [name, range] of workspace.dependencies) {
      const target = graph.resolve(`${name}@${range}`, workspace.resolution);
      if (target?.kind === 'package') {
        addDirect(scopes, target.key, declared.get(name) ?? 'production');
      } else if (target === undefined && !workspace.optional.has(name)) {
        warnings.add(`workspace ${workspace.name}: ${name}@${range} has no entry in the lockfile`);
      }
    }
  }
  if (result.projectName === undefined) {
    const root = workspaces.find((workspace) => workspace.folder === '.');
    if (root !== undefined) result.projectName = root.name;
  }
  return { ...result, direct: toDirect(scopes) };
}
