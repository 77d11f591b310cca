/**
 * The keyword prefilter: one pass over a text finds every occurrence of any
 * rule keyword, so that rule patterns only run on the few windows of text
 * where they can match.
 */
import { KeywordMatcher } from '../../core/keyword-matcher.js';
import type { CompiledSecretRule } from './rules.js';

export interface KeywordIndex {
  matcher: KeywordMatcher;
  /** Rule indices to try, by keyword index of the matcher. */
  rulesByKeyword: number[][];
  /** Rule indices with no keyword: these run on the whole text. */
  unconditional: number[];
}

export function buildKeywordIndex(rules: readonly CompiledSecretRule[]): KeywordIndex {
  const byKeyword = new Map<string, number[]>();
  const unconditional: number[] = [];

  rules.forEach((rule, index) => {
    if (rule.keywords.length === 0) unconditional.push(index);
    for (const keyword of rule.keywords) {
      const key = keyword;
      const indices = byKeyword.get(key) ?? [];
      if (!indices.includes(index)) indices.push(index);
      byKeyword.set(key, indices);
    }
  });

  return {
    matcher: new KeywordMatcher([...byKeyword.keys()]),
    rulesByKeyword: [...byKeyword.values()],
    unconditional,
  };
}
