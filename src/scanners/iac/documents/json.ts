import {
  createScanner,
  parseTree,
  SyntaxKind,
  type Node as JsonNode,
  type ParseError,
  ParseErrorCode,
} from 'jsonc-parser';
import { LineCounter } from 'yaml';
import { IacParseError, type MapEntry, type ParsedDocument, type TreeNode } from '../tree.js';
import { MAX_NESTING_DEPTH } from './limits.js';
import { clampToContent, spanOfRange } from './spans.js';

/**
 * Parses a JSON file (ARM template, CloudFormation JSON, Terraform plan or
 * state, `kubectl get -o json` output) into one document. Every file may
 * contain `//` and `/* *\/` comments and trailing commas. ARM templates may
 * contain comments when deployed with the Azure CLI or PowerShell, and VS
 * Code's JSON with Comments mode accepts both. Neither can change a value,
 * so rejecting them would only hide findings. Anything else outside
 * RFC 8259 (single quotes, unquoted keys, missing commas) is an error.
 * Duplicate keys are kept in order.
 *
 * NOTE: ARM also accepts line breaks inside strings; jsonc-parser does not,
 * so such templates fail here with an "unterminated string" error.
 */
export function loadJsonDocument(path: string, text: string): ParsedDocument {
  const lines = countLines(text);
  const deepOffset = findExcessiveJsonNesting(text);
  if (deepOffset !== undefined) {
    const line = lines.linePos(deepOffset).line;
    throw new IacParseError(path, line, `invalid JSON: objects and arrays nest deeper than ${MAX_NESTING_DEPTH} levels`);
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  const error = errors[0];
  if (error !== undefined || root === undefined) {
    const offset = clampToContent(text, error?.offset ?? 0);
    const position = lines.linePos(offset);
    const reason = error === undefined ? 'no value' : describeError(error.error);
    throw new IacParseError(path, Math.max(1, position.line), `invalid JSON: ${reason} at column ${position.col}`);
  }
  return { path, index: 0, root: buildJsonNode(root, text, lines) };
}

function buildJsonNode(node: JsonNode, text: string, lines: LineCounter): TreeNode {
  const span = spanOfRange(lines, text, node.offset, node.offset + node.length);
  const children = node.children ?? [];
  if (node.type === 'object') {
    const entries: MapEntry[] = [];
    const positions = new Map<string, number>();
    for (const property of children) {
      const [key, value] = property.children ?? [];
      if (key === undefined || value === undefined) continue;
      const keySpan = spanOfRange(lines, text, key.offset, key.offset + key.length);
      const entry: MapEntry = { key: String(key.value), keySpan, value: buildJsonNode(value, text, lines) };
      // A repeated key takes its last value, as Kubernetes, Go and JSON.parse read it.
      const earlier = positions.get(entry.key);
      if (earlier === undefined) {
        positions.set(entry.key, entries.length);
        entries.push(entry);
      } else {
        entries[earlier] = entry;
      }
    }
    return { kind: 'map', span, entries };
  }
  if (node.type === 'array') {
    return { kind: 'list', span, items: children.map((child) => buildJsonNode(child, text, lines)) };
  }
  const value: unknown = node.value;
  const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
  return { kind: 'scalar', span, value: scalar };
}

/**
 * Finds the offset of the first object or array nested deeper than
 * MAX_NESTING_DEPTH with an iterative token scan. It must run before
 * parseTree, because jsonc-parser builds its tree recursively.
 */
function findExcessiveJsonNesting(text: string): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      depth++;
      if (depth > MAX_NESTING_DEPTH) return scanner.getTokenOffset();
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

function countLines(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines.addNewLine(at + 1);
  return lines;
}

const ERROR_TEXT: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'unexpected character',
  [ParseErrorCode.InvalidNumberFormat]: 'invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'property name expected',
  [ParseErrorCode.ValueExpected]: 'value expected',
  [ParseErrorCode.ColonExpected]: 'colon expected',
  [ParseErrorCode.CommaExpected]: 'comma expected',
  [ParseErrorCode.CloseBraceExpected]: 'closing brace expected',
  [ParseErrorCode.CloseBracketExpected]: 'closing bracket expected',
  [ParseErrorCode.EndOfFileExpected]: 'end of file expected after the value',
  [ParseErrorCode.InvalidCommentToken]: 'invalid comment',
  [ParseErrorCode.UnexpectedEndOfComment]: 'unterminated comment',
  [ParseErrorCode.UnexpectedEndOfString]: 'unterminated string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'unterminated number',
  [ParseErrorCode.InvalidUnicode]: 'invalid \\u escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape character',
  [ParseErrorCode.InvalidCharacter]: 'invalid control character in a string',
};

function describeError(code: ParseErrorCode): string {
  return ERROR_TEXT[code] ?? 'syntax error';
}
