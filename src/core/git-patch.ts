/**
 * Parsing of `git diff` and `git log -p` output (unified diffs with zero
 * context lines) into SourceText: the added lines of each file, with their
 * line numbers in the new version of the file.
 */
import type { CommitInfo } from './finding.js';
import type { GitReadStats } from './git.js';
import type { SourceText } from './source.js';

/** Starts each commit header line; the log format in git.ts writes it. */
export const COMMIT_MARKER = '\0rampart-commit\0';

/**
 * Split a byte stream on `\n` only (a lone `\r` is content) and decode each
 * line as UTF-8, replacing invalid bytes with U+FFFD. Splitting before
 * decoding is safe because 0x0A never occurs inside a multi-byte character.
 */
export class LineSplitter {
  private pending: Buffer[] = [];

  push(chunk: Buffer, onLine: (line: string) => void): void {
    let start = 0;
    let newline = chunk.indexOf(10, start);
    while (newline !== -1) {
      const piece = chunk.subarray(start, newline);
      if (this.pending.length > 0) {
        onLine(Buffer.concat([...this.pending, piece]).toString('utf8'));
        this.pending = [];
      } else {
        onLine(piece.toString('utf8'));
      }
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  end(onLine: (line: string) => void): void {
    if (this.pending.length > 0) onLine(Buffer.concat(this.pending).toString('utf8'));
    this.pending = [];
  }
}

// NOTE: the added lines of one file in one commit are held in memory until the
// file's diff ends, so one huge added file costs its full size; callers apply
// their size limit to `text`.
interface FileState {
  /** New path relative to the target; null for deletions, binaries and pure renames. */
  path: string | null;
  lines: string[];
  lineMap: number[];
}

interface HunkState {
  /** One prefix column per parent: 1 for a plain diff, 2 or more for --cc. */
  columns: number;
  oldLeft: number[];
  newLeft: number;
  nextLine: number;
}

/**
 * Incremental parser for `git diff` and `git log -p` output, including
 * dense combined diffs. It counts hunk lines from the `@@` header, so a
 * content line that looks like a header (`--- x`, `diff --git`) is never
 * taken for one.
 */
export class PatchParser {
  private commit: CommitInfo | undefined;
  private file: FileState | undefined;
  private hunk: HunkState | undefined;
  private ready: SourceText[] = [];

  constructor(private readonly stats: GitReadStats) {}

  line(line: string): void {
    if (this.hunk && isHunkLine(line)) return this.hunkLine(this.hunk, line);
    this.hunk = undefined;

    if (line.startsWith(COMMIT_MARKER)) {
      this.flushFile();
      this.commit = parseCommitLine(line);
      this.stats.commits += 1;
    } else if (line.startsWith('diff --git ') || line.startsWith('diff --cc ')) {
      this.flushFile();
      this.file = { path: null, lines: [], lineMap: [] };
    } else if (!this.file) {
      return;
    } else if (line.startsWith('+++ ')) {
      this.file.path = parseNewPath(line.slice(4));
    } else if (line.startsWith('Binary files ') && line.endsWith(' differ')) {
      this.stats.binaryFiles += 1;
      this.file.path = null;
    } else if (line.startsWith('@@')) {
      this.hunk = parseHunkHeader(line);
    }
  }

  end(): void {
    this.flushFile();
  }

  /** Return and forget the SourceTexts completed so far. */
  take(): SourceText[] {
    const ready = this.ready;
    this.ready = [];
    return ready;
  }

  private hunkLine(hunk: HunkState, line: string): void {
    if (line.startsWith('\\')) return; // "\ No newline at end of file"

    const prefix = line.slice(0, hunk.columns).padEnd(hunk.columns, ' ');
    if (prefix.includes('-')) {
      for (let i = 0; i < hunk.columns; i++) if (prefix[i] === '-') hunk.oldLeft[i]! -= 1;
    } else {
      for (let i = 0; i < hunk.columns; i++) if (prefix[i] === ' ') hunk.oldLeft[i]! -= 1;
      if (!prefix.includes(' ') && this.file) {
        this.file.lines.push(line.slice(hunk.columns));
        this.file.lineMap.push(hunk.nextLine);
      }
      hunk.nextLine += 1;
      hunk.newLeft -= 1;
    }
    if (hunk.newLeft <= 0 && hunk.oldLeft.every((left) => left <= 0)) this.hunk = undefined;
  }

  private flushFile(): void {
    const file = this.file;
    this.file = undefined;
    this.hunk = undefined;
    if (!file?.path || file.lines.length === 0) return;

    const text = file.lines.join('\n');
    if (text.includes('\0')) {
      this.stats.binaryFiles += 1;
      return;
    }
    const source: SourceText = { path: file.path, text, lineMap: file.lineMap };
    if (this.commit) source.commit = this.commit;
    this.ready.push(source);
  }
}

/** Whether `line` can belong to a hunk; anything else ends a hunk whose header counted wrong. */
function isHunkLine(line: string): boolean {
  const first = line[0];
  return first === undefined || first === '+' || first === '-' || first === ' ' || first === '\\';
}

function parseCommitLine(line: string): CommitInfo {
  const [sha = '', author = '', email = '', date = '', summary = ''] = line
    .slice(COMMIT_MARKER.length)
    .split('\0');
  return { sha, author, email, date, summary };
}

const HUNK_HEADER = /^(@{2,}) ((?:-\d+(?:,\d+)? )+)\+(\d+)(?:,(\d+))? \1/;

function parseHunkHeader(line: string): HunkState | undefined {
  const match = HUNK_HEADER.exec(line);
  if (!match) return undefined;

  const [, ats = '', oldRanges = '', start = '0', count = '1'] = match;
  const oldLeft = oldRanges
    .trim()
    .split(' ')
    .map((range) => Number(range.split(',')[1] ?? '1'));
  return { columns: ats.length - 1, oldLeft, newLeft: Number(count), nextLine: Number(start) };
}

/** Parse the path of a `+++ ` line: `b/name`, `"b/quoted\tname"` or `/dev/null`. */
function parseNewPath(value: string): string | null {
  let path: string;
  if (value.startsWith('"')) {
    path = unquoteC(value);
  } else {
    // git appends a tab when the name contains a space, for GNU patch.
    path = value.endsWith('\t') ? value.slice(0, -1) : value;
  }
  if (path === '/dev/null' || !path.startsWith('b/')) return null;
  return path.slice(2);
}

const C_ESCAPES: Record<string, number> = {
  a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92,
};

/** Undo git's C-style quoting of a path; octal escapes are bytes of UTF-8. */
function unquoteC(quoted: string): string {
  const body = /^"((?:[^"\\]|\\.)*)"/.exec(quoted)?.[1] ?? quoted;
  const parts: Buffer[] = [];
  let last = 0;
  for (const match of body.matchAll(/\\([0-7]{3}|.)/g)) {
    parts.push(Buffer.from(body.slice(last, match.index), 'utf8'));
    const code = match[1] ?? '';
    const byte = code.length === 3 ? Number.parseInt(code, 8) : C_ESCAPES[code];
    parts.push(byte === undefined ? Buffer.from(code, 'utf8') : Buffer.of(byte));
    last = match.index + match[0].length;
  }
  parts.push(Buffer.from(body.slice(last), 'utf8'));
  return Buffer.concat(parts).toString('utf8');
}
