/**
 * Evaluates rule conditions on resource trees, in three values: pass,
 * fail and unknown. A value known only at deploy time (an unresolved
 * expression) makes its check unknown, never pass. The logic is Kleene's.
 * `all` fails when any part fails, and is unknown when none fails but one
 * is unknown. `any` passes when any part passes. `not` swaps pass and fail.
 *
 * Each outcome carries the span that explains it (the value that failed,
 * or the resource's first line when a setting is missing) and a short
 * description of what was seen, which becomes the finding's message.
 */
import type { IacResource } from '../resource.js';
import type { Scalar, Span, TreeNode } from '../tree.js';
import { walkPath, type Hit } from './path.js';
import type { Condition, LeafCondition, Operators, Quantified, RelatedCondition } from './types.js';
import { literalNames, refersTo, terraformLocalAddress } from './references.js';

export type Result = 'pass' | 'fail' | 'unknown';

export interface Outcome {
  result: Result;
  /** The node or setting behind the result. */
  span?: Span;
  /** Description of the value behind the result, such as `privileged is true` or `encrypted is not set`. */
  seen?: string;
}

/** A check written in code: judges `node` (the resource body or a selected element). */
export type Builtin = (node: TreeNode, context: EvalContext, args: Record<string, unknown>) => Outcome;

/** The resources of a scan, for conditions on related resources. */
export interface ResourceIndex {
  byType(type: string): readonly IacResource[];
  /** Work shared by every rule of a scan, computed once per key. */
  memo<T>(key: string, compute: () => T): T;
}

export interface EvalContext {
  resource: IacResource;
  resources: ResourceIndex;
  builtins: ReadonlyMap<string, Builtin>;
  /** Compiled regular expressions by source; filled as rules run. */
  regexes: Map<string, RegExp>;
  /** How many `related` conditions enclose this one; bounded to stop cycles. */
  depth: number;
  /** Redact values in descriptions (rules about secrets). */
  secret: boolean;
  /** The path that selected the node being judged (`ingress`, `@containers`), to name values in descriptions. */
  label?: string;
}

const MAX_RELATED_DEPTH = 4;

/** Returns the first line of the resource, where a missing setting is reported. */
export function headerSpan(resource: IacResource): Span {
  return firstLine(resource.span);
}

function firstLine(span: Span): Span {
  const { startLine, startColumn } = span;
  return { startLine, startColumn, endLine: startLine, endColumn: startColumn + 1 };
}

/** Returns where a setting missing from `node` is reported: the resource's first line, or the first line of the judged element (a container, an ingress block). */
function missingSpan(node: TreeNode, context: EvalContext): Span {
  return node === context.resource.body || node.kind !== 'map' ? headerSpan(context.resource) : firstLine(node.span);
}

/**
 * Returns the name descriptions give an element that `every`, `some` or
 * `none` selected: `container "api"` for Kubernetes containers, else the path
 * without selectors (`ingress`, `Statement`).
 */
function labelOf(path: string | undefined, node: TreeNode, context: EvalContext): string | undefined {
  if (path === undefined) return context.label;
  if (path.endsWith('@containers') || path.endsWith('containers') || path.endsWith('initContainers')) {
    const name = node.kind === 'map' ? node.entries.find((entry) => entry.key === 'name')?.value : undefined;
    if (name?.kind === 'scalar' && typeof name.value === 'string') return `container "${name.value}"`;
  }
  const cleaned = path.replaceAll('[]', '').replaceAll('@json.', '').replaceAll('@json', '').replace(/^@pod\.?/, '').replace(/\.$/, '');
  if (cleaned === '' || cleaned.startsWith('@')) return context.label;
  if (context.label === undefined) return cleaned;
  return `${context.label}${separatorAfter(context.label)}${cleaned}`;
}

/** `container "api": securityContext.privileged`, but `ingress.cidr_blocks`. */
function separatorAfter(label: string): string {
  return /^container "[^"]*"$/.test(label) ? ': ' : '.';
}

/** Returns the name descriptions give the value at `path` below the judged node. */
function nameOf(path: string | undefined, context: EvalContext): string {
  if (path !== undefined && path !== '') {
    const cleaned = path.replaceAll('[]', '').replaceAll('@json.', '');
    if (context.label === undefined) return cleaned;
    return `${context.label}${separatorAfter(context.label)}${cleaned}`;
  }
  return context.label ?? 'the value';
}

