/**
 * Builtin checks of the aws rules (see index.ts); names start with `aws-`.
 *
 * The policy checks read a resource policy however it is written: a JSON
 * string, a CloudFormation map, a Terraform `jsonencode({...})` or heredoc
 * whose other parts refer to resources, or a reference to a
 * `data.aws_iam_policy_document` in the same module. Parts that are known
 * only at deploy time stay unknown and only matter when the verdict
 * depends on them.
 */
import type { IacResource } from '../../resource.js';
import { parseExpression, UnsupportedSyntax, type Expr } from '../../terraform/expressions.js';
import { entryOf, type TreeNode } from '../../tree.js';
import { headerSpan, type Builtin, type EvalContext, type Outcome } from '../evaluate.js';
import { terraformLocalAddress } from '../references.js';

/** A part of a policy whose value is known only at deploy time. */
const UNKNOWN = Symbol('unknown');

/**
 * Stands in for the parts of a string known only at deploy time (`${...}` in
 * a template, heredoc or !Sub), so the literal rest stays readable.
 */
const PLACEHOLDER = '\uE000deploy-time\uE000';

/** Turns a string with PLACEHOLDER parts into UNKNOWN and returns other values unchanged. */
function settled(value: Plain | undefined): Plain | undefined {
  return typeof value === 'string' && value.includes(PLACEHOLDER) ? UNKNOWN : value;
}

type Plain = string | number | boolean | null | typeof UNKNOWN | Plain[] | { [key: string]: Plain };

function isRecord(value: Plain | undefined): value is { [key: string]: Plain } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Converts a tree node to a plain value; expressions become UNKNOWN. */
function plainOfNode(node: TreeNode, depth = 0): Plain {
  if (depth > 32) return UNKNOWN;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'expression':
      // A CloudFormation !Sub keeps its literal text, so "arn:aws:iam::${AWS::AccountId}:root" is known not to be "*".
      return node.tag === '!Sub' && !node.text.startsWith('[') ? node.text.replace(/\$\{[^{}]*\}/g, PLACEHOLDER) : UNKNOWN;
    case 'list':
      return node.items.map((item) => plainOfNode(item, depth + 1));
    case 'map': {
      const result: { [key: string]: Plain } = {};
      for (const entry of node.entries) result[entry.key] = plainOfNode(entry.value, depth + 1);
      return result;
    }
  }
}

/** Converts an HCL expression to a plain value, keeping its literal parts and marking the rest UNKNOWN. */
function plainOfExpr(expr: Expr, depth = 0): Plain {
  if (depth > 32) return UNKNOWN;
  switch (expr.type) {
    case 'literal':
      return expr.value;
    case 'template':
      return expr.parts.map((part) => (typeof part === 'string' ? part : PLACEHOLDER)).join('');
    case 'tuple':
      return expr.items.map((item) => plainOfExpr(item, depth + 1));
    case 'object': {
      const result: { [key: string]: Plain } = {};
      for (const entry of expr.entries) {
        const key = plainOfExpr(entry.key, depth + 1);
        if (typeof key !== 'string') return UNKNOWN;
        result[key] = plainOfExpr(entry.value, depth + 1);
      }
      return result;
    }
    default:
      return UNKNOWN;
  }
}


function plainOfJson(text: string): Plain {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return UNKNOWN;
  }
  const convert = (value: unknown, depth: number): Plain => {
    if (depth > 32) return UNKNOWN;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
    if (Array.isArray(value)) return value.map((item) => convert(item, depth + 1));
    if (typeof value === 'object') {
      const result: { [key: string]: Plain } = {};
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) result[key] = convert(item, depth + 1);
      return result;
    }
    return UNKNOWN;
  };
  return convert(parsed, 0);
}

/** Extracts the JSON inside a heredoc's source, with interpolations replaced by PLACEHOLDER. */
function heredocJson(text: string): string | undefined {
  if (!text.startsWith('<<')) return undefined;
  const lines = text.split('\n');
  if (lines.length < 3) return undefined;
  return lines
    .slice(1, -1)
    .join('\n')
    .replace(/\$\{[^{}]*\}/g, PLACEHOLDER);
}

const POLICY_DOCUMENT_REFERENCE = /^data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json$/;

