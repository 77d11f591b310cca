/**
 * The advisory set of the dependency benchmark. A few hundred packages of
 * the generated lockfile get records, some with ranges that contain the
 * locked version and some without. Many more records cover other npm
 * names, malicious npm packages and packages of other ecosystems. Among
 * those are PyPI records under names that the lockfile uses for npm
 * packages, which must not match. Records come in one block per ecosystem,
 * as `rampart db update` imports one OSV export per ecosystem.
 */
import type { OsvEvent, OsvRecord } from '../../src/scanners/deps/osv-types.js';
import type { Ecosystem } from '../../src/scanners/deps/types.js';
import {
  buildRecord,
  formatVersion,
  ghsaId,
  parseVersion,
  RecordRandom,
  type Shape,
  type Version,
} from './osv-shapes.js';

export interface AdvisoryInputs {
  seed: number;
  /** Records in all, at least the target records. */
  total: number;
  /** Distinct lockfile names that get records. */
  targetNames: number;
  /** Locked npm packages, name and version. */
  locked: readonly { name: string; version: string }[];
  /** npm names that the lockfile does not use. */
  otherNpmNames: readonly string[];
  pypiNames: readonly string[];
}

export interface AdvisoryBlock {
  ecosystem: Ecosystem;
  count: number;
  records(): Generator<OsvRecord>;
}

/** Shares of the records that are not about the lockfile's packages. */
const OTHER_SHARES: readonly [string, Ecosystem, number][] = [
  ['npm-ghsa', 'npm', 0.16],
  ['npm-mal', 'npm', 0.24],
  ['pypi', 'PyPI', 0.18],
  ['maven', 'Maven', 0.12],
  ['go', 'Go', 0.09],
  ['crates', 'crates.io', 0.05],
  ['rubygems', 'RubyGems', 0.05],
  ['packagist', 'Packagist', 0.06],
  ['nuget', 'NuGet', 0.05],
];

/** Records under lockfile names but in the PyPI ecosystem. */
const CROSS_ECOSYSTEM_RECORDS = 150;

/** Event lists for one package: whether the locked version falls in them is decided by `affecting`. */
function targetRanges(random: RecordRandom, locked: Version, affecting: boolean): OsvEvent[][] {
  const below = random.below(locked);
  const fixed = formatVersion(random.above(locked));
  const roll = random.next();
  if (affecting) {
    if (roll < 0.4) return [[{ introduced: '0' }, { fixed }]];
    if (roll < 0.65 && below) return [[{ introduced: formatVersion(below) }, { fixed }]];
    if (roll < 0.75) return [[{ introduced: '0' }, { last_affected: formatVersion(locked) }]];
    // GHSA style: one affected entry per vulnerable release line.
    const oldLine = `${Math.max(locked.major - 1, 0)}.0.0`;
    return [[{ introduced: '0' }, { fixed: oldLine }], [{ introduced: `${locked.major}.0.0` }, { fixed }]];
  }
  if (roll < 0.5 || !below) return [[{ introduced: '0' }, { fixed: formatVersion(locked) }]];
  if (roll < 0.8) return [[{ introduced: '0' }, { fixed: formatVersion(below) }]];
  const later = random.above(locked);
  return [[{ introduced: formatVersion(later) }, { fixed: formatVersion(random.above(later)) }]];
}

/** Locked versions by name, for names of the lockfile. */
function versionsByName(locked: AdvisoryInputs['locked']): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const { name, version } of locked) byName.set(name, [...(byName.get(name) ?? []), version]);
  return byName;
}

function* targetRecords(inputs: AdvisoryInputs, random: RecordRandom, serial: { next: number }): Generator<OsvRecord> {
  const byName = versionsByName(inputs.locked);
  const names = random.shuffle([...byName.keys()].sort()).slice(0, inputs.targetNames);
  for (const name of names) {
    const versions = byName.get(name)!;
    const count = 1 + Math.floor(random.next() ** 1.5 * 5);
    for (let n = 0; n < count; n++) {
      const locked = parseVersion(random.pick(versions));
      const cve = `CVE-${2018 + random.integer(8)}-${10_000 + serial.next}`;
      const shape: Shape = {
        id: ghsaId(serial.next++),
        aliases: random.chance(0.85) ? [cve] : [],
        ecosystem: 'npm',
        name,
        ranges: targetRanges(random, locked, random.chance(0.6)),
        rangeType: 'SEMVER',
      };
      if (random.chance(0.15)) shape.alsoAffects = `${name}-legacy`;
      yield buildRecord(random, shape);
      // A second GHSA for the same CVE: both join one vulnerability.
      if (shape.aliases.length > 0 && random.chance(0.08)) {
        yield buildRecord(random, { ...shape, id: ghsaId(serial.next++) });
      }
    }
  }
}

function otherVersion(random: RecordRandom): Version {
  return { major: random.integer(12), minor: random.integer(30), patch: random.integer(20) };
}

