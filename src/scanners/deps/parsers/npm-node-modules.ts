/**
 * Node's module lookup over npm lockfile keys, which are install paths
 * such as `node_modules/a/node_modules/b` or `packages/web/node_modules/c`.
 * A package at path P that requires `x` gets the first of
 * `P/node_modules/x`, then the same under each ancestor folder of P
 * (skipping folders named `node_modules`), up to the project root.
 */

/** Maximum key length accepted, in characters. Real install paths stay within a few hundred. */
export const MAX_KEY_LENGTH = 1024;
/** Maximum number of folders a lookup walks. Trees from npm 3 and later rarely nest ten deep. */
export const MAX_LOOKUP_DEPTH = 64;

const NODE_MODULES = 'node_modules/';

export interface InstallPath {
  /** The folder that contains the `node_modules` folder ('' for the project root). */
  parent: string;
  /** The package name the path installs, as the folder name spells it. */
  name: string;
}

/**
 * Splits an install path into its parent folder and package name, or
 * returns undefined when `key` is not an install path (a workspace or
 * other local folder, or a malformed key).
 */
export function splitInstallPath(key: string): InstallPath | undefined {
  const index = key.lastIndexOf(NODE_MODULES);
  if (index === -1 || (index > 0 && key[index - 1] !== '/')) return undefined;
  const name = key.slice(index + NODE_MODULES.length);
  if (!isFolderName(name)) return undefined;
  return { parent: index === 0 ? '' : key.slice(0, index - 1), name };
}

/** Checks that `name` is one folder (`a`) or a scoped pair (`@s/a`). */
function isFolderName(name: string): boolean {
  const slash = name.indexOf('/');
  if (slash === -1) return name !== '' && name !== '.' && name !== '..';
  return (
    name.startsWith('@') &&
    slash > 1 &&
    slash < name.length - 1 &&
    name.indexOf('/', slash + 1) === -1
  );
}

/** Lists the folders a lookup from `key` searches, nearest first, or returns undefined when too deep. */
export function lookupFolders(key: string): string[] | undefined {
  const folders: string[] = [];
  let folder = key;
  for (;;) {
    if (folders.length >= MAX_LOOKUP_DEPTH) return undefined;
    folders.push(folder);
    if (folder === '') return folders;
    const install = splitInstallPath(folder);
    if (install !== undefined) {
      folder = install.parent;
    } else {
      const slash = folder.lastIndexOf('/');
      folder = slash === -1 ? '' : folder.slice(0, slash);
    }
  }
}

/** Index of install paths by parent folder and name. */
export class NodeModulesIndex {
  private readonly byParent = new Map<string, Map<string, string>>();

  /** Registers an install path; returns false when `key` is not one. */
  add(key: string): boolean {
    const install = splitInstallPath(key);
    if (install === undefined) return false;
    let names = this.byParent.get(install.parent);
    if (names === undefined) {
      names = new Map();
      this.byParent.set(install.parent, names);
    }
    names.set(install.name, key);
    return true;
  }

  /** Returns the key that `name` resolves to from a package whose lookup folders are `folders`. */
  resolve(folders: readonly string[], name: string): string | undefined {
    for (const folder of folders) {
      const key = this.byParent.get(folder)?.get(name);
      if (key !== undefined) return key;
    }
    return undefined;
  }
}
