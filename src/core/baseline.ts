/**
 * Baseline files (.rampart-baseline.json): the fingerprints of accepted
 * findings, so that a scan reports only new ones. A baseline stores rule ids,
 * paths and fingerprints; never secret text, snippets or line numbers.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './errors.js';
import type { Finding } from './finding.js';

export const BASELINE_VERSION = 1;
export const DEFAULT_BASELINE_FILE = '.rampart-baseline.json';

export interface BaselineEntry {
  ruleId: string;
  path: string;
}

export interface Baseline {
  /** The file as given by the caller. */
  path: string;
  /** Entries keyed by fingerprint. */
  entries: Map<string, BaselineEntry>;
}

interface BaselineFile {
  version: number;
  tool: 'rampart';
  createdAt: string;
  entries: ({ fingerprint: string } & BaselineEntry)[];
}

const FINGERPRINT_PATTERN = /^[0-9a-f]{32}$/;

const NUMBER_PATTERN = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

function skipWhitespace(text: string, offset: number): number {
  let i = offset;
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
  return i;
}

/**
 * Returns the offset after the JSON string that starts at `offset`. On a
 * syntax error it returns -1 - (offset of the error), which is negative.
 */
function scanString(text: string, offset: number): number {
  for (let i = offset + 1; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x22) return i + 1;
    if (char < 0x20) return -1 - i;
    if (char !== 0x5c) continue;
    const escape = text[i + 1] ?? '';
    if (escape === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return -1 - i;
      i += 5;
    } else if ('"\\/bfnrt'.includes(escape) && escape !== '') {
      i++;
    } else {
      return -1 - i;
    }
  }
  return -1 - text.length;
}

/** Returns the offset after the literal or number at `offset`, or -1. */
function scanScalar(text: string, offset: number): number {
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, offset)) return offset + literal.length;
  }
  NUMBER_PATTERN.lastIndex = offset;
  return NUMBER_PATTERN.test(text) ? NUMBER_PATTERN.lastIndex : -1;
}

/**
 * Returns the offset of the first syntax error in `text`, which JSON.parse
 * rejected. V8's messages do not always carry a position, so this scanner
 * finds it; it keeps an explicit stack, so deep nesting cannot overflow.
 */
function jsonErrorOffset(text: string): number {
  const stack: string[] = [];
  let expect: 'value' | 'key' | 'after' = 'value';
  let mayClose = false;
  let i = 0;
  for (;;) {
    i = skipWhitespace(text, i);
    const char = text[i];
    const closer = stack.at(-1) === '{' ? '}' : ']';
    if (char === undefined) return i;

    if (expect === 'after') {
      if (stack.length === 0) return i;
      if (char === closer) stack.pop();
      else if (char === ',') expect = closer === '}' ? 'key' : 'value';
      else return i;
      i++;
      continue;
    }
    if (mayClose && char === closer) {
      stack.pop();
      mayClose = false;
      expect = 'after';
      i++;
      continue;
    }
    mayClose = false;

    if (expect === 'key') {
      if (char !== '"') return i;
      const end = scanString(text, i);
      if (end < 0) return -1 - end;
      i = skipWhitespace(text, end);
      if (text[i] !== ':') return i;
      expect = 'value';
      i++;
    } else if (char === '{' || char === '[') {
      stack.push(char);
      expect = char === '{' ? 'key' : 'value';
      mayClose = true;
      i++;
    } else {
      const end = char === '"' ? scanString(text, i) : scanScalar(text, i);
      if (end < 0) return char === '"' ? -1 - end : i;
      expect = 'after';
      i = end;
    }
  }
}

/** Formats the position of the first JSON syntax error as "line L, column C". */
function jsonErrorLocation(text: string): string {
  const offset = jsonErrorOffset(text);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new UsageError(
        `baseline file not found: ${file}; create one with "rampart baseline create"`,
        { cause: error },
      );
    }
    throw new UsageError(`cannot read baseline file ${file}: ${code ?? String(error)}`, {
      cause: error,
    });
  }
}

