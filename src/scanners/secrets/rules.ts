/**
 * Loads the built-in secret rules (rules/secrets/*.yaml) and users' custom
 * rule files, validates them against schemas/secret-rule.schema.json and
 * compiles their patterns.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import ignore from 'ignore';
import { UsageError } from '../../core/errors.js';
import { loadAjv, loadYaml } from '../../core/lazy-require.js';
import { packageRoot } from '../../core/package-root.js';
import { readRuleFileText } from '../../core/rule-file.js';
import { unsafeRegexReason } from '../../core/regex-safety.js';
import type { SecretRuleSpec } from './rule-types.js';

export interface CompiledSecretRule extends SecretRuleSpec {
  /** `secrets/` followed by the rule id, as used in findings and configuration. */
  fullId: string;
  /** The pattern with flag `g`, plus `i` when the rule is case-insensitive. */
  regex: RegExp;
  /** The rule's `allow` expressions, compiled. */
  allowRegexes: RegExp[];
  /** Present when the rule has `paths`: whether a relative, `/`-separated path is searched. */
  pathFilter?: (path: string) => boolean;
}

/** A validated rule and the file label that error messages use for it. */
interface LoadedSpec {
  spec: SecretRuleSpec;
  label: string;
}

/**
 * Validated built-in rules. The first load takes about 0.4 s on a 2-core
 * machine (Node 20), mostly parsing 260 kB of YAML, so the specs are kept
 * for the life of the process (or worker). RegExp objects are still built
 * per call because a global RegExp carries lastIndex state.
 */
let builtinCache: LoadedSpec[] | undefined;
let validator: ValidateFunction | undefined;

