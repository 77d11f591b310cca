import type { EscapeCharacter } from './types.js';

export interface Substitution {
  value: string;
  unresolved: string[];
  substituted: string[];
}

const MAX_NESTING = 8;

const isNameStart = (char: string | undefined): boolean => char !== undefined && /[A-Za-z_]/.test(char);
const isNameChar = (char: string | undefined): boolean => char !== undefined && /[A-Za-z0-9_]/.test(char);

/**
 * Substitutes `$NAME`, `${NAME}` and `${NAME:-word}`, `${NAME-word}`,
 * `${NAME:+word}`, `${NAME+word}` with the known values. A variable with no
 * known value stays as written and is listed in `unresolved`, so a caller
 * never takes it for a fixed value.
 */
export function substituteVariables(
  text: string,
  values: ReadonlyMap<string, string>,
  escape: EscapeCharacter,
  depth = 0,
): Substitution {
  const result: Substitution = { value: '', unresolved: [], substituted: [] };
  const parts: string[] = [];
  let index = 0;
  while (index < text.length) {
    const dollar = nextDollar(text, index, escape, parts);
    if (dollar === -1) break;
    const end = substituteAt(text, dollar, values, escape, depth, parts, result);
    index = end;
  }
  result.value = parts.join('');
  return result;
}

/** Copies text up to the next unescaped `$` into `parts` and returns its offset, or -1. */
function nextDollar(text: string, from: number, escape: EscapeCharacter, parts: string[]): number {
  let start = from;
  let index = from;
  while (index < text.length) {
    const char = text[index];
    if (char === escape && text[index + 1] === '$') {
      parts.push(text.slice(start, index), '$');
      index += 2;
      start = index;
    } else if (char === '$') {
      parts.push(text.slice(start, index));
      return index;
    } else {
      index++;
    }
  }
  parts.push(text.slice(start));
  return -1;
}

function substituteAt(
  text: string,
  dollar: number,
  values: ReadonlyMap<string, string>,
  escape: EscapeCharacter,
  depth: number,
  parts: string[],
  result: Substitution,
): number {
  if (text[dollar + 1] === '{') return substituteBraced(text, dollar, values, escape, depth, parts, result);
  let end = dollar + 1;
  if (!isNameStart(text[end])) {
    parts.push('$');
    return end;
  }
  while (isNameChar(text[end])) end++;
  const name = text.slice(dollar + 1, end);
  const value = values.get(name);
  if (value === undefined) {
    result.unresolved.push(name);
    parts.push(text.slice(dollar, end));
  } else {
    result.substituted.push(name);
    parts.push(value);
  }
  return end;
}

function substituteBraced(
  text: string,
  dollar: number,
  values: ReadonlyMap<string, string>,
  escape: EscapeCharacter,
  depth: number,
  parts: string[],
  result: Substitution,
): number {
  const close = matchingBrace(text, dollar + 2);
  if (close === -1 || depth >= MAX_NESTING) {
    result.unresolved.push(text.slice(dollar + 2, close === -1 ? text.length : close));
    parts.push(text.slice(dollar, close === -1 ? text.length : close + 1));
    return close === -1 ? text.length : close + 1;
  }
  const inner = text.slice(dollar + 2, close);
  let nameEnd = 0;
  while (isNameChar(inner[nameEnd])) nameEnd++;
  const name = inner.slice(0, nameEnd);
  const operator = inner.startsWith(':', nameEnd) ? inner.slice(nameEnd, nameEnd + 2) : inner.slice(nameEnd, nameEnd + 1);
  const value = values.get(name);
  if (name === '' || value === undefined || !['', ':-', '-', ':+', '+'].includes(operator)) {
    result.unresolved.push(name === '' ? inner : name);
    parts.push(text.slice(dollar, close + 1));
    return close + 1;
  }
  result.substituted.push(name);
  const word = inner.slice(nameEnd + operator.length);
  if (!usesWord(operator, value)) {
    parts.push(value);
    return close + 1;
  }
  const nested = substituteVariables(word, values, escape, depth + 1);
  parts.push(nested.value);
  result.unresolved.push(...nested.unresolved);
  result.substituted.push(...nested.substituted);
  return close + 1;
}

function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let index = from; index < text.length; index++) {
    if (text[index] === '{') depth++;
    else if (text[index] === '}' && --depth === 0) return index;
  }
  return -1;
}

/** Returns whether `${NAME<operator>word}` expands to its word, given NAME's value. */
function usesWord(operator: string, value: string): boolean {
  if (operator === ':-') return value === '';
  if (operator === ':+') return value !== '';
  return operator === '+';
}
