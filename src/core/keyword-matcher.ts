/**
 * Aho-Corasick search for many ASCII keywords at once, in one pass over a
 * string with a dense transition table. On the dependency trees Rampart
 * scans it runs several times faster than a regular expression made of the
 * same keywords as alternatives.
 *
 * Matching uses smart case, as ripgrep's --smart-case does: a keyword in
 * lower case matches in any case, and a keyword with an upper-case letter
 * matches only exactly as written.
 */

/** Symbols of the automaton: ASCII codes 0 to 127; every other character is 0. */
const ALPHABET = 128;

export class KeywordMatcher {
  /** `next[state * ALPHABET + symbol]` is the state after reading `symbol`. */
  private readonly next: Int32Array;
  /** Keyword indices that end in each state, suffix matches included. */
  private readonly outputs: (number[] | undefined)[];
  readonly keywords: readonly string[];
  /** Whether each keyword must match exactly as written. */
  private readonly exact: boolean[];

  constructor(keywords: readonly string[]) {
    for (const keyword of keywords) {
      const ascii = [...keyword].every((char) => char.charCodeAt(0) < ALPHABET);
      if (keyword.length === 0 || !ascii) {
        throw new Error(`keyword "${keyword}" must be non-empty ASCII`);
      }
    }
    this.keywords = keywords;
    this.exact = keywords.map((keyword) => /[A-Z]/.test(keyword));
    const trie = buildTrie(keywords.map((keyword) => keyword.toLowerCase()));
    this.next = trie.next;
    this.outputs = trie.outputs;
  }

  /**
   * Call `onMatch(keywordIndex, start)` for every occurrence of every
   * keyword in `text`, in order of the occurrence's end. Returning true
   * from `onMatch` stops the scan.
   */
  scan(text: string, onMatch: (keyword: number, start: number) => boolean | void): void {
    const { next, outputs, keywords, exact } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      state = next[state * ALPHABET + (code < ALPHABET ? code : 0)] as number;
      const found = outputs[state];
      if (found === undefined) continue;
      for (const keyword of found) {
        const literal = keywords[keyword] as string;
        const start = i - literal.length + 1;
        if (exact[keyword] && !text.startsWith(literal, start)) continue;
        if (onMatch(keyword, start) === true) return;
      }
    }
  }

  /** Whether any keyword occurs in `text`; stops at the first. */
  test(text: string): boolean {
    let found = false;
    this.scan(text, () => (found = true));
    return found;
  }
}

/** Build the trie, then turn it into a full automaton with failure links folded in. */
function buildTrie(keywords: string[]): { next: Int32Array; outputs: (number[] | undefined)[] } {
  const goto: Map<number, number>[] = [new Map()];
  const outputs: (number[] | undefined)[] = [undefined];

  keywords.forEach((keyword, index) => {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const code = keyword.charCodeAt(i);
      let target = goto[state]?.get(code);
      if (target === undefined) {
        target = goto.length;
        goto.push(new Map());
        outputs.push(undefined);
        goto[state]?.set(code, target);
      }
      state = target;
    }
    outputs[state] = [...(outputs[state] ?? []), index];
  });

  const next = new Int32Array(goto.length * ALPHABET);
  const fail = new Int32Array(goto.length);
  const setEdge = (state: number, code: number, target: number): void => {
    next[state * ALPHABET + code] = target;
    if (code >= 97 && code <= 122) next[state * ALPHABET + code - 32] = target;
  };

  const queue: number[] = [];
  for (const [code, target] of goto[0] ?? []) {
    setEdge(0, code, target);
    queue.push(target);
  }

  // Breadth-first, so a state's failure target, being shallower, is finished
  // first: each row starts as a copy of the failure target's row, then the
  // state's own edges replace entries in it.
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] as number;
    const failState = fail[state] as number;
    const failOutputs = outputs[failState];
    if (failOutputs) outputs[state] = [...(outputs[state] ?? []), ...failOutputs];
    next.copyWithin(state * ALPHABET, failState * ALPHABET, (failState + 1) * ALPHABET);
    for (const [code, target] of goto[state] ?? []) {
      fail[target] = next[failState * ALPHABET + code] as number;
      setEdge(state, code, target);
      queue.push(target);
    }
  }
  return { next, outputs };
}
