/**
 * A warning list with a cap, so a hostile lockfile with millions of broken
 * references yields a bounded result.
 */

/** Maximum warnings kept per lockfile; further ones are counted. */
export const MAX_WARNINGS = 200;

export class WarningList {
  private readonly messages: string[] = [];
  private dropped = 0;

  add(message: string): void {
    if (this.messages.length < MAX_WARNINGS) this.messages.push(message);
    else this.dropped += 1;
  }

  /** Copy out the kept warnings, plus one line that counts the dropped ones. */
  toArray(): string[] {
    if (this.dropped === 0) return [...this.messages];
    return [...this.messages, `${this.dropped} more warnings not shown`];
  }
}

/** Cut hostile keys of any length down for messages. */
export function shorten(text: string): string {
  return text.length <= 120 ? text : `${text.slice(0, 117)}...`;
}
