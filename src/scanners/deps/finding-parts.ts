/** Parts shared by every finding about a package: where it is pinned and what it is. */
import type { Location, PackageEvidence } from '../../core/finding.js';
import type { InventoryPackage, ProjectInventory } from './types.js';

/** Return the location of the package's entry in its lockfile (line 1 when the parser gave none). */
export function packageLocation(project: ProjectInventory, pkg: InventoryPackage): Location {
  const line = pkg.line ?? 1;
  return { path: project.path, startLine: line, startColumn: 1, endLine: line, endColumn: 1 };
}

/** Return the package fields a finding carries, without the inventory-only ones. */
export function packageEvidence(pkg: InventoryPackage): PackageEvidence {
  return {
    ecosystem: pkg.ecosystem,
    name: pkg.name,
    version: pkg.version,
    purl: pkg.purl,
    direct: pkg.direct,
    scope: pkg.scope,
    path: pkg.path,
  };
}

/** Return the anchor that fingerprints a package finding: stable when lines move. */
export function packageAnchor(pkg: InventoryPackage): string {
  return `${pkg.ecosystem}/${pkg.name}@${pkg.version}`;
}
