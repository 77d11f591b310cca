/**
 * Distribution file names on a PyPI simple index: which kind of file each
 * is and which version it belongs to, following the wheel file name
 * specification and the `{name}-{version}.tar.gz` sdist convention.
 */
import { normalisePackageName } from '../../../store/package-name.js';
import type { RegistryArtifact } from '../types.js';

/** sdist archive suffixes pip accepts; `.tar.gz` and `.zip` are the standard ones, the others are legacy. */
const SDIST_SUFFIXES = ['.tar.gz', '.zip', '.tar.bz2', '.tar.xz', '.tgz', '.tar'];

/** Returns the PEP 503 normalised project name used in index URLs. */
export function normalisePypiName(name: string): string {
  return normalisePackageName('PyPI', name);
}

/** Returns the file's kind, or undefined for eggs and installers (`.egg`, `.exe`, `.msi`), which carry no usable version. */
export function distributionKind(filename: string): RegistryArtifact['kind'] | undefined {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.whl')) return 'wheel';
  if (SDIST_SUFFIXES.some((suffix) => lower.endsWith(suffix))) return 'sdist';
  return undefined;
}

function sdistStem(filename: string): string {
  const lower = filename.toLowerCase();
  const suffix = SDIST_SUFFIXES.find((candidate) => lower.endsWith(candidate)) ?? '';
  return filename.slice(0, filename.length - suffix.length);
}

/** Longest distribution file name read; PyPI's longest are a few hundred characters. */
export const MAX_FILENAME_LENGTH = 1024;

/**
 * Returns the version a distribution file belongs to, or undefined when
 * the name does not parse. Wheels are `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`
 * with `-` escaped in each part. An sdist's project name may itself contain
 * `-` (`python-dateutil-2.8.2.tar.gz`), so the version starts after the
 * prefix that normalises to the project name, or else after the first `-`
 * that precedes a digit.
 */
export function distributionVersion(filename: string, project: string): string | undefined {
  // Real file names are short; a huge one would make the prefix search below quadratic.
  if (filename.length > MAX_FILENAME_LENGTH) return undefined;
  const kind = distributionKind(filename);
  if (kind === 'wheel') {
    const parts = filename.slice(0, -'.whl'.length).split('-');
    return parts.length === 5 || parts.length === 6 ? parts[1] || undefined : undefined;
  }
  if (kind !== 'sdist') return undefined;
  const stem = sdistStem(filename);
  const normalisedProject = normalisePypiName(project);
  let firstBeforeDigit: number | undefined;
  for (let at = stem.indexOf('-'); at > 0; at = stem.indexOf('-', at + 1)) {
    if (normalisePypiName(stem.slice(0, at)) === normalisedProject) return stem.slice(at + 1) || undefined;
    if (firstBeforeDigit === undefined && /[0-9]/.test(stem[at + 1] ?? '')) firstBeforeDigit = at;
  }
  return firstBeforeDigit === undefined ? undefined : stem.slice(firstBeforeDigit + 1) || undefined;
}
