/**
 * Parser for inline suppression directives: Rampart's own
 * `rampart:ignore[rule,...] reason="..." until=YYYY-MM-DD` and the
 * directives of gitleaks, Semgrep, Checkov, KICS and Trivy.
 *
 * The parser never uses regular expressions on file text. It finds markers
 * with indexOf, keeps one search position per marker that only moves
 * forward, and reads each directive with bounded scans inside its line, so
 * the run time is linear in the text length whatever the input.
 */
import { KeywordMatcher } from './keyword-matcher.js';
import { closestMatch } from './did-you-mean.js';
import type { SuppressionProblem } from './report-types.js';

export interface Directive {
  path: string;
  /** 1-based line of the directive. */
  line: number;
  /** The directive as written, cut to 200 characters. */
  directive: string;
  /** Rule ids as written (full, short, or a peer tool's id), or every rule. */
  rules: string[] | '*';
  reason?: string;
  /** YYYY-MM-DD: the last day on which the directive applies. */
  until?: string;
  /**
   * Lines covered: the directive's own line, or that line and the next
   * one; `block` covers the declaration that starts on the next line
   * (`kics-scan ignore-block`), `file` the whole file (`kics-scan ignore`).
   */
  scope: 'same-line' | 'same-or-next-line' | 'block' | 'file';
  /** Set when the directive is malformed or lacks a reason. */
  problem?: SuppressionProblem['problem'];
  message?: string;
}

type MarkerKind = 'rampart' | 'gitleaks' | 'nosemgrep' | 'checkov' | 'kics' | 'kics-block' | 'kics-file' | 'trivy';

interface Marker {
  text: string;
  kind: MarkerKind;
  /** Name used in reasons and messages. */
  name: string;
}

const MARKERS: readonly Marker[] = [
  { text: 'rampart:ignore', kind: 'rampart', name: 'rampart:ignore' },
  { text: 'gitleaks:allow', kind: 'gitleaks', name: 'gitleaks:allow' },
  { text: 'nosemgrep', kind: 'nosemgrep', name: 'nosemgrep' },
  { text: 'checkov:skip=', kind: 'checkov', name: 'checkov:skip' },
  { text: 'kics-scan ignore-line', kind: 'kics', name: 'kics-scan ignore-line' },
  { text: 'kics-scan ignore-block', kind: 'kics-block', name: 'kics-scan ignore-block' },
  // Listed after the longer kics markers, which win when both match at one place.
  { text: 'kics-scan ignore', kind: 'kics-file', name: 'kics-scan ignore' },
  { text: 'trivy:ignore:', kind: 'trivy', name: 'trivy:ignore' },
];

/** Any marker, in one pass over a text instead of one search per marker. */
const MARKER_MATCHER = new KeywordMatcher(MARKERS.map((marker) => marker.text));

/** Ends of block comments that may follow a directive on the same line. */
const COMMENT_CLOSERS = ['*/', '-->', '#}', '*)', '-}', '%>'];

const MAX_DIRECTIVE_TEXT = 200;

const REASON_HINT = 'reason="..." after it';

/**
 * Directives read from one line. Real code has one or two; the cap keeps a
 * hostile line from flooding the report with problems.
 */
const MAX_DIRECTIVES_PER_LINE = 20;

/** Rule ids in one directive's list; more is a mistake or an attack. */
const MAX_RULES = 100;

/**
 * Returns the name of the directive that `written` starts with, such as
 * `rampart:ignore` or `checkov:skip`, or `written` itself when none matches.
 */
export function directiveName(written: string): string {
  return MARKERS.find((marker) => written.startsWith(marker.text))?.name ?? written;
}

/** Whether `text` contains any directive marker; a cheap test before parsing. */
export function hasDirectiveMarker(text: string): boolean {
  return MARKER_MATCHER.test(text);
}

