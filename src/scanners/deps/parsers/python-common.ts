/**
 * Helpers shared by the Python lockfile parsers: PEP 503 names, `algo:hex`
 * hashes and paths of sibling manifests.
 */
import { normalisePackageName } from '../../../store/package-name.js';
import type { PackageHash } from '../types.js';

/** Normalise a distribution name as PEP 503 does, as the advisory index compares names. */
export function normalizePythonName(name: string): string {
  return normalisePackageName('PyPI', name);
}

const ALGORITHMS: Record<string, PackageHash['algorithm']> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};

const HEX_LENGTHS: Record<PackageHash['algorithm'], number> = {
  MD5: 32,
  'SHA-1': 40,
  'SHA-256': 64,
  'SHA-384': 96,
  'SHA-512': 128,
};

/** Builds a hash from an algorithm name (`sha256`) and hex digest, or returns undefined when either is invalid. */
export function hashFromHex(algorithmName: string, hex: string): PackageHash | undefined {
  const algorithm = ALGORITHMS[algorithmName.toLowerCase()];
  if (algorithm === undefined) return undefined;
  const value = hex.toLowerCase();
  if (value.length !== HEX_LENGTHS[algorithm]) return undefined;
  for (const char of value) {
    if (!((char >= '0' && char <= '9') || (char >= 'a' && char <= 'f'))) return undefined;
  }
  return { algorithm, value };
}

/** Parses `sha256:<hex>` as pip, pipenv, poetry and uv write it, or returns undefined when invalid. */
export function parsePrefixedHash(text: string, separator = ':'): PackageHash | undefined {
  const at = text.indexOf(separator);
  if (at <= 0) return undefined;
  return hashFromHex(text.slice(0, at).trim(), text.slice(at + 1).trim());
}

/** Appends `hash` unless an equal one is already in `hashes`. */
export function addHash(hashes: PackageHash[], hash: PackageHash | undefined): void {
  if (hash === undefined) return;
  if (hashes.some((known) => known.algorithm === hash.algorithm && known.value === hash.value))
    return;
  hashes.push(hash);
}

/** Path of `fileName` in the folder of the relative path `path` (`a/b/poetry.lock` -> `a/b/pyproject.toml`). */
export function siblingPath(path: string, fileName: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? fileName : `${path.slice(0, slash + 1)}${fileName}`;
}

/** Last segment of a `/`-separated path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Maps each normalised name to the keys of the packages carrying it (a lockfile may pin one name twice). */
export function keysByName(
  packages: readonly { name: string; key: string }[],
): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const entry of packages) {
    const keys = byName.get(entry.name);
    if (keys === undefined) byName.set(entry.name, [entry.key]);
    else if (keys[keys.length - 1] !== entry.key) keys.push(entry.key);
  }
  return byName;
}

/** Checks whether `value` is a plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keys of the packages that no other package depends on, the best guess at direct dependencies without a manifest. */
export function graphRoots(packages: readonly { key: string; dependencies: string[] }[]): string[] {
  const dependedOn = new Set<string>();
  for (const entry of packages) {
    for (const dependency of entry.dependencies)
      if (dependency !== entry.key) dependedOn.add(dependency);
  }
  return packages.filter((entry) => !dependedOn.has(entry.key)).map((entry) => entry.key);
}
