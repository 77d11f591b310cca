import type { Span } from '../tree.js';
import { spanOf } from './positions.js';
import { tokenizeShell, type ShellSeparator } from './shell-tokens.js';
import type { Heredoc, Instruction, Segment } from './types.js';

export type { ShellSeparator } from './shell-tokens.js';

export interface ShellCommand {
  /** The command's words with quotes removed; `$(...)` and backticks stay as written. */
  tokens: string[];
  /** The operator that follows the command, such as `|` in `curl ... | sh`. */
  separator?: ShellSeparator;
  span: Span;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

function isShell(program: string | undefined): boolean {
  return program !== undefined && SHELLS.has(program.slice(program.lastIndexOf('/') + 1));
}

/**
 * Splits a RUN, CMD or ENTRYPOINT into simple commands on `&&`, `||`, `;`,
 * `|`, `&` and line breaks. Exec form counts as one command unless it runs
 * `sh -c SCRIPT`, whose script is split. A RUN heredoc body is split too
 * when the body is the shell script: `RUN <<EOF` or `RUN bash <<EOF`.
 */
export function shellCommands(instruction: Instruction): ShellCommand[] {
  if (instruction.form === 'exec') return execCommands(instruction, instruction.args ?? []);
  const operandSegments = shiftSegments(instruction.segments, instruction.operandsOffset);
  const commands = fromScript(instruction.operands, operandSegments);
  if (instruction.keyword !== 'RUN' || instruction.heredocs.length === 0) return commands;
  // The body is the script when the line holds only the markers, or a shell reading them from stdin.
  const words = commands.length === 1 ? (commands[0]?.tokens ?? []) : [];
  const program = words.find((word) => !isHeredocMarker(word));
  const runsBody = commands.length === 1 && (program === undefined || isShell(program));
  if (!runsBody) return commands;
  return commands.concat(instruction.heredocs.flatMap((heredoc: Heredoc) => fromScript(heredoc.body, heredoc.segments)));
}

function isHeredocMarker(word: string): boolean {
  let index = 0;
  while (index < word.length && word.charCodeAt(index) >= 48 && word.charCodeAt(index) <= 57) index++;
  return word.startsWith('<<', index);
}

function execCommands(instruction: Instruction, args: string[]): ShellCommand[] {
  const script = args[2];
  if (isShell(args[0]) && args[1] === '-c' && script !== undefined) {
    // JSON escapes make offsets in the script differ from the source, so every command gets the whole span.
    return tokenizeShell(script).map((raw) => withSeparator({ tokens: raw.tokens, span: instruction.span }, raw.separator));
  }
  return args.length === 0 ? [] : [{ tokens: args, span: instruction.span }];
}

function fromScript(script: string, segments: readonly Segment[]): ShellCommand[] {
  return tokenizeShell(script).map((raw) =>
    withSeparator({ tokens: raw.tokens, span: spanOf(segments, raw.start, raw.end) }, raw.separator),
  );
}

function withSeparator(command: ShellCommand, separator: ShellSeparator | undefined): ShellCommand {
  if (separator !== undefined) command.separator = separator;
  return command;
}

/** Segments of `text.slice(offset)` given the segments of `text`. */
export function shiftSegments(segments: readonly Segment[], offset: number): Segment[] {
  const shifted: Segment[] = [];
  for (const segment of segments) {
    const relative = segment.offset - offset;
    if (relative > 0) {
      shifted.push({ ...segment, offset: relative });
    } else {
      // The segment holding `offset` starts the shifted list.
      shifted.length = 0;
      shifted.push({ offset: 0, line: segment.line, column: segment.column - relative });
    }
  }
  return shifted;
}