/** Whether `value` is a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (value.length !== 10 || value[4] !== '-' || value[7] !== '-') return false;
  const digits = value.slice(0, 4) + value.slice(5, 7) + value.slice(8);
  for (const char of digits) {
    if (char < '0' || char > '9') return false;
  }
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function isWordChar(char: string | undefined): boolean {
  if (char === undefined) return false;
  return (
    (char >= 'a' && char <= 'z') ||
    (char >= 'A' && char <= 'Z') ||
    (char >= '0' && char <= '9') ||
    char === '_'
  );
}

function isRuleChar(char: string | undefined): boolean {
  return isWordChar(char) || char === '.' || char === '/' || char === '*' || char === '-';
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\r';
}

function closerAt(line: string, pos: number): boolean {
  return COMMENT_CLOSERS.some((closer) => line.startsWith(closer, pos));
}

/** Whether a directive may end at `pos`: end of line, white space or a comment closer. */
function isBoundary(line: string, pos: number): boolean {
  return pos >= line.length || isSpace(line[pos]) || closerAt(line, pos);
}

function skipSpaces(line: string, pos: number): number {
  let next = pos;
  while (isSpace(line[next])) next++;
  return next;
}

/** Reads characters accepted by `accept` from `pos`; returns the text and the end. */
function readWhile(line: string, pos: number, accept: (char: string | undefined) => boolean) {
  let end = pos;
  while (end < line.length && accept(line[end])) end++;
  return { value: line.slice(pos, end), end };
}

/** A directive under construction, with `end` the line offset after it. */
interface Parsed {
  rules: string[] | '*';
  reason?: string;
  until?: string;
  invalid?: string;
  end: number;
}

/**
 * Reads `reason="..."` and `until=YYYY-MM-DD` tokens from `pos`. In strict
 * mode (rampart:ignore) anything else makes the directive invalid; for peer
 * directives, which allow free text, reading stops at the first other token.
 */
function readOptions(line: string, pos: number, parsed: Parsed, strict: boolean): void {
  let p = skipSpaces(line, pos);
  parsed.end = p;
  while (p < line.length && !closerAt(line, p)) {
    const token = readWhile(line, p, (char) => !isSpace(char));
    const key = token.value.slice(0, token.value.indexOf('='));
    let next: number | undefined;
    if (token.value.startsWith('reason=')) next = readReason(line, p, parsed, strict);
    else if (token.value.startsWith('until=')) next = readUntil(line, p, token.end, parsed, strict);
    else if (strict) parsed.invalid = unknownTokenMessage(token.value, key);
    if (parsed.invalid !== undefined) {
      parsed.end = line.length;
      return;
    }
    if (next === undefined) return;
    p = skipSpaces(line, next);
    parsed.end = p;
  }
}

function unknownTokenMessage(token: string, key: string): string {
  const match = key === '' ? undefined : closestMatch(key, ['reason', 'until']);
  const hint = match === undefined ? '' : ` (did you mean ${match}=?)`;
  const truncated = token.length > 40 ? `${token.slice(0, 37)}...` : token;
  return `unknown token "${truncated}"${hint}; expected reason="..." or until=YYYY-MM-DD`;
}

function readReason(
  line: string,
  pos: number,
  parsed: Parsed,
  strict: boolean,
): number | undefined {
  const quote = line[pos + 7];
  const fail = (message: string): undefined => {
    if (strict) parsed.invalid = message;
    return undefined;
  };
  if (parsed.reason !== undefined) return fail('reason= is given twice');
  if (quote !== '"' && quote !== "'") return fail('reason must be quoted, as in reason="..."');

  const close = line.indexOf(quote, pos + 8);
  if (close < 0) return fail(`reason has no closing ${quote}`);
  if (!isBoundary(line, close + 1)) return fail('reason must be followed by a space');
  parsed.reason = line.slice(pos + 8, close).trim();
  return close + 1;
}

