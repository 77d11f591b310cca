/**
 * The document tree that every infrastructure-as-code parser produces:
 * maps, lists and scalars with the exact span of each node and key, so
 * that a rule can point at the line that sets a value. Values a parser
 * cannot know (a Terraform variable without a default, `!Ref`) stay
 * expressions and are never read as secure.
 */

/** 1-based lines; columns 1-based in UTF-16 code units, end exclusive. */
export interface Span {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export type Scalar = string | number | boolean | null;

export interface MapEntry {
  key: string;
  keySpan: Span;
  value: TreeNode;
}

export type TreeNode =
  | { kind: 'map'; span: Span; entries: MapEntry[]; tag?: string }
  | { kind: 'list'; span: Span; items: TreeNode[]; tag?: string }
  | { kind: 'scalar'; span: Span; value: Scalar; tag?: string }
  /**
   * A value known only at deploy time: an HCL expression that could not be
   * evaluated, a CloudFormation intrinsic function (`tag` is `!Ref`,
   * `!Sub`...), an ARM template expression. `text` is the source as written.
   */
  | { kind: 'expression'; span: Span; text: string; tag?: string };

/**
 * Tag prefix of a scalar that Terraform evaluation read from another
 * resource's attribute (`aws_vpc.main.cidr_block`); the rest of the tag is
 * the reference as written, so links between resources still see it.
 */
export const REFERENCE_TAG = 'ref:';

/** One parsed file; YAML streams give one document per `---`. */
export interface ParsedDocument {
  /** Relative, `/`-separated path of the file. */
  path: string;
  /** 0-based index of the document within the file. */
  index: number;
  root: TreeNode;
}

/** A file that could not be parsed: the scan reports it and goes on. */
export class IacParseError extends Error {
  constructor(
    readonly path: string,
    readonly line: number | undefined,
    message: string,
  ) {
    super(`${path}${line === undefined ? '' : `:${line}`}: ${message}`);
    this.name = 'IacParseError';
  }
}

/** The entry of `node` under `key`, when `node` is a map that has one. */
export function entryOf(node: TreeNode | undefined, key: string): MapEntry | undefined {
  return node?.kind === 'map' ? node.entries.find((entry) => entry.key === key) : undefined;
}
