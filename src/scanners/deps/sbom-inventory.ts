/**
 * The inventory of an SBOM given with `rampart scan --sbom`: its packages
 * as one or more projects, with credentials removed from purls and versions.
 */
import { readFileSync, statSync } from 'node:fs';
import { UsageError } from '../../core/errors.js';
import { stripUrlCredentials } from '../../core/redact.js';
import { MAX_LOCKFILE_BYTES, type InventoryResult } from './inventory.js';
import { purlOf } from './purl.js';
import { parseSbom, SbomFormatError } from './sbom-input.js';
import type { ProjectInventory } from './types.js';

/**
 * Purls in SBOMs made elsewhere can carry qualifiers such as
 * `download_url=https://user:password@host/...`, and versions of git
 * dependencies can hold tokens. Each purl is rebuilt from the ecosystem,
 * name and masked version, which drops qualifiers and subpaths while still
 * naming the package, and edges follow the rebuilt purls.
 */
function withoutSbomCredentials(project: ProjectInventory): ProjectInventory {
  const rebuilt = new Map<string, string>();
  for (const pkg of project.packages) {
    rebuilt.set(pkg.purl, purlOf(pkg.ecosystem, pkg.name, stripUrlCredentials(pkg.version)));
  }
  const packages = project.packages.map((pkg) => {
    const clean = {
      ...pkg,
      purl: rebuilt.get(pkg.purl)!,
      version: stripUrlCredentials(pkg.version),
      path: pkg.path.map(stripUrlCredentials),
      dependsOn: pkg.dependsOn.map((purl) => rebuilt.get(purl) ?? stripUrlCredentials(purl.split(/[?#]/)[0]!)),
    };
    if (pkg.source !== undefined) clean.source = stripUrlCredentials(pkg.source);
    return clean;
  });
  return { ...project, packages };
}

/** Read an SBOM at `path`; findings and messages name it by `label`, the path as the user gave it. */
export function readSbomInventory(path: string, label: string): InventoryResult {
  let text: string;
  try {
    // A FIFO would block the scan and a device would never end, so only
    // regular files of bounded size are read.
    const stats = statSync(path);
    if (!stats.isFile()) throw new UsageError(`cannot read the SBOM ${label}: not a regular file`);
    if (stats.size > MAX_LOCKFILE_BYTES) {
      throw new UsageError(`cannot read the SBOM ${label}: larger than ${MAX_LOCKFILE_BYTES / 1024 / 1024} MB`);
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'it is a directory' };
    const reason = (code && reasons[code]) ?? code ?? String(error);
    throw new UsageError(`cannot read the SBOM ${label}: ${reason}; give the path of a CycloneDX or SPDX JSON file`);
  }
  try {
    const parsed = parseSbom(text, label);
    return { projects: parsed.projects.map(withoutSbomCredentials), errors: [], warnings: parsed.warnings };
  } catch (error) {
    if (error instanceof SbomFormatError) throw new UsageError(error.message);
    throw error;
  }
}
