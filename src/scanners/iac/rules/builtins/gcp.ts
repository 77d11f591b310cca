/** Builtin checks of the gcp rules (see index.ts); names start with `gcp-`. */
import type { Builtin, EvalContext, Outcome } from '../evaluate.js';
import { fromPlain } from '../path.js';
import { refersTo } from '../references.js';
import type { Span, TreeNode } from '../../tree.js';

function field(node: TreeNode | undefined, key: string): TreeNode | undefined {
  return node?.kind === 'map' ? node.entries.find((entry) => entry.key === key)?.value : undefined;
}

function itemsOf(node: TreeNode | undefined): TreeNode[] {
  if (node === undefined) return [];
  return node.kind === 'list' ? node.items : [node];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function unknown(span: Span, seen: string): Outcome {
  return { result: 'unknown', span, seen };
}

/**
 * Collects the bindings of an IAM policy's `policy_data`. A JSON string
 * (`jsonencode(...)` or a literal) is parsed, and an expression is read
 * through the `data.google_iam_policy` blocks it refers to. Returns an
 * unknown outcome when the bindings are known only at deploy time.
 */
function policyBindings(policyData: TreeNode, context: EvalContext): TreeNode[] | Outcome {
  if (policyData.kind === 'scalar' && typeof policyData.value === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(policyData.value);
    } catch {
      return unknown(policyData.span, 'policy_data is not valid JSON');
    }
    return itemsOf(field(fromPlain(parsed, policyData.span, 0), 'bindings'));
  }
  if (policyData.kind !== 'expression') return unknown(policyData.span, 'policy_data is not a JSON string');
  const sources = context.resources
    .byType('data.google_iam_policy')
    .filter((source) => source.format === context.resource.format && refersTo(policyData, source) === true);
  if (sources.length === 0) {
    return unknown(policyData.span, `policy_data is \`${policyData.text.slice(0, 60)}\`, known only at deploy time`);
  }
  return sources.flatMap((source) => itemsOf(field(source.body, 'binding')));
}

function textOf(node: TreeNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/**
 * `gcp-iam-policy-grants`: the resource's `policy_data` grants none of
 * `roles` (every role when not given) to a member listed in `members` or
 * starting with one of `member_prefixes` (any member when neither is
 * given). Passes when no binding does,
 * fails on the first one that does, and is unknown when a role or member
 * is known only at deploy time.
 */
const policyGrants: Builtin = (node, context, args) => {
  const roles = args.roles === undefined ? undefined : new Set(stringList(args.roles));
  const members = new Set(stringList(args.members));
  const prefixes = stringList(args.member_prefixes);
  const policyData = field(node, 'policy_data');
  if (policyData === undefined) return { result: 'pass', seen: 'policy_data is not set' };
  const bindings = policyBindings(policyData, context);
  if (!Array.isArray(bindings)) return bindings;
  const anyMember = members.size === 0 && prefixes.length === 0;
  const matchesMember = (member: string): boolean =>
    anyMember || members.has(member) || prefixes.some((prefix) => member.startsWith(prefix));
  let undecided: Outcome | undefined;
  for (const binding of bindings) {
    const roleNode = field(binding, 'role');
    const role = textOf(roleNode);
    if (roles !== undefined && role === undefined) {
      undecided ??= unknown(roleNode?.span ?? binding.span, 'a binding role is known only at deploy time');
      continue;
    }
    if (roles !== undefined && !roles.has(role as string)) continue;
    for (const memberNode of itemsOf(field(binding, 'members'))) {
      const member = textOf(memberNode);
      if (member === undefined) {
        undecided ??= unknown(memberNode.span, 'a binding member is known only at deploy time');
      } else if (matchesMember(member)) {
        return { result: 'fail', span: memberNode.span, seen: `policy_data grants ${role ?? 'a role'} to ${member}` };
      }
    }
  }
  return undecided ?? { result: 'pass', span: policyData.span, seen: 'policy_data grants no such role' };
};

/** Parses a Google API duration such as `"7776000s"` or `"86400.5s"` into seconds; undefined for any other text. */
function durationSeconds(text: string): number | undefined {
  const match = /^(\d{1,12})(\.\d{1,9})?s$/.exec(text.trim());
  return match === null ? undefined : Number(`${match[1]}${match[2] ?? ''}`);
}

/**
 * `gcp-duration-at-most`: the Google API duration at `path` (such as a KMS
 * key's `rotation_period`, written `"7776000s"`) is set and at most
 * `seconds` long.
 */
const durationAtMost: Builtin = (node, context, args) => {
  const path = typeof args.path === 'string' ? args.path : '';
  const limit = typeof args.seconds === 'number' ? args.seconds : 0;
  const value = field(node, path);
  if (value === undefined) return { result: 'fail', seen: `${path} is not set` };
  if (value.kind === 'expression') return unknown(value.span, `${path} is \`${value.text.slice(0, 60)}\`, known only at deploy time`);
  const text = textOf(value);
  const seconds = text === undefined ? undefined : durationSeconds(text);
  if (seconds === undefined) return { result: 'fail', span: value.span, seen: `${path} is not a duration in seconds` };
  return { result: seconds <= limit ? 'pass' : 'fail', span: value.span, seen: `${path} is "${text}"` };
};

export const GCP_BUILTINS: Record<string, Builtin> = {
  'gcp-iam-policy-grants': policyGrants,
  'gcp-duration-at-most': durationAtMost,
};
