/**
 * Lookups among the entries of one archive by path, and the relative
 * imports that carry install-time weighting from a script to the modules
 * it loads.
 */
import type { ArchiveEntry } from './archive-entry.js';
import { joinInside, parentDirectory } from './entry-path.js';

export class PackageFiles {
  private readonly byPath = new Map<string, ArchiveEntry>();

  constructor(readonly entries: readonly ArchiveEntry[]) {
    // A later entry with the same name overwrites an earlier one when the archive is unpacked.
    for (const entry of entries) if (entry.type === 'file') this.byPath.set(entry.path, entry);
  }

  get(path: string): ArchiveEntry | undefined {
    return this.byPath.get(path);
  }

  text(path: string): string | undefined {
    return this.byPath.get(path)?.content?.toString('utf8');
  }

  /** Return the first of `candidates` that is a file of the archive. */
  firstExisting(candidates: string[]): string | undefined {
    return candidates.find((candidate) => this.byPath.has(candidate));
  }

  /** Node's resolution of a relative module path to a file: as written, with an extension, or a folder's index. */
  resolveScript(path: string): string | undefined {
    return this.firstExisting([path, `${path}.js`, `${path}.cjs`, `${path}.mjs`, `${path}/index.js`]);
  }
}

/** Relative module paths a JavaScript file requires or imports. */
function relativeJavascriptImports(text: string): string[] {
  const found: string[] = [];
  const pattern = /(?:require\s{0,4}\(|import\s{0,4}\(|from)\s{0,4}['"](\.{1,2}\/[^'"\n]{1,200})['"]/g;
  for (const match of text.matchAll(pattern)) {
    found.push(match[1] as string);
    if (found.length >= 100) break;
  }
  return found;
}

/** Top-level module names a Python file imports, which may be sibling files (`import helpers`). */
function pythonImports(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/^[ \t]{0,40}(?:from[ \t]{1,8}([\w.]{1,100})[ \t]{1,8}import|import[ \t]{1,8}([\w.]{1,100}))/gm)) {
    const name = (match[1] ?? match[2] ?? '').split('.')[0];
    if (name) found.push(name);
    if (found.length >= 100) break;
  }
  return found;
}

/** Files loaded by `path` through relative imports, resolved inside the archive. */
function importedFiles(files: PackageFiles, path: string): string[] {
  const text = files.text(path);
  if (text === undefined) return [];
  const directory = parentDirectory(path);
  if (path.endsWith('.py')) {
    return pythonImports(text)
      .map((name) => files.firstExisting([joinInside(directory, `${name}.py`) ?? '', joinInside(directory, `${name}/__init__.py`) ?? '']))
      .filter((file): file is string => file !== undefined);
  }
  return relativeJavascriptImports(text)
    .map((relative) => joinInside(directory, relative))
    .map((resolved) => (resolved === undefined ? undefined : files.resolveScript(resolved)))
    .filter((file): file is string => file !== undefined);
}

/**
 * `roots` and the files they import, `depth` levels deep. Install hooks
 * often run a small script that loads the real work from a sibling module.
 */
export function withImports(files: PackageFiles, roots: Iterable<string>, depth = 1): Set<string> {
  const found = new Set(roots);
  let frontier = [...found];
  for (let level = 0; level < depth; level++) {
    const next: string[] = [];
    for (const path of frontier) {
      for (const file of importedFiles(files, path)) {
        if (found.has(file)) continue;
        found.add(file);
        next.push(file);
      }
    }
    frontier = next;
  }
  return found;
}
