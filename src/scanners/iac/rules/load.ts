/**
 * Loads the built-in iac rules (rules/iac/*.yaml) and custom rule files
 * from a user's repository, in the same format. Every file is checked
 * against schemas/iac-rule.schema.json and every condition against the
 * operators, paths and builtins the evaluator supports, so a broken custom
 * rule stops the scan with a message naming its file, rule and key.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { closestMatch } from '../../../core/did-you-mean.js';
import { UsageError } from '../../../core/errors.js';
import { loadAjv, loadYaml } from '../../../core/lazy-require.js';
import { packageRoot } from '../../../core/package-root.js';
import { listRuleFiles, readRuleFileText, ruleFilesDigest } from '../../../core/rule-file.js';
import { BUILTINS } from './builtins/index.js';
import { conditionProblem, customRegexProblem } from './check-condition.js';
import type { IacRule, IacRuleSpec } from './types.js';

/** Largest custom rule file read; a rule file is a few kilobytes. */
const MAX_RULE_FILE_BYTES = 4 * 1024 * 1024;

let builtinCache: IacRule[] | undefined;
let validator: ValidateFunction | undefined;

/** Absolute paths of the built-in rule files, sorted. */
export function builtinIacRuleFiles(): string[] {
  const dir = join(packageRoot(), 'rules', 'iac');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Loads the built-in rules followed by the rules of `customPaths` (files, or
 * directories whose *.yaml and *.yml files are read). `labelBase` is the
 * directory custom paths are shown relative to. Throws UsageError on any
 * invalid file or repeated id.
 */
export function loadIacRules(customPaths: readonly string[] = [], labelBase?: string): IacRule[] {
  builtinCache ??= loadBuiltinRules();
  const custom = customPaths.flatMap((path) => listRuleFiles(path, 'iac.custom-rules')).flatMap((file) => {
    const label = labelBase === undefined ? file : relative(labelBase, file) || file;
    return parseIacRuleText(readRuleFile(file, label), label);
  });
  const all = [...builtinCache, ...custom];
  const seen = new Map<string, string>();
  for (const rule of all) {
    const previous = seen.get(rule.id);
    if (previous !== undefined) {
      throw new UsageError(`${rule.source}: rule "${rule.id}": duplicate id, already defined in ${previous}; rename one of them`);
    }
    seen.set(rule.id, rule.source);
  }
  return all;
}

function readRuleFile(path: string, label: string): string {
  return readRuleFileText(path, label, 'iac rule file', MAX_RULE_FILE_BYTES);
}

function loadBuiltinRules(): IacRule[] {
  const files = builtinIacRuleFiles();
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const digest = ruleFilesDigest(files, texts);
  try {
    const bundle = JSON.parse(readFileSync(iacBundlePath(), 'utf8')) as { digest: string; rules: IacRule[] };
    if (bundle.digest === digest) return bundle.rules;
  } catch {
    // No bundle or a broken one: read the YAML.
  }
  return files.flatMap((file, i) => parseIacRuleText(texts[i] as string, relative(packageRoot(), file), 'built-in'));
}

export function iacBundlePath(): string {
  return join(packageRoot(), 'dist', 'rules', 'iac.json');
}

/** Writes dist/rules/iac.json, the validated built-in rules; returns how many. */
export function writeIacRuleBundle(): number {
  const files = builtinIacRuleFiles();
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const rules = files.flatMap((file, i) => parseIacRuleText(texts[i] as string, relative(packageRoot(), file), 'built-in'));
  const ids = new Set<string>();
  for (const rule of rules) {
    if (ids.has(rule.id)) throw new UsageError(`rules/iac: rule "${rule.id}" is defined twice`);
    ids.add(rule.id);
  }
  mkdirSync(dirname(iacBundlePath()), { recursive: true });
  writeFileSync(iacBundlePath(), JSON.stringify({ digest: ruleFilesDigest(files, texts), rules }));
  return rules.length;
}

/** Parses and checks one rule file's text; `label` names it in errors. */
export function parseIacRuleText(text: string, label: string, source = label): IacRule[] {
  let data: unknown;
  try {
    data = loadYaml().parse(text, { maxAliasCount: 100 });
  } catch (error) {
    const first = (error as Error).message.split('\n')[0];
    throw new UsageError(`${label}: invalid YAML: ${first}`, { cause: error });
  }
  if (data === null || data === undefined) throw new UsageError(`${label}: the file is empty; write a YAML list of iac rules`);
  if (!Array.isArray(data)) throw new UsageError(`${label}: an iac rule file must be a YAML list of rules`);

  const builtins = new Set(BUILTINS.keys());
  data.forEach((rule: unknown, index) => {
    const record = rule as Record<string, unknown> | null;
    const name = typeof record?.id === 'string' ? `rule "${record.id}"` : `rule #${index + 1}`;
    const matches = Array.isArray(record?.match) ? (record.match as unknown[]) : [];
    matches.forEach((match, position) => {
      const entry = match as Record<string, unknown> | null;
      for (const key of ['when', 'assert'] as const) {
        if (entry?.[key] === undefined) continue;
        const problem =
          conditionProblem(entry[key], `match[${position}].${key}`, builtins) ??
          (source === 'built-in' ? undefined : customRegexProblem(entry[key], `match[${position}].${key}`));
        if (problem) throw new UsageError(`${label}: ${name}: ${problem}`);
      }
    });
  });

  const validate = ruleFileValidator();
  if (!validate(data)) {
    // A oneOf failure lists every branch it tried; the first error is the one that explains it.
    const errors = (validate.errors ?? []).slice(0, 1).map((error) => describeError(error, data));
    throw new UsageError(`${label}: ${errors.join('; ')}`);
  }
  return (data as IacRuleSpec[]).map((spec) => ({ ...spec, fullId: `iac/${spec.id}`, source }));
}

function ruleFileValidator(): ValidateFunction {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'iac-rule.schema.json'), 'utf8')) as object;
  const { Ajv } = loadAjv();
  validator = new Ajv({ allErrors: false, logger: false, strict: false, verbose: true }).compile(schema);
  return validator;
}

