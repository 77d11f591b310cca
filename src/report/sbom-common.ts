/** Input and ordering shared by the CycloneDX and SPDX writers. */
import { randomUUID } from 'node:crypto';
import parseSpdxExpression from 'spdx-expression-parse';
import type { InventoryPackage, ProjectInventory } from '../scanners/deps/types.js';

export interface SbomMeta {
  /** Rampart's version, written as the generating tool. */
  toolVersion: string;
  /** Name of the scanned project (usually its folder name): the SBOM's subject. */
  rootName: string;
  /** Creation time, the current time when missing. Tests fix it for stable output. */
  timestamp?: Date;
  /**
   * Unique id of this SBOM as a UUID URN (`urn:uuid:...`): the CycloneDX
   * serialNumber, and the UUID in the SPDX documentNamespace. Random when missing.
   */
  serialNumber?: string;
}

function compareText(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/**
 * Merge packages that share a purl. Lockfile inventories already merge copies of a
 * package, but a hand-built or merged inventory may not.
 */
function uniquePackages(packages: InventoryPackage[]): InventoryPackage[] {
  const byPurl = new Map<string, InventoryPackage>();
  for (const pkg of packages) {
    const known = byPurl.get(pkg.purl);
    if (!known) {
      byPurl.set(pkg.purl, { ...pkg, dependsOn: [...pkg.dependsOn] });
      continue;
    }
    known.direct ||= pkg.direct;
    if (pkg.scope === 'production') known.scope = 'production';
    known.dependsOn = [...new Set([...known.dependsOn, ...pkg.dependsOn])];
  }
  return [...byPurl.values()].sort((a, b) => compareText(a.purl, b.purl));
}

/** Copies of the projects sorted by path, each with unique packages sorted by purl, for stable output. */
export function orderedProjects(projects: ProjectInventory[]): ProjectInventory[] {
  return projects
    .map((project) => ({ ...project, packages: uniquePackages(project.packages) }))
    .sort((a, b) => compareText(a.path, b.path));
}

/** Check whether `text` is a valid SPDX licence expression (a single id counts). */
export function isSpdxExpression(text: string): boolean {
  try {
    parseSpdxExpression(text);
    return true;
  } catch {
    return false;
  }
}

/** Return the UUID URN from the metadata, or a fresh random one. */
export function serialNumberOf(meta: SbomMeta): string {
  return meta.serialNumber ?? `urn:uuid:${randomUUID()}`;
}
