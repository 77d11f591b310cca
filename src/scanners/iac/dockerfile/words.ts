import type { EscapeCharacter } from './types.js';

/** A whitespace-separated word of instruction arguments, quotes respected. */
export interface Word {
  /** The word with quotes and escape characters removed. */
  value: string;
  start: number;
  end: number;
  /** Any part of the word was quoted or escaped. */
  quoted: boolean;
}

const isBlank = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;

/**
 * Splits `text` into words the way BuildKit splits ENV, LABEL and flag
 * words: single quotes are literal, and `escape` escapes the next character
 * outside single quotes. An unterminated quote runs to the end of the text.
 */
export function splitWords(text: string, escape: EscapeCharacter, limit = Infinity): Word[] {
  const words: Word[] = [];
  let index = 0;
  while (index < text.length && words.length < limit) {
    while (index < text.length && isBlank(text.charCodeAt(index))) index++;
    if (index >= text.length) break;
    const word = readWord(text, index, escape);
    words.push(word);
    index = word.end;
  }
  return words;
}

function readWord(text: string, start: number, escape: EscapeCharacter): Word {
  const value = new Unquoter(text, escape);
  let index = start;
  while (index < text.length) {
    if (!value.inQuote() && isBlank(text.charCodeAt(index))) break;
    index = value.step(index);
  }
  return { value: value.finish(index), start, end: index, quoted: value.quoted };
}

/**
 * Quote removal as BuildKit's word processing does it: single quotes are
 * literal, and inside double quotes the escape character only escapes `"`,
 * `$` and itself. Slices of plain text are copied whole to stay linear.
 */
class Unquoter {
  quoted = false;
  private readonly parts: string[] = [];
  private quote = '';
  private runStart = -1;

  constructor(
    private readonly text: string,
    private readonly escape: EscapeCharacter,
  ) {}

  inQuote(): boolean {
    return this.quote !== '';
  }

  /** Consumes the character at `index` and returns the next index. */
  step(index: number): number {
    const char = this.text[index] as string;
    const next = this.text[index + 1];
    if (char === this.escape && this.quote !== "'" && next !== undefined) {
      const escapes = this.quote === '' || next === '"' || next === '$' || next === this.escape;
      if (escapes) {
        this.flush(index);
        this.quoted = true;
        this.parts.push(next);
        return index + 2;
      }
    } else if (this.quote === '' && (char === '"' || char === "'")) {
      this.flush(index);
      this.quote = char;
      this.quoted = true;
      return index + 1;
    } else if (char === this.quote) {
      this.flush(index);
      this.quote = '';
      return index + 1;
    }
    if (this.runStart === -1) this.runStart = index;
    return index + 1;
  }

  finish(end: number): string {
    this.flush(end);
    return this.parts.join('');
  }

  private flush(end: number): void {
    if (this.runStart !== -1) this.parts.push(this.text.slice(this.runStart, end));
    this.runStart = -1;
  }
}

/** Removes quotes and escape characters from a whole value, keeping inner whitespace. */
export function unquote(text: string, escape: EscapeCharacter): string {
  const value = new Unquoter(text, escape);
  let index = 0;
  while (index < text.length) index = value.step(index);
  return value.finish(text.length);
}
