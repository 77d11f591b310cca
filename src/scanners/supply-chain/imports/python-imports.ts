/**
 * Finds the absolute module imports of Python source: `import a.b as c, d`,
 * `from a.b import c` (also parenthesised and backslash-continued), and
 * `__import__('x')` / `importlib.import_module('x')` with a string literal.
 * Relative imports are skipped. Indentation tracks the enclosing blocks so
 * that imports guarded by `try: … except ImportError:` or
 * `if TYPE_CHECKING:` are marked optional.
 */
import { LineCounter } from './line-counter.js';
import { PY_NAME, PY_NEWLINE, PY_OPERATOR, PY_STRING, tokenizePython, type PythonToken } from './python-lexer.js';

export interface PythonImport {
  /** Dotted module as written (`sklearn.svm`, `yaml`). */
  module: string;
  /** 1-based position of the module name. */
  line: number;
  column: number;
  /** Guarded by a `try` whose handler catches ImportError (or a parent class, or everything), or under `if TYPE_CHECKING:`. */
  optional: boolean;
  /** Names after `import` in `from a import b, c`; empty for `import a` and `from a import *`. */
  names: string[];
}

/** Checks whether `path` names a Python source or stub file that `importsOfPython` reads. */
export function isPythonPath(path: string): boolean {
  const lower = path.toLowerCase();
  return lower.endsWith('.py') || lower.endsWith('.pyi');
}

