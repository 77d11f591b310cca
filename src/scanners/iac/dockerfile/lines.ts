import type { EscapeCharacter, ParseWarning } from './types.js';

/** The lines of a file with LF or CRLF endings; indexes are 0-based, offsets UTF-16. */
export class SourceLines {
  readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(readonly text: string) {
    let start = 0;
    while (start <= text.length) {
      const newline = text.indexOf('\n', start);
      const stop = newline === -1 ? text.length : newline;
      this.starts.push(start);
      this.ends.push(stop > start && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop);
      if (newline === -1) break;
      start = newline + 1;
    }
  }

  get count(): number {
    return this.starts.length;
  }

  /** Returns the line without its line ending. */
  line(index: number): string {
    return this.text.slice(this.starts[index] ?? 0, this.ends[index] ?? 0);
  }

  /** Offset just past the last character of the line, before its line ending. */
  endOffset(index: number): number {
    return this.ends[index] ?? this.text.length;
  }
}

export interface Directives {
  directives: Record<string, string>;
  escape: EscapeCharacter;
  warnings: ParseWarning[];
}

/** Directive names that BuildKit recognises. Other `# name=value` lines are comments. */
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);

/**
 * Reads the parser directives at the top of the file. As in BuildKit, they
 * end at the first line that is not a known directive: a comment, a blank
 * line or an instruction.
 */
export function readDirectives(lines: SourceLines): Directives {
  const result: Directives = { directives: {}, escape: '\\', warnings: [] };
  for (let index = 0; index < lines.count; index++) {
    const directive = directiveOf(lines.line(index));
    if (directive === undefined || !KNOWN_DIRECTIVES.has(directive.name)) break;
    if (directive.name in result.directives) {
      result.warnings.push({ line: index + 1, message: `duplicate parser directive "${directive.name}" ignored` });
      continue;
    }
    result.directives[directive.name] = directive.value;
  }
  const escape = result.directives.escape;
  if (escape === '`' || escape === '\\') result.escape = escape;
  else if (escape !== undefined) {
    result.warnings.push({ line: 1, message: `invalid escape directive "${escape}": use \\ or \`, so \\ is used` });
  }
  return result;
}

function directiveOf(line: string): { name: string; value: string } | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('#')) return undefined;
  const equals = trimmed.indexOf('=');
  if (equals === -1) return undefined;
  const name = trimmed.slice(1, equals).trim().toLowerCase();
  if (!/^[a-z][a-z0-9]*$/.test(name)) return undefined;
  return { name, value: trimmed.slice(equals + 1).trim() };
}
