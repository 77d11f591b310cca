/**
 * The format-neutral graph that the CycloneDX and SPDX readers fill in,
 * and its conversion into project inventories.
 */
import { packagesOf } from './sbom-input-packages.js';
import { identityOfPurl } from './sbom-input-purl.js';
import type { PurlIdentity } from './sbom-input-purl.js';
import { ECOSYSTEMS } from './types.js';
import type { DependencyScope, Ecosystem, InventoryPackage, PackageHash, ProjectInventory } from './types.js';

/** One CycloneDX component or SPDX package. */
export interface SbomNode {
  /** bom-ref or SPDXID. Readers make up a unique one for nodes without. */
  ref: string;
  purl?: string;
  hashes: PackageHash[];
  license?: string;
  source?: string;
  /** Scope the SBOM states for this node, as opposed to one derived from the graph. */
  scope?: DependencyScope;
}

export interface DependencyEdge {
  to: string;
  /** The SBOM marks the edge as a development, build or test dependency. */
  development: boolean;
}

/** A project (lockfile) that Rampart wrote into the SBOM, recognised on reading. */
export interface SbomGroup {
  ref: string;
  path: string;
  ecosystem?: Ecosystem;
  name?: string;
  version?: string;
  manifest?: string;
  /** Refs of the nodes that belong to the project. */
  members: string[];
}

export interface SbomGraph {
  nodes: Map<string, SbomNode>;
  /** The described subject: CycloneDX metadata component, SPDX DESCRIBES targets. */
  roots: string[];
  dependencies: Map<string, DependencyEdge[]>;
  /** Edges that place a node without making it a dependency: nesting, CONTAINS, DESCRIBES. */
  structure: Map<string, string[]>;
  groups: SbomGroup[];
}

export function emptyGraph(): SbomGraph {
  return { nodes: new Map(), roots: [], dependencies: new Map(), structure: new Map(), groups: [] };
}

/** Append `value` to the list at `key`. */
export function addEdge<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A package node with the identity taken from its purl. */
export interface IdentifiedNode {
  node: SbomNode;
  purl: string;
  identity: PurlIdentity;
}

/** Counts of nodes whose purl gave no identity, turned into warnings at the end. */
class SkipCounter {
  private readonly unsupportedTypes = new Map<string, number>();
  private invalid = 0;
  private versionless = 0;

  identify(node: SbomNode): IdentifiedNode | undefined {
    if (node.purl === undefined) return undefined;
    const result = identityOfPurl(node.purl);
    if ('ecosystem' in result) return { node, purl: node.purl, identity: result };
    if (result.reason === 'invalid') this.invalid++;
    else if (result.reason === 'no-version') this.versionless++;
    else this.unsupportedTypes.set(result.type, (this.unsupportedTypes.get(result.type) ?? 0) + 1);
    return undefined;
  }

  warnings(path: string): string[] {
    const warnings: string[] = [];
    const unsupported = [...this.unsupportedTypes.values()].reduce((sum, count) => sum + count, 0);
    if (unsupported > 0) {
      const types = [...this.unsupportedTypes.keys()].sort().slice(0, 10).join(', ');
      warnings.push(`${path}: skipped ${unsupported} packages of purl types Rampart does not check (${types})`);
    }
    if (this.invalid > 0) warnings.push(`${path}: skipped ${this.invalid} packages with an invalid purl`);
    if (this.versionless > 0) warnings.push(`${path}: skipped ${this.versionless} packages whose purl has no version`);
    return warnings;
  }
}

/**
 * Collect the dependency edges from the described subject to packages. The walk passes
 * through nodes that are not packages (a Trivy lockfile component, an SPDX
 * root directory) but stops at packages, so only first-level packages count.
 */
function edgesFromRoots(graph: SbomGraph, isPackage: (ref: string) => boolean): DependencyEdge[] {
  const found: DependencyEdge[] = [];
  const seen = new Set(graph.roots);
  const queue = [...graph.roots];
  for (let index = 0; index < queue.length; index++) {
    const ref = queue[index]!;
    for (const edge of graph.dependencies.get(ref) ?? []) {
      if (isPackage(edge.to)) found.push(edge);
      else if (!seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
    for (const child of graph.structure.get(ref) ?? []) {
      if (isPackage(child) || seen.has(child)) continue;
      seen.add(child);
      queue.push(child);
    }
  }
  return found;
}

/** Convert the graph into inventories: one per recognised group, else one for the whole SBOM. */
export function inventoriesOf(graph: SbomGraph, path: string, warnings: string[]): ProjectInventory[] {
  const counter = new SkipCounter();
  const rootRefs = new Set(graph.roots);
  const identified = new Map<string, IdentifiedNode>();
  for (const node of graph.nodes.values()) {
    if (rootRefs.has(node.ref)) continue;
    const entry = counter.identify(node);
    if (entry) identified.set(node.ref, entry);
  }

  const projects: ProjectInventory[] = [];
  const grouped = new Set<string>();
  for (const group of graph.groups) {
    const members = group.members.flatMap((ref) => identified.get(ref) ?? []);
    members.forEach((member) => grouped.add(member.node.ref));
    const direct = graph.dependencies.get(group.ref) ?? [];
    projects.push(projectOf(group, members, direct, graph));
  }

  const rest = [...identified.values()].filter((entry) => !grouped.has(entry.node.ref));
  if (rest.length > 0 || (graph.groups.length === 0 && identified.size > 0)) {
    let direct: DependencyEdge[] | undefined = edgesFromRoots(graph, (ref) => identified.has(ref));
    if (direct.length === 0) {
      warnings.push(
        `${path}: the SBOM does not say which packages the project depends on directly, ` +
          `so all ${rest.length} are marked direct`,
      );
      direct = undefined;
    }
    projects.push(projectOf({ ref: '', path, members: [] }, rest, direct, graph));
  }
  warnings.push(...counter.warnings(path));
  return projects;
}

/** Find the most frequent ecosystem among the packages. Ties go to the earlier one in ECOSYSTEMS. */
function mainEcosystem(packages: InventoryPackage[]): Ecosystem {
  const counts = new Map<Ecosystem, number>();
  for (const pkg of packages) counts.set(pkg.ecosystem, (counts.get(pkg.ecosystem) ?? 0) + 1);
  let best: Ecosystem = ECOSYSTEMS[0];
  for (const ecosystem of ECOSYSTEMS) {
    if ((counts.get(ecosystem) ?? 0) > (counts.get(best) ?? 0)) best = ecosystem;
  }
  return best;
}

/**
 * Build one project from its member packages. `direct` lists the edges
 * from the project to its direct dependencies. Undefined marks every
 * package direct, for SBOMs without a graph from the root.
 */
function projectOf(
  group: SbomGroup,
  members: IdentifiedNode[],
  direct: DependencyEdge[] | undefined,
  graph: SbomGraph,
): ProjectInventory {
  const packages = packagesOf(members, direct, graph);
  const project: ProjectInventory = {
    path: group.path,
    ecosystem: group.ecosystem ?? mainEcosystem(packages),
    packages,
  };
  if (group.manifest !== undefined) project.manifest = group.manifest;
  if (group.name !== undefined) project.name = group.name;
  if (group.version !== undefined) project.version = group.version;
  return project;
}
