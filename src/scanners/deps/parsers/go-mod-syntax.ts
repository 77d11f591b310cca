/**
 * Line-level syntax of go.mod files: comments, quoted tokens and factored
 * blocks such as `require ( ... )`, following the grammar in the Go
 * Modules Reference (https://go.dev/ref/mod#go-mod-file-grammar).
 */

/** One directive with its arguments, such as `require golang.org/x/net v0.23.0`. */
export interface GoModDirective {
  verb: string;
  args: string[];
  /** 1-based line in go.mod. */
  line: number;
  /** Text of the trailing `//` comment without the slashes, trimmed. */
  comment: string;
}

/** A go.mod syntax error, which the caller wraps in a `LockfileError` with the file path. */
export class GoModSyntaxError extends Error {}

interface LineTokens {
  tokens: string[];
  comment: string;
}

/** Reads a double-quoted Go string starting at `start` and returns its value and the index after it. */
function readQuoted(text: string, start: number, lineNo: number): [string, number] {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') return [value, i + 1];
    if (ch === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      i += 2;
      continue;
    }
    value += ch;
    i++;
  }
  throw new GoModSyntaxError(`line ${lineNo}: unterminated quoted string`);
}

/** Splits one line into tokens, keeping `(`, `)` and `=>` as tokens and the comment apart. */
function tokenizeLine(text: string, lineNo: number): LineTokens {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
    } else if (text.startsWith('//', i)) {
      return { tokens, comment: text.slice(i + 2).trim() };
    } else if (ch === '"') {
      const [value, next] = readQuoted(text, i, lineNo);
      tokens.push(value);
      i = next;
    } else if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) throw new GoModSyntaxError(`line ${lineNo}: unterminated raw string`);
      tokens.push(text.slice(i + 1, end));
      i = end + 1;
    } else if (ch === '(' || ch === ')') {
      tokens.push(ch);
      i++;
    } else {
      let end = i;
      while (end < text.length && !' \t\r"`()'.includes(text[end]!) && !text.startsWith('//', end)) {
        end++;
      }
      tokens.push(text.slice(i, end));
      i = end;
    }
  }
  return { tokens, comment: '' };
}

/**
 * Parses go.mod text into directives, expanding factored blocks so that
 * each entry of `require ( ... )` becomes its own `require` directive.
 * Throws `GoModSyntaxError` for unbalanced parentheses or bad quoting.
 */
export function parseGoModSyntax(text: string): GoModDirective[] {
  const directives: GoModDirective[] = [];
  const lines = text.split('\n');
  let blockVerb: string | undefined;
  let blockLine = 0;
  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const { tokens, comment } = tokenizeLine(lines[index]!, lineNo);
    if (tokens.length === 0) continue;
    if (blockVerb !== undefined) {
      if (tokens.length === 1 && tokens[0] === ')') {
        blockVerb = undefined;
        continue;
      }
      if (tokens.includes('(') || tokens.includes(')')) {
        throw new GoModSyntaxError(`line ${lineNo}: unexpected parenthesis inside ${blockVerb} block`);
      }
      directives.push({ verb: blockVerb, args: tokens, line: lineNo, comment });
      continue;
    }
    const [verb, ...args] = tokens;
    if (verb === '(' || verb === ')') {
      throw new GoModSyntaxError(`line ${lineNo}: unexpected "${verb}"`);
    }
    if (args.length === 1 && args[0] === '(') {
      blockVerb = verb!;
      blockLine = lineNo;
      continue;
    }
    if (args.includes('(') || args.includes(')')) {
      throw new GoModSyntaxError(`line ${lineNo}: unexpected parenthesis after ${verb}`);
    }
    directives.push({ verb: verb!, args, line: lineNo, comment });
  }
  if (blockVerb !== undefined) {
    throw new GoModSyntaxError(`line ${blockLine}: ${blockVerb} block is never closed with ")"`);
  }
  return directives;
}
