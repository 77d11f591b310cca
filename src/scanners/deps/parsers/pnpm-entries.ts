/**
 * The package entries of a pnpm lockfile, one per key with its peer suffix.
 * Lockfiles 5.x and 6.0 keep them under `packages`. Lockfile 9.0 splits
 * them: `packages` contains the resolution of each name@version, and
 * `snapshots` the dependencies of each peer variant.
 */
import { field, isRecord, recordField, stringField, type JsonRecord } from './pnpm-bun-records.js';
import { shorten, type WarningList } from './pnpm-bun-warnings.js';
import { parsePackageKey, type PnpmStyle } from './pnpm-keys.js';
import type { PnpmYaml } from './pnpm-yaml.js';

export interface PnpmEntry {
  /** The key as written, peer suffix included. */
  fullKey: string;
  name: string;
  /** Version part of the key, peer suffix removed. */
  rawVersion: string;
  /** The entry's `version` field when it has one (git and tarball packages), else `rawVersion`. */
  version: string;
  /** Dependency name and reference pairs, optional dependencies included. */
  dependencies: Array<[name: string, reference: string]>;
  integrity?: string;
  source?: string;
  /** The lockfile's `dev` flag; pnpm leaves it out for packages that both sides use. */
  dev?: boolean;
  optional?: boolean;
  line?: number;
}

/** Collect the entries of a lockfile; invalid entries are skipped with a warning. */
export function collectEntries(style: PnpmStyle, yaml: PnpmYaml, warnings: WarningList): PnpmEntry[] {
  const packages = recordField(yaml.data, 'packages') ?? {};
  if (style !== 'v9') {
    const entries: PnpmEntry[] = [];
    for (const [key, value] of Object.entries(packages)) {
      const entry = makeEntry(style, key, value, value, warnings);
      if (entry === undefined) continue;
      entry.line = yaml.packageLines.get(key);
      entries.push(entry);
    }
    return entries;
  }
  return collectV9Entries(yaml, packages, warnings);
}

function collectV9Entries(yaml: PnpmYaml, packages: JsonRecord, warnings: WarningList): PnpmEntry[] {
  const snapshots = recordField(yaml.data, 'snapshots') ?? {};
  const entries: PnpmEntry[] = [];
  const packagesWithSnapshot = new Set<string>();
  for (const [key, snapshot] of Object.entries(snapshots)) {
    const parsed = parsePackageKey('v9', key);
    const baseKey = parsed === undefined ? key : `${parsed.name}@${parsed.rawVersion}`;
    const metadata = field(packages, baseKey);
    if (metadata === undefined) warnings.add(`snapshot "${key}" has no entry under packages; its hash is unknown`);
    else packagesWithSnapshot.add(baseKey);
    const entry = makeEntry('v9', key, metadata ?? {}, snapshot ?? {}, warnings);
    if (entry === undefined) continue;
    entry.line = yaml.packageLines.get(baseKey) ?? yaml.snapshotLines.get(key);
    entries.push(entry);
  }
  for (const [key, metadata] of Object.entries(packages)) {
    if (packagesWithSnapshot.has(key)) continue;
    const entry = makeEntry('v9', key, metadata, {}, warnings);
    if (entry === undefined) continue;
    entry.line = yaml.packageLines.get(key);
    entries.push(entry);
  }
  return entries;
}

/**
 * Build one entry. `metadata` contains resolution, name and version, and
 * `links` contains dependencies and the dev and optional flags. They are
 * the same mapping before lockfile 9.0.
 */
function makeEntry(
  style: PnpmStyle,
  key: string,
  metadata: unknown,
  links: unknown,
  warnings: WarningList,
): PnpmEntry | undefined {
  if (!isRecord(metadata) || !isRecord(links)) {
    warnings.add(`package "${shorten(key)}" is not a mapping; skipped`);
    return undefined;
  }
  const parsed = parsePackageKey(style, key, stringField(metadata, 'name'));
  if (parsed === undefined) {
    warnings.add(`package key "${shorten(key)}" is not a valid pnpm key; skipped`);
    return undefined;
  }
  const resolution = recordField(metadata, 'resolution') ?? {};
  const entry: PnpmEntry = {
    fullKey: key,
    name: parsed.name,
    rawVersion: parsed.rawVersion,
    version: stringField(metadata, 'version') ?? parsed.rawVersion,
    dependencies: [...referencePairs(links, 'dependencies'), ...referencePairs(links, 'optionalDependencies')],
    integrity: stringField(resolution, 'integrity'),
    source: sourceOf(resolution),
  };
  const dev = field(links, 'dev');
  if (typeof dev === 'boolean') entry.dev = dev;
  if (field(links, 'optional') === true) entry.optional = true;
  return entry;
}

function referencePairs(record: JsonRecord, section: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const [name, reference] of Object.entries(recordField(record, section) ?? {})) {
    if (typeof reference === 'string') pairs.push([name, reference]);
    else if (typeof reference === 'number') pairs.push([name, String(reference)]);
  }
  return pairs;
}

/** Return where a package comes from when it is not the registry: tarball URL, git commit or folder. */
function sourceOf(resolution: JsonRecord): string | undefined {
  const tarball = stringField(resolution, 'tarball');
  if (tarball !== undefined) return tarball;
  const type = stringField(resolution, 'type');
  if (type === 'git') {
    const repo = stringField(resolution, 'repo') ?? '';
    const commit = stringField(resolution, 'commit');
    return commit === undefined ? repo : `${repo}#${commit}`;
  }
  if (type === 'directory') return `file:${stringField(resolution, 'directory') ?? ''}`;
  return undefined;
}
