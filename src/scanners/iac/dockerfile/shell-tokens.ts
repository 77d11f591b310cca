/** The operator after a shell command: a list separator, a pipe or a line break. */
export type ShellSeparator = '&&' | '||' | ';' | '|' | '&' | '\n';

export interface RawCommand {
  tokens: string[];
  start: number;
  end: number;
  separator?: ShellSeparator;
}

/**
 * Splits a POSIX shell script into simple commands with their words,
 * quotes removed. Text inside quotes, backticks and `$(...)` never splits.
 * Parentheses of subshells only end words. This is a scanner for rules,
 * not a shell: no expansion happens.
 */
export function tokenizeShell(script: string): RawCommand[] {
  const state = new ShellTokenizer(script);
  state.run();
  return state.commands;
}

class ShellTokenizer {
  readonly commands: RawCommand[] = [];
  private tokens: string[] = [];
  private token = '';
  private inToken = false;
  private commandStart = -1;
  private lastEnd = 0;
  private quote = '';
  private substitution = 0;

  constructor(private readonly script: string) {}

  run(): void {
    let index = 0;
    while (index < this.script.length) index = this.step(index);
    this.endCommand(undefined);
    const last = this.commands[this.commands.length - 1];
    if (last?.separator === '\n') delete last.separator;
  }

  private step(index: number): number {
    const char = this.script[index] as string;
    const next = this.script[index + 1];
    if (this.quote !== '') return this.stepQuoted(index, char, next);
    if (char === '\\') {
      if (next !== '\n' && next !== undefined) this.append(next, index, 2);
      return index + 2;
    }
    if (char === "'" || char === '"' || char === '`') {
      this.quote = char;
      this.append(char === '`' ? char : '', index, 1);
      return index + 1;
    }
    if (char === '$' && next === '(') {
      this.substitution++;
      this.append('$(', index, 2);
      return index + 2;
    }
    if (this.substitution > 0) {
      if (char === ')') this.substitution--;
      this.append(char, index, 1);
      return index + 1;
    }
    return this.stepPlain(index, char, next);
  }

  private stepQuoted(index: number, char: string, next: string | undefined): number {
    if (char === this.quote) {
      this.append(char === '`' ? char : '', index, 1);
      this.quote = '';
      return index + 1;
    }
    if (this.quote === '"' && char === '\\' && next !== undefined && '"$`\\'.includes(next)) {
      this.append(next, index, 2);
      return index + 2;
    }
    this.append(char, index, 1);
    return index + 1;
  }

  private stepPlain(index: number, char: string, next: string | undefined): number {
    if (char === ' ' || char === '\t' || char === '\r' || char === '(' || char === ')') {
      this.endToken();
      return index + 1;
    }
    if (char === '#' && !this.inToken) {
      const newline = this.script.indexOf('\n', index);
      return newline === -1 ? this.script.length : newline;
    }
    const separator = this.separatorAt(char, next);
    if (separator === undefined) {
      this.append(char, index, 1);
      return index + 1;
    }
    this.endCommand(separator);
    return index + separator.length;
  }

  private separatorAt(char: string, next: string | undefined): ShellSeparator | undefined {
    if (char === '\n' || char === ';') return char;
    if (char === '|') return next === '|' ? '||' : '|';
    if (char !== '&') return undefined;
    if (next === '&') return '&&';
    // `2>&1` and `&>file` are redirections, not background separators.
    const redirect = this.token.endsWith('>') || this.token.endsWith('<') || next === '>';
    return redirect ? undefined : '&';
  }

  private append(text: string, index: number, length: number): void {
    if (this.commandStart === -1) this.commandStart = index;
    this.token += text;
    this.inToken = true;
    this.lastEnd = index + length;
  }

  private endToken(): void {
    if (this.inToken) this.tokens.push(this.token);
    this.token = '';
    this.inToken = false;
  }

  private endCommand(separator: ShellSeparator | undefined): void {
    this.endToken();
    if (this.tokens.length > 0) {
      const command: RawCommand = { tokens: this.tokens, start: this.commandStart, end: this.lastEnd };
      if (separator !== undefined) command.separator = separator;
      this.commands.push(command);
    } else if (separator !== undefined && separator !== '\n') {
      const previous = this.commands[this.commands.length - 1];
      if (previous !== undefined && previous.separator === '\n') previous.separator = separator;
    }
    this.tokens = [];
    this.commandStart = -1;
  }
}
