/**
 * Turn a parsed lockfile into a project inventory: which packages are
 * direct, which are only needed for development, and one shortest chain
 * from the project root to each package ("why is this here").
 */
import { stripUrlCredentials } from '../../core/redact.js';
import { purlOf } from './purl.js';
import type {
  DependencyScope,
  InventoryPackage,
  LockedPackage,
  LockfileParseResult,
  ProjectInventory,
} from './types.js';

interface Reach {
  scope: DependencyScope;
  /** Key of the package that first reached this one; undefined for direct dependencies. */
  parent: string | undefined;
  /** Key of the direct dependency the chain starts from. */
  root: string;
  /** Packages in the chain, this one included. */
  depth: number;
}

/** Chains longer than this keep their direct dependency and their last links only. */
export const MAX_CHAIN = 24;

/**
 * Breadth-first walk from the direct dependencies: production roots first,
 * so a package reachable both ways is production, and its recorded chain is
 * a shortest production chain.
 */
function walk(parsed: LockfileParseResult, byKey: Map<string, LockedPackage>): Map<string, Reach> {
  const reach = new Map<string, Reach>();
  for (const scope of ['production', 'development'] as const) {
    const queue: string[] = [];
    for (const direct of parsed.direct) {
      if (direct.scope !== scope || reach.has(direct.key) || !byKey.has(direct.key)) continue;
      reach.set(direct.key, { scope, parent: undefined, root: direct.key, depth: 1 });
      queue.push(direct.key);
    }
    for (let index = 0; index < queue.length; index++) {
      const key = queue[index]!;
      const from = reach.get(key)!;
      for (const child of byKey.get(key)?.dependencies ?? []) {
        if (reach.has(child) || !byKey.has(child)) continue;
        reach.set(child, { scope, parent: key, root: from.root, depth: from.depth + 1 });
        queue.push(child);
      }
    }
  }
  return reach;
}

/** `name@version`, one string per package, shared by every chain that names it. */
const labels = new WeakMap<LockedPackage, string>();

function label(pkg: LockedPackage): string {
  let text = labels.get(pkg);
  if (text === undefined) {
    text = `${pkg.name}@${pkg.version}`;
    labels.set(pkg, text);
  }
  return text;
}

/**
 * The chain from the direct dependency to `key`. A hostile lockfile can
 * make chains as long as the package count, so a chain over MAX_CHAIN
 * links keeps the direct dependency, `…`, and the last links; that bounds
 * the work per package.
 */
function chainOf(key: string, reach: Map<string, Reach>, byKey: Map<string, LockedPackage>): string[] {
  const tail: string[] = [];
  let current: string | undefined = key;
  while (current !== undefined && tail.length < MAX_CHAIN) {
    tail.push(label(byKey.get(current)!));
    current = reach.get(current)?.parent;
  }
  if (current === undefined) return tail.reverse();
  const root = byKey.get(reach.get(key)!.root)!;
  return [label(root), '…', ...tail.slice(0, MAX_CHAIN - 2).reverse()];
}

/** purlOf with a cache: every package is also named by each edge that points at it. */
function cachedPurl(cache: Map<string, string>, pkg: LockedPackage): string {
  const key = `${pkg.name}@${pkg.version}`;
  let purl = cache.get(key);
  if (purl === undefined) {
    purl = purlOf(pkg.ecosystem, pkg.name, pkg.version);
    cache.set(key, purl);
  }
  return purl;
}

