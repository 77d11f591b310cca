/**
 * Finds the module specifiers that JavaScript and TypeScript source imports
 * with string literals: `require('x')`, `require.resolve('x')`,
 * `import … from 'x'`, `import 'x'`, `import('x')`, `export … from 'x'` and
 * `import x = require('x')`.
 *
 * A hand-written scanner walks the text once. It skips comments, strings,
 * template text, regular-expression literals and JSX text, keeps a stack of
 * nested contexts (template substitutions and JSX expressions inside each
 * other) instead of recursing, and looks at the last few tokens to recognise
 * the import forms.
 */
import {
  isDigit,
  isIdentifierPart,
  isIdentifierStart,
  isWhitespace,
  skipBlockComment,
  skipIdentifier,
  skipLineComment,
  skipNumber,
  skipQuoted,
  skipRegularExpression,
} from './js-lexer.js';
import { ImportMatcher } from './js-import-matcher.js';
import {
  ARROW,
  CODE,
  INCREMENT,
  isPunctuator,
  MAX_WORD_LENGTH,
  TOKEN_IDENTIFIER,
  TOKEN_PUNCTUATOR,
  TOKEN_STRING,
  TOKEN_TEMPLATE,
  TOKEN_VALUE,
  TokenWindow,
} from './js-tokens.js';
import { LineCounter } from './line-counter.js';

export interface JavaScriptImport {
  /** The specifier as written, escapes decoded (`lodash/fp`, `./util.js`, `node:fs`). */
  module: string;
  /** Position of the specifier's first character, just after the opening quote; 1-based. */
  line: number;
  column: number;
  /** TypeScript `import type … from` or `export type … from`, which needs no runtime package. */
  typeOnly: boolean;
}

const JAVASCRIPT_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.tsx', '.mts', '.cts'];
/** Extensions whose files may contain JSX. `.ts` files may not, because `<T>x` is a type assertion there. */
const JSX_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.tsx'];

/** Checks whether `path` names a JavaScript or TypeScript source file that `importsOfJavaScript` reads. */
export function isJavaScriptPath(path: string): boolean {
  const lower = path.toLowerCase();
  return JAVASCRIPT_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/**
 * Nesting limit for template substitutions and JSX. Real code nests a few
 * levels; deeper input is hostile, and scanning stops there so the stack
 * stays small. Imports found before that point are still returned.
 */
const MAX_NESTING = 1024;

/** Keywords after which a `/` starts a regular expression rather than a division. */
const KEYWORDS_BEFORE_EXPRESSION = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw',
  'case', 'do', 'else', 'yield', 'await', 'extends',
]);

type Frame =
  | { kind: 'code'; braces: number }
  | { kind: 'template'; start: number; substituted: boolean }
  | { kind: 'jsx-tag' }
  | { kind: 'jsx-children' };

class ImportScanner {
  private pos = 0;
  private readonly frames: Frame[] = [{ kind: 'code', braces: 0 }];
  private readonly window = new TokenWindow();
  readonly matcher: ImportMatcher;

  constructor(
    private readonly text: string,
    private readonly jsx: boolean,
  ) {
    this.matcher = new ImportMatcher(text, this.window);
  }

  run(): void {
    if (this.text.startsWith('#!')) this.pos = skipLineComment(this.text, 0);
    while (this.pos < this.text.length) {
      const frame = this.frames[this.frames.length - 1];
      if (frame === undefined) return;
      if (frame.kind === 'code') this.stepCode(frame);
      else if (frame.kind === 'template') this.stepTemplate(frame);
      else if (frame.kind === 'jsx-tag') this.stepJsxTag();
      else this.stepJsxChildren();
    }
  }

  private push(kind: number, start: number, end: number, word = '', code = 0): void {
    this.matcher.accept(this.window.push(kind, start, end, word, code));
  }

  private enter(frame: Frame): void {
    if (this.frames.length >= MAX_NESTING) {
      this.pos = this.text.length;
      return;
    }
    this.frames.push(frame);
  }

