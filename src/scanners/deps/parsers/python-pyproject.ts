/**
 * Direct dependencies declared in pyproject.toml: Poetry's `[tool.poetry]`
 * tables, PEP 621 `[project]` and PEP 735 `[dependency-groups]`.
 */
import type { DependencyScope } from '../types.js';
import { isRecord, normalizePythonName } from './python-common.js';
import { parseRequirement } from './python-pep508.js';
import { parseTomlDocument, stringOrUndefined } from './python-toml.js';

export interface PyprojectInfo {
  name?: string;
  version?: string;
  /** Scope of each directly declared dependency, by normalised name. */
  direct: Map<string, DependencyScope>;
}

function addName(direct: Map<string, DependencyScope>, name: string, scope: DependencyScope): void {
  const normalized = normalizePythonName(name);
  if (normalized === 'python') return;
  if (direct.get(normalized) !== 'production') direct.set(normalized, scope);
}

/** Adds the names of PEP 508 strings; tables such as `{include-group = "test"}` are skipped. */
function addRequirementStrings(
  direct: Map<string, DependencyScope>,
  list: unknown,
  scope: DependencyScope,
): void {
  if (!Array.isArray(list)) return;
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const parsed = parseRequirement(item);
    if (typeof parsed !== 'string') addName(direct, parsed.name, scope);
  }
}

function addTableKeys(
  direct: Map<string, DependencyScope>,
  table: unknown,
  scope: DependencyScope,
): void {
  if (!isRecord(table)) return;
  for (const name of Object.keys(table)) addName(direct, name, scope);
}

function readPoetryTables(
  direct: Map<string, DependencyScope>,
  poetry: Record<string, unknown>,
): void {
  addTableKeys(direct, poetry['dependencies'], 'production');
  addTableKeys(direct, poetry['dev-dependencies'], 'development');
  const groups = poetry['group'];
  if (!isRecord(groups)) return;
  for (const [group, settings] of Object.entries(groups)) {
    if (!isRecord(settings)) continue;
    addTableKeys(direct, settings['dependencies'], group === 'main' ? 'production' : 'development');
  }
}

function readProjectTables(
  direct: Map<string, DependencyScope>,
  project: Record<string, unknown>,
): void {
  addRequirementStrings(direct, project['dependencies'], 'production');
  // Extras ship with the package and are installed on request, so they count as production.
  const extras = project['optional-dependencies'];
  if (isRecord(extras)) {
    for (const list of Object.values(extras)) addRequirementStrings(direct, list, 'production');
  }
}

/** Reads pyproject.toml; throws a `LockfileError` for `path` when it is not valid TOML. */
export function readPyproject(text: string, path: string): PyprojectInfo {
  const document = parseTomlDocument(text, path);
  const direct = new Map<string, DependencyScope>();
  const project = isRecord(document['project']) ? document['project'] : {};
  const tool = isRecord(document['tool']) ? document['tool'] : {};
  const poetry = isRecord(tool['poetry']) ? tool['poetry'] : {};
  readProjectTables(direct, project);
  readPoetryTables(direct, poetry);
  const groups = document['dependency-groups'];
  if (isRecord(groups)) {
    for (const list of Object.values(groups)) addRequirementStrings(direct, list, 'development');
  }
  const info: PyprojectInfo = { direct };
  const name = stringOrUndefined(project['name']) ?? stringOrUndefined(poetry['name']);
  const version = stringOrUndefined(project['version']) ?? stringOrUndefined(poetry['version']);
  if (name !== undefined) info.name = name;
  if (version !== undefined) info.version = version;
  return info;
}