export function evaluate(condition: Condition, node: TreeNode, context: EvalContext): Outcome {
  if ('all' in condition) return all(condition.all.map((part) => () => evaluate(part, node, context)));
  if ('any' in condition) return any(condition.any.map((part) => () => evaluate(part, node, context)), context);
  if ('not' in condition) return negate(evaluate(condition.not, node, context));
  if ('related' in condition) return related(condition, context);
  if ('builtin' in condition) {
    const builtin = context.builtins.get(condition.builtin);
    if (builtin === undefined) throw new Error(`unknown builtin "${condition.builtin}"`);
    return builtin(node, context, condition.with ?? {});
  }
  if ('every' in condition || 'some' in condition || 'none' in condition) {
    return quantified(condition as Quantified, node, context);
  }
  return leaf(condition as LeafCondition, node, context);
}

function all(parts: Array<() => Outcome>): Outcome {
  let unknown: Outcome | undefined;
  const passed: Outcome[] = [];
  for (const part of parts) {
    const outcome = part();
    if (outcome.result === 'fail') return outcome;
    if (outcome.result === 'unknown') unknown ??= outcome;
    else passed.push(outcome);
  }
  if (unknown !== undefined) return unknown;
  // Every part holds. Under `not` or `none` this is the finding, so the description lists every part.
  // A description such as "x is a map" is left out, because it is of no use to a reader.
  const seen = passed.map((outcome) => outcome.seen).filter((text): text is string => text !== undefined && !/ is an? (empty )?(map|list)( of \d+)?$/.test(text));
  const combined: Outcome = { result: 'pass' };
  const span = narrowest(passed.map((outcome) => outcome.span));
  if (span !== undefined) combined.span = span;
  if (seen.length > 0) combined.seen = [...new Set(seen)].slice(0, 3).join(' and ');
  return combined;
}

/** Returns the span of fewest lines, then fewest columns: the most telling place, such as the CIDR line of an ingress block. */
function narrowest(spans: Array<Span | undefined>): Span | undefined {
  let best: Span | undefined;
  const size = (span: Span): number => (span.endLine - span.startLine) * 100_000 + (span.endColumn - span.startColumn);
  for (const span of spans) {
    if (span !== undefined && (best === undefined || size(span) < size(best))) best = span;
  }
  return best;
}

function any(parts: Array<() => Outcome>, context: EvalContext): Outcome {
  let unknown: Outcome | undefined;
  let failure: Outcome | undefined;
  for (const part of parts) {
    const outcome = part();
    if (outcome.result === 'pass') return outcome;
    if (outcome.result === 'unknown') unknown ??= outcome;
    else failure ??= outcome;
  }
  return unknown ?? failure ?? { result: 'fail', span: headerSpan(context.resource) };
}

function negate(outcome: Outcome): Outcome {
  if (outcome.result === 'unknown') return outcome;
  return { ...outcome, result: outcome.result === 'pass' ? 'fail' : 'pass' };
}

/** Turns a failure inside a dynamic block of unknown count into unknown, because the block may not exist. */
function throughDynamic(outcome: Outcome, hit: Hit): Outcome {
  if (!hit.dynamic || outcome.result !== 'fail') return outcome;
  return { ...outcome, result: 'unknown', seen: `${outcome.seen ?? 'a value'} in a dynamic block whose for_each is unknown` };
}

function hitSpan(hit: Hit): Span {
  const { span } = hit.node;
  if (hit.keySpan === undefined || hit.keySpan.startLine > span.startLine) return span;
  return { ...span, startLine: hit.keySpan.startLine, startColumn: hit.keySpan.startColumn };
}

function quantified(condition: Quantified, node: TreeNode, context: EvalContext): Outcome {
  let mode: 'every' | 'some' | 'none' = 'none';
  if (condition.every !== undefined) mode = 'every';
  else if (condition.some !== undefined) mode = 'some';
  const path = condition.every ?? condition.some ?? condition.none;
  const hits = walkPath(node, path).flatMap(expandList);
  const header = missingSpan(node, context);
  if (hits.length === 0) {
    const result = condition.absent ?? (mode === 'some' ? 'fail' : 'pass');
    return { result, span: header, seen: `${nameOf(path, context)} is not set` };
  }
  const check = condition.check;
  const judge = (hit: Hit): Outcome => {
    if (hit.node.kind === 'expression') return unknownOf(hit, path);
    const inner: EvalContext = { ...context, label: labelOf(path, hit.node, context) };
    const judged = check === undefined ? { result: 'pass' as const, span: hitSpan(hit) } : evaluate(check, hit.node, inner);
    const outcome = judged.span === undefined ? { ...judged, span: hitSpan(hit) } : judged;
    // A dynamic block of unknown count may not exist: what it fails (every) or
    // matches (some, none) is uncertain.
    if (!hit.dynamic) return outcome;
    if (mode === 'every') return throughDynamic(outcome, hit);
    if (outcome.result !== 'pass') return outcome;
    return { ...outcome, result: 'unknown', seen: `${outcome.seen ?? path} in a dynamic block whose for_each is unknown` };
  };
  if (mode === 'every') return all(hits.map((hit) => () => judge(hit)));
  if (mode === 'some') return any(hits.map((hit) => () => judge(hit)), context);
  return negate(any(hits.map((hit) => () => judge(hit)), context));
}

