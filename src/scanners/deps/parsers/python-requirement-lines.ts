/**
 * Line handling for pip requirements files: continuation lines, comments,
 * and the split between the requirement and pip options on each line.
 */

export interface LogicalLine {
  /** 1-based line of the first physical line. */
  line: number;
  text: string;
}

export type RequirementLine =
  | { kind: 'include' | 'constraint' | 'editable'; target: string }
  | { kind: 'option'; option: string }
  | { kind: 'requirement'; spec: string; hashes: string[] };

function isCommentLine(text: string): boolean {
  return text.trimStart().startsWith('#');
}

/** Cuts a comment: `#` at the start or after whitespace (a `#` inside a URL fragment stays). */
function stripComment(text: string): string {
  let at = text.indexOf('#');
  while (at >= 0) {
    if (at === 0 || /\s/.test(text.charAt(at - 1))) return text.slice(0, at);
    at = text.indexOf('#', at + 1);
  }
  return text;
}

/**
 * Joins lines that end in `\` with the next one and strips comments, as
 * pip does. A comment line ends a continuation, which also matches pip.
 */
export function readLogicalLines(text: string): LogicalLine[] {
  const result: LogicalLine[] = [];
  const physical = text.split('\n');
  let parts: string[] = [];
  let startLine = 0;
  const flush = (): void => {
    const joined = stripComment(parts.join('')).trim();
    if (joined !== '') result.push({ line: startLine, text: joined });
    parts = [];
  };
  physical.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (parts.length === 0) startLine = index + 1;
    if (isCommentLine(line)) {
      flush();
      return;
    }
    if (line.endsWith('\\')) {
      parts.push(line.slice(0, -1), ' ');
      return;
    }
    parts.push(line);
    flush();
  });
  if (parts.length > 0) flush();
  return result;
}

/** Option names whose value names another file or an editable requirement. */
const FILE_OPTIONS: Record<string, 'include' | 'constraint' | 'editable'> = {
  '-r': 'include',
  '--requirement': 'include',
  '-c': 'constraint',
  '--constraint': 'constraint',
  '-e': 'editable',
  '--editable': 'editable',
};

/** Classifies one logical line (comments already stripped, not empty). */
export function classifyLine(text: string): RequirementLine {
  if (text.startsWith('-')) return classifyOptionLine(text);
  const tokens = text.split(/\s+/);
  const optionsAt = tokens.findIndex((token) => token.startsWith('-'));
  const specTokens = optionsAt < 0 ? tokens : tokens.slice(0, optionsAt);
  const optionTokens = optionsAt < 0 ? [] : tokens.slice(optionsAt);
  return { kind: 'requirement', spec: specTokens.join(' '), hashes: hashValues(optionTokens) };
}

function classifyOptionLine(text: string): RequirementLine {
  const space = text.search(/[\s=]/);
  const option = space < 0 ? text : text.slice(0, space);
  const kind = FILE_OPTIONS[option];
  if (kind !== undefined)
    return {
      kind,
      target: text
        .slice(option.length)
        .replace(/^[\s=]+/, '')
        .trim(),
    };
  // Short options also take their value without a space: `-rbase.txt`.
  const short = FILE_OPTIONS[text.slice(0, 2)];
  if (short !== undefined && !text.startsWith('--'))
    return { kind: short, target: text.slice(2).trim() };
  return { kind: 'option', option };
}

/** Values of `--hash=algo:hex` and `--hash algo:hex` among the per-requirement options. */
function hashValues(tokens: string[]): string[] {
  const values: string[] = [];
  tokens.forEach((token, index) => {
    if (token.startsWith('--hash=')) values.push(token.slice('--hash='.length));
    else if (token === '--hash' && tokens[index + 1] !== undefined)
      values.push(tokens[index + 1] as string);
  });
  return values;
}
