/**
 * A generated npm project for the dependency benchmarks: package.json and a
 * package-lock.json (lockfile version 3) with a few thousand packages under
 * real package names. It has a dependency graph, development-only packages,
 * and nested node_modules copies of older versions, as npm writes them when
 * two dependents need different major versions. The same seed gives the
 * same bytes on every run.
 */
import { readFileSync } from 'node:fs';
import { SeededRandom } from './random.js';

export interface LockfileOptions {
  seed: number;
  /** Packages hoisted to the top-level node_modules. Nested copies come on top. */
  topLevel: number;
  /** Direct production and development dependencies of the root project. */
  directProduction: number;
  directDevelopment: number;
  /** Share of dependency edges that need an older major version, installed nested. */
  nestedShare: number;
}

export const DEFAULT_LOCKFILE_OPTIONS: LockfileOptions = {
  seed: 20_251_204,
  topLevel: 2_700,
  directProduction: 45,
  directDevelopment: 30,
  nestedShare: 0.12,
};

/** One `packages` entry of the generated lockfile. */
export interface GeneratedPackage {
  /** Install path, such as `node_modules/a/node_modules/b`. */
  key: string;
  name: string;
  version: string;
  dev: boolean;
}

export interface GeneratedProject {
  packageJson: string;
  packageLock: string;
  packages: GeneratedPackage[];
  /** Distinct name@version pairs, the number an inventory reports. */
  distinct: number;
  nested: number;
}

/** Read the `name` column of a tab-separated file with a header line, in file order. */
export function readNameColumn(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n').slice(1);
  return lines.map((line) => line.split('\t')[0]?.trim() ?? '').filter((name) => name !== '');
}

interface Version {
  major: number;
  minor: number;
  patch: number;
}

interface Node {
  key: string;
  name: string;
  version: Version;
  /** Indices in the hoisted list of the packages this one depends on. */
  needs: number[];
  dev: boolean;
}

const LICENSES = ['MIT', 'MIT', 'MIT', 'MIT', 'MIT', 'MIT', 'ISC', 'ISC', 'Apache-2.0', 'BSD-3-Clause',
  'BSD-2-Clause', '0BSD', '(MIT OR Apache-2.0)', 'BlueOak-1.0.0', 'MIT'];

const text = (version: Version): string => `${version.major}.${version.minor}.${version.patch}`;

/** The caret range npm writes for `version`: it keeps the major (the minor below 1.0.0). */
const caret = (version: Version): string =>
  version.major > 0 ? `^${version.major}.${version.minor}.0` : `^0.${version.minor}.${version.patch}`;

class Generator extends SeededRandom {
  /** Majors skew low, as on the registry: a third of packages are still 0.x. */
  version(): Version {
    const roll = this.next();
    let major = 7 + this.integer(20);
    if (roll < 0.3) major = 0;
    else if (roll < 0.85) major = 1 + this.integer(6);
    return { major, minor: major === 0 ? 1 + this.integer(25) : this.integer(30), patch: this.integer(16) };
  }

  /** Return an older release that the caret range of `current` excludes, or undefined for 0.0.x. */
  olderVersion(current: Version): Version | undefined {
    if (current.major > 0) return { major: current.major - 1, minor: this.integer(20), patch: this.integer(12) };
    if (current.minor === 0) return undefined;
    return { major: 0, minor: this.integer(current.minor), patch: this.integer(12) };
  }

  integrity(): string {
    return `sha512-${this.bytes(64).toString('base64')}`;
  }
}

/**
 * Edges of the hoisted packages: each points at later indices only, so the
 * graph has no cycle, and every package past the direct ones gets at least
 * one dependent so that none is extraneous.
 */
function dependencyEdges(gen: Generator, count: number, roots: number): number[][] {
  const edges = Array.from({ length: count }, () => new Set<number>());
  for (let from = 0; from < count - 1; from++) {
    const edgeCount = gen.chance(0.3) ? 0 : 1 + Math.floor(gen.next() ** 2 * 7);
    for (let n = 0; n < edgeCount; n++) {
      const span = count - from - 1;
      edges[from]!.add(from + 1 + Math.floor(gen.next() ** 1.6 * span));
    }
  }
  const reached = new Set(edges.flatMap((targets) => [...targets]));
  for (let to = roots; to < count; to++) {
    if (!reached.has(to)) edges[gen.integer(to)]!.add(to);
  }
  return edges.map((targets) => [...targets].sort((a, b) => a - b));
}

function tarballUrl(name: string, version: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return `https://registry.npmjs.org/${name}/-/${base}-${version}.tgz`;
}

