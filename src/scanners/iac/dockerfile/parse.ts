import { extractFlags, FORM_KEYWORDS, parseExecForm } from './arguments.js';
import { findHeredocMarkers, HEREDOC_KEYWORDS, readHeredocBody } from './heredoc.js';
import { readDirectives, SourceLines } from './lines.js';
import { readLogicalLine, type LogicalLine } from './logical-line.js';
import { shiftSegments } from './shell.js';
import { StageBuilder } from './stages.js';
import { splitWords } from './words.js';
import type { Dockerfile, EscapeCharacter, Heredoc, Instruction, ParseWarning } from './types.js';

const KEYWORDS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

/**
 * Parses a Dockerfile the way BuildKit's Dockerfile frontend reads it.
 * Problems that `docker build` would reject, such as an unknown
 * instruction or an unterminated heredoc, become warnings, and parsing goes
 * on. Runs in time linear in the size of the text.
 */
export function parseDockerfile(path: string, text: string): Dockerfile {
  const lines = new SourceLines(text);
  const { directives, escape, warnings } = readDirectives(lines);
  const builder = new StageBuilder(escape, warnings);
  const instructions: Instruction[] = [];
  let next = 0;
  for (;;) {
    const logical = readLogicalLine(lines, next, escape, warnings);
    if (logical === undefined) break;
    if (logical.text.trim() === '') {
      // A line holding only the escape character joins nothing to nothing.
      next = logical.lastLine + 1;
      continue;
    }
    const { instruction, lastLine } = buildInstruction(lines, logical, escape, warnings);
    builder.add(instruction);
    instruction.stage = builder.currentIndex;
    instructions.push(instruction);
    next = lastLine + 1;
  }
  return { path, stages: builder.stages, instructions, directives, escape, warnings };
}

function buildInstruction(
  lines: SourceLines,
  logical: LogicalLine,
  escape: EscapeCharacter,
  warnings: ParseWarning[],
): { instruction: Instruction; lastLine: number } {
  const { text } = logical;
  let keywordEnd = 0;
  while (keywordEnd < text.length && text[keywordEnd] !== ' ' && text[keywordEnd] !== '\t') keywordEnd++;
  let argumentsStart = keywordEnd;
  while (text[argumentsStart] === ' ' || text[argumentsStart] === '\t') argumentsStart++;

  const keyword = text.slice(0, keywordEnd).toUpperCase();
  const line = logical.firstLine + 1;
  if (!KEYWORDS.has(keyword)) warnings.push({ line, message: `unknown instruction "${text.slice(0, keywordEnd)}"` });
  const args = text.slice(argumentsStart).trimEnd();
  if (args === '') warnings.push({ line, message: `${keyword} has no arguments` });

  const { flags, operandsOffset } = extractFlags(args, escape);
  const instruction: Instruction = {
    keyword,
    raw: '',
    arguments: args,
    operands: args.slice(operandsOffset),
    operandsOffset,
    segments: shiftSegments(logical.segments, argumentsStart),
    span: { startLine: line, startColumn: logical.segments[0]?.column ?? 1, endLine: line, endColumn: 1 },
    stage: -1,
    flags,
    heredocs: [],
    escape,
  };

  setForm(instruction, warnings);
  const lastLine = readHeredocs(lines, logical.lastLine, instruction, warnings);
  instruction.span.endLine = lastLine + 1;
  instruction.span.endColumn = lines.line(lastLine).length + 1;
  instruction.raw = lines.text.slice(logical.startOffset, lines.endOffset(lastLine));
  return { instruction, lastLine };
}

function setForm(instruction: Instruction, warnings: ParseWarning[]): void {
  if (!FORM_KEYWORDS.has(instruction.keyword)) return;
  const args = parseExecForm(instruction.operands);
  instruction.form = args === undefined ? 'shell' : 'exec';
  if (args !== undefined) instruction.args = args;
  else if (instruction.operands.trimStart().startsWith('[')) {
    warnings.push({
      line: instruction.span.startLine,
      message: `${instruction.keyword} starts with "[" but is not a JSON array of strings, so it is read as shell form`,
    });
  }
}

/** Reads the heredoc bodies after the instruction line and returns the last line used. */
function readHeredocs(lines: SourceLines, lastLine: number, instruction: Instruction, warnings: ParseWarning[]): number {
  if (!HEREDOC_KEYWORDS.has(instruction.keyword) || instruction.form === 'exec') return lastLine;
  if (!instruction.operands.includes('<<')) return lastLine;
  const words = splitWords(instruction.operands, instruction.escape);
  let last = lastLine;
  for (const marker of findHeredocMarkers(words, instruction.operands)) {
    const { heredoc, lastLine: bodyEnd }: { heredoc: Heredoc; lastLine: number } = readHeredocBody(
      lines,
      last + 1,
      marker,
      warnings,
    );
    instruction.heredocs.push(heredoc);
    last = bodyEnd;
  }
  return last;
}
