/** Direct dependencies declared in a Pipfile, the TOML manifest next to Pipfile.lock. */
import type { DependencyScope } from '../types.js';
import { isRecord, normalizePythonName } from './python-common.js';
import { parseTomlDocument } from './python-toml.js';

/** Pipfile tables that are settings rather than package categories. */
const SETTING_TABLES = new Set(['source', 'requires', 'scripts', 'pipenv']);

/**
 * Maps each normalised package name of the Pipfile to its scope. `[packages]`
 * is production, while `[dev-packages]` and custom categories, which pipenv
 * installs only on request, are development. Throws a `LockfileError` when
 * the Pipfile is not valid TOML.
 */
export function readPipfileDirect(text: string, path: string): Map<string, DependencyScope> {
  const document = parseTomlDocument(text, path);
  const scopes = new Map<string, DependencyScope>();
  for (const [table, value] of Object.entries(document)) {
    if (SETTING_TABLES.has(table) || !isRecord(value)) continue;
    const scope: DependencyScope = table === 'packages' ? 'production' : 'development';
    for (const name of Object.keys(value)) {
      const normalized = normalizePythonName(name);
      if (scopes.get(normalized) !== 'production') scopes.set(normalized, scope);
    }
  }
  return scopes;
}

/** Returns the scope of a Pipfile.lock section: `default` is production, every other section development. */
export function pipfileLockSectionScope(section: string): DependencyScope {
  return section === 'default' ? 'production' : 'development';
}
