/**
 * The work of the dependency scanner, loaded on first use: inventory of
 * every lockfile (or an SBOM), known vulnerabilities from OSV records, and
 * the licence policy.
 */
import type { Finding } from '../../core/finding.js';
import type { ProjectContext, ProjectScanResult } from '../../core/scanner.js';
import { openAdvisories, packageKey, type PackageQuery } from './advisories.js';
import { projectInventory } from './inventory.js';
import { checkLicenses, hasLicensePolicy } from './license-findings.js';
import type { Ecosystem, ProjectInventory } from './types.js';
import { vulnerabilitiesOf, vulnerabilityFindings } from './vulnerabilities.js';

export async function scanDependencies(context: ProjectContext): Promise<ProjectScanResult> {
  const inventory = await projectInventory(context);
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
