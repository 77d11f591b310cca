/**
 * Python modules that the project itself provides. Every folder on the way
 * to a `.py` file counts as a module of its parent folder (a regular or a
 * PEP 420 namespace package), and every source file as a module of its own
 * folder.
 *
 * An import is local when its top-level name is a module of a source root:
 * the project root, `src/`, folders containing a Python manifest, and the
 * `where` folders of package discovery. It is also local when it is a
 * module of the importing file's folder or of a folder above it, because
 * scripts and test runners put those on `sys.path`, or when a manifest
 * names it in `packages` or `py-modules`.
 */
import { parseTomlDocument } from '../../deps/parsers/python-toml.js';
import { iniEntries } from './declared-python.js';

export interface LocalPython {
  /** Top-level module names importable from every file. */
  roots: Set<string>;
  /** Modules in each folder (`''` is the project root), by folder. */
  folders: Map<string, Set<string>>;
}

const SOURCE_EXTENSIONS = ['.py', '.pyi', '.pyx', '.so', '.pyd'];
const MANIFESTS = new Set(['pyproject.toml', 'setup.py', 'setup.cfg']);

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function join(folder: string, name: string): string {
  const clean = name.replace(/^\.\/+/, '').replace(/\/+$/, '');
  if (clean === '' || clean === '.') return folder;
  return folder === '' ? clean : `${folder}/${clean}`;
}

function addTo(folders: Map<string, Set<string>>, folder: string, name: string): void {
  const names = folders.get(folder) ?? new Set<string>();
  names.add(name);
  folders.set(folder, names);
}

/** Module name of a source file: `util` for `util.py`, `fast` for `fast.cpython-311-x86_64-linux-gnu.so`. */
function moduleOfFile(fileName: string): string | undefined {
  const lower = fileName.toLowerCase();
  if (!SOURCE_EXTENSIONS.some((extension) => lower.endsWith(extension))) return undefined;
  return fileName.slice(0, fileName.indexOf('.'));
}

function topLevel(dotted: string): string {
  return dotted.split('.')[0] ?? dotted;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Reads the module names and source folders that pyproject.toml declares. */
function readPyproject(text: string, path: string, roots: Set<string>, sourceFolders: string[]): void {
  const document = parseTomlDocument(text, path);
  const folder = folderOf(path);
  const project = isRecord(document['project']) ? document['project'] : {};
  const tool = isRecord(document['tool']) ? document['tool'] : {};
  const poetry = isRecord(tool['poetry']) ? tool['poetry'] : {};
  for (const name of [project['name'], poetry['name']]) {
    if (typeof name === 'string') roots.add(name.replace(/[-.]/g, '_'));
  }
  const setuptools = isRecord(tool['setuptools']) ? tool['setuptools'] : {};
  for (const name of [...stringsOf(setuptools['packages']), ...stringsOf(setuptools['py-modules'])]) roots.add(topLevel(name));
  const packages = setuptools['packages'];
  const find = isRecord(packages) && isRecord(packages['find']) ? packages['find'] : {};
  for (const where of stringsOf(find['where'])) sourceFolders.push(join(folder, where));
  for (const entry of Array.isArray(poetry['packages']) ? poetry['packages'] : []) {
    if (!isRecord(entry) || typeof entry['include'] !== 'string') continue;
    roots.add(topLevel(entry['include'].replace(/\.py$/, '')));
    if (typeof entry['from'] === 'string') sourceFolders.push(join(folder, entry['from']));
  }
}

/** Reads `packages`, `py_modules` and `[options.packages.find] where` of setup.cfg. */
function readSetupCfg(text: string, path: string, roots: Set<string>, sourceFolders: string[]): void {
  for (const entry of iniEntries(text)) {
    const items = entry.value.split(/[\n,]/).map((item) => item.trim()).filter((item) => item !== '');
    if (entry.section === 'options' && (entry.key === 'packages' || entry.key === 'py_modules')) {
      for (const item of items) if (!item.includes(':')) roots.add(topLevel(item));
    } else if (entry.section === 'options.packages.find' && entry.key === 'where') {
      for (const item of items) sourceFolders.push(join(folderOf(path), item));
    }
  }
}

function addSourceFile(folders: Map<string, Set<string>>, path: string): void {
  const parts = path.split('/');
  const fileName = parts.pop() ?? '';
  const module = moduleOfFile(fileName);
  if (module === undefined || module === '') return;
  addTo(folders, parts.join('/'), module);
  for (let depth = 0; depth < parts.length; depth += 1) {
    addTo(folders, parts.slice(0, depth).join('/'), parts[depth] as string);
  }
}

/**
 * Builds the local Python modules from the file list. A manifest that does
 * not parse adds nothing and no warning, because `declaredPackages` reads
 * the same file and reports it.
 */
export function buildLocalPython(files: readonly string[], readFile: (path: string) => string | undefined): LocalPython {
  const folders = new Map<string, Set<string>>();
  const roots = new Set<string>();
  const sourceFolders = ['', 'src'];
  for (const path of files) addSourceFile(folders, path);
  for (const path of files) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (!MANIFESTS.has(name)) continue;
    const folder = folderOf(path);
    sourceFolders.push(folder, join(folder, 'src'));
    const text = name === 'setup.py' ? undefined : readFile(path);
    if (text === undefined) continue;
    try {
      if (name === 'pyproject.toml') readPyproject(text, path, roots, sourceFolders);
      else readSetupCfg(text, path, roots, sourceFolders);
    } catch {
      // declaredPackages reads the same manifest and reports the error once.
      continue;
    }
  }
  for (const folder of sourceFolders) for (const module of folders.get(folder) ?? []) roots.add(module);
  return { roots, folders };
}

/** Checks whether the top-level name of `module`, imported by the file at `importingPath`, is the project's own. */
export function isLocalPython(module: string, importingPath: string, local: LocalPython): boolean {
  const top = topLevel(module);
  if (local.roots.has(top)) return true;
  let folder = folderOf(importingPath);
  for (;;) {
    if (local.folders.get(folder)?.has(top)) return true;
    if (folder === '') return false;
    folder = folderOf(folder);
  }
}
