/**
 * Dart and Flutter pubspec.lock parser. Each entry of `packages` states
 * whether it is `direct main`, `direct dev`, `direct overridden` (listed
 * under `dependency_overrides`) or `transitive`, and where it comes from:
 * `hosted` (pub.dev or another server), `git`, `path` or `sdk`.
 * pubspec.lock records no dependency graph, so every package has empty
 * `dependencies`. Packages from the Flutter or Dart SDK are not on pub.dev
 * and are left out.
 */
import { posix } from 'node:path';
import {
  LockfileError,
  type DependencyScope,
  type DirectDependency,
  type LockedPackage,
  type LockfileParseResult,
  type LockfileParser,
  type ParseContext,
} from '../types.js';
import { parsePubYaml, PubYamlError } from './pub-yaml.js';

/** Hosts of the default registry. A package from any other server keeps its URL as source. */
const DEFAULT_HOSTS = new Set(['https://pub.dev', 'https://pub.dartlang.org']);
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** SDK package names listed in the warning before the rest are counted. */
const MAX_LISTED = 10;

type Table = Record<string, unknown>;

function asTable(value: unknown): Table | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Table) : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function readYaml(text: string, path: string): ReturnType<typeof parsePubYaml> {
  try {
    return parsePubYaml(text);
  } catch (error) {
    if (error instanceof PubYamlError) throw new LockfileError(path, error.message, { cause: error });
    throw error;
  }
}

function trimTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  return url.slice(0, end);
}

/** Returns where a package comes from when not pub.dev, as a URL (with `#commit` for git) or a path. */
function sourceOf(source: string | undefined, description: Table | undefined): string | undefined {
  if (source === 'hosted') {
    const url = asString(description?.['url']);
    return url === undefined || DEFAULT_HOSTS.has(trimTrailingSlashes(url)) ? undefined : url;
  }
  if (source === 'git') {
    const url = asString(description?.['url']) ?? 'git';
    const commit = asString(description?.['resolved-ref']);
    return commit === undefined ? url : `${url}#${commit}`;
  }
  if (source === 'path') return asString(description?.['path']) ?? 'path';
  return source;
}

function directScope(dependency: string): DependencyScope | undefined {
  if (dependency === 'direct main' || dependency === 'direct overridden') return 'production';
  if (dependency === 'direct dev') return 'development';
  return undefined;
}

/** Name and version from the sibling pubspec.yaml, when it exists and parses. */
function readManifest(context: ParseContext, result: LockfileParseResult): void {
  const folder = posix.dirname(context.path);
  const path = folder === '.' ? 'pubspec.yaml' : `${folder}/pubspec.yaml`;
  const text = context.readFile(path);
  if (text === undefined) return;
  let manifest: Table | undefined;
  try {
    manifest = asTable(parsePubYaml(text).data);
  } catch (error) {
    if (!(error instanceof PubYamlError)) throw error;
    result.warnings.push(`${path} cannot be read (${error.message}); the project name is unknown`);
    return;
  }
  result.manifest = path;
  const name = asString(manifest?.['name']);
  const version = asString(manifest?.['version']);
  if (name !== undefined) result.projectName = name;
  if (version !== undefined) result.projectVersion = version;
}

function toPackage(name: string, entry: Table, line: number | undefined): LockedPackage | string {
  const version = entry['version'];
  if (typeof version !== 'string' || version === '') return `${name} has no version string; skipped`;
  const source = asString(entry['source']);
  const description = asTable(entry['description']);
  const locked: LockedPackage = { key: `${name}@${version}`, name, version, ecosystem: 'Pub', dependencies: [] };
  if (line !== undefined) locked.line = line;
  const sha256 = asString(description?.['sha256'])?.toLowerCase();
  if (sha256 !== undefined && SHA256_HEX.test(sha256)) locked.hashes = [{ algorithm: 'SHA-256', value: sha256 }];
  const origin = sourceOf(source, description);
  if (origin !== undefined) locked.source = origin;
  return locked;
}

function parsePubspecLock(text: string, context: ParseContext): LockfileParseResult {
  const { data, packageLines } = readYaml(text, context.path);
  const root = asTable(data);
  const packages = root?.['packages'];
  if (root === undefined || (packages === undefined && root['sdks'] === undefined) || (packages != null && asTable(packages) === undefined)) {
    throw new LockfileError(context.path, 'not a pubspec.lock: expected a "packages" map');
  }

  const result: LockfileParseResult = { ecosystem: 'Pub', packages: [], direct: [], warnings: [] };
  const sdkPackages: string[] = [];
  const direct: DirectDependency[] = [];
  for (const [name, value] of Object.entries(asTable(packages) ?? {})) {
    const entry = asTable(value);
    if (entry === undefined) {
      result.warnings.push(`${name} is not a map; skipped`);
      continue;
    }
    if (entry['source'] === 'sdk') {
      sdkPackages.push(name);
      continue;
    }
    const locked = toPackage(name, entry, packageLines.get(name));
    if (typeof locked === 'string') {
      result.warnings.push(locked);
      continue;
    }
    const dependency = asString(entry['dependency']) ?? '';
    const scope = directScope(dependency);
    if (scope === undefined && dependency !== 'transitive') {
      result.warnings.push(`${name} has unknown dependency kind "${dependency}"; read as transitive`);
    }
    if (scope === 'development') locked.dev = true;
    if (scope !== undefined) direct.push({ key: locked.key, scope });
    result.packages.push(locked);
  }

  if (sdkPackages.length > 0) {
    const more = sdkPackages.length > MAX_LISTED ? ` and ${sdkPackages.length - MAX_LISTED} more` : '';
    const listed = sdkPackages.slice(0, MAX_LISTED).join(', ');
    result.warnings.push(`SDK packages are not checked because they ship with the Dart or Flutter SDK: ${listed}${more}`);
  }
  result.direct = direct;
  readManifest(context, result);
  return result;
}

/** Parser for Dart and Flutter pubspec.lock files. */
export const pubspecLockParser: LockfileParser = {
  id: 'pubspec-lock',
  matches: (path) => posix.basename(path) === 'pubspec.lock',
  parse: parsePubspecLock,
};
