/** Licence policy findings: packages whose stated licence the policy denies or does not allow. */
import type { LicensePolicy } from '../../core/config-types.js';
import { fingerprint } from '../../core/fingerprint.js';
import { toOneLine } from '../../core/redact.js';
import type { Finding, LicenseEvidence } from '../../core/finding.js';
import { packageAnchor, packageEvidence, packageLocation } from './finding-parts.js';
import { evaluateLicense, parseLicense } from './licenses.js';
import type { InventoryPackage, ProjectInventory } from './types.js';

export interface LicenseCheck {
  findings: Finding[];
  /** Packages with no stated licence, or one that is not an SPDX expression. */
  unknown: number;
}

export function hasLicensePolicy(policy: LicensePolicy): boolean {
  return policy.allow.length > 0 || policy.deny.length > 0;
}

/** Check every package of `project` against `policy`. */
export function checkLicenses(project: ProjectInventory, policy: LicensePolicy): LicenseCheck {
  const check: LicenseCheck = { findings: [], unknown: 0 };
  for (const pkg of project.packages) {
    const parsed = parseLicense(pkg.license);
    const decision = evaluateLicense(parsed, policy);
    if (decision.verdict === 'unknown') check.unknown++;
    if (decision.verdict !== 'denied' && decision.verdict !== 'not-allowed') continue;
    const evidence: LicenseEvidence = { verdict: decision.verdict };
    if (pkg.license !== undefined) evidence.stated = pkg.license;
    if (parsed.expression !== undefined) evidence.expression = parsed.expression;
    check.findings.push(toFinding(project, pkg, evidence, decision.reason));
  }
  return check;
}

function toFinding(
  project: ProjectInventory,
  pkg: InventoryPackage,
  evidence: LicenseEvidence,
  reason: string,
): Finding {
  const denied = evidence.verdict === 'denied';
  const ruleId = denied ? 'deps/license-denied' : 'deps/license-not-allowed';
  return {
    ruleId,
    scanner: 'deps',
    severity: denied ? 'high' : 'medium',
    confidence: 'high',
    title: denied ? 'Licence denied by policy' : 'Licence not in the allowed list',
    message: toOneLine(`${pkg.name}@${pkg.version} is licensed ${evidence.stated ?? 'under no stated licence'}: ${reason}`),
    location: packageLocation(project, pkg),
    fingerprint: fingerprint({
      ruleId,
      path: project.path,
      anchor: packageAnchor(pkg),
      occurrence: 0,
    }),
    remediation:
      'replace the package with one under an accepted licence, or record an exception ' +
      'in rampart.yaml (suppressions, with the reason)',
    package: packageEvidence(pkg),
    license: evidence,
    tags: ['license', pkg.scope],
  };
}
