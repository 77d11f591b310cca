/**
 * SPDX 2.3 JSON document of the dependency inventory, written by hand
 * without an SPDX library.
 *
 * Layout: the document DESCRIBES a root package for the scanned project,
 * which DEPENDS_ON one package per lockfile. A lockfile package CONTAINS
 * all its packages, DEPENDS_ON its direct production dependencies, and each
 * direct development dependency is DEV_DEPENDENCY_OF it. Packages DEPEND_ON
 * the packages they need. The same purl in two lockfiles gives two packages.
 * Lockfile packages carry `rampart:key=value` annotations (lockfile path,
 * ecosystem, manifest) so that Rampart can read the document back per lockfile.
 *
 * documentNamespace is `https://rampart.invalid/spdx/<name>-<uuid>`. SPDX
 * requires a unique URI but not one that resolves, and the `.invalid`
 * top-level domain is reserved (RFC 2606) so it never points at a real host.
 */
import { SPDX_ANNOTATION_PREFIX, SPDX_CREATOR_PREFIX } from '../scanners/deps/sbom-input-conventions.js';
import type { InventoryPackage, PackageHash, ProjectInventory } from '../scanners/deps/types.js';
import { orderedProjects, serialNumberOf } from './sbom-common.js';
import type { SbomMeta } from './sbom-common.js';
import { DeclaredLicenses, SpdxIdAllocator } from './sbom-spdx-ids.js';

const SPDX_CHECKSUM_ALGORITHMS: Record<PackageHash['algorithm'], string> = {
  MD5: 'MD5',
  'SHA-1': 'SHA1',
  'SHA-256': 'SHA256',
  'SHA-384': 'SHA384',
  'SHA-512': 'SHA512',
};

interface SpdxAnnotation {
  annotationDate: string;
  annotationType: 'OTHER';
  annotator: string;
  comment: string;
}

interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: string;
  filesAnalyzed: false;
  checksums?: { algorithm: string; checksumValue: string }[];
  licenseConcluded: 'NOASSERTION';
  licenseDeclared: string;
  externalRefs?: { referenceCategory: 'PACKAGE-MANAGER'; referenceType: 'purl'; referenceLocator: string }[];
  primaryPackagePurpose: 'APPLICATION' | 'LIBRARY';
  annotations?: SpdxAnnotation[];
}

interface SpdxRelationship {
  spdxElementId: string;
  relationshipType: 'DESCRIBES' | 'DEPENDS_ON' | 'CONTAINS' | 'DEV_DEPENDENCY_OF';
  relatedSpdxElement: string;
}

/** Sources that are valid SPDX download locations: URLs and VCS locators such as `git+https://`. */
function isDownloadUrl(source: string): boolean {
  const colon = source.indexOf('://');
  return colon > 0 && /^[A-Za-z][A-Za-z0-9+.-]*$/.test(source.slice(0, colon));
}

/** State of one document being written: identifiers, licences and relationships so far. */
class SpdxWriter {
  readonly ids = new SpdxIdAllocator();
  readonly licenses = new DeclaredLicenses();
  readonly packages: SpdxPackage[] = [];
  readonly relationships: SpdxRelationship[] = [];

  constructor(
    private readonly created: string,
    private readonly creator: string,
  ) {}

  relate(from: string, type: SpdxRelationship['relationshipType'], to: string): void {
    this.relationships.push({ spdxElementId: from, relationshipType: type, relatedSpdxElement: to });
  }

  annotation(key: string, value: string): SpdxAnnotation {
    const comment = `${SPDX_ANNOTATION_PREFIX}${key}=${value}`;
    return { annotationDate: this.created, annotationType: 'OTHER', annotator: this.creator, comment };
  }

  addRoot(name: string): string {
    const id = this.ids.allocate('SPDXRef', 'Root');
    this.packages.push(bare(id, name, 'APPLICATION'));
    this.relate('SPDXRef-DOCUMENT', 'DESCRIBES', id);
    return id;
  }

