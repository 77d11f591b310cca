/**
 * Python module names and the PyPI distributions that provide them, from
 * the tables in data/python/ of the rampart package: the standard-library
 * module list and the import-name to distribution-name table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../../core/package-root.js';

export interface PythonNameTables {
  /** Top-level standard-library modules. */
  standardLibrary: ReadonlySet<string>;
  /** Module (top-level or dotted) to its distributions, the one reports name first. */
  distributions: ReadonlyMap<string, readonly string[]>;
  /** Namespace prefix (`azure.storage`) to a distribution pattern with `*` for the next module part (`azure-storage-*`). */
  namespaces: ReadonlyMap<string, string>;
}

export interface DistributionMatch {
  /** The distribution reports name: `PyYAML` for `yaml`, `numpy` for `numpy.linalg`. */
  name: string;
  /** Other distributions that install the same module (`opencv-python-headless` for `cv2`). */
  alternatives: string[];
  /** How many parts of the module the table row matched; 0 when no row matched and the top-level name is used. */
  depth: number;
}

function dataLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

/** Parses the standard-library list: one module a line, `#` comments. */
export function parseStandardLibrary(text: string): Set<string> {
  return new Set(dataLines(text).map((line) => line.trim()));
}

/**
 * Parses the distribution table: a header row, then
 * `module<TAB>distribution[<TAB>other,distributions]`. Throws an error that
 * names `source` and the row when a row has the wrong shape.
 */
export function parseDistributionTable(
  text: string,
  source: string,
): Pick<PythonNameTables, 'distributions' | 'namespaces'> {
  const distributions = new Map<string, string[]>();
  const namespaces = new Map<string, string>();
  const rows = dataLines(text).slice(1);
  rows.forEach((row, index) => {
    const [module = '', distribution = '', others = '', extra] = row.split('\t');
    if (module === '' || distribution === '' || extra !== undefined) {
      throw new Error(`invalid row ${index + 1} in ${source}: expected "module<TAB>distribution[<TAB>alternatives]"`);
    }
    if (module.endsWith('.*')) {
      namespaces.set(module.slice(0, -2), distribution);
      return;
    }
    const alternatives = others === '' ? [] : others.split(',').map((name) => name.trim());
    distributions.set(module, [distribution, ...alternatives]);
  });
  return { distributions, namespaces };
}

let cached: PythonNameTables | undefined;

/** Loads the tables from data/python/ once per process; throws a one-line error when a file is missing or malformed. */
export function loadPythonNameTables(): PythonNameTables {
  if (cached !== undefined) return cached;
  const folder = join(packageRoot(), 'data', 'python');
  const read = (file: string): string => {
    const path = join(folder, file);
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`Python name table ${path} could not be read (${(error as Error).message}); reinstall rampart`);
    }
  };
  const standardLibrary = parseStandardLibrary(read('stdlib-modules.txt'));
  const table = parseDistributionTable(read('module-distributions.tsv'), join(folder, 'module-distributions.tsv'));
  cached = { standardLibrary, ...table };
  return cached;
}

/** Checks whether the top-level part of `module` is in the standard library. */
export function isStandardLibraryModule(module: string, tables: PythonNameTables): boolean {
  const dot = module.indexOf('.');
  return tables.standardLibrary.has(dot < 0 ? module : module.slice(0, dot));
}

/**
 * Returns the distribution that provides `module`: the row of the longest
 * matching prefix, where an explicit row beats a namespace row of the same
 * length, or else the top-level module name itself.
 */
export function distributionOfModule(module: string, tables: PythonNameTables): DistributionMatch {
  const parts = module.split('.');
  for (let length = parts.length; length >= 1; length -= 1) {
    const explicit = tables.distributions.get(parts.slice(0, length).join('.'));
    if (explicit !== undefined) {
      return { name: explicit[0] as string, alternatives: explicit.slice(1), depth: length };
    }
    const namespace = length >= 2 ? tables.namespaces.get(parts.slice(0, length - 1).join('.')) : undefined;
    if (namespace !== undefined) {
      const next = (parts[length - 1] as string).replace(/_/g, '-');
      return { name: namespace.replace('*', next), alternatives: [], depth: length };
    }
  }
  return { name: parts[0] as string, alternatives: [], depth: 0 };
}