/** `every x` over a list value means over its items. */
function expandList(hit: Hit): Hit[] {
  if (hit.node.kind !== 'list' || hit.stopped) return [hit];
  return hit.node.items.map((item) => ({ node: item, dynamic: hit.dynamic, stopped: false }));
}

function unknownOf(hit: Hit, path: string | undefined): Outcome {
  const text = hit.node.kind === 'expression' ? hit.node.text : '';
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return {
    result: 'unknown',
    span: hitSpan(hit),
    seen: `${path ?? 'the value'} is ${shown === '' ? 'unknown' : `\`${shown}\``}, known only at deploy time`,
  };
}

const OPERATORS = [
  'equals', 'not_equals', 'in', 'not_in', 'exists', 'literal', 'matches', 'not_matches', 'contains', 'not_contains',
  'gte', 'lte', 'gt', 'lt', 'open_to_internet', 'includes_port', 'type', 'length_gte', 'length_lte',
] as const;
type Operator = (typeof OPERATORS)[number];

/** Returns the operator of a leaf condition. The schema makes sure there is exactly one. */
export function operatorOf(condition: Operators): Operator {
  const found = OPERATORS.find((name) => (condition as Record<string, unknown>)[name] !== undefined);
  if (found === undefined) throw new Error('condition has no operator');
  return found;
}

/** Operators whose condition holds for a missing value. */
function passesWhenAbsent(condition: LeafCondition, operator: Operator): boolean {
  switch (operator) {
    case 'not_equals':
    case 'not_in':
    case 'not_matches':
    case 'not_contains':
      return true;
    case 'exists':
      return condition.exists === false;
    case 'literal':
      return condition.literal === false;
    case 'open_to_internet':
    case 'includes_port':
      return (condition as Record<string, unknown>)[operator] === false;
    default:
      return false;
  }
}

/** Operators that apply to each item of a list value. */
const ITEMWISE: ReadonlySet<Operator> = new Set([
  'equals', 'not_equals', 'in', 'not_in', 'matches', 'not_matches', 'contains', 'not_contains',
  'gte', 'lte', 'gt', 'lt', 'open_to_internet',
]);

function leaf(condition: LeafCondition, node: TreeNode, context: EvalContext): Outcome {
  const operator = operatorOf(condition);
  const path = condition.path;
  const name = nameOf(path, context);
  let hits = walkPath(node, path);
  if (ITEMWISE.has(operator)) {
    hits = hits.flatMap((hit) => (hit.node.kind === 'list' && !hit.stopped ? expandList(hit) : [hit]));
  }
  if (hits.length === 0) {
    const header = missingSpan(node, context);
    if (condition.default !== undefined) {
      const assumed: TreeNode = { kind: 'scalar', span: header, value: toScalar(condition.default) };
      const outcome = test(condition, operator, assumed, context);
      return { result: outcome ? 'pass' : 'fail', span: header, seen: `${name} is not set (default ${render(assumed, context)})` };
    }
    const passes = condition.absent !== undefined ? condition.absent === 'pass' : passesWhenAbsent(condition, operator);
    return { result: passes ? 'pass' : 'fail', span: header, seen: `${name} is not set` };
  }
  return all(
    hits.map((hit) => () => {
      if (hit.node.kind === 'expression') {
        // Stopped early: `tags = var.tags` does not show whether tags.owner exists.
        if (hit.stopped) return unknownOf(hit, name);
        if (operator === 'exists') {
          return { result: condition.exists ? 'pass' : 'fail', span: hitSpan(hit), seen: `${name} is set` };
        }
        const decided = decideTemplate(condition, operator, hit.node.text);
        if (decided !== undefined) {
          return { result: decided ? 'pass' : 'fail', span: hitSpan(hit), seen: `${name} is ${render(hit.node, context)}` };
        }
        if (operator === 'literal') {
          return { result: condition.literal ? 'fail' : 'pass', span: hitSpan(hit), seen: `${name} is ${render(hit.node, context)}` };
        }
        return unknownOf(hit, name);
      }
      if (operator === 'includes_port') {
        const ports = condition.includes_port ?? [];
        const coverage = ports.map((port) => portCoverage(hit.node, port));
        if (!coverage.includes(true) && coverage.includes(undefined)) {
          return { result: 'unknown', span: hitSpan(hit), seen: `the ports of ${name} are known only at deploy time` };
        }
      }
      const ok = test(condition, operator, hit.node, context);
      // In rules about secrets, values are hidden but names (an env var's `name`, a `key`) are what the reader needs.
      const shown = context.secret && isNameKey(path) ? { ...context, secret: false } : context;
      const outcome: Outcome = { result: ok ? 'pass' : 'fail', span: hitSpan(hit), seen: `${name} is ${render(hit.node, shown)}` };
      return throughDynamic(outcome, hit);
    }),
  );
}

/**
 * Decides equals, in and their negations on a string template whose
 * interpolations are unknown but whose written parts rule values out:
 * `"serviceAccount:${google_service_account.ci.email}"` can never be
 * `allUsers`. Returns undefined when some candidate could still match.
 */
function decideTemplate(condition: LeafCondition, operator: Operator, text: string): boolean | undefined {
  if (!['equals', 'not_equals', 'in', 'not_in'].includes(operator)) return undefined;
  const template = text.trim();
  if (template.length < 2 || !template.startsWith('"') || !template.endsWith('"') || !template.includes('${')) return undefined;
  const pattern = templatePattern(template.slice(1, -1));
  if (pattern === undefined) return undefined;
  let values: unknown[];
  if (operator === 'equals') values = [condition.equals];
  else if (operator === 'not_equals') values = [condition.not_equals];
  else values = (condition[operator] as unknown[]) ?? [];
  const flags = condition.ignore_case === true ? 'i' : '';
  const regex = new RegExp(pattern, flags);
  const possible = values.some((value) => regex.test(String(value)));
  if (possible) return undefined;
  return operator === 'not_equals' || operator === 'not_in';
}

/** Builds a regular expression that matches every value the template can produce; undefined when it is not a simple template. */
function templatePattern(body: string): string | undefined {
  let pattern = '^';
  let i = 0;
  let holes = 0;
  while (i < body.length) {
    if (body.startsWith('${', i) || body.startsWith('%{', i)) {
      // Each hole is a [\s\S]* run; a few keep the match cheap on the short values rules name.
      if (++holes > 8) return undefined;
      let depth = 0;
      let j = i;
      for (; j < body.length; j++) {
        if (body[j] === '{') depth++;
        else if (body[j] === '}' && --depth === 0) break;
      }
      if (j >= body.length) return undefined;
      pattern += '[\\s\\S]*';
      i = j + 1;
      continue;
    }
    const char = body[i] as string;
    if (char === '"') return undefined;
    pattern += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    i++;
  }
  return `${pattern}$`;
}

function isNameKey(path: string | undefined): boolean {
  const last = path?.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return last === 'name' || last === 'key';
}

function toScalar(value: unknown): Scalar {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return JSON.stringify(value);
}

/** Shows a node in a message: scalars as JSON, collections by size. */
export function render(node: TreeNode, context: Pick<EvalContext, 'secret'>): string {
  switch (node.kind) {
    case 'scalar': {
      if (context.secret && typeof node.value === 'string' && node.value !== '') return '"(redacted)"';
      const text = JSON.stringify(node.value);
      return text.length > 80 ? `${text.slice(0, 76)}..."` : text;
    }
    case 'list':
      return node.items.length === 0 ? 'an empty list' : `a list of ${node.items.length}`;
    case 'map':
      return node.entries.length === 0 ? 'an empty map' : 'a map';
    case 'expression':
      return `\`${node.text.length > 60 ? `${node.text.slice(0, 57)}...` : node.text}\``;
  }
}

