/**
 * Builds the labelled secret corpus in test/corpus/secrets from the
 * templates in test/corpus/secrets/templates. A template is a realistic
 * file whose secrets are placeholders; this script fills them with fresh
 * random values and records where each secret lands.
 *
 * Template syntax:
 *   ⟦generator arg... =family #name⟧  a generated value. The generator's own
 *       family labels the line unless `=family` overrides it (`=none` for
 *       no label). `#name` reuses one value within the file. Values that
 *       span several lines keep the indentation of the template line.
 *   ⟪neg category⟫ at the end of a line  marks a tricky negative (removed).
 *
 * Run: npx tsc -p . && node dist/scripts/build-secrets-corpus.js
 * The output is committed, so rerun it only when a template changes: every
 * run draws new random values.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { SECRET_FAMILIES, type SecretFamily } from '../src/scanners/secrets/rule-types.js';
import { KEY_GENERATORS } from './secrets-corpus-keys.js';
import type { CorpusLabel, CorpusNegative } from './secrets-corpus.js';
import { GENERATORS, type ValueGenerator } from './secrets-corpus-values.js';

interface ExpandedFile {
  text: string;
  labels: CorpusLabel[];
  negatives: CorpusNegative[];
}

const ALL_GENERATORS: Record<string, ValueGenerator> = { ...GENERATORS, ...KEY_GENERATORS };
const PLACEHOLDER = /⟦([^⟧]+)⟧/g;
const NEGATIVE_MARK = /\s*⟪neg ([a-z0-9-]+)⟫\s*$/;
const TEMPLATE_SUFFIX = '.tpl';

function countNewlines(text: string): number {
  return text.split('\n').length - 1;
}

/** Fill one placeholder, returning the value and the family that labels its line. */
function render(
  spec: string,
  cache: Map<string, string>,
  where: string,
): { value: string; family: SecretFamily | null } {
  const [name = '', ...rest] = spec.trim().split(/\s+/);
  const generator = ALL_GENERATORS[name];
  if (!generator) throw new Error(`${where}: unknown generator "${name}"`);

  let family = generator.family;
  let key: string | undefined;
  const args: string[] = [];
  for (const token of rest) {
    if (token.startsWith('=')) family = parseFamily(token.slice(1), where);
    else if (token.startsWith('#')) key = token.slice(1);
    else args.push(token);
  }

  const cached = key === undefined ? undefined : cache.get(key);
  const value = cached ?? generator.make(args);
  if (key !== undefined) cache.set(key, value);
  return { value, family };
}

function parseFamily(text: string, where: string): SecretFamily | null {
  if (text === 'none') return null;
  if ((SECRET_FAMILIES as readonly string[]).includes(text)) return text as SecretFamily;
  throw new Error(`${where}: unknown family "${text}"`);
}

/** Expand a template into the corpus file text and its labels. */
export function expandTemplate(path: string, template: string): ExpandedFile {
  const labels: CorpusLabel[] = [];
  const negatives: CorpusNegative[] = [];
  const cache = new Map<string, string>();
  const out: string[] = [];
  let outLine = 1;

  for (const [index, raw] of template.split('\n').entries()) {
    const where = `${path}.tpl:${index + 1}`;
    const mark = NEGATIVE_MARK.exec(raw);
    const line = mark ? raw.slice(0, mark.index) : raw;
    if (mark?.[1]) negatives.push({ path, line: outLine, why: mark[1] });

    const indent = /^\s*/.exec(line)?.[0] ?? '';
    let built = '';
    let last = 0;
    for (const match of line.matchAll(PLACEHOLDER)) {
      built += line.slice(last, match.index);
      const { value, family } = render(match[1] ?? '', cache, where);
      if (family) labels.push({ path, line: outLine + countNewlines(built), family });
      built += value.split('\n').join('\n' + indent);
      last = match.index + match[0].length;
    }
    built += line.slice(last);

    if (/[⟦⟧⟪⟫]/.test(built)) {
      throw new Error(`${where}: malformed placeholder or negative mark; check the brackets`);
    }
    out.push(built);
    outLine += 1 + countNewlines(built);
  }
  return { text: out.join('\n'), labels: dedupeLabels(labels), negatives };
}

function dedupeLabels(labels: CorpusLabel[]): CorpusLabel[] {
  const seen = new Set<string>();
  return labels.filter((label) => {
    const key = `${label.line}\0${label.family}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function listTemplates(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listTemplates(full));
    else if (entry.name.endsWith(TEMPLATE_SUFFIX)) files.push(full);
  }
  return files.sort();
}

interface PathLine {
  path: string;
  line: number;
}

function byPathAndLine(a: PathLine, b: PathLine): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.line - b.line;
}

function checkKind(path: string, labels: CorpusLabel[]): void {
  if (path.startsWith('positive/') && labels.length === 0) {
    throw new Error(`${path}: a positive file needs at least one secret placeholder`);
  }
  if (path.startsWith('negative/') && labels.length > 0) {
    throw new Error(`${path}: a negative file must not contain secrets (line ${labels[0]?.line})`);
  }
}

function header(description: string): string {
  const origin = 'Generated by scripts/build-secrets-corpus.ts from templates/. Do not edit.';
  return `# ${description}\n# ${origin}\n`;
}

/** Regenerate the corpus under `corpusDir` from `corpusDir/templates`. */
export function buildCorpus(corpusDir: string): {
  labels: CorpusLabel[];
  negatives: CorpusNegative[];
} {
  const templateDir = join(corpusDir, 'templates');
  const labels: CorpusLabel[] = [];
  const negatives: CorpusNegative[] = [];
  rmSync(join(corpusDir, 'positive'), { recursive: true, force: true });
  rmSync(join(corpusDir, 'negative'), { recursive: true, force: true });

  for (const file of listTemplates(templateDir)) {
    const path = relative(templateDir, file).split(sep).join('/').slice(0, -TEMPLATE_SUFFIX.length);
    const expanded = expandTemplate(path, readFileSync(file, 'utf8'));
    checkKind(path, expanded.labels);
    const target = join(corpusDir, ...path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, expanded.text);
    labels.push(...expanded.labels);
    negatives.push(...expanded.negatives);
  }

  labels.sort(byPathAndLine);
  negatives.sort(byPathAndLine);
  const labelsHeader = header('True secrets: path, 1-based line where the secret starts, family.');
  const negativesHeader = header('Tricky negatives: lines a naive scanner flags, and why not.');
  writeFileSync(join(corpusDir, 'labels.yaml'), labelsHeader + stringify(labels));
  writeFileSync(join(corpusDir, 'negatives.yaml'), negativesHeader + stringify(negatives));
  return { labels, negatives };
}

function tally(items: Array<{ key: string }>): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.key, (counts.get(item.key) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([key, n]) => `  ${key} ${n}`).join('\n');
}

function main(): void {
  const corpusDir = fileURLToPath(new URL('../../test/corpus/secrets/', import.meta.url));
  const { labels, negatives } = buildCorpus(corpusDir);
  console.log(`labels: ${labels.length}`);
  console.log(tally(labels.map((label) => ({ key: label.family }))));
  console.log(`tricky negatives: ${negatives.length}`);
  console.log(tally(negatives.map((negative) => ({ key: negative.why }))));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
