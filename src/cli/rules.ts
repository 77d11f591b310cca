/**
 * `rampart rules`: lists the rules of the rule-driven scanners (iac, sast,
 * secrets, supply-chain) with the configuration's disabled rules and
 * severity overrides applied. For one rule it explains why it matters and
 * how to fix it with a corrected snippet. It also gives the rule's CWE,
 * compliance controls, references and the ids other tools give it.
 */
import { resolve } from 'node:path';
import { effectiveSeverity, isRuleEnabled, loadConfig, matchesRulePattern } from '../core/config.js';
import type { RampartConfig } from '../core/config-types.js';
import { UsageError } from '../core/errors.js';
import { atOrAbove, SEVERITIES, type Severity } from '../core/finding.js';
import { loadIacRules } from '../scanners/iac/rules/load.js';
import { loadSastRules } from '../scanners/sast/rules/builtin.js';
import { messageWithPlaceholders } from '../scanners/sast/rules/load.js';
import { loadSecretRules } from '../scanners/secrets/rules.js';
import { SIGNAL_RULES } from '../scanners/supply-chain/rules.js';
import type { CliIo } from './io.js';

export interface RuleInfo {
  id: string;
  scanner: 'iac' | 'sast' | 'secrets' | 'supply-chain';
  title: string;
  /** Undefined for supply-chain signals, whose severity depends on the package. */
  severity?: Severity;
  /** The severity rampart.yaml gives it, when it differs. */
  configuredSeverity?: Severity;
  enabled: boolean;
  group: string;
  rationale?: string;
  remediation?: string;
  snippet?: string;
  cwe: string[];
  controls: Record<string, string[]>;
  references: string[];
  aliases: string[];
  /** Formats and types the rule judges, such as `terraform: aws_s3_bucket`. */
  applies: string[];
  source: string;
}

export interface RulesFlags {
  scanner?: string;
  provider?: string;
  severity?: string;
  format: 'table' | 'json' | 'markdown';
  config?: string;
}

const SCANNERS = ['iac', 'sast', 'secrets', 'supply-chain'] as const;

function iacRules(config: RampartConfig): RuleInfo[] {
  const base = config.source === undefined ? undefined : resolve(config.source, '..');
  return loadIacRules(config.iac.customRules, base).map((rule) => ({
    id: rule.fullId,
    scanner: 'iac',
    title: rule.title,
    severity: rule.severity,
    enabled: true,
    group: rule.provider,
    rationale: rule.rationale,
    remediation: rule.remediation.text,
    snippet: rule.remediation.snippet,
    cwe: rule.cwe,
    controls: rule.controls,
    references: rule.references,
    aliases: rule.aliases ?? [],
    applies: rule.match.flatMap((match) => {
      const formats = match.format === undefined ? ['any format'] : Array.isArray(match.format) ? match.format : [match.format];
      const types = Array.isArray(match.type) ? match.type : [match.type];
      return formats.map((format) => `${format}: ${types.join(', ')}`);
    }),
    source: rule.source,
  }));
}

function owaspControls(categories: string[]): Record<string, string[]> {
  return categories.length > 0 ? { owasp: categories } : {};
}

function sastRules(config: RampartConfig): RuleInfo[] {
  const base = config.source === undefined ? undefined : resolve(config.source, '..');
  return loadSastRules(config.sast.customRules, base).map((rule) => ({
    id: `sast/${rule.id}`,
    scanner: 'sast',
    title: rule.title,
    severity: rule.severity,
    enabled: true,
    group: rule.languages.join(', '),
    rationale: messageWithPlaceholders(rule),
    ...(rule.remediation === undefined ? {} : { remediation: rule.remediation }),
    cwe: rule.cwe,
    controls: owaspControls(rule.owasp),
    references: rule.references,
    aliases: [],
    applies: rule.languages.map((language) => `${language}${rule.taint === undefined ? '' : ' (taint)'}`),
    source: rule.source,
  }));
}

