/**
 * Building blocks of generated OSV records with the shapes of real exports:
 * GHSA, PYSEC, GO, RUSTSEC and MAL ids, CVE aliases, CVSS vectors, prose
 * details, references and `database_specific` fields. Values are random,
 * so none is a real advisory.
 */
import type { OsvRange, OsvRecord } from '../../src/scanners/deps/osv-types.js';
import { SeededRandom } from './random.js';

export interface Version {
  major: number;
  minor: number;
  patch: number;
}

export function parseVersion(text: string): Version {
  const [major = 0, minor = 0, patch = 0] = text.split('.').map((part) => Number.parseInt(part, 10));
  return { major, minor, patch };
}

export function formatVersion(version: Version): string {
  return `${version.major}.${version.minor}.${version.patch}`;
}

const GHSA_ALPHABET = '23456789cfghjmpqrvwx';
/** 20^12: GHSA ids have 12 characters from a 20-letter alphabet. */
const GHSA_SPACE = 20 ** 12;

/** Format a GHSA-shaped id, distinct for each serial (7919 is prime to 20, so the map is one-to-one). */
export function ghsaId(serial: number): string {
  let value = (serial * 7919 + 104_729) % GHSA_SPACE;
  let digits = '';
  for (let i = 0; i < 12; i++) {
    digits += GHSA_ALPHABET[value % 20];
    value = Math.floor(value / 20);
  }
  return `GHSA-${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
}

const WORDS = ('attacker request payload parser buffer header cookie token session prototype pollution ' +
  'regular expression denial service crafted input allows remote code execution path traversal ' +
  'archive extraction symlink validation missing bounds check memory exhaustion redirect origin ' +
  'cross site scripting template injection sanitizer bypass user supplied string object property ' +
  'deserialization untrusted data stream timeout loop quadratic complexity affected versions upgrade').split(' ');

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'tor', 'vex', 'ra', 'sun', 'pli', 'dor', 'gan', 'fi', 'zu', 'bel',
  'cor', 'dex', 'sta', 'qui', 'mon', 'tal', 'ver', 'nix', 'bra', 'hel'];

const CWES = ['CWE-79', 'CWE-20', 'CWE-22', 'CWE-400', 'CWE-1321', 'CWE-1333', 'CWE-94', 'CWE-502', 'CWE-601', 'CWE-770'];

const CVSS_VECTORS = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
  'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N',
  'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L',
  'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N',
];

const SEVERITY_WORDS = ['LOW', 'MODERATE', 'HIGH', 'CRITICAL'];

export class RecordRandom extends SeededRandom {
  constructor(seed: number) {
    super(seed);
  }

  word(): string {
    return `${this.pick(SYLLABLES)}${this.pick(SYLLABLES)}`;
  }

  /** Return prose of about `min` to `max` characters, in sentences. */
  prose(min: number, max: number): string {
    const length = min + this.integer(max - min);
    const sentences: string[] = [];
    let size = 0;
    while (size < length) {
      const words = Array.from({ length: 8 + this.integer(14) }, () => this.pick(WORDS));
      const sentence = `${words.join(' ')}.`;
      sentences.push(sentence.charAt(0).toUpperCase() + sentence.slice(1));
      size += sentence.length + 1;
    }
    return sentences.join(' ');
  }

  /** Return an RFC 3339 time between 2017 and 2025. */
  timestamp(): string {
    const start = Date.UTC(2017, 0, 1);
    const span = Date.UTC(2025, 11, 1) - start;
    return new Date(start + Math.floor(this.next() * span)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** Return a version above `version`: a patch, a minor or, less often, a major release later. */
  above(version: Version): Version {
    const roll = this.next();
    if (roll < 0.55) return { ...version, patch: version.patch + 1 + this.integer(4) };
    if (roll < 0.9) return { ...version, minor: version.minor + 1, patch: this.integer(3) };
    return { major: version.major + 1, minor: 0, patch: 0 };
  }

  /** Return a version below `version`, or undefined for 0.0.0. */
  below(version: Version): Version | undefined {
    if (version.patch > 0) return { ...version, patch: this.integer(version.patch) };
    if (version.minor > 0) return { ...version, minor: this.integer(version.minor), patch: this.integer(10) };
    if (version.major > 0) return { major: version.major - 1, minor: this.integer(15), patch: this.integer(10) };
    return undefined;
  }
}

export interface Shape {
  id: string;
  aliases: string[];
  ecosystem: string;
  name: string;
  /** One list of events per `affected` entry of the package. */
  ranges: OsvRange['events'][];
  rangeType: OsvRange['type'];
  /** Versions to list in `versions` (PyPI exports list them). */
  versions?: string[];
  /** Another package of the same ecosystem that the record also affects. */
  alsoAffects?: string;
}

/** Build a whole record around `shape`: summary, details, severity, references, timestamps. */
export function buildRecord(random: RecordRandom, shape: Shape): OsvRecord {
  const published = random.timestamp();
  const affected: NonNullable<OsvRecord['affected']> = shape.ranges.map((events) => {
    const entry: NonNullable<OsvRecord['affected']>[number] = {
      package: { ecosystem: shape.ecosystem, name: shape.name },
      ranges: [{ type: shape.rangeType, events }],
      database_specific: { source: `https://github.com/github/advisory-database/blob/main/advisories/${shape.id}.json` },
    };
    if (shape.versions) entry.versions = shape.versions;
    return entry;
  });
  if (shape.alsoAffects !== undefined) {
    const events = [{ introduced: '0' }, { fixed: `${1 + random.integer(9)}.${random.integer(20)}.0` }];
    affected.push({ package: { ecosystem: shape.ecosystem, name: shape.alsoAffects }, ranges: [{ type: shape.rangeType, events }] });
  }

  const record: OsvRecord = {
    schema_version: '1.6.0',
    id: shape.id,
    modified: random.timestamp() > published ? random.timestamp() : published,
    published,
    aliases: shape.aliases,
    summary: `${random.pick(WORDS)} ${random.pick(WORDS)} in ${shape.name}`,
    details: random.prose(300, 2_400),
    affected,
    references: references(random, shape),
    database_specific: {
      cwe_ids: [random.pick(CWES)],
      severity: random.pick(SEVERITY_WORDS),
      github_reviewed: random.chance(0.8),
      github_reviewed_at: published,
      nvd_published_at: null,
    },
  };
  if (random.chance(0.75)) record.severity = [{ type: 'CVSS_V3', score: random.pick(CVSS_VECTORS) }];
  return record;
}

function references(random: RecordRandom, shape: Shape): NonNullable<OsvRecord['references']> {
  const project = `https://github.com/${random.word()}/${shape.name.replace(/^@/, '').replace(/[^a-zA-Z0-9._-]/g, '-')}`;
  const list = [
    { type: 'ADVISORY', url: `https://github.com/advisories/${shape.id}` },
    { type: 'PACKAGE', url: project },
  ];
  for (const alias of shape.aliases) list.push({ type: 'ADVISORY', url: `https://nvd.nist.gov/vuln/detail/${alias}` });
  const fixes = random.integer(4);
  for (let i = 0; i < fixes; i++) {
    list.push({ type: 'FIX', url: `${project}/commit/${random.bytes(20).toString('hex')}` });
  }
  if (random.chance(0.5)) list.push({ type: 'WEB', url: `${project}/issues/${1 + random.integer(3000)}` });
  return list;
}
