/**
 * The tree-sitter Terraform grammar, from `@tree-sitter-grammars/tree-sitter-hcl`,
 * which ships `tree-sitter-hcl.wasm` and `tree-sitter-terraform.wasm` built
 * for the same rules. Loading and time-limited parsing are shared with the
 * other grammars (src/core/tree-sitter.ts).
 */
import type { Parser } from 'web-tree-sitter';
import { grammarParser } from '../../../core/tree-sitter.js';

export { parseWithLimit } from '../../../core/tree-sitter.js';

const GRAMMAR_FILE = '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm';

/** Returns the thread's Terraform parser, loading the runtime and grammar on first use. */
export function terraformParser(): Promise<Parser> {
  return grammarParser(GRAMMAR_FILE, 'Terraform');
}
