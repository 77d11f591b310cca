/**
 * Turning pnpm entries into packages, dependency edges and direct
 * dependencies.
 *
 * Peer variants are merged: pnpm writes one entry per set of resolved peers
 * (`use-sync-external-store@1.2.0(react@18.2.0)` and `...(react@18.3.1)`),
 * but they are the same tarball with the same integrity. They become one
 * package keyed `name@version` whose dependencies are the union of the
 * variants' dependencies, so every path through either variant remains and
 * each name@version yields one purl. Git, tarball and folder packages are
 * keyed by name and the version part of their key (a URL or `file:` spec),
 * so they never merge with a registry package of the same version.
 */
import type { DependencyScope, DirectDependency, LockedPackage } from '../types.js';
import { integrityToHashes } from './pnpm-bun-integrity.js';
import { deriveDevFlags } from './pnpm-bun-reachability.js';
import { isRecord, recordField, type JsonRecord } from './pnpm-bun-records.js';
import { shorten, type WarningList } from './pnpm-bun-warnings.js';
import type { PnpmEntry } from './pnpm-entries.js';
import { isLinkReference, referenceCandidates, type PnpmStyle } from './pnpm-keys.js';

interface Merged {
  pkg: LockedPackage;
  /** The same keys as `pkg.dependencies`, for constant-time duplicate checks. */
  dependencySet: Set<string>;
  /** Dev flags of the variants as the lockfile states them. */
  devFlags: Array<boolean | undefined>;
  optionalCount: number;
  variantCount: number;
}

const IMPORTER_SECTIONS: ReadonlyArray<[string, DependencyScope]> = [
  ['dependencies', 'production'],
  ['optionalDependencies', 'production'],
  ['devDependencies', 'development'],
];

/** Build packages and direct dependencies from the entries and the importers of `data`. */
export function buildPnpmGraph(
  style: PnpmStyle,
  data: JsonRecord,
  entries: PnpmEntry[],
  warnings: WarningList,
): { packages: LockedPackage[]; direct: DirectDependency[] } {
  const merged = new Map<string, Merged>();
  const keyOf = new Map<string, string>();
  for (const entry of entries) keyOf.set(entry.fullKey, mergeEntry(merged, entry, warnings));

  const resolve = (name: string, reference: string): string | undefined =>
    referenceCandidates(style, name, reference)
      .map((candidate) => keyOf.get(candidate))
      .find((key) => key !== undefined);

  for (const entry of entries) {
    const target = merged.get(keyOf.get(entry.fullKey) as string) as Merged;
    for (const [name, reference] of entry.dependencies) {
      if (isLinkReference(reference)) continue;
      const key = resolve(name, reference);
      if (key === undefined) {
        warnings.add(`package "${shorten(entry.fullKey)}" depends on ${name} ${shorten(reference)}, which is not in the lockfile`);
      } else if (!target.dependencySet.has(key)) {
        target.dependencySet.add(key);
        target.pkg.dependencies.push(key);
      }
    }
  }

  const direct = collectDirect(data, resolve, warnings);
  applyFlags(merged, direct);
  return { packages: [...merged.values()].map((m) => m.pkg), direct };
}

function mergeEntry(merged: Map<string, Merged>, entry: PnpmEntry, warnings: WarningList): string {
  const key = `${entry.name}@${entry.rawVersion}`;
  let target = merged.get(key);
  if (target === undefined) {
    target = {
      pkg: { key, name: entry.name, version: entry.version, ecosystem: 'npm', dependencies: [] },
      dependencySet: new Set(),
      devFlags: [],
      optionalCount: 0,
      variantCount: 0,
    };
    merged.set(key, target);
  }
  const pkg = target.pkg;
  target.variantCount += 1;
  target.devFlags.push(entry.dev);
  if (entry.optional === true) target.optionalCount += 1;
  if (entry.line !== undefined && (pkg.line === undefined || entry.line < pkg.line)) pkg.line = entry.line;
  if (pkg.source === undefined && entry.source !== undefined) pkg.source = entry.source;
  if (pkg.hashes === undefined && entry.integrity !== undefined) {
    const { hashes, invalid } = integrityToHashes(entry.integrity);
    if (hashes.length > 0) pkg.hashes = hashes;
    for (const token of invalid) warnings.add(`package "${key}" has an invalid integrity value "${token}"`);
  }
  return key;
}

/** Direct dependencies of every importer: `.` is the root, other keys are workspace folders. A package that is production somewhere is production. */
function collectDirect(
  data: JsonRecord,
  resolve: (name: string, reference: string) => string | undefined,
  warnings: WarningList,
): DirectDependency[] {
  const importers = recordField(data, 'importers');
  // Lockfiles of single projects before 9.0 keep the root importer at the top level.
  const sources: Array<[string, JsonRecord]> = importers === undefined ? [['.', data]] : [];
  for (const [path, importer] of Object.entries(importers ?? {})) {
    if (isRecord(importer)) sources.push([path, importer]);
    else warnings.add(`importer "${shorten(path)}" is not a mapping; skipped`);
  }
  const scopes = new Map<string, DependencyScope>();
  for (const [path, importer] of sources) {
    for (const [section, scope] of IMPORTER_SECTIONS) {
      for (const [name, value] of Object.entries(recordField(importer, section) ?? {})) {
        const reference = referenceOf(value);
        if (reference === undefined) {
          warnings.add(`importer "${shorten(path)}" has no version for ${section} ${name}`);
          continue;
        }
        if (isLinkReference(reference)) continue;
        const key = resolve(name, reference);
        if (key === undefined) {
          warnings.add(`importer "${shorten(path)}" depends on ${name} ${shorten(reference)}, which is not in the lockfile`);
        } else if (scopes.get(key) !== 'production') {
          scopes.set(key, scope);
        }
      }
    }
  }
  return [...scopes].map(([key, scope]) => ({ key, scope }));
}

/** Importer values are a reference (5.x) or `{ specifier, version }` (6.0 and 9.0). */
function referenceOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (isRecord(value) && Object.hasOwn(value, 'version') && typeof value.version === 'string') return value.version;
  return undefined;
}

/**
 * Set `dev` and `optional`. The lockfile's own `dev` flags win (any variant
 * with `dev: false` makes the package production). Without them (lockfile
 * 9.0, or a variant without the flag) the flag comes from which direct
 * dependencies lead to the package.
 */
function applyFlags(merged: Map<string, Merged>, direct: DirectDependency[]): void {
  const edges = new Map<string, string[]>();
  for (const [key, m] of merged) edges.set(key, m.pkg.dependencies);
  const derived = deriveDevFlags(
    direct.filter((d) => d.scope === 'production').map((d) => d.key),
    direct.filter((d) => d.scope === 'development').map((d) => d.key),
    edges,
  );
  for (const [key, m] of merged) {
    let dev: boolean | undefined;
    if (m.devFlags.includes(false)) dev = false;
    else if (m.devFlags.every((flag) => flag === true)) dev = true;
    else dev = derived.get(key);
    if (dev !== undefined) m.pkg.dev = dev;
    if (m.optionalCount === m.variantCount) m.pkg.optional = true;
  }
}
