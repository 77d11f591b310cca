/**
 * The positioned model of a Dockerfile that the Dockerfile rules read:
 * instructions as BuildKit reads them, grouped into build stages.
 */
import type { Span } from '../tree.js';

export type EscapeCharacter = '\\' | '`';

/** A problem the parser tolerated, as `docker build` does with a warning. */
export interface ParseWarning {
  line: number;
  message: string;
}

/**
 * A source position for each stretch of an instruction's `arguments` that
 * came from one source line: `arguments[offset]` sits at `line`:`column`.
 */
export interface Segment {
  offset: number;
  line: number;
  column: number;
}

export interface Heredoc {
  /** The delimiter word without quotes. */
  delimiter: string;
  /** `<<-`: leading tabs are stripped from the body and the closing line. */
  stripTabs: boolean;
  /** False when the delimiter was quoted, so the body is not variable-expanded. */
  expand: boolean;
  /** The body lines, each ending in a newline, as the build writes them. */
  body: string;
  /** From the first body line to the end of the closing delimiter line. */
  span: Span;
  /** Positions of the body text, for `spanOf`. */
  segments: Segment[];
  /** False when the file ended before the closing delimiter. */
  terminated: boolean;
}

export interface Instruction {
  /** Upper-cased instruction name, such as `RUN`. */
  keyword: string;
  /** Source text from the keyword to the end of the last line, as written. */
  raw: string;
  /** Text after the keyword, with continuation characters and line breaks removed. */
  arguments: string;
  /** `arguments` without the leading `--name=value` flags. */
  operands: string;
  /** Offset of `operands` within `arguments`. */
  operandsOffset: number;
  /** Positions of `arguments`, for `spanOf`. */
  segments: Segment[];
  /** From the keyword to the end of the last line, heredoc bodies included. */
  span: Span;
  /** Index of the build stage, or -1 for an ARG before the first FROM. */
  stage: number;
  /** Leading flags by name without dashes; repeated flags keep their order. */
  flags: Record<string, string[]>;
  /** Only for RUN, CMD, ENTRYPOINT and SHELL. */
  form?: 'exec' | 'shell';
  /** The JSON array of an exec form instruction. */
  args?: string[];
  heredocs: Heredoc[];
  /** The escape character of the file, which quoting in the arguments follows. */
  escape: EscapeCharacter;
}

export interface ImageReference {
  /** The reference as written in the FROM line. */
  written: string;
  /** After substituting the ARG values known before the first FROM. */
  resolved: string;
  /**
   * `image` for a registry image, `scratch`, `stage` for the name of an
   * earlier stage, `unresolved` when a variable has no known value.
   */
  kind: 'image' | 'scratch' | 'stage' | 'unresolved';
  /** Registry host with optional port, only when written. */
  registry?: string;
  /** Path between the registry and the last name component, such as `library`. */
  namespace?: string;
  /** The last path component, such as `node`. */
  name: string;
  tag?: string;
  /** Such as `sha256:` and 64 hex digits. */
  digest?: string;
  /** Variables in the reference that have no value before the first FROM. */
  unresolvedVariables: string[];
  /** ARG defaults that were substituted; a build argument can override them. */
  substitutedVariables: string[];
  /** Index of the earlier stage, when `kind` is `stage`. */
  stageIndex?: number;
  /** A digest is present and nothing in the reference is unresolved. */
  pinned: boolean;
}

export interface Stage {
  index: number;
  /** The `AS` name, lower-cased as BuildKit does. */
  name?: string;
  /** Registry, namespace and name of the resolved reference, without tag or digest. */
  image: string;
  tag?: string;
  digest?: string;
  /** The `--platform` flag as written. */
  platform?: string;
  reference: ImageReference;
  /** From the FROM keyword to the end of the stage's last instruction. */
  span: Span;
  /** The stage's instructions, FROM first. */
  instructions: Instruction[];
}

export interface Dockerfile {
  path: string;
  stages: Stage[];
  /** Every instruction in file order, including ARGs before the first FROM. */
  instructions: Instruction[];
  /** Parser directives by lower-cased name, such as `syntax`. */
  directives: Record<string, string>;
  escape: EscapeCharacter;
  warnings: ParseWarning[];
}
