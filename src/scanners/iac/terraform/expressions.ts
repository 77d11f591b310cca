/**
 * Parses the source text of one HCL expression into a small syntax tree for
 * the evaluator. It covers literals, quoted templates with `${...}`,
 * references with attribute and index steps, function calls, tuples,
 * objects, the conditional operator and the arithmetic, comparison and
 * logical operators. Other syntax (`for` expressions, splats, heredocs,
 * template directives) throws UnsupportedSyntax, so the value stays unknown.
 */
import { unescapeQuoted } from './hcl-strings.js';

export type Expr =
  | { type: 'literal'; value: string | number | boolean | null }
  | { type: 'template'; parts: Array<string | Expr> }
  | { type: 'variable'; name: string }
  | { type: 'get'; target: Expr; key: Expr }
  | { type: 'call'; name: string; args: Expr[]; expand: boolean }
  | { type: 'tuple'; items: Expr[] }
  | { type: 'object'; entries: Array<{ key: Expr; value: Expr }> }
  | { type: 'conditional'; condition: Expr; then: Expr; otherwise: Expr }
  | { type: 'binary'; operator: string; left: Expr; right: Expr }
  | { type: 'unary'; operator: '!' | '-'; operand: Expr };

/** Syntax the evaluator does not read; the expression stays unknown. */
export class UnsupportedSyntax extends Error {}

/** Maximum nesting of one expression; deeper input stays unknown instead of exhausting the stack. */
const MAX_DEPTH = 64;

/** Binary operators from lowest to highest precedence. */
const PRECEDENCE: string[][] = [['||'], ['&&'], ['==', '!='], ['<=', '>=', '<', '>'], ['+', '-'], ['*', '/', '%']];

/** Parses `text`; throws UnsupportedSyntax for anything outside the subset or malformed. */
export function parseExpression(text: string): Expr {
  const parser = new ExpressionParser(text);
  const expr = parser.expression(0);
  parser.skipSpace();
  if (!parser.atEnd()) throw new UnsupportedSyntax(`unexpected text at offset ${parser.offset}`);
  return expr;
}

