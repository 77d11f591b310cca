/**
 * Measures the sast scanner on a deliberately vulnerable application against
 * a hand-made label file (test/fixtures/sast-evidence/<app>.yaml).
 *
 * Run: npx tsc -p . && node dist/scripts/sast-vulnapps.js LABEL_FILE CHECKOUT_DIR
 *
 * The script runs `bin/rampart.js scan CHECKOUT_DIR --scanners sast --format
 * json --fail-on none` with a temporary HOME, then matches each finding to the
 * labels by file and line range. It prints each label with the rules that
 * found it and each finding outside every label with its recorded verdict.
 * Recall is found in-scope labels / in-scope labels. Precision is true
 * findings / findings with a verdict, where a finding on a label's lines
 * counts as true.
 *
 * Exit code 0 when every finding outside the labels has a verdict, 1 when some
 * have none, 2 when the label file, the checkout or the scan is invalid.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { InputError, runScript, scanWithCli, type ReportedFinding } from './sast-scan.js';

/** A documented vulnerability of the application. */
interface Label {
  id: string;
  title: string;
  cwe: string;
  file: string;
  /** First and last line, both inclusive. */
  lines: [number, number];
  documentedIn: string;
  inScope: boolean;
  reason?: string;
}

/** A reviewed finding that no label covers. */
interface Verdict {
  rule: string;
  file: string;
  line: number;
  verdict: 'true-positive' | 'false-positive';
  reason: string;
}

interface LabelFile {
  app: string;
  commit: string;
  labels: Label[];
  verdicts: Verdict[];
}

