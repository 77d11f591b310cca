/** Reads a CycloneDX JSON BOM (spec 1.2 to 1.6) into the format-neutral SBOM graph. */
import { NPM_DEVELOPMENT_PROPERTY, RAMPART_PROPERTY } from './sbom-input-conventions.js';
import { addEdge, emptyGraph } from './sbom-input-graph.js';
import type { SbomGraph, SbomGroup, SbomNode } from './sbom-input-graph.js';
import { arrayOf, hexDigest, isObject, stringOf } from './sbom-input-json.js';
import type { JsonObject } from './sbom-input-json.js';
import { ECOSYSTEMS } from './types.js';
import type { DependencyScope, Ecosystem, PackageHash } from './types.js';

const HASH_ALGORITHMS = new Set<string>(['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']);

/** A component waiting to be read, with the refs of its parent and of its Rampart project. */
interface Pending {
  component: JsonObject;
  parent: string | undefined;
  group: SbomGroup | undefined;
}

function propertiesOf(component: JsonObject): Map<string, string> {
  const properties = new Map<string, string>();
  for (const entry of arrayOf(component.properties)) {
    if (!isObject(entry)) continue;
    const name = stringOf(entry.name);
    const value = typeof entry.value === 'string' ? entry.value : undefined;
    if (name !== undefined && value !== undefined && !properties.has(name)) properties.set(name, value);
  }
  return properties;
}

function hashesOf(component: JsonObject): PackageHash[] {
  const hashes: PackageHash[] = [];
  for (const entry of arrayOf(component.hashes)) {
    if (!isObject(entry)) continue;
    const algorithm = stringOf(entry.alg);
    const value = hexDigest(entry.content);
    if (algorithm === undefined || value === undefined || !HASH_ALGORITHMS.has(algorithm)) continue;
    hashes.push({ algorithm: algorithm as PackageHash['algorithm'], value });
  }
  return hashes;
}

/**
 * Join the component's licences into one string: the expression, or the ids
 * and names of the listed licences joined with AND.
 */
// NOTE: CycloneDX does not define whether several listed licences all apply
// or offer a choice. AND is the reading that hides no obligation.
function licenseOf(component: JsonObject): string | undefined {
  const parts: string[] = [];
  for (const entry of arrayOf(component.licenses)) {
    if (!isObject(entry)) continue;
    const expression = stringOf(entry.expression);
    const license = isObject(entry.license) ? entry.license : undefined;
    const part = expression ?? stringOf(license?.id) ?? stringOf(license?.name);
    if (part !== undefined) parts.push(part);
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : parts.map((part) => (part.includes(' ') ? `(${part})` : part)).join(' AND ');
}

/** Read the scope the component states: CycloneDX `scope`, or the npm development property. */
function scopeOf(component: JsonObject, properties: Map<string, string>): DependencyScope | undefined {
  if (properties.get(NPM_DEVELOPMENT_PROPERTY) === 'true' || component.scope === 'excluded') return 'development';
  if (component.scope === 'required') return 'production';
  return undefined;
}

function isEcosystem(value: string | undefined): value is Ecosystem {
  return (ECOSYSTEMS as readonly string[]).includes(value ?? '');
}

/** Recognise a top-level component that Rampart wrote for one lockfile, by its lockfile property. */
function groupOf(component: JsonObject, ref: string, properties: Map<string, string>): SbomGroup | undefined {
  const path = properties.get(RAMPART_PROPERTY.lockfile);
  if (path === undefined || stringOf(component.purl) !== undefined) return undefined;
  const group: SbomGroup = { ref, path, members: [] };
  const ecosystem = properties.get(RAMPART_PROPERTY.ecosystem);
  if (isEcosystem(ecosystem)) group.ecosystem = ecosystem;
  const manifest = properties.get(RAMPART_PROPERTY.manifest);
  if (manifest !== undefined) group.manifest = manifest;
  // Rampart names a project without a name after its lockfile.
  const name = stringOf(component.name);
  if (name !== undefined && name !== path) group.name = name;
  const version = stringOf(component.version);
  if (version !== undefined) group.version = version;
  return group;
}

/** Reads CycloneDX components, nested ones included, and its dependency graph. */
export class CycloneDxReader {
  private readonly graph = emptyGraph();
  private synthetic = 0;

  read(document: JsonObject): SbomGraph {
    const metadata = isObject(document.metadata) ? document.metadata : {};
    const pending: Pending[] = [];
    if (isObject(metadata.component)) {
      const root = this.addNode(metadata.component);
      this.graph.roots.push(root.ref);
      for (const child of arrayOf(metadata.component.components)) {
        if (isObject(child)) pending.push({ component: child, parent: root.ref, group: undefined });
      }
    }
    for (const component of arrayOf(document.components)) {
      if (isObject(component)) pending.push({ component, parent: undefined, group: undefined });
    }
    // A work queue rather than recursion, so that deep nesting cannot overflow the call stack.
    for (let index = 0; index < pending.length; index++) this.readComponent(pending[index]!, pending);
    this.readDependencies(document.dependencies);
    return this.graph;
  }

  private readComponent({ component, parent, group }: Pending, pending: Pending[]): void {
    const node = this.addNode(component);
    const properties = propertiesOf(component);
    let memberOf = group;
    if (parent === undefined) {
      memberOf = groupOf(component, node.ref, properties);
      if (memberOf) this.graph.groups.push(memberOf);
    } else {
      addEdge(this.graph.structure, parent, node.ref);
      group?.members.push(node.ref);
    }
    for (const child of arrayOf(component.components)) {
      if (isObject(child)) pending.push({ component: child, parent: node.ref, group: memberOf });
    }
  }

  private addNode(component: JsonObject): SbomNode {
    const properties = propertiesOf(component);
    const node: SbomNode = { ref: this.refOf(component), hashes: hashesOf(component) };
    const purl = stringOf(component.purl);
    if (purl !== undefined) node.purl = purl;
    const license = licenseOf(component);
    if (license !== undefined) node.license = license;
    const source = properties.get(RAMPART_PROPERTY.source);
    if (source !== undefined) node.source = source;
    const scope = scopeOf(component, properties);
    if (scope !== undefined) node.scope = scope;
    this.graph.nodes.set(node.ref, node);
    return node;
  }

  /** Return the bom-ref, or a made-up ref (with a NUL, so never a real one) when it is missing or taken. */
  private refOf(component: JsonObject): string {
    const ref = stringOf(component['bom-ref']);
    if (ref !== undefined && !this.graph.nodes.has(ref)) return ref;
    this.synthetic++;
    return `\u0000component-${this.synthetic}`;
  }

  private readDependencies(dependencies: unknown): void {
    for (const entry of arrayOf(dependencies)) {
      if (!isObject(entry)) continue;
      const ref = stringOf(entry.ref);
      if (ref === undefined) continue;
      for (const target of arrayOf(entry.dependsOn)) {
        if (typeof target === 'string') addEdge(this.graph.dependencies, ref, { to: target, development: false });
      }
    }
  }
}
