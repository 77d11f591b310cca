/**
 * The built-in sast rules (rules/sast/*.yaml) and custom rule files, and
 * the check that every pattern of a rule parses in each of its languages,
 * made once before a scan so that a broken pattern stops it with the rule
 * named instead of failing file by file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UsageError } from '../../../core/errors.js';
import { packageRoot } from '../../../core/package-root.js';
import { listRuleFiles, readRuleFileText } from '../../../core/rule-file.js';
import { PatternError } from '../pattern/match.js';
import type { Formula, PatternCache } from './formula.js';
import { parseSastRules, type SastRule } from './load.js';

const MAX_RULE_FILE_BYTES = 4 * 1024 * 1024;

let builtinCache: SastRule[] | undefined;

/** The built-in rules, read once per process. */
export function builtinSastRules(): SastRule[] {
  if (builtinCache !== undefined) return builtinCache;
  const dir = join(packageRoot(), 'rules', 'sast');
  const files = readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort();
  builtinCache = files.flatMap((name) => parseSastRules(readFileSync(join(dir, name), 'utf8'), `rules/sast/${name}`, 'built-in'));
  return builtinCache;
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
    const formulas = rule.formula !== undefined ? [rule.formula] : [...(rule.taint?.sources ?? []), ...(rule.taint?.sinks ?? []), ...(rule.taint?.sanitizers ?? [])];
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
