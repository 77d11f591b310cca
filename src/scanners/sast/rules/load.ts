/**
 * Reads sast rules written in the Semgrep rule syntax (the subset
 * formula.ts evaluates), so that rules a team already has load unchanged.
 * Anything outside that subset is rejected with the rule id and the key,
 * never ignored: a key the engine skipped would silently widen a rule.
 */
import type { Severity } from '../../../core/finding.js';
import { UsageError } from '../../../core/errors.js';
import { loadYaml } from '../../../core/lazy-require.js';
import { countUnboundedRepetitions, MAX_SMALL_BOUND, unsafeRegexReason } from '../../../core/regex-safety.js';
import type { SastLanguage } from '../languages.js';
import type { Formula, Term } from './formula.js';

export interface SastRule {
  id: string;
  /**
   * Short title for reports. Semgrep rules have none, so it defaults to the
   * message's first sentence, with metavariables written as `<NAME>`.
   */
  title: string;
  message: string;
  /** How to fix it, from `metadata.remediation` or `fix-advice`. */
  remediation?: string;
  severity: Severity;
  confidence: 'high' | 'medium' | 'low';
  languages: SastLanguage[];
  /** Search mode: what the rule matches. Absent in taint mode. */
  formula?: Formula;
  /** Taint mode: values from `sources` reaching `sinks` unless they pass a sanitizer. */
  taint?: { sources: Formula[]; sinks: Formula[]; sanitizers: Formula[]; propagators: Propagator[] };
  cwe: string[];
  owasp: string[];
  references: string[];
  /** Relative path of the rule file, or `built-in`. */
  source: string;
}

/** A propagator: where code matching `formula` runs, taint of metavariable `from` moves to metavariable `to`. */
export interface Propagator {
  formula: Formula;
  from: string;
  to: string;
}

const RULE_KEYS = new Set([
  'id', 'message', 'severity', 'languages', 'metadata', 'pattern', 'patterns', 'pattern-either', 'pattern-regex', 'mode', 'options', 'paths', 'fix', 'min-version',
  'pattern-sources', 'pattern-sinks', 'pattern-sanitizers', 'pattern-propagators',
]);
const FORMULA_KEYS = ['pattern', 'patterns', 'pattern-either'];
const TERM_KEYS = new Set([
  'pattern', 'patterns', 'pattern-either', 'pattern-not', 'pattern-inside', 'pattern-not-inside',
  'metavariable-regex', 'metavariable-pattern', 'focus-metavariable',
]);

const LANGUAGE_NAMES: Record<string, SastLanguage[]> = {
  javascript: ['javascript'],
  js: ['javascript'],
  typescript: ['typescript', 'tsx'],
  ts: ['typescript', 'tsx'],
  python: ['python'],
  python3: ['python'],
  py: ['python'],
};

const SEVERITIES: Record<string, Severity> = {
  ERROR: 'high',
  WARNING: 'medium',
  INFO: 'low',
  CRITICAL: 'critical',
  HIGH: 'high',
  MEDIUM: 'medium',
  LOW: 'low',
};

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Max unbounded repetitions in a custom rule's `metavariable-regex`. With
 * two, backtracking grows with the square of the text, which formula.ts
 * cuts at 4,096 characters: `^a*a*c` then takes about 12 ms, and
 * `^a*a*a*c` about 16 s (measured once with Node 20 on a shared x86 VM).
 * Built-in rules are reviewed instead and are not held to this count.
 */
const MAX_CUSTOM_UNBOUNDED = 2;

class RuleReader {
  constructor(
    private readonly label: string,
    private readonly id: string,
    /** Whether the rule comes from a rule file outside Rampart, which a scanned repository may ship. */
    private readonly custom: boolean,
  ) {}

  fail(where: string, problem: string): never {
    throw new UsageError(`${this.label}: rule "${this.id}": ${where}: ${problem}`);
  }

