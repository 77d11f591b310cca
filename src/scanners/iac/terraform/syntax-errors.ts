/** Syntax errors of a tree-sitter parse: ERROR nodes and tokens the parser had to invent (MISSING). */
import type { Node } from 'web-tree-sitter';

export interface TerraformSyntaxError {
  /** 1-based line and column (UTF-16 code units) where the problem starts. */
  line: number;
  column: number;
  message: string;
}

/** Errors listed per file at most; one broken brace can cascade into many. */
const MAX_ERRORS = 20;

/** Readable names for the constructs a MISSING token would have closed. */
const OPENER_NAMES: Record<string, string> = {
  string_lit: 'string',
  quoted_template: 'string',
  heredoc_template: 'heredoc',
  template_interpolation: 'interpolation',
  tuple: 'list',
  object: 'object',
  block: 'block',
  function_arguments: 'function call',
};

/** Readable names for the grammar's named tokens that can be reported missing. */
const TOKEN_NAMES: Record<string, string> = {
  block_end: '"}"',
  object_end: '"}"',
  tuple_end: '"]"',
  quoted_template_end: 'closing quote',
  template_interpolation_end: '"}" closing the interpolation',
  template_directive_end: '"}" closing the template directive',
  heredoc_identifier: 'heredoc end marker',
  identifier: 'name',
  expression: 'value',
};

/** Lists the syntax errors under `root` in source order, descending only into subtrees that contain one. */
export function collectSyntaxErrors(root: Node, text: string): TerraformSyntaxError[] {
  const errors: TerraformSyntaxError[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0 && errors.length < MAX_ERRORS) {
    const node = stack.pop() as Node;
    if (node.isMissing || node.type === 'ERROR') {
      errors.push({
        line: node.startPosition.row + 1,
        column: node.startPosition.column + 1,
        message: node.isMissing ? missingText(node) : unexpectedText(text, node),
      });
    } else if (node.hasError) {
      const children = node.children;
      for (let index = children.length - 1; index >= 0; index -= 1) {
        const child = children[index];
        if (child !== undefined) stack.push(child);
      }
    }
  }
  return errors;
}

/**
 * Describes a MISSING token. Tree-sitter places it where it gave up, often the
 * end of the file, so the message also names the line where the unclosed
 * block, list, object or string starts.
 */
function missingText(node: Node): string {
  const message = `missing ${tokenName(node.type)}`;
  let opener = node.parent;
  // `}` and `]` sit inside block_end, object_end and tuple_end wrappers.
  if (opener !== null && opener.type.endsWith('_end')) opener = opener.parent;
  if (opener === null || opener.startPosition.row === node.startPosition.row) return message;
  const name = OPENER_NAMES[opener.type] ?? opener.type.replaceAll('_', ' ');
  return `${message}; the unclosed ${name} starts on line ${opener.startPosition.row + 1}`;
}

function tokenName(type: string): string {
  return TOKEN_NAMES[type] ?? (/^[a-z_]+$/.test(type) ? type.replaceAll('_', ' ') : `"${type}"`);
}

/** Describes an ERROR node by the start of its text, cut at the line end and at 40 characters. */
function unexpectedText(text: string, node: Node): string {
  const content = text.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + 40));
  const firstLine = content.split('\n', 1)[0]?.trim() ?? '';
  return firstLine === '' ? 'syntax error' : `syntax error at ${JSON.stringify(firstLine)}`;
}
