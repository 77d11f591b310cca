/**
 * Checks a rule's conditions before the schema does, so that a mistake in
 * a custom rule gets a message naming the exact condition and the fix
 * instead of the schema validator's list of every alternative it tried.
 */
import { closestMatch } from '../../../core/did-you-mean.js';
import { countUnboundedRepetitions, unsafeRegexReason } from '../../../core/regex-safety.js';
import { parsePath } from './path.js';

const COMBINATORS = ['all', 'any', 'not', 'every', 'some', 'none', 'related', 'builtin'];
const OPERATORS = [
  'equals', 'not_equals', 'in', 'not_in', 'exists', 'literal', 'matches', 'not_matches', 'contains', 'not_contains',
  'gte', 'lte', 'gt', 'lt', 'open_to_internet', 'includes_port', 'type', 'length_gte', 'length_lte',
];
const LEAF_OPTIONS = ['path', 'ignore_case', 'default', 'absent'];
const QUANTIFIER_OPTIONS = ['check', 'absent'];
const RELATED_KEYS = ['type', 'direction', 'attribute', 'quantifier', 'check', 'absent'];
const DIRECTIONS = ['incoming', 'outgoing', 'same-file', 'same-namespace', 'any'];

/** Deepest condition nesting a rule may have. */
const MAX_DEPTH = 32;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Returns a message for the first problem in `condition`, found at
 * `where` (such as `match[0].assert`), or undefined when it is well formed.
 */
