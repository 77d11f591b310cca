/**
 * Runs iac rules over the resources of a scan and turns failures and
 * unknowns into findings. A rule applies to a resource when one of its
 * matches names the resource's format and type and the match's `when`
 * does not fail; the match's `assert` then decides. Unknown results are
 * findings too, at low confidence: a value known only at deploy time is
 * never taken for a secure one.
 */
import { fingerprint } from '../../core/fingerprint.js';
import { atOrAbove, type Finding, type Location } from '../../core/finding.js';
import { redactSecret, toOneLine } from '../../core/redact.js';
import type { IacFormat, IacResource } from './resource.js';
import { BUILTINS } from './rules/builtins/index.js';
import { evaluate, type EvalContext, type Outcome, type ResourceIndex } from './rules/evaluate.js';
import type { IacRule, RuleMatch } from './rules/types.js';
import type { Span } from './tree.js';

export interface RuleResult {
  rule: IacRule;
  resource: IacResource;
  outcome: Outcome;
}

export class TypeIndex implements ResourceIndex {
  private readonly types = new Map<string, IacResource[]>();
  private readonly positions = new Map<IacResource, number>();
  private readonly memos = new Map<string, unknown>();

  constructor(resources: readonly IacResource[]) {
    for (const resource of resources) {
      this.positions.set(resource, this.positions.size);
      const list = this.types.get(resource.type);
      if (list === undefined) this.types.set(resource.type, [resource]);
      else list.push(resource);
    }
  }

  byType(type: string): readonly IacResource[] {
    if (!type.includes('*')) return this.types.get(type) ?? [];
    const pattern = typePattern(type);
    return [...this.types.entries()].filter(([name]) => pattern.test(name)).flatMap(([, list]) => list);
  }

  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  /** Returns the resource's place in scan order. */
  position(resource: IacResource): number {
    return this.positions.get(resource) ?? 0;
  }

  typeNames(): string[] {
    return [...this.types.keys()];
  }
}

const patterns = new Map<string, RegExp>();

function typePattern(type: string): RegExp {
  let pattern = patterns.get(type);
  if (pattern === undefined) {
    const source = type.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*');
    pattern = new RegExp(`^${source}$`);
    patterns.set(type, pattern);
  }
  return pattern;
}

function formatMatches(match: RuleMatch, format: IacFormat): boolean {
  if (match.format === undefined) return true;
  const formats = Array.isArray(match.format) ? match.format : [match.format];
  if (formats.includes(format)) return true;
  return (format === 'terraform-plan' || format === 'terraform-state') && formats.includes('terraform');
}

function typeMatches(match: RuleMatch, type: string): boolean {
  const types = Array.isArray(match.type) ? match.type : [match.type];
  return types.some((candidate) => (candidate.includes('*') ? typePattern(candidate).test(type) : candidate === type));
}

/** Judges every resource with every rule; returns the failures and unknowns. */
export function runIacRules(resources: readonly IacResource[], rules: readonly IacRule[]): RuleResult[] {
  const index = new TypeIndex(resources);
  const regexes = new Map<string, RegExp>();
  const results: RuleResult[] = [];
  for (const rule of rules) {
    // Only the resources of the types the rule names, each judged once, in scan order.
    const candidates = new Set<IacResource>();
    for (const match of rule.match) {
      for (const type of Array.isArray(match.type) ? match.type : [match.type]) {
        for (const resource of index.byType(type)) candidates.add(resource);
      }
    }
    const ordered = candidates.size > 1 ? [...candidates].sort((a, b) => index.position(a) - index.position(b)) : [...candidates];
    for (const resource of ordered) {
      let outcome = judge(rule, resource, index, regexes);
      if (outcome === undefined || outcome.result === 'pass') continue;
      if (outcome.result === 'fail' && resource.address.includes('[*]')) {
        // count or for_each is unknown: the resource may never be created.
        const seen = `${outcome.seen ?? 'it fails'}, if it is created (its count or for_each is known only at deploy time)`;
        outcome = { ...outcome, result: 'unknown', seen };
      }
      results.push({ rule, resource, outcome });
    }
  }
  return results;
}

/** Judges `resource` with `rule`; undefined when the rule does not apply to it. */
export function judge(rule: IacRule, resource: IacResource, index: ResourceIndex, regexes = new Map<string, RegExp>()): Outcome | undefined {
  const context: EvalContext = { resource, resources: index, builtins: BUILTINS, regexes, depth: 0, secret: rule.secret === true };
  let verdict: Outcome | undefined;
  for (const match of rule.match) {
    if (!formatMatches(match, resource.format) || !typeMatches(match, resource.type)) continue;
    if (match.when !== undefined && evaluate(match.when, resource.body, context).result === 'fail') continue;
    const outcome = evaluate(match.assert, resource.body, context);
    if (outcome.result === 'fail') return outcome;
    if (verdict === undefined || (outcome.result === 'unknown' && verdict.result === 'pass')) verdict = outcome;
  }
  return verdict;
}

