import type { Span } from '../tree.js';
import type { Segment } from './types.js';

/**
 * Maps the range `start`..`end` (end exclusive) of a text built from
 * `segments` back to a source span. Offsets past the text map to the end of
 * the last segment's line stretch.
 */
export function spanOf(segments: readonly Segment[], start: number, end: number): Span {
  const from = positionAt(segments, start);
  const to = positionAt(segments, Math.max(start, end - 1));
  return {
    startLine: from.line,
    startColumn: from.column,
    endLine: to.line,
    endColumn: end > start ? to.column + 1 : to.column,
  };
}

function positionAt(segments: readonly Segment[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = segments.length - 1;
  // Binary search for the last segment that starts at or before `offset`.
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((segments[middle]?.offset ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  const segment = segments[low];
  if (segment === undefined) return { line: 1, column: 1 };
  return { line: segment.line, column: segment.column + (offset - segment.offset) };
}
