/**
 * Taint across the files of a JavaScript or TypeScript project. Each file
 * reports facts in terms of labels it cannot decide alone (see track.ts).
 * Examples are a parameter of an exported function reaching a sink, a
 * source reaching an exported function's return, and a value passed to a
 * function imported from another project file. This pass resolves the imports to files and
 * follows the facts from the sources across files to the sinks.
 *
 * Calls stay context-sensitive: a value passed to an imported function
 * comes back out of that call only, and only when the callee passes that
 * parameter to its return value. A source that an imported function
 * returns on its own taints every call of it.
 */
import type { Finding, FlowStep } from '../../../core/finding.js';
import { resolveSpecifier } from './modules.js';
import { SOURCE_LABEL, trimSteps } from './track.js';

/** Maximum steps of a path across files. */
const MAX_PROJECT_STEPS = 20;

/** A fact of one file, ready to cross threads: locations are lines and columns. */
export interface ProjectFact {
  rule: string;
  from: string;
  to:
    | { kind: 'sink'; finding: Finding; reported: boolean }
    | { kind: 'return'; exported: number }
    | { kind: 'argument'; call: number; index: number };
  steps: FlowStep[];
}

/** Rule id of facts that hold for every rule without its own run in that file (see `ownRules`). */
export const SHARED_RULE = '*';

/** The links and facts of one file, for the project-wide pass. */
export interface FileLinks {
  path: string;
  /** Rules with sanitizers or propagators in this file: their facts replace the shared ones. */
  ownRules: string[];
  /** Arguments of calls into other files that are sinks of a rule themselves: that rule's paths end there. */
  stops: Array<{ rule: string; call: number; index: number }>;
  calls: Array<{ specifier: string; exportName: string }>;
  exported: Array<{ names: string[]; parameters: number }>;
  facts: ProjectFact[];
}

interface Target {
  path: string;
  exported: number;
}

type NodeId = string;

interface Edge {
  to: NodeId;
  steps: FlowStep[];
  sink?: { finding: Finding; reported: boolean };
}

const parameterNode = (path: string, exported: number, index: number): NodeId => `${path}\0p\0${exported}\0${index}`;
const callNode = (path: string, call: number): NodeId => `${path}\0c\0${call}`;
const argumentNode = (path: string, call: number, index: number): NodeId => `${path}\0a\0${call}\0${index}`;
const returnNode = (path: string, exported: number): NodeId => `${path}\0r\0${exported}`;
const SINK_NODE = '\0sink';

function labelNode(path: string, label: string): NodeId | undefined {
  if (label === SOURCE_LABEL) return undefined;
  const [kind, first, second] = label.split(':');
  if (kind === 'p') return parameterNode(path, Number(first), Number(second));
  if (kind === 'c') return callNode(path, Number(first));
  return undefined;
}

class RuleGraph {
  /** Local edges by origin node. The key '' lists the edges from sources. */
  readonly edges = new Map<NodeId, Edge[]>();
  readonly stops = new Set<NodeId>();

  add(from: NodeId, edge: Edge): void {
    let list = this.edges.get(from);
    if (list === undefined) {
      list = [];
      this.edges.set(from, list);
    }
    list.push(edge);
  }
}

/** Resolves every file's calls into the project and links the facts; returns the findings only the project shows. */
export function solveProjectTaint(files: readonly FileLinks[]): Finding[] {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const paths = new Set(byPath.keys());
  // Call (file, index) to its target, or undefined when the callee is not a function of a scanned file.
  const targets = new Map<NodeId, Target | undefined>();
  const callers = new Map<NodeId, NodeId[]>();
  for (const file of files) {
    file.calls.forEach((call, index) => {
      const resolved = resolveSpecifier(file.path, call.specifier, paths);
      const exported = resolved === undefined ? -1 : (byPath.get(resolved)?.exported.findIndex((entry) => entry.names.includes(call.exportName)) ?? -1);
      const target = resolved !== undefined && exported >= 0 ? { path: resolved, exported } : undefined;
      targets.set(callNode(file.path, index), target);
      if (target !== undefined) {
        const key = returnNode(target.path, target.exported);
        const list = callers.get(key) ?? [];
        list.push(callNode(file.path, index));
        callers.set(key, list);
      }
    });
  }

  const graphs = new Map<string, RuleGraph>();
  for (const file of files) {
    for (const fact of file.facts) if (fact.rule !== SHARED_RULE && !graphs.has(fact.rule)) graphs.set(fact.rule, new RuleGraph());
  }
  for (const file of files) {
    for (const stop of file.stops) graphs.get(stop.rule)?.stops.add(argumentNode(file.path, stop.call, stop.index));
    for (const fact of file.facts) {
      if (fact.rule !== SHARED_RULE) addFact(graphs.get(fact.rule) as RuleGraph, file.path, fact);
      else for (const [rule, graph] of graphs) if (!file.ownRules.includes(rule)) addFact(graph, file.path, fact);
    }
  }

  const findings: Finding[] = [];
  for (const graph of graphs.values()) findings.push(...solveRule(graph, targets, callers));
  return findings;
}

