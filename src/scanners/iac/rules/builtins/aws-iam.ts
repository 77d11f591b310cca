/**
 * Builtin checks of the AWS IAM, KMS and compute-secret rules (see
 * index.ts); names start with `aws-iam-` or `aws-secret-`.
 *
 * Policy documents reach a rule in many shapes: a JSON string, a
 * CloudFormation map, `jsonencode({...})` with resource references inside,
 * a heredoc with `${...}` interpolations, or a reference to a
 * `data.aws_iam_policy_document`. `documentOf` reads each of them into a
 * plain value in which the parts known only at deploy time are `Opaque`,
 * so a policy that grants `*` on `*` is found even when another statement
 * names a bucket by reference.
 */
import type { IacResource } from '../../resource.js';
import type { Span, TreeNode } from '../../tree.js';
import { parseExpression, type Expr } from '../../terraform/expressions.js';
import { conditionProblem } from '../check-condition.js';
import { evaluate, headerSpan, type Builtin, type EvalContext, type Outcome } from '../evaluate.js';
import { walkPath } from '../path.js';
import { terraformLocalAddress } from '../references.js';
import type { Condition } from '../types.js';

/**
 * A value known only at deploy time. `reference`: an attribute of a
 * resource or data source, which names one specific thing. `template`: a
 * string with known text around unknown parts (`arn:aws:s3:::${x}/*`).
 * `unknown`: anything else, such as a variable, which may hold any value.
 */
class Opaque {
  constructor(
    readonly text: string,
    readonly kind: 'reference' | 'template' | 'unknown',
  ) {}
}

type Plain = string | number | boolean | null | Opaque | Plain[] | { [key: string]: Plain };

type Tri = boolean | undefined;

function isRecord(value: Plain | undefined): value is { [key: string]: Plain } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Opaque);
}

