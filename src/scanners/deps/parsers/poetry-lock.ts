/**
 * poetry.lock: `[[package]]` tables with name, version, `[package.dependencies]`
 * and file hashes, either inline (`files = [...]`, Poetry 1.2+) or under
 * `[metadata.files]` (older versions). Direct dependencies come from the
 * sibling pyproject.toml.
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
  graphRoots,
  hashFromHex,
  isRecord,
  keysByName,
  normalizePythonName,
  parsePrefixedHash,
  siblingPath,
} from './python-common.js';
import { readPyproject, type PyprojectInfo } from './python-pyproject.js';
import { arrayTableLines, parseTomlDocument, stringOrUndefined } from './python-toml.js';

interface RawPackage {
  locked: LockedPackage;
  /** Dependency names (normalised) with whether Poetry marks them optional. */
  requires: { name: string; optional: boolean }[];
}

function parsePoetryLock(text: string, context: ParseContext): LockfileParseResult {
  const document = parseTomlDocument(text, context.path);
  const entries = document['package'] ?? [];
  if (!Array.isArray(entries) || (!('package' in document) && !isRecord(document['metadata']))) {
    throw new LockfileError(
      context.path,
      'not a poetry.lock: expected [[package]] tables and a [metadata] table',
    );
  }
  const warnings: string[] = [];
  const lines = arrayTableLines(text, 'package');
  const raws: RawPackage[] = [];
  const keys = new Set<string>();
  entries.forEach((entry, index) => {
    const raw = readPackage(entry, index, context.path, warnings);
    if (raw === undefined) return;
    if (lines.length === entries.length) raw.locked.line = lines[index];
    if (keys.has(raw.locked.key)) {
      warnings.push(`${context.path}: ${raw.locked.key} is locked twice; the first entry is used`);
      return;
    }
    keys.add(raw.locked.key);
    raws.push(raw);
  });

  addMetadataHashes(document['metadata'], raws);
  linkDependencies(raws, context.path, warnings);
  const packages = raws.map((raw) => raw.locked);
  const result: LockfileParseResult = { ecosystem: 'PyPI', packages, direct: [], warnings };
  result.direct = directDependencies(context, result);
  return result;
}

function readPackage(
  entry: unknown,
  index: number,
  path: string,
  warnings: string[],
): RawPackage | undefined {
  const name = isRecord(entry) ? stringOrUndefined(entry['name']) : undefined;
  const version = isRecord(entry) ? stringOrUndefined(entry['version']) : undefined;
  if (
    !isRecord(entry) ||
    name === undefined ||
    version === undefined ||
    name === '' ||
    version === ''
  ) {
    warnings.push(`${path}: [[package]] number ${index + 1} has no name or version; skipped`);
    return undefined;
  }
  const normalized = normalizePythonName(name);
  const locked: LockedPackage = {
    key: `${normalized}@${version}`,
    name: normalized,
    version,
    ecosystem: 'PyPI',
    dependencies: [],
  };
  if (entry['category'] === 'dev') locked.dev = true;
  else if (entry['category'] === 'main') locked.dev = false;
  if (entry['optional'] === true) locked.optional = true;
  const source = packageSource(entry['source']);
  if (source !== undefined) locked.source = source;
  addFileHashes(locked, entry['files']);
  return { locked, requires: requiredNames(entry['dependencies']) };
}

/** Returns where a package comes from when `[package.source]` names something other than PyPI. */
function packageSource(source: unknown): string | undefined {
  if (!isRecord(source)) return undefined;
  const url = stringOrUndefined(source['url']);
  if (url === undefined) return undefined;
  if (source['type'] !== 'git') return url;
  const revision =
    stringOrUndefined(source['resolved_reference']) ?? stringOrUndefined(source['reference']);
  return revision === undefined ? `git+${url}` : `git+${url}@${revision}`;
}

function addFileHashes(locked: LockedPackage, files: unknown): void {
  if (!Array.isArray(files)) return;
  for (const file of files) {
    const hash =
      isRecord(file) && typeof file['hash'] === 'string'
        ? parsePrefixedHash(file['hash'])
        : undefined;
    if (hash === undefined) continue;
    locked.hashes ??= [];
    addHash(locked.hashes, hash);
  }
}

/**
 * Names in `[package.dependencies]`. A value is a constraint string, a table
 * with `optional`, or an array of tables with one constraint per marker.
 */
function requiredNames(dependencies: unknown): { name: string; optional: boolean }[] {
  if (!isRecord(dependencies)) return [];
  return Object.entries(dependencies).map(([name, spec]) => {
    const variants = Array.isArray(spec) ? spec : [spec];
    const optional =
      variants.length > 0 &&
      variants.every((variant) => isRecord(variant) && variant['optional'] === true);
    return { name: normalizePythonName(name), optional };
  });
}

