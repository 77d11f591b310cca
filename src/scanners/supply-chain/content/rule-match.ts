/**
 * Evaluating the rule table against the indicator hits of one text, and
 * turning a fired rule into a ContentIssue.
 */
import type { ContentIssue } from '../types.js';
import { LineIndex } from '../../../core/line-index.js';
import { excerptAt } from './excerpt.js';
import type { IndicatorHit } from './indicator-scan.js';
import { CONTENT_RULES, type ContentRule, type RuleKind } from './rules.js';

export type Placement = 'install' | 'runtime';

/** Hits within this many characters on one line count as one command for `near` rules. */
const NEAR = 200;
/** Maximum length of a call argument searched for a decoding call. */
const MAX_ARGUMENT = 4000;

export type HitMap = Map<string, IndicatorHit[]>;

/** Build the issue for `rule` at `placement`, or undefined when the rule is not reported there. */
export function ruleIssue(rule: ContentRule, placement: Placement, file: string, line?: number, excerpt?: string, detail?: string): ContentIssue | undefined {
  const severity = rule.severity[placement];
  if (severity === undefined) return undefined;
  const message = detail ? `${rule.message}: ${detail}` : rule.message;
  const issue: ContentIssue = { rule: rule.id, severity, message, file };
  if (line !== undefined) issue.line = line;
  if (excerpt !== undefined && excerpt !== '') issue.excerpt = excerpt;
  return issue;
}

/** Find the index of the `)` closing the call whose `(` follows `start`, or -1. Strings are not tracked, so a `)` in one ends the search early. */
function argumentEnd(text: string, start: number): number {
  const open = text.indexOf('(', start);
  if (open === -1 || open - start > 80) return -1;
  let depth = 0;
  for (let i = open; i < text.length && i - open < MAX_ARGUMENT; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return Math.min(text.length, open + MAX_ARGUMENT);
}

/** Collect the names assigned from a decoding call on the same line, as in `code = Buffer.from(x, 'base64')`. */
function decodedNames(text: string, decodes: IndicatorHit[]): Set<string> {
  const names = new Set<string>();
  for (const hit of decodes) {
    const before = text.slice(Math.max(0, hit.start - 120), hit.start);
    const line = before.slice(before.lastIndexOf('\n') + 1);
    const match = /([A-Za-z_$][\w$]{0,60})\s{0,8}=(?![=>])[^=;]{0,100}$/.exec(line);
    if (match) names.add(match[1] as string);
  }
  return names;
}

/** Find the first `dynamic-code` hit whose argument contains a `decode` hit or a name assigned from one. */
function decodedArgument(text: string, hits: HitMap): IndicatorHit | undefined {
  const decodes = hits.get('decode') ?? [];
  if (decodes.length === 0) return undefined;
  const names = decodedNames(text, decodes);
  for (const call of hits.get('dynamic-code') ?? []) {
    const end = argumentEnd(text, call.start + call.length - 1);
    if (end === -1) continue;
    if (decodes.some((decode) => decode.start > call.start && decode.start < end)) return call;
    const argument = /^\(\s{0,8}([A-Za-z_$][\w$]{0,60})/.exec(text.slice(text.indexOf('(', call.start + call.length - 1), end));
    if (argument && names.has(argument[1] as string)) return call;
  }
  return undefined;
}

/** The first hit of the rule's last required indicator that has every other one within NEAR characters on its line. */
function nearHit(text: string, rule: ContentRule, hits: HitMap): IndicatorHit | undefined {
  const anchorId = rule.requires[rule.requires.length - 1] as string;
  for (const anchor of hits.get(anchorId) ?? []) {
    const close = rule.requires.every((id) =>
      (hits.get(id) ?? []).some((hit) => {
        const from = Math.min(hit.start, anchor.start);
        const to = Math.max(hit.start, anchor.start);
        return to - from <= NEAR && !text.slice(from, to).includes('\n');
      }),
    );
    if (close) return anchor;
  }
  return undefined;
}

/** The hit that shows where `rule` fires in the text, or undefined when it does not. */
function firingHit(text: string, rule: ContentRule, hits: HitMap): IndicatorHit | undefined {
  if (!rule.requires.every((id) => hits.has(id))) return undefined;
  let anyOfHit: IndicatorHit | undefined;
  if (rule.anyOf) {
    anyOfHit = rule.anyOf.map((id) => hits.get(id)?.[0]).find((hit) => hit !== undefined);
    if (!anyOfHit) return undefined;
  }
  if (rule.scope === 'argument') return decodedArgument(text, hits);
  if (rule.scope === 'near') return nearHit(text, rule, hits);
  return anyOfHit ?? hits.get(rule.requires[rule.requires.length - 1] as string)?.[0];
}

/** Drop issues that a more specific issue in the same file replaces. */
export function applyReplacements(issues: ContentIssue[]): ContentIssue[] {
  const replaced = new Set<string>();
  for (const issue of issues) {
    for (const id of CONTENT_RULES.find((rule) => rule.id === issue.rule)?.replaces ?? []) replaced.add(id);
  }
  return issues.filter((issue) => !replaced.has(issue.rule));
}

/**
 * Issues of every rule for `kind` that fires on `hits` in `original`
 * (`masked` is the same text with comments blanked, at the same offsets).
 * `details` gives a message suffix per indicator, such as the count behind an obfuscation sign.
 */
export function matchRules(original: string, masked: string, kind: RuleKind, placement: Placement, file: string, hits: HitMap, details: Map<string, string> = new Map()): ContentIssue[] {
  const lines = new LineIndex(original);
  const issues: ContentIssue[] = [];
  for (const rule of CONTENT_RULES) {
    if (!rule.kinds.includes(kind) || rule.severity[placement] === undefined) continue;
    const hit = firingHit(masked, rule, hits);
    if (!hit) continue;
    const detail = rule.requires.map((id) => details.get(id)).find((text) => text !== undefined);
    const issue = ruleIssue(rule, placement, file, lines.lineOf(hit.start), excerptAt(original, hit.start, hit.length), detail);
    if (issue) issues.push(issue);
  }
  return applyReplacements(issues);
}

