/**
 * Types shared by the dependency stage: what lockfile parsers return, and
 * the inventory the scanner builds from it (packages with purl, scope and
 * the path that pulls each one in).
 */

/** Ecosystem names as OSV spells them. */
export const ECOSYSTEMS = [
  'npm',
  'PyPI',
  'Go',
  'crates.io',
  'RubyGems',
  'Packagist',
  'Maven',
  'NuGet',
  'Pub',
] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

export type DependencyScope = 'production' | 'development';

export interface PackageHash {
  algorithm: 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
  /** Lower-case hex. */
  value: string;
}

/** One package entry as a lockfile parser reports it, before graph analysis. */
export interface LockedPackage {
  /**
   * Unique within the lockfile. Parsers use `name@version` unless the
   * format can hold the same name and version twice (npm's nested
   * node_modules paths), in which case they use the format's own key.
   */
  key: string;
  name: string;
  /** The exact resolved version. */
  version: string;
  ecosystem: Ecosystem;
  /** Keys of the packages this one depends on, resolved within the lockfile. */
  dependencies: string[];
  /** 1-based line of the entry in the lockfile, when the parser can tell. */
  line?: number;
  /** Licence as the lockfile or manifest states it (SPDX expression or free text). */
  license?: string;
  hashes?: PackageHash[];
  /** The lockfile marks it as development-only (npm `dev`, Pipfile `develop`, composer `packages-dev`). */
  dev?: boolean;
  optional?: boolean;
  /** Origin when not the ecosystem's default registry: a git URL, a path, a tarball URL. */
  source?: string;
}

export interface DirectDependency {
  key: string;
  scope: DependencyScope;
}

export interface LockfileParseResult {
  ecosystem: Ecosystem;
  /** Name and version of the root project, when the lockfile or its manifest records them. */
  projectName?: string;
  projectVersion?: string;
  packages: LockedPackage[];
  /** The project's own (direct) dependencies. */
  direct: DirectDependency[];
  /** Relative path of the manifest that declares the direct dependencies, when one was read. */
  manifest?: string;
  /** Problems that did not stop parsing: unresolved references, missing includes. */
  warnings: string[];
}

export interface ParseContext {
  /** Relative, `/`-separated path of the file being parsed. */
  path: string;
  /**
   * Read another file of the scanned project by relative path (resolved
   * against the scan root, not the lockfile). Undefined when it does not
   * exist, is not a regular file, or lies outside the root.
   */
  readFile(relativePath: string): string | undefined;
  /**
   * Relative paths of every package.json that discovery found in the scan
   * root (vendored folders excluded), for expanding workspace globs such
   * as `packages/*`. Absent when the caller did not list the tree.
   */
  packageManifests?: readonly string[];
}

/** One lockfile or manifest format. Parsers are pure: no network, no process spawning. */
export interface LockfileParser {
  /** Short id such as `npm-lock`, used in messages. */
  readonly id: string;
  /** Whether the file at `path` (relative, `/`-separated) is in this format; decided on the name alone. */
  matches(path: string): boolean;
  /**
   * Parse `text`. Throws `LockfileError` for a file that is not in the
   * format; never hangs or recurses without bound on hostile input.
   */
  parse(text: string, context: ParseContext): LockfileParseResult;
}

/** A lockfile that cannot be parsed; the scan reports it as a file error and goes on. */
export class LockfileError extends Error {
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${message}`, options);
    this.name = 'LockfileError';
  }
}

/** A package of a project's inventory, after graph analysis. */
export interface InventoryPackage {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  /** Package URL, such as `pkg:npm/%40babel/core@7.24.0`. */
  purl: string;
  direct: boolean;
  scope: DependencyScope;
  /**
   * One shortest chain from the project root: `name@version` of the direct
   * dependency first and of this package last.
   */
  path: string[];
  /** purls of the packages this one depends on. */
  dependsOn: string[];
  line?: number;
  license?: string;
  hashes?: PackageHash[];
  source?: string;
}

/** One project: a lockfile (or manifest) and everything it pins. */
export interface ProjectInventory {
  /** Relative path of the lockfile. */
  path: string;
  manifest?: string;
  ecosystem: Ecosystem;
  name?: string;
  version?: string;
  packages: InventoryPackage[];
}