function secretRules(config: RampartConfig): RuleInfo[] {
  return loadSecretRules(config.secrets.customRules).map((rule) => ({
    id: rule.fullId,
    scanner: 'secrets',
    title: rule.title,
    severity: rule.severity,
    enabled: true,
    group: rule.family,
    rationale: rule.description,
    ...(rule.remediation === undefined ? {} : { remediation: rule.remediation }),
    cwe: rule.cwe ?? [],
    controls: {},
    references: rule.references ?? [],
    aliases: [],
    applies: ['any text file'],
    source: 'built-in',
  }));
}

function supplyChainRules(): RuleInfo[] {
  return Object.entries(SIGNAL_RULES).map(([id, rule]) => ({
    id: `supply-chain/${id}`,
    scanner: 'supply-chain',
    title: rule.title,
    enabled: true,
    group: 'packages',
    remediation: rule.remediation,
    cwe: rule.cwe,
    controls: {},
    references: rule.references,
    aliases: [],
    applies: ['npm and PyPI packages'],
    source: 'built-in',
  }));
}

/** Lists every rule of the rule-driven scanners, with rampart.yaml's rule settings applied. */
export function allRules(config: RampartConfig): RuleInfo[] {
  const rules = [...iacRules(config), ...sastRules(config), ...secretRules(config), ...supplyChainRules()];
  for (const rule of rules) {
    rule.enabled = isRuleEnabled(config, rule.id);
    if (rule.severity !== undefined) {
      const configured = effectiveSeverity(config, rule.id, rule.severity);
      if (configured !== rule.severity) rule.configuredSeverity = configured;
    }
  }
  return rules;
}

/** Finds rules by full id, short id, alias (CKV_AWS_20) or a pattern with `*`. */
export function selectRules(rules: readonly RuleInfo[], query: string): RuleInfo[] {
  if (query.includes('*')) return rules.filter((rule) => matchesRulePattern(query, rule.id) || matchesRulePattern(query, shortId(rule.id)));
  const lower = query.toLowerCase();
  return rules.filter(
    (rule) =>
      rule.id === query ||
      shortId(rule.id) === query ||
      rule.aliases.some((alias) => alias.toLowerCase() === lower),
  );
}

function shortId(id: string): string {
  return id.slice(id.indexOf('/') + 1);
}

/** Returns the groups a rule belongs to: its provider, or each language of a sast rule. */
function groupsOf(rule: RuleInfo): string[] {
  return rule.group.split(', ');
}

function filterRules(rules: RuleInfo[], flags: RulesFlags): RuleInfo[] {
  let selected = rules;
  if (flags.scanner !== undefined) {
    if (!(SCANNERS as readonly string[]).includes(flags.scanner)) {
      throw new UsageError(`--scanner ${flags.scanner}: no rules; use one of ${SCANNERS.join(', ')}`);
    }
    selected = selected.filter((rule) => rule.scanner === flags.scanner);
  }
  if (flags.provider !== undefined) {
    const provider = flags.provider.toLowerCase();
    const groups = [...new Set(rules.flatMap(groupsOf))].sort();
    if (!groups.includes(provider)) throw new UsageError(`--provider ${flags.provider}: no rules; use one of ${groups.join(', ')}`);
    selected = selected.filter((rule) => groupsOf(rule).includes(provider));
  }
  if (flags.severity !== undefined) {
    const minimum = flags.severity as Severity;
    if (!(SEVERITIES as readonly string[]).includes(minimum)) {
      throw new UsageError(`--severity ${flags.severity}: use one of ${SEVERITIES.join(', ')}`);
    }
    selected = selected.filter((rule) => rule.severity !== undefined && atOrAbove(rule.configuredSeverity ?? rule.severity, minimum));
  }
  return selected;
}

function severityText(rule: RuleInfo): string {
  if (rule.severity === undefined) return 'varies';
  return rule.configuredSeverity === undefined ? rule.severity : `${rule.configuredSeverity} (was ${rule.severity})`;
}

