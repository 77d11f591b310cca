/**
 * CycloneDX 1.6 JSON SBOM of the dependency inventory, built with
 * @cyclonedx/cyclonedx-library.
 *
 * Layout: the metadata component is the scanned project. Each lockfile is a
 * top-level component of type application, with its packages nested inside
 * it, so the same purl in two lockfiles gives two components. bom-refs are
 * `project:<lockfile>` and `<lockfile>|<purl>`. The dependency graph links
 * the scanned project to each lockfile, each lockfile to its direct
 * dependencies and each package to the packages it depends on.
 *
 * Development dependencies get `scope: excluded`, which CycloneDX 1.6
 * defines as "not reachable within a call graph at runtime", plus the
 * taxonomy property `cdx:npm:package:development` for npm packages, which
 * npm tooling reads. Production dependencies get `scope: required`.
 */
import { Contrib, Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import parseSpdxExpression from 'spdx-expression-parse';
import { NPM_DEVELOPMENT_PROPERTY, RAMPART_PROPERTY } from '../scanners/deps/sbom-input-conventions.js';
import type { InventoryPackage, ProjectInventory } from '../scanners/deps/types.js';
import { orderedProjects, serialNumberOf } from './sbom-common.js';
import type { SbomMeta } from './sbom-common.js';

const licenseFactory = new Contrib.License.Factories.LicenseFactory(parseSpdxExpression);

/** bom-refs handed out so far, so that no two components share one. */
class RefAllocator {
  private readonly used = new Set<string>();

  allocate(requested: string): string {
    let ref = requested;
    for (let copy = 2; this.used.has(ref); copy++) ref = `${requested}#${copy}`;
    this.used.add(ref);
    return ref;
  }
}

/** CycloneDX group and name: npm scope or Maven groupId as the group. */
function groupAndName(pkg: InventoryPackage): { group?: string; name: string } {
  if (pkg.ecosystem === 'npm' && pkg.name.startsWith('@') && pkg.name.includes('/')) {
    const slash = pkg.name.indexOf('/');
    return { group: pkg.name.slice(0, slash), name: pkg.name.slice(slash + 1) };
  }
  if (pkg.ecosystem === 'Maven' && pkg.name.includes(':')) {
    const colon = pkg.name.indexOf(':');
    return { group: pkg.name.slice(0, colon), name: pkg.name.slice(colon + 1) };
  }
  return { name: pkg.name };
}

function packageProperties(project: ProjectInventory, pkg: InventoryPackage): Models.Property[] {
  const properties = [
    new Models.Property(RAMPART_PROPERTY.lockfile, project.path),
    new Models.Property(RAMPART_PROPERTY.direct, String(pkg.direct)),
  ];
  if (pkg.source !== undefined) properties.push(new Models.Property(RAMPART_PROPERTY.source, pkg.source));
  if (pkg.ecosystem === 'npm' && pkg.scope === 'development') {
    properties.push(new Models.Property(NPM_DEVELOPMENT_PROPERTY, 'true'));
  }
  return properties;
}

function packageComponent(project: ProjectInventory, pkg: InventoryPackage, refs: RefAllocator): Models.Component {
  const { group, name } = groupAndName(pkg);
  const component = new Models.Component(Enums.ComponentType.Library, name, {
    bomRef: refs.allocate(`${project.path}|${pkg.purl}`),
    group,
    version: pkg.version,
    purl: pkg.purl,
    scope: pkg.scope === 'development' ? Enums.ComponentScope.Excluded : Enums.ComponentScope.Required,
    properties: new Models.PropertyRepository(packageProperties(project, pkg)),
  });
  for (const hash of pkg.hashes ?? []) component.hashes.set(hash.algorithm as Enums.HashAlgorithm, hash.value);
  // The factory tries an SPDX id, then an SPDX expression, then falls back to a named licence.
  if (pkg.license !== undefined && pkg.license !== '') {
    component.licenses.add(licenseFactory.makeFromString(pkg.license));
  }
  return component;
}

function projectComponent(project: ProjectInventory, refs: RefAllocator): Models.Component {
  const properties = [
    new Models.Property(RAMPART_PROPERTY.lockfile, project.path),
    new Models.Property(RAMPART_PROPERTY.ecosystem, project.ecosystem),
  ];
  if (project.manifest !== undefined) properties.push(new Models.Property(RAMPART_PROPERTY.manifest, project.manifest));
  return new Models.Component(Enums.ComponentType.Application, project.name ?? project.path, {
    bomRef: refs.allocate(`project:${project.path}`),
    version: project.version,
    properties: new Models.PropertyRepository(properties),
  });
}

/** Add one lockfile with its packages and their edges to the BOM. */
function addProject(bom: Models.Bom, root: Models.Component, project: ProjectInventory, refs: RefAllocator): void {
  const projectNode = projectComponent(project, refs);
  const byPurl = new Map<string, Models.Component>();
  for (const pkg of project.packages) {
    const component = packageComponent(project, pkg, refs);
    byPurl.set(pkg.purl, component);
    projectNode.components.add(component);
  }
  for (const pkg of project.packages) {
    const component = byPurl.get(pkg.purl)!;
    if (pkg.direct) projectNode.dependencies.add(component.bomRef);
    for (const target of pkg.dependsOn) {
      const dependency = byPurl.get(target);
      if (dependency && dependency !== component) component.dependencies.add(dependency.bomRef);
    }
  }
  root.dependencies.add(projectNode.bomRef);
  bom.components.add(projectNode);
}

/**
 * Serialise the inventories as a CycloneDX 1.6 JSON BOM. The output is the
 * same for the same projects, timestamp and serial number: lists are sorted.
 */
export function toCycloneDx(projects: ProjectInventory[], meta: SbomMeta): string {
  const refs = new RefAllocator();
  const root = new Models.Component(Enums.ComponentType.Application, meta.rootName, {
    bomRef: refs.allocate('root'),
  });
  const tool = new Models.Component(Enums.ComponentType.Application, 'rampart', { version: meta.toolVersion });
  const bom = new Models.Bom({
    serialNumber: serialNumberOf(meta),
    metadata: new Models.Metadata({
      timestamp: meta.timestamp ?? new Date(),
      component: root,
      tools: new Models.Tools({ components: new Models.ComponentRepository([tool]) }),
    }),
  });
  for (const project of orderedProjects(projects)) addProject(bom, root, project, refs);

  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return serializer.serialize(bom, { sortLists: true, space: 2 });
}
