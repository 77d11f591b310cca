/**
 * composer.lock: the `packages` and `packages-dev` arrays Composer writes,
 * each entry with name, version, `require`, licence and dist checksum.
 * Direct dependencies come from the sibling composer.json.
 */
import type {
  DirectDependency,
  LockedPackage,
  LockfileParseResult,
  LockfileParser,
  ParseContext,
} from '../types.js';
import { LockfileError } from '../types.js';
import {
  isPlatformPackage,
  normalizeComposerVersion,
  readComposerManifest,
  type ComposerManifest,
} from './php-composer.js';
import { hashFromHex, isRecord, siblingPath } from './python-common.js';
import { forEachPropertyLine, parseJsonDocument } from './python-json.js';

const SECTIONS = ['packages', 'packages-dev'] as const;
const PACKAGIST_NOTIFICATION = 'https://packagist.org/downloads/';

interface ComposerEntry {
  locked: LockedPackage;
  requires: string[];
  /** Names this package replaces or provides, which `require` may point to. */
  virtualNames: string[];
}

function parseComposerLock(text: string, context: ParseContext): LockfileParseResult {
  const document = parseJsonDocument(text, context.path);
  if (!isRecord(document) || !Array.isArray(document['packages'])) {
    throw new LockfileError(
      context.path,
      'not a composer.lock: expected a JSON object with a "packages" array',
    );
  }
  const warnings: string[] = [];
  const entries = readSections(document, text, context.path, warnings);

  const manifest = readManifest(context, warnings);
  const rootVirtualNames = manifest?.manifest.virtualNames ?? new Set<string>();
  linkRequires(entries, rootVirtualNames, context.path, warnings);

  const packages = entries.map((entry) => entry.locked);
  const result: LockfileParseResult = { ecosystem: 'Packagist', packages, direct: [], warnings };
  if (manifest === undefined) {
    result.direct = fallbackDirect(packages);
    return result;
  }
  result.direct = manifestDirect(manifest.manifest, packages, context.path, warnings);
  result.manifest = manifest.path;
  if (manifest.manifest.name !== undefined) result.projectName = manifest.manifest.name;
  if (manifest.manifest.version !== undefined) result.projectVersion = manifest.manifest.version;
  return result;
}

/** Reads the entries of `packages` and `packages-dev`, keeping the first entry of each key. */
function readSections(
  document: Record<string, unknown>,
  text: string,
  path: string,
  warnings: string[],
): ComposerEntry[] {
  const lines = nameLines(text);
  const entries = new Map<string, ComposerEntry>();
  for (const section of SECTIONS) {
    const list = document[section] ?? [];
    if (!Array.isArray(list)) throw new LockfileError(path, `"${section}" must be an array`);

    list.forEach((item, index) => {
      const line = lines.get(`${section}/${index}`);
      const entry = readEntry(item, section, line, `${path}: ${section}[${index}]`, warnings);
      if (entry !== undefined && !entries.has(entry.locked.key)) {
        entries.set(entry.locked.key, entry);
      }
    });
  }
  return [...entries.values()];
}

/** Lines of each entry's `"name"` property, keyed `section/index`. */
function nameLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  forEachPropertyLine(text, 2, (path, property, line) => {
    if (path.length === 2 && property === 'name')
      lines.set(`${String(path[0])}/${String(path[1])}`, line);
  });
  return lines;
}

function readEntry(
  item: unknown,
  section: string,
  line: number | undefined,
  where: string,
  warnings: string[],
): ComposerEntry | undefined {
  const name = isRecord(item) && typeof item['name'] === 'string' ? item['name'].toLowerCase() : '';
  const rawVersion = isRecord(item) && typeof item['version'] === 'string' ? item['version'] : '';
  if (!isRecord(item) || name === '' || rawVersion === '') {
    warnings.push(`${where} has no name or version; skipped`);
    return undefined;
  }

  const version = normalizeComposerVersion(rawVersion);
  const locked: LockedPackage = {
    key: `${name}@${version}`,
    name,
    version,
    ecosystem: 'Packagist',
    dependencies: [],
    dev: section === 'packages-dev',
  };
  if (line !== undefined) locked.line = line;
  const license = licenseText(item['license']);
  if (license !== undefined) locked.license = license;
  const dist = isRecord(item['dist']) ? item['dist'] : {};
  const shasum =
    typeof dist['shasum'] === 'string' ? hashFromHex('sha1', dist['shasum']) : undefined;
  if (shasum !== undefined) locked.hashes = [shasum];
  const source = sourceText(item, dist, version);
  if (source !== undefined) locked.source = source;
  const requires = isRecord(item['require'])
    ? Object.keys(item['require']).map((required) => required.toLowerCase())
    : [];
  const virtualNames = [item['replace'], item['provide']].flatMap((table) =>
    isRecord(table) ? Object.keys(table).map((virtual) => virtual.toLowerCase()) : [],
  );
  return { locked, requires, virtualNames };
}

