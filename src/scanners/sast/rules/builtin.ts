/**
 * The built-in sast rules (rules/sast/*.yaml) and custom rule files, and
 * the check that every pattern of a rule parses in each of its languages,
 * made once before a scan so that a broken pattern stops it with the rule
 * named instead of failing file by file.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { UsageError } from '../../../core/errors.js';
import { packageRoot } from '../../../core/package-root.js';
import { listRuleFiles, readRuleFileText, ruleFilesDigest } from '../../../core/rule-file.js';
import { PatternError } from '../pattern/match.js';
import type { Formula, PatternCache } from './formula.js';
import { parseSastRules, parseSastYaml, readSastRules, type SastRule } from './load.js';

const MAX_RULE_FILE_BYTES = 4 * 1024 * 1024;

let builtinCache: SastRule[] | undefined;

interface SastBundle {
  digest: string;
  files: Array<{ label: string; data: unknown }>;
}

function builtinFiles(): { labels: string[]; paths: string[]; texts: string[] } {
  const dir = join(packageRoot(), 'rules', 'sast');
  const names = readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort();
  const paths = names.map((name) => join(dir, name));
  return { labels: names.map((name) => `rules/sast/${name}`), paths, texts: paths.map((path) => readFileSync(path, 'utf8')) };
}

export function sastBundlePath(): string {
  return join(packageRoot(), 'dist', 'rules', 'sast.json');
}

/**
 * Returns the built-in rules, read once per process. The build's bundle
 * (dist/rules/sast.json) contains the parsed YAML, which saves each process
 * and worker thread about a quarter of a second. A bundle whose digest no
 * longer matches the YAML files is ignored.
 */
export function builtinSastRules(): SastRule[] {
  if (builtinCache !== undefined) return builtinCache;
  const { labels, paths, texts } = builtinFiles();
  const digest = ruleFilesDigest(paths, texts);
  let documents: Array<{ label: string; data: unknown }> | undefined;
  try {
    const bundle = JSON.parse(readFileSync(sastBundlePath(), 'utf8')) as SastBundle;
    if (bundle.digest === digest) documents = bundle.files;
  } catch {
    // No bundle or a broken one: read the YAML.
  }
  documents ??= labels.map((label, i) => ({ label, data: parseSastYaml(texts[i] as string, label) }));
  builtinCache = documents.flatMap((document) => readSastRules(document.data, document.label, 'built-in'));
  return builtinCache;
}

/** Writes dist/rules/sast.json, the parsed built-in rule files after checking them; returns the rule count. */
export function writeSastRuleBundle(): number {
  const { labels, paths, texts } = builtinFiles();
  const files = labels.map((label, i) => ({ label, data: parseSastYaml(texts[i] as string, label) }));
  const count = files.reduce((sum, file) => sum + readSastRules(file.data, file.label, 'built-in').length, 0);
  mkdirSync(dirname(sastBundlePath()), { recursive: true });
  writeFileSync(sastBundlePath(), JSON.stringify({ digest: ruleFilesDigest(paths, texts), files } satisfies SastBundle));
  return count;
}

/** The built-in rules followed by those of `customPaths` (files or folders of *.yaml and *.yml); ids must be unique. */
export function loadSastRules(customPaths: readonly string[] = [], labelBase?: string): SastRule[] {
  const custom = customPaths.flatMap((path) => listRuleFiles(path, 'sast.custom-rules')).flatMap((file) => {
    const label = labelBase === undefined ? file : relative(labelBase, file) || file;
    return parseSastRules(readRuleFileText(file, label, 'sast rule file', MAX_RULE_FILE_BYTES), label);
  });
  const all = [...builtinSastRules(), ...custom];
  const seen = new Map<string, string>();
  for (const rule of all) {
    const previous = seen.get(rule.id);
    if (previous !== undefined) throw new UsageError(`${rule.source}: rule "${rule.id}": duplicate id, already defined in ${previous}; rename one of them`);
    seen.set(rule.id, rule.source);
  }
  return all;
}

function patternsOf(formula: Formula, into: string[]): string[] {
  if (formula.kind === 'pattern') into.push(formula.source);
  else if (formula.kind === 'either') for (const part of formula.formulas) patternsOf(part, into);
  else {
    for (const term of formula.terms) {
      if ('formula' in term) patternsOf(term.formula, into);
    }
  }
  return into;
}

/** Compiles every pattern of `rules` in each of their languages; throws UsageError naming the first that does not parse. */
export async function checkPatterns(rules: readonly SastRule[], cache: PatternCache): Promise<void> {
  for (const rule of rules) {
    const taint = rule.taint;
    const formulas =
      rule.formula !== undefined
        ? [rule.formula]
        : [...(taint?.sources ?? []), ...(taint?.sinks ?? []), ...(taint?.sanitizers ?? []), ...(taint?.propagators ?? []).map((propagator) => propagator.formula)];
    for (const source of formulas.flatMap((formula) => patternsOf(formula, []))) {
      for (const language of rule.languages) {
        try {
          await cache.get(source, language);
        } catch (error) {
          if (!(error instanceof PatternError)) throw error;
          throw new UsageError(`${rule.source === 'built-in' ? 'rules/sast' : rule.source}: rule "${rule.id}": ${error.message}`);
        }
      }
    }
  }
}