function addFact(graph: RuleGraph, path: string, fact: ProjectFact): void {
  const from = labelNode(path, fact.from) ?? '';
  if (fact.from !== SOURCE_LABEL && from === '') return;
  const to = fact.to;
  if (to.kind === 'sink') graph.add(from, { to: SINK_NODE, steps: fact.steps, sink: { finding: to.finding, reported: to.reported } });
  else if (to.kind === 'return') graph.add(from, { to: returnNode(path, to.exported), steps: fact.steps });
  else graph.add(from, { to: argumentNode(path, to.call, to.index), steps: fact.steps });
}

function parseArgument(node: NodeId): { call: NodeId; index: number; path: string } {
  const [path, , call, index] = node.split('\0');
  return { call: callNode(path as string, Number(call)), index: Number(index), path: path as string };
}

function solveRule(graph: RuleGraph, targets: Map<NodeId, Target | undefined>, callers: Map<NodeId, NodeId[]>): Finding[] {
  if (!graph.edges.has('')) return [];
  const passes = passesChecker(graph, targets);
  const flowsThrough = (argument: NodeId): NodeId | undefined => {
    const { call, index } = parseArgument(argument);
    const target = targets.get(call);
    if (target === undefined) return call;
    return passes(parameterNode(target.path, target.exported, index)) ? call : undefined;
  };

  // Breadth-first from the sources. `inCall` marks values that entered a function through a
  // parameter: their path must not leave through that function's return to every caller.
  interface State {
    node: NodeId;
    inCall: boolean;
    steps: FlowStep[];
  }
  const seen = new Set<string>();
  const queue: State[] = [{ node: '', inCall: false, steps: [] }];
  const reported = new Set<string>();
  const findings: Finding[] = [];
  const visit = (state: State): void => {
    const key = `${state.inCall ? 1 : 0}\0${state.node}`;
    if (seen.has(key) || (state.inCall && seen.has(`0\0${state.node}`))) return;
    seen.add(key);
    queue.push(state);
  };
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] as State;
    const kind = state.node === '' ? 's' : state.node.split('\0')[1];
    if (kind === 'r') {
      if (state.inCall) continue;
      for (const caller of callers.get(state.node) ?? []) visit({ node: caller, inCall: false, steps: state.steps });
      continue;
    }
    if (kind === 'a') {
      if (graph.stops.has(state.node)) continue;
      const { call, index } = parseArgument(state.node);
      const target = targets.get(call);
      if (target !== undefined) visit({ node: parameterNode(target.path, target.exported, index), inCall: true, steps: state.steps });
      const through = flowsThrough(state.node);
      if (through !== undefined) visit({ node: through, inCall: state.inCall, steps: state.steps });
      continue;
    }
    for (const edge of graph.edges.get(state.node) ?? []) {
      const steps = [...state.steps, ...edge.steps];
      if (edge.sink !== undefined) {
        const { finding } = edge.sink;
        // A sink that a source in its own file reaches is reported by that file already.
        if (edge.sink.reported || state.node === '' || reported.has(finding.fingerprint)) continue;
        reported.add(finding.fingerprint);
        findings.push({ ...finding, flow: trimSteps(steps, MAX_PROJECT_STEPS), tags: [...(finding.tags ?? []), 'cross-file'] });
        continue;
      }
      visit({ node: edge.to, inCall: state.inCall, steps });
    }
  }
  return findings;
}

/**
 * Returns whether an exported function passes a parameter to its return
 * value, directly or through calls to other imported functions that pass
 * it on. Answers are computed when first asked and kept; a question that
 * comes back to itself through recursion counts as no.
 */
function passesChecker(graph: RuleGraph, targets: Map<NodeId, Target | undefined>): (parameter: NodeId) => boolean {
  const known = new Map<NodeId, boolean>();
  const passes = (parameter: NodeId): boolean => {
    const cached = known.get(parameter);
    if (cached !== undefined) return cached;
    known.set(parameter, false);
    const [path, , exported] = parameter.split('\0');
    const goal = returnNode(path as string, Number(exported));
    const seen = new Set<NodeId>([parameter]);
    const stack: NodeId[] = [parameter];
    let found = false;
    while (stack.length > 0 && !found) {
      const node = stack.pop() as NodeId;
      const next: NodeId[] = [];
      if (node.split('\0')[1] === 'a') {
        const { call, index } = parseArgument(node);
        const target = targets.get(call);
        if (target === undefined || passes(parameterNode(target.path, target.exported, index))) next.push(call);
      } else {
        for (const edge of graph.edges.get(node) ?? []) if (edge.sink === undefined) next.push(edge.to);
      }
      for (const candidate of next) {
        if (candidate === goal) found = true;
        else if (!seen.has(candidate)) {
          seen.add(candidate);
          stack.push(candidate);
        }
      }
    }
    known.set(parameter, found);
    return found;
  };
  return passes;
}
