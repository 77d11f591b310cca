/**
 * Blank out comments so that the content rules do not fire on prose, while
 * keeping every offset and line break where it was, so that line numbers and
 * excerpts still point at the original text. One pass, no backtracking.
 */
import type { FileLanguage } from './file-kind.js';

/** Characters after which a `/` in JavaScript starts a regular expression, not a division. */
const REGEX_PRECEDERS = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '']);

/** Copy `text` with the ranges in `comments` replaced by spaces, line breaks kept. */
function blank(text: string, comments: [number, number][]): string {
  if (comments.length === 0) return text;
  const parts: string[] = [];
  let last = 0;
  for (const [start, end] of comments) {
    parts.push(text.slice(last, start), text.slice(start, end).replace(/[^\n]/g, ' '));
    last = end;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

function previousSignificant(text: string, index: number): string {
  let i = index - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i < 0 ? '' : (text[i] as string);
}

/** End of a string or regular expression literal opened at `start`, stopping at a line break unless `multiline`. */
function skipLiteral(text: string, start: number, close: string, multiline: boolean): number {
  let i = start + 1;
  let inClass = false;
  while (i < text.length) {
    const char = text[i];
    if (char === '\\') {
      i += 2;
      continue;
    }
    if (char === '\n' && !multiline) return i;
    if (close === '/' && char === '[') inClass = true;
    else if (close === '/' && char === ']') inClass = false;
    else if (char === close && !inClass) return i + 1;
    i++;
  }
  return i;
}

function javascriptComments(text: string): [number, number][] {
  const comments: [number, number][] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    const next = text[i + 1];
    if (char === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      comments.push([i, end === -1 ? text.length : end]);
      i = end === -1 ? text.length : end;
    } else if (char === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      comments.push([i, stop]);
      i = stop;
    } else if (char === '"' || char === "'") i = skipLiteral(text, i, char, false);
    else if (char === '`') i = skipLiteral(text, i, '`', true);
    else if (char === '/' && REGEX_PRECEDERS.has(previousSignificant(text, i))) i = skipLiteral(text, i, '/', false);
    else i++;
  }
  return comments;
}

function pythonComments(text: string): [number, number][] {
  const comments: [number, number][] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '#') {
      const end = text.indexOf('\n', i);
      comments.push([i, end === -1 ? text.length : end]);
      i = end === -1 ? text.length : end;
    } else if ((char === '"' || char === "'") && text.startsWith(char.repeat(3), i)) {
      const end = text.indexOf(char.repeat(3), i + 3);
      i = end === -1 ? text.length : end + 3;
    } else if (char === '"' || char === "'") i = skipLiteral(text, i, char, false);
    else i++;
  }
  return comments;
}

/** Shell comments are whole lines starting with `#`; trailing comments are left alone. */
function shellComments(text: string): [number, number][] {
  const comments: [number, number][] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let first = start;
    while (first < end && (text[first] === ' ' || text[first] === '\t')) first++;
    if (text[first] === '#') comments.push([first, end]);
    start = end + 1;
  }
  return comments;
}

/** `text` with its comments replaced by spaces. */
export function maskComments(text: string, language: FileLanguage): string {
  if (language === 'javascript') return blank(text, javascriptComments(text));
  if (language === 'python') return blank(text, pythonComments(text));
  return blank(text, shellComments(text));
}
