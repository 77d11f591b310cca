/**
 * Converts offsets into 1-based lines and columns. Offsets must be asked in
 * increasing order, so a whole file costs one pass over its text however
 * many positions are asked.
 */
export class LineCounter {
  private line = 1;
  private lineStart = 0;
  /** Offset of the next `\n` at or after `lineStart`, -1 when there is none. */
  private nextBreak: number;
  private lastOffset = 0;

  constructor(private readonly text: string) {
    this.nextBreak = text.indexOf('\n');
  }

  /** Returns the line and the column (1-based, in UTF-16 code units) of `offset`, which must not decrease between calls. */
  position(offset: number): { line: number; column: number } {
    if (offset < this.lastOffset) {
      throw new Error(`LineCounter: offset ${offset} comes before the previous offset ${this.lastOffset}`);
    }
    this.lastOffset = offset;
    while (this.nextBreak >= 0 && this.nextBreak < offset) {
      this.line += 1;
      this.lineStart = this.nextBreak + 1;
      this.nextBreak = this.text.indexOf('\n', this.lineStart);
    }
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}
