/**
 * Scoring of the whole assessment on the labelled set in
 * test/corpus/supply-chain: malicious, typo-squatted and invented names
 * (positives) against the popular lists (negatives). The registry is
 * replayed from the recorded snapshot, so scoring runs offline.
 */
import { defaultSupplyChainSettings } from '../../core/config-types.js';
import { assessPackage, type AssessContext } from './assess.js';
import { canonicalName, type PopularIndex } from './typosquat.js';
import { parseLabelledLines } from './typosquat-corpus.js';
import type { Assessment, RegistryClient, RegistryPackage, SupplyEcosystem } from './types.js';

export type LabelledKind = 'malicious' | 'typosquat' | 'invented';

export interface LabelledRow {
  ecosystem: SupplyEcosystem;
  name: string;
  label: LabelledKind;
  target: string;
  source: string;
}

/** The snapshot's record of one name. */
interface SnapshotEntry {
  presence: 'present' | 'absent' | 'unchecked';
  created?: string;
  latest?: string;
  placeholder?: boolean;
  description?: string;
  versions?: Array<{ version: string; published?: string }>;
}

export interface RegistrySnapshot {
  checkedOn: string;
  packages: Partial<Record<SupplyEcosystem, Record<string, SnapshotEntry>>>;
}

const LABELS: readonly LabelledKind[] = ['malicious', 'typosquat', 'invented'];

export function parseLabelledSet(text: string, file: string): LabelledRow[] {
  return parseLabelledLines(text, file, LABELS).map(({ ecosystem, name, label, target, source }) => ({
    ecosystem,
    name,
    label: label as LabelledKind,
    target,
    source,
  }));
}

/**
 * Turn a recorded entry into a registry record. A package with no versions
 * left cannot be installed and counts as absent; PyPI names, which could not
 * be checked, count as absent because PyPI deletes malware outright.
 */
export function snapshotAnswer(ecosystem: SupplyEcosystem, name: string, entry: SnapshotEntry | undefined, checkedOn: string): RegistryPackage {
  const base = { ecosystem, name, registry: 'snapshot', fetchedAt: `${checkedOn}T00:00:00Z` };
  if (!entry || entry.presence !== 'present' || (entry.versions ?? []).length === 0) {
    return { ...base, presence: 'absent', versions: [] };
  }
  const answer: RegistryPackage = {
    ...base,
    presence: 'present',
    versions: (entry.versions ?? []).map((version) => ({ ...version, artifacts: [] })),
  };
  if (entry.created) answer.created = entry.created;
  if (entry.latest) answer.latest = entry.latest;
  if (entry.placeholder) answer.placeholder = true;
  return answer;
}

/** Build the record of a popular package: established, with a long release history. */
function establishedAnswer(ecosystem: SupplyEcosystem, name: string): RegistryPackage {
  const versions = Array.from({ length: 10 }, (_, index) => ({
    version: `1.${index}.0`,
    published: new Date(Date.UTC(2015 + index, 0, 1)).toISOString(),
    artifacts: [],
  }));
  return { ecosystem, name, registry: 'snapshot', presence: 'present', created: versions[0]!.published, versions, latest: '1.9.0', fetchedAt: new Date().toISOString() };
}

function snapshotClient(snapshot: RegistrySnapshot, popular: ReadonlySet<string>): RegistryClient {
  return {
    lookup: async (ecosystem, name) => {
      if (popular.has(`${ecosystem}\0${name}`)) return establishedAnswer(ecosystem, name);
      return snapshotAnswer(ecosystem, name, snapshot.packages[ecosystem]?.[name], snapshot.checkedOn);
    },
    download: () => Promise.reject(new Error('archive not found: the snapshot contains no archives')),
    close: () => undefined,
  };
}

export interface KindScore {
  kind: LabelledKind | 'popular';
  ecosystem: SupplyEcosystem;
  total: number;
  /** Rows with a block verdict; for popular names, false alarms (block or warn). */
  flagged: number;
  /** Rows caught from the name alone (typo-squat signal), without the registry. */
  byName: number;
  /** Typo-squat rows whose reported target is the labelled one. */
  rightTarget: number;
  misses: string[];
}

