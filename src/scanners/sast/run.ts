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
import type { SyntaxNode } from './pattern/syntax-tree.js';
import { evaluateFormula, type FileInput, type Formula, type PatternCache } from './rules/formula.js';
import type { SastRule } from './rules/load.js';
import { buildFileModel, type FileModel } from './taint/file-model.js';
import { SHARED_RULE, type FileLinks, type ProjectFact } from './taint/project.js';
import { FileTaint, SOURCE_LABEL, trackTaint, type TaintFact, type TaintResult, type TaintStep } from './taint/track.js';

export interface FileResult {
  findings: Finding[];
  /** Set when the file could not be parsed in time. */
  error?: string;
  /** Set when the grammar recovered from syntax errors, so matches may be missing. */
  partial?: boolean;
  /** Set when code nested too deep to copy was left out. */
  truncated?: boolean;
  /** The file's links and taint facts for the project-wide pass (only with `crossFile`). */
  links?: FileLinks;
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
  parameter: 'parameter',
  call: 'passed to',
};

function flowStep(step: TaintStep, path: string, text: string, lines: LineIndex): FlowStep {
  const start = lines.position(step.node.start);
  const end = lines.position(step.node.end);
  let code = toOneLine(text.slice(step.node.start, step.node.end));
  if (code.length > 60) code = `${code.slice(0, 57)}...`;
  const message = step.name !== undefined ? `${STEP_WORDS[step.kind]} ${step.name}` : `${STEP_WORDS[step.kind]}: ${code}`;
  return { path, startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column, message };
}

export interface ScanOptions {
  /**
   * Report calls into other project files as facts for the project-wide
   * pass (taint/project.ts) instead of guessing what they return. Only
   * set it when that pass runs on the results.
   */
  crossFile?: boolean;
}

/** Scans one file with every rule for its language. */
export async function scanSourceFile(path: string, text: string, rules: readonly SastRule[], cache: PatternCache, options: ScanOptions = {}): Promise<FileResult> {
  const language = languageOf(path);
  if (language === undefined) return { findings: [] };
  const applicable = rules.filter((rule) => rule.languages.includes(language));
  if (applicable.length === 0) return { findings: [] };
  const parsed = await parseSource(language, text);
  if (parsed === undefined) return { findings: [], error: 'parsing took too long; the file was skipped' };
  const lines = new LineIndex(text);
  const file: FileInput = { language, root: parsed.root, text, aliases: collectAliases(language, parsed.root, text), index: new NodeIndex(parsed.root) };
  let model: FileModel | undefined;
  const crossFile = options.crossFile === true && language !== 'python';
  const findings: Finding[] = [];
  const facts: ProjectFact[] = [];
  const ownRules: string[] = [];
  const stops: FileLinks['stops'] = [];
  let baseline: FileTaint | undefined;
  for (const rule of applicable) {
    const toFinding = findingMaker(rule, path, text, lines, language);
    if (rule.formula !== undefined) {
      for (const match of await evaluateFormula(rule.formula, file, cache)) findings.push(toFinding(match));
      continue;
    }
    if (rule.taint === undefined) continue;
    model ??= buildFileModel(language, parsed.root, text);
    const linked = crossFile && (model.exported.length > 0 || model.importedCalls.length > 0);
    const sinks = await matchAll(rule.taint.sinks, file, cache);
    if (sinks.length === 0 && !linked) continue;
    const sources = await matchAll(rule.taint.sources, file, cache);
    if (sources.length === 0 && !linked) continue;
    const sanitizers = await matchAll(rule.taint.sanitizers, file, cache);
    const propagators = await propagatorMatches(rule, file, cache);
    let result: TaintResult;
    if (sanitizers.length > 0 || propagators.length > 0) {
      result = trackTaint({ model, sources, sanitizers, propagators, crossFile: linked }, sinks);
      if (linked) ownRules.push(rule.id);
    } else {
      // Without sanitizers or propagators in this file, labels move the same way for every rule:
      // one shared run gives the functions' summaries, and a rule's sources continue from a copy.
      baseline ??= new FileTaint({ model, sources: [], sanitizers: [], propagators: [], crossFile: linked }).settle();
      result = sources.length > 0 ? baseline.fork(sources).settle().results(sinks, (label) => label === SOURCE_LABEL) : baseline.results(sinks, () => false);
    }
    if (linked) sinkArguments(model, sinks).forEach((argument) => stops.push({ rule: rule.id, ...argument }));
    const reported = new Set<PatternMatch>();
    for (const flow of result.flows) {
      reported.add(flow.sink);
      findings.push(toFinding(flow.sink, flow.steps.map((step) => flowStep(step, path, text, lines))));
    }
    for (const fact of result.facts) facts.push(projectFact(rule.id, fact, (step) => flowStep(step, path, text, lines), { sinks, reported, toFinding }));
  }
  if (baseline !== undefined && crossFile) {
    // With no sinks, the shared run's facts are about returns and calls into other files only.
    for (const fact of baseline.results([]).facts) facts.push(projectFact(SHARED_RULE, fact, (step) => flowStep(step, path, text, lines)));
  }
  const result: FileResult = { findings, ...(parsed.hasErrors ? { partial: true } : {}), ...(parsed.truncated ? { truncated: true } : {}) };
  if (crossFile && model !== undefined && (model.exported.length > 0 || model.importedCalls.length > 0 || model.reexports.length > 0)) {
    result.links = {
      path,
      calls: model.importedCalls.map((call) => ({ specifier: call.specifier, exportName: call.exportName })),
      exported: model.exported.map((exported) => {
        const rest = exported.parameterNodes.findIndex((parameter) => parameter.type === 'rest_pattern');
        return { names: exported.names, parameters: exported.parameters.length, ...(rest >= 0 ? { rest } : {}) };
      }),
      reexports: model.reexports,
      facts,
      ownRules,
      stops,
    };
  }
  return result;
}

