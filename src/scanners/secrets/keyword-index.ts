/**
 * The keyword prefilter: one case-insensitive pass over a text finds every
 * occurrence of any rule keyword, so that rule patterns only run on the few
 * windows of text where they can match.
 */
import type { CompiledSecretRule } from './rules.js';

export interface KeywordIndex {
  /** Matches any keyword, case-insensitively; global. */
  regex: RegExp;
  /**
   * Rule indices to try for a matched keyword (lower-cased). Includes the
   * rules of every keyword contained in it, because the scan reports only
   * one keyword per position.
   */
  rulesByKeyword: Map<string, number[]>;
  /** Rule indices with no keyword: these run on the whole text. */
  unconditional: number[];
}

function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export function buildKeywordIndex(rules: readonly CompiledSecretRule[]): KeywordIndex {
  const direct = new Map<string, Set<number>>();
  const unconditional: number[] = [];

  rules.forEach((rule, index) => {
    if (rule.keywords.length === 0) unconditional.push(index);
    for (const keyword of rule.keywords) {
      const key = keyword.toLowerCase();
      const set = direct.get(key) ?? new Set<number>();
      set.add(index);
      direct.set(key, set);
    }
  });

  const keywords = [...direct.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const rulesByKeyword = new Map<string, number[]>();
  for (const keyword of keywords) {
    const indices = new Set<number>();
    for (const other of keywords) {
      if (keyword.includes(other)) for (const i of direct.get(other) ?? []) indices.add(i);
    }
    rulesByKeyword.set(keyword, [...indices].sort((a, b) => a - b));
  }

  const source = keywords.length > 0 ? keywords.map(escapeRegex).join('|') : '(?!)';
  return { regex: new RegExp(source, 'gi'), rulesByKeyword, unconditional };
}
