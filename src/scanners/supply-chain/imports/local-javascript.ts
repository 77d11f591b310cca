/**
 * JavaScript specifiers that resolve to the project's own code: its package
 * and workspace names, `package.json` `imports`, and the `paths` and
 * `baseUrl` of tsconfig.json and jsconfig.json.
 *
 * NOTE: bundler aliases (webpack `resolve.alias`, Vite `resolve.alias`) live
 * in code, not data, and are not read, so imports through them can be
 * reported as undeclared. tsconfig `extends` is not followed either.
 */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

export interface PathAlias {
  /** Text before the `*` of the pattern, or the whole pattern when it has none. */
  prefix: string;
  suffix: string;
  wildcard: boolean;
}

export interface LocalJavaScript {
  /** Names of the project's package.json files, lower-cased. */
  packageNames: Set<string>;
  /** `paths` patterns of tsconfig/jsconfig files and keys of package.json `imports`. */
  aliases: PathAlias[];
  /** First segments (`components`, `utils`) that resolve inside a tsconfig or jsconfig `baseUrl` folder. */
  baseUrlNames: Set<string>;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Checks whether `path` is a TypeScript or JavaScript project file (`tsconfig.json`, `tsconfig.app.json`, `jsconfig.json`). */
export function isCompilerConfigPath(path: string): boolean {
  const name = baseName(path);
  return /^(?:ts|js)config(?:\.[\w.-]+)?\.json$/.test(name);
}

function toAlias(pattern: string): PathAlias {
  const star = pattern.indexOf('*');
  if (star < 0) return { prefix: pattern, suffix: '', wildcard: false };
  return { prefix: pattern.slice(0, star), suffix: pattern.slice(star + 1), wildcard: true };
}

/** Checks whether `specifier` matches a `paths` or `imports` pattern. */
export function matchesAlias(specifier: string, alias: PathAlias): boolean {
  if (!alias.wildcard) return specifier === alias.prefix;
  return (
    specifier.length >= alias.prefix.length + alias.suffix.length &&
    specifier.startsWith(alias.prefix) &&
    specifier.endsWith(alias.suffix)
  );
}

function readPackageJson(local: LocalJavaScript, text: string): void {
  const manifest: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw new Error('not a JSON object');
  const record = manifest as Record<string, unknown>;
  if (typeof record['name'] === 'string') local.packageNames.add(record['name'].toLowerCase());
  const imports = record['imports'];
  if (typeof imports === 'object' && imports !== null) {
    for (const key of Object.keys(imports)) local.aliases.push(toAlias(key));
  }
}

/** Parses tsconfig/jsconfig JSON with comments and trailing commas; throws the first syntax error. */
function readCompilerOptions(text: string): Record<string, unknown> {
  const errors: ParseError[] = [];
  const config: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first !== undefined) throw new Error(`invalid JSON with comments at offset ${first.offset} (${printParseErrorCode(first.error)})`);
  if (typeof config !== 'object' || config === null) return {};
  const options = (config as Record<string, unknown>)['compilerOptions'];
  return typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
}

function normaliseFolder(folder: string, relative: string): string {
  const parts: string[] = folder === '' ? [] : folder.split('/');
  for (const part of relative.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** Adds the first path segment of every file under `folder`, without its extension for files directly in it. */
function addFolderEntries(names: Set<string>, folder: string, files: readonly string[]): void {
  const prefix = folder === '' ? '' : `${folder}/`;
  for (const file of files) {
    if (!file.startsWith(prefix)) continue;
    const rest = file.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash >= 0) names.add(rest.slice(0, slash));
    else names.add(rest.replace(/\.[^.]*$/, ''));
  }
}

function readCompilerConfig(local: LocalJavaScript, path: string, text: string, files: readonly string[]): void {
  const options = readCompilerOptions(text);
  const paths = options['paths'];
  if (typeof paths === 'object' && paths !== null) {
    for (const key of Object.keys(paths)) local.aliases.push(toAlias(key));
  }
  const baseUrl = options['baseUrl'];
  if (typeof baseUrl === 'string') addFolderEntries(local.baseUrlNames, normaliseFolder(folderOf(path), baseUrl), files);
}

/** Builds the local JavaScript names from the file list; a tsconfig or jsconfig file that does not parse adds a message to `warnings`. */
export function buildLocalJavaScript(
  files: readonly string[],
  readFile: (path: string) => string | undefined,
  warnings: string[],
): LocalJavaScript {
  const local: LocalJavaScript = { packageNames: new Set(), aliases: [], baseUrlNames: new Set() };
  for (const path of files) {
    const isManifest = baseName(path) === 'package.json';
    if (!isManifest && !isCompilerConfigPath(path)) continue;
    const text = readFile(path);
    if (text === undefined) continue;
    try {
      if (isManifest) readPackageJson(local, text);
      else readCompilerConfig(local, path, text, files);
    } catch (error) {
      // declaredPackages reads package.json too and reports its errors once.
      if (isManifest) continue;
      warnings.push(`${path}: ${(error as Error).message.split('\n')[0]}; its local names are not known, so imports of them may be reported as undeclared`);
    }
  }
  return local;
}

/** Checks whether a specifier whose package is `packageName` resolves to the project's own code. */
export function isLocalJavaScript(specifier: string, packageName: string, local: LocalJavaScript): boolean {
  if (local.packageNames.has(packageName)) return true;
  if (local.aliases.some((alias) => matchesAlias(specifier, alias))) return true;
  const slash = specifier.indexOf('/');
  return local.baseUrlNames.has(slash < 0 ? specifier : specifier.slice(0, slash));
}
