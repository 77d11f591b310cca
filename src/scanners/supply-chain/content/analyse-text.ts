/**
 * Content rules applied to one text file of a package.
 */
import type { ContentIssue } from '../types.js';
import type { FileLanguage } from './file-kind.js';
import { scanIndicators } from './indicator-scan.js';
import { maskComments } from './mask-comments.js';
import { findObfuscation } from './obfuscation.js';
import { matchRules, type Placement } from './rule-match.js';

/** Apply the content rules to `text`, read as `language`, for a file at `path` that runs at `placement`. */
export function analyseText(text: string, language: FileLanguage, placement: Placement, path: string): ContentIssue[] {
  const masked = maskComments(text, language);
  const hits = scanIndicators(masked, language);
  const details = new Map<string, string>();
  if (language !== 'shell') {
    for (const sign of findObfuscation(masked)) {
      hits.set(sign.id, [{ start: sign.start, length: Math.min(sign.length, 80) }]);
      details.set(sign.id, sign.detail);
    }
  }
  return matchRules(text, masked, language, placement, path, hits, details);
}
