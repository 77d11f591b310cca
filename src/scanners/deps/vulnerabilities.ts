/**
 * Match an inventory against advisory records: one finding per package and
 * vulnerability (records that alias each other are one vulnerability), with
 * the severity from CVSS and the smallest upgrade that fixes it.
 */
import { fingerprint } from '../../core/fingerprint.js';
import {
  severityRank,
  type FixAdvice,
  type Finding,
  type PackageEvidence,
  type Severity,
  type VulnerabilityEvidence,
} from '../../core/finding.js';
import { smallestFix } from './fix.js';
import { canonicalId, fixedVersions, groupByAlias, isAffected } from './match.js';
import type { OsvRecord } from './osv-types.js';
import { severityOf, type SeverityResult } from './severity.js';
import type { InventoryPackage, ProjectInventory } from './types.js';
import { compareVersions } from './versions/index.js';

const MAX_REFERENCES = 5;

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
  const fix = fixAdvice(pkg, allRecords);
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
    title: malicious ? `Malicious package ${pkg.name}` : `${id} in ${pkg.name}`,
    message: messageOf(pkg, id, vulnerability, fixed),
    location: {
      path: project.path,
      startLine: pkg.line ?? 1,
      startColumn: 1,
      endLine: pkg.line ?? 1,
      endColumn: 1,
    },
    fingerprint: fingerprint({
      ruleId,
      path: project.path,
      anchor: `${pkg.ecosystem}/${pkg.name}@${pkg.version}`,
      occurrence: 0,
    }),
    remediation: fix.advice,
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
 * The highest rating among the records of one vulnerability. A record with
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
  const via = pkg.direct ? 'direct dependency' : `pulled in by ${pkg.path.slice(0, -1).join(' > ')}`;
  const fixedText = fixed.length > 0 ? `fixed in ${fixed.join(', ')}` : 'no fixed version known';
  return `${pkg.name}@${pkg.version} (${via}) is affected by ${id}${aliases}${summary}; ${fixedText}`;
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

function packageEvidence(pkg: InventoryPackage): PackageEvidence {
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

/**
 * The upgrade that removes every known vulnerability of the package. For a
 * transitive package the version named is that package's own; which
 * version of the direct dependency brings it in needs registry metadata.
 */
function fixAdvice(pkg: InventoryPackage, records: OsvRecord[]): FixAdvice {
  const fix = smallestFix(pkg.ecosystem, pkg.version, records, pkg.name);
  if (fix.version === undefined) {
    return { package: pkg.name, advice: `no fixed version of ${pkg.name} is known: ${fix.reason}` };
  }
  const major = fix.majorChange ? ' (a major version change: check for breaking changes)' : '';
  const advice = pkg.direct
    ? `upgrade ${pkg.name} from ${pkg.version} to ${fix.version}${major}`
    : `upgrade ${pkg.name} to ${fix.version}${major}; it comes in through ${pkg.path[0]}, so upgrade or override that dependency`;
  return { package: pkg.name, version: fix.version, majorChange: fix.majorChange, advice };
}
