/**
 * One-line excerpts for issues: at most EXCERPT_LENGTH characters around
 * the match, control characters replaced, URL credentials and long
 * token-like strings masked.
 */
import { redactSecret, stripUrlCredentials, toOneLine } from '../../../core/redact.js';

export const EXCERPT_LENGTH = 160;

/** Runs of token characters this long with letters and digits mixed look like keys, tokens or payloads. */
const TOKEN_LIKE = /[A-Za-z0-9_+/=-]{24,}/g;

function maskTokens(text: string): string {
  return text.replace(TOKEN_LIKE, (token) => (/[0-9]/.test(token) && /[A-Za-z]/.test(token) ? redactSecret(token) : token));
}

/** Excerpt of the line that contains offset `start` of `text`, centred on the `length` characters there. */
export function excerptAt(text: string, start: number, length: number): string {
  let lineStart = start;
  while (lineStart > 0 && start - lineStart < EXCERPT_LENGTH && text[lineStart - 1] !== '\n') lineStart--;
  let lineEnd = start;
  while (lineEnd < text.length && lineEnd - start < EXCERPT_LENGTH * 2 && text[lineEnd] !== '\n') lineEnd++;
  return shorten(text.slice(lineStart, lineEnd), start - lineStart, length);
}

/** `line` cut to EXCERPT_LENGTH around `offset`, with `…` where it was cut, then masked. */
export function shorten(line: string, offset = 0, length = 0): string {
  let text = line;
  let from = 0;
  if (text.length > EXCERPT_LENGTH) {
    const centre = offset + Math.min(length, EXCERPT_LENGTH) / 2;
    from = Math.max(0, Math.min(text.length - EXCERPT_LENGTH, Math.floor(centre - EXCERPT_LENGTH / 2)));
    text = text.slice(from, from + EXCERPT_LENGTH);
  }
  let result = maskTokens(stripUrlCredentials(toOneLine(text))).trim();
  if (from > 0) result = `…${result}`;
  if (from + EXCERPT_LENGTH < line.length) result = `${result}…`;
  return result;
}
