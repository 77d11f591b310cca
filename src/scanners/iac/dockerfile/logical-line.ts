import type { SourceLines } from './lines.js';
import type { EscapeCharacter, ParseWarning, Segment } from './types.js';

/** One instruction's lines joined as BuildKit joins continuation lines. */
export interface LogicalLine {
  /** Instruction text from the keyword on, continuations removed. */
  text: string;
  segments: Segment[];
  /** 0-based index of the keyword's line. */
  firstLine: number;
  /** 0-based index of the last line that belongs to the instruction. */
  lastLine: number;
  /** Offset of the keyword in the source text. */
  startOffset: number;
}

const isBlankCode = (code: number): boolean => code === 32 || code === 9;

/** Counts the spaces and tabs that start the line, and a byte order mark the decoder left in place. */
function leadingBlanks(line: string): number {
  let index = 0;
  const isLeading = (code: number): boolean => isBlankCode(code) || code === 0xfeff;
  while (index < line.length && isLeading(line.charCodeAt(index))) index++;
  return index;
}

/** Returns the text before the escape character when the line ends with it and optional blanks, else undefined. */
function continuedPart(line: string, escape: EscapeCharacter): string | undefined {
  let end = line.length;
  while (end > 0 && isBlankCode(line.charCodeAt(end - 1))) end--;
  return end > 0 && line[end - 1] === escape ? line.slice(0, end - 1) : undefined;
}

/**
 * Reads the next instruction at or after line `from`, skipping blank and
 * comment lines. Inside a continuation, comment lines and blank lines are
 * skipped as BuildKit does; a file that ends inside a continuation ends the
 * instruction there.
 */
export function readLogicalLine(
  lines: SourceLines,
  from: number,
  escape: EscapeCharacter,
  warnings: ParseWarning[],
): LogicalLine | undefined {
  let index = from;
  let indent = 0;
  for (; index < lines.count; index++) {
    const line = lines.line(index);
    indent = leadingBlanks(line);
    if (indent < line.length && line[indent] !== '#') break;
  }
  if (index >= lines.count) return undefined;

  const parts: string[] = [];
  const segments: Segment[] = [];
  const firstLine = index;
  let length = 0;
  let column = indent + 1;
  let piece: string | undefined = lines.line(index).slice(indent);
  let blankContinuation = false;
  for (;;) {
    const part: string = continuedPart(piece, escape) ?? piece;
    segments.push({ offset: length, line: index + 1, column });
    parts.push(part);
    length += part.length;
    if (part === piece) break;
    piece = undefined;
    while (piece === undefined && ++index < lines.count) {
      const line = lines.line(index);
      const start = leadingBlanks(line);
      if (start === line.length) blankContinuation = true;
      else if (line[start] !== '#') piece = line;
    }
    if (piece === undefined) {
      index = lines.count - 1;
      break;
    }
    column = 1;
  }
  if (blankContinuation) {
    warnings.push({ line: firstLine + 1, message: 'empty continuation line inside the instruction' });
  }
  const startOffset = (lines.starts[firstLine] ?? 0) + indent;
  return { text: parts.join(''), segments, firstLine, lastLine: index, startOffset };
}
