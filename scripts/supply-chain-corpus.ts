/**
 * Measures the supply-chain assessment on the labelled set in
 * test/corpus/supply-chain: recall on malicious, typo-squatted and invented
 * names, and false alarms on the 10,000 most popular names of npm and PyPI,
 * with registry answers replayed from the recorded snapshot.
 *
 * Run: npm run build && node dist/scripts/supply-chain-corpus.js [--verbose]
 * Exit code 0 when recall is at least 0.95 and under 0.5% of popular names
 * are flagged, 1 when not, 2 when the files are invalid.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseLabelledSet, scoreLabelledSet, type RegistrySnapshot } from '../src/scanners/supply-chain/labelled-set.js';
import { loadPopularIndex } from '../src/scanners/supply-chain/typosquat.js';

const MIN_RECALL = 0.95;
const MAX_FALSE_ALARM_RATE = 0.005;

function corpusFile(name: string): string {
  return fileURLToPath(new URL(`../../test/corpus/supply-chain/${name}`, import.meta.url));
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((part / whole) * 100).toFixed(1)}%`;
}

async function run(verbose: boolean): Promise<number> {
  const rows = parseLabelledSet(readFileSync(corpusFile('labelled.tsv'), 'utf8'), 'labelled.tsv');
  const snapshot = JSON.parse(readFileSync(corpusFile('registry-snapshot.json'), 'utf8')) as RegistrySnapshot;
  const indexes = { npm: loadPopularIndex('npm'), PyPI: loadPopularIndex('PyPI') };
  // Ages are judged as on the day the snapshot was taken, so the result does not drift.
  const score = await scoreLabelledSet(rows, snapshot, indexes, new Date(`${snapshot.checkedOn}T12:00:00Z`));

  console.log('kind        ecosystem  rows   blocked  by name alone  right target');
  for (const kind of score.kinds) {
    const target = kind.kind === 'typosquat' || kind.kind === 'malicious' ? String(kind.rightTarget).padStart(12) : '           -';
    const flaggedLabel = kind.kind === 'popular' ? `${kind.flagged} flagged` : `${kind.flagged}`;
    console.log(
      `${kind.kind.padEnd(11)} ${kind.ecosystem.padEnd(9)} ${String(kind.total).padStart(5)}  ${flaggedLabel.padStart(7)}  ${`${kind.byName} (${percent(kind.byName, kind.total)})`.padStart(13)}  ${target}`,
    );
    if (verbose || kind.kind !== 'popular') for (const miss of kind.misses) console.log(`    ${kind.kind === 'popular' ? 'false alarm' : 'missed'}: ${miss}`);
  }
  console.log(`recall ${score.recall.toFixed(3)} (target ${MIN_RECALL}), precision ${score.precision.toFixed(3)}, false alarms on popular names ${(score.falseAlarmRate * 100).toFixed(2)}% (target under ${MAX_FALSE_ALARM_RATE * 100}%)`);
  return score.recall >= MIN_RECALL && score.falseAlarmRate < MAX_FALSE_ALARM_RATE ? 0 : 1;
}

run(process.argv.includes('--verbose')).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`supply-chain-corpus: ${(error as Error).message}`);
    process.exitCode = 2;
  },
);
