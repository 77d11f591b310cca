/** Reads an SPDX 2.2 or 2.3 JSON document into the format-neutral SBOM graph. */
import { SPDX_ANNOTATION_PREFIX, SPDX_CREATOR_PREFIX } from './sbom-input-conventions.js';
import { addEdge, emptyGraph } from './sbom-input-graph.js';
import type { SbomGraph, SbomGroup, SbomNode } from './sbom-input-graph.js';
import { arrayOf, hexDigest, isObject, stringOf } from './sbom-input-json.js';
import type { JsonObject } from './sbom-input-json.js';
import { ECOSYSTEMS } from './types.js';
import type { Ecosystem, PackageHash } from './types.js';

const HASH_ALGORITHMS = new Map<string, PackageHash['algorithm']>([
  ['MD5', 'MD5'],
  ['SHA1', 'SHA-1'],
  ['SHA256', 'SHA-256'],
  ['SHA384', 'SHA-384'],
  ['SHA512', 'SHA-512'],
]);

/** `A DEPENDS_ON B` points from A, and the `*_OF` types point from B. */
const FORWARD_DEPENDENCY = new Set(['DEPENDS_ON']);
const REVERSE_DEPENDENCY = new Set([
  'DEPENDENCY_OF',
  'RUNTIME_DEPENDENCY_OF',
  'OPTIONAL_DEPENDENCY_OF',
  'PROVIDED_DEPENDENCY_OF',
]);
const REVERSE_DEVELOPMENT_DEPENDENCY = new Set(['DEV_DEPENDENCY_OF', 'BUILD_DEPENDENCY_OF', 'TEST_DEPENDENCY_OF']);

/** Values that SPDX uses for "unknown" or "none" in licence and location fields. */
const NO_VALUE = new Set(['NOASSERTION', 'NONE']);

function hashesOf(pkg: JsonObject): PackageHash[] {
  const hashes: PackageHash[] = [];
  for (const entry of arrayOf(pkg.checksums)) {
    if (!isObject(entry)) continue;
    const algorithm = HASH_ALGORITHMS.get(stringOf(entry.algorithm) ?? '');
    const value = hexDigest(entry.checksumValue);
    if (algorithm !== undefined && value !== undefined) hashes.push({ algorithm, value });
  }
  return hashes;
}

/** Find the purl external reference. SPDX 2.2 spells the category with an underscore. */
function purlOf(pkg: JsonObject): string | undefined {
  for (const entry of arrayOf(pkg.externalRefs)) {
    if (!isObject(entry) || entry.referenceType !== 'purl') continue;
    if (entry.referenceCategory !== 'PACKAGE-MANAGER' && entry.referenceCategory !== 'PACKAGE_MANAGER') continue;
    const locator = stringOf(entry.referenceLocator);
    if (locator !== undefined) return locator;
  }
  return undefined;
}

/** `rampart:key=value` annotation comments of a package. */
function annotationsOf(pkg: JsonObject): Map<string, string> {
  const values = new Map<string, string>();
  for (const entry of arrayOf(pkg.annotations)) {
    const comment = isObject(entry) ? stringOf(entry.comment) : undefined;
    if (comment === undefined || !comment.startsWith(SPDX_ANNOTATION_PREFIX)) continue;
    const equals = comment.indexOf('=');
    if (equals < 0) continue;
    const key = comment.slice(SPDX_ANNOTATION_PREFIX.length, equals);
    if (!values.has(key)) values.set(key, comment.slice(equals + 1));
  }
  return values;
}

/** Reads SPDX packages and relationships. */
export class SpdxReader {
  private readonly graph = emptyGraph();
  private readonly extractedLicenses = new Map<string, string>();
  private madeByRampart = false;
  private synthetic = 0;

  read(document: JsonObject): SbomGraph {
    const creationInfo = isObject(document.creationInfo) ? document.creationInfo : {};
    this.madeByRampart = arrayOf(creationInfo.creators).some(
      (creator) => typeof creator === 'string' && creator.startsWith(SPDX_CREATOR_PREFIX),
    );
    for (const entry of arrayOf(document.hasExtractedLicensingInfos)) {
      if (!isObject(entry)) continue;
      const id = stringOf(entry.licenseId);
      const name = stringOf(entry.name) ?? stringOf(entry.extractedText);
      if (id !== undefined && name !== undefined) this.extractedLicenses.set(id, name);
    }
    for (const pkg of arrayOf(document.packages)) if (isObject(pkg)) this.readPackage(pkg);
    for (const ref of arrayOf(document.documentDescribes)) if (typeof ref === 'string') this.graph.roots.push(ref);
    for (const relationship of arrayOf(document.relationships)) {
      if (isObject(relationship)) this.readRelationship(relationship);
    }
    this.graph.roots = [...new Set(this.graph.roots)];
    for (const group of this.graph.groups) group.members = this.graph.structure.get(group.ref) ?? [];
    return this.graph;
  }

