/**
 * Signals that need only the package name (and version): resemblance to a
 * popular package, and OSV `MAL-` records of known malware. Both work
 * offline.
 */
import { isVersionInRange } from '../deps/versions/ranges.js';
import type { OsvRecord } from '../deps/osv-types.js';
import { normalisePackageName } from '../../store/package-name.js';
import { findTyposquatTarget, type PopularIndex } from './typosquat.js';
import type { Signal, SupplyEcosystem } from './types.js';

/** Return the typo-squat signal for `name`, naming the package it imitates. */
export function typosquatSignals(ecosystem: SupplyEcosystem, name: string, popular: PopularIndex): Signal[] {
  const match = findTyposquatTarget(ecosystem, name, popular);
  if (!match) return [];
  return [{ id: 'typosquat', severity: 'high', message: match.reason, detail: match.target }];
}

/** Whether an OSV record lists `version` of the package as affected (any version when none is given). */
function affects(record: OsvRecord, ecosystem: SupplyEcosystem, name: string, version: string | undefined): boolean {
  if (record.withdrawn) return false;
  const wanted = normalisePackageName(ecosystem, name);
  return (record.affected ?? []).some((affected) => {
    const pkg = affected.package;
    if (!pkg || pkg.ecosystem !== ecosystem || normalisePackageName(ecosystem, pkg.name) !== wanted) return false;
    if (version === undefined) return true;
    if (affected.versions?.includes(version)) return true;
    const ranges = affected.ranges ?? [];
    // A malware report without versions or ranges covers the whole package.
    if (ranges.length === 0 && !affected.versions?.length) return true;
    return ranges.some((range) => isVersionInRange(range, ecosystem, version));
  });
}

/** Return the signal for OSV malware records (`MAL-` ids) that cover the package. */
export function maliciousSignals(
  ecosystem: SupplyEcosystem,
  name: string,
  version: string | undefined,
  records: readonly OsvRecord[],
): Signal[] {
  const hits = records.filter((record) => record.id.startsWith('MAL-') && affects(record, ecosystem, name, version));
  if (hits.length === 0) return [];
  const ids = hits.map((record) => record.id).sort();
  const summary = hits.find((record) => record.summary)?.summary;
  return [
    {
      id: 'malicious',
      severity: 'critical',
      message: `"${name}" is known malware (${ids.join(', ')})${summary ? `: ${summary}` : ''}`,
      detail: ids[0]!,
    },
  ];
}
