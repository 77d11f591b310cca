/**
 * Turns HCL expressions into document tree nodes. Literals become scalars,
 * tuples and objects become lists and maps, and anything whose value is only
 * known at plan time (references, function calls, interpolations, conditionals,
 * for expressions, operators, splats) stays an `expression` with its source text.
 */
import type { Node } from 'web-tree-sitter';
import type { MapEntry, TreeNode } from '../tree.js';
import { heredocValue, unescapeQuoted } from './hcl-strings.js';
import { sourceOf, spanOf, syntaxChildren } from './syntax-node.js';

/**
 * Maximum recursion depth of one conversion. Each tuple or object level uses
 * about three calls, so values nested deeper than about 60 levels stay
 * unevaluated expressions instead of exhausting the stack.
 */
const MAX_VALUE_DEPTH = 200;

const UNWRAPPED_TYPES = new Set(['expression', 'literal_value', 'collection_value', 'template_expr', 'operation']);

/** Converts an HCL `expression` (or any node below one) of `text` to a tree node. */
export function valueOf(text: string, node: Node, depth = 0): TreeNode {
  if (depth > MAX_VALUE_DEPTH || node.hasError) return unknownValue(text, node);
  const children = syntaxChildren(node);
  const only = children.length === 1 ? children[0] : undefined;
  switch (node.type) {
    case 'expression':
    case 'literal_value':
    case 'collection_value':
    case 'template_expr':
      // One child of a known kind is the whole value; an index, splat or
      // operator next to it makes the value unknown.
      return only !== undefined && (UNWRAPPED_TYPES.has(only.type) || node.type !== 'expression')
        ? valueOf(text, only, depth + 1)
        : unknownValue(text, node);
    case 'operation':
      return only?.type === 'unary_operation' ? negativeNumber(text, node, only) : unknownValue(text, node);
    case 'numeric_lit':
      return numberValue(text, node);
    case 'bool_lit':
      return { kind: 'scalar', span: spanOf(node), value: sourceOf(text, node) === 'true' };
    case 'null_lit':
      return { kind: 'scalar', span: spanOf(node), value: null };
    case 'string_lit':
    case 'quoted_template':
      return quotedValue(text, node, children);
    case 'heredoc_template':
      return heredocNodeValue(text, node, children);
    case 'tuple':
      return tupleValue(text, node, children, depth);
    case 'object':
      return objectValue(text, node, children, depth);
    default:
      return unknownValue(text, node);
  }
}

/** Builds an expression node carrying the source text of `node`. */
export function unknownValue(text: string, node: Node): TreeNode {
  return { kind: 'expression', span: spanOf(node), text: sourceOf(text, node) };
}

function numberValue(text: string, node: Node): TreeNode {
  const value = Number(sourceOf(text, node));
  return Number.isFinite(value) ? { kind: 'scalar', span: spanOf(node), value } : unknownValue(text, node);
}

/** `-5` is a unary operation in the grammar, but a known number to a rule such as a port check. */
function negativeNumber(text: string, node: Node, operation: Node): TreeNode {
  const operand = syntaxChildren(operation);
  const literal = operand.length === 1 && operand[0]?.type === 'literal_value' ? syntaxChildren(operand[0])[0] : undefined;
  if (literal?.type !== 'numeric_lit' || !sourceOf(text, operation).startsWith('-')) return unknownValue(text, node);
  const value = -Number(sourceOf(text, literal));
  return Number.isFinite(value) ? { kind: 'scalar', span: spanOf(node), value } : unknownValue(text, node);
}

/** Reads a quoted string whose parts are all literal. Interpolations or directives keep it unknown. */
function quotedValue(text: string, node: Node, children: Node[]): TreeNode {
  const first = children[0];
  const last = children[children.length - 1];
  const literalOnly = children.every((child) => child.type.startsWith('quoted_template_') || child.type === 'template_literal');
  if (!literalOnly || first === undefined || last === undefined || first === last || last.isMissing) {
    return unknownValue(text, node);
  }
  const value = unescapeQuoted(text.slice(first.endIndex, last.startIndex));
  return value === undefined ? unknownValue(text, node) : { kind: 'scalar', span: spanOf(node), value };
}

function heredocNodeValue(text: string, node: Node, children: Node[]): TreeNode {
  const markers = children.filter((child) => child.type === 'heredoc_identifier');
  const opening = markers[0];
  const closing = markers[markers.length - 1];
  const literalOnly = children.every((child) => child.type !== 'template_interpolation' && child.type !== 'template_directive');
  if (!literalOnly || opening === undefined || closing === undefined || opening === closing) {
    return unknownValue(text, node);
  }
  const bodyStart = text.indexOf('\n', opening.endIndex) + 1;
  const closingLineStart = text.lastIndexOf('\n', closing.startIndex - 1) + 1;
  if (bodyStart === 0) return unknownValue(text, node);
  const body = closingLineStart > bodyStart ? text.slice(bodyStart, closingLineStart) : '';
  const flush = children[0]?.type === 'heredoc_start' && sourceOf(text, children[0]) === '<<-';
  return { kind: 'scalar', span: spanOf(node), value: heredocValue(body, flush) };
}

function tupleValue(text: string, node: Node, children: Node[], depth: number): TreeNode {
  const items = children
    .filter((child) => child.type === 'expression')
    .map((child) => valueOf(text, child, depth + 1));
  return { kind: 'list', span: spanOf(node), items };
}

/** Reads an object constructor. One key that is only known at plan time makes the whole object unknown. */
function objectValue(text: string, node: Node, children: Node[], depth: number): TreeNode {
  const entries: MapEntry[] = [];
  for (const element of children) {
    if (element.type !== 'object_elem') continue;
    const keyNode = element.childForFieldName('key');
    const valueNode = element.childForFieldName('val');
    const key = keyNode === null ? undefined : objectKey(text, keyNode);
    if (key === undefined || keyNode === null || valueNode === null) return unknownValue(text, node);
    entries.push({ key, keySpan: spanOf(keyNode), value: valueOf(text, valueNode, depth + 1) });
  }
  return { kind: 'map', span: spanOf(node), entries };
}

/** Returns the string HCL uses for a bare-word or literal object key, or undefined for a computed key. */
function objectKey(text: string, keyNode: Node): string | undefined {
  const children = syntaxChildren(keyNode);
  const only = children.length === 1 ? children[0] : undefined;
  if (only === undefined) return undefined;
  if (only.type === 'variable_expr') {
    const parts = syntaxChildren(only);
    return parts.length === 1 && parts[0]?.type === 'identifier' ? sourceOf(text, parts[0]) : undefined;
  }
  if (only.type !== 'literal_value') return undefined;
  const value = valueOf(text, only);
  if (value.kind !== 'scalar') return undefined;
  return value.value === null ? 'null' : String(value.value);
}
