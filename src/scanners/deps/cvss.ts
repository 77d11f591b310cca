/**
 * CVSS base scores from vector strings, computed with ae-cvss-calculator
 * after a strict shape check of our own: the library accepts vectors with
 * missing base metrics, repeated metrics or another version's prefix, and
 * throws plain TypeErrors on others.
 */

import calculator from 'ae-cvss-calculator';

export type CvssVersion = '4.0' | '3.1' | '3.0' | '2.0';

export interface CvssScore {
  version: CvssVersion;
  /** Base score from the base metrics alone (CVSS-B for v4.0), 0.0 to 10.0. */
  baseScore: number;
}

/** Longer than any valid vector with every optional metric set (v4.0 with all metrics is under 300). */
const MAX_VECTOR_LENGTH = 512;

const PREFIXES: ReadonlyArray<[string, CvssVersion]> = [
  ['CVSS:4.0/', '4.0'],
  ['CVSS:3.1/', '3.1'],
  ['CVSS:3.0/', '3.0'],
  // CVSS v2 defines no prefix, but some feeds write this one anyway.
  ['CVSS:2.0/', '2.0'],
];

/**
 * Parse `text` and compute its base score. Returns undefined for anything
 * that is not a complete, well-formed CVSS v2, v3.0, v3.1 or v4.0 vector.
 */
export function parseCvssVector(text: unknown): CvssScore | undefined {
  if (typeof text !== 'string' || text.length > MAX_VECTOR_LENGTH) return undefined;
  const split = splitVersion(text.trim());
  if (!split || !hasValidShape(split.metrics)) return undefined;
  try {
    return computeScore(split.version, split.metrics);
  } catch {
    // The library throws on unknown metrics or values; that is an invalid vector.
    return undefined;
  }
}

function splitVersion(vector: string): { version: CvssVersion; metrics: string } | undefined {
  for (const [prefix, version] of PREFIXES) {
    if (vector.startsWith(prefix)) return { version, metrics: vector.slice(prefix.length) };
  }
  if (vector.startsWith('CVSS:')) return undefined;
  // NVD sometimes wraps v2 vectors in parentheses.
  const bare = vector.startsWith('(') && vector.endsWith(')') ? vector.slice(1, -1) : vector;
  return { version: '2.0', metrics: bare };
}

/** `KEY:VALUE` pairs of letters separated by `/`, each key once. */
function hasValidShape(metrics: string): boolean {
  const seen = new Set<string>();
  for (const part of metrics.split('/')) {
    const colon = part.indexOf(':');
    if (colon <= 0 || colon !== part.lastIndexOf(':')) return false;
    const key = part.slice(0, colon);
    const value = part.slice(colon + 1);
    if (!isLetters(key) || !isLetters(value) || seen.has(key)) return false;
    seen.add(key);
  }
  return seen.size > 0;
}

function isLetters(text: string): boolean {
  // The longest metric name or value is 5 letters (v4.0 `U:Amber`); 8 leaves room.
  if (text.length === 0 || text.length > 8) return false;
  for (const char of text) {
    const lower = char.toLowerCase();
    if (lower < 'a' || lower > 'z') return false;
  }
  return true;
}

function computeScore(version: CvssVersion, metrics: string): CvssScore | undefined {
  const vector = createVector(version, metrics);
  if (!vector.isBaseFullyDefined()) return undefined;
  const scores = vector.calculateScores(false) as { base?: number; baseMetricsOnly?: number };
  const base = version === '4.0' ? scores.baseMetricsOnly : scores.base;
  if (typeof base !== 'number' || !Number.isFinite(base) || base < 0 || base > 10) return undefined;
  return { version, baseScore: Math.round(base * 10) / 10 };
}

function createVector(version: CvssVersion, metrics: string) {
  switch (version) {
    case '4.0':
      return new calculator.Cvss4P0(`CVSS:4.0/${metrics}`);
    case '3.1':
      return new calculator.Cvss3P1(`CVSS:3.1/${metrics}`);
    case '3.0':
      return new calculator.Cvss3P0(`CVSS:3.0/${metrics}`);
    case '2.0':
      return new calculator.Cvss2(metrics);
  }
}