export function conditionProblem(condition: unknown, where: string, builtins: ReadonlySet<string>, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return `${where}: conditions are nested more than ${MAX_DEPTH} deep`;
  if (!isObject(condition)) return `${where} must be a mapping such as {path: x, equals: y}`;
  const keys = Object.keys(condition);
  const combinator = keys.filter((key) => COMBINATORS.includes(key));
  if (combinator.length > 1) return `${where}: use one of ${combinator.join(' and ')} per condition; nest them with all`;
  const name = combinator[0];
  if (name === 'all' || name === 'any') {
    const parts = condition[name];
    if (!Array.isArray(parts) || parts.length === 0) return `${where}.${name} must be a non-empty list of conditions`;
    if (keys.length > 1) return `${where}: ${name} takes no other keys; found ${keys.filter((key) => key !== name).join(', ')}`;
    for (const [index, part] of parts.entries()) {
      const problem = conditionProblem(part, `${where}.${name}[${index}]`, builtins, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  if (name === 'not') {
    if (keys.length > 1) return `${where}: not takes no other keys`;
    return conditionProblem(condition.not, `${where}.not`, builtins, depth + 1);
  }
  if (name === 'every' || name === 'some' || name === 'none') {
    const extra = keys.filter((key) => key !== name && !QUANTIFIER_OPTIONS.includes(key));
    if (extra.length > 0) return `${where}: ${name} takes check and absent, not ${extra.join(', ')}; put operators inside check`;
    const pathProblem = checkPath(condition[name], `${where}.${name}`);
    if (pathProblem) return pathProblem;
    const absentProblem = checkAbsent(condition.absent, where);
    if (absentProblem) return absentProblem;
    return condition.check === undefined ? undefined : conditionProblem(condition.check, `${where}.check`, builtins, depth + 1);
  }
  if (name === 'related') return relatedProblem(condition, where, builtins, depth);
  if (name === 'builtin') {
    if (typeof condition.builtin !== 'string' || !builtins.has(condition.builtin)) {
      return `${where}: unknown builtin "${String(condition.builtin)}"; known: ${[...builtins].sort().join(', ')}`;
    }
    const extra = keys.filter((key) => key !== 'builtin' && key !== 'with');
    if (extra.length > 0) return `${where}: builtin takes only "with", not ${extra.join(', ')}`;
    if (condition.with !== undefined && !isObject(condition.with)) return `${where}.with must be a mapping`;
    return undefined;
  }
  return leafProblem(condition, keys, where);
}

function checkPath(path: unknown, where: string): string | undefined {
  if (typeof path !== 'string') return `${where} must be a path such as spec.containers`;
  try {
    parsePath(path);
  } catch (error) {
    return `${where}: ${(error as Error).message}`;
  }
  return undefined;
}

function checkAbsent(absent: unknown, where: string): string | undefined {
  if (absent === undefined || absent === 'pass' || absent === 'fail') return undefined;
  return `${where}.absent must be pass or fail`;
}

function relatedProblem(condition: Record<string, unknown>, where: string, builtins: ReadonlySet<string>, depth: number): string | undefined {
  if (Object.keys(condition).length > 1) return `${where}: related takes no sibling keys; put them inside related`;
  const spec = condition.related;
  if (!isObject(spec)) return `${where}.related must be a mapping with type and direction`;
  const extra = Object.keys(spec).filter((key) => !RELATED_KEYS.includes(key));
  if (extra.length > 0) return `${where}.related: unknown key ${extra.join(', ')}; use ${RELATED_KEYS.join(', ')}`;
  const types = Array.isArray(spec.type) ? spec.type : [spec.type];
  if (types.length === 0 || types.some((type) => typeof type !== 'string' || type === '')) return `${where}.related.type must name resource types`;
  if (!DIRECTIONS.includes(spec.direction as string)) return `${where}.related.direction must be one of ${DIRECTIONS.join(', ')}`;
  if ((spec.direction === 'incoming' || spec.direction === 'outgoing') && spec.attribute === undefined) {
    return `${where}.related: direction ${String(spec.direction)} needs attribute, the path of the referring value`;
  }
  if (spec.attribute !== undefined) {
    const problem = checkPath(spec.attribute, `${where}.related.attribute`);
    if (problem) return problem;
  }
  if (spec.quantifier !== undefined && !['some', 'every', 'none'].includes(spec.quantifier as string)) {
    return `${where}.related.quantifier must be some, every or none`;
  }
  const absentProblem = checkAbsent(spec.absent, `${where}.related`);
  if (absentProblem) return absentProblem;
  return spec.check === undefined ? undefined : conditionProblem(spec.check, `${where}.related.check`, builtins, depth + 1);
}

function leafProblem(condition: Record<string, unknown>, keys: string[], where: string): string | undefined {
  const unknown = keys.filter((key) => !OPERATORS.includes(key) && !LEAF_OPTIONS.includes(key));
  if (unknown.length > 0) {
    const key = unknown[0] as string;
    const suggestion = closestMatch(key, [...COMBINATORS, ...OPERATORS, ...LEAF_OPTIONS]);
    if (suggestion !== undefined) return `${where}: unknown key "${key}"; did you mean "${suggestion}"?`;
    return `${where}: unknown key "${key}"; a condition uses ${COMBINATORS.join(', ')} or an operator (${OPERATORS.join(', ')})`;
  }
  const operators = keys.filter((key) => OPERATORS.includes(key));
  if (operators.length !== 1) {
    return operators.length === 0
      ? `${where}: no operator; add one of ${OPERATORS.join(', ')}`
      : `${where}: ${operators.join(' and ')} in one condition; split them with all`;
  }
  if (condition.path !== undefined) {
    const problem = checkPath(condition.path, `${where}.path`);
    if (problem) return problem;
  }
  const absentProblem = checkAbsent(condition.absent, where);
  if (absentProblem) return absentProblem;
  const operator = operators[0] as string;
  const value = condition[operator];
  switch (operator) {
    case 'in':
    case 'not_in':
      return Array.isArray(value) ? undefined : `${where}.${operator} must be a list`;
    case 'exists':
    case 'literal':
    case 'open_to_internet':
    case 'ignore_case':
      return typeof value === 'boolean' ? undefined : `${where}.${operator} must be true or false`;
    case 'matches':
    case 'not_matches':
      return regexProblem(value, `${where}.${operator}`);
    case 'contains':
    case 'not_contains':
      return typeof value === 'string' ? undefined : `${where}.${operator} must be a string`;
    case 'gte':
    case 'lte':
    case 'gt':
    case 'lt':
    case 'length_gte':
    case 'length_lte':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `${where}.${operator} must be a number`;
    case 'includes_port':
      return Array.isArray(value) && value.every((port) => Number.isInteger(port) && port >= 0 && port <= 65535)
        ? undefined
        : `${where}.includes_port must be a list of port numbers`;
    case 'type':
      return ['string', 'number', 'boolean', 'list', 'map'].includes(value as string)
        ? undefined
        : `${where}.type must be string, number, boolean, list or map`;
    default:
      return undefined;
  }
}

function regexProblem(value: unknown, where: string): string | undefined {
  if (typeof value !== 'string') return `${where} must be a regular expression written as a string`;
  try {
    new RegExp(value, 'u');
  } catch (error) {
    return `${where}: invalid regular expression: ${(error as Error).message}`;
  }
  const unsafe = unsafeRegexReason(value);
  return unsafe ? `${where} may take exponential time because ${unsafe}; simplify it` : undefined;
}

/**
 * Applies the stricter check for custom rules, which a scanned repository
 * may ship. Returns a message for the first regular expression anywhere in
 * `condition` with more unbounded repetitions than MAX_UNBOUNDED. Built-in
 * rules are reviewed instead.
 */
export function customRegexProblem(condition: unknown, where: string, depth = 0): string | undefined {
  if (depth > 64 || condition === null || typeof condition !== 'object') return undefined;
  for (const [key, value] of Object.entries(condition as Record<string, unknown>)) {
    const at = Array.isArray(condition) ? `${where}[${key}]` : `${where}.${key}`;
    if ((key === 'matches' || key === 'not_matches') && typeof value === 'string') {
      const unbounded = countUnboundedRepetitions(value);
      if (unbounded > MAX_UNBOUNDED) {
        return `${at} has ${unbounded} unbounded repetitions (*, +, {n,} or a bound over 16); a custom rule may have ${MAX_UNBOUNDED}, so bound the others to 16 or fewer ({0,16})`;
      }
    } else {
      const problem = customRegexProblem(value, at, depth + 1);
      if (problem) return problem;
    }
  }
  return undefined;
}

/**
 * Unbounded repetitions a rule's expression may have. Each one can
 * multiply the work on a long value (a*a*b is quadratic), and values are
 * matched up to 4,096 characters, so one keeps the worst case linear. A
 * bounded repetition with a large bound ({0,64}) counts as unbounded.
 */
const MAX_UNBOUNDED = 1;
