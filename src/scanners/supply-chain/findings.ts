/** Turning assessments into findings: one per signal, at the lockfile entry or the import. */
import { fingerprint } from '../../core/fingerprint.js';
import type { Finding, Location, PackageEvidence, Severity } from '../../core/finding.js';
import { toOneLine } from '../../core/redact.js';
import { SIGNAL_RULES } from './rules.js';
import type { Assessment, Signal } from './types.js';

/** Where a package shows up in the scanned project. */
export interface Subject {
  location: Location;
  /** Stable across line moves: `ecosystem/name@version` or `ecosystem/name` for an import. */
  anchor: string;
  package?: PackageEvidence;
  /** The package is only imported in source code, not declared anywhere. */
  imported?: boolean;
  tags?: string[];
}

/** Severity of an import that the registry does not have: it is not installed yet, but one step from it. */
const UNDECLARED_IMPORT_SEVERITY: Severity = 'high';

/** Return the rule id of a signal. Content rules keep their own name under `supply-chain/`. */
export function signalRuleId(signal: Signal, imported: boolean): string {
  if (signal.id === 'content' && signal.detail) return `supply-chain/${signal.detail}`;
  if (signal.id === 'not-found' && imported) return 'supply-chain/undeclared-import';
  return `supply-chain/${signal.id}`;
}

/** Return one finding per signal of `assessment`, located at `subject`. */
export function assessmentFindings(assessment: Assessment, subject: Subject): Finding[] {
  const occurrences = new Map<string, number>();
  return assessment.signals.map((signal) => {
    const ruleId = signalRuleId(signal, subject.imported === true);
    const occurrence = occurrences.get(ruleId) ?? 0;
    occurrences.set(ruleId, occurrence + 1);
    const rule = SIGNAL_RULES[ruleId === 'supply-chain/undeclared-import' ? 'undeclared-import' : signal.id];
    const severity = ruleId === 'supply-chain/undeclared-import' ? UNDECLARED_IMPORT_SEVERITY : signal.severity;
    const who = assessment.version ? `${assessment.name}@${assessment.version}` : assessment.name;
    const finding: Finding = {
      ruleId,
      scanner: 'supply-chain',
      severity,
      confidence: rule.confidence,
      title: rule.title,
      message: toOneLine(`${who}: ${signal.message}`),
      location: subject.location,
      fingerprint: fingerprint({ ruleId, path: subject.location.path, anchor: subject.anchor, occurrence }),
      cwe: rule.cwe,
      remediation: rule.remediation,
      tags: ['supply-chain', ...(subject.tags ?? [])],
    };
    if (rule.references.length > 0) finding.references = rule.references;
    if (subject.package) finding.package = subject.package;
    return finding;
  });
}