function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new InputError(`${field}: expected a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

function requireLine(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new InputError(`${field}: expected a line number, got ${JSON.stringify(value)}`);
  return value;
}

function parseLabel(raw: unknown, index: number): Label {
  const entry = (raw ?? {}) as Record<string, unknown>;
  const where = `labels[${index}]`;
  const id = requireString(entry.id, `${where}.id`);
  let lines: [number, number];
  if (entry.line !== undefined) {
    const line = requireLine(entry.line, `label ${id}: line`);
    lines = [line, line];
  } else if (Array.isArray(entry.lines) && entry.lines.length === 2) {
    lines = [requireLine(entry.lines[0], `label ${id}: lines[0]`), requireLine(entry.lines[1], `label ${id}: lines[1]`)];
    if (lines[1] < lines[0]) throw new InputError(`label ${id}: lines ${lines[0]}-${lines[1]} end before they start`);
  } else {
    throw new InputError(`label ${id}: set line: N or lines: [first, last]`);
  }
  if (typeof entry['in-scope'] !== 'boolean') throw new InputError(`label ${id}: in-scope must be true or false`);
  const label: Label = {
    id,
    title: requireString(entry.title, `label ${id}: title`),
    cwe: requireString(entry.cwe, `label ${id}: cwe`),
    file: requireString(entry.file, `label ${id}: file`),
    lines,
    documentedIn: requireString(entry['documented-in'], `label ${id}: documented-in`),
    inScope: entry['in-scope'],
  };
  if (!label.inScope) label.reason = requireString(entry.reason, `label ${id}: reason (required when in-scope is false)`);
  return label;
}

function parseVerdict(raw: unknown, index: number): Verdict {
  const entry = (raw ?? {}) as Record<string, unknown>;
  const where = `verdicts[${index}]`;
  const verdict = entry.verdict;
  if (verdict !== 'true-positive' && verdict !== 'false-positive') throw new InputError(`${where}.verdict: expected true-positive or false-positive, got ${JSON.stringify(verdict)}`);
  return {
    rule: requireString(entry.rule, `${where}.rule`).replace(/^sast\//, ''),
    file: requireString(entry.file, `${where}.file`),
    line: requireLine(entry.line, `${where}.line`),
    verdict,
    reason: requireString(entry.reason, `${where}.reason`),
  };
}

function readLabelFile(path: string): LabelFile {
  let data: Record<string, unknown>;
  try {
    data = (parse(readFileSync(path, 'utf8')) ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw new InputError(`cannot read label file ${path}: ${(error as Error).message}`);
  }
  if (!Array.isArray(data.labels)) throw new InputError(`${path}: labels must be a list`);
  const verdicts = data.verdicts ?? [];
  if (!Array.isArray(verdicts)) throw new InputError(`${path}: verdicts must be a list`);
  const file: LabelFile = {
    app: requireString(data.app, 'app'),
    commit: requireString(data.commit, 'commit'),
    labels: data.labels.map(parseLabel),
    verdicts: verdicts.map(parseVerdict),
  };
  const ids = new Set<string>();
  for (const label of file.labels) {
    if (ids.has(label.id)) throw new InputError(`${path}: label id ${label.id} appears twice`);
    ids.add(label.id);
  }
  return file;
}

function covers(label: Label, finding: ReportedFinding): boolean {
  return label.file === finding.file && finding.line >= label.lines[0] && finding.line <= label.lines[1];
}

function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}

function main(args: string[]): number {
  const [labelPath, checkout] = args;
  if (labelPath === undefined || checkout === undefined || args.length !== 2) {
    console.error('usage: node dist/scripts/sast-vulnapps.js LABEL_FILE CHECKOUT_DIR');
    return 2;
  }
  const dir = resolve(checkout);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`checkout directory not found: ${dir}`);
  const labels = readLabelFile(labelPath);
  for (const label of labels.labels) {
    if (!existsSync(join(dir, label.file))) throw new InputError(`label ${label.id}: file ${label.file} not found in ${dir}; is this checkout at commit ${labels.commit}?`);
  }
  const { findings } = scanWithCli(dir);

  console.log(`# ${labels.app} at ${labels.commit}`);
  console.log('');
  console.log('## Documented vulnerabilities');
  let inScope = 0;
  let found = 0;
  for (const label of labels.labels) {
    const rules = [...new Set(findings.filter((finding) => covers(label, finding)).map((finding) => finding.rule))].sort();
    const range = label.lines[0] === label.lines[1] ? `${label.lines[0]}` : `${label.lines[0]}-${label.lines[1]}`;
    const status = rules.length > 0 ? `found by ${rules.join(', ')}` : 'missed';
    if (label.inScope) {
      inScope++;
      if (rules.length > 0) found++;
      console.log(`- ${label.id} (${label.cwe}) ${label.file}:${range}: ${status}`);
    } else {
      console.log(`- ${label.id} (${label.cwe}) ${label.file}:${range}: out of scope (${label.reason ?? ''})${rules.length > 0 ? `, ${status}` : ''}`);
    }
  }

  console.log('');
  console.log('## Findings outside the labels');
  const unmatched = findings.filter((finding) => !labels.labels.some((label) => covers(label, finding)));
  const matchedCount = findings.length - unmatched.length;
  let truePositives = 0;
  let falsePositives = 0;
  const missingVerdicts: ReportedFinding[] = [];
  for (const finding of unmatched) {
    const verdict = labels.verdicts.find((entry) => entry.rule === finding.rule && entry.file === finding.file && entry.line === finding.line);
    if (verdict === undefined) {
      missingVerdicts.push(finding);
      console.log(`- ${finding.rule} ${finding.file}:${finding.line}: NO VERDICT (${finding.message})`);
      continue;
    }
    if (verdict.verdict === 'true-positive') truePositives++;
    else falsePositives++;
    console.log(`- ${finding.rule} ${finding.file}:${finding.line}: ${verdict.verdict} (${verdict.reason})`);
  }
  if (unmatched.length === 0) console.log('- none');
  const stale = labels.verdicts.filter((entry) => !unmatched.some((finding) => entry.rule === finding.rule && entry.file === finding.file && entry.line === finding.line));
  for (const entry of stale) console.log(`- verdict without a finding: ${entry.rule} ${entry.file}:${entry.line}`);

  const judgedTrue = matchedCount + truePositives;
  console.log('');
  console.log('## Figures');
  console.log(`findings: ${findings.length} (${matchedCount} on documented lines, ${truePositives} true and ${falsePositives} false outside them, ${missingVerdicts.length} without a verdict)`);
  console.log(`recall: ${found}/${inScope} in-scope labels = ${percent(found, inScope)}`);
  console.log(`precision: ${judgedTrue}/${judgedTrue + falsePositives} = ${percent(judgedTrue, judgedTrue + falsePositives)}`);
  if (missingVerdicts.length > 0) {
    console.error(`${missingVerdicts.length} finding(s) have no verdict; add them under verdicts: in ${labelPath}`);
    return 1;
  }
  return 0;
}

runScript(main);