/** Booleans and numbers written as strings (`"true"`, `"443"`) compare as what they mean. */
function normalize(value: unknown, ignoreCase: boolean): unknown {
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (value.trim() !== '' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
    return ignoreCase ? lower : value;
  }
  return value;
}

/** YAML 1.1 booleans, which kubectl, CloudFormation and Compose still read as true and false. */
const YAML11_BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ['yes', true],
  ['y', true],
  ['on', true],
  ['no', false],
  ['n', false],
  ['off', false],
]);

function same(a: unknown, b: unknown, ignoreCase: boolean): boolean {
  const left = normalize(a, ignoreCase);
  const right = normalize(b, ignoreCase);
  if (left === right) return true;
  // Only against a boolean: `privileged: yes` is true, but a string "yes" elsewhere stays a string.
  if (typeof right === 'boolean' && typeof left === 'string') return YAML11_BOOLEANS.get(left.toLowerCase()) === right;
  if (typeof left === 'boolean' && typeof right === 'string') return YAML11_BOOLEANS.get(right.toLowerCase()) === left;
  return false;
}

function scalarOf(node: TreeNode): Scalar | undefined {
  return node.kind === 'scalar' ? node.value : undefined;
}

function textOf(node: TreeNode): string | undefined {
  const value = scalarOf(node);
  if (value === undefined || value === null) return undefined;
  return String(value);
}

