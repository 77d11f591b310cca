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
import { resolveSpecifier, type Reexport } from './modules.js';
import { SOURCE_LABEL } from './track.js';

/** Maximum re-exports followed from an import to the function it names. */
const MAX_REEXPORT_HOPS = 16;

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
  exported: Array<{ names: string[]; parameters: number; rest?: number }>;
  reexports: Reexport[];
  facts: ProjectFact[];
}

interface Target {
  path: string;
  exported: number;
  /** Position of the callee's rest parameter (`...parts`), which receives every argument from there on. */
  rest?: number;
}

/** Returns the callee's parameter node that argument `index` of a call fills. */
function calleeParameter(target: Target, index: number): NodeId {
  const position = target.rest !== undefined && index > target.rest ? target.rest : index;
  return parameterNode(target.path, target.exported, position);
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
  const resolveExport = (from: string, specifier: string, name: string): Target | undefined => {
    // Follows re-exports (`export { run } from './h'`, `export * from`, `module.exports = require(...)`) a bounded number of times.
    let queue: Array<{ from: string; specifier: string; name: string }> = [{ from, specifier, name }];
    for (let hop = 0; hop < MAX_REEXPORT_HOPS && queue.length > 0; hop++) {
      const next: typeof queue = [];
      for (const step of queue) {
        const path = resolveSpecifier(step.from, step.specifier, paths);
        const file = path === undefined ? undefined : byPath.get(path);
        if (path === undefined || file === undefined) continue;
        const exported = file.exported.findIndex((entry) => entry.names.includes(step.name));
        const rest = exported >= 0 ? file.exported[exported]?.rest : undefined;
        if (exported >= 0) return rest === undefined ? { path, exported } : { path, exported, rest };
        for (const reexport of file.reexports) {
          if (reexport.name === step.name) next.push({ from: path, specifier: reexport.specifier, name: reexport.importedName });
          else if (reexport.name === '*') next.push({ from: path, specifier: reexport.specifier, name: step.name });
          else if (step.name.startsWith(`${reexport.name}.`)) {
            next.push({ from: path, specifier: reexport.specifier, name: `${reexport.importedName}${step.name.slice(reexport.name.length)}` });
          }
        }
      }
      queue = next.slice(0, 64);
    }
    return undefined;
  };
  for (const file of files) {
    file.calls.forEach((call, index) => {
      const target = resolveExport(file.path, call.specifier, call.exportName);
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

/** Steps that stand for steps left out of a long path; only this module makes them. */
const gapSteps = new WeakMap<FlowStep, number>();

/**
 * Shortens a path to at most MAX_PROJECT_STEPS steps: the first two, a
 * step saying how many were left out (at the location of the last step
 * before the gap), and the last ones. Trimming a trimmed path adds to its
 * count instead of a second gap step.
 */
export function trimFlow(steps: FlowStep[]): FlowStep[] {
  if (steps.length <= MAX_PROJECT_STEPS) return steps;
  const head = steps.slice(0, 2);
  const keepTail = MAX_PROJECT_STEPS - 3;
  const middle = steps.slice(2, steps.length - keepTail);
  const tail = steps.slice(steps.length - keepTail);
  let omitted = 0;
  for (const step of middle) omitted += gapSteps.get(step) ?? 1;
  // The gap sits where the first left-out step was; a gap already in `middle` is at that place.
  const gap: FlowStep = { ...(middle[0] as FlowStep), message: `${omitted} more step${omitted === 1 ? '' : 's'} not shown` };
  gapSteps.set(gap, omitted);
  return [...head, gap, ...tail];
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
    return passes(calleeParameter(target, index)) ? call : undefined;
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
      if (target !== undefined) visit({ node: calleeParameter(target, index), inCall: true, steps: state.steps });
      const through = flowsThrough(state.node);
      if (through !== undefined) visit({ node: through, inCall: state.inCall, steps: state.steps });
      continue;
    }
    for (const edge of graph.edges.get(state.node) ?? []) {
      // Trimming at every step keeps memory linear in long chains and gives the same path as trimming at the end.
      const steps = trimFlow([...state.steps, ...edge.steps]);
      if (edge.sink !== undefined) {
        const { finding } = edge.sink;
        // A sink that a source in its own file reaches is reported by that file already.
        if (edge.sink.reported || state.node === '' || reported.has(finding.fingerprint)) continue;
        reported.add(finding.fingerprint);
        findings.push({ ...finding, flow: steps, tags: [...(finding.tags ?? []), 'cross-file'] });
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
 * it on. The first question about a parameter solves it together with
 * every parameter its answer depends on, as a least fixpoint with a work
 * list (no recursion, so chains of thousands of files stay within the
 * stack), and keeps the answers.
 */
function passesChecker(graph: RuleGraph, targets: Map<NodeId, Target | undefined>): (parameter: NodeId) => boolean {
  const final = new Map<NodeId, boolean>();

  /** Searches from `parameter` to its function's return; lists the parameters of callees not yet known to pass. */
  const explore = (parameter: NodeId, passing: ReadonlySet<NodeId>): { found: boolean; blockedOn: NodeId[] } => {
    const [path, , exported] = parameter.split('\0');
    const goal = returnNode(path as string, Number(exported));
    const seen = new Set<NodeId>([parameter]);
    const stack: NodeId[] = [parameter];
    const blockedOn: NodeId[] = [];
    while (stack.length > 0) {
      const node = stack.pop() as NodeId;
      const next: NodeId[] = [];
      if (node.split('\0')[1] === 'a') {
        const { call, index } = parseArgument(node);
        const target = targets.get(call);
        const callee = target === undefined ? undefined : calleeParameter(target, index);
        if (callee === undefined || passing.has(callee) || final.get(callee) === true) next.push(call);
        else if (!final.has(callee)) blockedOn.push(callee);
      } else {
        for (const edge of graph.edges.get(node) ?? []) if (edge.sink === undefined) next.push(edge.to);
      }
      for (const candidate of next) {
        if (candidate === goal) return { found: true, blockedOn };
        if (!seen.has(candidate)) {
          seen.add(candidate);
          stack.push(candidate);
        }
      }
    }
    return { found: false, blockedOn };
  };

  return (start: NodeId): boolean => {
    const known = final.get(start);
    if (known !== undefined) return known;
    const passing = new Set<NodeId>();
    const involved = new Set<NodeId>([start]);
    const dependents = new Map<NodeId, Set<NodeId>>();
    const work: NodeId[] = [start];
    while (work.length > 0) {
      const parameter = work.pop() as NodeId;
      if (passing.has(parameter)) continue;
      const { found, blockedOn } = explore(parameter, passing);
      if (found) {
        passing.add(parameter);
        for (const dependent of dependents.get(parameter) ?? []) work.push(dependent);
        continue;
      }
      for (const callee of blockedOn) {
        let waiting = dependents.get(callee);
        if (waiting === undefined) {
          waiting = new Set();
          dependents.set(callee, waiting);
        }
        waiting.add(parameter);
        if (!involved.has(callee)) {
          involved.add(callee);
          work.push(callee);
        }
      }
    }
    for (const parameter of involved) final.set(parameter, passing.has(parameter));
    return passing.has(start);
  };
}
