/**
 * Match an inventory against advisory records: one finding per package and
 * vulnerability (records that alias each other are one vulnerability), with
 * the severity from CVSS and the smallest upgrade that fixes it.
 */
import { fingerprint } from '../../core/fingerprint.js';
import { toOneLine } from '../../core/redact.js';
import {
  severityRank,
  type FixAdvice,
  type Finding,
  type Severity,
  type VulnerabilityEvidence,
} from '../../core/finding.js';
import { packageAnchor, packageEvidence, packageLocation } from './finding-parts.js';
import { smallestFix } from './fix.js';
import { canonicalId, fixedVersions, groupByAlias, isAffected } from './match.js';
import type { OsvRecord } from './osv-types.js';
import { severityOf, type SeverityResult } from './severity.js';
import type { InventoryPackage, ProjectInventory } from './types.js';
import { compareVersions } from './versions/index.js';

const MAX_REFERENCES = 5;

const REMEDIATION =
  'Upgrade the package to a version without this vulnerability (see the fix advice of each finding), ' +
  'or remove it; if no fix exists, suppress the finding in rampart.yaml with the reason it does not apply.';

/**
 * Return the id a vulnerability keeps for fingerprints: the smallest id of
 * the records themselves. Unlike the rule id, it does not change when an
 * advisory later gains a CVE alias, so baselines keep matching.
 */
function stableId(group: OsvRecord[]): string {
  return group.map((record) => record.id).sort()[0]!;
}

/** Records of `candidates` that affect `pkg`, grouped into vulnerabilities. */
export function vulnerabilitiesOf(pkg: InventoryPackage, candidates: OsvRecord[]): OsvRecord[][] {
  const affecting = candidates.filter((record) => isAffected(record, pkg.ecosystem, pkg.name, pkg.version));
  return groupByAlias(affecting);
}

/** Findings for one package of `project`, given the vulnerability groups that affect it. */
export function vulnerabilityFindings(
  project: ProjectInventory,
  pkg: InventoryPackage,
  groups: OsvRecord[][],
): Finding[] {
  if (groups.length === 0) return [];
  const allRecords = groups.flat();
  const fix = fixAdvice(pkg, allRecords, groups.length);
  return groups.map((group) => toFinding(project, pkg, group, fix));
}

function toFinding(project: ProjectInventory, pkg: InventoryPackage, group: OsvRecord[], fix: FixAdvice): Finding {
  const id = canonicalId(group);
  const ruleId = `deps/${id}`;
  const worst = worstRating(group);
  const malicious = group.some((record) => record.id.startsWith('MAL-'));
  const severity: Severity = malicious ? 'critical' : worst.severity;
  const fixed = [...new Set(group.flatMap((record) => fixedVersions(record, pkg.ecosystem, pkg.name)))].sort(
    (a, b) => compareVersions(pkg.ecosystem, a, b),
  );
  const summary = group.map((record) => record.summary).find((text) => text && text.trim() !== '');

  const vulnerability: VulnerabilityEvidence = {
    id,
    aliases: aliasesOf(group, id),
    severitySource: worst.source,
    fixedVersions: fixed,
  };
  if (summary) vulnerability.summary = summary.trim();
  const published = group.map((record) => record.published).filter(Boolean).sort()[0];
  if (published) vulnerability.published = published;
  const modified = group.map((record) => record.modified).sort().at(-1);
  if (modified) vulnerability.modified = modified;
  if (worst.vector && worst.score !== undefined) vulnerability.cvss = { vector: worst.vector, score: worst.score };

  const finding: Finding = {
    ruleId,
    scanner: 'deps',
    severity,
    confidence: 'high',
    title: toOneLine(malicious ? `Malicious package ${pkg.name}` : `${id} in ${pkg.name}`),
    message: messageOf(pkg, id, vulnerability, fixed),
    location: packageLocation(project, pkg),
    fingerprint: fingerprint({
      ruleId: 'deps/vulnerability',
      path: project.path,
      anchor: `${stableId(group)} ${packageAnchor(pkg)}`,
      occurrence: 0,
    }),
    remediation: REMEDIATION,
    package: packageEvidence(pkg),
    vulnerability,
    fix,
    tags: ['dependency', pkg.scope, pkg.direct ? 'direct' : 'transitive'],
  };
  const cwe = [...new Set(group.flatMap(cweIds))];
  if (cwe.length > 0) finding.cwe = cwe;
  const references = referencesOf(group);
  if (references.length > 0) finding.references = references;
  return finding;
}

