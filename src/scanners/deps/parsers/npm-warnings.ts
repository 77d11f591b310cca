/**
 * A capped list of parser warnings, shared by the npm and yarn parsers. A
 * hostile lockfile can hold millions of broken references, so only the
 * first `limit` messages are kept and the rest are counted.
 */
export class WarningList {
  private readonly messages: string[] = [];
  private dropped = 0;

  constructor(private readonly limit = 50) {}

  add(message: string): void {
    if (this.messages.length < this.limit) {
      this.messages.push(message);
    } else {
      this.dropped++;
    }
  }

  /** Returns the kept messages, followed by a count of the dropped ones. */
  toArray(): string[] {
    if (this.dropped === 0) return [...this.messages];
    return [...this.messages, `${this.dropped} more warnings not shown`];
  }
}