  formula(value: unknown, key: string, where: string, depth: number): Formula {
    if (depth > 32) this.fail(where, 'patterns are nested more than 32 deep');
    if (key === 'pattern') {
      if (typeof value !== 'string' || value.trim() === '') this.fail(where, 'pattern must be a non-empty string of code');
      return { kind: 'pattern', source: value };
    }
    if (key === 'pattern-either') {
      if (!Array.isArray(value) || value.length === 0) this.fail(where, 'pattern-either must be a non-empty list');
      return { kind: 'either', formulas: value.map((item, index) => this.eitherItem(item, `${where}[${index}]`, depth + 1)) };
    }
    if (!Array.isArray(value) || value.length === 0) this.fail(where, 'patterns must be a non-empty list');
    return { kind: 'all', terms: value.map((item, index) => this.term(item, `${where}[${index}]`, depth + 1)) };
  }

  /** Reads an item of pattern-either: a mapping with one formula key. */
  single(item: unknown, where: string, depth: number): Formula {
    if (!isObject(item)) this.fail(where, 'must be a mapping such as {pattern: ...}');
    const keys = Object.keys(item);
    const key = keys[0];
    if (keys.length !== 1 || key === undefined || !FORMULA_KEYS.includes(key)) {
      this.fail(where, `must have exactly one of ${FORMULA_KEYS.join(', ')}; found ${keys.join(', ') || 'nothing'}`);
    }
    return this.formula(item[key], key, `${where}.${key}`, depth);
  }

  /**
   * Reads an item of pattern-either. Besides a formula key, Semgrep accepts
   * `pattern-inside` here, whose matches then serve as contexts, but rejects
   * the negations `pattern-not` and `pattern-not-inside`.
   */
  eitherItem(item: unknown, where: string, depth: number): Formula {
    if (isObject(item) && Object.keys(item).length === 1) {
      const key = Object.keys(item)[0] as string;
      const at = `${where}.${key}`;
      if (key === 'pattern-inside') return { kind: 'all', terms: [{ kind: 'inside', formula: this.nested(item[key], at, depth) }] };
      if (key === 'pattern-not' || key === 'pattern-not-inside') {
        this.fail(at, `is not allowed in pattern-either, because a negation there would match almost everything; move it to the enclosing patterns`);
      }
    }
    return this.single(item, where, depth);
  }

  term(item: unknown, where: string, depth: number): Term {
    if (!isObject(item)) this.fail(where, 'must be a mapping such as {pattern-not: ...}');
    const keys = Object.keys(item);
    const key = keys[0] as string;
    if (keys.length !== 1) this.fail(where, `must have one key; found ${keys.join(', ') || 'nothing'}`);
    if (!TERM_KEYS.has(key)) this.fail(`${where}.${key}`, `unsupported operator; Rampart reads ${[...TERM_KEYS].join(', ')}`);
    const value = item[key];
    const at = `${where}.${key}`;
    switch (key) {
      case 'pattern':
      case 'patterns':
      case 'pattern-either':
        return { kind: 'positive', formula: this.formula(value, key, at, depth) };
      case 'pattern-not':
        return { kind: 'not', formula: this.nested(value, at, depth) };
      case 'pattern-inside':
        return { kind: 'inside', formula: this.nested(value, at, depth) };
      case 'pattern-not-inside':
        return { kind: 'not-inside', formula: this.nested(value, at, depth) };
      case 'focus-metavariable':
        return { kind: 'focus', metavariable: this.metavariable(value, at) };
      case 'metavariable-regex': {
        if (!isObject(value)) this.fail(at, 'must be a mapping with metavariable and regex');
        const regex = value.regex;
        if (typeof regex !== 'string') this.fail(`${at}.regex`, 'must be a regular expression written as a string');
        const { body, flags } = this.regexFlags(regex, `${at}.regex`);
        // A regex that does not compile gets that error, not the slow-regex one safe-regex2 gives it.
        try {
          new RegExp(body, flags);
        } catch (error) {
          this.fail(`${at}.regex`, `invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`);
        }
        const unsafe = unsafeRegexReason(body);
        if (unsafe) this.fail(`${at}.regex`, `may take exponential time because ${unsafe}; simplify it`);
        const unbounded = countUnboundedRepetitions(body);
        if (this.custom && unbounded > MAX_CUSTOM_UNBOUNDED) {
          this.fail(
            `${at}.regex`,
            `has ${unbounded} unbounded repetitions (*, +, {n,} or a bound over ${MAX_SMALL_BOUND}), which can take minutes on a long name; a custom rule may have ${MAX_CUSTOM_UNBOUNDED}, so bound the others to ${MAX_SMALL_BOUND} or fewer ({0,${MAX_SMALL_BOUND}})`,
          );
        }
        let compiled: RegExp;
        try {
          // Semgrep anchors metavariable-regex at the start of the text.
          compiled = new RegExp(`^(?:${body})`, flags);
        } catch (error) {
          this.fail(`${at}.regex`, `invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`);
        }
        return { kind: 'metavariable-regex', metavariable: this.metavariable(value.metavariable, `${at}.metavariable`), regex: compiled };
      }
      default: {
        // metavariable-pattern
        if (!isObject(value)) this.fail(at, 'must be a mapping with metavariable and a pattern');
        const inner = FORMULA_KEYS.filter((formulaKey) => value[formulaKey] !== undefined);
        if (inner.length !== 1) this.fail(at, `needs exactly one of ${FORMULA_KEYS.join(', ')}`);
        const formulaKey = inner[0] as string;
        return {
          kind: 'metavariable-pattern',
          metavariable: this.metavariable(value.metavariable, `${at}.metavariable`),
          formula: this.formula(value[formulaKey], formulaKey, `${at}.${formulaKey}`, depth + 1),
        };
      }
    }
  }

