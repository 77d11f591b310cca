/**
 * NuGet packages.lock.json parser (lockfile versions 1 and 2). The file
 * has one section per target framework, and per runtime identifier
 * (`net8.0/linux-x64`). The parser merges them, so a package at the same
 * version in several sections is one package with the union of its edges.
 *
 * Entry types: `Direct` (a PackageReference of the project), `Transitive`,
 * `CentralTransitive` (a transitive pinned by central package management)
 * and `Project` (a project reference, with no version of its own). Project
 * references are part of the scanned code, so they are not packages, and
 * their dependencies count as direct dependencies of this project.
 * NuGet has no development dependencies, so every scope is production.
 */
import { posix } from 'node:path';
import type { Node } from 'jsonc-parser';
import {
  LockfileError,
  type LockedPackage,
  type LockfileParseResult,
  type LockfileParser,
  type ParseContext,
} from '../types.js';
import { LineIndex } from '../../../core/line-index.js';
import { NugetJsonError, objectProperties, parseJsonTree, propertyValue, stringProperty } from './nuget-json.js';

const KNOWN_TYPES = new Set(['Direct', 'Transitive', 'CentralTransitive', 'Project']);
/** Names listed in a warning before the rest are counted. */
const MAX_LISTED = 10;

interface State {
  /** Packages by lower-cased `name@version`, since NuGet ids are case-insensitive. */
  packages: Map<string, LockedPackage>;
  direct: Set<string>;
  warnings: string[];
  unresolved: string[];
  lines: LineIndex;
}

/** Decodes a base64 SHA-512 content hash to hex, or undefined when it is not 64 bytes. */
function contentHashHex(hash: string | undefined): string | undefined {
  if (hash === undefined) return undefined;
  const bytes = Buffer.from(hash, 'base64');
  return bytes.length === 64 ? bytes.toString('hex') : undefined;
}

function summarise(label: string, items: string[]): string {
  const more = items.length > MAX_LISTED ? ` and ${items.length - MAX_LISTED} more` : '';
  return `${label}: ${items.slice(0, MAX_LISTED).join(', ')}${more}`;
}

/** Adds the packages of one framework section and returns its lower-cased name to key map. */
function addPackages(section: Node, framework: string, state: State): Map<string, string> {
  const keysByName = new Map<string, string>();
  for (const [name, keyNode, entry] of objectProperties(section)) {
    const type = stringProperty(entry, 'type') ?? '';
    if (type === 'Project') continue;
    if (!KNOWN_TYPES.has(type)) state.warnings.push(`${framework}: ${name} has unknown type "${type}"; read as transitive`);
    const version = stringProperty(entry, 'resolved');
    if (version === undefined || version === '') {
      state.warnings.push(`${framework}: ${name} has no resolved version; skipped`);
      continue;
    }
    const id = `${name}@${version}`.toLowerCase();
    let locked = state.packages.get(id);
    if (locked === undefined) {
      locked = { key: `${name}@${version}`, name, version, ecosystem: 'NuGet', dependencies: [], line: state.lines.lineOf(keyNode.offset) };
      const hash = contentHashHex(stringProperty(entry, 'contentHash'));
      if (hash !== undefined) locked.hashes = [{ algorithm: 'SHA-512', value: hash }];
      state.packages.set(id, locked);
    }
    keysByName.set(name.toLowerCase(), locked.key);
    if (type === 'Direct') state.direct.add(locked.key);
  }
  return keysByName;
}

/** Resolves each entry's `dependencies` (name to version range) to the package of that name in the same section. */
function addEdges(section: Node, framework: string, keysByName: Map<string, string>, state: State): void {
  for (const [name, , entry] of objectProperties(section)) {
    const type = stringProperty(entry, 'type');
    const version = stringProperty(entry, 'resolved');
    const from = type === 'Project' ? undefined : state.packages.get(`${name}@${version}`.toLowerCase());
    for (const [dependency] of objectProperties(propertyValue(entry, 'dependencies'))) {
      const target = keysByName.get(dependency.toLowerCase());
      if (target === undefined) {
        state.unresolved.push(`${dependency} (from ${name} in ${framework})`);
      } else if (type === 'Project') {
        state.direct.add(target);
      } else if (from !== undefined && !from.dependencies.includes(target)) {
        from.dependencies.push(target);
      }
    }
  }
}

function readRoot(text: string, path: string): Node {
  try {
    return parseJsonTree(text);
  } catch (error) {
    if (error instanceof NugetJsonError) throw new LockfileError(path, error.message, { cause: error });
    throw error;
  }
}

function parseNugetLock(text: string, context: ParseContext): LockfileParseResult {
  const root = readRoot(text, context.path);
  const version = propertyValue(root, 'version');
  const frameworks = propertyValue(root, 'dependencies');
  if (root.type !== 'object' || version?.type !== 'number' || frameworks?.type !== 'object') {
    throw new LockfileError(context.path, 'not a NuGet lockfile: expected an object with a numeric "version" and a "dependencies" object');
  }
  const state: State = { packages: new Map(), direct: new Set(), warnings: [], unresolved: [], lines: new LineIndex(text) };
  if (version.value !== 1 && version.value !== 2) {
    state.warnings.push(`lockfile version ${String(version.value)} is not 1 or 2; read as version 2`);
  }
  for (const [framework, , section] of objectProperties(frameworks)) {
    const keysByName = addPackages(section, framework, state);
    addEdges(section, framework, keysByName, state);
  }
  if (state.unresolved.length > 0) {
    state.warnings.push(summarise('dependencies not listed in the same framework were dropped', state.unresolved));
  }
  return {
    ecosystem: 'NuGet',
    packages: [...state.packages.values()],
    direct: [...state.direct].map((key) => ({ key, scope: 'production' as const })),
    warnings: state.warnings,
  };
}

/** Parser for NuGet packages.lock.json files. */
export const nugetLockParser: LockfileParser = {
  id: 'nuget-lock',
  matches: (path) => posix.basename(path) === 'packages.lock.json',
  parse: parseNugetLock,
};
