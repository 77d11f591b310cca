/**
 * Parses Terraform configuration (`.tf`, `.tfvars`) into blocks with exact
 * spans, using the tree-sitter Terraform grammar. Values are not evaluated:
 * variables, locals and `count`/`for_each` are resolved by later steps.
 */
import type { Node } from 'web-tree-sitter';
import { IacParseError, type Span, type TreeNode } from '../tree.js';
import { parseWithLimit, terraformParser } from './grammar.js';
import { unescapeQuoted } from './hcl-strings.js';
import { valueOf } from './hcl-values.js';
import { collectSyntaxErrors, type TerraformSyntaxError } from './syntax-errors.js';
import { sourceOf, spanOf, syntaxChildren } from './syntax-node.js';

export type { TerraformSyntaxError } from './syntax-errors.js';

export type MapNode = Extract<TreeNode, { kind: 'map' }>;

/**
 * One block of any type. Top-level types are `resource`, `data`, `module`,
 * `variable`, `locals`, `output`, `provider` and `terraform`, plus newer ones
 * such as `moved`, `import` and `check`. Nested types include `versioning`,
 * `dynamic` and the `content` block inside it.
 */
export interface TerraformBlock {
  type: string;
  /** Labels with quotes and escapes removed: `["aws_s3_bucket", "logs"]`. */
  labels: string[];
  span: Span;
  /** The body's attributes in source order; a map spanning the whole block. */
  attributes: MapNode;
  blocks: TerraformBlock[];
}

export interface TerraformFile {
  path: string;
  blocks: TerraformBlock[];
  /** Attributes outside any block, as in `.tfvars` files (also JSON-style `.tfvars` objects). */
  attributes: MapNode;
  /** Syntax errors and duplicate attributes. The blocks and attributes around them are still returned. */
  errors: TerraformSyntaxError[];
}

export interface ParseTerraformOptions {
  /** Time after which the parse is cancelled and the file reported unreadable. */
  timeLimitMs?: number;
}

// NOTE: a guessed limit. A generated 1 MB file of 4,600 resources takes about
// 0.75 s to parse and convert (2-core VM, Node 20), so only hostile input should get near it.
const DEFAULT_TIME_LIMIT_MS = 10_000;

/** Maximum block nesting that is read. Real configurations rarely nest more than five levels. */
const MAX_BLOCK_DEPTH = 32;

/**
 * Parses one Terraform file. Syntax errors are listed in `errors` with their
 * line; throws IacParseError only when the parse exceeds the time limit.
 */
export async function parseTerraform(
  path: string,
  text: string,
  options: ParseTerraformOptions = {},
): Promise<TerraformFile> {
  const parser = await terraformParser();
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  let tree = parseWithLimit(parser, text, timeLimitMs);
  if (tree === undefined) {
    throw new IacParseError(path, undefined, `parsing took longer than ${timeLimitMs} ms; the file was skipped`);
  }
  if (EXPONENT.test(text)) {
    // The grammar rejects numbers with an exponent (1e9), and the error swallows the rest of the
    // file. On the lines in error, such numbers become names of the same length, so they read
    // as unknown values and everything after them is still parsed.
    // An error is often reported on the token after the number, so the line before counts too.
    const errorLines = new Set(collectSyntaxErrors(tree.rootNode, text).flatMap((error) => [error.line - 1, error.line]));
    const masked = errorLines.size > 0 ? maskExponents(text, errorLines) : text;
    if (masked !== text) {
      const retried = parseWithLimit(parser, masked, timeLimitMs);
      if (retried !== undefined) {
        tree.delete();
        tree = retried;
        text = masked;
      }
    }
  }
  try {
    const reader = new BodyReader(text);
    const root = tree.rootNode;
    const file: TerraformFile = { path, blocks: [], attributes: emptyMap(spanOf(root)), errors: [] };
    for (const child of syntaxChildren(root)) {
      if (child.type === 'body') reader.readBody(child, file.attributes, file.blocks, 0);
      if (child.type === 'object') file.attributes = objectAsAttributes(text, child);
    }
    file.errors = [...collectSyntaxErrors(root, text), ...reader.errors].sort(
      (a, b) => a.line - b.line || a.column - b.column,
    );
    return file;
  } finally {
    tree.delete();
  }
}

