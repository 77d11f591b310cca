/**
 * Loading the manifests of a Cargo workspace next to a Cargo.lock: the root
 * Cargo.toml and the Cargo.toml of each literal `[workspace] members` path.
 */
import { posix } from 'node:path';
import type { ParseContext } from '../types.js';
import { parseCargoManifest, type CargoManifest } from './cargo-manifest.js';

export interface CargoMember {
  /** Folder of the member relative to the scan root, `''` for the root itself. */
  folder: string;
  manifest: CargoManifest;
}

export interface CargoWorkspace {
  /** Relative path of the root Cargo.toml, when it was read. */
  rootManifestPath?: string;
  root?: CargoManifest;
  /** Workspace crates by package name. */
  members: Map<string, CargoMember>;
  warnings: string[];
}

function joinPath(folder: string, relative: string): string {
  const joined = posix.normalize(folder === '' ? relative : `${folder}/${relative}`);
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}

function hasGlob(path: string): boolean {
  return path.includes('*') || path.includes('?') || path.includes('[');
}

function readManifest(context: ParseContext, path: string, warnings: string[], parse: (text: string) => CargoManifest): CargoManifest | undefined {
  const text = context.readFile(path);
  if (text === undefined) return undefined;
  try {
    return parse(text);
  } catch (error) {
    warnings.push(`${path} is not valid TOML (${(error as Error).message.split('\n')[0]}); its dependencies are treated as production`);
    return undefined;
  }
}

/** Reads the member manifests the root lists. Glob patterns are not expanded, because parsers cannot list folders. */
function addMembers(context: ParseContext, lockFolder: string, root: CargoManifest, workspace: CargoWorkspace): void {
  for (const member of root.workspaceMembers) {
    if (hasGlob(member)) {
      workspace.warnings.push(`workspace member pattern "${member}" cannot be expanded; the dev and build dependencies of those crates count as production`);
      continue;
    }
    const folder = joinPath(lockFolder, member);
    if (folder.startsWith('..')) {
      workspace.warnings.push(`workspace member "${member}" lies outside the scanned folder; its dependencies count as production`);
      continue;
    }
    const path = folder === '' ? 'Cargo.toml' : `${folder}/Cargo.toml`;
    const manifest = readManifest(context, path, workspace.warnings, (text) => parseCargoManifest(text, root.workspaceDependencies));
    if (manifest === undefined) {
      if (!workspace.warnings.some((warning) => warning.startsWith(path))) {
        workspace.warnings.push(`${path} of workspace member "${member}" not found; its dependencies count as production`);
      }
      continue;
    }
    if (manifest.packageName !== undefined) workspace.members.set(manifest.packageName, { folder, manifest });
  }
}

/** Loads the workspace around the Cargo.lock at `lockPath`. Problems become warnings. */
export function loadCargoWorkspace(context: ParseContext, lockPath: string): CargoWorkspace {
  const folder = posix.dirname(lockPath) === '.' ? '' : posix.dirname(lockPath);
  const rootPath = folder === '' ? 'Cargo.toml' : `${folder}/Cargo.toml`;
  const workspace: CargoWorkspace = { members: new Map(), warnings: [] };
  const root = readManifest(context, rootPath, workspace.warnings, (text) => parseCargoManifest(text));
  if (root === undefined) {
    if (workspace.warnings.length === 0) {
      workspace.warnings.push(`${rootPath} not found; every package without a source counts as a workspace crate and its dependencies as production`);
    }
    return workspace;
  }
  workspace.root = root;
  workspace.rootManifestPath = rootPath;
  if (root.packageName !== undefined) workspace.members.set(root.packageName, { folder, manifest: root });
  addMembers(context, folder, root, workspace);
  return workspace;
}
