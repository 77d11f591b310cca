import { findTyposquatTarget, type PopularIndex, type TyposquatMatch } from './typosquat.js';
import { canonicalName, type TyposquatEcosystem } from './typosquat-names.js';

/** One row of test/corpus/typosquat/names.tsv. */
export interface CorpusRow {
  ecosystem: TyposquatEcosystem;
  name: string;
  label: 'typo' | 'popular';
  /** The imitated package, empty for `popular` rows. */
  target: string;
  /** Public report or list where the example is documented. */
  source: string;
}

/** Scores of the detector on the corpus and on the popular lists themselves. */
export interface CorpusScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** Typo rows not caught, or caught with the wrong target. */
  missed: CorpusRow[];
  /** Popular rows that were flagged, with the match. */
  falseAlarms: Array<{ row: CorpusRow; match: TyposquatMatch }>;
}

const HEADER = 'ecosystem\tname\tlabel\ttarget\tsource';

/** A row of a labelled name table, checked for the columns every table shares. */
export interface LabelledLine {
  ecosystem: TyposquatEcosystem;
  name: string;
  label: string;
  target: string;
  source: string;
  /** `file:line`, for messages about the row. */
  where: string;
}

/** Parse a labelled name table (header, then ecosystem, name, label, target, source), rejecting unknown labels. */
export function parseLabelledLines(text: string, file: string, labels: readonly string[]): LabelledLine[] {
  const lines = text.split('\n').filter((line) => line !== '');
  if (lines[0] !== HEADER) throw new Error(`${file}: first line must be the header "${HEADER.replaceAll('\t', '<TAB>')}"`);
  return lines.slice(1).map((line, offset) => {
    const [ecosystem = '', name = '', label = '', target = '', source = ''] = line.split('\t');
    const where = `${file}:${offset + 2}`;
    if (ecosystem !== 'npm' && ecosystem !== 'PyPI') throw new Error(`${where}: ecosystem "${ecosystem}" must be npm or PyPI`);
    if (!labels.includes(label)) throw new Error(`${where}: label "${label}" must be ${labels.join(' or ')}`);
    if (name === '' || source === '') throw new Error(`${where}: name and source are required`);
    return { ecosystem, name, label, target, source, where };
  });
}

/** Parses the corpus TSV, rejecting a wrong header, unknown labels and typo rows without a target. */
export function parseCorpus(text: string, file: string): CorpusRow[] {
  return parseLabelledLines(text, file, ['typo', 'popular']).map(({ ecosystem, name, label, target, source, where }) => {
    if (label === 'typo' && target === '') throw new Error(`${where}: a typo row needs the imitated target`);
    return { ecosystem, name, label: label as CorpusRow['label'], target, source };
  });
}

/** Runs the detector over `rows`; a typo row counts as caught only when the reported target is the labelled one. */
export function scoreCorpus(rows: CorpusRow[], indexes: Record<TyposquatEcosystem, PopularIndex>): CorpusScore {
  const score: CorpusScore = { truePositives: 0, falsePositives: 0, falseNegatives: 0, precision: 0, recall: 0, missed: [], falseAlarms: [] };
  for (const row of rows) {
    const match = findTyposquatTarget(row.ecosystem, row.name, indexes[row.ecosystem]);
    if (row.label === 'popular') {
      if (match) {
        score.falsePositives += 1;
        score.falseAlarms.push({ row, match });
      }
      continue;
    }
    const hit = match && canonicalName(row.ecosystem, match.target) === canonicalName(row.ecosystem, row.target);
    if (hit) score.truePositives += 1;
    else {
      score.falseNegatives += 1;
      score.missed.push(row);
    }
  }
  const flagged = score.truePositives + score.falsePositives;
  score.precision = flagged === 0 ? 1 : score.truePositives / flagged;
  const typos = score.truePositives + score.falseNegatives;
  score.recall = typos === 0 ? 1 : score.truePositives / typos;
  return score;
}

/** Returns every name of `index` that the detector flags against another name of the same index. */
export function flagPopularNames(index: PopularIndex): Array<{ name: string; match: TyposquatMatch }> {
  const flagged: Array<{ name: string; match: TyposquatMatch }> = [];
  for (const entry of index.entries) {
    const match = findTyposquatTarget(index.ecosystem, entry.name, index);
    if (match) flagged.push({ name: entry.name, match });
  }
  return flagged;
}