function clampSpan(span: Span, resource: IacResource): Span {
  // JSON documents read by @json share the span of their string; plan values may sit outside the .tf block.
  if (span.startLine < 1) return resource.span;
  return span;
}

function snippetOf(lines: readonly string[] | undefined, span: Span, secretValues: boolean): string | undefined {
  if (lines === undefined) return undefined;
  const picked = lines.slice(span.startLine - 1, Math.min(span.endLine, span.startLine + 2));
  let snippet = picked.join('\n').replace(/\r/g, '');
  if (snippet.length > 400) snippet = `${snippet.slice(0, 397)}...`;
  if (secretValues) snippet = redactAssignment(snippet);
  return snippet;
}

/**
 * Hides what follows `=` or `:` on each line of a snippet that may show a
 * secret value, as every scanner redacts: a short prefix and asterisks.
 * Lines that set a name or key (`- name: DB_PASSWORD`) stay readable.
 */
function redactAssignment(snippet: string): string {
  return snippet
    .split('\n')
    .map((line) => {
      if (/^\s*-?\s*["']?(name|key|Name|Key)["']?\s*:/.test(line)) return line;
      const match = /^(.*?(?:=|:\s)\s*["']?)([^"'\s].*?)(["',]*\s*)$/.exec(line);
      if (match === null) return line;
      return `${match[1]}${redactSecret(match[2] as string)}${match[3]}`;
    })
    .join('\n');
}

/**
 * Returns the lines of the declaration a finding sits in, for suppression
 * comments. A Dockerfile's first stage reaches back to line 1, where
 * comments about the whole file go.
 */
function contextOf(resource: IacResource): { startLine: number; endLine: number } {
  if (resource.context !== undefined) return resource.context;
  return { startLine: resource.span.startLine, endLine: Math.max(resource.span.endLine, resource.span.startLine) };
}

/**
 * Builds one finding per failing or unknown result. `texts` contains the scanned
 * files' sources for snippets; the fingerprint anchors on the rule, path
 * and resource address, so it survives line moves.
 */
export function findingsOf(results: readonly RuleResult[], texts: ReadonlyMap<string, string>): Finding[] {
  const occurrences = new Map<string, number>();
  const lineCache = new Map<string, string[]>();
  const linesOf = (path: string): string[] | undefined => {
    let lines = lineCache.get(path);
    const text = texts.get(path);
    if (lines === undefined && text !== undefined) {
      lines = text.split('\n');
      lineCache.set(path, lines);
    }
    return lines;
  };
  return results.map(({ rule, resource, outcome }) => {
    const span = clampSpan(outcome.span ?? resource.span, resource);
    const unknown = outcome.result === 'unknown';
    const key = `${rule.fullId}\0${resource.path}\0${resource.address}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const location: Location = {
      path: resource.path,
      startLine: span.startLine,
      startColumn: span.startColumn,
      endLine: span.endLine,
      endColumn: span.endColumn,
      context: contextOf(resource),
    };
    const snippet = snippetOf(linesOf(resource.path), span, rule.secret === true);
    if (snippet !== undefined) location.snippet = snippet;
    const seen = outcome.seen ?? (unknown ? 'a value is known only at deploy time' : 'the setting is insecure');
    const where = resource.origin === undefined ? resource.address : `${resource.address} (from ${resource.origin})`;
    const message = unknown
      ? `${where}: cannot tell whether this is safe (${rule.severity} if it fails): ${seen}`
      : `${where}: ${rule.message ?? rule.title}: ${seen}`;
    const finding: Finding = {
      ruleId: rule.fullId,
      scanner: 'iac',
      // An unknown is a question, not a verdict: it must not fail a build set to fail on high.
      severity: unknown && atOrAbove(rule.severity, 'medium') ? 'low' : rule.severity,
      confidence: unknown ? 'low' : 'high',
      title: rule.title,
      message: toOneLine(message),
      location,
      fingerprint: fingerprint({ ruleId: rule.fullId, path: resource.path, anchor: resource.address, occurrence }),
      cwe: rule.cwe,
      controls: rule.controls,
      remediation: `${rule.remediation.text}\n\n${rule.remediation.snippet.trimEnd()}\n\nWhy it matters: ${rule.rationale.replace(/\s+/g, ' ').trim()}`,
      references: rule.references,
      tags: ['iac', rule.provider, resource.format, ...(unknown ? ['unknown'] : []), ...(rule.aliases ?? []).map((alias) => `alias:${alias}`)],
    };
    if (finding.references?.length === 0) delete finding.references;
    return finding;
  });
}