/** Pick a name for `kind` from the real name lists, or build one from syllables. */
function otherName(kind: string, random: RecordRandom, inputs: AdvisoryInputs): string {
  const word = (): string => random.word();
  const capital = (): string => {
    const text = word();
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  switch (kind) {
    case 'npm-ghsa':
      return random.pick(inputs.otherNpmNames);
    case 'npm-mal':
      return `${word()}-${word()}-${random.integer(1000)}`;
    case 'pypi':
      return random.pick(inputs.pypiNames);
    case 'maven':
      return `org.${word()}.${word()}:${word()}-${word()}`;
    case 'go':
      return `github.com/${word()}/${word()}`;
    case 'crates':
      return `${word()}_${word()}`;
    case 'rubygems':
      return `${word()}-${word()}`;
    case 'packagist':
      return `${word()}/${word()}-${word()}`;
    default:
      return `${capital()}.${capital()}`;
  }
}

function otherId(kind: string, random: RecordRandom, serial: number): string {
  const year = 2018 + random.integer(8);
  switch (kind) {
    case 'npm-mal':
      return `MAL-${year}-${serial}`;
    case 'pypi':
      return random.chance(0.6) ? `PYSEC-${year}-${serial}` : ghsaId(serial);
    case 'go':
      return `GO-${year}-${String(serial).padStart(4, '0')}`;
    case 'crates':
      return `RUSTSEC-${year}-${String(serial).padStart(4, '0')}`;
    default:
      return ghsaId(serial);
  }
}

function otherShape(kind: string, ecosystem: Ecosystem, random: RecordRandom, name: string, serial: number): Shape {
  const version = otherVersion(random);
  const fixed = formatVersion(random.above(version));
  const shape: Shape = {
    id: otherId(kind, random, serial),
    aliases: random.chance(0.7) ? [`CVE-${2018 + random.integer(8)}-${10_000 + serial}`] : [],
    ecosystem,
    name,
    ranges: [[{ introduced: '0' }, { fixed }]],
    rangeType: ecosystem === 'npm' || ecosystem === 'Go' || ecosystem === 'crates.io' ? 'SEMVER' : 'ECOSYSTEM',
  };
  if (kind === 'npm-mal') {
    shape.aliases = [];
    shape.ranges = [[{ introduced: '0' }]];
    shape.versions = Array.from({ length: 1 + random.integer(4) }, (_, i) => `1.0.${i}`);
  } else if (kind === 'pypi') {
    shape.versions = Array.from({ length: 5 + random.integer(55) }, (_, i) => `${Math.floor(i / 10)}.${i % 10}.0`);
  }
  return shape;
}

export interface AdvisoryPlan {
  blocks: AdvisoryBlock[];
  /** npm records about names of the lockfile. */
  targetRecords: number;
  /** PyPI records under names of the lockfile. */
  crossEcosystemRecords: number;
}

/** Split the records into one block per ecosystem. Each block generates its records again on every call. */
export function planAdvisories(inputs: AdvisoryInputs): AdvisoryPlan {
  const lockNames = new Set(inputs.locked.map((pkg) => pkg.name));
  const targetCount = countRecords(targetRecords(inputs, new RecordRandom(inputs.seed), { next: 1 }));
  const others = Math.max(0, inputs.total - targetCount - CROSS_ECOSYSTEM_RECORDS);
  const byEcosystem = new Map<Ecosystem, AdvisoryBlock>();

  const add = (ecosystem: Ecosystem, count: number, make: () => Generator<OsvRecord>): void => {
    const previous = byEcosystem.get(ecosystem);
    const records = previous ? function* () { yield* previous.records(); yield* make(); } : make;
    byEcosystem.set(ecosystem, { ecosystem, count: (previous?.count ?? 0) + count, records });
  };

  add('npm', targetCount, () => targetRecords(inputs, new RecordRandom(inputs.seed), { next: 1 }));
  OTHER_SHARES.forEach(([kind, ecosystem, share], index) => {
    const count = Math.round(others * share);
    const seed = inputs.seed + (index + 1) * 1_000_003;
    add(ecosystem, count, function* () {
      const random = new RecordRandom(seed);
      for (let i = 0; i < count; i++) {
        let name = otherName(kind, random, inputs);
        if (kind === 'npm-mal' && lockNames.has(name)) name = `${name}-mal`;
        yield buildRecord(random, otherShape(kind, ecosystem, random, name, (index + 1) * 1_000_000 + i));
      }
    });
  });

  const unscoped = [...lockNames].filter((name) => !name.startsWith('@')).sort();
  add('PyPI', CROSS_ECOSYSTEM_RECORDS, function* () {
    const random = new RecordRandom(inputs.seed - 1);
    for (let i = 0; i < CROSS_ECOSYSTEM_RECORDS; i++) {
      const shape = otherShape('pypi', 'PyPI', random, random.pick(unscoped), 20_000_000 + i);
      // Every version of the name would match if the ecosystem were ignored.
      shape.ranges = [[{ introduced: '0' }]];
      yield buildRecord(random, shape);
    }
  });
  return { blocks: [...byEcosystem.values()], targetRecords: targetCount, crossEcosystemRecords: CROSS_ECOSYSTEM_RECORDS };
}

function countRecords(records: Iterable<OsvRecord>): number {
  let count = 0;
  for (const record of records) {
    if (record.id !== '') count++;
  }
  return count;
}