/** Reads the policy document in a resource's attribute as a plain value; UNKNOWN when it cannot be read. */
function policyOf(node: TreeNode, context: EvalContext): Plain {
  if (node.kind === 'scalar') return typeof node.value === 'string' ? plainOfJson(node.value) : UNKNOWN;
  if (node.kind === 'map' || node.kind === 'list') return plainOfNode(node);
  const text = node.text.trim();
  const heredoc = heredocJson(text);
  if (heredoc !== undefined) return plainOfJson(heredoc);
  const reference = POLICY_DOCUMENT_REFERENCE.exec(text);
  if (reference !== null) return policyDocumentData(reference[1] as string, context);
  let expr: Expr;
  try {
    expr = parseExpression(text);
  } catch (error) {
    if (error instanceof UnsupportedSyntax) return UNKNOWN;
    throw error;
  }
  if (expr.type === 'call' && expr.name === 'jsonencode' && expr.args.length === 1 && !expr.expand) {
    return plainOfExpr(expr.args[0] as Expr);
  }
  return UNKNOWN;
}

/** Finds `data.aws_iam_policy_document.<name>` in the module of the resource being judged. */
function policyDocumentData(name: string, context: EvalContext): Plain {
  const self = context.resource;
  const module = terraformLocalAddress(self.address).module;
  const wanted = `data.aws_iam_policy_document.${name}`;
  const found = context.resources.byType('data.aws_iam_policy_document').filter((other: IacResource) => {
    if (other.format !== self.format) return false;
    const address = terraformLocalAddress(other.address);
    return address.module === module && other.address === `${module}${wanted}`;
  });
  if (found.length !== 1) return UNKNOWN;
  return documentFromData((found[0] as IacResource).body);
}

/** Rewrites a policy document data source's blocks as the IAM JSON they produce. */
function documentFromData(body: TreeNode): Plain {
  for (const imported of ['source_json', 'override_json', 'source_policy_documents', 'override_policy_documents']) {
    if (entryOf(body, imported) !== undefined) return UNKNOWN;
  }
  const statements = entryOf(body, 'statement')?.value;
  let blocks: TreeNode[] = [];
  if (statements?.kind === 'list') blocks = statements.items;
  else if (statements !== undefined) blocks = [statements];
  const converted: Plain[] = blocks.map((block) => {
    if (block.kind !== 'map') return UNKNOWN;
    const statement: { [key: string]: Plain } = {};
    const effect = entryOf(block, 'effect')?.value;
    statement.Effect = effect === undefined ? 'Allow' : plainOfNode(effect);
    for (const [blockName, key] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']] as const) {
      const principals = entryOf(block, blockName)?.value;
      if (principals === undefined) continue;
      const items = principals.kind === 'list' ? principals.items : [principals];
      const principal: { [key: string]: Plain } = {};
      for (const item of items) {
        const type = plainOfNode(entryOf(item, 'type')?.value ?? { kind: 'expression', span: item.span, text: '' });
        const identifiers = plainOfNode(entryOf(item, 'identifiers')?.value ?? { kind: 'expression', span: item.span, text: '' });
        if (typeof type !== 'string') return UNKNOWN;
        principal[type] = identifiers;
      }
      statement[key] = principal;
    }
    const conditions = entryOf(block, 'condition')?.value;
    if (conditions !== undefined) {
      const items = conditions.kind === 'list' ? conditions.items : [conditions];
      const condition: { [key: string]: Plain } = {};
      for (const item of items) {
        const test = plainOfNode(entryOf(item, 'test')?.value ?? { kind: 'expression', span: item.span, text: '' });
        const variable = plainOfNode(entryOf(item, 'variable')?.value ?? { kind: 'expression', span: item.span, text: '' });
        if (typeof test !== 'string' || typeof variable !== 'string') return UNKNOWN;
        const operator = isRecord(condition[test]) ? (condition[test] as { [key: string]: Plain }) : {};
        operator[variable] = plainOfNode(entryOf(item, 'values')?.value ?? { kind: 'expression', span: item.span, text: '' });
        condition[test] = operator;
      }
      statement.Condition = condition;
    }
    return statement;
  });
  return { Statement: converted };
}

