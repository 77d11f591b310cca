import { splitWords } from './words.js';
import type { EscapeCharacter } from './types.js';

/**
 * Instructions whose arguments may be a JSON array (exec form).
 * NOTE: `HEALTHCHECK CMD [...]` and `ONBUILD RUN [...]` get no form, because their command follows a sub-keyword.
 */
export const FORM_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL']);

export interface LeadingFlags {
  flags: Record<string, string[]>;
  /** Offset of the first word after the flags. */
  operandsOffset: number;
}

/**
 * Extracts the `--name=value` and `--name` words at the start of the
 * arguments, as BuildKit does before it reads the operands. A lone `--`
 * ends the flags and is consumed.
 */
export function extractFlags(text: string, escape: EscapeCharacter): LeadingFlags {
  const flags: Record<string, string[]> = {};
  let operandsOffset = skipBlanks(text, 0);
  for (;;) {
    if (!text.startsWith('--', operandsOffset)) break;
    const [word] = splitWords(text.slice(operandsOffset), escape, 1);
    if (word === undefined) break;
    const next = skipBlanks(text, operandsOffset + word.end);
    if (word.value === '--') {
      operandsOffset = next;
      break;
    }
    const equals = word.value.indexOf('=');
    const name = (equals === -1 ? word.value.slice(2) : word.value.slice(2, equals)).toLowerCase();
    const value = equals === -1 ? 'true' : word.value.slice(equals + 1);
    (flags[name] ??= []).push(value);
    operandsOffset = next;
  }
  return { flags, operandsOffset };
}

function skipBlanks(text: string, from: number): number {
  let index = from;
  while (index < text.length && (text[index] === ' ' || text[index] === '\t')) index++;
  return index;
}

/**
 * Parses the exec form: a JSON array of strings. Anything else, including
 * an unterminated array, is the shell form, as in BuildKit.
 */
export function parseExecForm(operands: string): string[] | undefined {
  const trimmed = operands.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) return undefined;
  return parsed as string[];
}
