/**
 * Inventory packages of one project read from an SBOM: identical purls
 * merged, direct flags and scopes from the graph, and one shortest chain
 * from the project to each package.
 */
import { MAX_CHAIN as MAX_INVENTORY_CHAIN } from './graph.js';
import type { DependencyEdge, IdentifiedNode, SbomGraph } from './sbom-input-graph.js';
import type { PurlIdentity } from './sbom-input-purl.js';
import type { DependencyScope, InventoryPackage, PackageHash } from './types.js';

/** All SBOM nodes of one project that share a purl. */
interface Draft {
  purl: string;
  identity: PurlIdentity;
  /** `name@version`, the form of chain entries. */
  label: string;
  refs: string[];
  hashes: PackageHash[];
  hashKeys: Set<string>;
  license?: string;
  source?: string;
  scope?: DependencyScope;
}

interface Reach {
  scope: DependencyScope;
  /** purl of the package that first reached this one. Undefined for direct dependencies. */
  parent: string | undefined;
  /** purl of the direct dependency that the chain starts from. */
  direct: string;
}

/**
 * Maximum chain length kept per package. A hostile SBOM can list one chain of
 * 100,000 packages, and full chains would then take quadratic memory.
 */
// A longer chain keeps its direct dependency and its last packages, as the
// lockfile inventory does (graph.ts).
const MAX_CHAIN = MAX_INVENTORY_CHAIN;

function mergeInto(draft: Draft, entry: IdentifiedNode): void {
  const { node } = entry;
  draft.refs.push(node.ref);
  for (const hash of node.hashes) {
    const key = `${hash.algorithm}:${hash.value}`;
    if (draft.hashKeys.has(key)) continue;
    draft.hashKeys.add(key);
    draft.hashes.push(hash);
  }
  draft.license ??= node.license;
  draft.source ??= node.source;
  if (node.scope === 'production' || draft.scope === undefined) draft.scope = node.scope ?? draft.scope;
}

function draftsOf(members: IdentifiedNode[]): Map<string, Draft> {
  const drafts = new Map<string, Draft>();
  for (const entry of members) {
    let draft = drafts.get(entry.purl);
    if (!draft) {
      const label = `${entry.identity.name}@${entry.identity.version}`;
      draft = { purl: entry.purl, identity: entry.identity, label, refs: [], hashes: [], hashKeys: new Set() };
      drafts.set(entry.purl, draft);
    }
    mergeInto(draft, entry);
  }
  return drafts;
}

/** purls each package depends on, limited to packages of the same project. */
function dependsOnOf(drafts: Map<string, Draft>, graph: SbomGraph): Map<string, string[]> {
  const purlOfRef = new Map<string, string>();
  for (const draft of drafts.values()) for (const ref of draft.refs) purlOfRef.set(ref, draft.purl);
  const result = new Map<string, string[]>();
  for (const draft of drafts.values()) {
    const targets = new Set<string>();
    for (const ref of draft.refs) {
      for (const edge of graph.dependencies.get(ref) ?? []) {
        const target = purlOfRef.get(edge.to);
        if (target !== undefined && target !== draft.purl) targets.add(target);
      }
    }
    result.set(draft.purl, [...targets]);
  }
  return result;
}

/**
 * Scope of each direct dependency: the scope the SBOM states for the
 * package, else the edge kind. A package reached by a production edge is
 * production. `direct` undefined makes every package direct.
 */
function directScopes(drafts: Map<string, Draft>, direct: DependencyEdge[] | undefined): Map<string, DependencyScope> {
  const scopes = new Map<string, DependencyScope>();
  if (direct === undefined) {
    for (const draft of drafts.values()) scopes.set(draft.purl, draft.scope ?? 'production');
    return scopes;
  }
  const purlOfRef = new Map<string, Draft>();
  for (const draft of drafts.values()) for (const ref of draft.refs) purlOfRef.set(ref, draft);
  for (const edge of direct) {
    const draft = purlOfRef.get(edge.to);
    if (draft === undefined) continue;
    const scope = draft.scope ?? (edge.development ? 'development' : 'production');
    if (scopes.get(draft.purl) !== 'production') scopes.set(draft.purl, scope);
  }
  return scopes;
}

/**
 * Breadth-first walk from the direct dependencies, production ones first,
 * so a package reachable both ways is production and keeps a shortest
 * production chain (the same rule as the lockfile inventory).
 */
function walk(direct: Map<string, DependencyScope>, dependsOn: Map<string, string[]>): Map<string, Reach> {
  const reach = new Map<string, Reach>();
  for (const scope of ['production', 'development'] as const) {
    const queue: string[] = [];
    for (const [purl, directScope] of direct) {
      if (directScope !== scope || reach.has(purl)) continue;
      reach.set(purl, { scope, parent: undefined, direct: purl });
      queue.push(purl);
    }
    for (let index = 0; index < queue.length; index++) {
      const parent = queue[index]!;
      const { direct: start } = reach.get(parent)!;
      for (const child of dependsOn.get(parent) ?? []) {
        if (reach.has(child)) continue;
        reach.set(child, { scope, parent, direct: start });
        queue.push(child);
      }
    }
  }
  return reach;
}

/**
 * Build the chain from the direct dependency to `purl`, read backwards along the
 * parents. Parents were reached earlier in the walk, so the loop ends.
 */
function chainOf(purl: string, reach: Map<string, Reach>, drafts: Map<string, Draft>): string[] {
  const label = (key: string): string => drafts.get(key)!.label;
  const chain: string[] = [];
  let current: string | undefined = purl;
  while (current !== undefined && chain.length < MAX_CHAIN - 1) {
    chain.push(label(current));
    current = reach.get(current)?.parent;
  }
  if (current !== undefined) chain.push(label(reach.get(purl)!.direct));
  return chain.reverse();
}

/** Inventory packages of one project, sorted by name and version. */
export function packagesOf(
  members: IdentifiedNode[],
  direct: DependencyEdge[] | undefined,
  graph: SbomGraph,
): InventoryPackage[] {
  const drafts = draftsOf(members);
  const dependsOn = dependsOnOf(drafts, graph);
  const directs = directScopes(drafts, direct);
  const reach = walk(directs, dependsOn);
  const packages: InventoryPackage[] = [];
  for (const draft of drafts.values()) {
    const reached = reach.get(draft.purl);
    const pkg: InventoryPackage = {
      ecosystem: draft.identity.ecosystem,
      name: draft.identity.name,
      version: draft.identity.version,
      purl: draft.purl,
      direct: directs.has(draft.purl),
      scope: draft.scope ?? reached?.scope ?? 'production',
      path: chainOf(draft.purl, reach, drafts),
      dependsOn: dependsOn.get(draft.purl) ?? [],
    };
    if (draft.license !== undefined) pkg.license = draft.license;
    if (draft.hashes.length > 0) pkg.hashes = draft.hashes;
    if (draft.source !== undefined) pkg.source = draft.source;
    packages.push(pkg);
  }
  return packages.sort(comparePackages);
}

function comparePackages(a: InventoryPackage, b: InventoryPackage): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.version !== b.version) return a.version < b.version ? -1 : 1;
  if (a.purl < b.purl) return -1;
  return a.purl > b.purl ? 1 : 0;
}