  /**
   * Splits the PCRE inline flags that Semgrep rules write at the start of a
   * regex (`(?i)`, `(?s)`, `(?m)`, or several, as in `(?is)`) into
   * JavaScript flags. Node 20 rejects every inline flag group as an invalid
   * group, so any other one is rejected here, with the rule named.
   */
  regexFlags(regex: string, where: string): { body: string; flags: string } {
    const leading = /^\(\?([a-zA-Z]+)\)/.exec(regex);
    let flags = '';
    let body = regex;
    if (leading !== null) {
      const letters = leading[1] as string;
      for (const letter of letters) {
        if (letter !== 'i' && letter !== 's' && letter !== 'm') {
          this.fail(where, `the inline flag (?${letter}) is not supported; only a leading (?i), (?s) or (?m) is`);
        }
        if (!flags.includes(letter)) flags += letter;
      }
      body = regex.slice(leading[0].length);
    }
    const { translated, inline } = translateGroups(body);
    if (inline !== undefined) {
      this.fail(where, `the inline flag group ${inline} is not supported; only a leading (?i), (?s) or (?m) is, so rewrite the regex without it`);
    }
    return { body: translated, flags };
  }

  /** Reads the value of pattern-not and its kin: a pattern string, or a mapping with one formula key. */
  nested(value: unknown, where: string, depth: number): Formula {
    if (typeof value === 'string') return this.formula(value, 'pattern', where, depth);
    return this.single(value, where, depth);
  }

  metavariable(value: unknown, where: string): string {
    if (typeof value !== 'string' || !/^\$[A-Z_][A-Z0-9_]*$/.test(value)) this.fail(where, 'must name a metavariable such as $X');
    return value;
  }
}

/**
 * Rewrites the PCRE named groups of a regex, `(?P<name>...)` and
 * `(?P=name)`, into JavaScript's `(?<name>...)` and `\k<name>`, and finds
 * the first inline flag group such as `(?i)`, `(?-i)` or `(?i:...)`.
 * Escapes and character classes are left as they are.
 */