function table(rules: readonly RuleInfo[]): string {
  const rows = rules.map((rule) => [rule.id, severityText(rule), rule.group, `${rule.title}${rule.enabled ? '' : ' [disabled]'}`]);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => (row[column] as string).length), 4));
  const lines = rows.map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column] as number) : cell)).join('  '));
  const counts = SCANNERS.map((scanner) => [scanner, rules.filter((rule) => rule.scanner === scanner).length] as const)
    .filter(([, count]) => count > 0)
    .map(([scanner, count]) => `${count} ${scanner}`);
  const disabled = rules.filter((rule) => !rule.enabled).length;
  const footer = `${rules.length} rules (${counts.join(', ')})${disabled > 0 ? `, ${disabled} disabled by rampart.yaml` : ''}`;
  return `${[...lines, '', footer, 'Explain one: rampart rules ID'].join('\n')}\n`;
}

function explain(rule: RuleInfo): string {
  const lines = [`${rule.id}: ${rule.title}`, ''];
  lines.push(`Severity:   ${severityText(rule)}${rule.enabled ? '' : ' (disabled by rampart.yaml)'}`);
  lines.push(`Scanner:    ${rule.scanner} (${rule.group})`);
  if (rule.applies.length > 0) lines.push(`Applies to: ${rule.applies.join('; ')}`);
  if (rule.cwe.length > 0) lines.push(`CWE:        ${rule.cwe.join(', ')}`);
  const controls = Object.entries(rule.controls);
  if (controls.length > 0) lines.push('Controls:', ...controls.map(([framework, ids]) => `  ${framework}: ${ids.join(', ')}`));
  if (rule.aliases.length > 0) lines.push(`Also known as: ${rule.aliases.join(', ')}`);
  if (rule.source !== 'built-in') lines.push(`Defined in: ${rule.source}`);
  if (rule.rationale !== undefined) lines.push('', 'Why it matters:', wrap(rule.rationale));
  if (rule.remediation !== undefined) lines.push('', 'How to fix it:', wrap(rule.remediation));
  if (rule.snippet !== undefined) lines.push('', ...rule.snippet.trimEnd().split('\n').map((line) => `    ${line}`));
  if (rule.references.length > 0) lines.push('', 'References:', ...rule.references.map((reference) => `  ${reference}`));
  return `${lines.join('\n')}\n`;
}

function wrap(text: string, width = 88): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = ' ';
  for (const word of words) {
    if (line.length + word.length + 1 > width && line.trim() !== '') {
      lines.push(line);
      line = ' ';
    }
    line += ` ${word}`;
  }
  if (line.trim() !== '') lines.push(line);
  return lines.join('\n');
}

function markdown(rules: readonly RuleInfo[]): string {
  // A backslash keeps `|` from splitting a cell and `<DB>` from reading as an HTML tag.
  const escape = (text: string): string => text.replace(/[|<>]/g, '\\$&');
  const rows = rules.map(
    (rule) =>
      `| \`${rule.id}\` | ${severityText(rule)} | ${rule.group} | ${escape(rule.title)} | ${rule.cwe.join(', ')} | ${escape(
        Object.entries(rule.controls)
          .map(([framework, controls]) => `${framework} ${controls.join(', ')}`)
          .join('; '),
      )} |`,
  );
  return `${['| Rule | Severity | Group | Title | CWE | Controls |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n')}\n`;
}

export function runRulesCommand(query: string | undefined, flags: RulesFlags, io: CliIo): number {
  const config = loadConfig({ root: io.cwd, ...(flags.config === undefined ? {} : { configPath: resolve(io.cwd, flags.config) }) });
  let rules = filterRules(allRules(config), flags);
  if (query !== undefined) {
    rules = selectRules(rules, query);
    if (rules.length === 0) throw new UsageError(`no rule matches "${query}"; run rampart rules to list them`);
  }
  if (flags.format === 'json') {
    io.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
  } else if (flags.format === 'markdown') {
    io.stdout.write(markdown(rules));
  } else if (query !== undefined && !query.includes('*')) {
    io.stdout.write(rules.map(explain).join('\n'));
  } else {
    io.stdout.write(table(rules));
  }
  return 0;
}
