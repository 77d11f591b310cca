/** Package names as the advisory index stores and looks them up. */
import { ECOSYSTEMS, type Ecosystem } from '../scanners/deps/types.js';

const ECOSYSTEM_SET: ReadonlySet<string> = new Set(ECOSYSTEMS);

/** Check whether `value` is one of the ecosystems Rampart indexes, spelled as OSV spells it. */
export function isEcosystem(value: string): value is Ecosystem {
  return ECOSYSTEM_SET.has(value);
}

/**
 * Normalise a package name so that spellings the ecosystem treats as the
 * same package compare equal: PyPI by PEP 503 (lower case, runs of `-`, `_`
 * and `.` become one `-`), NuGet and Packagist by lower case. Names in the
 * other ecosystems are case-sensitive and kept exactly.
 */
export function normalisePackageName(ecosystem: Ecosystem, name: string): string {
  switch (ecosystem) {
    case 'PyPI':
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'NuGet':
    case 'Packagist':
      return name.toLowerCase();
    default:
      return name;
  }
}