function statementsOf(document: Plain): Plain[] | typeof UNKNOWN {
  if (!isRecord(document)) return UNKNOWN;
  const statement = document.Statement;
  if (statement === undefined) return [];
  if (Array.isArray(statement)) return statement;
  return isRecord(statement) ? [statement] : UNKNOWN;
}

function listOf(value: Plain): Plain[] {
  return Array.isArray(value) ? value : [value];
}

/** Checks whether a Principal value names everyone: `"*"` or `{"AWS": "*"}`. */
function principalIsEveryone(principal: Plain | undefined): boolean | undefined {
  if (principal === undefined) return false;
  if (principal === UNKNOWN || settled(principal) === UNKNOWN) return undefined;
  if (principal === '*') return true;
  if (!isRecord(principal)) return false;
  let unknown = false;
  for (const [type, identifiers] of Object.entries(principal)) {
    const everyone = type === '*' || type === 'AWS';
    for (const identifier of listOf(identifiers)) {
      if (identifier === UNKNOWN) unknown = true;
      else if (typeof identifier === 'string' && identifier.includes(PLACEHOLDER)) {
        // Only a string whose literal part is empty or "*" might become "*".
        if (everyone && ['', '*'].includes(identifier.split(PLACEHOLDER).join(''))) unknown = true;
      } else if (everyone && identifier === '*') return true;
    }
  }
  return unknown ? undefined : false;
}

function hasCondition(statement: { [key: string]: Plain }): boolean | undefined {
  const condition = statement.Condition;
  if (condition === undefined || condition === null) return false;
  if (condition === UNKNOWN) return undefined;
  return isRecord(condition) ? Object.keys(condition).length > 0 : true;
}

const fail = (context: EvalContext, seen: string): Outcome => ({ result: 'fail', span: headerSpan(context.resource), seen });
const unknownOutcome = (context: EvalContext, seen: string): Outcome => ({ result: 'unknown', span: headerSpan(context.resource), seen });

function attributeNode(node: TreeNode, args: Record<string, unknown>): TreeNode | undefined {
  const attribute = typeof args.attribute === 'string' ? args.attribute : 'policy';
  return entryOf(node, attribute)?.value;
}

/**
 * Passes unless the policy in `with.attribute` (default `policy`) has an
 * Allow statement for everyone (Principal `*`, or an Allow with
 * NotPrincipal) without a Condition. No policy passes.
 */
const policyNotPublic: Builtin = (node, context, args) => {
  const value = attributeNode(node, args);
  if (value === undefined || (value.kind === 'scalar' && (value.value === null || value.value === ''))) {
    return { result: 'pass', span: headerSpan(context.resource), seen: 'no policy is set' };
  }
  const statements = statementsOf(policyOf(value, context));
  if (statements === UNKNOWN) return unknownOutcome(context, 'the policy is known only at deploy time');
  let unknown = false;
  for (const statement of statements) {
    if (!isRecord(statement)) {
      unknown = true;
      continue;
    }
    const effect = settled(statement.Effect);
    if (effect === UNKNOWN) {
      unknown = true;
      continue;
    }
    if (effect !== 'Allow') continue;
    const everyone = statement.NotPrincipal !== undefined ? true : principalIsEveryone(statement.Principal);
    const conditioned = hasCondition(statement);
    if (everyone === false || conditioned === true) continue;
    if (everyone === undefined || conditioned === undefined) {
      unknown = true;
      continue;
    }
    return { result: 'fail', span: value.span, seen: 'a statement allows Principal "*" without a Condition' };
  }
  if (unknown) return unknownOutcome(context, 'a statement of the policy is known only at deploy time');
  return { result: 'pass', span: value.span, seen: 'no statement allows everyone without a condition' };
};

function isFalse(value: Plain): boolean | undefined {
  if (settled(value) === UNKNOWN) return undefined;
  if (value === false || (typeof value === 'string' && value.toLowerCase() === 'false')) return true;
  if (Array.isArray(value)) {
    if (value.includes(UNKNOWN)) return undefined;
    return value.length > 0 && value.every((item) => isFalse(item) === true);
  }
  return false;
}

