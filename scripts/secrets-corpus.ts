/**
 * Measures the precision and recall of the built-in secret rules on the
 * labelled corpus in test/corpus/secrets (see docs/accuracy.md).
 *
 * Run: npx tsc -p . && npm run corpus [-- --min 0.95] [-- --json]
 * Exit code 0 when overall precision and recall reach --min, 1 when not,
 * 2 for a bad option or a broken corpus.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { detectSecrets } from '../src/scanners/secrets/detector.js';
import { SECRET_FAMILIES, type SecretFamily } from '../src/scanners/secrets/rule-types.js';
import { loadSecretRules } from '../src/scanners/secrets/rules.js';
import { formatReport } from './secrets-corpus-report.js';

/** A true secret: the 1-based line where it starts, and its rule family. */
export interface CorpusLabel {
  path: string;
  line: number;
  family: SecretFamily;
}

/** A line that looks like a secret to a naive scanner but is not one. */
export interface CorpusNegative {
  path: string;
  line: number;
  why: string;
}

/** A detector finding reduced to what scoring needs. */
export interface CorpusFinding {
  path: string;
  startLine: number;
  endLine: number;
  ruleId: string;
  family: string;
}

export interface FamilyScore {
  family: string;
  tp: number;
  fp: number;
  fn: number;
  /** tp / (tp + fp), or 1 when the family produced no finding. */
  precision: number;
  /** tp / (tp + fn), or 1 when the family has no label. */
  recall: number;
}

export interface CorpusScore {
  families: FamilyScore[];
  overall: FamilyScore;
  /**
   * Family-blind detection: a label counts as found when any finding covers
   * its line, and a finding is false only when it covers no label. This
   * separates missed secrets from secrets reported under another family.
   */
  detection: FamilyScore;
  falsePositives: CorpusFinding[];
  falseNegatives: CorpusLabel[];
}

export interface CorpusResult extends CorpusScore {
  /** Number of corpus files scanned (positive/ and negative/). */
  files: number;
  labels: CorpusLabel[];
  negatives: CorpusNegative[];
  /** Tricky negatives that drew a finding, with the rule that fired. */
  flaggedNegatives: Array<CorpusNegative & { ruleId: string }>;
}

const CORPUS_SUBDIRS = ['positive', 'negative'] as const;

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 1 : numerator / denominator;
}

function score(family: string, tp: number, fp: number, fn: number): FamilyScore {
  return { family, tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
}

function covers(finding: CorpusFinding, line: number): boolean {
  return line >= finding.startLine && line <= finding.endLine;
}

/**
 * Score findings against labels. A finding is a true positive when a label
 * on the same path and of the same family lies within its lines, and several
 * findings on one label count once. Any other finding is a false positive,
 * even one of the wrong family on a labelled line. Every label that no
 * finding matched is a false negative.
 */
export function scoreFindings(labels: CorpusLabel[], findings: CorpusFinding[]): CorpusScore {
  const labelsByPath = new Map<string, CorpusLabel[]>();
  for (const label of labels) {
    labelsByPath.set(label.path, [...(labelsByPath.get(label.path) ?? []), label]);
  }

  const matched = new Set<CorpusLabel>();
  const falsePositives: CorpusFinding[] = [];
  for (const finding of findings) {
    const hits = (labelsByPath.get(finding.path) ?? []).filter(
      (label) => label.family === finding.family && covers(finding, label.line),
    );
    if (hits.length === 0) falsePositives.push(finding);
    for (const hit of hits) matched.add(hit);
  }
  const falseNegatives = labels.filter((label) => !matched.has(label));

  const seen = new Set<string>([...labels.map((l) => l.family), ...findings.map((f) => f.family)]);
  const known: readonly string[] = SECRET_FAMILIES;
  const order = [...known, ...[...seen].filter((family) => !known.includes(family))];
  const families = order
    .filter((family) => seen.has(family))
    .map((family) =>
      score(
        family,
        [...matched].filter((label) => label.family === family).length,
        falsePositives.filter((finding) => finding.family === family).length,
        falseNegatives.filter((label) => label.family === family).length,
      ),
    );
  const overall = score('overall', matched.size, falsePositives.length, falseNegatives.length);
  return { families, overall, detection: detectionScore(labelsByPath, labels, findings), falsePositives, falseNegatives };
}

function detectionScore(
  labelsByPath: Map<string, CorpusLabel[]>,
  labels: CorpusLabel[],
  findings: CorpusFinding[],
): FamilyScore {
  const found = new Set<CorpusLabel>();
  let unlabelled = 0;
  for (const finding of findings) {
    const hits = (labelsByPath.get(finding.path) ?? []).filter((label) => covers(finding, label.line));
    if (hits.length === 0) unlabelled++;
    for (const hit of hits) found.add(hit);
  }
  return score('any family', found.size, unlabelled, labels.length - found.size);
}

async function listFiles(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listFiles(root, path)));
    else if (entry.isFile()) files.push(path);
  }
  return files.sort();
}

function invalid(file: string, index: number, problem: string): Error {
  const fix = 'rebuild it with scripts/build-secrets-corpus.ts';
  return new Error(`${file}: entry ${index + 1} ${problem}; ${fix}`);
}