/** Build the lockfile entry of `node`. `ranges` maps each dependency name to the range it needs. */
function lockEntry(gen: Generator, node: Node, ranges: Map<string, string>): Record<string, unknown> {
  const version = text(node.version);
  const entry: Record<string, unknown> = {
    version,
    resolved: tarballUrl(node.name, version),
    integrity: gen.integrity(),
  };
  if (node.dev) entry.dev = true;
  entry.license = LICENSES[gen.integer(LICENSES.length)];
  if (ranges.size > 0) entry.dependencies = Object.fromEntries(ranges);
  if (gen.chance(0.05)) entry.bin = { [node.name.replace(/^@[^/]+\//, '')]: 'bin/cli.js' };
  if (gen.chance(0.4)) entry.engines = { node: `>=${[8, 10, 12, 14, 16, 18][gen.integer(6)]}` };
  if (gen.chance(0.15)) entry.funding = { url: `https://github.com/sponsors/${node.name.replace(/[@/]/g, '')}` };
  return entry;
}

/**
 * Mark development-only packages: those that no chain from a production
 * dependency reaches. `resolve` gives the key a dependency name resolves to.
 */
function markDevelopment(nodes: Map<string, Node>, roots: string[], resolve: (from: string, index: number) => string): void {
  const production = new Set(roots);
  const queue = [...roots];
  for (let i = 0; i < queue.length; i++) {
    const from = queue[i]!;
    for (const index of nodes.get(from)!.needs) {
      const to = resolve(from, index);
      if (!production.has(to)) {
        production.add(to);
        queue.push(to);
      }
    }
  }
  for (const node of nodes.values()) node.dev = !production.has(node.key);
}

/**
 * Add nested copies of older versions to `nodes`. Each dependency edge moves
 * to the older copy with probability `share`, but the hoisted copy keeps at
 * least one dependent, or it would be extraneous, which npm prunes.
 */
function nestOlderCopies(gen: Generator, top: Node[], nodes: Map<string, Node>, roots: number, share: number): void {
  // One older version per name, shared by every dependent that needs it, so
  // the same name@version sits at several install paths, as in real trees.
  const older = top.map((node) => gen.olderVersion(node.version));
  const hoistedUsers = top.map((_, index) => (index < roots ? 1 : 0));
  for (const parent of top) for (const index of parent.needs) hoistedUsers[index]!++;

  for (const parent of top) {
    for (const index of parent.needs) {
      const target = top[index]!;
      const version = older[index];
      if (version === undefined || hoistedUsers[index]! < 2 || !gen.chance(share)) continue;
      hoistedUsers[index]!--;
      const key = `${parent.key}/node_modules/${target.name}`;
      nodes.set(key, { key, name: target.name, version, needs: target.needs, dev: false });
    }
  }
}

/** Return the key that package `index` of `top` resolves to from `from`, by Node's lookup through enclosing node_modules folders. */
function resolveFrom(nodes: Map<string, Node>, top: Node[], from: string, index: number): string {
  const name = top[index]!.name;
  for (let folder = from; ; ) {
    const key = `${folder}/node_modules/${name}`;
    if (nodes.has(key)) return key;
    const cut = folder.lastIndexOf('/node_modules/');
    if (cut === -1) return `node_modules/${name}`;
    folder = folder.slice(0, cut);
  }
}

/** Generate the project from `names`, real package names with the most popular first. */
export function generateNpmProject(names: readonly string[], options = DEFAULT_LOCKFILE_OPTIONS): GeneratedProject {
  const gen = new Generator(options.seed);
  const chosen = gen.shuffle([...new Set(names)].slice(0, options.topLevel * 2)).slice(0, options.topLevel);
  if (chosen.length < options.topLevel) throw new Error(`only ${chosen.length} package names, need ${options.topLevel}`);

  const roots = options.directProduction + options.directDevelopment;
  const edges = dependencyEdges(gen, chosen.length, roots);
  const top: Node[] = chosen.map((name, index) => ({
    key: `node_modules/${name}`,
    name,
    version: gen.version(),
    needs: edges[index]!,
    dev: false,
  }));
  const nodes = new Map(top.map((node) => [node.key, node]));
  nestOlderCopies(gen, top, nodes, roots, options.nestedShare);
  const resolve = (from: string, index: number): string => resolveFrom(nodes, top, from, index);
  markDevelopment(nodes, top.slice(0, options.directProduction).map((node) => node.key), resolve);

  const rangesOf = (node: Node): Map<string, string> =>
    new Map(node.needs.map((index) => [top[index]!.name, caret(nodes.get(resolve(node.key, index))!.version)]));
  const rangeMap = (direct: Node[]) => Object.fromEntries(direct.map((node) => [node.name, caret(node.version)]));
  const manifest = {
    name: 'bench-storefront',
    version: '3.4.0',
    license: 'UNLICENSED',
    dependencies: rangeMap(top.slice(0, options.directProduction)),
    devDependencies: rangeMap(top.slice(options.directProduction, roots)),
  };

  // Sorted by install path. npm sorts them too, though its collation may differ.
  const keys = [...nodes.keys()].sort();
  const packages: Record<string, unknown> = { '': manifest };
  for (const key of keys) packages[key] = lockEntry(gen, nodes.get(key)!, rangesOf(nodes.get(key)!));
  const lock = { name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages };

  const generated = keys.map((key) => {
    const node = nodes.get(key)!;
    return { key, name: node.name, version: text(node.version), dev: node.dev };
  });
  return {
    packageJson: `${JSON.stringify({ ...manifest, private: true }, null, 2)}\n`,
    packageLock: `${JSON.stringify(lock, null, 2)}\n`,
    packages: generated,
    distinct: new Set(generated.map((pkg) => `${pkg.name}@${pkg.version}`)).size,
    nested: nodes.size - top.length,
  };
}
