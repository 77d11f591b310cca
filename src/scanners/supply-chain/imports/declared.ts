/**
 * Collects the package names that the manifests of a project declare, per
 * registry, normalised for comparison: npm names lower-cased, PyPI names by
 * PEP 503. A manifest that cannot be parsed is skipped with a warning.
 */
import { normalisePackageName } from '../../../store/package-name.js';
import type { SupplyEcosystem } from '../types.js';
import { pipfileNames, pyprojectNames, requirementsNames, setupCfgNames, setupPyNames } from './declared-python.js';

/** Fields of package.json that map names to ranges. */
const NPM_DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
/** Fields of package.json that list names; npm accepts both spellings. */
const NPM_BUNDLE_FIELDS = ['bundleDependencies', 'bundledDependencies'];

type ManifestReader = { ecosystem: SupplyEcosystem; read: (text: string, path: string) => string[] };

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Checks whether `path` is a pip requirements or constraints file:
 * `requirements*.txt`, `*-requirements.txt`, `constraints*.txt`, the same
 * with `.in` (pip-tools input), or any `.txt`/`.in` file in a
 * `requirements/` folder.
 */
export function isRequirementsPath(path: string): boolean {
  const lower = path.toLowerCase();
  if (!lower.endsWith('.txt') && !lower.endsWith('.in')) return false;
  const name = baseName(lower);
  return name.includes('requirements') || name.includes('constraints') || lower.split('/').slice(0, -1).includes('requirements');
}

/** Reads package.json and returns the names in its dependency fields; throws when it is not a JSON object. */
export function packageJsonNames(text: string): string[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`invalid JSON (${(error as Error).message})`);
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw new Error('not a JSON object');
  const record = manifest as Record<string, unknown>;
  const names: string[] = [];
  for (const field of NPM_DEPENDENCY_FIELDS) {
    const value = record[field];
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) names.push(...Object.keys(value));
  }
  for (const field of NPM_BUNDLE_FIELDS) {
    const value = record[field];
    if (Array.isArray(value)) names.push(...value.filter((item): item is string => typeof item === 'string'));
  }
  return names;
}

/** Chooses the reader for a manifest by its file name, or undefined when `path` is not a manifest. */
export function manifestReaderFor(path: string): ManifestReader | undefined {
  const name = baseName(path);
  if (name === 'package.json') return { ecosystem: 'npm', read: (text) => packageJsonNames(text) };
  if (name === 'pyproject.toml') return { ecosystem: 'PyPI', read: pyprojectNames };
  if (name === 'Pipfile') return { ecosystem: 'PyPI', read: pipfileNames };
  if (name === 'setup.cfg') return { ecosystem: 'PyPI', read: (text) => setupCfgNames(text) };
  if (name === 'setup.py') return { ecosystem: 'PyPI', read: (text) => setupPyNames(text) };
  if (isRequirementsPath(path)) return { ecosystem: 'PyPI', read: (text) => requirementsNames(text) };
  return undefined;
}

/** Normalises a declared or imported name the way the registry compares names. */
export function normaliseDeclaredName(ecosystem: SupplyEcosystem, name: string): string {
  return ecosystem === 'npm' ? name.trim().toLowerCase() : normalisePackageName('PyPI', name.trim());
}

/**
 * Returns the normalised names that the manifests among `files` declare,
 * for both registries. Files that `readFile` cannot return are skipped;
 * manifests that fail to parse are skipped with a message in `warnings`.
 */
export function declaredPackages(
  files: readonly string[],
  readFile: (path: string) => string | undefined,
  warnings: string[] = [],
): Map<SupplyEcosystem, Set<string>> {
  const declared = new Map<SupplyEcosystem, Set<string>>([
    ['npm', new Set()],
    ['PyPI', new Set()],
  ]);
  for (const path of files) {
    const reader = manifestReaderFor(path);
    if (reader === undefined) continue;
    const text = readFile(path);
    if (text === undefined) continue;
    let names: string[];
    try {
      names = reader.read(text, path);
    } catch (error) {
      const reason = ((error as Error).message.split('\n')[0] ?? '').replace(`${path}: `, '');
      warnings.push(`${path}: ${reason}; skipped, so imports of the packages it declares may be reported as undeclared`);
      continue;
    }
    const set = declared.get(reader.ecosystem) as Set<string>;
    for (const name of names) set.add(normaliseDeclaredName(reader.ecosystem, name));
  }
  return declared;
}