/**
 * Adds hashes from `[metadata.files]` (name -> [{file, hash}]) and from the
 * oldest `[metadata.hashes]` (name -> [hex]). Such lists cover every locked
 * version of a name, so with several versions only files whose name
 * carries the version are used.
 */
function addMetadataHashes(metadata: unknown, raws: RawPackage[]): void {
  if (!isRecord(metadata)) return;
  const files = isRecord(metadata['files']) ? metadata['files'] : {};
  const bare = isRecord(metadata['hashes']) ? metadata['hashes'] : {};
  const byName = new Map<string, RawPackage[]>();
  for (const raw of raws) {
    const sameName = byName.get(raw.locked.name);
    if (sameName === undefined) byName.set(raw.locked.name, [raw]);
    else sameName.push(raw);
  }
  for (const [name, list] of Object.entries(files)) {
    const owners = byName.get(normalizePythonName(name)) ?? [];
    for (const owner of owners) {
      const own =
        Array.isArray(list) && owners.length > 1
          ? list.filter((file) => fileHasVersion(file, owner.locked.version))
          : list;
      addFileHashes(owner.locked, own);
    }
  }
  for (const [name, list] of Object.entries(bare)) {
    const owners = byName.get(normalizePythonName(name)) ?? [];
    const owner = owners.length === 1 ? owners[0] : undefined;
    if (owner === undefined || !Array.isArray(list)) continue;
    for (const hex of list) {
      const hash = typeof hex === 'string' ? hashFromHex('sha256', hex) : undefined;
      if (hash === undefined) continue;
      owner.locked.hashes ??= [];
      addHash(owner.locked.hashes, hash);
    }
  }
}

function fileHasVersion(file: unknown, version: string): boolean {
  const name = isRecord(file) ? stringOrUndefined(file['file']) : undefined;
  return (
    name !== undefined &&
    (name.includes(`-${version}-`) ||
      name.includes(`-${version}.tar`) ||
      name.includes(`-${version}.zip`))
  );
}

function linkDependencies(raws: RawPackage[], path: string, warnings: string[]): void {
  const byName = keysByName(raws.map((raw) => raw.locked));
  for (const raw of raws) {
    const dependencies = new Set<string>();
    for (const requirement of raw.requires) {
      const keys = byName.get(requirement.name) ?? [];
      for (const key of keys) dependencies.add(key);
      // Poetry does not lock the optional dependencies of extras that no dependent requests.
      if (keys.length === 0 && !requirement.optional) {
        warnings.push(
          `${path}: ${raw.locked.key} depends on ${requirement.name}, which is not locked`,
        );
      }
    }
    raw.locked.dependencies = [...dependencies];
  }
}

function directDependencies(
  context: ParseContext,
  result: LockfileParseResult,
): DirectDependency[] {
  const manifestPath = siblingPath(context.path, 'pyproject.toml');
  const manifestText = context.readFile(manifestPath);
  let info: PyprojectInfo | undefined;
  if (manifestText === undefined) {
    result.warnings.push(
      `${context.path}: no pyproject.toml next to it; packages that nothing depends on are reported as direct`,
    );
  } else {
    try {
      info = readPyproject(manifestText, manifestPath);
    } catch (error) {
      if (!(error instanceof LockfileError)) throw error;
      result.warnings.push(
        `${error.message}; packages that nothing depends on are reported as direct`,
      );
    }
  }
  if (info === undefined) {
    const byKey = new Map(result.packages.map((entry) => [entry.key, entry]));
    return graphRoots(result.packages).map((key) => ({
      key,
      scope: byKey.get(key)?.dev === true ? 'development' : 'production',
    }));
  }
  result.manifest = manifestPath;
  if (info.name !== undefined) result.projectName = info.name;
  if (info.version !== undefined) result.projectVersion = info.version;
  return declaredDirect(info.direct, result, context.path, manifestPath);
}

function declaredDirect(
  declared: Map<string, DependencyScope>,
  result: LockfileParseResult,
  path: string,
  manifestPath: string,
): DirectDependency[] {
  const byName = keysByName(result.packages);
  const direct: DirectDependency[] = [];
  for (const [name, scope] of declared) {
    const keys = byName.get(name);
    if (keys === undefined) {
      result.warnings.push(
        `${manifestPath}: "${name}" is not in ${path}; run "poetry lock" to update it`,
      );
      continue;
    }
    for (const key of keys) direct.push({ key, scope });
  }
  return direct;
}

/** Poetry's poetry.lock. */
export const poetryLockParser: LockfileParser = {
  id: 'poetry-lock',
  matches: (path) => path === 'poetry.lock' || path.endsWith('/poetry.lock'),
  parse: parsePoetryLock,
};
