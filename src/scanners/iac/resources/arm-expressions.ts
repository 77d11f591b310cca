/**
 * Evaluates the small part of the ARM template expression language that
 * names and flags are usually built from: string and number literals,
 * `parameters()` with a scalar `defaultValue`, `variables()`, `concat()`,
 * `toLower()` and `toUpper()`. Everything else (resourceGroup(), copyIndex(),
 * property access) is known only at deployment and gives undefined.
 */
import type { Scalar, TreeNode } from '../tree.js';

export interface ArmScope {
  /** Scalar `defaultValue` of each parameter that has one, by lower-case name because ARM ignores case in names. */
  parameters: ReadonlyMap<string, Scalar>;
  /** Each variable's value as written, by lower-case name. */
  variables: ReadonlyMap<string, TreeNode>;
}

/** Maximum of nested calls in one expression and of variables that refer to other variables. */
const MAX_DEPTH = 32;

/**
 * Maximum of variable lookups in one evaluation. Variables that each refer
 * to another one twice would otherwise take 2^MAX_DEPTH steps.
 */
const MAX_VARIABLE_LOOKUPS = 1_000;

/** Variable lookups left to one top-level evaluation. */
interface Budget {
  lookups: number;
}

/** Checks for a string that ARM evaluates: `[...]`, but not `[[...`, which is a literal `[`. */
export function isArmExpression(text: string): boolean {
  return text.startsWith('[') && text.endsWith(']') && !text.startsWith('[[');
}

/** Evaluates `text` (with its brackets) in `scope`, or returns undefined when the value is not known before deployment. */
export function evaluateArmExpression(text: string, scope: ArmScope): Scalar | undefined {
  return evaluate(text, scope, 0, { lookups: MAX_VARIABLE_LOOKUPS });
}

function evaluate(text: string, scope: ArmScope, depth: number, budget: Budget): Scalar | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const parser = new ExpressionParser(text.slice(1, -1), scope, depth, budget);
  const value = parser.parseValue(0);
  return parser.atEnd() ? value : undefined;
}

/** Marks a value that is not known before deployment while the parser reads on. */
const UNKNOWN = Symbol('unknown');
type Value = Scalar | typeof UNKNOWN;

class ExpressionParser {
  private at = 0;
  /** Set on a syntax error or a construct outside the subset, so the whole expression is unknown. */
  private failed = false;

  constructor(
    private readonly text: string,
    private readonly scope: ArmScope,
    private readonly depth: number,
    private readonly budget: Budget,
  ) {}

  atEnd(): boolean {
    this.skipBlanks();
    return !this.failed && this.at === this.text.length;
  }

  parseValue(nesting: number): Scalar | undefined {
    const value = this.parse(nesting);
    return value === UNKNOWN || this.failed ? undefined : value;
  }

  private parse(nesting: number): Value {
    this.skipBlanks();
    if (nesting > MAX_DEPTH) return this.fail();
    const char = this.text.charAt(this.at);
    if (char === "'") return this.parseString();
    if ((char >= '0' && char <= '9') || char === '-') return this.parseNumber();
    const name = this.parseName();
    if (name === '') return this.fail();
    this.skipBlanks();
    if (this.text.charAt(this.at) !== '(') return this.fail();
    this.at++;
    const args = this.parseArguments(nesting);
    this.skipBlanks();
    // Property access and indexes (`.id`, `[0]`) read deployment-time objects.
    const next = this.text.charAt(this.at);
    if (next === '.' || next === '[') return this.fail();
    return args === undefined ? UNKNOWN : this.call(name.toLowerCase(), args);
  }

  private parseArguments(nesting: number): Value[] | undefined {
    const args: Value[] = [];
    this.skipBlanks();
    if (this.text.charAt(this.at) === ')') {
      this.at++;
      return args;
    }
    while (!this.failed) {
      args.push(this.parse(nesting + 1));
      this.skipBlanks();
      const separator = this.text.charAt(this.at);
      this.at++;
      if (separator === ')') return args;
      if (separator !== ',') this.fail();
    }
    return undefined;
  }

  private call(name: string, args: Value[]): Value {
    if (args.some((arg) => arg === UNKNOWN)) return UNKNOWN;
    const first = args[0];
    if (name === 'parameters' && args.length === 1 && typeof first === 'string') {
      return this.scope.parameters.get(first.toLowerCase()) ?? UNKNOWN;
    }
    if (name === 'variables' && args.length === 1 && typeof first === 'string') return this.variable(first);
    if (name === 'concat' && args.every((arg) => typeof arg === 'string' || typeof arg === 'number')) {
      return args.join('');
    }
    if ((name === 'tolower' || name === 'toupper') && args.length === 1 && typeof first === 'string') {
      return name === 'tolower' ? first.toLowerCase() : first.toUpperCase();
    }
    return UNKNOWN;
  }

  private variable(name: string): Value {
    this.budget.lookups--;
    if (this.budget.lookups < 0) return UNKNOWN;
    const node = this.scope.variables.get(name.toLowerCase());
    if (node?.kind !== 'scalar') return UNKNOWN;
    if (typeof node.value !== 'string') return node.value;
    if (!isArmExpression(node.value)) return node.value.startsWith('[[') ? node.value.slice(1) : node.value;
    return evaluate(node.value, this.scope, this.depth + 1, this.budget) ?? UNKNOWN;
  }

  /** Reads a quoted literal, in which `''` stands for one quote. */
  private parseString(): Value {
    let value = '';
    this.at++;
    for (;;) {
      const close = this.text.indexOf("'", this.at);
      if (close === -1) return this.fail();
      value += this.text.slice(this.at, close);
      this.at = close + 1;
      if (this.text.charAt(this.at) !== "'") return value;
      value += "'";
      this.at++;
    }
  }

  private parseNumber(): Value {
    const start = this.at;
    if (this.text.charAt(this.at) === '-') this.at++;
    while (this.text.charAt(this.at) >= '0' && this.text.charAt(this.at) <= '9') this.at++;
    const value = Number(this.text.slice(start, this.at));
    return Number.isSafeInteger(value) ? value : this.fail();
  }

  private parseName(): string {
    const start = this.at;
    while (this.at < this.text.length && isNameChar(this.text.charCodeAt(this.at))) this.at++;
    return this.text.slice(start, this.at);
  }

  private skipBlanks(): void {
    while (this.text.charAt(this.at) === ' ' || this.text.charAt(this.at) === '\t') this.at++;
  }

  private fail(): Value {
    this.failed = true;
    return UNKNOWN;
  }
}

/** Letters, digits and `_`, which function names consist of. */
function isNameChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
}