/** Read labels.yaml or negatives.yaml and check each entry's shape. */
async function readEntries(
  file: string,
  kind: 'family' | 'why',
): Promise<Array<Record<string, unknown>>> {
  const data: unknown = parse(await readFile(file, 'utf8'));
  if (!Array.isArray(data)) throw new Error(`${file}: expected a YAML list of entries`);
  data.forEach((entry: Record<string, unknown>, index) => {
    if (typeof entry?.path !== 'string') throw invalid(file, index, 'has no string `path`');
    if (!Number.isInteger(entry.line) || (entry.line as number) < 1) {
      throw invalid(file, index, 'has no positive integer `line`');
    }
    if (typeof entry[kind] !== 'string') throw invalid(file, index, `has no string \`${kind}\``);
    if (kind === 'family' && !SECRET_FAMILIES.includes(entry.family as SecretFamily)) {
      throw invalid(file, index, `has unknown family "${String(entry.family)}"`);
    }
  });
  return data as Array<Record<string, unknown>>;
}

/** Check that every entry points at an existing, non-empty line. */
function checkLines(
  entries: Array<{ path: string; line: number }>,
  texts: Map<string, string[]>,
  file: string,
): void {
  for (const entry of entries) {
    const lines = texts.get(entry.path);
    if (!lines) throw new Error(`${file}: ${entry.path} is not a corpus file`);
    if ((lines[entry.line - 1] ?? '').trim() === '') {
      throw new Error(`${file}: ${entry.path}:${entry.line} is past the end or blank`);
    }
  }
}

/** Run the built-in secret rules over the corpus at `corpusDir` and score them. */
export async function measureCorpus(corpusDir: string): Promise<CorpusResult> {
  const labelsFile = join(corpusDir, 'labels.yaml');
  const negativesFile = join(corpusDir, 'negatives.yaml');
  const labels = (await readEntries(labelsFile, 'family')) as unknown as CorpusLabel[];
  const negatives = (await readEntries(negativesFile, 'why')) as unknown as CorpusNegative[];

  const paths = (await Promise.all(CORPUS_SUBDIRS.map((dir) => listFiles(corpusDir, dir)))).flat();
  const texts = new Map<string, string[]>();
  for (const path of paths) {
    const text = await readFile(join(corpusDir, path), 'utf8');
    texts.set(path, text.split('\n'));
  }
  checkLines(labels, texts, labelsFile);
  checkLines(negatives, texts, negativesFile);
  const misplaced = labels.find((label) => label.path.startsWith('negative/'));
  if (misplaced) {
    throw new Error(`${labelsFile}: ${misplaced.path} is under negative/ but has a label`);
  }

  const rules = loadSecretRules();
  const familyOf = new Map<string, string>(rules.map((rule) => [rule.fullId, rule.family]));
  const findings: CorpusFinding[] = [];
  for (const [path, lines] of texts) {
    const source = { path, text: lines.join('\n') };
    for (const finding of detectSecrets(source, rules, { showSecrets: false })) {
      const family = familyOf.get(finding.ruleId);
      if (family === undefined) {
        throw new Error(`${path}: finding from unknown rule ${finding.ruleId}`);
      }
      const { startLine, endLine } = finding.location;
      findings.push({ path, startLine, endLine, ruleId: finding.ruleId, family });
    }
  }

  const flaggedNegatives = negatives.flatMap((negative) =>
    findings
      .filter((finding) => finding.path === negative.path && covers(finding, negative.line))
      .map((finding) => ({ ...negative, ruleId: finding.ruleId })),
  );
  const scores = scoreFindings(labels, findings);
  return { files: paths.length, labels, negatives, flaggedNegatives, ...scores };
}

/** Command-line entry: returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseArgs({
      args: argv,
      options: {
        min: { type: 'string', default: '0.95' },
        json: { type: 'boolean', default: false },
        corpus: { type: 'string' },
      },
    }).values;
  } catch (error) {
    console.error(`secrets-corpus: ${(error as Error).message}`);
    return 2;
  }
  const min = Number(options.min);
  if (!Number.isFinite(min) || min < 0 || min > 1) {
    const hint = 'use a number from 0 to 1, such as 0.95';
    console.error(`secrets-corpus: invalid --min "${options.min}"; ${hint}`);
    return 2;
  }

  const defaultDir = new URL('../../test/corpus/secrets/', import.meta.url);
  const corpusDir = options.corpus ?? fileURLToPath(defaultDir);
  let result: CorpusResult;
  try {
    result = await measureCorpus(corpusDir);
  } catch (error) {
    console.error(`secrets-corpus: ${(error as Error).message}`);
    return 2;
  }

  console.log(options.json ? JSON.stringify(toJson(result), null, 2) : formatReport(result));
  const { precision, recall } = result.overall;
  return precision >= min && recall >= min ? 0 : 1;
}

function toJson(result: CorpusResult): object {
  return {
    files: result.files,
    labels: result.labels.length,
    negatives: result.negatives.length,
    families: result.families,
    overall: result.overall,
    detection: result.detection,
    falsePositives: result.falsePositives,
    falseNegatives: result.falseNegatives,
    flaggedNegatives: result.flaggedNegatives,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