function readUntil(
  line: string,
  pos: number,
  end: number,
  parsed: Parsed,
  strict: boolean,
): number | undefined {
  const value = line.slice(pos + 6, end);
  let date = value;
  let tokenEnd = end;
  // A comment closer may follow the date without a space, as in until=2027-01-31*/.
  if (value.length > 10 && closerAt(value, 10)) {
    date = value.slice(0, 10);
    tokenEnd = pos + 16;
  }
  let message: string | undefined;
  if (parsed.until !== undefined) {
    message = 'until= is given twice';
  } else if (!isIsoDate(date)) {
    message = `invalid date "${date.slice(0, 20)}" in until=; use YYYY-MM-DD`;
  }
  if (message !== undefined) {
    if (strict) parsed.invalid = message;
    return undefined;
  }
  parsed.until = date;
  return tokenEnd;
}

/** Parses the optional `[rule,...]` list of rampart:ignore at `pos`. */
function readRampart(line: string, pos: number): Parsed {
  const parsed: Parsed = { rules: '*', end: pos };
  let p = pos;
  if (line[p] === '[') {
    const close = line.indexOf(']', p);
    if (close < 0) {
      return { ...parsed, invalid: 'the rule list has no closing ]', end: line.length };
    }
    const items = line
      .slice(p + 1, close)
      .split(',')
      .map((item) => item.trim());
    if (items.length === 1 && items[0] === '') {
      const message = 'the rule list is empty; leave out [] to cover every rule';
      return { ...parsed, invalid: message, end: close + 1 };
    }
    if (items.length > MAX_RULES) {
      return { ...parsed, invalid: `more than ${MAX_RULES} rule ids`, end: close + 1 };
    }
    const bad = items.find(
      (item) => item === '' || readWhile(item, 0, isRuleChar).end < item.length,
    );
    if (bad !== undefined) {
      const message =
        bad === ''
          ? 'the rule list contains an empty entry'
          : `invalid rule id "${bad.slice(0, 40)}"`;
      return { ...parsed, invalid: message, end: close + 1 };
    }
    parsed.rules = items;
    p = close + 1;
  }
  if (!isBoundary(line, p)) {
    return { ...parsed, invalid: 'expected a space after the directive', end: line.length };
  }
  readOptions(line, p, parsed, true);
  return parsed;
}

/** Parses `nosemgrep` or `nosemgrep: rule-a, rule-b` at `pos` (after the marker). */
function readNosemgrep(line: string, pos: number): Parsed {
  const parsed: Parsed = { rules: '*', end: pos };
  let p = pos;
  if (line[p] === ':') {
    const rules: string[] = [];
    p = skipSpaces(line, p + 1);
    for (;;) {
      const rule = readWhile(line, p, isRuleChar);
      if (rule.value === '') break;
      if (rules.length === MAX_RULES) {
        return { ...parsed, invalid: `more than ${MAX_RULES} rule ids`, end: line.length };
      }
      rules.push(rule.value);
      const after = skipSpaces(line, rule.end);
      p = rule.end;
      if (line[after] !== ',') break;
      p = skipSpaces(line, after + 1);
    }
    if (rules.length === 0) {
      return { ...parsed, invalid: 'nosemgrep: is followed by no rule id', end: p };
    }
    parsed.rules = rules;
  }
  readOptions(line, p, parsed, false);
  return parsed;
}

function isCheckIdChar(char: string | undefined): boolean {
  return isWordChar(char) || char === '-' || char === '.';
}

/** Parses `checkov:skip=CKV_ID` and an optional `:reason text` at `pos`. */
function readCheckov(line: string, pos: number): Parsed {
  const rule = readWhile(line, pos, isCheckIdChar);
  if (rule.value === '') {
    return { rules: '*', invalid: 'checkov:skip= is followed by no check id', end: pos };
  }

  const parsed: Parsed = { rules: [rule.value], end: rule.end };
  if (line[rule.end] !== ':') {
    readOptions(line, rule.end, parsed, false);
    return parsed;
  }
  // The reason is free text up to the end of the line or a comment closer.
  let end = rule.end + 1;
  while (end < line.length && !closerAt(line, end)) end++;
  const reason = line.slice(rule.end + 1, end).trim();
  if (reason !== '') parsed.reason = reason;
  parsed.end = end;
  return parsed;
}

