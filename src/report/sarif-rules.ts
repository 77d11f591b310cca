/**
 * SARIF reporting descriptors (`tool.driver.rules`) and the severity
 * mappings that GitHub code scanning reads from them.
 */
import { severityRank } from '../core/finding.js';
import type { Confidence, Finding, Severity } from '../core/finding.js';

export type SarifLevel = 'error' | 'warning' | 'note';

export const SARIF_LEVELS: Readonly<Record<Severity, SarifLevel>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * GitHub's `security-severity` score, a string from 0.0 to 10.0. GitHub's SARIF
 * documentation maps scores over 9.0 to critical, 7.0 to 8.9 to high, 4.0 to
 * 6.9 to medium and 3.9 or less to low, and each value here is near the middle
 * of its bucket. Info gets 0.0, which GitHub also shows as low.
 */
/**
 * The CVSS base score of a vulnerability finding when its severity came
 * from that score, else the middle of the severity's bucket.
 */
function securitySeverity(finding: Finding): string {
  const cvss = finding.vulnerability?.cvss;
  const fromCvss = finding.vulnerability?.severitySource.startsWith('cvss-') && cvss !== undefined;
  return fromCvss ? cvss.score.toFixed(1) : SECURITY_SEVERITY[finding.severity];
}

export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  info: '0.0',
};

const PRECISION: Readonly<Record<Confidence, string>> = {
  high: 'high',
  medium: 'medium',
  low: 'low',
};

/** GitHub rejects a run with a rule of more than 20 tags. */
export const MAX_TAGS_PER_RULE = 20;

export interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: Record<string, unknown>;
}

/**
 * Builds one descriptor per rule id, in order of first appearance. A rule's
 * metadata comes from its most severe finding, because severity overrides
 * can give findings of one rule different severities.
 */
export function buildRules(findings: readonly Finding[]): {
  rules: SarifRule[];
  indexById: Map<string, number>;
} {
  const representative = new Map<string, Finding>();
  for (const finding of findings) {
    const current = representative.get(finding.ruleId);
    if (current === undefined || severityRank(finding.severity) > severityRank(current.severity)) {
      representative.set(finding.ruleId, finding);
    }
  }

  const rules = [...representative.values()].map(toRule);
  const indexById = new Map(rules.map((rule, index) => [rule.id, index]));
  return { rules, indexById };
}

/** `CWE-798` or `798` to GitHub's tag `external/cwe/cwe-798`; undefined when not a CWE id. */
export function cweTag(cwe: string): string | undefined {
  const match = /^(?:cwe-?)?(\d+)$/i.exec(cwe.trim());
  return match ? `external/cwe/cwe-${match[1]}` : undefined;
}

function toRule(finding: Finding): SarifRule {
  const rule: SarifRule = {
    id: finding.ruleId,
    shortDescription: { text: finding.title },
    fullDescription: { text: fullDescription(finding) },
    help: { text: helpText(finding), markdown: helpMarkdown(finding) },
    defaultConfiguration: { level: SARIF_LEVELS[finding.severity] },
    properties: {
      tags: ruleTags(finding),
      precision: PRECISION[finding.confidence],
      'security-severity': securitySeverity(finding),
    },
  };

  const helpUri = finding.references?.find(isWebUrl);
  if (helpUri !== undefined) rule.helpUri = helpUri;
  if (finding.controls !== undefined) rule.properties.controls = finding.controls;
  return rule;
}

function ruleTags(finding: Finding): string[] {
  const tags = ['security', finding.scanner];
  for (const cwe of finding.cwe ?? []) tags.push(cweTag(cwe) ?? cwe);
  for (const owasp of finding.owasp ?? []) tags.push(`external/owasp/${owasp.toLowerCase()}`);
  tags.push(...(finding.tags ?? []));
  return [...new Set(tags)].slice(0, MAX_TAGS_PER_RULE);
}

function fullDescription(finding: Finding): string {
  const sentences = [/[.!?]$/.test(finding.title) ? finding.title : `${finding.title}.`];
  if (finding.cwe !== undefined && finding.cwe.length > 0) {
    sentences.push(`Weakness: ${finding.cwe.join(', ')}.`);
  }
  if (finding.owasp !== undefined && finding.owasp.length > 0) {
    sentences.push(`OWASP Top 10: ${finding.owasp.join(', ')}.`);
  }
  return sentences.join(' ');
}

function helpText(finding: Finding): string {
  const parts = [finding.remediation ?? finding.title];
  const references = finding.references ?? [];
  if (references.length > 0) {
    parts.push(['References:', ...references.map((reference) => `- ${reference}`)].join('\n'));
  }
  return parts.join('\n\n');
}

function helpMarkdown(finding: Finding): string {
  const parts = [`**Remediation:** ${finding.remediation ?? finding.title}`];
  const references = finding.references ?? [];
  if (references.length > 0) {
    const items = references.map((reference) =>
      isWebUrl(reference) ? `- <${reference}>` : `- ${reference}`,
    );
    parts.push(['**References**', '', ...items].join('\n'));
  }
  return parts.join('\n\n');
}

/** Checks that `text` is an http(s) URL that can sit in angle brackets as an autolink. */
function isWebUrl(text: string): boolean {
  return /^https?:\/\/[^\s<>]+$/.test(text);
}
