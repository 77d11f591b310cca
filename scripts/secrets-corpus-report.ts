/** Plain-text report of a secret corpus measurement, for rule authors. */
import type { CorpusFinding, CorpusLabel, CorpusResult, FamilyScore } from './secrets-corpus.js';

function row(score: FamilyScore): string {
  return [
    score.family.padEnd(18),
    String(score.tp).padStart(5),
    String(score.fp).padStart(5),
    String(score.fn).padStart(5),
    score.precision.toFixed(3).padStart(10),
    score.recall.toFixed(3).padStart(8),
  ].join(' ');
}

function lineRange(finding: CorpusFinding): string {
  const { path, startLine, endLine } = finding;
  return endLine === startLine ? `${path}:${startLine}` : `${path}:${startLine}-${endLine}`;
}

/** Name the families labelled inside a finding's lines, which makes a wrong-family hit obvious. */
function labelledAs(finding: CorpusFinding, labels: CorpusLabel[]): string {
  const inside = (label: CorpusLabel): boolean =>
    label.path === finding.path && label.line >= finding.startLine && label.line <= finding.endLine;
  const families = labels.filter(inside).map((label) => label.family);
  return families.length === 0 ? '' : ` [labelled ${[...new Set(families)].join(', ')}]`;
}

function negativeCategories(result: CorpusResult): string[] {
  const total = new Map<string, number>();
  for (const negative of result.negatives) {
    total.set(negative.why, (total.get(negative.why) ?? 0) + 1);
  }
  const flagged = new Map<string, Set<string>>();
  for (const negative of result.flaggedNegatives) {
    const lines = flagged.get(negative.why) ?? new Set<string>();
    lines.add(`${negative.path}:${negative.line}`);
    flagged.set(negative.why, lines);
  }
  return [...total]
    .sort((a, b) => b[1] - a[1])
    .map(([why, count]) => {
      const hits = flagged.get(why)?.size ?? 0;
      return `  ${why.padEnd(20)} ${String(hits).padStart(3)} of ${count}`;
    });
}

/** Render the per-family table, then every false positive and false negative. */
export function formatReport(result: CorpusResult): string {
  const out: string[] = [
    `Secret corpus: ${result.files} files, ${result.labels.length} labelled secrets, ` +
      `${result.negatives.length} tricky negative lines`,
    '',
    `${'family'.padEnd(18)}    TP    FP    FN  precision   recall`,
    ...result.families.map(row),
    row(result.overall),
    row(result.detection),
    '',
    `False positives (${result.falsePositives.length}):`,
    ...result.falsePositives.map(
      (f) => `  ${lineRange(f)} ${f.ruleId} (${f.family})${labelledAs(f, result.labels)}`,
    ),
    '',
    `False negatives (${result.falseNegatives.length}):`,
    ...result.falseNegatives.map((l) => `  ${l.path}:${l.line} ${l.family}`),
    '',
    'Tricky negative lines flagged, by category:',
    ...negativeCategories(result),
  ];
  return out.join('\n');
}