class ExpressionParser {
  offset = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.offset >= this.text.length;
  }

  expression(depth: number): Expr {
    if (depth > MAX_DEPTH) throw new UnsupportedSyntax('expression nested too deeply');
    const condition = this.binary(0, depth);
    if (!this.accept('?')) return condition;
    const then = this.expression(depth + 1);
    this.expect(':');
    const otherwise = this.expression(depth + 1);
    return { type: 'conditional', condition, then, otherwise };
  }

  private binary(level: number, depth: number): Expr {
    const operators = PRECEDENCE[level];
    if (operators === undefined) return this.unary(depth);
    let left = this.binary(level + 1, depth);
    for (;;) {
      this.skipSpace();
      const operator = operators.find((candidate) => this.text.startsWith(candidate, this.offset));
      if (operator === undefined) return left;
      this.offset += operator.length;
      const right = this.binary(level + 1, depth + 1);
      left = { type: 'binary', operator, left, right };
    }
  }

  private unary(depth: number): Expr {
    this.skipSpace();
    const char = this.text[this.offset];
    if (char === '!' || char === '-') {
      this.offset += 1;
      return { type: 'unary', operator: char, operand: this.unary(depth + 1) };
    }
    return this.postfix(this.primary(depth), depth);
  }

  private postfix(target: Expr, depth: number): Expr {
    let result = target;
    for (;;) {
      this.skipSpace();
      if (this.text.startsWith('.*', this.offset) || this.text.startsWith('[*]', this.offset)) {
        throw new UnsupportedSyntax('splat expressions are not evaluated');
      }
      if (this.text.startsWith('...', this.offset)) return result;
      if (this.accept('.')) {
        this.skipSpace();
        const digits = this.readWhile((char) => char >= '0' && char <= '9');
        const key = digits === '' ? this.identifier() : digits;
        result = { type: 'get', target: result, key: { type: 'literal', value: digits === '' ? key : Number(key) } };
      } else if (this.accept('[')) {
        const key = this.expression(depth + 1);
        this.expect(']');
        result = { type: 'get', target: result, key };
      } else {
        return result;
      }
    }
  }

  private primary(depth: number): Expr {
    this.skipSpace();
    const char = this.text[this.offset];
    if (char === undefined) throw new UnsupportedSyntax('unexpected end of expression');
    if (char === '"') return this.template(depth);
    if (char === '[') return this.tuple(depth);
    if (char === '{') return this.object(depth);
    if (char === '(') {
      this.offset += 1;
      const inner = this.expression(depth + 1);
      this.expect(')');
      return inner;
    }
    if (char >= '0' && char <= '9') return this.number();
    return this.identifierExpression(depth);
  }

  private identifierExpression(depth: number): Expr {
    const name = this.identifier();
    if (name === 'true' || name === 'false') return { type: 'literal', value: name === 'true' };
    if (name === 'null') return { type: 'literal', value: null };
    if (name === 'for') throw new UnsupportedSyntax('for expressions are not evaluated');
    this.skipSpace();
    if (this.text.startsWith('::', this.offset)) throw new UnsupportedSyntax('provider functions are not evaluated');
    if (!this.accept('(')) return { type: 'variable', name };
    const args: Expr[] = [];
    let expand = false;
    while (!this.accept(')')) {
      args.push(this.expression(depth + 1));
      this.skipSpace();
      if (this.text.startsWith('...', this.offset)) {
        this.offset += 3;
        expand = true;
      }
      if (!this.accept(',')) {
        this.expect(')');
        break;
      }
    }
    return { type: 'call', name, args, expand };
  }

  private tuple(depth: number): Expr {
    this.offset += 1;
    const items: Expr[] = [];
    while (!this.accept(']')) {
      items.push(this.expression(depth + 1));
      if (!this.accept(',')) {
        this.expect(']');
        break;
      }
    }
    return { type: 'tuple', items };
  }

  private object(depth: number): Expr {
    this.offset += 1;
    const entries: Array<{ key: Expr; value: Expr }> = [];
    while (!this.accept('}')) {
      const key = this.expression(depth + 1);
      if (!this.accept('=') && !this.accept(':')) throw new UnsupportedSyntax('missing "=" in object');
      const value = this.expression(depth + 1);
      // A bare word key is a string, not a reference; `(name)` forces a reference.
      entries.push({ key: key.type === 'variable' ? { type: 'literal', value: key.name } : key, value });
      this.accept(',');
    }
    return { type: 'object', entries };
  }

  private number(): Expr {
    const start = this.offset;
    this.readWhile((char) => (char >= '0' && char <= '9') || char === '.');
    if (this.text[this.offset] === 'e' || this.text[this.offset] === 'E') {
      this.offset += 1;
      if (this.text[this.offset] === '+' || this.text[this.offset] === '-') this.offset += 1;
      this.readWhile((char) => char >= '0' && char <= '9');
    }
    const value = Number(this.text.slice(start, this.offset));
    if (!Number.isFinite(value)) throw new UnsupportedSyntax('invalid number');
    return { type: 'literal', value };
  }

  /** Reads a quoted template. Literal chunks are unescaped with the parser's rules. */
  private template(depth: number): Expr {
    this.offset += 1;
    const parts: Array<string | Expr> = [];
    let chunkStart = this.offset;
    const flush = (): void => {
      const chunk = unescapeQuoted(this.text.slice(chunkStart, this.offset));
      if (chunk === undefined) throw new UnsupportedSyntax('invalid escape in string');
      if (chunk !== '') parts.push(chunk);
    };
    for (;;) {
      const char = this.text[this.offset];
      if (char === undefined || char === '\n') throw new UnsupportedSyntax('unterminated string');
      if (char === '\\') {
        this.offset += 2;
      } else if (char === '"') {
        flush();
        this.offset += 1;
        return parts.length === 1 && typeof parts[0] === 'string'
          ? { type: 'literal', value: parts[0] }
          : { type: 'template', parts };
      } else if (this.text.startsWith('$${', this.offset) || this.text.startsWith('%%{', this.offset)) {
        this.offset += 3;
      } else if (this.text.startsWith('%{', this.offset)) {
        throw new UnsupportedSyntax('template directives are not evaluated');
      } else if (this.text.startsWith('${', this.offset)) {
        flush();
        this.offset += 2;
        this.accept('~');
        parts.push(this.expression(depth + 1));
        this.skipSpace();
        this.accept('~');
        this.expect('}');
        chunkStart = this.offset;
      } else {
        this.offset += 1;
      }
    }
  }

  private identifier(): string {
    const name = this.readWhile((char) => /[\p{L}\p{N}_]/u.test(char) || char === '-');
    // An identifier starts with a letter or underscore; digits and dashes may follow.
    if (!/^[\p{L}_]/u.test(name)) {
      throw new UnsupportedSyntax(`unexpected character at offset ${this.offset}`);
    }
    return name;
  }

  private readWhile(test: (char: string) => boolean): string {
    const start = this.offset;
    while (this.offset < this.text.length && test(this.text[this.offset] as string)) this.offset += 1;
    return this.text.slice(start, this.offset);
  }

  /** Skips whitespace and `#`, `//` and `/* *\/` comments. */
  skipSpace(): void {
    for (;;) {
      this.readWhile((char) => char === ' ' || char === '\t' || char === '\n' || char === '\r');
      if (this.text.startsWith('#', this.offset) || this.text.startsWith('//', this.offset)) {
        const end = this.text.indexOf('\n', this.offset);
        this.offset = end === -1 ? this.text.length : end;
      } else if (this.text.startsWith('/*', this.offset)) {
        const end = this.text.indexOf('*/', this.offset + 2);
        this.offset = end === -1 ? this.text.length : end + 2;
      } else {
        return;
      }
    }
  }

  private accept(token: string): boolean {
    this.skipSpace();
    if (!this.text.startsWith(token, this.offset)) return false;
    this.offset += token.length;
    return true;
  }

  private expect(token: string): void {
    if (!this.accept(token)) throw new UnsupportedSyntax(`expected "${token}" at offset ${this.offset}`);
  }
}
