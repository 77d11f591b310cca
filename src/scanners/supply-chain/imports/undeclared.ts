/**
 * Finds the packages that source code imports but no manifest declares:
 * imports of JavaScript and Python files, minus built-in and
 * standard-library modules, the project's own code and declared packages.
 * Another step asks the registries whether they have the rest.
 */
import type { ImportedPackage, SupplyEcosystem } from '../types.js';
import { normaliseDeclaredName } from './declared.js';
import { importsOfJavaScript, isJavaScriptPath } from './js-imports.js';
import { buildLocalJavaScript, isLocalJavaScript, type LocalJavaScript } from './local-javascript.js';
import { buildLocalPython, isLocalPython, type LocalPython } from './local-python.js';
import { npmPackageOfSpecifier, typesPackageOf } from './npm-names.js';
import { importsOfPython, isPythonPath, type PythonImport } from './python-imports.js';
import {
  distributionOfModule,
  isStandardLibraryModule,
  loadPythonNameTables,
  type DistributionMatch,
  type PythonNameTables,
} from './python-names.js';

/** The project's own modules, which imports may name without a manifest declaring them. */
export interface LocalModules {
  javascript: LocalJavaScript;
  python: LocalPython;
}

export interface UndeclaredImportOptions {
  /**
   * Also report Python imports guarded by `except ImportError` or
   * `if TYPE_CHECKING:`. Off by default: the code runs without them.
   */
  includeOptional?: boolean;
  /** Python name tables; the ones shipped in data/python/ by default. */
  tables?: PythonNameTables;
}

/**
 * Builds the project's local modules from the list of its files (relative,
 * `/`-separated) and a reader for them. A tsconfig or jsconfig file that
 * does not parse adds a message to `warnings`.
 */
export function buildLocalModules(
  files: readonly string[],
  readFile: (path: string) => string | undefined,
  warnings: string[] = [],
): LocalModules {
  return { javascript: buildLocalJavaScript(files, readFile, warnings), python: buildLocalPython(files, readFile) };
}

type Sink = (entry: ImportedPackage) => void;

function javaScriptImports(source: { path: string; text: string }, declared: Set<string>, local: LocalJavaScript, add: Sink): void {
  for (const found of importsOfJavaScript(source.path, source.text)) {
    const packageName = npmPackageOfSpecifier(found.module);
    if (packageName === undefined || isLocalJavaScript(found.module, packageName, local)) continue;
    const name = packageName.toLowerCase();
    if (declared.has(name) || (found.typeOnly && declared.has(typesPackageOf(name)))) continue;
    add({ ecosystem: 'npm', module: found.module, packageName, path: source.path, line: found.line, column: found.column });
  }
}

/**
 * Returns the distributions behind one Python import with the module each
 * comes from. For `from google.cloud import storage` the table row of
 * `google.cloud.storage` is more specific than that of `google.cloud`, so
 * each imported name with a deeper match counts as its own module.
 */
function distributionsOf(found: PythonImport, tables: PythonNameTables): Array<{ module: string; match: DistributionMatch }> {
  const base = { module: found.module, match: distributionOfModule(found.module, tables) };
  const deeper = found.names
    .map((name) => ({ module: `${found.module}.${name}`, match: distributionOfModule(`${found.module}.${name}`, tables) }))
    .filter((entry) => entry.match.depth > base.match.depth);
  return deeper.length > 0 ? deeper : [base];
}

function isDeclaredPython(module: string, match: DistributionMatch, declared: Set<string>): boolean {
  const top = module.split('.')[0] ?? module;
  return [match.name, ...match.alternatives, top].some((name) => declared.has(normaliseDeclaredName('PyPI', name)));
}

function pythonImports(
  source: { path: string; text: string },
  declared: Set<string>,
  local: LocalPython,
  options: { includeOptional: boolean; tables: PythonNameTables },
  add: Sink,
): void {
  for (const found of importsOfPython(source.path, source.text)) {
    if (found.optional && !options.includeOptional) continue;
    if (isStandardLibraryModule(found.module, options.tables) || isLocalPython(found.module, source.path, local)) continue;
    for (const { module, match } of distributionsOf(found, options.tables)) {
      if (isDeclaredPython(module, match, declared)) continue;
      add({ ecosystem: 'PyPI', module, packageName: match.name, path: source.path, line: found.line, column: found.column });
    }
  }
}

/**
 * Lists the imported packages that no manifest declares and that are not
 * built in, standard library or local: one entry per registry and package
 * (compared as the registry compares names), at its first import in path
 * order. Python imports marked optional are left out unless
 * `options.includeOptional` is set. Files that are neither JavaScript nor
 * Python are ignored.
 */
export function findUndeclaredImports(
  sources: ReadonlyArray<{ path: string; text: string }>,
  declared: ReadonlyMap<SupplyEcosystem, Set<string>>,
  local: LocalModules,
  options: UndeclaredImportOptions = {},
): ImportedPackage[] {
  const result: ImportedPackage[] = [];
  const seen = new Set<string>();
  const add: Sink = (entry) => {
    const key = `${entry.ecosystem}\u0000${normaliseDeclaredName(entry.ecosystem, entry.packageName)}`;
    if (seen.has(key)) return;
    seen.add(key);
    result.push(entry);
  };
  const npmDeclared = declared.get('npm') ?? new Set<string>();
  const pypiDeclared = declared.get('PyPI') ?? new Set<string>();
  const sorted = [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  let tables = options.tables;
  for (const source of sorted) {
    if (isJavaScriptPath(source.path)) {
      javaScriptImports(source, npmDeclared, local.javascript, add);
    } else if (isPythonPath(source.path)) {
      tables ??= loadPythonNameTables();
      pythonImports(source, pypiDeclared, local.python, { includeOptional: options.includeOptional ?? false, tables }, add);
    }
  }
  return result;
}
