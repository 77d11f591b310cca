/**
 * npm lockfile version 1: the nested tree plus the project's package.json,
 * since a v1 lockfile does not say which top-level entries are direct.
 */
import type { DependencyScope, DirectDependency, LockfileParseResult, ParseContext } from '../types.js';
import { NO_KEY, visitJsonKeys } from './npm-json-lines.js';
import {
  folderOf,
  joinRelative,
  manifestDependencies,
  readManifest,
  type Manifest,
} from './npm-manifest.js';
import { flattenDependencyTree, MAX_V1_DEPTH, type DependencyTree } from './npm-v1-tree.js';
import type { WarningList } from './npm-warnings.js';

/**
 * Maps the install path of every v1 entry to the line of its key, found
 * at `dependencies.<a>.dependencies.<b>` in the JSON text.
 */
export function collectV1Lines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  visitJsonKeys(text, (parents, key, line) => {
    const depth = parents.length / 2;
    if (parents.length < 2 || parents.length % 2 !== 0 || depth > MAX_V1_DEPTH) return;
    if (parents[0] !== NO_KEY) return;
    let path = '';
    for (let i = 1; i < parents.length; i += 2) {
      if (parents[i] !== 'dependencies') return;
      const name = parents[i + 1];
      if (name !== undefined) path += `node_modules/${name}/`;
    }
    lines.set(`${path}node_modules/${key}`, line);
  });
  return lines;
}

/** Parses a version 1 lockfile whose top-level `dependencies` is `top`. */
export function parseVersion1(
  top: Record<string, unknown>,
  text: string,
  context: ParseContext,
  warnings: WarningList,
): Pick<LockfileParseResult, 'packages' | 'direct' | 'manifest'> {
  const tree = flattenDependencyTree(top, collectV1Lines(text), warnings);
  const manifestPath = joinRelative(folderOf(context.path), 'package.json') ?? 'package.json';
  const manifest = readManifest(context, manifestPath, warnings);
  if (manifest === undefined) {
    warnings.add(
      `${manifestPath} not readable; direct dependencies guessed as the top-level entries no other entry requires`,
    );
    return { packages: tree.packages, direct: guessDirect(tree) };
  }
  return {
    packages: tree.packages,
    direct: directFromManifest(tree, manifest, manifestPath, warnings),
    manifest: manifestPath,
  };
}

function directFromManifest(
  tree: DependencyTree,
  manifest: Manifest,
  manifestPath: string,
  warnings: WarningList,
): DirectDependency[] {
  const direct: DirectDependency[] = [];
  for (const dependency of manifestDependencies(manifest)) {
    const key = tree.index.resolve([''], dependency.name);
    if (key !== undefined) {
      direct.push({ key, scope: dependency.scope });
    } else if (!dependency.optional) {
      warnings.add(`${manifestPath}: dependency ${dependency.name} not found in the lockfile`);
    }
  }
  return direct;
}

/** Top-level entries that nothing requires must be direct; their `dev` flag gives the scope. */
function guessDirect(tree: DependencyTree): DirectDependency[] {
  const required = new Set<string>();
  for (const locked of tree.packages) {
    for (const key of locked.dependencies) required.add(key);
  }
  return tree.packages
    .filter((locked) => !locked.key.includes('/node_modules/') && !required.has(locked.key))
    .map((locked) => {
      const scope: DependencyScope = locked.dev === true ? 'development' : 'production';
      return { key: locked.key, scope };
    });
}
