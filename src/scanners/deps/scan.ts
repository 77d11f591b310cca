/**
 * The work of the dependency scanner, loaded on first use: inventory of
 * every lockfile (or an SBOM), known vulnerabilities from OSV records, and
 * the licence policy.
 */
import { readFileSync, statSync } from 'node:fs';
import { UsageError } from '../../core/errors.js';
import { stripUrlCredentials } from '../../core/redact.js';
import { purlOf } from './purl.js';
import type { Finding } from '../../core/finding.js';
import type { ProjectContext, ProjectScanResult } from '../../core/scanner.js';
import { openAdvisories, packageKey, type PackageQuery } from './advisories.js';
import { MAX_LOCKFILE_BYTES, readInventories, type InventoryResult } from './inventory.js';
import { checkLicenses, hasLicensePolicy } from './license-findings.js';
import { parseSbom, SbomFormatError } from './sbom-input.js';
import type { Ecosystem, ProjectInventory } from './types.js';
import { vulnerabilitiesOf, vulnerabilityFindings } from './vulnerabilities.js';

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
function readSbomInventory(path: string, label: string): InventoryResult {
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

export async function scanDependencies(context: ProjectContext): Promise<ProjectScanResult> {
  const inventory = context.sbom
    ? readSbomInventory(context.sbom.path, context.sbom.label)
    : readInventories(context.root, context.files);
  const settings = context.config.deps;
  const result: ProjectScanResult = {
    findings: [],
    errors: inventory.errors,
    warnings: [...inventory.warnings],
    inventory: inventory.projects,
  };
  if (inventory.projects.length === 0) return result;

  const ecosystems = [...new Set(inventory.projects.flatMap(ecosystemsOf))].sort() as Ecosystem[];
  const advisories = await openAdvisories(settings, ecosystems, context.progress);
  try {
    result.advisories = advisories.info;
    result.findings.push(...(await matchProjects(inventory.projects, advisories, settings.includeDev)));
    result.warnings!.push(...advisories.warnings);
  } finally {
    advisories.close();
  }

  if (hasLicensePolicy(settings.licenses)) {
    let unknown = 0;
    for (const project of inventory.projects) {
      const check = checkLicenses(project, settings.licenses);
      result.findings.push(...check.findings);
      unknown += check.unknown;
    }
    if (unknown > 0) {
      result.warnings!.push(`${unknown} packages state no licence that could be read as SPDX, so the licence policy could not judge them`);
    }
  }
  return result;
}

function ecosystemsOf(project: ProjectInventory): Ecosystem[] {
  return project.packages.map((pkg) => pkg.ecosystem);
}

async function matchProjects(
  projects: ProjectInventory[],
  advisories: Awaited<ReturnType<typeof openAdvisories>>,
  includeDev: boolean,
): Promise<Finding[]> {
  const queries: PackageQuery[] = [];
  for (const project of projects) {
    for (const pkg of project.packages) {
      if (includeDev || pkg.scope === 'production') {
        queries.push({ ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version });
      }
    }
  }
  const candidates = await advisories.recordsFor(queries);

  const findings: Finding[] = [];
  for (const project of projects) {
    for (const pkg of project.packages) {
      if (!includeDev && pkg.scope !== 'production') continue;
      const records = candidates.get(packageKey(pkg.ecosystem, pkg.name)) ?? [];
      if (records.length === 0) continue;
      findings.push(...vulnerabilityFindings(project, pkg, vulnerabilitiesOf(pkg, records)));
    }
  }
  return findings;
}
