/**
 * Rewrites CloudFormation intrinsic functions inside resource properties:
 * long forms (`{"Ref": "X"}`, `{"Fn::GetAtt": [...]}`) become expression
 * nodes like the short YAML tags do, and a `Ref` to a parameter with a
 * scalar Default becomes that value, so JSON and YAML templates read alike.
 */
import type { MapEntry, Scalar, Span, TreeNode } from '../tree.js';

/** Longest `text` written for a long-form function whose argument is a list or map. */
const MAX_EXPRESSION_TEXT = 2_000;

/**
 * Rewrites `node` and everything below it. `defaults` maps parameter names
 * to their Default values. A resolved `Ref` keeps the span of the reference,
 * so a finding points at the property and not at the Parameters section.
 * Pseudo parameters (`AWS::Region`) and parameters without a Default stay
 * expressions. Nodes shared through YAML aliases are rewritten once.
 */
export function resolveIntrinsics(node: TreeNode, defaults: ReadonlyMap<string, Scalar>): TreeNode {
  return new IntrinsicRewriter(defaults).rewrite(node);
}

class IntrinsicRewriter {
  private readonly done = new Map<TreeNode, TreeNode>();

  constructor(private readonly defaults: ReadonlyMap<string, Scalar>) {}

  rewrite(node: TreeNode): TreeNode {
    const cached = this.done.get(node);
    if (cached !== undefined) return cached;
    const rewritten = this.rewriteUncached(node);
    this.done.set(node, rewritten);
    return rewritten;
  }

  private rewriteUncached(node: TreeNode): TreeNode {
    if (node.kind === 'expression') {
      return node.tag === '!Ref' ? this.resolveRef(node.text, node.span) ?? node : node;
    }
    if (node.kind === 'list') return { ...node, items: node.items.map((item) => this.rewrite(item)) };
    if (node.kind !== 'map') return node;
    const only = node.entries.length === 1 ? node.entries[0] : undefined;
    if (only !== undefined && isLongForm(only)) return this.rewriteLongForm(only, node.span);
    const entries = node.entries.map((entry): MapEntry => ({ ...entry, value: this.rewrite(entry.value) }));
    return { ...node, entries };
  }

  private rewriteLongForm(entry: MapEntry, span: Span): TreeNode {
    const argument = entry.value;
    if (entry.key === 'Ref' && argument.kind === 'scalar' && typeof argument.value === 'string') {
      const resolved = this.resolveRef(argument.value, span);
      if (resolved !== undefined) return resolved;
    }
    const tag = `!${entry.key.startsWith('Fn::') ? entry.key.slice('Fn::'.length) : entry.key}`;
    return { kind: 'expression', span, text: renderArgument(argument), tag };
  }

  private resolveRef(name: string, span: Span): TreeNode | undefined {
    if (!this.defaults.has(name)) return undefined;
    return { kind: 'scalar', span, value: this.defaults.get(name) ?? null };
  }
}

/**
 * Checks for a map entry that is a long-form function. `Condition` counts
 * only with a string argument, because IAM policy statements also have a
 * `Condition` key, whose value is a map.
 */
function isLongForm(entry: MapEntry): boolean {
  if (entry.key === 'Ref') return true;
  if (entry.key === 'Condition') return entry.value.kind === 'scalar' && typeof entry.value.value === 'string';
  return entry.key.startsWith('Fn::');
}

/** Renders a function argument: a scalar as its value, a list or map in a compact flow style. */
function renderArgument(node: TreeNode): string {
  if (node.kind === 'scalar') return String(node.value);
  const parts: string[] = [];
  let length = 0;
  const stack: Array<TreeNode | string> = [node];
  while (stack.length > 0 && length <= MAX_EXPRESSION_TEXT) {
    const next = stack.pop()!;
    const piece = typeof next === 'string' ? next : pushChildren(next, stack);
    parts.push(piece);
    length += piece.length;
  }
  const text = parts.join('');
  return text.length > MAX_EXPRESSION_TEXT ? `${text.slice(0, MAX_EXPRESSION_TEXT)}...` : text;
}

/** Returns the opening text of `node` and pushes the rest of its rendering onto `stack`, last piece first. */
function pushChildren(node: TreeNode, stack: Array<TreeNode | string>): string {
  if (node.kind === 'scalar') return JSON.stringify(node.value);
  if (node.kind === 'expression') return `${node.tag ?? ''} ${node.text}`.trim();
  const pieces: Array<TreeNode | string> = [];
  if (node.kind === 'list') {
    node.items.forEach((item, index) => pieces.push(index === 0 ? '' : ', ', item));
  } else {
    node.entries.forEach((entry, index) => pieces.push(`${index === 0 ? '' : ', '}${entry.key}: `, entry.value));
  }
  pieces.push(node.kind === 'list' ? ']' : '}');
  for (let at = pieces.length - 1; at >= 0; at--) stack.push(pieces[at]!);
  return node.kind === 'list' ? '[' : '{';
}
