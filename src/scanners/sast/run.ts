/**
 * Runs sast rules over one source file and turns matches into findings:
 * the rule's message with its metavariables filled in, at the matched
 * code's exact lines.
 */
import { fingerprint } from '../../core/fingerprint.js';
import type { Finding, FlowStep } from '../../core/finding.js';
import { LineIndex } from '../../core/line-index.js';
import { toOneLine } from '../../core/redact.js';
import { collectAliases } from './aliases.js';
import { languageOf } from './languages.js';
import { NodeIndex, type Bindings, type PatternMatch } from './pattern/match.js';
import { parseSource } from './pattern/parse-code.js';
import { evaluateFormula, type Formula, type PatternCache } from './rules/formula.js';
import { trackTaint, type TaintStep } from './taint.js';
import type { SastRule } from './rules/load.js';

export interface FileResult {
  findings: Finding[];
  /** Set when the file could not be parsed in time. */
  error?: string;
  /** Set when the grammar recovered from syntax errors, so matches may be missing. */
  partial?: boolean;
}

/** Longest quote of a metavariable in a message. */
const MAX_QUOTE = 60;

/** Replaces `$X` in a message with the code it matched, shortened to one line. */
export function fillMessage(message: string, bindings: Bindings): string {
  return message.replace(/\$[A-Z_][A-Z0-9_]*/g, (name) => {
    const bound = bindings.get(name);
    if (bound === undefined) return name;
    const text = toOneLine(bound.text);
    return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 3)}...` : text;
  });
}

const STEP_WORDS: Record<TaintStep['kind'], string> = {
  source: 'source',
  assignment: 'assigned to',
  argument: 'passed as parameter',
  return: 'returned by',
  sink: 'reaches the sink',
};

function flowStep(step: TaintStep, path: string, text: string, lines: LineIndex): FlowStep {
  const start = lines.position(step.node.start);
  const end = lines.position(step.node.end);
  let code = toOneLine(text.slice(step.node.start, step.node.end));
  if (code.length > 60) code = `${code.slice(0, 57)}...`;
  const message = step.name !== undefined ? `${STEP_WORDS[step.kind]} ${step.name}` : `${STEP_WORDS[step.kind]}: ${code}`;
  return { path, startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column, message };
}

/** Scans one file with every rule for its language. */
export async function scanSourceFile(path: string, text: string, rules: readonly SastRule[], cache: PatternCache): Promise<FileResult> {
  const language = languageOf(path);
  if (language === undefined) return { findings: [] };
  const applicable = rules.filter((rule) => rule.languages.includes(language));
  if (applicable.length === 0) return { findings: [] };
  const parsed = await parseSource(language, text);
  if (parsed === undefined) return { findings: [], error: 'parsing took too long; the file was skipped' };
  const lines = new LineIndex(text);
  const aliases = collectAliases(language, parsed.root, text);
  const index = new NodeIndex(parsed.root);
  const findings: Finding[] = [];
  for (const rule of applicable) {
    const file = { language, root: parsed.root, text, aliases, index };
    const results: Array<{ match: PatternMatch; flow?: TaintStep[] }> = [];
    if (rule.formula !== undefined) {
      for (const match of await evaluateFormula(rule.formula, file, cache)) results.push({ match });
    } else if (rule.taint !== undefined) {
      const all = async (formulas: Formula[]): Promise<PatternMatch[]> => {
        const found: PatternMatch[] = [];
        for (const formula of formulas) for (const match of await evaluateFormula(formula, file, cache)) found.push(match);
        return found;
      };
      const flows = trackTaint({
        language,
        root: parsed.root,
        text,
        sources: await all(rule.taint.sources),
        sinks: await all(rule.taint.sinks),
        sanitizers: await all(rule.taint.sanitizers),
      });
      for (const flow of flows) results.push({ match: flow.sink, flow: flow.steps });
    }
    const occurrences = new Map<string, number>();
    for (const { match, flow } of results) {
      const start = lines.position(match.node.start);
      const end = lines.position(match.node.end);
      const matched = text.slice(match.node.start, match.node.end);
      const anchor = matched.replace(/\s+/g, ' ').slice(0, 200);
      const occurrence = occurrences.get(anchor) ?? 0;
      occurrences.set(anchor, occurrence + 1);
      const ruleId = `sast/${rule.id}`;
      const finding: Finding = {
        ruleId,
        scanner: 'sast',
        severity: rule.severity,
        confidence: rule.confidence,
        title: rule.title,
        message: toOneLine(fillMessage(rule.message, match.bindings)),
        location: {
          path,
          startLine: start.line,
          startColumn: start.column,
          endLine: end.line,
          endColumn: end.column,
          snippet: lines.lineText(start.line).slice(0, 400),
        },
        fingerprint: fingerprint({ ruleId, path, anchor, occurrence }),
        tags: ['sast', language, ...(flow === undefined ? [] : ['taint'])],
      };
      if (flow !== undefined) finding.flow = flow.map((step) => flowStep(step, path, text, lines));
      if (rule.cwe.length > 0) finding.cwe = rule.cwe;
      if (rule.owasp.length > 0) finding.owasp = rule.owasp;
      if (rule.references.length > 0) finding.references = rule.references;
      if (rule.remediation !== undefined) finding.remediation = rule.remediation;
      findings.push(finding);
    }
  }
  return { findings, ...(parsed.hasErrors ? { partial: true } : {}) };
}
