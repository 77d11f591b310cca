/**
 * Recognises the import forms of JavaScript and TypeScript from the newest
 * tokens of the scanner: `import … from 'x'`, `export … from 'x'`,
 * `import 'x'`, `import('x')`, `require('x')`, `module.require('x')` and
 * `require.resolve('x')` (which also covers `import x = require('x')`).
 */
import { stringValue } from './js-lexer.js';
import {
  CODE,
  isPunctuator,
  TOKEN_IDENTIFIER,
  TOKEN_STRING,
  TOKEN_TEMPLATE,
  type Token,
  type TokenWindow,
} from './js-tokens.js';

export interface FoundSpecifier {
  module: string;
  /** Offset of the specifier's first character. */
  offset: number;
  typeOnly: boolean;
}

export class ImportMatcher {
  /** Inside an `import` or `export` declaration that may end in `from 'x'`. */
  private inClause = false;
  private clauseTokens = 0;
  private clauseTypeOnly = false;
  readonly found: FoundSpecifier[] = [];

  constructor(
    private readonly text: string,
    private readonly window: TokenWindow,
  ) {}

  /** Checks the import forms that end with `newest`, the token just pushed to the window. */
  accept(newest: Token): void {
    if (isPunctuator(newest, CODE.semicolon)) this.inClause = false;
    if (newest.kind === TOKEN_IDENTIFIER && (newest.word === 'import' || newest.word === 'export')) {
      if (!isPunctuator(this.window.back(1), CODE.dot)) {
        this.inClause = true;
        this.clauseTokens = 0;
        this.clauseTypeOnly = false;
      }
      return;
    }
    if (this.inClause) this.trackClause(newest);
    if (newest.kind === TOKEN_STRING) this.matchStatic(newest);
    else if (isPunctuator(newest, CODE.closeParen) || isPunctuator(newest, CODE.comma)) this.matchCall();
  }

  /** Notes `import type {…}`, `import type X`, `export type *`: the second clause token is `type` and the third is no `from`, `,` or `=`. */
  private trackClause(newest: Token): void {
    this.clauseTokens += 1;
    if (this.clauseTokens !== 2) return;
    const previous = this.window.back(1);
    if (previous?.kind !== TOKEN_IDENTIFIER || previous.word !== 'type') return;
    if (newest.kind === TOKEN_IDENTIFIER) this.clauseTypeOnly = newest.word !== 'from';
    else this.clauseTypeOnly = isPunctuator(newest, CODE.openBrace) || isPunctuator(newest, CODE.star);
  }

  /** `from 'x'` in an import or export declaration, and `import 'x'`. */
  private matchStatic(newest: Token): void {
    const previous = this.window.back(1);
    if (previous?.kind !== TOKEN_IDENTIFIER) return;
    if (previous.word === 'from' && this.inClause) {
      this.record(newest, this.clauseTypeOnly);
      this.inClause = false;
    } else if (previous.word === 'import' && !isPunctuator(this.window.back(2), CODE.dot)) {
      this.record(newest, false);
      this.inClause = false;
    }
  }

  /** `require('x')`, `module.require('x')`, `require.resolve('x')` and `import('x')`, seen at their `)` or `,`. */
  private matchCall(): void {
    const argument = this.window.back(1);
    if (argument?.kind !== TOKEN_STRING && argument?.kind !== TOKEN_TEMPLATE) return;
    if (!isPunctuator(this.window.back(2), CODE.openParen)) return;
    const callee = this.window.back(3);
    if (callee?.kind !== TOKEN_IDENTIFIER) return;
    const beforeDot = isPunctuator(this.window.back(4), CODE.dot);
    const owner = this.window.back(5);
    const ownerWord = owner?.kind === TOKEN_IDENTIFIER ? owner.word : '';
    const plain = (callee.word === 'require' || callee.word === 'import') && !beforeDot;
    const viaModule = callee.word === 'require' && beforeDot && ownerWord === 'module';
    const resolve = callee.word === 'resolve' && beforeDot && ownerWord === 'require';
    if (plain || viaModule || resolve) this.record(argument, false);
  }

  private record(token: Token, typeOnly: boolean): void {
    const value = stringValue(this.text, token.start, token.end);
    if (value === undefined || value === '') return;
    this.found.push({ module: value, offset: token.start + 1, typeOnly });
  }
}