/** Parses `trivy:ignore:AVD-ID` and an optional `:exp:YYYY-MM-DD` at `pos`. */
function readTrivy(line: string, pos: number): Parsed {
  const rule = readWhile(line, pos, (char) => isCheckIdChar(char) || char === '*');
  if (rule.value === '') {
    return { rules: '*', invalid: 'trivy:ignore: is followed by no check id', end: pos };
  }

  const parsed: Parsed = { rules: rule.value === '*' ? '*' : [rule.value], end: rule.end };
  let p = rule.end;
  if (line.startsWith(':exp:', p)) {
    const date = line.slice(p + 5, p + 15);
    if (!isIsoDate(date)) {
      return {
        ...parsed,
        invalid: `invalid date "${date}" after :exp:; use YYYY-MM-DD`,
        end: p + 5,
      };
    }
    parsed.until = date;
    p += 15;
  }
  readOptions(line, p, parsed, false);
  return parsed;
}

function readDirective(kind: MarkerKind, line: string, pos: number): Parsed | undefined {
  switch (kind) {
    case 'rampart':
      // rampart:ignored or rampart:ignore-this is some other word, not a directive.
      if (isWordChar(line[pos]) || line[pos] === '-') return undefined;
      return readRampart(line, pos);
    case 'nosemgrep':
      if (line[pos] !== ':' && isWordChar(line[pos])) return undefined;
      return readNosemgrep(line, pos);
    case 'checkov':
      return readCheckov(line, pos);
    case 'trivy':
      return readTrivy(line, pos);
    case 'gitleaks':
    case 'kics':
    case 'kics-block':
    case 'kics-file': {
      if (isWordChar(line[pos]) || line[pos] === '-') return undefined;
      const parsed: Parsed = { rules: '*', end: pos };
      readOptions(line, pos, parsed, false);
      return parsed;
    }
  }
}