function numberOf(node: TreeNode): number | undefined {
  const value = scalarOf(node);
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** Maximum length of a value a rule's regular expression runs on; longer values are cut. */
const MAX_MATCH_TEXT = 4_096;

function test(condition: LeafCondition, operator: Operator, node: TreeNode, context: EvalContext): boolean {
  const ignoreCase = condition.ignore_case === true;
  const value = scalarOf(node);
  switch (operator) {
    case 'equals':
      return node.kind === 'scalar' && same(value, condition.equals, ignoreCase);
    case 'not_equals':
      return !(node.kind === 'scalar' && same(value, condition.not_equals, ignoreCase));
    case 'in':
      return node.kind === 'scalar' && (condition.in ?? []).some((item) => same(value, item, ignoreCase));
    case 'not_in':
      return !(node.kind === 'scalar' && (condition.not_in ?? []).some((item) => same(value, item, ignoreCase)));
    case 'exists':
      return condition.exists === !(node.kind === 'scalar' && value === null);
    case 'literal':
      return condition.literal === true;
    case 'matches':
    case 'not_matches': {
      const text = textOf(node);
      const source = (operator === 'matches' ? condition.matches : condition.not_matches) as string;
      const found = text !== undefined && matchText(source, text, ignoreCase, context);
      return operator === 'matches' ? found : !found;
    }
    case 'contains':
    case 'not_contains': {
      const text = textOf(node);
      const needle = (operator === 'contains' ? condition.contains : condition.not_contains) as string;
      const found = text !== undefined && (ignoreCase ? text.toLowerCase().includes(needle.toLowerCase()) : text.includes(needle));
      return operator === 'contains' ? found : !found;
    }
    case 'gte':
    case 'lte':
    case 'gt':
    case 'lt': {
      const number = numberOf(node);
      const limit = condition[operator] as number;
      if (number === undefined) return false;
      if (operator === 'gte') return number >= limit;
      if (operator === 'lte') return number <= limit;
      if (operator === 'gt') return number > limit;
      return number < limit;
    }
    case 'open_to_internet':
      return isOpenToInternet(node) === condition.open_to_internet;
    case 'includes_port':
      return (condition.includes_port ?? []).some((port) => portRangeIncludes(node, port));
    case 'type':
      return typeOf(node) === condition.type;
    case 'length_gte':
    case 'length_lte': {
      const length = lengthOf(node);
      if (length === undefined) return false;
      return operator === 'length_gte' ? length >= (condition.length_gte as number) : length <= (condition.length_lte as number);
    }
  }
}

function matchText(source: string, text: string, ignoreCase: boolean, context: EvalContext): boolean {
  const key = ignoreCase ? `i:${source}` : source;
  let compiled = context.regexes.get(key);
  if (compiled === undefined) {
    compiled = new RegExp(source, ignoreCase ? 'iu' : 'u');
    context.regexes.set(key, compiled);
  }
  return compiled.test(text.length > MAX_MATCH_TEXT ? text.slice(0, MAX_MATCH_TEXT) : text);
}

function typeOf(node: TreeNode): string | undefined {
  if (node.kind === 'list') return 'list';
  if (node.kind === 'map') return 'map';
  if (node.kind === 'scalar' && node.value !== null) return typeof node.value;
  return undefined;
}

function lengthOf(node: TreeNode): number | undefined {
  if (node.kind === 'list') return node.items.length;
  if (node.kind === 'map') return node.entries.length;
  if (node.kind === 'scalar' && typeof node.value === 'string') return node.value.length;
  return undefined;
}

const INTERNET = new Set(['0.0.0.0/0', '::/0', '*', 'internet', 'any', '0.0.0.0', '0/0', '::0/0']);

/** Tells whether an address or CIDR value covers every address on the internet. */
export function isOpenToInternet(node: TreeNode): boolean {
  const text = textOf(node)?.trim().toLowerCase();
  if (text === undefined) return false;
  // Any address with prefix length 0 (192.168.1.0/0, ::1/0) covers every address.
  return INTERNET.has(text) || /^[0-9a-f.:]+\/0+$/.test(text);
}

/**
 * Tells whether a port setting covers `port`: a number, `"22"`, `"20-25"`, `"*"`,
 * or a map with from/to ports (Terraform `from_port`/`to_port`,
 * CloudFormation `FromPort`/`ToPort`) where protocol `-1` or `all` means
 * every port.
 */
export function portRangeIncludes(node: TreeNode, port: number): boolean {
  return portCoverage(node, port) === true;
}

/** Like portRangeIncludes, but undefined when a port or the protocol is known only at deploy time. */
export function portCoverage(node: TreeNode, port: number): boolean | undefined {
  if (node.kind === 'expression') return undefined;
  if (node.kind === 'list') {
    let unknown = false;
    for (const item of node.items) {
      const covered = portCoverage(item, port);
      if (covered === true) return true;
      if (covered === undefined) unknown = true;
    }
    return unknown ? undefined : false;
  }
  if (node.kind === 'map') {
    const field = (...names: string[]): TreeNode | undefined => {
      for (const name of names) {
        const entry = node.entries.find((candidate) => candidate.key === name);
        if (entry !== undefined) return entry.value;
      }
      return undefined;
    };
    const protocol = field('protocol', 'IpProtocol', 'ip_protocol');
    if (protocol?.kind === 'expression') return undefined;
    const protocolText = protocol === undefined ? undefined : textOf(protocol)?.toLowerCase();
    if (protocolText === '-1' || protocolText === 'all') return true;
    const from = field('from_port', 'FromPort', 'fromPort');
    const to = field('to_port', 'ToPort', 'toPort');
    if (from?.kind === 'expression' || to?.kind === 'expression') return undefined;
    const low = from === undefined ? undefined : numberOf(from);
    const high = to === undefined ? low : numberOf(to);
    if (low === undefined || high === undefined) return false;
    if (low === -1 && high === -1) return true;
    return low <= port && port <= high;
  }
  const text = textOf(node)?.trim();
  if (text === undefined) return false;
  if (text === '*' || text.toLowerCase() === 'all') return true;
  const dash = text.indexOf('-', 1);
  if (dash === -1) return Number(text) === port;
  const low = Number(text.slice(0, dash));
  const high = Number(text.slice(dash + 1));
  return Number.isFinite(low) && Number.isFinite(high) && low <= port && port <= high;
}

function related(condition: RelatedCondition, context: EvalContext): Outcome {
  const spec = condition.related;
  const self = context.resource;
  const header = headerSpan(self);
  const quantifier = spec.quantifier ?? 'some';
  if (context.depth >= MAX_RELATED_DEPTH) return { result: 'unknown', span: header, seen: 'related resources are nested too deeply' };
  const types = Array.isArray(spec.type) ? spec.type : [spec.type];
  const linked: Array<{ resource: IacResource; span: Span }> = [];
  let unresolved: Outcome | undefined;
  for (const type of types) {
    if (spec.direction === 'incoming') {
      const found = incomingLinks(context.resources, type, spec.attribute as string, self);
      for (const link of found.linked) linked.push(link);
      unresolved ??= found.unresolved;
      continue;
    }
    if (spec.direction === 'outgoing') {
      const found = outgoingLinks(context.resources, type, spec.attribute as string, self);
      for (const link of found.linked) linked.push(link);
      unresolved ??= found.unresolved;
      continue;
    }
    for (const other of context.resources.byType(type)) {
      if (other === self || other.format !== self.format) continue;
      if (spec.direction !== 'any' && spec.direction !== 'same-namespace' && !sameScope(other, self)) continue;
      const link = linkOf(spec, self, other);
      if (link.result === 'pass') linked.push({ resource: other, span: link.span ?? header });
      else if (link.result === 'unknown') unresolved ??= link;
    }
  }
  const typeList = types.join(' or ');
  if (linked.length === 0) {
    if (unresolved !== undefined) return unresolved;
    const result = spec.absent ?? (quantifier === 'some' ? 'fail' : 'pass');
    return { result, span: header, seen: `no ${typeList} is linked to ${self.address}` };
  }
  const inner: EvalContext = { ...context, depth: context.depth + 1 };
  const judge = (item: { resource: IacResource; span: Span }) => (): Outcome => {
    if (spec.check === undefined) return { result: 'pass', span: item.span, seen: `${item.resource.address} is linked` };
    const outcome = evaluate(spec.check, item.resource.body, { ...inner, resource: item.resource });
    const line = outcome.span?.startLine ?? item.resource.span.startLine;
    const where = `${item.resource.address} (${item.resource.path}:${line})`;
    return { result: outcome.result, span: item.span, seen: `${where}: ${outcome.seen ?? outcome.result}` };
  };
  if (quantifier === 'every') return all(linked.map(judge));
  if (quantifier === 'some') return any(linked.map(judge), context);
  return negate(any(linked.map(judge), context));
}

/** Tells whether `other` is linked to `self` in the way the condition names. The span is where `self` writes the link. */
function linkOf(spec: RelatedCondition['related'], self: IacResource, other: IacResource): Outcome {
  switch (spec.direction) {
    case 'any':
      return { result: 'pass', span: headerSpan(self) };
    case 'same-file':
      return { result: other.path === self.path ? 'pass' : 'fail' };
    case 'same-namespace':
      return { result: namespaceOf(other) === namespaceOf(self) ? 'pass' : 'fail' };
    case 'incoming':
      return refersFrom(walkPath(other.body, spec.attribute), self, headerSpan(self));
    case 'outgoing':
      return refersFrom(walkPath(self.body, spec.attribute), other, undefined);
  }
}

/**
 * Tells whether a reference in one resource can name the other: Terraform
 * resources of the same module instance of the same root module, and
 * CloudFormation and ARM resources of the same template. Kubernetes and
 * Compose objects link by name across files.
 */
function sameScope(a: IacResource, b: IacResource): boolean {
  if (a.format !== b.format) return false;
  if (a.scope !== undefined || b.scope !== undefined) return a.scope === b.scope;
  if (a.format === 'cloudformation' || a.format === 'arm') return a.path === b.path;
  return true;
}

/** Tells whether two Terraform resources come from the same root module, whatever module instance contains them. */
function sameRoot(a: IacResource, b: IacResource): boolean {
  if (a.scope === undefined || b.scope === undefined) return false;
  return a.scope.slice(0, a.scope.indexOf('|')) === b.scope.slice(0, b.scope.indexOf('|'));
}

/** The values of one resource's referring attribute, read once per scan. */
interface ReferringValue {
  resource: IacResource;
  hits: Hit[];
  /** The `for_each` of a resource whose attribute reads `each.value`: `for_each = aws_s3_bucket.this` links each instance to a bucket. */
  forEach: Hit[];
  /** Every expression text and string in the attribute, to rule out most resources with one substring test. */
  text: string;
}

/**
 * The resources of `type` whose `attribute` refers to `self`, and the
 * first reference that might (a variable or module output). Each
 * candidate's attribute is read once per scan and kept, so a rule over
 * 1,000 buckets and 1,000 access blocks costs 1,000,000 substring tests,
 * not as many tree walks.
 */
function incomingLinks(
  index: ResourceIndex,
  type: string,
  attribute: string,
  self: IacResource,
): { linked: Array<{ resource: IacResource; span: Span }>; unresolved: Outcome | undefined } {
  const values = index.memo(`incoming\0${type}\0${attribute}`, () =>
    index.byType(type).map((resource): ReferringValue => {
      const hits = walkPath(resource.body, attribute);
      const text = hits.map((hit) => textsOf(hit.node)).join('\n');
      const forEach = text.includes('each.value') ? walkPath(resource.body, 'for_each') : [];
      return { resource, hits, forEach, text: `${text}\n${forEach.map((hit) => textsOf(hit.node)).join('\n')}` };
    }),
  );
  const header = headerSpan(self);
  const names = referenceNames(self);
  const linked: Array<{ resource: IacResource; span: Span }> = [];
  let unresolved: Outcome | undefined;
  for (const value of values) {
    const other = value.resource;
    if (other === self) continue;
    if (!sameScope(other, self)) {
      // A module's `var.bucket` may be this root resource, passed in by the module call: unknown, not unlinked.
      if (sameRoot(other, self) && /\bvar\./.test(value.text)) unresolved ??= mayReferTo(other, value, header);
      continue;
    }
    if (!names.some((name) => value.text.includes(name)) && !/\b(var|data|module|local|each|count)\./.test(value.text)) continue;
    const viaForEach = value.forEach.length > 0 ? refersFrom(value.forEach, self, header) : undefined;
    const link = viaForEach?.result === 'pass' ? viaForEach : refersFrom(value.hits, self, header);
    if (link.result === 'pass') linked.push({ resource: other, span: header });
    else if (link.result === 'unknown') unresolved ??= mayReferTo(other, value, header);
  }
  return { linked, unresolved };
}

/**
 * The resources of `type` that `self`'s `attribute` refers to, and the
 * first reference that might point at one of them (a variable). `self`'s
 * attribute is read once, and a candidate is only examined when the
 * attribute's text contains one of its names.
 */
function outgoingLinks(
  index: ResourceIndex,
  type: string,
  attribute: string,
  self: IacResource,
): { linked: Array<{ resource: IacResource; span: Span }>; unresolved: Outcome | undefined } {
  const hits = walkPath(self.body, attribute);
  const linked: Array<{ resource: IacResource; span: Span }> = [];
  if (hits.length === 0) return { linked, unresolved: undefined };
  const text = hits.map((hit) => textsOf(hit.node)).join('\n');
  const candidates = index.memo(`names\0${type}`, () =>
    index.byType(type).map((resource) => ({ resource, names: referenceNames(resource) })),
  );
  for (const { resource, names } of candidates) {
    if (resource === self || !sameScope(resource, self)) continue;
    if (!names.some((name) => name !== '' && text.includes(name))) continue;
    const link = refersFrom(hits, resource, undefined);
    if (link.result === 'pass') linked.push({ resource, span: link.span ?? headerSpan(self) });
  }
  if (linked.length > 0 || !/\b(var|data|module|local)\./.test(text)) return { linked, unresolved: undefined };
  // No candidate is named, but a variable or module output might be one of them at deploy time,
  // including one of another module instance of the same root module, passed in through a variable.
  const maybe = candidates.find(({ resource }) => resource !== self && (sameScope(resource, self) || sameRoot(resource, self)));
  return { linked, unresolved: maybe === undefined ? undefined : refersFrom(hits, maybe.resource, undefined) };
}

/**
 * The unknown outcome of a resource that may refer to this one. It is
 * reported on this resource's first line, since the other resource may sit
 * in another file, and it names where the reference is written.
 */
function mayReferTo(other: IacResource, value: ReferringValue, header: Span): Outcome {
  const hit = value.hits.find((candidate) => candidate.node.kind === 'expression') ?? value.hits[0];
  const written = hit?.node.kind === 'expression' ? hit.node.text : 'a value';
  const line = hit?.node.span.startLine ?? other.span.startLine;
  const shown = written.length > 60 ? `${written.slice(0, 57)}...` : written;
  return { result: 'unknown', span: header, seen: `${other.address} (${other.path}:${line}) may refer to it through \`${shown}\`, known only at deploy time` };
}

/** Strings a reference to `resource` must contain: its local address or logical id, or one of its literal names. */
function referenceNames(resource: IacResource): string[] {
  const terraform = resource.format === 'terraform' || resource.format === 'terraform-plan' || resource.format === 'terraform-state';
  const own = terraform ? terraformLocalAddress(resource.address).local : resource.address.slice(resource.address.lastIndexOf('/') + 1);
  return [own, ...literalNames(resource)];
}

function textsOf(node: TreeNode): string {
  if (node.kind === 'expression') return node.text;
  if (node.kind === 'scalar') return `${typeof node.value === 'string' ? node.value : ''}${node.tag === undefined ? '' : `\n${node.tag}`}`;
  if (node.kind === 'list') return node.items.map(textsOf).join('\n');
  return '';
}

function refersFrom(hits: Hit[], target: IacResource, span: Span | undefined): Outcome {
  let unknown: Outcome | undefined;
  for (const hit of hits) {
    const verdict = refersTo(hit.node, target);
    if (verdict === true) return { result: 'pass', span: span ?? hitSpan(hit) };
    if (verdict === undefined) unknown ??= unknownOf(hit, undefined);
  }
  return unknown ?? { result: 'fail' };
}

function namespaceOf(resource: IacResource): string {
  const metadata = resource.body.kind === 'map' ? resource.body.entries.find((entry) => entry.key === 'metadata')?.value : undefined;
  // A Namespace object's namespace is itself.
  const key = resource.type === 'Namespace' ? 'name' : 'namespace';
  const namespace = metadata?.kind === 'map' ? metadata.entries.find((entry) => entry.key === key)?.value : undefined;
  return namespace?.kind === 'scalar' && typeof namespace.value === 'string' ? namespace.value : 'default';
}