/** Checks whether a statement denies requests made without TLS: a Deny on `aws:SecureTransport` false. */
function deniesInsecureTransport(statement: Plain): boolean | undefined {
  if (!isRecord(statement)) return undefined;
  const effect = settled(statement.Effect);
  if (effect === UNKNOWN) return undefined;
  if (effect !== 'Deny') return false;
  const condition = statement.Condition;
  if (condition === UNKNOWN) return undefined;
  if (!isRecord(condition)) return false;
  let unknown = false;
  for (const [operator, tests] of Object.entries(condition)) {
    if (!/^Bool(IfExists)?$/.test(operator)) continue;
    if (tests === UNKNOWN) {
      unknown = true;
      continue;
    }
    if (!isRecord(tests)) continue;
    for (const [key, value] of Object.entries(tests)) {
      if (key.toLowerCase() !== 'aws:securetransport') continue;
      const verdict = isFalse(value);
      if (verdict === true) return true;
      if (verdict === undefined) unknown = true;
    }
  }
  return unknown ? undefined : false;
}

/**
 * Passes when the policy in `with.attribute` (default `policy`) has a
 * statement that denies requests with `aws:SecureTransport` false. No
 * policy fails.
 */
const policyDeniesInsecureTransport: Builtin = (node, context, args) => {
  const value = attributeNode(node, args);
  if (value === undefined || (value.kind === 'scalar' && (value.value === null || value.value === ''))) {
    return fail(context, 'no policy is set');
  }
  const statements = statementsOf(policyOf(value, context));
  if (statements === UNKNOWN) return unknownOutcome(context, 'the policy is known only at deploy time');
  let unknown = false;
  for (const statement of statements) {
    const verdict = deniesInsecureTransport(statement);
    if (verdict === true) return { result: 'pass', span: value.span, seen: 'the policy denies aws:SecureTransport false' };
    if (verdict === undefined) unknown = true;
  }
  if (unknown) return unknownOutcome(context, 'a statement of the policy is known only at deploy time');
  return { result: 'fail', span: value.span, seen: 'no statement denies requests with aws:SecureTransport false' };
};

/** Secrets written into instance user data; each pattern is linear (no nested repetition). */
const USER_DATA_SECRETS: Array<{ name: string; pattern: RegExp }> = [
  { name: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'an AWS secret access key', pattern: /aws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+]{40}\b/i },
  { name: 'a private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/ },
  {
    name: 'a password or token assignment',
    pattern: /\b[A-Za-z_]{0,40}(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY)\s*[=:]\s*["']?[^\s"'$`{}<>()]{8,}/i,
  },
];

/** Maximum characters of user data searched; EC2 accepts at most 16 KB. */
const MAX_USER_DATA = 64_000;

/** Text of user data: the literal, or an expression's source; base64 literals are decoded. */
function userDataText(node: TreeNode): string | undefined {
  let text: string | undefined;
  if (node.kind === 'scalar' && typeof node.value === 'string') text = node.value;
  else if (node.kind === 'expression') text = node.text;
  if (text === undefined) return undefined;
  text = text.slice(0, MAX_USER_DATA);
  const compact = text.replace(/\s/g, '');
  if (compact.length >= 16 && compact.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    const decoded = Buffer.from(compact, 'base64').toString('utf8');
    if (!decoded.includes('\uFFFD')) return decoded;
  }
  return text;
}

/**
 * Fails when one of the attributes in `with.attributes` (paths of user
 * data; default `user_data` and `user_data_base64`) contains a literal
 * secret. Expressions are searched as their source text, where a secret
 * written inline still shows.
 */
const userDataNoSecret: Builtin = (node, context, args) => {
  const attributes = Array.isArray(args.attributes) ? (args.attributes as string[]) : ['user_data', 'user_data_base64'];
  for (const path of attributes) {
    let current: TreeNode | undefined = node;
    for (const key of path.split('.')) current = entryOf(current, key)?.value;
    if (current === undefined) continue;
    const text = userDataText(current);
    if (text === undefined) continue;
    for (const { name, pattern } of USER_DATA_SECRETS) {
      if (pattern.test(text)) return { result: 'fail', span: current.span, seen: `${path} contains ${name}` };
    }
  }
  return { result: 'pass', span: headerSpan(context.resource), seen: 'no secret found in user data' };
};

export const AWS_BUILTINS: Record<string, Builtin> = {
  'aws-policy-not-public': policyNotPublic,
  'aws-policy-denies-insecure-transport': policyDeniesInsecureTransport,
  'aws-user-data-no-secret': userDataNoSecret,
};