/** Comment openers that may stand between the start of a line and a directive. */
const LEADING_COMMENT = /^\s*(?:\/\/+|\/\*+|#+|<!--|--|;+|'|REM\s|%+|\{#|\(\*|\{-|<%#?|\*)?\s*$/i;

/**
 * A directive after code on its line (`x = f() # rampart:ignore ...`) covers
 * that line only; one on a line of its own also covers the next line.
 */
function scopeOf(marker: Marker, textBefore: string): Directive['scope'] {
  if (marker.kind === 'gitleaks') return 'same-line';
  if (marker.kind === 'kics-block') return 'block';
  if (marker.kind === 'kics-file') return 'file';
  return LEADING_COMMENT.test(textBefore) ? 'same-or-next-line' : 'same-line';
}

function toDirective(
  path: string,
  lineNumber: number,
  marker: Marker,
  text: string,
  parsed: Parsed,
  scope: Directive['scope'] = 'same-line',
): Directive {
  const written =
    text.length > MAX_DIRECTIVE_TEXT ? `${text.slice(0, MAX_DIRECTIVE_TEXT - 3)}...` : text;
  const directive: Directive = {
    path,
    line: lineNumber,
    directive: written,
    rules: parsed.rules,
    scope,
  };
  if (parsed.until !== undefined) directive.until = parsed.until;
  if (parsed.invalid !== undefined) {
    directive.problem = 'invalid';
    directive.message = `invalid ${marker.name} directive: ${parsed.invalid}`;
  } else if (parsed.reason !== undefined && parsed.reason !== '') {
    directive.reason = parsed.reason;
  } else if (marker.kind === 'rampart') {
    directive.problem = 'missing-reason';
    directive.message = 'rampart:ignore has no reason, so it suppresses nothing; add reason="..."';
  } else {
    directive.reason = `${marker.name} (no reason given)`;
    directive.problem = 'missing-reason';
    directive.message = `${marker.name} has no reason; it still suppresses, but add ${REASON_HINT}`;
  }
  return directive;
}

/** Returns the index in MARKERS of the marker found first, or -1 when none is left. */
function firstMarker(next: number[]): number {
  let index = -1;
  for (let i = 0; i < next.length; i++) {
    const at = next[i] ?? -1;
    if (at >= 0 && (index < 0 || at < (next[index] ?? 0))) index = i;
  }
  return index;
}

/** Offset of the first line that is neither blank, a comment, nor a YAML document marker. */
function fileHeaderEnd(text: string): number {
  let offset = 0;
  while (offset < text.length) {
    let end = text.indexOf('\n', offset);
    if (end === -1) end = text.length;
    const line = text.slice(offset, Math.min(end, offset + 4096)).trim();
    const comment = line === '' || line === '---' || /^(#|\/\/|\/\*|\*|--|;|<!--)/.test(line);
    if (!comment) return offset;
    offset = end + 1;
  }
  return text.length;
}

/**
 * Finds every directive in `text`, in order. Lines are 1-based lines of
 * `text`; for a partial text with a line map, see parseSourceDirectives.
 */
export function parseDirectives(path: string, text: string): Directive[] {
  const directives: Directive[] = [];
  // Position of each marker's next occurrence at or after the cursor, or -1.
  const next = MARKERS.map((marker) => text.indexOf(marker.text));
  let lineNumber = 1;
  let countedTo = 0;
  let lineStart = 0;
  let lineEnd = -1;
  let line = '';
  let onLine = 0;
  let firstOnLine = 0;
  let headerEnd: number | undefined;

  for (let index = firstMarker(next); index >= 0; index = firstMarker(next)) {
    const marker = MARKERS[index] as Marker;
    const at = next[index] as number;
    if (at > lineEnd) {
      onLine = 0;
      for (let i = countedTo; i < at; i++) {
        if (text.charCodeAt(i) === 10) lineNumber++;
      }
      countedTo = at;
      lineStart = text.lastIndexOf('\n', at) + 1;
      lineEnd = text.indexOf('\n', at);
      if (lineEnd < 0) lineEnd = text.length;
      line = text.slice(lineStart, lineEnd);
    }

    const start = at - lineStart;
    let cursor = at + marker.text.length;
    if (onLine === MAX_DIRECTIVES_PER_LINE) {
      const invalid =
        `more than ${MAX_DIRECTIVES_PER_LINE} directives on one line; ` + 'the rest is ignored';
      const parsed: Parsed = { rules: [], invalid, end: line.length };
      directives.push(toDirective(path, lineNumber, marker, line.slice(start).trim(), parsed));
      onLine++;
      cursor = lineEnd;
    }

    let parsed =
      onLine > MAX_DIRECTIVES_PER_LINE || isWordChar(line[start - 1])
        ? undefined
        : readDirective(marker.kind, line, start + marker.text.length);
    if (parsed !== undefined && marker.kind === 'kics-file' && parsed.invalid === undefined) {
      // KICS reads a file-wide ignore only from the comments that open the file; the same words in
      // a string or a heredoc further down must not silence the whole file.
      headerEnd ??= fileHeaderEnd(text);
      if (lineStart > headerEnd) {
        parsed = { ...parsed, invalid: 'it silences the whole file only in the comments at the top of the file; move it there or use kics-scan ignore-block' };
      }
    }
    if (parsed) {
      const written = line.slice(start, parsed.end).trim();
      if (onLine === 0) firstOnLine = start;
      const scope = scopeOf(marker, line.slice(0, firstOnLine));
      directives.push(toDirective(path, lineNumber, marker, written, parsed, scope));
      onLine++;
      cursor = Math.max(cursor, lineStart + parsed.end);
    }

    // Each marker's search restarts only once the cursor has passed its last hit,
    // so every marker scans the text at most once.
    for (let i = 0; i < next.length; i++) {
      const hit = next[i] ?? -1;
      if (hit >= 0 && hit < cursor) next[i] = text.indexOf((MARKERS[i] as Marker).text, cursor);
    }
  }
  return directives;
}
