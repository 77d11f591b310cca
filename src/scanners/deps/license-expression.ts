/**
 * Stated licences read as SPDX expressions (spdx-expression-parse), with
 * common free-text forms corrected by spdx-correct.
 */

import parseSpdx from 'spdx-expression-parse';
import correctSpdx from 'spdx-correct';

export type SpdxNode = parseSpdx.Info;

export interface ParsedLicense {
  /** Normalised SPDX expression; absent when the text could not be read. */
  expression?: string;
  /** Licence ids in order of appearance, without exceptions; `GPL-2.0+` keeps its `+`. */
  ids: string[];
  /** `spdx`: valid as written; `corrected`: rewritten by spdx-correct, so a guess; `unknown`: unreadable. */
  status: 'spdx' | 'corrected' | 'unknown';
}

/**
 * Longer texts are whole licence files pasted into a manifest, not
 * expressions. The cap also bounds the parser, which re-slices its input for
 * every token and recurses once per operator.
 */
const MAX_LICENSE_LENGTH = 512;

/**
 * Values that look like SPDX ids to spdx-correct but mean "no licence
 * granted": npm's `UNLICENSED` would otherwise become `Unlicense`, a
 * public-domain dedication, which is the opposite.
 */
const NOT_LICENSES = new Set(['unlicensed', 'unknown', 'none', 'noassertion', 'proprietary', 'see license']);

const UNKNOWN: ParsedLicense = { ids: [], status: 'unknown' };

/** Read a stated licence. Never throws. */
export function parseLicense(text: string | undefined): ParsedLicense {
  if (typeof text !== 'string') return UNKNOWN;
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_LICENSE_LENGTH) return UNKNOWN;
  const lower = trimmed.toLowerCase();
  if (NOT_LICENSES.has(lower) || lower.startsWith('see license in')) return UNKNOWN;

  const exact = tryParse(trimmed);
  if (exact) return fromTree(exact, 'spdx');
  const corrected = correctText(trimmed);
  const tree = corrected === undefined ? undefined : tryParse(corrected);
  return tree ? fromTree(tree, 'corrected') : UNKNOWN;
}

/** Parse an SPDX expression; undefined when it is not one. */
export function tryParse(text: string): SpdxNode | undefined {
  if (text.length > MAX_LICENSE_LENGTH) return undefined;
  try {
    return parseSpdx(text);
  } catch {
    return undefined;
  }
}

/** Format a parsed expression, with parentheses only where precedence needs them. */
export function formatExpression(node: SpdxNode): string {
  if ('license' in node) {
    const base = `${node.license}${node.plus ? '+' : ''}`;
    return node.exception ? `${base} WITH ${node.exception}` : base;
  }
  const operator = node.conjunction === 'and' ? 'AND' : 'OR';
  return `${formatOperand(node.left, node.conjunction)} ${operator} ${formatOperand(node.right, node.conjunction)}`;
}

/** Licence ids of `node` in order of appearance, each once. */
export function licenseIds(node: SpdxNode): string[] {
  const ids: string[] = [];
  const visit = (current: SpdxNode): void => {
    if ('license' in current) {
      const id = `${current.license}${current.plus ? '+' : ''}`;
      if (!ids.includes(id)) ids.push(id);
      return;
    }
    visit(current.left);
    visit(current.right);
  };
  visit(node);
  return ids;
}

function formatOperand(node: SpdxNode, parent: 'and' | 'or'): string {
  const text = formatExpression(node);
  // AND binds tighter than OR, so only an OR inside an AND needs parentheses.
  return 'conjunction' in node && node.conjunction === 'or' && parent === 'and' ? `(${text})` : text;
}

function fromTree(node: SpdxNode, status: 'spdx' | 'corrected'): ParsedLicense {
  return { expression: formatExpression(node), ids: licenseIds(node), status };
}

/**
 * Correct free text. Text with `or`, `and` or `/` between licence names is
 * corrected one name at a time, because spdx-correct on the whole text keeps
 * one name and drops the rest (`MIT/Apache-2.0` becomes `Apache-2.0`).
 */
function correctText(text: string): string | undefined {
  const terms = splitTerms(text);
  if (terms.length === 1) return correctOne(text);
  const parts: string[] = [];
  for (const term of terms) {
    if (term === 'OR' || term === 'AND') {
      parts.push(term);
      continue;
    }
    const corrected = correctOne(term);
    if (corrected === undefined) return undefined;
    parts.push(corrected.includes(' ') ? `(${corrected})` : corrected);
  }
  return parts.join(' ');
}

function correctOne(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 0 || NOT_LICENSES.has(trimmed.toLowerCase())) return undefined;
  try {
    return correctSpdx(trimmed, { upgrade: false }) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Split on ` or `, ` and ` (any case) and `/`; returns names and `OR`/`AND` markers, or one element. */
function splitTerms(text: string): string[] {
  const words = text.replaceAll('/', ' / ').split(' ').filter((word) => word.length > 0);
  const terms: string[] = [];
  let current: string[] = [];
  for (const word of words) {
    const operator = operatorOf(word);
    if (!operator) {
      current.push(word);
      continue;
    }
    if (current.length === 0) return [text];
    terms.push(current.join(' '), operator);
    current = [];
  }
  if (current.length === 0) return [text];
  terms.push(current.join(' '));
  return terms;
}

function operatorOf(word: string): 'OR' | 'AND' | undefined {
  const upper = word.toUpperCase();
  if (upper === 'OR' || upper === '/') return 'OR';
  if (upper === 'AND') return 'AND';
  return undefined;
}