/**
 * Lists the arguments of calls into other files that are themselves sinks
 * (`db.query(sql)` where `db` is the project's own wrapper): the finding
 * belongs at that call, not again inside the wrapper.
 */
function sinkArguments(model: FileModel, sinks: readonly PatternMatch[]): Array<{ call: number; index: number }> {
  const found: Array<{ call: number; index: number }> = [];
  if (sinks.length === 0) return found;
  model.importedCalls.forEach((call, callIndex) => {
    const args = call.node.children.find((child) => child.field === 'arguments')?.children.filter((arg) => arg.type !== 'comment') ?? [];
    args.forEach((arg, index) => {
      if (sinks.some((sink) => arg.start <= sink.node.start && sink.node.end <= arg.end)) found.push({ call: callIndex, index });
    });
  });
  return found;
}

async function propagatorMatches(rule: SastRule, file: FileInput, cache: PatternCache): Promise<Array<{ from: SyntaxNode; to: SyntaxNode }>> {
  const found: Array<{ from: SyntaxNode; to: SyntaxNode }> = [];
  for (const propagator of rule.taint?.propagators ?? []) {
    for (const match of await evaluateFormula(propagator.formula, file, cache)) {
      const from = match.bindings.get(propagator.from)?.node;
      const to = match.bindings.get(propagator.to)?.node;
      if (from !== undefined && to !== undefined) found.push({ from, to });
    }
  }
  return found;
}

/** Turns a fact of this file into one the project-wide pass can read in another thread. */
function projectFact(
  rule: string,
  fact: TaintFact,
  toFlowStep: (step: TaintStep) => FlowStep,
  sinkFinding?: { sinks: readonly PatternMatch[]; reported: ReadonlySet<PatternMatch>; toFinding: (match: PatternMatch) => Finding },
): ProjectFact {
  const steps = fact.steps.map(toFlowStep);
  const to = fact.to;
  if (to.kind !== 'sink') return { rule, from: fact.from, to, steps };
  const sink = sinkFinding?.sinks[to.sink];
  if (sinkFinding === undefined || sink === undefined) throw new Error(`sast rule ${rule}: a sink fact without its sink`);
  return { rule, from: fact.from, to: { kind: 'sink', finding: sinkFinding.toFinding(sink), reported: sinkFinding.reported.has(sink) }, steps };
}

async function matchAll(formulas: readonly Formula[], file: FileInput, cache: PatternCache): Promise<PatternMatch[]> {
  const found: PatternMatch[] = [];
  for (const formula of formulas) for (const match of await evaluateFormula(formula, file, cache)) found.push(match);
  return found;
}

/**
 * Returns a function that turns one match of `rule` into a finding, with
 * its path when there is one. The same match always gets the same
 * fingerprint, however often it is asked for.
 */
function findingMaker(rule: SastRule, path: string, text: string, lines: LineIndex, language: string) {
  const occurrences = new Map<string, number>();
  const fingerprints = new Map<PatternMatch, string>();
  const ruleId = `sast/${rule.id}`;
  return (match: PatternMatch, flow?: FlowStep[]): Finding => {
    const start = lines.position(match.node.start);
    const end = lines.position(match.node.end);
    let id = fingerprints.get(match);
    if (id === undefined) {
      const anchor = text.slice(match.node.start, match.node.end).replace(/\s+/g, ' ').slice(0, 200);
      const occurrence = occurrences.get(anchor) ?? 0;
      occurrences.set(anchor, occurrence + 1);
      id = fingerprint({ ruleId, path, anchor, occurrence });
      fingerprints.set(match, id);
    }
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
      fingerprint: id,
      tags: ['sast', language, ...(flow === undefined ? [] : ['taint'])],
    };
    if (flow !== undefined && flow.length > 0) finding.flow = flow;
    if (rule.cwe.length > 0) finding.cwe = rule.cwe;
    if (rule.owasp.length > 0) finding.owasp = rule.owasp;
    if (rule.references.length > 0) finding.references = rule.references;
    if (rule.remediation !== undefined) finding.remediation = rule.remediation;
    return finding;
  };
}
