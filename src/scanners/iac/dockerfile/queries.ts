import type { Span } from '../tree.js';
import { spanOf } from './positions.js';
import { splitWords, unquote } from './words.js';
import type { Instruction, Stage } from './types.js';

export interface EnvPair {
  key: string;
  /** Quotes removed, variables left as written; undefined for `ARG NAME` without a default. */
  value: string | undefined;
  span: Span;
}

/**
 * Returns the key-value pairs of an ENV, ARG or LABEL instruction, in the
 * `KEY=value` form and in the legacy `ENV KEY value` form, where the value
 * is the rest of the line.
 */
export function envPairs(instruction: Instruction): EnvPair[] {
  const { operands, operandsOffset, escape, segments } = instruction;
  const words = splitWords(operands, escape);
  const first = words[0];
  if (first === undefined) return [];
  const span = (start: number, end: number): Span => spanOf(segments, operandsOffset + start, operandsOffset + end);
  const legacy = instruction.keyword !== 'ARG' && !first.value.includes('=');
  if (legacy) {
    const rest = operands.slice(first.end).trim();
    const value = words.length > 1 ? unquote(rest, escape) : undefined;
    return [{ key: first.value, value, span: span(first.start, operands.trimEnd().length) }];
  }
  return words.map((word) => {
    const equals = word.value.indexOf('=');
    const key = equals === -1 ? word.value : word.value.slice(0, equals);
    const value = equals === -1 ? undefined : word.value.slice(equals + 1);
    return { key, value, span: span(word.start, word.end) };
  });
}

/**
 * Returns the user of the stage's last USER instruction, as written. When the
 * stage has none and builds on an earlier stage, that stage's user applies
 * if `stages` is given. Undefined means the base image's user, often root.
 */
export function effectiveUser(stage: Stage, stages?: readonly Stage[]): string | undefined {
  let current: Stage | undefined = stage;
  while (current !== undefined) {
    for (let index = current.instructions.length - 1; index >= 0; index--) {
      const instruction = current.instructions[index];
      if (instruction?.keyword === 'USER') return instruction.operands.trim();
    }
    const parent: number | undefined = current.reference.stageIndex;
    current = parent !== undefined && parent < current.index ? stages?.[parent] : undefined;
  }
  return undefined;
}
