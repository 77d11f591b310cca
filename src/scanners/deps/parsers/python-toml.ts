/** TOML reading for poetry.lock, uv.lock, Pipfile and pyproject.toml, with bounded nesting. */
import { parse, TomlError } from 'smol-toml';
import { LockfileError } from '../types.js';

/** Inline arrays and tables nested deeper than this are rejected. Lockfiles use about three levels. */
const MAX_TOML_DEPTH = 64;

/**
 * Parses `text` as TOML, throwing a `LockfileError` for `path` that names the
 * line and column of the first syntax error.
 */
export function parseTomlDocument(text: string, path: string): Record<string, unknown> {
  try {
    return parse(text, { maxDepth: MAX_TOML_DEPTH, unsafeKeyBehaviour: 'drop' }) as Record<
      string,
      unknown
    >;
  } catch (error) {
    if (error instanceof TomlError) {
      // The message carries a code excerpt after its first line. A very long
      // line would make it huge, so only the summary is kept.
      const summary = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '');
      throw new LockfileError(
        path,
        `invalid TOML at line ${error.line}, column ${error.column}: ${summary}`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

/**
 * Returns the 1-based lines of the array-of-tables headers `[[name]]` in
 * `text`, in order. TOML requires such a header to start its own line, so a
 * line scan finds them without a position-aware parser; callers compare the
 * count with the parsed array before trusting it.
 */
export function arrayTableLines(text: string, name: string): number[] {
  const header = `[[${name}]]`;
  const lines: number[] = [];
  let lineNumber = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNumber += 1;
    const line = text.slice(start, end).trim();
    if (line.startsWith('[[')) {
      const compact = line.replace(/\s/g, '');
      const rest = compact.slice(header.length);
      if (compact.startsWith(header) && (rest === '' || rest.startsWith('#')))
        lines.push(lineNumber);
    }
    start = end + 1;
  }
  return lines;
}

/** Returns `value` when it is a string, else undefined. */
export function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
