/**
 * Line-based readers for the two INI dialects registry configuration uses:
 * npm's (the `ini` package: `key = value`, `;` and `#` comments, quoted
 * values) and Python's configparser (sections, `=` or `:`, indented
 * continuation lines). Neither evaluates anything; malformed lines become
 * warnings naming the file and line.
 */

/** One `key = value` line. */
export interface IniEntry {
  /** Section name in lower case, `''` before the first section header. */
  section: string;
  key: string;
  value: string;
  /** 1-based line number, for warnings. */
  line: number;
}

export interface IniDocument {
  entries: IniEntry[];
  warnings: string[];
}

/** Lines longer than this are skipped: no real setting is this long. */
const MAX_LINE_LENGTH = 16 * 1024;

function sectionHeader(trimmed: string): string | undefined {
  if (!trimmed.startsWith('[')) return undefined;
  const end = trimmed.indexOf(']');
  return end > 0 ? trimmed.slice(1, end).trim().toLowerCase() : undefined;
}

/**
 * Decodes an npmrc value as the `ini` package does. A value in double or
 * single quotes is taken literally without them. An unquoted value ends at
 * an unescaped `;` or `#`, and `\;`, `\#` and `\\` are the escaped characters.
 */
function unquoteNpmValue(raw: string): string {
  const value = raw.trim();
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
    return value.slice(1, -1);
  }
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '\\' && i + 1 < value.length && ';#\\'.includes(value[i + 1] ?? '')) {
      out += value[i + 1];
      i++;
    } else if (char === ';' || char === '#') {
      break;
    } else {
      out += char;
    }
  }
  return out.trim();
}

/** Parses an .npmrc text. Lines without `=` are reported, as npm would read them as unrelated boolean flags. */
export function parseNpmrc(text: string, file: string): IniDocument {
  const entries: IniEntry[] = [];
  const warnings: string[] = [];
  let section = '';
  const lines = text.split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const line = index + 1;
    const trimmed = rawLine.trim();
    if (trimmed === '' || trimmed.startsWith(';') || trimmed.startsWith('#')) return;
    if (rawLine.length > MAX_LINE_LENGTH) {
      warnings.push(`${file}:${line}: line is longer than ${MAX_LINE_LENGTH} characters; skipped`);
      return;
    }
    const header = sectionHeader(trimmed);
    if (header !== undefined) {
      section = header;
      return;
    }
    const equals = trimmed.indexOf('=');
    const key = equals < 0 ? '' : trimmed.slice(0, equals).trim();
    if (key === '') {
      warnings.push(`${file}:${line}: expected "key=value"; line skipped`);
      return;
    }
    entries.push({ section, key, value: unquoteNpmValue(trimmed.slice(equals + 1)), line });
  });
  return { entries, warnings };
}

function delimiterIndex(text: string): number {
  const equals = text.indexOf('=');
  const colon = text.indexOf(':');
  if (equals < 0) return colon;
  if (colon < 0) return equals;
  return Math.min(equals, colon);
}

/**
 * Parses a pip.conf text as Python's configparser does with its defaults:
 * `key = value` or `key: value` inside `[section]`, whole-line `#` and `;`
 * comments, and indented lines continuing the previous value (joined with
 * a newline). Keys are lower-cased with `_` read as `-`, as pip normalises
 * them.
 */
export function parsePipConf(text: string, file: string): IniDocument {
  const entries: IniEntry[] = [];
  const warnings: string[] = [];
  let section: string | undefined;
  let last: IniEntry | undefined;
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = index + 1;
    const trimmed = rawLine.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    if (rawLine.length > MAX_LINE_LENGTH) {
      warnings.push(`${file}:${line}: line is longer than ${MAX_LINE_LENGTH} characters; skipped`);
      last = undefined;
      return;
    }
    if (/^\s/.test(rawLine) && last !== undefined) {
      last.value = last.value === '' ? trimmed : `${last.value}\n${trimmed}`;
      return;
    }
    const header = sectionHeader(trimmed);
    if (header !== undefined) {
      section = header;
      last = undefined;
      return;
    }
    const at = delimiterIndex(trimmed);
    const key = at < 0 ? '' : trimmed.slice(0, at).trim().toLowerCase().replaceAll('_', '-');
    if (section === undefined || key === '') {
      const problem = section === undefined ? 'setting before any [section]' : 'expected "key = value"';
      warnings.push(`${file}:${line}: ${problem}; line skipped`);
      last = undefined;
      return;
    }
    last = { section, key, value: trimmed.slice(at + 1).trim(), line };
    entries.push(last);
  });
  return { entries, warnings };
}
