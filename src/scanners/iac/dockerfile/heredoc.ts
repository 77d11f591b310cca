import type { SourceLines } from './lines.js';
import type { Heredoc, ParseWarning, Segment } from './types.js';
import type { Word } from './words.js';

/** Instructions that accept heredocs in BuildKit's Dockerfile frontend. */
export const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

export interface HeredocMarker {
  delimiter: string;
  stripTabs: boolean;
  expand: boolean;
  /** The marker word's range within the words' text. */
  start: number;
  end: number;
}

/**
 * Finds heredoc markers (`<<EOF`, `<<-EOF`, `<<"EOF"`, `3<<EOF`) among the
 * words of an instruction, in order. A word such as `a<<b` is no marker.
 */
export function findHeredocMarkers(words: readonly Word[], text: string): HeredocMarker[] {
  const markers: HeredocMarker[] = [];
  for (const word of words) {
    const raw = text.slice(word.start, word.end);
    let index = 0;
    while (index < raw.length && raw.charCodeAt(index) >= 48 && raw.charCodeAt(index) <= 57) index++;
    if (!raw.startsWith('<<', index)) continue;
    index += 2;
    const stripTabs = raw[index] === '-';
    if (stripTabs) index++;
    const rest = raw.slice(index);
    if (rest.includes('<')) continue;
    const delimiter = stripQuotes(rest);
    if (delimiter === '') continue;
    markers.push({ delimiter, stripTabs, expand: delimiter === rest, start: word.start, end: word.end });
  }
  return markers;
}

function stripQuotes(text: string): string {
  const first = text[0];
  if ((first === '"' || first === "'") && text.length >= 2 && text.endsWith(first)) return text.slice(1, -1);
  return text;
}

function stripLeadingTabs(line: string): string {
  let index = 0;
  while (line.charCodeAt(index) === 9) index++;
  return line.slice(index);
}

/**
 * Reads one heredoc body starting at line `from` up to its closing
 * delimiter line. A missing delimiter ends the body at the end of the file
 * with a warning, where `docker build` would stop with an error.
 */
export function readHeredocBody(
  lines: SourceLines,
  from: number,
  marker: HeredocMarker,
  warnings: ParseWarning[],
): { heredoc: Heredoc; lastLine: number } {
  const parts: string[] = [];
  const segments: Segment[] = [];
  let length = 0;
  let index = from;
  let terminated = false;
  for (; index < lines.count; index++) {
    const line = lines.line(index);
    const content = marker.stripTabs ? stripLeadingTabs(line) : line;
    if (content === marker.delimiter) {
      terminated = true;
      break;
    }
    segments.push({ offset: length, line: index + 1, column: line.length - content.length + 1 });
    parts.push(content, '\n');
    length += content.length + 1;
  }
  const lastLine = Math.min(index, lines.count - 1);
  if (!terminated) {
    warnings.push({ line: from, message: `heredoc "${marker.delimiter}" has no closing delimiter line` });
  }
  const endLineText = lines.line(lastLine);
  const heredoc: Heredoc = {
    delimiter: marker.delimiter,
    stripTabs: marker.stripTabs,
    expand: marker.expand,
    body: parts.join(''),
    span: { startLine: Math.min(from, lastLine) + 1, startColumn: 1, endLine: lastLine + 1, endColumn: endLineText.length + 1 },
    segments,
    terminated,
  };
  return { heredoc, lastLine };
}
