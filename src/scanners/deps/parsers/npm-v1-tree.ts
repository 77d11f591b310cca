/**
 * The nested `dependencies` tree of npm lockfile version 1 (npm 5 and 6).
 * Each entry's children sit in its own `dependencies`, and `requires`
 * names what it needs, found by node's lookup up the tree. Entries get the
 * install path a v2 lockfile would use (`node_modules/a/node_modules/b`),
 * so duplicates stay distinct and keys match across lockfile versions.
 */
import type { LockedPackage } from '../types.js';
import { applyEntryMetadata, parseAliasSpec } from './npm-entry.js';
import { isRecord, stringMap } from './npm-manifest.js';
import {
  MAX_KEY_LENGTH,
  MAX_LOOKUP_DEPTH,
  NodeModulesIndex,
  lookupFolders,
} from './npm-node-modules.js';
import type { WarningList } from './npm-warnings.js';

/** Deepest nesting read; lookups cannot walk further, and real trees stay far below it. */
export const MAX_V1_DEPTH = MAX_LOOKUP_DEPTH - 1;

interface PendingLevel {
  parentKey: string;
  children: Record<string, unknown>;
  depth: number;
}

export interface DependencyTree {
  packages: LockedPackage[];
  index: NodeModulesIndex;
  /** Names each package `requires`, by key. */
  requires: Map<string, Map<string, string>>;
}

/**
 * Flattens the tree breadth first, with an explicit queue, so that no
 * nesting depth can overflow the call stack.
 */
export function flattenDependencyTree(
  top: Record<string, unknown>,
  lines: ReadonlyMap<string, number>,
  warnings: WarningList,
): DependencyTree {
  const tree: DependencyTree = { packages: [], index: new NodeModulesIndex(), requires: new Map() };
  const queue: PendingLevel[] = [{ parentKey: '', children: top, depth: 1 }];
  let tooDeep = false;
  for (let next = 0; next < queue.length; next++) {
    const level = queue[next] as PendingLevel;
    for (const [folderName, entry] of Object.entries(level.children)) {
      const key = installPath(level.parentKey, folderName);
      const locked = lockedPackage(key, folderName, entry, lines, warnings);
      if (locked === undefined) continue;
      if (key.length > MAX_KEY_LENGTH || !tree.index.add(key)) {
        warnings.add(`invalid or overlong package name in dependencies: ${key.slice(0, 80)}`);
        continue;
      }
      tree.packages.push(locked);
      const record = entry as Record<string, unknown>;
      tree.requires.set(key, stringMap(record.requires));
      if (!isRecord(record.dependencies)) continue;
      if (level.depth >= MAX_V1_DEPTH) {
        tooDeep = true;
      } else {
        queue.push({ parentKey: key, children: record.dependencies, depth: level.depth + 1 });
      }
    }
  }
  if (tooDeep) warnings.add(`dependencies nested deeper than ${MAX_V1_DEPTH} levels were skipped`);
  linkRequires(tree, warnings);
  return tree;
}

function installPath(parentKey: string, folderName: string): string {
  return parentKey === '' ? `node_modules/${folderName}` : `${parentKey}/node_modules/${folderName}`;
}

function lockedPackage(
  key: string,
  folderName: string,
  entry: unknown,
  lines: ReadonlyMap<string, number>,
  warnings: WarningList,
): LockedPackage | undefined {
  if (!isRecord(entry) || typeof entry.version !== 'string' || entry.version === '') {
    warnings.add(`${key}: entry has no version; skipped`);
    return undefined;
  }
  // npm 6 writes aliases as `"my-ms": { "version": "npm:ms@2.1.2" }`, and
  // git or file dependencies with their spec in place of a version.
  const alias = parseAliasSpec(entry.version);
  const locked: LockedPackage = {
    key,
    name: alias?.name ?? folderName,
    version: alias?.version ?? entry.version,
    ecosystem: 'npm',
    dependencies: [],
  };
  const line = lines.get(key);
  if (line !== undefined) locked.line = line;
  applyEntryMetadata(locked, entry);
  if (alias === undefined && locked.source === undefined && entry.version.includes(':')) {
    locked.source = entry.version;
  }
  return locked;
}

function linkRequires(tree: DependencyTree, warnings: WarningList): void {
  for (const locked of tree.packages) {
    const folders = lookupFolders(locked.key) ?? [];
    const keys = new Set<string>();
    for (const name of tree.requires.get(locked.key)?.keys() ?? []) {
      const target = tree.index.resolve(folders, name);
      if (target === undefined) {
        warnings.add(`${locked.key}: required ${name} not found in the lockfile`);
      } else if (target !== locked.key) {
        keys.add(target);
      }
    }
    locked.dependencies = [...keys];
  }
}