function toInventoryPackage(
  pkg: LockedPackage,
  reach: Map<string, Reach>,
  byKey: Map<string, LockedPackage>,
  directKeys: Set<string>,
  purls: Map<string, string>,
): InventoryPackage {
  const reached = reach.get(pkg.key);
  const scope: DependencyScope = reached?.scope ?? (pkg.dev ? 'development' : 'production');
  const dependsOn = pkg.dependencies
    .map((key) => byKey.get(key))
    .filter((child): child is LockedPackage => child !== undefined)
    .map((child) => cachedPurl(purls, child));
  const result: InventoryPackage = {
    ecosystem: pkg.ecosystem,
    name: pkg.name,
    version: pkg.version,
    purl: cachedPurl(purls, pkg),
    direct: directKeys.has(pkg.key),
    scope,
    path: reached ? chainOf(pkg.key, reach, byKey) : [label(pkg)],
    dependsOn: [...new Set(dependsOn)],
  };
  if (pkg.line !== undefined) result.line = pkg.line;
  if (pkg.license !== undefined) result.license = pkg.license;
  if (pkg.hashes?.length) result.hashes = pkg.hashes;
  if (pkg.source !== undefined) result.source = pkg.source;
  return result;
}

/**
 * Merge entries of the same name and version (npm keeps one per
 * node_modules folder): the package is direct if any copy is, production
 * if any copy is, and keeps the shortest chain and the first line.
 */
function mergeCopies(into: InventoryPackage, copy: InventoryPackage, dependsOn: Set<string>): void {
  into.direct ||= copy.direct;
  if (copy.scope === 'production') into.scope = 'production';
  if (copy.path.length < into.path.length) into.path = copy.path;
  if (into.line === undefined || (copy.line !== undefined && copy.line < into.line)) into.line = copy.line;
  for (const purl of copy.dependsOn) dependsOn.add(purl);
  into.license ??= copy.license;
  into.hashes ??= copy.hashes;
}

/**
 * A copy of `pkg` whose version and source carry no URL credentials: a
 * git dependency's version or source can be `git+https://TOKEN@host/...`,
 * and the inventory ends up in reports and SBOMs.
 */
function withoutCredentials(pkg: LockedPackage): LockedPackage {
  const version = stripUrlCredentials(pkg.version);
  const source = pkg.source === undefined ? undefined : stripUrlCredentials(pkg.source);
  if (version === pkg.version && source === pkg.source) return pkg;
  const copy = { ...pkg, version };
  if (source !== undefined) copy.source = source;
  return copy;
}

/** Build the inventory of one lockfile at `path`. */
export function buildInventory(path: string, lockfile: LockfileParseResult): ProjectInventory {
  const parsed = { ...lockfile, packages: lockfile.packages.map(withoutCredentials) };
  const byKey = new Map(parsed.packages.map((pkg) => [pkg.key, pkg]));
  const reach = walk(parsed, byKey);
  const directKeys = new Set(parsed.direct.map((direct) => direct.key));
  const byPurl = new Map<string, InventoryPackage>();
  const purls = new Map<string, string>();
  const merged = new Map<InventoryPackage, Set<string>>();
  const mergedDependsOn = (entry: InventoryPackage): Set<string> => {
    let set = merged.get(entry);
    if (set === undefined) {
      set = new Set(entry.dependsOn);
      merged.set(entry, set);
    }
    return set;
  };
  for (const pkg of parsed.packages) {
    const entry = toInventoryPackage(pkg, reach, byKey, directKeys, purls);
    const existing = byPurl.get(entry.purl);
    if (existing) {
      mergeCopies(existing, entry, mergedDependsOn(existing));
    } else {
      byPurl.set(entry.purl, entry);
    }
  }
  // Merged edge lists are kept as sets while copies arrive, so that many
  // copies of one package cost linear time, and written back once.
  for (const [entry, dependsOn] of merged) entry.dependsOn = [...dependsOn];

  const project: ProjectInventory = {
    path,
    ecosystem: parsed.ecosystem,
    packages: [...byPurl.values()].sort(comparePackages),
  };
  if (parsed.manifest !== undefined) project.manifest = parsed.manifest;
  if (parsed.projectName !== undefined) project.name = parsed.projectName;
  if (parsed.projectVersion !== undefined) project.version = parsed.projectVersion;
  return project;
}

function comparePackages(a: InventoryPackage, b: InventoryPackage): number {
  return compareText(a.name, b.name) || compareText(a.version, b.version);
}

/** Code-unit order, as `<` orders strings, for a result that does not depend on the locale. */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