  addProject(rootId: string, project: ProjectInventory): void {
    const id = this.ids.allocate('SPDXRef-Lockfile', project.path);
    const entry = bare(id, project.name ?? project.path, 'APPLICATION');
    if (project.version !== undefined) entry.versionInfo = project.version;
    entry.annotations = [this.annotation('lockfile', project.path), this.annotation('ecosystem', project.ecosystem)];
    if (project.manifest !== undefined) entry.annotations.push(this.annotation('manifest', project.manifest));
    this.packages.push(entry);
    this.relate(rootId, 'DEPENDS_ON', id);

    const idOfPurl = new Map<string, string>();
    for (const pkg of project.packages) {
      const packageId = this.addPackage(pkg);
      idOfPurl.set(pkg.purl, packageId);
      this.relate(id, 'CONTAINS', packageId);
      if (pkg.direct && pkg.scope === 'development') this.relate(packageId, 'DEV_DEPENDENCY_OF', id);
      else if (pkg.direct) this.relate(id, 'DEPENDS_ON', packageId);
    }
    for (const pkg of project.packages) {
      const from = idOfPurl.get(pkg.purl)!;
      for (const target of pkg.dependsOn) {
        const to = idOfPurl.get(target);
        if (to !== undefined && to !== from) this.relate(from, 'DEPENDS_ON', to);
      }
    }
  }

  private addPackage(pkg: InventoryPackage): string {
    const id = this.ids.allocate('SPDXRef-Package', `${pkg.ecosystem}-${pkg.name}-${pkg.version}`);
    const entry = bare(id, pkg.name, 'LIBRARY');
    entry.versionInfo = pkg.version;
    entry.licenseDeclared = this.licenses.declare(pkg.license);
    entry.externalRefs = [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: pkg.purl }];
    if (pkg.hashes?.length) {
      entry.checksums = pkg.hashes.map((hash) => ({
        algorithm: SPDX_CHECKSUM_ALGORITHMS[hash.algorithm],
        checksumValue: hash.value,
      }));
    }
    if (pkg.source !== undefined && isDownloadUrl(pkg.source)) entry.downloadLocation = pkg.source;
    else if (pkg.source !== undefined) entry.annotations = [this.annotation('source', pkg.source)];
    this.packages.push(entry);
    return id;
  }
}

/**
 * Build a package with only the required fields. The optional ones are listed as
 * undefined to fix their order in the output: JSON.stringify drops them
 * when they stay undefined.
 */
function bare(id: string, name: string, purpose: SpdxPackage['primaryPackagePurpose']): SpdxPackage {
  return {
    SPDXID: id,
    name,
    versionInfo: undefined,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    checksums: undefined,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: 'NOASSERTION',
    externalRefs: undefined,
    primaryPackagePurpose: purpose,
    annotations: undefined,
  };
}

/** SPDX wants UTC times without fractions of a second. */
function spdxTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function namespaceName(rootName: string): string {
  let result = '';
  for (const char of rootName) result += /^[A-Za-z0-9._-]$/.test(char) ? char : '-';
  return result === '' ? 'project' : result;
}

/**
 * Serialise the inventories as an SPDX 2.3 JSON document. The output is the
 * same for the same projects, timestamp and serial number.
 */
export function toSpdx(projects: ProjectInventory[], meta: SbomMeta): string {
  const created = spdxTime(meta.timestamp ?? new Date());
  const creator = `${SPDX_CREATOR_PREFIX}${meta.toolVersion}`;
  const uuid = serialNumberOf(meta).replace(/^urn:uuid:/, '');
  const writer = new SpdxWriter(created, creator);
  const rootId = writer.addRoot(meta.rootName);
  for (const project of orderedProjects(projects)) writer.addProject(rootId, project);

  const extracted = writer.licenses.extracted();
  const document = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: meta.rootName,
    documentNamespace: `https://rampart.invalid/spdx/${namespaceName(meta.rootName)}-${uuid}`,
    creationInfo: { created, creators: [creator] },
    packages: writer.packages,
    relationships: writer.relationships,
    ...(extracted.length > 0 ? { hasExtractedLicensingInfos: extracted } : {}),
  };
  return JSON.stringify(document, null, 2);
}