  private stepCode(frame: { kind: 'code'; braces: number }): void {
    const text = this.text;
    let start = this.pos;
    while (start < text.length && isWhitespace(text.charCodeAt(start))) start += 1;
    this.pos = start;
    if (start >= text.length) return;
    const code = text.charCodeAt(start);
    const next = text.charCodeAt(start + 1);
    if (code === CODE.slash) return this.slash(next);
    if (code === CODE.quote || code === CODE.doubleQuote) {
      const { end, closed } = skipQuoted(text, start);
      this.pos = end;
      return this.push(closed ? TOKEN_STRING : TOKEN_VALUE, start, end);
    }
    if (code === CODE.backtick) {
      this.pos = start + 1;
      return this.enter({ kind: 'template', start, substituted: false });
    }
    if (code === CODE.openBrace) frame.braces += 1;
    if (code === CODE.closeBrace) {
      if (frame.braces === 0 && this.frames.length > 1) {
        this.frames.pop();
        this.pos = start + 1;
        return;
      }
      if (frame.braces > 0) frame.braces -= 1;
    }
    if (code === CODE.less && this.jsx && this.regexAllowed() && this.startsJsx(start)) {
      this.pos = start + 1;
      return this.enter({ kind: 'jsx-tag' });
    }
    if (isIdentifierStart(code) || (code === CODE.hash && isIdentifierStart(next))) {
      const end = skipIdentifier(text, start);
      this.pos = end;
      return this.push(TOKEN_IDENTIFIER, start, end, end - start <= MAX_WORD_LENGTH ? text.slice(start, end) : '');
    }
    if (isDigit(code) || (code === CODE.dot && isDigit(next))) {
      this.pos = skipNumber(text, start);
      return this.push(TOKEN_VALUE, start, this.pos);
    }
    this.punctuator(code, next, start);
  }

  private punctuator(code: number, next: number, start: number): void {
    let length = 1;
    let tokenCode: number = code;
    if ((code === CODE.plus || code === CODE.minus) && next === code) {
      length = 2;
      tokenCode = INCREMENT;
    } else if (code === CODE.equals && next === CODE.greater) {
      length = 2;
      tokenCode = ARROW;
    }
    this.pos = start + length;
    this.push(TOKEN_PUNCTUATOR, start, this.pos, '', tokenCode);
  }

  private slash(next: number): void {
    const start = this.pos;
    if (next === CODE.slash) {
      this.pos = skipLineComment(this.text, start);
    } else if (next === CODE.star) {
      this.pos = skipBlockComment(this.text, start);
    } else if (this.regexAllowed()) {
      this.pos = skipRegularExpression(this.text, start);
      this.push(TOKEN_VALUE, start, this.pos);
    } else {
      this.pos = start + 1;
      this.push(TOKEN_PUNCTUATOR, start, this.pos, '', CODE.slash);
    }
  }

  /**
   * Decides whether an expression may start here, which makes `/` a
   * regular expression and `<` a JSX element. After `)` this guesses
   * division, so `if (x) /re/.test(y)` is misread; the damage ends at the
   * line break, because regular expressions and strings cannot span lines.
   */
  private regexAllowed(): boolean {
    const last = this.window.back(0);
    if (last === undefined) return true;
    if (last.kind === TOKEN_IDENTIFIER) {
      return KEYWORDS_BEFORE_EXPRESSION.has(last.word) && !isPunctuator(this.window.back(1), CODE.dot);
    }
    if (last.kind !== TOKEN_PUNCTUATOR) return false;
    return last.code !== CODE.closeParen && last.code !== CODE.closeBracket && last.code !== INCREMENT;
  }

  /**
   * Whether the `<` at `start` opens a JSX element or fragment rather than a
   * TSX generic arrow function (`<T,>(x: T) => x`, `<T extends U>(…)`).
   */
  private startsJsx(start: number): boolean {
    const text = this.text;
    const next = text.charCodeAt(start + 1);
    if (next === CODE.greater) return true;
    if (!isIdentifierStart(next) || next === CODE.backslash) return false;
    let after = skipIdentifier(text, start + 1);
    while (after < text.length && isWhitespace(text.charCodeAt(after))) after += 1;
    if (text.charCodeAt(after) === CODE.comma) return false;
    return !(text.startsWith('extends', after) && !isIdentifierPart(text.charCodeAt(after + 7)));
  }

