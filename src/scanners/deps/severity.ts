/**
 * Severity of an OSV record: a CVSS base score when the record carries a
 * valid vector, else the database's own word, else `medium` marked unknown.
 */

import type { Severity } from '../../core/finding.js';
import type { OsvAffected, OsvRecord, OsvSeverity } from './osv-types.js';
import { parseCvssVector, type CvssVersion } from './cvss.js';

export type SeveritySource = 'cvss-v4' | 'cvss-v3' | 'cvss-v2' | 'database' | 'unknown';

export interface SeverityResult {
  severity: Severity;
  /** CVSS base score, 0.0 to 10.0, when a vector decided the severity. */
  score?: number;
  /** The vector as the record states it. */
  vector?: string;
  source: SeveritySource;
}

/**
 * Severity given to a record with no usable CVSS vector and no database
 * word. `medium` sits in the middle of the scale: with the default
 * `fail-on: high` such a finding is reported but does not fail the build, and
 * `fail-on: medium` makes the gate fail on it. Choosing `high` would fail
 * builds on every unscored record (Go vulndb records never carry a severity),
 * and choosing `low` would hide them under most thresholds. `source:
 * 'unknown'` lets reports show that the level is a default, not a rating.
 */
export const UNKNOWN_SEVERITY: Severity = 'medium';

const VERSION_ORDER: CvssVersion[] = ['4.0', '3.1', '3.0', '2.0'];

/**
 * Words that databases use for severity, lower-cased: GHSA
 * (`CRITICAL`, `HIGH`, `MODERATE`, `LOW`), Ubuntu priorities (`negligible`
 * and up), Debian urgencies (`unimportant`), Red Hat and SUSE ratings
 * (`important`, `moderate`), and Android's ecosystem-specific levels.
 */
const SEVERITY_WORDS: ReadonlyMap<string, Severity> = new Map([
  ['critical', 'critical'],
  ['high', 'high'],
  ['important', 'high'],
  ['moderate', 'medium'],
  ['medium', 'medium'],
  ['low', 'low'],
  ['minor', 'low'],
  ['negligible', 'low'],
  ['unimportant', 'low'],
  ['none', 'info'],
  ['informational', 'info'],
  ['info', 'info'],
]);

/** RustSec `informational` kinds that are notices, not vulnerabilities. */
const NOTICE_KINDS = new Set(['unmaintained', 'notice']);

/**
 * Decide the severity of `record`, optionally for one of its `affected`
 * entries. CVSS v4 wins over v3 (3.1 and 3.0) and v3 over v2. Vectors come
 * from `affected.severity` and `record.severity`; without `affected`, from
 * every affected entry. When several valid vectors of the best version
 * exist, the highest base score wins. Never throws on malformed records.
 */
export function severityOf(record: OsvRecord, affected?: OsvAffected): SeverityResult {
  const scopes = affectedScope(record, affected);
  const fromCvss = bestCvss([...scopes.flatMap((entry) => entryList(entry.severity)), ...entryList(record.severity)]);
  if (fromCvss) return fromCvss;
  if (typeof record.id === 'string' && record.id.startsWith('MAL-')) {
    // OpenSSF malicious-package records carry no score: installing one is a compromise.
    return { severity: 'critical', source: 'database' };
  }
  const word = databaseWord(record, scopes);
  if (word) return { severity: word, source: 'database' };
  return { severity: UNKNOWN_SEVERITY, source: 'unknown' };
}

/** Map a CVSS base score to the FIRST qualitative rating (CVSS v3.x and v4.0 specifications). */
export function severityFromScore(score: number): Severity {
  if (score <= 0) return 'info';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

/**
 * Map a CVSS v2 base score with NVD's v2 ranges (low below 4.0, medium
 * below 7.0, high up to 10.0). CVSS v2 defines no critical rating and scores
 * run higher than v3 for the same flaw, so a v2 10.0 stays `high`.
 */
export function severityFromV2Score(score: number): Severity {
  if (score <= 0) return 'info';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  return 'high';
}

/** Map a database severity word such as `MODERATE` or `Important`; undefined for words like `UNKNOWN`. */
export function severityFromWord(word: unknown): Severity | undefined {
  if (typeof word !== 'string') return undefined;
  return SEVERITY_WORDS.get(word.trim().toLowerCase());
}

function affectedScope(record: OsvRecord, affected: OsvAffected | undefined): OsvAffected[] {
  if (affected && typeof affected === 'object') return [affected];
  return Array.isArray(record.affected) ? record.affected.filter(isObject) : [];
}

function entryList(value: unknown): OsvSeverity[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is OsvSeverity =>
      isObject(entry) && typeof entry.type === 'string' && typeof entry.score === 'string',
  );
}

function bestCvss(entries: OsvSeverity[]): SeverityResult | undefined {
  const parsed = entries
    .filter((entry) => entry.type.startsWith('CVSS_'))
    .map((entry) => ({ entry, vector: parseCvssVector(entry.score) }));
  for (const version of VERSION_ORDER) {
    let best: SeverityResult | undefined;
    for (const { entry, vector } of parsed) {
      if (!vector || vector.version !== version) continue;
      if (best?.score !== undefined && best.score >= vector.baseScore) continue;
      best = {
        severity: version === '2.0' ? severityFromV2Score(vector.baseScore) : severityFromScore(vector.baseScore),
        score: vector.baseScore,
        vector: entry.score.trim(),
        source: sourceOf(version),
      };
    }
    if (best) return best;
  }
  return undefined;
}

function sourceOf(version: CvssVersion): SeveritySource {
  if (version === '4.0') return 'cvss-v4';
  if (version === '2.0') return 'cvss-v2';
  return 'cvss-v3';
}

/**
 * Look for a severity word: per-package words first, then the record's own
 * `database_specific.severity`, then a RustSec notice kind.
 */
function databaseWord(record: OsvRecord, scopes: OsvAffected[]): Severity | undefined {
  const candidates: unknown[] = [];
  for (const entry of scopes) {
    for (const severity of entryList(entry.severity)) candidates.push(severity.score);
    candidates.push(fieldOf(entry.ecosystem_specific, 'severity'), fieldOf(entry.database_specific, 'severity'));
  }
  for (const severity of entryList(record.severity)) candidates.push(severity.score);
  candidates.push(fieldOf(record.database_specific, 'severity'));
  for (const candidate of candidates) {
    const severity = severityFromWord(candidate);
    if (severity) return severity;
  }
  const kinds = [...scopes.map((entry) => entry.database_specific), record.database_specific].map((specific) =>
    fieldOf(specific, 'informational'),
  );
  return kinds.some((kind) => typeof kind === 'string' && NOTICE_KINDS.has(kind)) ? 'info' : undefined;
}

function fieldOf(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