/** Composer's `license` is an array whose items are alternatives, so it becomes an OR expression. */
function licenseText(license: unknown): string | undefined {
  if (typeof license === 'string' && license !== '') return license;
  if (!Array.isArray(license)) return undefined;
  const names = license.filter((item): item is string => typeof item === 'string' && item !== '');
  if (names.length === 0) return undefined;
  return names.length === 1
    ? names[0]
    : names.map((name) => (name.includes(' ') ? `(${name})` : name)).join(' OR ');
}

/** Returns where a package comes from, for path repositories, branches and repositories other than Packagist. */
function sourceText(
  item: Record<string, unknown>,
  dist: Record<string, unknown>,
  version: string,
): string | undefined {
  const vcs = isRecord(item['source']) ? item['source'] : {};
  const vcsUrl = typeof vcs['url'] === 'string' ? vcs['url'] : undefined;
  const reference = typeof vcs['reference'] === 'string' ? vcs['reference'] : undefined;
  if (dist['type'] === 'path' && typeof dist['url'] === 'string') return dist['url'];
  const fromPackagist = item['notification-url'] === PACKAGIST_NOTIFICATION;
  const branch = version.startsWith('dev-') || version.endsWith('-dev');
  if (fromPackagist && !branch) return undefined;
  if (vcsUrl !== undefined)
    return reference === undefined ? `git+${vcsUrl}` : `git+${vcsUrl}@${reference}`;
  return typeof dist['url'] === 'string' ? dist['url'] : undefined;
}

function linkRequires(
  entries: ComposerEntry[],
  rootVirtual: Set<string>,
  path: string,
  warnings: string[],
): void {
  const keysByName = new Map<string, Set<string>>();
  const add = (name: string, key: string): void => {
    const keys = keysByName.get(name);
    if (keys === undefined) keysByName.set(name, new Set([key]));
    else keys.add(key);
  };
  for (const entry of entries) add(entry.locked.name, entry.locked.key);
  for (const entry of entries) {
    for (const virtual of entry.virtualNames) add(virtual, entry.locked.key);
  }

  for (const entry of entries) {
    const dependencies = new Set<string>();
    for (const required of entry.requires) {
      if (isPlatformPackage(required) || rootVirtual.has(required)) continue;
      const keys = keysByName.get(required);
      if (keys === undefined) {
        warnings.push(`${path}: ${entry.locked.key} requires ${required}, which is not locked`);
        continue;
      }
      for (const key of keys) if (key !== entry.locked.key) dependencies.add(key);
    }
    entry.locked.dependencies = [...dependencies];
  }
}

function readManifest(
  context: ParseContext,
  warnings: string[],
): { path: string; manifest: ComposerManifest } | undefined {
  const path = siblingPath(context.path, 'composer.json');
  const text = context.readFile(path);
  const fallback = 'packages and packages-dev are all reported as direct';
  if (text === undefined) {
    warnings.push(`${context.path}: no composer.json next to it; ${fallback}`);
    return undefined;
  }
  try {
    const manifest = readComposerManifest(text, path);
    if (manifest !== undefined) return { path, manifest };
    warnings.push(`${path}: not a JSON object; ${fallback}`);
  } catch (error) {
    if (!(error instanceof LockfileError)) throw error;
    warnings.push(`${error.message}; ${fallback}`);
  }
  return undefined;
}

function fallbackDirect(packages: LockedPackage[]): DirectDependency[] {
  return packages.map((entry) => ({
    key: entry.key,
    scope: entry.dev === true ? 'development' : 'production',
  }));
}

function manifestDirect(
  manifest: ComposerManifest,
  packages: LockedPackage[],
  path: string,
  warnings: string[],
): DirectDependency[] {
  const byName = new Map(packages.map((entry) => [entry.name, entry.key]));
  const direct: DirectDependency[] = [];
  for (const [name, scope] of manifest.direct) {
    const key = byName.get(name);
    if (key === undefined) {
      warnings.push(
        `${path}: composer.json requires ${name}, which is not locked; run "composer update --lock"`,
      );
      continue;
    }
    direct.push({ key, scope });
  }
  return direct;
}

/** Composer's composer.lock. */
export const composerLockParser: LockfileParser = {
  id: 'composer-lock',
  matches: (path) => path === 'composer.lock' || path.endsWith('/composer.lock'),
  parse: parseComposerLock,
};
