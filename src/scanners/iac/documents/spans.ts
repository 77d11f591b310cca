import type { LineCounter } from 'yaml';
import type { Span } from '../tree.js';

/**
 * Converts the offsets `start`..`end` of `text` into a span, leaving out
 * trailing whitespace and line breaks so that a block value ends on its last
 * written line instead of at the start of the next key.
 */
export function spanOfRange(lines: LineCounter, text: string, start: number, end: number): Span {
  let last = Math.max(start, end);
  while (last > start && isTrailingSpace(text.charCodeAt(last - 1))) last--;
  const from = lines.linePos(start);
  const to = lines.linePos(last);
  return { startLine: from.line, startColumn: from.col, endLine: to.line, endColumn: to.col };
}

/** Returns the 1-based line of `offset`. */
export function lineOfOffset(lines: LineCounter, offset: number): number {
  return Math.max(1, lines.linePos(offset).line);
}

/**
 * Moves an error offset that lies after the last non-blank character back
 * onto that character, so that an error at the end of input ("missing
 * closing quote") names the last written line and not the empty one after it.
 */
export function clampToContent(text: string, offset: number): number {
  let end = text.length;
  while (end > 0 && isTrailingSpace(text.charCodeAt(end - 1))) end--;
  return offset < end ? offset : Math.max(0, end - 1);
}

function isTrailingSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}