  private stepTemplate(frame: { kind: 'template'; start: number; substituted: boolean }): void {
    const text = this.text;
    let pos = this.pos;
    while (pos < text.length) {
      const code = text.charCodeAt(pos);
      if (code === CODE.backslash) {
        pos += 2;
      } else if (code === CODE.backtick) {
        this.frames.pop();
        this.pos = pos + 1;
        return this.push(frame.substituted ? TOKEN_VALUE : TOKEN_TEMPLATE, frame.start, pos + 1);
      } else if (code === CODE.dollar && text.charCodeAt(pos + 1) === CODE.openBrace) {
        frame.substituted = true;
        this.pos = pos + 2;
        this.push(TOKEN_PUNCTUATOR, pos + 1, pos + 2, '', CODE.openBrace);
        return this.enter({ kind: 'code', braces: 0 });
      } else {
        pos += 1;
      }
    }
    this.pos = text.length;
  }

  /** Inside `<Tag …>`: attribute strings contain no escapes, `{…}` contains code, `/>` or `>` ends the tag. */
  private stepJsxTag(): void {
    const text = this.text;
    const start = this.pos;
    const code = text.charCodeAt(start);
    const next = text.charCodeAt(start + 1);
    if (code === CODE.openBrace) return this.enterExpression(start);
    if (code === CODE.quote || code === CODE.doubleQuote) {
      const close = text.indexOf(text.charAt(start), start + 1);
      this.pos = close < 0 ? text.length : close + 1;
      return;
    }
    if (code === CODE.slash && next === CODE.greater) {
      this.pos = start + 2;
      return this.closeElement();
    }
    if (code === CODE.slash && next === CODE.star) {
      this.pos = skipBlockComment(text, start);
      return;
    }
    if (code === CODE.slash && next === CODE.slash) {
      this.pos = skipLineComment(text, start);
      return;
    }
    if (code === CODE.greater) this.frames[this.frames.length - 1] = { kind: 'jsx-children' };
    this.pos = start + 1;
  }

  /** Between `<Tag>` and `</Tag>`: text up to the next `{`, child element or closing tag. */
  private stepJsxChildren(): void {
    const text = this.text;
    let pos = this.pos;
    while (pos < text.length) {
      const code = text.charCodeAt(pos);
      if (code === CODE.openBrace) return this.enterExpression(pos);
      if (code === CODE.less) {
        let after = pos + 1;
        while (after < text.length && isWhitespace(text.charCodeAt(after))) after += 1;
        if (text.charCodeAt(after) === CODE.slash) {
          const close = text.indexOf('>', after);
          this.pos = close < 0 ? text.length : close + 1;
          return this.closeElement();
        }
        this.pos = pos + 1;
        return this.enter({ kind: 'jsx-tag' });
      }
      pos += 1;
    }
    this.pos = text.length;
  }

  private enterExpression(start: number): void {
    this.pos = start + 1;
    this.push(TOKEN_PUNCTUATOR, start, start + 1, '', CODE.openBrace);
    this.enter({ kind: 'code', braces: 0 });
  }

  /** Leaves a finished JSX element; in code it then counts as an operand, so a following `/` divides. */
  private closeElement(): void {
    this.frames.pop();
    if (this.frames[this.frames.length - 1]?.kind === 'code') this.push(TOKEN_VALUE, this.pos, this.pos);
  }
}

/**
 * Lists the string-literal module specifiers that `text` imports, in order
 * of position. `path` decides whether JSX is recognised. Specifiers built at
 * run time (`require(name)`, `import(`./${x}`)`) are not listed. Linear in
 * the length of `text`; never throws.
 */
export function importsOfJavaScript(path: string, text: string): JavaScriptImport[] {
  const lower = path.toLowerCase();
  const scanner = new ImportScanner(text, JSX_EXTENSIONS.some((extension) => lower.endsWith(extension)));
  scanner.run();
  const found = [...scanner.matcher.found].sort((a, b) => a.offset - b.offset);
  const lines = new LineCounter(text);
  return found.map((entry) => ({ module: entry.module, ...lines.position(entry.offset), typeOnly: entry.typeOnly }));
}