export interface LabelledScore {
  kinds: KindScore[];
  /** Blocked positives over all positives. */
  recall: number;
  /** Blocked positives over everything blocked or warned, popular names included. */
  precision: number;
  /** Popular names flagged, over all popular names. */
  falseAlarmRate: number;
}

function emptyScore(kind: KindScore['kind'], ecosystem: SupplyEcosystem): KindScore {
  return { kind, ecosystem, total: 0, flagged: 0, byName: 0, rightTarget: 0, misses: [] };
}

function scoreFor(scores: Map<string, KindScore>, kind: KindScore['kind'], ecosystem: SupplyEcosystem): KindScore {
  const key = `${kind}\0${ecosystem}`;
  let score = scores.get(key);
  if (!score) {
    score = emptyScore(kind, ecosystem);
    scores.set(key, score);
  }
  return score;
}

function countRow(score: KindScore, row: LabelledRow, assessment: Assessment): void {
  score.total += 1;
  const typo = assessment.signals.find((signal) => signal.id === 'typosquat');
  if (typo) score.byName += 1;
  if (typo && row.target && canonicalName(row.ecosystem, typo.detail ?? '') === canonicalName(row.ecosystem, row.target)) score.rightTarget += 1;
  if (assessment.verdict === 'block') score.flagged += 1;
  else score.misses.push(`${row.name} (${assessment.verdict}: ${assessment.signals.map((signal) => signal.id).join(', ') || 'no signal'})`);
}

/**
 * Assess every labelled row, and unless `negatives` is false every popular
 * name, with registry records replayed from `snapshot`.
 */
export async function scoreLabelledSet(
  rows: LabelledRow[],
  snapshot: RegistrySnapshot,
  indexes: Record<SupplyEcosystem, PopularIndex>,
  now: Date,
  options: { negatives?: boolean } = {},
): Promise<LabelledScore> {
  const popularNames = new Set<string>();
  for (const index of Object.values(indexes)) for (const entry of index.entries) popularNames.add(`${index.ecosystem}\0${entry.name}`);
  const settings = defaultSupplyChainSettings();
  const context: AssessContext = {
    settings,
    thresholds: { newPackageDays: settings.newPackageDays, newVersionDays: settings.newVersionDays, minVersions: settings.minVersions, now },
    popular: (ecosystem) => indexes[ecosystem],
    records: async () => [],
    registry: snapshotClient(snapshot, popularNames),
    inspector: { scripts: () => ({ hooks: [], issues: [], warnings: [] }), archive: () => Promise.reject(new Error('no archives')) },
    inspection: 'never',
  };
  const scores = new Map<string, KindScore>();
  for (const row of rows) countRow(scoreFor(scores, row.label, row.ecosystem), row, await assessPackage(row, context));
  let falseAlarms = 0;
  let popularTotal = 0;
  for (const index of options.negatives === false ? [] : Object.values(indexes)) {
    const score = scoreFor(scores, 'popular', index.ecosystem);
    for (const entry of index.entries) {
      const assessment = await assessPackage({ ecosystem: index.ecosystem, name: entry.name }, context);
      score.total += 1;
      popularTotal += 1;
      if (assessment.signals.some((signal) => signal.id === 'typosquat')) score.byName += 1;
      if (assessment.verdict === 'block' || assessment.verdict === 'warn') {
        score.flagged += 1;
        falseAlarms += 1;
        score.misses.push(`${entry.name} (${assessment.signals.map((signal) => signal.message).join('; ')})`);
      }
    }
  }
  const positives = [...scores.values()].filter((score) => score.kind !== 'popular');
  const caught = positives.reduce((sum, score) => sum + score.flagged, 0);
  const total = positives.reduce((sum, score) => sum + score.total, 0);
  return {
    kinds: [...scores.values()],
    recall: total === 0 ? 1 : caught / total,
    precision: caught + falseAlarms === 0 ? 1 : caught / (caught + falseAlarms),
    falseAlarmRate: popularTotal === 0 ? 0 : falseAlarms / popularTotal,
  };
}