function listOf(value: Plain | undefined): Plain[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Terraform reference roots whose value may be anything. */
const FREE_ROOTS = new Set(['var', 'local', 'module', 'each', 'count', 'self']);

function opaqueOfText(text: string): Opaque {
  const root = /^\s*([A-Za-z_][A-Za-z0-9_-]*)\./.exec(text)?.[1];
  if (root === undefined || FREE_ROOTS.has(root)) return new Opaque(text, 'unknown');
  return /^\s*[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*(\[[^\]]*\])?\.[A-Za-z0-9_.[\]"-]+\s*$/.test(text)
    ? new Opaque(text, 'reference')
    : new Opaque(text, 'unknown');
}

// ---------------------------------------------------------------------------
// Reading a value whose parts may be unknown

const MAX_DEPTH = 64;

/** Converts a tree node to a plain value; expressions become Opaque (CloudFormation functions name specific things). */
function plainOfTree(node: TreeNode, depth = 0): Plain {
  if (depth > MAX_DEPTH) return new Opaque('(nested too deeply)', 'unknown');
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'list':
      return node.items.map((item) => plainOfTree(item, depth + 1));
    case 'map': {
      const result: { [key: string]: Plain } = {};
      for (const entry of node.entries) result[entry.key] = plainOfTree(entry.value, depth + 1);
      return result;
    }
    case 'expression':
      if (node.tag === '!Ref' || node.tag === '!GetAtt') return new Opaque(node.text, /^AWS::/.test(node.text) ? 'unknown' : 'reference');
      if (node.tag === '!Sub' || node.tag === '!Join') return new Opaque(node.text, /^arn:/.test(node.text) ? 'template' : 'unknown');
      if (node.tag !== undefined) return new Opaque(node.text, 'unknown');
      return plainOfExpressionText(node.text);
  }
}

/** Converts an HCL expression's source to a plain value: literal parts stay, references become Opaque. */
function plainOfExpressionText(text: string): Plain {
  try {
    return plainOfExpr(parseExpression(text));
  } catch {
    return opaqueOfText(text);
  }
}

/** Converts a parsed HCL expression to a plain value, keeping what is written literally. */
function plainOfExpr(expr: Expr, depth = 0): Plain {
  if (depth > MAX_DEPTH) return new Opaque('(nested too deeply)', 'unknown');
  switch (expr.type) {
    case 'literal':
      return expr.value;
    case 'template': {
      if (expr.parts.every((part) => typeof part === 'string')) return expr.parts.join('');
      const literal = expr.parts.filter((part): part is string => typeof part === 'string').join('');
      return new Opaque(literal, literal.replace(/\*/g, '') === '' ? 'unknown' : 'template');
    }
    case 'tuple':
      return expr.items.map((item) => plainOfExpr(item, depth + 1));
    case 'object': {
      const result: { [key: string]: Plain } = {};
      for (const entry of expr.entries) {
        const key = plainOfExpr(entry.key, depth + 1);
        if (typeof key !== 'string') return new Opaque('(object with a computed key)', 'unknown');
        result[key] = plainOfExpr(entry.value, depth + 1);
      }
      return result;
    }
    case 'variable':
    case 'get':
      return opaqueOfText(referenceText(expr));
    default:
      return new Opaque(`(${expr.type})`, 'unknown');
  }
}

function referenceText(expr: Expr): string {
  if (expr.type === 'variable') return expr.name;
  if (expr.type === 'get') {
    const key = expr.key.type === 'literal' ? String(expr.key.value) : '?';
    return `${referenceText(expr.target)}.${key}`;
  }
  return '(computed)';
}

const SENTINEL = '\u2063rampart-unknown\u2063';

/** Reads a heredoc JSON document whose `${...}` parts are unknown. */
function plainOfHeredoc(text: string): Plain {
  const lines = text.split('\n');
  const first = lines[0]?.trim() ?? '';
  if (!first.startsWith('<<') || lines.length < 2) return new Opaque(text, 'unknown');
  const body = lines.slice(1, -1).join('\n');
  if (body.includes('%{')) return new Opaque(text, 'unknown');
  let replaced = '';
  let at = 0;
  for (;;) {
    const open = body.indexOf('${', at);
    if (open === -1) break;
    if (body[open - 1] === '$') {
      replaced += body.slice(at, open + 2);
      at = open + 2;
      continue;
    }
    const close = body.indexOf('}', open + 2);
    if (close === -1) return new Opaque(text, 'unknown');
    replaced += body.slice(at, open) + SENTINEL;
    at = close + 1;
  }
  replaced += body.slice(at);
  let parsed: unknown;
  try {
    parsed = JSON.parse(replaced.replace(/\$\$\{/g, '${'));
  } catch {
    return new Opaque(text, 'unknown');
  }
  return plainOfJson(parsed, 0);
}

function plainOfJson(value: unknown, depth: number): Plain {
  if (depth > MAX_DEPTH) return new Opaque('(nested too deeply)', 'unknown');
  if (typeof value === 'string') {
    if (!value.includes(SENTINEL)) return value;
    const literal = value.split(SENTINEL).join('');
    return new Opaque(literal, literal.replace(/\*/g, '') === '' ? 'unknown' : 'template');
  }
  if (Array.isArray(value)) return value.map((item) => plainOfJson(item, depth + 1));
  if (value !== null && typeof value === 'object') {
    const result: { [key: string]: Plain } = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) result[key] = plainOfJson(item, depth + 1);
    return result;
  }
  return typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

function parseJsonText(text: string): Plain {
  if (text.length > 1_000_000) return new Opaque('(JSON too long)', 'unknown');
  try {
    return plainOfJson(JSON.parse(text), 0);
  } catch {
    return new Opaque(text.slice(0, 80), 'unknown');
  }
}

/** Reads a JSON-valued attribute (a string, a map, jsonencode or a heredoc) as a plain value. */
function jsonValueOf(node: TreeNode): Plain {
  if (node.kind === 'scalar') return typeof node.value === 'string' ? parseJsonText(node.value) : node.value;
  if (node.kind !== 'expression') return plainOfTree(node);
  if (node.tag !== undefined) return plainOfTree(node);
  const text = node.text.trim();
  if (text.startsWith('<<')) return plainOfHeredoc(text);
  if (text.startsWith('jsonencode(')) {
    try {
      const expr = parseExpression(text);
      if (expr.type === 'call' && expr.name === 'jsonencode' && expr.args.length === 1 && !expr.expand) {
        return plainOfExpr(expr.args[0] as Expr);
      }
    } catch {
      // Syntax the expression parser does not read: the document stays unknown.
    }
  }
  return new Opaque(text, 'unknown');
}

// ---------------------------------------------------------------------------
// Policy documents

const DOCUMENT_REFERENCE = /^data\.aws_iam_policy_document\.([A-Za-z_][A-Za-z0-9_-]*)(\[[^\]]*\])?\.json$/;

/** Returns the policy document a node contains, following references to data.aws_iam_policy_document. */
function documentOf(node: TreeNode, context: EvalContext, depth = 0): Plain {
  if (node.kind === 'expression' && node.tag === undefined) {
    const match = DOCUMENT_REFERENCE.exec(node.text.trim());
    if (match !== null) {
      const source = findDocumentSource(match[1] as string, context.resource, context);
      return source === undefined || depth > 4 ? new Opaque(node.text, 'unknown') : documentOfDataSource(source, context, depth + 1);
    }
  }
  return jsonValueOf(node);
}

function findDocumentSource(name: string, self: IacResource, context: EvalContext): IacResource | undefined {
  const module = terraformLocalAddress(self.address).module;
  const wanted = `data.aws_iam_policy_document.${name}`;
  return context.resources.byType('data.aws_iam_policy_document').find((candidate) => {
    if (candidate.format !== self.format) return false;
    const address = terraformLocalAddress(candidate.address);
    return address.module === module && address.local === wanted;
  });
}

function field(node: TreeNode, key: string): TreeNode | undefined {
  return node.kind === 'map' ? node.entries.find((entry) => entry.key === key)?.value : undefined;
}

function blocksOf(node: TreeNode | undefined): TreeNode[] {
  if (node === undefined) return [];
  if (node.kind === 'list') return node.items;
  return [node];
}

/** Renders a data.aws_iam_policy_document as the JSON document Terraform produces. */
function documentOfDataSource(source: IacResource, context: EvalContext, depth: number): Plain {
  const body = source.body;
  const statements: Plain[] = [];
  for (const key of ['source_policy_documents', 'override_policy_documents']) {
    const documents = field(body, key);
    if (documents === undefined) continue;
    const items = documents.kind === 'list' ? documents.items : [documents];
    for (const item of items) {
      const document = documentOf(item, { ...context, resource: source }, depth + 1);
      if (isRecord(document)) statements.push(...listOf(document.Statement));
      else statements.push(new Opaque(`${key} of ${source.address}`, 'unknown'));
    }
  }
  for (const block of blocksOf(field(body, 'statement'))) {
    if (block.kind === 'expression') {
      statements.push(new Opaque(block.text, 'unknown'));
      continue;
    }
    if (block.tag === 'dynamic') {
      statements.push(new Opaque(`dynamic statement in ${source.address}`, 'unknown'));
      continue;
    }
    const statement: { [key: string]: Plain } = {};
    const effect = field(block, 'effect');
    statement.Effect = effect === undefined ? 'Allow' : plainOfTree(effect);
    const pairs: Array<[string, string]> = [
      ['actions', 'Action'],
      ['not_actions', 'NotAction'],
      ['resources', 'Resource'],
      ['not_resources', 'NotResource'],
    ];
    for (const [from, to] of pairs) {
      const value = field(block, from);
      if (value !== undefined) statement[to] = plainOfTree(value);
    }
    for (const [from, to] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']] as const) {
      const principals = blocksOf(field(block, from));
      if (principals.length === 0) continue;
      const principal: { [key: string]: Plain } = {};
      for (const item of principals) {
        const type = field(item, 'type');
        const identifiers = field(item, 'identifiers');
        const typeValue = type === undefined ? undefined : plainOfTree(type);
        if (typeof typeValue !== 'string' || identifiers === undefined) {
          principal['?'] = new Opaque(`${from} of ${source.address}`, 'unknown');
          continue;
        }
        principal[typeValue] = [...listOf(principal[typeValue]), ...listOf(plainOfTree(identifiers))];
      }
      statement[to] = principal;
    }
    const conditions = blocksOf(field(block, 'condition'));
    if (conditions.length > 0) statement.Condition = conditions.map((item) => plainOfTree(item));
    statements.push(statement);
  }
  return { Version: '2012-10-17', Statement: statements };
}

interface Statement {
  index: number;
  value: { [key: string]: Plain };
}

/** Returns the statements of a document; undefined when the document or its statement list is unknown. */
function statementsOf(document: Plain): { statements: Statement[]; unknown: boolean } {
  if (!isRecord(document)) return { statements: [], unknown: document instanceof Opaque };
  const raw = document.Statement ?? document.statement;
  if (raw instanceof Opaque) return { statements: [], unknown: true };
  let unknown = false;
  const statements: Statement[] = [];
  listOf(raw).forEach((item, index) => {
    if (isRecord(item)) statements.push({ index: index + 1, value: item });
    else if (item instanceof Opaque) unknown = true;
  });
  return { statements, unknown };
}

function get(statement: Statement, key: string): Plain | undefined {
  return statement.value[key];
}

function isAllow(statement: Statement): Tri {
  const effect = get(statement, 'Effect');
  if (effect === undefined) return true;
  if (typeof effect === 'string') return effect.toLowerCase() === 'allow';
  return undefined;
}

/** Tells whether a pattern such as `iam:Put*` covers the action `iam:PutUserPolicy` (case does not matter). */
function globCovers(pattern: string, action: string): boolean {
  const source = pattern
    .toLowerCase()
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(action.toLowerCase());
}

/** Some action of the statement covers `action`. */
function allowsAction(statement: Statement, action: string): Tri {
  const actions = get(statement, 'Action');
  if (actions instanceof Opaque) return undefined;
  let result: Tri = false;
  for (const item of listOf(actions)) {
    if (typeof item === 'string') {
      if (globCovers(item, action)) return true;
    } else if (item instanceof Opaque) {
      result = undefined;
    }
  }
  return result;
}

function isWildcardAction(value: string): boolean {
  return value === '*' || value === '*:*';
}

/** Tells whether a value is exactly the wildcard `*`; an unknown value is unknown, a reference never is. */
function isStar(value: Plain): Tri {
  if (typeof value === 'string') return value.trim() === '*';
  if (value instanceof Opaque) return value.kind === 'unknown' ? undefined : false;
  return false;
}

/** The statement applies to every resource: Resource `*`, or NotResource. */
function onEveryResource(statement: Statement): Tri {
  if (get(statement, 'NotResource') !== undefined && get(statement, 'Resource') === undefined) return true;
  const resources = get(statement, 'Resource');
  if (resources instanceof Opaque) return isStar(resources);
  let result: Tri = false;
  for (const item of listOf(resources)) {
    const star = isStar(item);
    if (star === true) return true;
    if (star === undefined) result = undefined;
  }
  return result;
}

function and(...values: Array<() => Tri>): Tri {
  let result: Tri = true;
  for (const value of values) {
    const current = value();
    if (current === false) return false;
    if (current === undefined) result = undefined;
  }
  return result;
}

function some<T>(items: readonly T[], test: (item: T) => Tri): Tri {
  let result: Tri = false;
  for (const item of items) {
    const current = test(item);
    if (current === true) return true;
    if (current === undefined) result = undefined;
  }
  return result;
}

function actionsOf(statement: Statement): Plain[] {
  return listOf(get(statement, 'Action'));
}

/** `s3:*`: every action of one service. */
function isServiceWildcard(item: Plain): Tri {
  if (typeof item === 'string') return /^[a-z0-9-]+:\*$/i.test(item.trim());
  if (item instanceof Opaque && item.kind === 'unknown') return undefined;
  return false;
}

function isAnyAction(item: Plain): Tri {
  if (typeof item === 'string') return isWildcardAction(item.trim());
  if (item instanceof Opaque && item.kind === 'unknown') return undefined;
  return false;
}

function hasWildcardAction(statement: Statement): Tri {
  return some(actionsOf(statement), isAnyAction);
}

/** Read access to stored secrets and keys, harmful on every resource. */
const SENSITIVE_ACTIONS = [
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'kms:Decrypt',
  'sts:AssumeRole',
];

/** Actions that let a principal grant itself more permissions, on their own. */
const ESCALATION_ACTIONS = [
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:AttachUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:PutUserPolicy',
  'iam:PutGroupPolicy',
  'iam:PutRolePolicy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:UpdateAssumeRolePolicy',
  'iam:AddUserToGroup',
];

/** Services that run code with a role passed by iam:PassRole. */
const PASS_ROLE_TARGETS = [
  'lambda:CreateFunction',
  'ec2:RunInstances',
  'cloudformation:CreateStack',
  'glue:CreateDevEndpoint',
  'ecs:RunTask',
  'sagemaker:CreateNotebookInstance',
  'codebuild:CreateProject',
];

interface Verdict {
  result: Tri;
  seen?: string;
}

type DocumentCheck = (statements: Statement[]) => Verdict;

function firstMatching(statements: Statement[], test: (statement: Statement) => Tri, describe: (statement: Statement) => string): Verdict {
  let unknown: Verdict | undefined;
  for (const statement of statements) {
    const result = test(statement);
    if (result === true) return { result: true, seen: describe(statement) };
    if (result === undefined) unknown ??= { result: undefined, seen: `statement ${statement.index} depends on values known only at deploy time` };
  }
  return unknown ?? { result: false };
}

function shown(value: Plain | undefined): string {
  const items = listOf(value).map((item) => (item instanceof Opaque ? `\`${item.text}\`` : JSON.stringify(item)));
  const text = items.join(', ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function coveredActions(statement: Statement, actions: readonly string[]): { found: string[]; unknown: boolean } {
  const found: string[] = [];
  let unknown = false;
  for (const action of actions) {
    const covers = allowsAction(statement, action);
    if (covers === true) found.push(action);
    else if (covers === undefined) unknown = true;
  }
  return { found, unknown };
}

const DOCUMENT_CHECKS: Record<string, DocumentCheck> = {
  /** Action `*` on Resource `*`. */
  admin: (statements) =>
    firstMatching(
      statements,
      (statement) => and(() => isAllow(statement), () => hasWildcardAction(statement), () => onEveryResource(statement)),
      (statement) => `statement ${statement.index} allows action ${shown(get(statement, 'Action'))} on every resource`,
    ),
  /** A whole service (`s3:*`) on Resource `*`. */
  'service-wildcard': (statements) =>
    firstMatching(
      statements,
      (statement) =>
        and(
          () => isAllow(statement),
          () => some(actionsOf(statement), isServiceWildcard),
          () => onEveryResource(statement),
        ),
      (statement) => `statement ${statement.index} allows ${shown(get(statement, 'Action'))} on every resource`,
    ),
  /** Allow with NotAction on Resource `*`. */
  'not-action': (statements) =>
    firstMatching(
      statements,
      (statement) => and(() => isAllow(statement), () => get(statement, 'NotAction') !== undefined, () => onEveryResource(statement)),
      (statement) => `statement ${statement.index} allows every action except ${shown(get(statement, 'NotAction'))} on every resource`,
    ),
  /** Reads of secrets, parameters and keys, or role assumption, on Resource `*` (full admin is its own rule). */
  'sensitive-wildcard': (statements) =>
    firstMatching(
      statements,
      (statement) =>
        and(
          () => isAllow(statement),
          () => {
            const admin = hasWildcardAction(statement);
            return admin === undefined ? undefined : !admin;
          },
          () => onEveryResource(statement),
          () => {
            const { found, unknown } = coveredActions(statement, SENSITIVE_ACTIONS);
            if (found.length > 0) return true;
            return unknown ? undefined : false;
          },
        ),
      (statement) => `statement ${statement.index} allows ${coveredActions(statement, SENSITIVE_ACTIONS).found.join(', ')} on every resource`,
    ),
  /** Self-escalation actions on Resource `*`, or iam:PassRole on `*` together with a service that runs code. */
  'privilege-escalation': (statements) => {
    const usable = statements.map((statement) => ({
      statement,
      allowed: and(
        () => isAllow(statement),
        () => {
          const admin = hasWildcardAction(statement);
          return admin === undefined ? undefined : !admin;
        },
      ),
    }));
    let unknown = false;
    for (const { statement, allowed } of usable) {
      if (allowed === false) continue;
      const everywhere = onEveryResource(statement);
      if (everywhere === false) continue;
      const { found, unknown: someUnknown } = coveredActions(statement, ESCALATION_ACTIONS);
      if (found.length > 0 && allowed === true && everywhere === true) {
        return { result: true, seen: `statement ${statement.index} allows ${found.slice(0, 3).join(', ')} on every resource` };
      }
      if (found.length > 0 || someUnknown) unknown = true;
    }
    const passRole = usable.find(({ statement, allowed }) => allowed === true && onEveryResource(statement) === true && allowsAction(statement, 'iam:PassRole') === true);
    if (passRole !== undefined) {
      for (const { statement, allowed } of usable) {
        if (allowed !== true) continue;
        const { found } = coveredActions(statement, PASS_ROLE_TARGETS);
        if (found.length > 0) {
          return {
            result: true,
            seen: `statement ${passRole.statement.index} allows iam:PassRole on every role and statement ${statement.index} allows ${found[0]}`,
          };
        }
      }
    }
    return unknown ? { result: undefined, seen: 'an escalation action depends on values known only at deploy time' } : { result: false };
  },
  /** Allow to Principal `*` (or an AWS principal `*`) with no Condition. */
  'public-principal': (statements) =>
    firstMatching(
      statements,
      (statement) =>
        and(
          () => isAllow(statement),
          () => isPublicPrincipal(get(statement, 'Principal')),
          () => {
            const condition = get(statement, 'Condition');
            if (condition === undefined || condition === null) return true;
            if (Array.isArray(condition)) return condition.length === 0;
            if (isRecord(condition)) return Object.keys(condition).length === 0;
            return false;
          },
        ),
      (statement) => `statement ${statement.index} allows principal ${shown(principalShown(get(statement, 'Principal')))} with no condition`,
    ),
};

function principalShown(principal: Plain | undefined): Plain | undefined {
  if (isRecord(principal)) return Object.entries(principal).map(([key, value]) => `${key}: ${shown(value)}`);
  return principal;
}

/** `*`, `{"AWS": "*"}` or an account wildcard such as `arn:aws:iam::*:root`. */
function isPublicPrincipal(principal: Plain | undefined): Tri {
  if (principal === undefined || principal === null) return false;
  const everyone = (value: Plain): Tri => {
    if (typeof value === 'string') return value.trim() === '*' || /^arn:aws[a-z-]*:iam::\*:/.test(value.trim());
    if (value instanceof Opaque) return value.kind === 'unknown' ? undefined : false;
    return false;
  };
  if (!isRecord(principal)) return some(listOf(principal), everyone);
  const aws = principal.AWS ?? principal['*'];
  const unknownType = principal['?'];
  const result = aws === undefined ? false : some(listOf(aws), everyone);
  if (result !== true && unknownType !== undefined) return undefined;
  return result;
}

function policyOutcome(node: TreeNode, context: EvalContext, check: DocumentCheck, span: Span): Outcome {
  const document = documentOf(node, context);
  const { statements, unknown } = statementsOf(document);
  const verdict = check(statements);
  if (verdict.result === true) return { result: 'fail', span, seen: verdict.seen ?? 'the policy grants too much' };
  if (verdict.result === undefined || unknown) {
    const seen = verdict.seen ?? (document instanceof Opaque ? `the policy is \`${document.text.slice(0, 57)}\`, known only at deploy time` : 'a statement is known only at deploy time');
    return { result: 'unknown', span, seen };
  }
  return { result: 'pass', span, seen: 'no statement grants it' };
}

/**
 * `aws-iam-policy`: judges the policy documents at `with.path` (each hit;
 * absent passes) with `with.check`: admin, service-wildcard, not-action,
 * sensitive-wildcard, privilege-escalation or public-principal. Passes
 * when no statement matches, fails when one does.
 */
const policy: Builtin = (node, context, args) => {
  const checkName = typeof args.check === 'string' ? args.check : '';
  const check = DOCUMENT_CHECKS[checkName];
  if (check === undefined) throw new Error(`aws-iam-policy: unknown check "${checkName}"`);
  const path = typeof args.path === 'string' ? args.path : undefined;
  const hits = walkPath(node, path);
  let outcome: Outcome = { result: 'pass', span: headerSpan(context.resource), seen: `${path ?? 'the policy'} is not set` };
  for (const hit of hits) {
    const span = hit.node.span.startLine >= 1 ? hit.node.span : headerSpan(context.resource);
    const current = policyOutcome(hit.node, context, check, span);
    if (current.result === 'fail') return current;
    if (current.result === 'unknown' && outcome.result !== 'unknown') outcome = current;
    else if (outcome.result === 'pass' && current.result === 'pass') outcome = current;
  }
  return outcome;
};

// ---------------------------------------------------------------------------
// JSON values with unknown parts, judged by an ordinary condition

function treeOfPlain(value: Plain, span: Span): TreeNode {
  if (value instanceof Opaque) return { kind: 'expression', span, text: value.text };
  if (Array.isArray(value)) return { kind: 'list', span, items: value.map((item) => treeOfPlain(item, span)) };
  if (isRecord(value)) {
    return { kind: 'map', span, entries: Object.entries(value).map(([key, item]) => ({ key, keySpan: span, value: treeOfPlain(item, span) })) };
  }
  return { kind: 'scalar', span, value };
}

const checkedConditions = new WeakSet<object>();

/**
 * `aws-iam-json`: reads the JSON value at `with.path` (a string,
 * `jsonencode(...)` with references inside, or a heredoc) and judges it
 * with the condition `with.check`, in which unknown parts stay unknown.
 * Absent passes unless `with.absent` is `fail`.
 */
const json: Builtin = (node, context, args) => {
  const check = args.check as Condition | undefined;
  if (check === undefined || typeof check !== 'object') throw new Error('aws-iam-json needs a check');
  if (!checkedConditions.has(check)) {
    const problem = conditionProblem(check, 'aws-iam-json check', new Set(context.builtins.keys()));
    if (problem !== undefined) throw new Error(problem);
    checkedConditions.add(check);
  }
  const path = typeof args.path === 'string' ? args.path : undefined;
  const hits = walkPath(node, path);
  if (hits.length === 0) {
    return { result: args.absent === 'fail' ? 'fail' : 'pass', span: headerSpan(context.resource), seen: `${path ?? 'the value'} is not set` };
  }
  const outcomes = hits.map((hit) => {
    const span = hit.node.span.startLine >= 1 ? hit.node.span : headerSpan(context.resource);
    const value = hit.node.kind === 'map' || hit.node.kind === 'list' ? hit.node : treeOfPlain(jsonValueOf(hit.node), span);
    return evaluate(check, value, context);
  });
  return outcomes.find((outcome) => outcome.result === 'fail') ?? outcomes.find((outcome) => outcome.result === 'unknown') ?? (outcomes[0] as Outcome);
};

// ---------------------------------------------------------------------------
// Secrets written into environment variables

/** Words of a variable name that mark its value as a credential. */
const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'PASSPHRASE', 'SECRET', 'TOKEN', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS']);
/** Words that, before KEY, mark a credential: API_KEY, PRIVATE_KEY, SECRET_ACCESS_KEY. */
const KEY_QUALIFIERS = new Set(['API', 'PRIVATE', 'ACCESS', 'AUTH', 'SECRET', 'SIGNING', 'ENCRYPTION']);
/** Last words of names that point to a secret or describe it rather than contain it. */
const REFERENCE_WORDS = new Set([
  'ARN', 'NAME', 'PATH', 'PARAM', 'PARAMETER', 'ID', 'URL', 'URI', 'FILE', 'ENDPOINT', 'TTL', 'TYPE', 'HEADER',
  'LENGTH', 'EXPIRY', 'EXPIRES', 'TIMEOUT', 'ENABLED', 'REGION', 'LOCATION', 'VERSION',
]);

/** Whether a variable name such as DB_PASSWORD, stripeApiKey or AWS_SECRET_ACCESS_KEY names a credential. */
function isCredentialName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((word) => word !== '');
  const last = words[words.length - 1];
  if (last === undefined || REFERENCE_WORDS.has(last)) return false;
  return words.some((word, index) => {
    if (SECRET_WORDS.has(word) || word.endsWith('PASSWORD')) return true;
    return word === 'KEY' && index > 0 && KEY_QUALIFIERS.has(words[index - 1] as string);
  });
}

function literalSecret(value: TreeNode): string | undefined {
  if (value.kind !== 'scalar' || typeof value.value !== 'string') return undefined;
  const text = value.value.trim();
  if (text.length < 6) return undefined;
  if (/^(arn:|\{\{resolve:|\/|\$\{|ssm:|secretsmanager:|https?:\/\/)/i.test(text)) return undefined;
  if (/^(true|false|none|null)$/i.test(text) || /^\d+$/.test(text)) return undefined;
  return text;
}

function entriesOfEnvironment(node: TreeNode): Array<{ name: string; value: TreeNode; span: Span }> {
  if (node.kind === 'map') {
    return node.entries.map((entry) => ({ name: entry.key, value: entry.value, span: entry.keySpan }));
  }
  if (node.kind === 'list') {
    const result: Array<{ name: string; value: TreeNode; span: Span }> = [];
    for (const item of node.items) {
      const name = field(item, 'name') ?? field(item, 'Name');
      const value = field(item, 'value') ?? field(item, 'Value');
      if (name?.kind === 'scalar' && typeof name.value === 'string' && value !== undefined) {
        result.push({ name: name.value, value, span: item.span });
      }
    }
    return result;
  }
  return [];
}

/**
 * `aws-secret-env`: fails when the environment at `with.path` (a map of
 * names to values, or a list of name/value pairs, as ECS writes it)
 * contains a literal value under a name that marks it as a credential. `with.json`:
 * a path to a JSON value to decode first (ECS container definitions); `with.path`
 * then starts from the decoded value.
 */
const secretEnvironment: Builtin = (node, context, args) => {
  const innerPath = typeof args.path === 'string' ? args.path : undefined;
  const jsonPath = typeof args.json === 'string' ? args.json : undefined;
  let roots: TreeNode[] = [node];
  if (jsonPath !== undefined) {
    roots = walkPath(node, jsonPath).map((hit) => {
      const span = hit.node.span.startLine >= 1 ? hit.node.span : headerSpan(context.resource);
      return hit.node.kind === 'map' || hit.node.kind === 'list' ? hit.node : treeOfPlain(jsonValueOf(hit.node), span);
    });
  }
  for (const root of roots) {
    for (const hit of walkPath(root, innerPath)) {
      for (const entry of entriesOfEnvironment(hit.node)) {
        if (!isCredentialName(entry.name)) continue;
        if (literalSecret(entry.value) === undefined) continue;
        const span = entry.span.startLine >= 1 ? entry.span : headerSpan(context.resource);
        return { result: 'fail', span, seen: `${entry.name} is set to a literal value` };
      }
    }
  }
  return { result: 'pass', span: headerSpan(context.resource), seen: 'no credential is written literally' };
};

/**
 * `aws-iam-managed-policy`: no policy ARN at `with.path` names one of the
 * AWS managed policies in `with.names` (AdministratorAccess). References
 * to resources (`aws_iam_policy.app.arn`, `!Ref AppPolicy`) name other
 * policies and pass; variables and data sources are unknown.
 */
const managedPolicy: Builtin = (node, context, args) => {
  const names = Array.isArray(args.names) ? args.names.filter((name): name is string => typeof name === 'string') : [];
  const path = typeof args.path === 'string' ? args.path : undefined;
  let outcome: Outcome = { result: 'pass', span: headerSpan(context.resource), seen: `${path ?? 'the value'} names no such policy` };
  for (const hit of walkPath(node, path)) {
    const items = hit.node.kind === 'list' ? hit.node.items : [hit.node];
    for (const item of items) {
      const value = plainOfTree(item);
      const span = item.span.startLine >= 1 ? item.span : headerSpan(context.resource);
      if (typeof value === 'string') {
        const name = names.find((candidate) => value.endsWith(`:policy/${candidate}`));
        if (name !== undefined) return { result: 'fail', span, seen: `${path ?? 'the value'} attaches ${name}` };
      } else if (value instanceof Opaque && (value.kind === 'unknown' || value.text.startsWith('data.')) && outcome.result === 'pass') {
        outcome = { result: 'unknown', span, seen: `${path ?? 'the value'} is \`${value.text.slice(0, 57)}\`, known only at deploy time` };
      }
    }
  }
  return outcome;
};

export const AWS_IAM_BUILTINS: Record<string, Builtin> = {
  'aws-iam-policy': policy,
  'aws-iam-managed-policy': managedPolicy,
  'aws-iam-json': json,
  'aws-secret-env': secretEnvironment,
};
