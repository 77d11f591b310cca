/**
 * Finding indicator tokens in a file: one Aho-Corasick pass per file over
 * every token of the file's language, each hit confirmed by its check.
 */
import { KeywordMatcher } from '../../../core/keyword-matcher.js';
import type { FileLanguage } from './file-kind.js';
import { INDICATORS, type IndicatorRecord } from './indicators.js';
import { passesCheck } from './token-checks.js';

export interface IndicatorHit {
  start: number;
  length: number;
}

/** Hits kept per indicator and file; enough for the rules, bounded on hostile files. */
const MAX_HITS = 200;

interface CompiledIndicators {
  matcher: KeywordMatcher;
  /** Records that own each keyword of the matcher, by keyword index. */
  owners: IndicatorRecord[][];
}

const compiled = new Map<FileLanguage, CompiledIndicators>();

function compile(language: FileLanguage): CompiledIndicators {
  const byToken = new Map<string, IndicatorRecord[]>();
  for (const record of INDICATORS) {
    if (!record.languages.includes(language)) continue;
    for (const token of record.tokens) {
      const owners = byToken.get(token) ?? [];
      owners.push(record);
      byToken.set(token, owners);
    }
  }
  return { matcher: new KeywordMatcher([...byToken.keys()]), owners: [...byToken.values()] };
}

/** Confirmed hits of every indicator in `text`, read as `language`, by indicator id. */
export function scanIndicators(text: string, language: FileLanguage): Map<string, IndicatorHit[]> {
  let indicators = compiled.get(language);
  if (!indicators) {
    indicators = compile(language);
    compiled.set(language, indicators);
  }
  const { matcher, owners } = indicators;
  const hits = new Map<string, IndicatorHit[]>();
  matcher.scan(text, (keyword, start) => {
    const token = matcher.keywords[keyword] as string;
    for (const record of owners[keyword] ?? []) {
      const list = hits.get(record.id) ?? [];
      if (list.length >= MAX_HITS || !passesCheck(record.check, text, start, token)) continue;
      list.push({ start, length: token.length });
      hits.set(record.id, list);
    }
  });
  return hits;
}