function describeError(error: ErrorObject, data: unknown): string {
  const parts = error.instancePath.split('/').slice(1);
  const index = Number(parts[0]);
  const rule = (data as unknown[])[index] as Record<string, unknown> | undefined;
  const name = typeof rule?.id === 'string' ? `rule "${rule.id}"` : `rule #${index + 1}`;
  const key = parts
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
  const where = key === '' ? name : `${name}: ${key}`;
  const params = error.params as Record<string, unknown>;
  const objectAt = parts.slice(1).reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], rule);
  const keys = objectAt !== null && typeof objectAt === 'object' ? Object.keys(objectAt) : [];
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const schemaKeys = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const suggestion = closestMatch(key, schemaKeys);
      return `${where}: unknown key "${key}"; ${suggestion === undefined ? 'remove or rename it' : `did you mean "${suggestion}"?`}`;
    }
    case 'required': {
      const missing = String(params.missingProperty);
      const typo = keys.find((key) => closestMatch(key, [missing]) === missing);
      return `${where}: missing required key "${missing}"${typo === undefined ? '' : ` (is "${typo}" a misspelling of it?)`}`;
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const given = objectAt;
      const suggestion = typeof given === 'string' ? closestMatch(given, allowed) : undefined;
      return `${where} must be one of ${allowed.join(', ')}${suggestion === undefined ? '' : `; did you mean "${suggestion}"?`}`;
    }
    case 'minLength':
      return `${where} must be at least ${String(params.limit)} characters long`;
    case 'pattern':
      return parts[1] === 'id'
        ? `${where} must be lower-case words and digits joined by hyphens`
        : `${where} does not match ${String(params.pattern)}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}
