/**
 * Turns a JavaScript module specifier into the npm package it comes from:
 * `@scope/name/sub` is `@scope/name`, `name/sub` is `name`. Relative and
 * absolute paths, URLs and other schemes, Node built-ins, `#` subpath
 * imports and names that npm would reject for a new package are not npm
 * packages.
 */
import { builtinModules } from 'node:module';

const BUILTINS: ReadonlySet<string> = new Set(builtinModules);

/** npm's limit on the length of a package name, scope included. */
const MAX_NPM_NAME_LENGTH = 214;

/**
 * Checks whether `name` is acceptable as a new npm package name: lower-case
 * letters, digits, `-`, `.` and `_`, no leading `.` or `_`, at most 214
 * characters, and for scoped names a non-empty scope and name. Legacy names
 * with capitals (`JSONStream`) fail; no one can register a new name with
 * capitals in their place.
 */
export function isValidNpmName(name: string): boolean {
  if (name === '' || name.length > MAX_NPM_NAME_LENGTH) return false;
  if (!name.startsWith('@')) return isValidNamePart(name);
  const slash = name.indexOf('/');
  if (slash < 0) return false;
  return isValidNamePart(name.slice(1, slash)) && isValidNamePart(name.slice(slash + 1));
}

function isValidNamePart(part: string): boolean {
  if (part === '' || part.startsWith('.') || part.startsWith('_')) return false;
  for (let index = 0; index < part.length; index += 1) {
    const code = part.charCodeAt(index);
    const allowed =
      (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45 || code === 46 || code === 95;
    if (!allowed) return false;
  }
  return true;
}

/** Checks whether `specifier` names a Node.js built-in module (`fs`, `fs/promises`, `node:test`). */
export function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  const slash = specifier.indexOf('/');
  return BUILTINS.has(specifier) || BUILTINS.has(slash < 0 ? specifier : specifier.slice(0, slash));
}

/**
 * Returns the npm package that `specifier` imports, or undefined when it is
 * not an npm package. Deno's `npm:name@1.2/sub` form is read as `name`.
 */
export function npmPackageOfSpecifier(specifier: string): string | undefined {
  let rest = specifier.trim();
  if (rest.startsWith('npm:')) rest = stripVersion(rest.slice('npm:'.length));
  if (rest === '' || rest.startsWith('.') || rest.startsWith('/') || rest.includes(':') || rest.includes('\\')) {
    return undefined;
  }
  if (isNodeBuiltin(rest)) return undefined;
  const parts = rest.split('/');
  const name = rest.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] as string);
  return isValidNpmName(name) ? name : undefined;
}

/** Drops `@version` from `name@version/sub` and `@scope/name@version/sub`. */
function stripVersion(text: string): string {
  const nameEnd = text.startsWith('@') ? text.indexOf('/') + 1 : 0;
  const at = text.indexOf('@', Math.max(nameEnd, 1));
  if (at < 0) return text;
  const slash = text.indexOf('/', at);
  return text.slice(0, at) + (slash < 0 ? '' : text.slice(slash));
}

/**
 * Returns the DefinitelyTyped package that carries types for `name`:
 * `@types/lodash` for `lodash`, `@types/babel__core` for `@babel/core`.
 */
export function typesPackageOf(name: string): string {
  if (!name.startsWith('@')) return `@types/${name}`;
  return `@types/${name.slice(1).replace('/', '__')}`;
}
