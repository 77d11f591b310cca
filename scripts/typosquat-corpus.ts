/**
 * Measures the typo-squatting detector: precision and recall on the labelled
 * names in test/corpus/typosquat/names.tsv, and the false alarms it raises on
 * the top-10,000 popular lists of each ecosystem (names flagged against a
 * look-alike in the same list).
 *
 * Run: npx tsc -p . && node dist/scripts/typosquat-corpus.js
 * Exit code 0 when recall is at least 0.95 and each list has under 0.5% of
 * its names flagged, 1 when not, 2 when the corpus or a list is invalid.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { flagPopularNames, parseCorpus, scoreCorpus } from '../src/scanners/supply-chain/typosquat-corpus.js';
import { loadPopularIndex } from '../src/scanners/supply-chain/typosquat.js';

const MIN_RECALL = 0.95;
const MAX_FLAGGED_SHARE = 0.005;

function run(): number {
  const corpusFile = fileURLToPath(new URL('../../test/corpus/typosquat/names.tsv', import.meta.url));
  const rows = parseCorpus(readFileSync(corpusFile, 'utf8'), corpusFile);
  const indexes = { npm: loadPopularIndex('npm'), PyPI: loadPopularIndex('PyPI') };
  const score = scoreCorpus(rows, indexes);
  let ok = score.recall >= MIN_RECALL;

  console.log(`corpus: ${rows.length} rows, TP ${score.truePositives}, FP ${score.falsePositives}, FN ${score.falseNegatives}`);
  console.log(`precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}`);
  for (const row of score.missed) console.log(`  missed ${row.ecosystem} ${row.name} (imitates ${row.target})`);
  for (const { row, match } of score.falseAlarms) console.log(`  false alarm ${row.ecosystem} ${row.name} -> ${match.target} (${match.kind})`);

  for (const index of Object.values(indexes)) {
    const flagged = flagPopularNames(index);
    const share = flagged.length / index.entries.length;
    if (share >= MAX_FLAGGED_SHARE) ok = false;
    console.log(`${index.ecosystem} top ${index.entries.length}: ${flagged.length} flagged (${(share * 100).toFixed(2)}%)`);
    for (const { name, match } of flagged) console.log(`  ${name} -> ${match.target} (${match.kind})`);
  }
  return ok ? 0 : 1;
}

try {
  process.exitCode = run();
} catch (error) {
  console.error(`typosquat-corpus: ${(error as Error).message}`);
  process.exitCode = 2;
}
