/**
 * The secret detector: keyword prefilter, rule patterns on small windows,
 * then entropy, allowlists and filters. Pure and synchronous, so it runs the
 * same in the main thread and in worker threads.
 */
import type { CommitInfo, Finding } from '../../core/finding.js';
import { contentHash, fingerprint } from '../../core/fingerprint.js';
import { redactIn, redactSecret } from '../../core/redact.js';
import { realLine, type SourceText } from '../../core/source.js';
import { shannonEntropy } from './entropy.js';
import { isPlaceholder, passesFilter } from './filters.js';
import { buildKeywordIndex, type KeywordIndex } from './keyword-index.js';
import { LineIndex } from '../../core/line-index.js';
import type { CompiledSecretRule } from './rules.js';

export interface DetectOptions {
  showSecrets: boolean;
  /** Secret values matching any of these are ignored (config `secrets.allow-values`). */
  allowValues?: RegExp[];
}

/**
 * Characters searched before and after a keyword hit on long lines. A
 * keyword sits at the start of a token or shortly before its value, so the
 * window reaches a little back and further forward; rules with longer
 * tokens (JWTs) set `maxSpan`. Small windows keep minified code cheap,
 * where keywords are frequent.
 */
const SPAN_BEFORE = 320;
const DEFAULT_SPAN_AFTER = 1024;
const MULTILINE_SPAN = 16 * 1024;
const SNIPPET_MAX = 200;

interface Prepared {
  keywordIndex: KeywordIndex;
  /** Copies of the rule patterns with the `d` flag, for group offsets. */
  patterns: RegExp[];
}

const preparedCache = new WeakMap<readonly CompiledSecretRule[], Prepared>();

function prepare(rules: readonly CompiledSecretRule[]): Prepared {
  const cached = preparedCache.get(rules);
  if (cached) return cached;
  const prepared: Prepared = {
    keywordIndex: buildKeywordIndex(rules),
    patterns: rules.map((rule) => new RegExp(rule.regex.source, rule.caseInsensitive ? 'gid' : 'gd')),
  };
  preparedCache.set(rules, prepared);
  return prepared;
}

interface Candidate {
  rule: CompiledSecretRule;
  match: RegExpExecArray;
  secret: string;
  /** Offset of the secret in the source text. */
  offset: number;
  /** Offset of the whole match, which for a key block is its BEGIN line. */
  matchOffset: number;
}

/** Bounds of the line around the latest keyword hit, reused while hits stay on it. */
class LineCursor {
  start = 0;
  end = -1;

  constructor(private readonly text: string) {}

  /**
   * Move to the line containing `at`. Hits arrive in ascending order, so the
   * backward search never passes the previous line's end and the total work
   * stays linear in the text, even on megabyte-long minified lines.
   */
  moveTo(at: number): void {
    if (at <= this.end) return;
    this.start = this.text.lastIndexOf('\n', at - 1) + 1;
    const next = this.text.indexOf('\n', at);
    this.end = next === -1 ? this.text.length : next;
  }
}

/** Window of text that a rule's pattern runs on, around a keyword hit at `at`. */
function windowAround(
  text: string,
  at: number,
  line: LineCursor,
  rule: CompiledSecretRule,
): [number, number] {
  const after = rule.maxSpan ?? (rule.multiline ? MULTILINE_SPAN : DEFAULT_SPAN_AFTER);
  const start = Math.max(line.start, at - SPAN_BEFORE);
  if (rule.multiline) return [start, Math.min(text.length, at + after)];
  return [start, Math.min(line.end, at + after)];
}

function* matchesInWindow(
  pattern: RegExp,
  rule: CompiledSecretRule,
  text: string,
  start: number,
  end: number,
): Generator<Candidate> {
  const window = text.slice(start, end);
  pattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(window)) !== null) {
    if (match[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    const group = rule.secretGroup ?? 0;
    const secret = match[group];
    const span = match.indices?.[group];
    if (secret === undefined || secret.length === 0 || span === undefined) continue;
    yield { rule, match, secret, offset: start + span[0], matchOffset: start + match.index };
  }
}

/** Every regex match of the rules that apply to this path, before validation. */
function* candidates(
  source: SourceText,
  rules: readonly CompiledSecretRule[],
  prepared: Prepared,
): Generator<Candidate> {
  const { text } = source;
  const applies = rules.map((rule) => !rule.pathFilter || rule.pathFilter(source.path));
  const scannedUntil = new Array<number>(rules.length).fill(-1);
  const { matcher, rulesByKeyword, unconditional } = prepared.keywordIndex;

  for (const index of unconditional) {
    if (!applies[index]) continue;
    const rule = rules[index] as CompiledSecretRule;
    yield* matchesInWindow(prepared.patterns[index] as RegExp, rule, text, 0, text.length);
  }

  const line = new LineCursor(text);
  const windows: [number, number, number][] = [];
  matcher.scan(text, (keyword, at) => {
    line.moveTo(at);
    for (const index of rulesByKeyword[keyword] as number[]) {
      if (!applies[index]) continue;
      const rule = rules[index] as CompiledSecretRule;
      const last = scannedUntil[index] ?? -1;
      // A single-line rule's window around a hit inside the last window adds
      // nothing new; a multiline rule's may reach further, as its match can.
      if (!rule.multiline && at < last) continue;
      const [start, end] = windowAround(text, at, line, rule);
      if (end <= last) continue;
      scannedUntil[index] = end;
      windows.push([index, start, end]);
    }
  });

  for (const [index, start, end] of windows) {
    const rule = rules[index] as CompiledSecretRule;
    yield* matchesInWindow(prepared.patterns[index] as RegExp, rule, text, start, end);
  }
}

function isRealSecret(candidate: Candidate, options: DetectOptions): boolean {
  const { rule, secret, match } = candidate;
  if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) return false;
  if (rule.allowRegexes.some((allow) => allow.test(secret))) return false;
  if (options.allowValues?.some((allow) => allow.test(secret))) return false;
  if (rule.family !== 'private-key' && isPlaceholder(secret)) return false;
  return passesFilter(rule.filter, match, secret);
}