/** Absolute paths of the built-in rule files, rules/secrets/*.yaml in the package, sorted. */
export function builtinRuleFiles(): string[] {
  const dir = join(packageRoot(), 'rules', 'secrets');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Load the built-in rules followed by the rules of `extraFiles` (custom rule
 * files in the same format). Throws UsageError naming the file and the rule
 * when a file cannot be read, is not valid YAML, breaks the schema, has a
 * pattern that JavaScript or ripgrep cannot run, or repeats a rule id.
 */
export function loadSecretRules(extraFiles: string[] = []): CompiledSecretRule[] {
  builtinCache ??= loadBuiltinSpecs();
  const custom = extraFiles.flatMap((file) => readRuleFile(resolve(file), file));
  for (const { spec, label } of custom) checkCustomRuleSafety(spec, label);
  const all = [...builtinCache, ...custom];

  const seen = new Map<string, string>();
  for (const { spec, label } of all) {
    const previous = seen.get(spec.id);
    if (previous !== undefined) {
      throw new UsageError(
        `${label}: rule "${spec.id}": duplicate id, already defined in ${previous}; ` +
          'rename one of them',
      );
    }
    seen.set(spec.id, label);
  }
  return all.map(({ spec }) => compileRule(spec));
}

/**
 * The built-in rules, from the bundle that the build writes when it matches
 * the YAML sources, else parsed and validated from the YAML. Parsing the
 * 260 kB of YAML takes about 0.3 s, which a pre-commit hook should not pay.
 */
function loadBuiltinSpecs(): LoadedSpec[] {
  const files = builtinRuleFiles();
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const bundle = readRuleBundle(rulesDigest(files, texts));
  if (bundle) return bundle;
  return files.flatMap((file, i) => parseRuleText(texts[i] as string, relative(packageRoot(), file)));
}

/** SHA-256 over the built-in rule files' names and contents. */
export function rulesDigest(files: string[], texts: string[]): string {
  const hash = createHash('sha256');
  files.forEach((file, i) => hash.update(`${basename(file)}\0${texts[i]}\0`));
  return hash.digest('hex');
}

/** Path of the bundle of validated built-in rules that `npm run build` writes. */
export function ruleBundlePath(): string {
  return join(packageRoot(), 'dist', 'rules', 'secrets.json');
}

interface RuleBundle {
  digest: string;
  rules: LoadedSpec[];
}

function readRuleBundle(digest: string): LoadedSpec[] | undefined {
  try {
    const bundle = JSON.parse(readFileSync(ruleBundlePath(), 'utf8')) as RuleBundle;
    return bundle.digest === digest ? bundle.rules : undefined;
  } catch {
    return undefined;
  }
}

/** Write the bundle of built-in rules, validated from the YAML sources. */
export function writeRuleBundle(): number {
  const files = builtinRuleFiles();
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const rules = files.flatMap((file, i) =>
    parseRuleText(texts[i] as string, relative(packageRoot(), file)),
  );
  const bundle: RuleBundle = { digest: rulesDigest(files, texts), rules };
  mkdirSync(dirname(ruleBundlePath()), { recursive: true });
  writeFileSync(ruleBundlePath(), JSON.stringify(bundle));
  return rules.length;
}

/** Largest search window a custom rule may ask for, in characters. */
const MAX_CUSTOM_SPAN = 16 * 1024;

/**
 * Custom rules come from the scanned repository's configuration, which may
 * be hostile. The built-in rules are checked with recheck in the test
 * suite; custom ones get a conservative static check at load time.
 */
function checkCustomRuleSafety(spec: SecretRuleSpec, label: string): void {
  const where = `${label}: rule "${spec.id}"`;
  for (const [what, source] of [['pattern', spec.pattern], ...(spec.allow ?? []).map((a) => ['allow entry', a])]) {
    const unsafe = unsafeRegexReason(source as string);
    if (unsafe) {
      throw new UsageError(`${where}: ${what} may take exponential time because ${unsafe}; simplify it`);
    }
  }
  if ((spec.maxSpan ?? 0) > MAX_CUSTOM_SPAN) {
    throw new UsageError(`${where}: maxSpan is ${spec.maxSpan}; custom rules may search at most ${MAX_CUSTOM_SPAN}`);
  }
}

function readRuleFile(path: string, label: string): LoadedSpec[] {
  return parseRuleText(readRuleFileText(path, label, 'secret rule file', MAX_RULE_FILE_BYTES), label);
}

/** Largest custom secret rule file read; the built-in rules together are 260 kB. */
const MAX_RULE_FILE_BYTES = 4 * 1024 * 1024;

function parseRuleText(text: string, label: string): LoadedSpec[] {
  let data: unknown;
  try {
    data = loadYaml().parse(text);
  } catch (error) {
    const first = (error as Error).message.split('\n')[0];
    throw new UsageError(`${label}: invalid YAML: ${first}`, { cause: error });
  }
  if (data === null || data === undefined) {
    throw new UsageError(`${label}: the file is empty; write a YAML list of rules`);
  }

  const validate = ruleFileValidator();
  if (!validate(data)) {
    const errors = (validate.errors ?? []).slice(0, 5).map((error) => describeError(error, data));
    throw new UsageError(`${label}: ${errors.join('; ')}`);
  }

  const specs = data as SecretRuleSpec[];
  for (const spec of specs) checkPatterns(spec, label);
  return specs.map((spec) => ({ spec, label }));
}

function ruleFileValidator(): ValidateFunction {
  if (validator) return validator;
  const schemaFile = join(packageRoot(), 'schemas', 'secret-rule.schema.json');
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as object;
  const { Ajv } = loadAjv();
  validator = new Ajv({ allErrors: true, logger: false }).compile(schema);
  return validator;
}

/** Turn one ajv error into `rule "id": what is wrong; what to do`. */
function describeError(error: ErrorObject, data: unknown): string {
  const parts = error.instancePath.split('/').slice(1);
  if (parts.length === 0) return 'a secret rule file must be a YAML list of rules';

  const index = Number(parts[0]);
  const rule = (data as unknown[])[index] as Record<string, unknown> | undefined;
  const name = typeof rule?.id === 'string' ? `rule "${rule.id}"` : `rule #${index + 1}`;
  const key = parts.slice(1).join('.');
  const where = key === '' ? name : `${name}: ${key}`;
  const params = error.params as Record<string, unknown>;

  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: unknown key "${String(params.additionalProperty)}"; remove or rename it`;
    case 'required':
      return `${where}: missing required key "${String(params.missingProperty)}"`;
    case 'enum':
      return `${where} must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'pattern':
      return `${where} ${patternHint(parts)}`;
    case 'type':
      return `${where} must be ${describeType(String(params.type))}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

function patternHint(parts: string[]): string {
  switch (parts[1]) {
    case 'id':
      return 'must be kebab-case: lower-case letters and digits joined by single hyphens';
    case 'keywords':
      return 'must be printable ASCII; the keyword prefilter matches ASCII only';
    case 'cwe':
      return 'must be a CWE id such as CWE-798';
    case 'references':
      return 'must be an http or https URL';
    default:
      return 'has an invalid format';
  }
}

function describeType(type: string): string {
  const names: Record<string, string> = {
    string: 'a string',
    boolean: 'true or false',
    integer: 'a whole number',
    number: 'a number',
    array: 'a list',
    object: 'a mapping',
  };
  return names[type] ?? type;
}

/** Constructs that JavaScript accepts but ripgrep's regex engine rejects or the rules avoid. */
const UNPORTABLE: Array<[RegExp, string]> = [
  [/^\(\?[=!]/, 'a lookahead'],
  [/^\(\?<[=!]/, 'a lookbehind'],
  [/^\(\?<[A-Za-z]/, 'a named group'],
  [/^\(\?[A-Za-z-]+[:)]/, 'inline flags (use caseInsensitive: true instead)'],
  [/^\\[1-9]/, 'a backreference'],
  [/^\\k</, 'a named backreference'],
];

/** Find the first unportable construct outside character classes, if any. */
export function unportableConstruct(pattern: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (!inClass && (char === '(' || char === '\\')) {
      const rest = pattern.slice(i, i + 4);
      const hit = UNPORTABLE.find(([test]) => test.test(rest));
      if (hit) return `${hit[1]} "${rest}"`;
    }
    if (char === '\\') i++;
    else if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
  }
  return undefined;
}

function checkPatterns(spec: SecretRuleSpec, label: string): void {
  const where = `${label}: rule "${spec.id}"`;
  const regex = compileOrThrow(spec.pattern, flagsOf(spec), `${where}: pattern`);

  const unportable = unportableConstruct(spec.pattern);
  if (unportable) {
    throw new UsageError(
      `${where}: pattern uses ${unportable}, which ripgrep's regex engine does not support; ` +
        'rewrite the pattern without it',
    );
  }
  if (regex.test('')) {
    throw new UsageError(`${where}: pattern matches the empty string; make it require a token`);
  }

  const groups = (new RegExp(`${spec.pattern}|`).exec('') ?? []).length - 1;
  if ((spec.secretGroup ?? 0) > groups) {
    throw new UsageError(
      `${where}: secretGroup is ${spec.secretGroup} but the pattern has ${groups} capture groups`,
    );
  }
  for (const allow of spec.allow ?? []) compileOrThrow(allow, '', `${where}: allow entry`);
}

function compileOrThrow(source: string, flags: string, what: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    // V8 messages read "Invalid regular expression: /src/flags: reason".
    const reason = (error as Error).message.split(': ').at(-1);
    throw new UsageError(`${what} is not a valid regular expression (${reason}); fix the pattern`, {
      cause: error,
    });
  }
}

function flagsOf(spec: SecretRuleSpec): string {
  return spec.caseInsensitive ? 'gi' : 'g';
}

function compileRule(spec: SecretRuleSpec): CompiledSecretRule {
  const compiled: CompiledSecretRule = {
    ...spec,
    fullId: `secrets/${spec.id}`,
    regex: new RegExp(spec.pattern, flagsOf(spec)),
    allowRegexes: (spec.allow ?? []).map((source) => new RegExp(source)),
  };
  if (spec.paths) compiled.pathFilter = pathMatcher(spec.paths);
  return compiled;
}

/** Match relative paths against gitignore-style patterns. */
function pathMatcher(patterns: string[]): (path: string) => boolean {
  const matcher = ignore().add(patterns);
  return (path) => {
    const normalized = path.replace(/^(?:\.\/)+|^\/+/, '');
    return normalized !== '' && matcher.ignores(normalized);
  };
}
