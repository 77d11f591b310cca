import { Composer, isScalar, LineCounter, Parser, type Node, type YAMLError } from 'yaml';
import { IacParseError, type ParsedDocument } from '../tree.js';
import { MAX_NESTING_DEPTH } from './limits.js';
import { clampToContent, lineOfOffset } from './spans.js';
import { findExcessiveNesting } from './yaml-depth.js';
import { YamlTreeBuilder } from './yaml-tree.js';

/**
 * Parses a YAML stream into one ParsedDocument per non-empty document.
 * `index` is the position of the document in the stream, counting the
 * empty ones that are skipped. Scalars follow the YAML 1.2 core schema, so
 * `yes`, `no`, `on` and `off` stay strings although YAML 1.1 tools
 * (and older Kubernetes tooling) read them as booleans. A document that
 * starts with `%YAML 1.1` is read with the YAML 1.1 rules it declares.
 * Duplicate keys are kept in order. Throws IacParseError for the first
 * syntax error in the file, for nesting deeper than MAX_NESTING_DEPTH, and
 * for aliases that expand beyond MAX_ALIAS_NODES.
 */
export function loadYamlDocuments(path: string, text: string): ParsedDocument[] {
  const lines = new LineCounter();
  const tokens = Array.from(new Parser(lines.addNewLine).parse(text));
  const deepOffset = findExcessiveNesting(tokens);
  if (deepOffset !== undefined) {
    const line = lineOfOffset(lines, deepOffset);
    throw new IacParseError(path, line, `invalid YAML: maps and lists nest deeper than ${MAX_NESTING_DEPTH} levels`);
  }
  const composer = new Composer({ uniqueKeys: false, merge: false, prettyErrors: false });
  const builder = new YamlTreeBuilder(path, text, lines);
  const documents: ParsedDocument[] = [];
  let index = 0;
  for (const document of composer.compose(tokens)) {
    const error = document.errors[0];
    if (error !== undefined) throw toParseError(path, text, lines, error);
    const root = document.contents as Node | null;
    if (root !== null && !isEmptyDocument(root)) {
      documents.push({ path, index, root: builder.buildDocument(root) });
    }
    index++;
  }
  const streamError = composer.streamInfo().errors[0];
  if (streamError !== undefined) throw toParseError(path, text, lines, streamError);
  return documents;
}

/** Checks for a document of only comments, to which the yaml package gives an empty null scalar. */
function isEmptyDocument(root: Node): boolean {
  return isScalar(root) && root.value === null && root.source === '' && root.tag === undefined;
}

function toParseError(path: string, text: string, lines: LineCounter, error: YAMLError): IacParseError {
  const firstLine = error.message.split('\n', 1)[0] ?? error.code;
  const line = lineOfOffset(lines, clampToContent(text, error.pos[0]));
  return new IacParseError(path, line, `invalid YAML: ${firstLine}`);
}