/**
 * The finding's first line, with every secret detected in the text
 * redacted, not only this finding's: a line can hold a key ID and its
 * secret, and neither may leak through the other's snippet.
 */
function snippetFor(lineText: string, secrets: readonly string[], column: number, show: boolean): string {
  let snippet = lineText;
  for (const secret of secrets) snippet = redactIn(snippet, secret.split('\n', 1)[0] ?? '', show);
  if (snippet.length > SNIPPET_MAX) {
    const from = Math.max(0, column - 1 - SNIPPET_MAX / 2);
    snippet = snippet.slice(from, from + SNIPPET_MAX);
  }
  return snippet.trim();
}

function toFinding(
  candidate: Candidate,
  source: SourceText,
  lines: LineIndex,
  occurrence: number,
  allSecrets: readonly string[],
  options: DetectOptions,
): Finding {
  const { rule, secret, offset } = candidate;
  // A key block is reported from its BEGIN line; other secrets from the value itself.
  const start = lines.position(rule.family === 'private-key' ? candidate.matchOffset : offset);
  const end = lines.position(offset + secret.length);
  const redacted = redactSecret(secret, options.showSecrets);
  const finding: Finding = {
    ruleId: rule.fullId,
    scanner: 'secrets',
    severity: rule.severity,
    confidence: rule.confidence,
    title: rule.title,
    message: `${rule.title}: ${redacted} (${secret.length} characters)`,
    location: {
      path: source.path,
      startLine: realLine(source, start.line),
      startColumn: start.column,
      endLine: realLine(source, end.line),
      endColumn: end.column,
      snippet: snippetFor(lines.lineText(start.line), allSecrets, start.column, options.showSecrets),
    },
    fingerprint: fingerprint({
      ruleId: rule.fullId,
      path: source.path,
      anchor: contentHash(secret),
      occurrence,
    }),
    cwe: rule.cwe,
    remediation: rule.remediation,
    references: rule.references,
    tags: rule.tags,
    secret: { redacted, length: secret.length, entropy: Number(shannonEntropy(secret).toFixed(3)) },
  };
  return finding;
}

/**
 * How specific a rule is: provider rules beat the generic family, and
 * within it, format rules (a Django SECRET_KEY) beat the catch-all
 * name-and-value rules.
 */
function specificity(rule: CompiledSecretRule): number {
  if (rule.family !== 'generic') return 2;
  return rule.filter === 'generic-assignment' ? 0 : 1;
}

/**
 * Find secrets in one text. Each secret position is reported once, by the
 * most specific rule that matched it.
 */
export function detectSecrets(
  source: SourceText,
  rules: readonly CompiledSecretRule[],
  options: DetectOptions,
): Finding[] {
  const kept = findCandidates(source, rules, options);
  if (kept.length === 0) return [];

  const lines = new LineIndex(source.text);
  const occurrences = new Map<string, number>();
  const findings: Finding[] = [];
  const allSecrets = longestFirst(kept.map((c) => c.secret));
  const commit = source.commit && redactCommit(source.commit, rules, options);
  for (const candidate of kept) {
    const key = `${candidate.rule.fullId}\0${candidate.secret}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const finding = toFinding(candidate, source, lines, occurrence, allSecrets, options);
    if (commit) finding.commit = commit;
    findings.push(finding);
  }
  return findings;
}

/** The validated secrets of a text, one per position, in text order. */
function findCandidates(
  source: SourceText,
  rules: readonly CompiledSecretRule[],
  options: DetectOptions,
): Candidate[] {
  const prepared = prepare(rules);
  const accepted = new Map<number, Candidate>();
  for (const candidate of candidates(source, rules, prepared)) {
    const existing = accepted.get(candidate.offset);
    if (existing && specificity(existing.rule) >= specificity(candidate.rule)) continue;
    if (isRealSecret(candidate, options)) accepted.set(candidate.offset, candidate);
  }
  return dropOverlaps([...accepted.values()].sort((a, b) => a.offset - b.offset));
}

/** Unique values, longest first, so that a secret containing another is redacted whole. */
function longestFirst(secrets: string[]): string[] {
  return [...new Set(secrets)].sort((a, b) => b.length - a.length);
}

/** The commit with any secret in its summary line redacted, as in snippets. */
function redactCommit(
  commit: CommitInfo,
  rules: readonly CompiledSecretRule[],
  options: DetectOptions,
): CommitInfo {
  if (options.showSecrets) return commit;
  const found = findCandidates({ path: '', text: commit.summary }, rules, options);
  let summary = commit.summary;
  for (const secret of longestFirst(found.map((c) => c.secret))) summary = redactIn(summary, secret);
  return { ...commit, summary };
}

/**
 * Drop a finding whose value overlaps one of a more specific rule (for
 * example `token = "ghp_..."`, matched by a GitHub rule and a generic one).
 */
function dropOverlaps(ordered: Candidate[]): Candidate[] {
  return ordered.filter((candidate) => {
    const end = candidate.offset + candidate.secret.length;
    const rank = specificity(candidate.rule);
    return !ordered.some(
      (other) =>
        specificity(other.rule) > rank &&
        other.offset < end &&
        candidate.offset < other.offset + other.secret.length,
    );
  });
}