  private readPackage(pkg: JsonObject): void {
    const node: SbomNode = { ref: this.refOf(pkg), hashes: hashesOf(pkg) };
    const purl = purlOf(pkg);
    if (purl !== undefined) node.purl = purl;
    const license = this.licenseOf(pkg);
    if (license !== undefined) node.license = license;
    const source = this.sourceOf(pkg);
    if (source !== undefined) node.source = source;
    this.graph.nodes.set(node.ref, node);
    if (purl === undefined) this.readGroup(pkg, node.ref);
  }

  /**
   * Rampart writes a URL source as downloadLocation and any other source as
   * an annotation. Other tools fill downloadLocation with registry URLs,
   * which are not a source in Rampart's sense, so theirs is ignored.
   */
  private sourceOf(pkg: JsonObject): string | undefined {
    if (!this.madeByRampart) return undefined;
    const location = stringOf(pkg.downloadLocation);
    if (location !== undefined && !NO_VALUE.has(location)) return location;
    return annotationsOf(pkg).get('source');
  }

  /** Recognise a package that Rampart wrote for one lockfile, by its annotations. */
  private readGroup(pkg: JsonObject, ref: string): void {
    const annotations = annotationsOf(pkg);
    const path = annotations.get('lockfile');
    if (path === undefined) return;
    const group: SbomGroup = { ref, path, members: [] };
    const ecosystem = annotations.get('ecosystem');
    if ((ECOSYSTEMS as readonly string[]).includes(ecosystem ?? '')) group.ecosystem = ecosystem as Ecosystem;
    const manifest = annotations.get('manifest');
    if (manifest !== undefined) group.manifest = manifest;
    const name = stringOf(pkg.name);
    if (name !== undefined && name !== path) group.name = name;
    const version = stringOf(pkg.versionInfo);
    if (version !== undefined) group.version = version;
    this.graph.groups.push(group);
  }

  /** Read the declared licence, else the concluded one. A lone LicenseRef becomes its extracted name. */
  private licenseOf(pkg: JsonObject): string | undefined {
    for (const field of [pkg.licenseDeclared, pkg.licenseConcluded]) {
      const value = stringOf(field);
      if (value === undefined || NO_VALUE.has(value)) continue;
      return this.extractedLicenses.get(value) ?? value;
    }
    return undefined;
  }

  private refOf(pkg: JsonObject): string {
    const ref = stringOf(pkg.SPDXID);
    if (ref !== undefined && !this.graph.nodes.has(ref)) return ref;
    this.synthetic++;
    return `\u0000package-${this.synthetic}`;
  }

  private readRelationship(relationship: JsonObject): void {
    const from = stringOf(relationship.spdxElementId);
    const to = stringOf(relationship.relatedSpdxElement);
    const type = stringOf(relationship.relationshipType);
    if (from === undefined || to === undefined || type === undefined) return;
    const dependencies = this.graph.dependencies;
    // The types are distinct, so at most one of these applies.
    if (type === 'DESCRIBES' && from === 'SPDXRef-DOCUMENT') this.graph.roots.push(to);
    if (type === 'DESCRIBED_BY' && to === 'SPDXRef-DOCUMENT') this.graph.roots.push(from);
    if (type === 'CONTAINS') addEdge(this.graph.structure, from, to);
    if (type === 'CONTAINED_BY') addEdge(this.graph.structure, to, from);
    if (FORWARD_DEPENDENCY.has(type)) addEdge(dependencies, from, { to, development: false });
    if (REVERSE_DEPENDENCY.has(type)) addEdge(dependencies, to, { to: from, development: false });
    if (REVERSE_DEVELOPMENT_DEPENDENCY.has(type)) addEdge(dependencies, to, { to: from, development: true });
  }
}
