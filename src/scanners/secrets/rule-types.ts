import type { Confidence, Severity } from '../../core/finding.js';

/** Rule families, used to group rules and to report corpus accuracy. */
export const SECRET_FAMILIES = [
  'cloud',
  'source-hosting',
  'ci-registry',
  'payments',
  'messaging',
  'ai',
  'observability',
  'saas',
  'private-key',
  'connection-string',
  'jwt',
  'generic',
] as const;
export type SecretFamily = (typeof SECRET_FAMILIES)[number];

/**
 * Post-match checks implemented in code, named by rules that need more than
 * a pattern and an entropy threshold.
 */
export const SECRET_FILTERS = ['generic-assignment', 'connection-string', 'jwt'] as const;
export type SecretFilter = (typeof SECRET_FILTERS)[number];

/**
 * One secret rule as written in rules/secrets/*.yaml and in users' custom
 * rule files. schemas/secret-rule.schema.json validates this shape.
 */
export interface SecretRuleSpec {
  /** Kebab-case id without the scanner prefix, such as `aws-access-key-id`. */
  id: string;
  title: string;
  description: string;
  family: SecretFamily;
  severity: Severity;
  confidence: Confidence;
  /**
   * Printable ASCII literals. The pattern only runs on lines (or, for
   * multiline rules, windows) where at least one keyword occurs. Matching
   * uses smart case: a lower-case keyword matches in any case, a keyword
   * with an upper-case letter only exactly as written.
   */
  keywords: string[];
  /**
   * JavaScript regular expression source, also valid for ripgrep's engine:
   * no lookaround, no backreferences, no nested unbounded quantifiers.
   */
  pattern: string;
  caseInsensitive?: boolean;
  /** Capture group that holds the secret value; 0 (the whole match) by default. */
  secretGroup?: number;
  /** Minimum Shannon entropy (bits per character) of the secret value. */
  minEntropy?: number;
  /** Match across lines, up to `maxSpan` characters after the keyword. */
  multiline?: boolean;
  /**
   * Characters searched after a keyword hit (before it: 320); 1024 when
   * absent, 16 KB for multiline rules.
   */
  maxSpan?: number;
  /** Gitignore-style patterns: only files matching one are searched. */
  paths?: string[];
  /** Regular expressions on the secret value; a match means a false positive. */
  allow?: string[];
  filter?: SecretFilter;
  remediation: string;
  references: string[];
  cwe: string[];
  tags?: string[];
  examples: {
    /** Lines that must produce exactly one finding of this rule. */
    match: string[];
    /** Lines that must produce no finding of this rule. */
    noMatch: string[];
  };
}
