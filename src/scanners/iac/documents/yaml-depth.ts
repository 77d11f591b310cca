import type { CST } from 'yaml';
import { MAX_NESTING_DEPTH } from './limits.js';

/**
 * Finds the first collection nested deeper than MAX_NESTING_DEPTH in the
 * concrete syntax tree of a YAML stream, walking it with an explicit stack.
 * The yaml package parses the stream iteratively but composes nested
 * collections recursively, and `- - - …` thousands of levels deep exhausts
 * its memory, so this check must run before composing. Returns the offset of
 * that collection, or undefined when the stream is within the limit.
 */
export function findExcessiveNesting(tokens: readonly CST.Token[]): number | undefined {
  const stack: Array<{ token: CST.Token; depth: number }> = [];
  for (const token of tokens) stack.push({ token, depth: 0 });
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (token.type === 'document') {
      if (token.value) stack.push({ token: token.value, depth });
      continue;
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') {
      continue;
    }
    if (depth + 1 > MAX_NESTING_DEPTH) return token.offset;
    for (const item of token.items) {
      if ('key' in item && item.key) stack.push({ token: item.key, depth: depth + 1 });
      if (item.value) stack.push({ token: item.value, depth: depth + 1 });
    }
  }
  return undefined;
}