/** A number with an exponent, such as 1e9 or 2.5E-3. */
const EXPONENT = /\d[eE][+-]?\d/;
const EXPONENT_NUMBER = /(?<![\w.$])\d+(?:\.\d+)?[eE][+-]?\d+(?![\w.])/g;

/** Replaces exponent numbers outside strings and comments on `lines` with `x` runs of the same length. */
function maskExponents(text: string, lines: ReadonlySet<number>): string {
  const parts = text.split('\n');
  for (const line of lines) {
    const source = parts[line - 1];
    if (source === undefined || source.length > 10_000) continue;
    parts[line - 1] = source.replace(EXPONENT_NUMBER, (match, offset: number) => {
      const before = source.slice(0, offset);
      const quotes = (before.match(/(?<!\\)"/g) ?? []).length;
      const comment = /#|\/\//.test(before.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
      return quotes % 2 === 0 && !comment ? 'x'.repeat(match.length) : match;
    });
  }
  return parts.join('\n');
}

/** Reads bodies into attribute maps and block lists, collecting semantic errors such as duplicates. */
class BodyReader {
  readonly errors: TerraformSyntaxError[] = [];

  constructor(private readonly text: string) {}

  readBody(body: Node, attributes: MapNode, blocks: TerraformBlock[], depth: number): void {
    for (const child of syntaxChildren(body)) {
      if (child.type === 'attribute') this.readAttribute(child, attributes);
      if (child.type === 'block') this.readBlock(child, blocks, depth);
    }
  }

  private readAttribute(node: Node, attributes: MapNode): void {
    const [name, expression] = syntaxChildren(node);
    if (name?.type !== 'identifier' || expression === undefined) return;
    const key = sourceOf(this.text, name);
    const earlier = attributes.entries.find((entry) => entry.key === key);
    if (earlier !== undefined) {
      this.addError(name, `attribute "${key}" is already defined on line ${earlier.keySpan.startLine}`);
      return;
    }
    attributes.entries.push({ key, keySpan: spanOf(name), value: valueOf(this.text, expression) });
  }

  private readBlock(node: Node, blocks: TerraformBlock[], depth: number): void {
    if (depth >= MAX_BLOCK_DEPTH) {
      this.addError(node, `blocks nested more than ${MAX_BLOCK_DEPTH} levels deep are not read`);
      return;
    }
    const parts = syntaxChildren(node);
    const typeNode = parts[0];
    if (typeNode?.type !== 'identifier') return;
    const block: TerraformBlock = {
      type: sourceOf(this.text, typeNode),
      labels: [],
      span: spanOf(node),
      attributes: emptyMap(spanOf(node)),
      blocks: [],
    };
    for (const part of parts.slice(1)) {
      if (part.type === 'string_lit' || part.type === 'identifier') block.labels.push(this.labelOf(part));
      if (part.type === 'body') this.readBody(part, block.attributes, block.blocks, depth + 1);
    }
    blocks.push(block);
  }

  private labelOf(node: Node): string {
    if (node.type === 'identifier') return sourceOf(this.text, node);
    const raw = sourceOf(this.text, node);
    // A label whose closing quote is missing is kept as written; the error is reported.
    const inner = raw.length >= 2 && raw.endsWith('"') ? raw.slice(1, -1) : raw.slice(1);
    return unescapeQuoted(inner) ?? inner;
  }

  private addError(node: Node, message: string): void {
    this.errors.push({ line: node.startPosition.row + 1, column: node.startPosition.column + 1, message });
  }
}

function emptyMap(span: Span): MapNode {
  return { kind: 'map', span, entries: [] };
}

/** Reads a `.tfvars` file written as one object, `{ region = "eu-west-1" }`. A computed key leaves the map empty. */
function objectAsAttributes(text: string, node: Node): MapNode {
  const value = valueOf(text, node);
  return value.kind === 'map' ? value : emptyMap(spanOf(node));
}
