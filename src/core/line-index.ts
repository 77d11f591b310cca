/** Offsets of line starts in a text, built on first use, for offset-to-line lookups. */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    let next = this.text.indexOf('\n');
    while (next !== -1) {
      starts.push(next + 1);
      next = this.text.indexOf('\n', next + 1);
    }
    this.starts = starts;
    return starts;
  }

  /** 1-based line and column of `offset`. */
  position(offset: number): { line: number; column: number } {
    const starts = this.lineStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  }

  /** 1-based line of `offset`. */
  lineOf(offset: number): number {
    return this.position(offset).line;
  }

  /** Text of the 1-based `line`, without its line break. */
  lineText(line: number): string {
    const starts = this.lineStarts();
    const start = starts[line - 1] ?? 0;
    const next = starts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, '');
  }
}
