/**
 * Pipfile.lock, the JSON lockfile of pipenv. Sections `default` and
 * `develop` (plus any custom category) map names to `{version: "==x",
 * hashes, markers}`. The file contains no dependency graph, so every package
 * has an empty `dependencies` list. The sibling Pipfile tells which packages are direct.
 */
import type {
  DependencyScope,
  DirectDependency,
  LockedPackage,
  LockfileParseResult,
  LockfileParser,
  ParseContext,
} from '../types.js';
import { LockfileError } from '../types.js';
import {
  addHash,
  isRecord,
  keysByName,
  normalizePythonName,
  parsePrefixedHash,
  siblingPath,
} from './python-common.js';
import { forEachPropertyLine, parseJsonDocument } from './python-json.js';
import { pipfileLockSectionScope, readPipfileDirect } from './python-pipfile.js';

const PYPI_HOSTS = ['https://pypi.org/', 'https://pypi.python.org/'];

interface LockState {
  path: string;
  packages: LockedPackage[];
  byKey: Map<string, LockedPackage>;
  /** Scope of each key from the lock sections it appears in. */
  sectionScopes: Map<string, DependencyScope>;
  lines: Map<string, number>;
  indexUrls: Map<string, string>;
  /** Normalised names of entries skipped for want of a version, so the Pipfile check does not report them again. */
  skippedNames: Set<string>;
  warnings: string[];
}

function parsePipfileLock(text: string, context: ParseContext): LockfileParseResult {
  const document = parseJsonDocument(text, context.path);
  if (!isRecord(document) || (!('default' in document) && !('develop' in document))) {
    throw new LockfileError(
      context.path,
      'not a Pipfile.lock: expected a JSON object with "default" and "develop" sections',
    );
  }
  const state: LockState = {
    path: context.path,
    packages: [],
    byKey: new Map(),
    sectionScopes: new Map(),
    lines: sectionLines(text),
    indexUrls: indexUrls(document['_meta']),
    skippedNames: new Set(),
    warnings: [],
  };
  for (const [section, entries] of Object.entries(document)) {
    if (section === '_meta') continue;
    if (!isRecord(entries))
      throw new LockfileError(context.path, `section "${section}" must be an object of packages`);
    for (const [name, entry] of Object.entries(entries)) readEntry(state, section, name, entry);
  }
  const result: LockfileParseResult = {
    ecosystem: 'PyPI',
    packages: state.packages,
    direct: [],
    warnings: state.warnings,
  };
  result.direct = directDependencies(state, context, result);
  return result;
}

/** Lines of the package names, keyed `section/name`. */
function sectionLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  forEachPropertyLine(text, 1, (path, property, line) => {
    if (path.length === 1) lines.set(`${String(path[0])}/${property}`, line);
  });
  return lines;
}

/** URLs of the package indexes in `_meta.sources`, by source name. */
function indexUrls(meta: unknown): Map<string, string> {
  const urls = new Map<string, string>();
  const sources = isRecord(meta) ? meta['sources'] : undefined;
  if (!Array.isArray(sources)) return urls;
  for (const source of sources) {
    if (
      isRecord(source) &&
      typeof source['name'] === 'string' &&
      typeof source['url'] === 'string'
    ) {
      urls.set(source['name'], source['url']);
    }
  }
  return urls;
}

function readEntry(state: LockState, section: string, rawName: string, entry: unknown): void {
  const where = `${state.path}: ${section}.${rawName}`;
  if (!isRecord(entry)) {
    state.warnings.push(`${where} is not an object; skipped`);
    return;
  }
  const version = pinnedVersion(entry['version']);
  const source = entrySource(state, entry);
  if (version === undefined || version === '') {
    const from = source === undefined ? '' : ` from ${source}`;
    state.warnings.push(`${where}${from} has no exact version; skipped`);
    state.skippedNames.add(normalizePythonName(rawName));
    return;
  }

  const name = normalizePythonName(rawName);
  const key = `${name}@${version}`;
  let locked = state.byKey.get(key);
  if (locked === undefined) {
    locked = { key, name, version, ecosystem: 'PyPI', dependencies: [] };
    const line = state.lines.get(`${section}/${rawName}`);
    if (line !== undefined) locked.line = line;
    if (source !== undefined) locked.source = source;
    state.byKey.set(key, locked);
    state.packages.push(locked);
  }
  addEntryHashes(locked, entry['hashes']);

  const scope = pipfileLockSectionScope(section);
  if (state.sectionScopes.get(key) !== 'production') state.sectionScopes.set(key, scope);
  locked.dev = state.sectionScopes.get(key) === 'development';
}

/** Returns the version of `==1.2.3` or `===1.2.3`, or undefined for anything else. */
function pinnedVersion(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.startsWith('===')) return value.slice(3);
  if (value.startsWith('==')) return value.slice(2);
  return undefined;
}

function entrySource(state: LockState, entry: Record<string, unknown>): string | undefined {
  if (typeof entry['git'] === 'string') {
    const ref = typeof entry['ref'] === 'string' ? `@${entry['ref']}` : '';
    return `git+${entry['git']}${ref}`;
  }
  for (const field of ['path', 'file']) {
    if (typeof entry[field] === 'string') return entry[field];
  }
  const index =
    typeof entry['index'] === 'string' ? state.indexUrls.get(entry['index']) : undefined;
  if (index !== undefined && !PYPI_HOSTS.some((host) => index.startsWith(host))) return index;
  return undefined;
}

function addEntryHashes(locked: LockedPackage, hashes: unknown): void {
  if (!Array.isArray(hashes)) return;
  for (const text of hashes) {
    if (typeof text !== 'string') continue;
    const hash = parsePrefixedHash(text);
    if (hash === undefined) continue;
    locked.hashes ??= [];
    addHash(locked.hashes, hash);
  }
}

function directDependencies(
  state: LockState,
  context: ParseContext,
  result: LockfileParseResult,
): DirectDependency[] {
  const manifestPath = siblingPath(context.path, 'Pipfile');
  const manifestText = context.readFile(manifestPath);
  const declared =
    manifestText === undefined ? undefined : readManifest(state, manifestText, manifestPath);
  if (declared === undefined) {
    if (manifestText === undefined) {
      state.warnings.push(
        `${context.path}: no Pipfile next to it; every locked package is reported as direct`,
      );
    }
    return [...state.sectionScopes].map(([key, scope]) => ({ key, scope }));
  }
  result.manifest = manifestPath;
  const byName = keysByName(state.packages);
  const direct: DirectDependency[] = [];
  for (const [name, scope] of declared) {
    const keys = byName.get(name);
    if (keys === undefined) {
      if (state.skippedNames.has(name)) continue;
      state.warnings.push(
        `${manifestPath}: "${name}" is not in ${context.path}; run "pipenv lock" to update it`,
      );
      continue;
    }
    for (const key of keys) direct.push({ key, scope });
  }
  return direct;
}

function readManifest(
  state: LockState,
  text: string,
  manifestPath: string,
): Map<string, DependencyScope> | undefined {
  try {
    return readPipfileDirect(text, manifestPath);
  } catch (error) {
    if (!(error instanceof LockfileError)) throw error;
    state.warnings.push(`${error.message}; every locked package is reported as direct`);
    return undefined;
  }
}

/** pipenv's Pipfile.lock. */
export const pipfileLockParser: LockfileParser = {
  id: 'pipfile-lock',
  matches: (path) => path === 'Pipfile.lock' || path.endsWith('/Pipfile.lock'),
  parse: parsePipfileLock,
};