/**
 * Return the highest rating among the records of one vulnerability. A record with
 * no severity at all (Go vulndb records carry none) only counts when no
 * alias of it is rated, so its placeholder cannot outrank a real rating.
 */
function worstRating(group: OsvRecord[]): SeverityResult {
  const all = group.map((record) => severityOf(record));
  const rated = all.filter((rating) => rating.source !== 'unknown');
  const candidates = rated.length > 0 ? rated : all;
  return candidates.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
}

function messageOf(pkg: InventoryPackage, id: string, vulnerability: VulnerabilityEvidence, fixed: string[]): string {
  const aliases = vulnerability.aliases.length > 0 ? ` (${vulnerability.aliases.join(', ')})` : '';
  const summary = vulnerability.summary ? `: ${vulnerability.summary}` : '';
  const fixedText = fixed.length > 0 ? `fixed in ${fixed.join(', ')}` : 'no fixed version known';
  return toOneLine(`${pkg.name}@${pkg.version} (${describeOrigin(pkg)}) is affected by ${id}${aliases}${summary}; ${fixedText}`);
}

/** Describe how the package gets into the project: direct, or the chain that pulls it in. */
function describeOrigin(pkg: InventoryPackage): string {
  const development = pkg.scope === 'development' ? 'development ' : '';
  if (pkg.direct) return `direct ${development}dependency`;
  if (pkg.path.length > 1) return `${development}pulled in by ${pkg.path.slice(0, -1).join(' > ')}`;
  return `transitive ${development}dependency; the lockfile does not record what pulls it in`;
}

function aliasesOf(group: OsvRecord[], id: string): string[] {
  const ids = new Set(group.flatMap((record) => [record.id, ...(record.aliases ?? [])]));
  ids.delete(id);
  return [...ids].sort();
}

function cweIds(record: OsvRecord): string[] {
  const ids = record.database_specific?.['cwe_ids'];
  return Array.isArray(ids) ? ids.filter((value): value is string => typeof value === 'string') : [];
}

function referencesOf(group: OsvRecord[]): string[] {
  const advisories = group.flatMap((record) => record.references ?? []);
  const preferred = [
    ...advisories.filter((ref) => ref.type === 'ADVISORY'),
    ...advisories.filter((ref) => ref.type === 'FIX' || ref.type === 'WEB'),
  ];
  return [...new Set(preferred.map((ref) => ref.url))].slice(0, MAX_REFERENCES);
}


/**
 * Build the upgrade advice that removes every known vulnerability of the package. For a
 * transitive package the version named is that package's own; which
 * version of the direct dependency brings it in needs registry metadata.
 */
function fixAdvice(pkg: InventoryPackage, records: OsvRecord[], vulnerabilities: number): FixAdvice {
  if (records.some((record) => record.id.startsWith('MAL-'))) {
    const advice = `remove ${pkg.name}: it is a known malicious package, so also check the machines that installed it`;
    return { package: pkg.name, advice };
  }
  const fix = smallestFix(pkg.ecosystem, pkg.version, records, pkg.name);
  if (fix.version === undefined) {
    const detail = fix.reason.startsWith('no fixed version') ? '' : `; ${fix.reason}`;
    return { package: pkg.name, advice: `no fixed version of ${pkg.name} above ${pkg.version} is known${detail}` };
  }
  const major = fix.majorChange ? ' (a major version change: check for breaking changes)' : '';
  const all = vulnerabilities > 1 ? `; this fixes all ${vulnerabilities} known vulnerabilities of ${pkg.version}` : '';
  return { package: pkg.name, version: fix.version, majorChange: fix.majorChange, advice: upgradeText(pkg, fix.version) + major + all };
}

function upgradeText(pkg: InventoryPackage, version: string): string {
  if (pkg.ecosystem === 'Go' && pkg.name === 'stdlib') return `upgrade the Go toolchain from ${pkg.version} to ${version}`;
  if (pkg.direct) return `upgrade ${pkg.name} from ${pkg.version} to ${version}`;
  if (pkg.path.length > 1) {
    return `upgrade ${pkg.name} to ${version}; it comes in through ${pkg.path[0]}, so upgrade or override that dependency`;
  }
  return `upgrade ${pkg.name} from ${pkg.version} to ${version}`;
}