function translateGroups(regex: string): { translated: string; inline?: string } {
  let translated = '';
  let inClass = false;
  for (let i = 0; i < regex.length; i++) {
    const char = regex[i] as string;
    if (char === '\\') {
      translated += regex.slice(i, i + 2);
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      translated += char;
      continue;
    }
    if (char === '[') inClass = true;
    if (char === '(' && regex[i + 1] === '?') {
      const rest = regex.slice(i);
      const named = /^\(\?P<(?=[A-Za-z_])/.exec(rest);
      const reference = /^\(\?P=([A-Za-z_]\w*)\)/.exec(rest);
      if (named !== null) {
        translated += '(?<';
        i += named[0].length - 1;
        continue;
      }
      if (reference !== null) {
        translated += `\\k<${reference[1] as string}>`;
        i += reference[0].length - 1;
        continue;
      }
      const group = /^\(\?[a-zA-Z]*(?:-[a-zA-Z]+)?[:)]/.exec(rest);
      // `(?:` alone is a plain non-capturing group.
      if (group !== null && group[0] !== '(?:') return { translated, inline: group[0] };
    }
    translated += char;
  }
  return { translated };
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

const METAVARIABLE = /^\$[A-Z_][A-Z0-9_]*$/;

/** A metavariable as messages quote it, the same expression run.ts fills in findings. */
const METAVARIABLE_IN_TEXT = /\$[A-Z_][A-Z0-9_]*/g;

/** A metavariable in pattern code; `$...ARGS` and a `$` inside an identifier (`a$B`) are not one. */
const METAVARIABLE_IN_PATTERN = /(?<![\w$])\$[A-Z_][A-Z0-9_]*(?![\w$])/g;

/**
 * Adds to `into` the metavariables that the patterns of `formula` can
 * bind: those of positive patterns, `pattern-inside` and
 * `metavariable-pattern`. Negated patterns bind nothing.
 */
function collectBoundMetavariables(formula: Formula, into: Set<string>): Set<string> {
  if (formula.kind === 'pattern') {
    for (const name of formula.source.match(METAVARIABLE_IN_PATTERN) ?? []) into.add(name);
  } else if (formula.kind === 'either') {
    for (const part of formula.formulas) collectBoundMetavariables(part, into);
  } else {
    for (const term of formula.terms) {
      if (term.kind === 'positive' || term.kind === 'inside' || term.kind === 'metavariable-pattern') collectBoundMetavariables(term.formula, into);
    }
  }
  return into;
}

/** Collects the metavariables that any pattern of the rule can bind. */
function ruleMetavariables(rule: Pick<SastRule, 'formula' | 'taint'>): Set<string> {
  const taint = rule.taint;
  const formulas = [
    ...(rule.formula === undefined ? [] : [rule.formula]),
    ...(taint?.sources ?? []),
    ...(taint?.sinks ?? []),
    ...(taint?.sanitizers ?? []),
    ...(taint?.propagators ?? []).map((propagator) => propagator.formula),
  ];
  const names = new Set<string>();
  for (const formula of formulas) collectBoundMetavariables(formula, names);
  return names;
}

const TERM_KEY: Partial<Record<Term['kind'], string>> = {
  focus: 'focus-metavariable',
  'metavariable-regex': 'metavariable-regex',
  'metavariable-pattern': 'metavariable-pattern',
};

/** Finds a focus-metavariable, metavariable-regex or metavariable-pattern naming a metavariable no pattern of the rule binds. */
function unboundMetavariable(rule: Pick<SastRule, 'formula' | 'taint'>): { key: string; name: string } | undefined {
  const taint = rule.taint;
  const stack: Formula[] = [
    ...(rule.formula === undefined ? [] : [rule.formula]),
    ...(taint?.sources ?? []),
    ...(taint?.sinks ?? []),
    ...(taint?.sanitizers ?? []),
    ...(taint?.propagators ?? []).map((propagator) => propagator.formula),
  ];
  // Any pattern of the rule counts, negative ones included: a metavariable-regex inside a
  // pattern-not-inside filters the metavariables of that pattern.
  const bound = new Set<string>();
  const checks: Array<{ key: string; name: string }> = [];
  while (stack.length > 0) {
    const formula = stack.pop() as Formula;
    if (formula.kind === 'pattern') for (const name of formula.source.match(METAVARIABLE_IN_PATTERN) ?? []) bound.add(name);
    if (formula.kind === 'either') stack.push(...formula.formulas);
    if (formula.kind !== 'all') continue;
    for (const term of formula.terms) {
      if ('formula' in term) stack.push(term.formula);
      const key = TERM_KEY[term.kind];
      if (key !== undefined && 'metavariable' in term) checks.push({ key, name: term.metavariable });
    }
  }
  return checks.find((check) => !bound.has(check.name));
}

/**
 * Returns the rule's message for a listing that shows no code: each
 * metavariable the rule binds (`$DB`) becomes a placeholder (`<DB>`).
 * Other `$` words, such as MongoDB's `$where`, stay as written.
 */
export function messageWithPlaceholders(rule: Pick<SastRule, 'message' | 'formula' | 'taint'>): string {
  const bound = ruleMetavariables(rule);
  return rule.message.replace(METAVARIABLE_IN_TEXT, (name) => (bound.has(name) ? `<${name.slice(1)}>` : name));
}

const PROPAGATOR_KEYS = new Set([...FORMULA_KEYS, 'from', 'to']);

/**
 * Reads `pattern-propagators`: items of one formula key plus `from` and
 * `to`, two metavariables that the item's pattern binds.
 */
function propagators(reader: RuleReader, value: unknown): Propagator[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length === 0) return reader.fail('pattern-propagators', 'must be a non-empty list of {pattern, from, to}');
  return value.map((item, position) => {
    const where = `pattern-propagators[${position}]`;
    if (!isObject(item)) return reader.fail(where, 'must be a mapping such as {pattern: ..., from: $X, to: $Y}');
    for (const key of Object.keys(item)) {
      if (!PROPAGATOR_KEYS.has(key)) reader.fail(`${where}.${key}`, `is not supported; a propagator has one of ${FORMULA_KEYS.join(', ')}, plus from and to`);
    }
    const { from, to, ...rest } = item;
    for (const [key, name] of [['from', from], ['to', to]] as const) {
      if (typeof name !== 'string' || !METAVARIABLE.test(name)) reader.fail(`${where}.${key}`, 'must be a metavariable such as $X');
    }
    const formula = reader.single(rest, where, 1);
    const bound = collectBoundMetavariables(formula, new Set());
    for (const [key, name] of [['from', from], ['to', to]] as const) {
      if (!bound.has(name as string)) {
        reader.fail(`${where}.${key}`, `${name as string} does not appear in the propagator's pattern, so it never binds; use a metavariable of the pattern`);
      }
    }
    return { formula, from: from as string, to: to as string };
  });
}

export function parseSastRules(text: string, label: string, source = label): SastRule[] {
  return readSastRules(parseSastYaml(text, label), label, source);
}

/** Parses a rule file's YAML; the result is plain data, which the build bundles as JSON. */
export function parseSastYaml(text: string, label: string): unknown {
  try {
    return loadYaml().parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new UsageError(`${label}: invalid YAML: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}

/** Reads and checks the rules of a parsed rule file; `label` names it in errors. */
export function readSastRules(data: unknown, label: string, source = label): SastRule[] {
  if (!isObject(data) || !Array.isArray(data.rules)) throw new UsageError(`${label}: a sast rule file is a mapping with a "rules" list`);
  return data.rules.map((rule: unknown, index: number): SastRule => {
    if (!isObject(rule)) throw new UsageError(`${label}: rules[${index}] must be a mapping`);
    const id = typeof rule.id === 'string' ? rule.id : `#${index + 1}`;
    const reader = new RuleReader(label, id, source !== 'built-in');
    if (typeof rule.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(rule.id)) reader.fail('id', 'must be letters, digits, dots, hyphens and underscores');
    for (const key of Object.keys(rule)) {
      if (!RULE_KEYS.has(key)) reader.fail(key, `unknown key; a rule has ${[...RULE_KEYS].join(', ')}`);
    }
    for (const key of ['pattern-regex', 'options', 'paths', 'fix']) {
      if (rule[key] !== undefined) reader.fail(key, 'is not supported yet; remove it or rewrite the rule with patterns');
    }
    const mode = rule.mode ?? 'search';
    if (mode !== 'search' && mode !== 'taint') reader.fail('mode', `"${String(mode)}" is not supported; use search or taint`);
    const taintKeys = ['pattern-sources', 'pattern-sinks', 'pattern-sanitizers'].filter((key) => rule[key] !== undefined);
    if (mode === 'search' && taintKeys.length > 0) reader.fail(taintKeys[0] as string, 'needs mode: taint');
    if (typeof rule.message !== 'string' || rule.message.trim() === '') reader.fail('message', 'is required');
    const severity: Severity | undefined = typeof rule.severity === 'string' ? SEVERITIES[rule.severity.toUpperCase()] : undefined;
    if (severity === undefined) return reader.fail('severity', `must be one of ERROR, WARNING, INFO (or ${Object.keys(SEVERITIES).slice(3).join(', ')})`);
    const languageNames = strings(rule.languages);
    if (languageNames.length === 0) reader.fail('languages', 'must list javascript, typescript or python');
    const languages = [...new Set(languageNames.flatMap((name): SastLanguage[] => {
      const mapped = LANGUAGE_NAMES[name.toLowerCase()];
      return mapped ?? reader.fail('languages', `"${name}" is not supported; use javascript, typescript or python`);
    }))];
    let formula: Formula | undefined;
    let taint: SastRule['taint'];
    if (mode === 'taint') {
      const list = (key: string, required: boolean): Formula[] => {
        const value = rule[key];
        if (value === undefined && !required) return [];
        if (!Array.isArray(value) || value.length === 0) return reader.fail(key, 'must be a non-empty list of patterns');
        return value.map((item, position) => reader.single(item, `${key}[${position}]`, 1));
      };
      if (FORMULA_KEYS.some((key) => rule[key] !== undefined)) reader.fail('pattern', 'a taint rule uses pattern-sources and pattern-sinks instead');
      taint = {
        sources: list('pattern-sources', true),
        sinks: list('pattern-sinks', true),
        sanitizers: list('pattern-sanitizers', false),
        propagators: propagators(reader, rule['pattern-propagators']),
      };
    } else {
      const formulaKeys = FORMULA_KEYS.filter((key) => rule[key] !== undefined);
      if (formulaKeys.length !== 1) reader.fail('pattern', `a rule needs exactly one of ${FORMULA_KEYS.join(', ')}`);
      const formulaKey = formulaKeys[0] as string;
      formula = reader.formula(rule[formulaKey], formulaKey, formulaKey, 0);
    }
    const unbound = unboundMetavariable({ formula, taint });
    if (unbound !== undefined) reader.fail(unbound.key, `${unbound.name} is not bound by any pattern of the rule, so it never matches; use a metavariable that a pattern binds`);
    const metadata = isObject(rule.metadata) ? rule.metadata : {};
    const confidence = typeof metadata.confidence === 'string' ? metadata.confidence.toLowerCase() : 'medium';
    const message = rule.message as string;
    const readable = messageWithPlaceholders({ message, formula, taint });
    const title = typeof metadata.title === 'string' ? metadata.title : (readable.split(/(?<=[.!?])\s/)[0] ?? readable).replace(/\s+/g, ' ').trim().slice(0, 120);
    return {
      id,
      title,
      ...(typeof metadata.remediation === 'string' ? { remediation: metadata.remediation } : {}),
      message,
      severity,
      confidence: confidence === 'high' || confidence === 'low' ? confidence : 'medium',
      languages,
      ...(formula === undefined ? {} : { formula }),
      ...(taint === undefined ? {} : { taint }),
      cwe: strings(metadata.cwe).map((cwe) => /^CWE-\d+/.exec(cwe)?.[0] ?? cwe),
      owasp: strings(metadata.owasp),
      references: strings(metadata.references),
      source,
    };
  });
}