function entryProblem(entry: unknown): string | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return 'must be an object with fingerprint, ruleId and path';
  }
  const record = entry as Record<string, unknown>;
  if (typeof record.fingerprint !== 'string' || !FINGERPRINT_PATTERN.test(record.fingerprint)) {
    return 'fingerprint must be a string of 32 lower-case hexadecimal characters';
  }
  if (typeof record.ruleId !== 'string' || record.ruleId === '') {
    return 'ruleId must be a non-empty string';
  }
  if (typeof record.path !== 'string' || record.path === '') {
    return 'path must be a non-empty string';
  }
  return undefined;
}

/** Reads and validates a baseline file; throws a UsageError naming the file and the problem. */
export function readBaseline(file: string): Baseline {
  const text = readText(file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    throw new UsageError(
      `invalid JSON in baseline file ${file} at ${jsonErrorLocation(text)}: ${message}`,
      { cause: error },
    );
  }

  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UsageError(`invalid baseline file ${file}: the top level must be a JSON object`);
  }
  const record = data as Record<string, unknown>;
  if (record.version !== BASELINE_VERSION) {
    throw new UsageError(
      `unsupported baseline version ${JSON.stringify(record.version)} in ${file}; ` +
        `this Rampart reads version ${BASELINE_VERSION}, ` +
        'so recreate it with "rampart baseline create"',
    );
  }
  if (!Array.isArray(record.entries)) {
    throw new UsageError(`invalid baseline file ${file}: "entries" must be an array`);
  }

  const entries = new Map<string, BaselineEntry>();
  record.entries.forEach((entry: unknown, index) => {
    const problem = entryProblem(entry);
    if (problem !== undefined) {
      throw new UsageError(`invalid baseline file ${file}: entries[${index}]: ${problem}`);
    }
    const { fingerprint, ruleId, path } = entry as BaselineFile['entries'][number];
    entries.set(fingerprint, { ruleId, path });
  });
  return { path: file, entries };
}

/** Builds the file content: unsuppressed findings, one entry per fingerprint, sorted. */
function baselineContent(findings: Finding[], now: Date): BaselineFile {
  const byFingerprint = new Map<string, BaselineFile['entries'][number]>();
  for (const finding of findings) {
    if (finding.suppressed) continue;
    byFingerprint.set(finding.fingerprint, {
      fingerprint: finding.fingerprint,
      ruleId: finding.ruleId,
      path: finding.location.path,
    });
  }

  const entries = [...byFingerprint.values()].sort(
    (a, b) =>
      compare(a.path, b.path) ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.fingerprint, b.fingerprint),
  );
  return { version: BASELINE_VERSION, tool: 'rampart', createdAt: now.toISOString(), entries };
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Writes `text` to `file` atomically: to a temporary file in the same
 * directory, flushed to disk, then renamed over `file`. On failure the
 * temporary file is removed and `file` keeps its old content.
 */
function writeFileAtomic(file: string, text: string): void {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const fd = openSync(temp, 'wx', 0o644);
    created = true;
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    if (created) {
      try {
        unlinkSync(temp);
      } catch {
        // The temporary file is already gone; the write error below is what matters.
      }
    }
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`cannot write baseline file ${file}: ${code}`, { cause: error });
  }
}

/**
 * Writes a baseline of the unsuppressed `findings` to `file` and returns the
 * number of entries. Suppressed findings are left out: they are accepted by
 * their suppression, which may expire.
 */
export function writeBaseline(file: string, findings: Finding[], now: Date): number {
  const content = baselineContent(findings, now);
  writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`);
  return content.entries.length;
}

/** Removes the findings whose fingerprint the baseline contains. */
export function filterBaselined(
  findings: Finding[],
  baseline: Baseline,
): { kept: Finding[]; baselined: number } {
  const kept = findings.filter((finding) => !baseline.entries.has(finding.fingerprint));
  return { kept, baselined: findings.length - kept.length };
}