/** Exceptions whose handler also catches ImportError. */
const IMPORT_ERROR_CATCHERS = new Set(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException']);
const COMPOUND_KEYWORDS = new Set(['if', 'elif', 'else', 'try', 'except', 'finally', 'for', 'while', 'with', 'def', 'class', 'async']);
/** Import statements longer than this many tokens are cut; real ones list a few dozen names. */
const MAX_STATEMENT_TOKENS = 20_000;
const MAX_HEADER_TOKENS = 256;
/**
 * Deepest block nesting tracked. CPython 3.11 rejects more than 99 nested
 * blocks ("too many levels of indentation"), and the cap keeps the cost of
 * each import bounded on hostile input.
 */
const MAX_BLOCK_DEPTH = 100;

interface TryRecord {
  catchesImportError: boolean;
}

interface Block {
  /** Indentation of the header line; lines indented further belong to the block. */
  indent: number;
  kind: 'try' | 'type-checking' | 'def' | 'other';
  record?: TryRecord;
}

interface Pending {
  module: string;
  offset: number;
  names: string[];
  typeChecking: boolean;
  tries: TryRecord[];
}

class PythonImportScanner {
  private readonly blocks: Block[] = [];
  /** `try` blocks that just closed, by indentation, waiting for their `except` clauses. */
  private readonly closedTries = new Map<number, TryRecord>();
  private indent = 0;
  private atLineStart = true;
  private atStatementStart = true;
  private header: { keyword: string; tokens: PythonToken[] } | undefined;
  private statement: PythonToken[] | undefined;
  private readonly recent: PythonToken[] = [];
  readonly found: Pending[] = [];

  constructor(private readonly text: string) {}

  accept(token: PythonToken): void {
    if (token.kind === PY_NEWLINE) {
      this.endStatement();
      this.header = undefined;
      this.atLineStart = true;
      this.atStatementStart = true;
      return;
    }
    this.remember(token);
    if (this.atLineStart) {
      this.atLineStart = false;
      this.startLogicalLine(token);
      if (token.kind === PY_NAME && COMPOUND_KEYWORDS.has(token.text)) {
        this.header = { keyword: token.text, tokens: [] };
        return;
      }
    }
    if (this.header !== undefined) return this.acceptHeaderToken(token);
    this.acceptStatementToken(token);
  }

  private acceptHeaderToken(token: PythonToken): void {
    const header = this.header;
    if (header === undefined) return;
    if (token.kind === PY_OPERATOR && token.text === ':' && token.depth === 0) {
      this.openBlock(header.keyword, header.tokens);
      this.header = undefined;
      this.atStatementStart = true;
    } else if (header.tokens.length < MAX_HEADER_TOKENS) {
      header.tokens.push(token);
    }
  }

  private acceptStatementToken(token: PythonToken): void {
    if (token.kind === PY_OPERATOR && token.text === ';' && token.depth === 0) {
      this.endStatement();
      this.atStatementStart = true;
      return;
    }
    if (this.atStatementStart) {
      this.atStatementStart = false;
      const opensImport = token.kind === PY_NAME && (token.text === 'import' || token.text === 'from');
      this.statement = opensImport ? [token] : undefined;
    } else if (this.statement !== undefined && this.statement.length < MAX_STATEMENT_TOKENS) {
      this.statement.push(token);
    }
  }

  /** Closes the blocks that this line's indentation leaves and keeps the closed `try` for an `except` on this line. */
  private startLogicalLine(token: PythonToken): void {
    this.indent = indentationBefore(this.text, token.start);
    for (let top = this.blocks.at(-1); top !== undefined && top.indent >= this.indent; top = this.blocks.at(-1)) {
      this.blocks.pop();
      if (top.record !== undefined) this.closedTries.set(top.indent, top.record);
    }
    for (const indent of [...this.closedTries.keys()]) {
      if (indent > this.indent) this.closedTries.delete(indent);
    }
    const word = token.kind === PY_NAME ? token.text : '';
    if (word !== 'except' && word !== 'else' && word !== 'finally') this.closedTries.delete(this.indent);
  }

  private openBlock(keyword: string, tokens: PythonToken[]): void {
    const block: Block = { indent: this.indent, kind: 'other' };
    if (keyword === 'try') {
      block.kind = 'try';
      block.record = { catchesImportError: false };
    } else if (keyword === 'except') {
      const record = this.closedTries.get(this.indent);
      if (record !== undefined && catchesImportError(tokens)) record.catchesImportError = true;
    } else if ((keyword === 'if' || keyword === 'elif') && isTypeCheckingTest(tokens)) {
      block.kind = 'type-checking';
    } else if (keyword === 'def' || (keyword === 'async' && tokens[0]?.text === 'def')) {
      block.kind = 'def';
    }
    if (this.blocks.length < MAX_BLOCK_DEPTH) this.blocks.push(block);
  }

  private endStatement(): void {
    const statement = this.statement;
    this.statement = undefined;
    if (statement === undefined) return;
    if (statement[0]?.text === 'import') this.parseImport(statement);
    else this.parseFromImport(statement);
  }

  /** `import a.b as c, d` */
  private parseImport(tokens: PythonToken[]): void {
    let index = 1;
    for (;;) {
      const dotted = readDottedName(tokens, index);
      if (dotted === undefined) return;
      this.record(dotted.name, dotted.start, []);
      index = dotted.next;
      if (tokens[index]?.text === 'as') index += 2;
      if (tokens[index]?.text !== ',') return;
      index += 1;
    }
  }

  /** `from a.b import c as d, e`, `from a import (b, c)`, `from a import *`; relative forms are skipped. */
  private parseFromImport(tokens: PythonToken[]): void {
    if (tokens[1]?.kind === PY_OPERATOR && tokens[1].text === '.') return;
    const dotted = readDottedName(tokens, 1);
    if (dotted === undefined || tokens[dotted.next]?.text !== 'import') return;
    const names: string[] = [];
    for (let index = dotted.next + 1; index < tokens.length; index += 1) {
      const token = tokens[index] as PythonToken;
      const afterAs = tokens[index - 1]?.text === 'as';
      if (token.kind === PY_NAME && token.text !== 'as' && !afterAs) names.push(token.text);
    }
    this.record(dotted.name, dotted.start, names);
  }

  /** Keeps the last six tokens and recognises `__import__('x')` and `importlib.import_module('x')` at their `)` or `,`. */
  private remember(token: PythonToken): void {
    this.recent.push(token);
    if (this.recent.length > 6) this.recent.shift();
    if (token.kind !== PY_OPERATOR || (token.text !== ')' && token.text !== ',')) return;
    const before = (back: number): PythonToken | undefined => this.recent[this.recent.length - 1 - back];
    const argument = before(1);
    const open = before(2);
    const callee = before(3);
    const dot = before(4);
    const owner = before(5);
    if (argument?.kind !== PY_STRING || open?.text !== '(' || callee?.kind !== PY_NAME) return;
    const attribute = dot?.kind === PY_OPERATOR && dot.text === '.';
    const dynamic =
      (callee.text === '__import__' && !attribute) ||
      (callee.text === 'import_module' && (!attribute || owner?.text === 'importlib'));
    if (!dynamic || /[bft]/.test(argument.prefix)) return;
    const start = argument.start + argument.prefix.length + argument.quoteLength;
    const value = this.text.slice(start, argument.end - argument.quoteLength);
    if (isDottedName(value)) this.record(value, start, []);
  }

  private record(module: string, offset: number, names: string[]): void {
    const typeChecking = this.blocks.some((block) => block.kind === 'type-checking');
    const tries: TryRecord[] = [];
    for (let index = this.blocks.length - 1; index >= 0; index -= 1) {
      const block = this.blocks[index] as Block;
      if (block.kind === 'def') break;
      if (block.record !== undefined) tries.push(block.record);
    }
    this.found.push({ module, offset, names, typeChecking, tries });
  }
}

/** Reads `a.b.c` starting at `tokens[index]`. */
function readDottedName(tokens: PythonToken[], index: number): { name: string; start: number; next: number } | undefined {
  const first = tokens[index];
  if (first?.kind !== PY_NAME) return undefined;
  let name = first.text;
  let next = index + 1;
  while (tokens[next]?.text === '.' && tokens[next + 1]?.kind === PY_NAME) {
    name += `.${(tokens[next + 1] as PythonToken).text}`;
    next += 2;
  }
  return { name, start: first.start, next };
}

function isDottedName(value: string): boolean {
  return value !== '' && value.split('.').every((part) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(part));
}

/** Checks for a bare `except:`, or one naming ImportError, ModuleNotFoundError or a parent class before any `as`. */
function catchesImportError(tokens: PythonToken[]): boolean {
  const names: string[] = [];
  for (const token of tokens) {
    if (token.kind === PY_NAME && token.text === 'as') break;
    if (token.kind === PY_NAME) names.push(token.text);
  }
  return names.length === 0 || names.some((name) => IMPORT_ERROR_CATCHERS.has(name));
}

/** `if TYPE_CHECKING:` or `if typing.TYPE_CHECKING:`, not negated. */
function isTypeCheckingTest(tokens: PythonToken[]): boolean {
  const names = tokens.filter((token) => token.kind === PY_NAME).map((token) => token.text);
  return names.includes('TYPE_CHECKING') && !names.includes('not');
}

/** Width of the indentation before `offset`, with tabs to the next multiple of 8 as CPython counts them. */
function indentationBefore(text: string, offset: number): number {
  let lineStart = offset;
  while (lineStart > 0 && text.charAt(lineStart - 1) !== '\n') lineStart -= 1;
  let width = 0;
  for (let index = lineStart; index < offset; index += 1) {
    const char = text.charAt(index);
    if (char === '\t') width = (Math.floor(width / 8) + 1) * 8;
    else if (char === ' ') width += 1;
  }
  return width;
}

/**
 * Lists the absolute imports of Python source `text` in order of position.
 * `path` is accepted for symmetry with `importsOfJavaScript`; every file is
 * read as Python 3. Linear in the length of `text`; never throws.
 */
export function importsOfPython(_path: string, text: string): PythonImport[] {
  const scanner = new PythonImportScanner(text);
  tokenizePython(text, (token) => scanner.accept(token));
  const found = [...scanner.found].sort((a, b) => a.offset - b.offset);
  const lines = new LineCounter(text);
  return found.map((entry) => ({
    module: entry.module,
    ...lines.position(entry.offset),
    optional: entry.typeChecking || entry.tries.some((record) => record.catchesImportError),
    names: entry.names,
  }));
}
