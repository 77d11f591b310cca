/**
 * Licence policy: allow and deny lists of SPDX ids applied to a package's
 * stated licence with SPDX expression semantics.
 *
 * Matching rules:
 * - Ids match case-insensitively, and a deprecated GNU id equals its `-only`
 *   form (`GPL-2.0` is `GPL-2.0-only`, `GPL-2.0+` is `GPL-2.0-or-later`).
 * - `WITH` exceptions are ignored: `GPL-2.0-only WITH Classpath-exception-2.0`
 *   is judged as `GPL-2.0-only`.
 * - An "or later" licence (`+` or `-or-later`) is allowed only by an allow
 *   entry that is itself "or later" for the same base, because naming
 *   `GPL-2.0-only` approves one licence text, not its successors. A deny
 *   entry for the `-only` id also denies the "or later" licence, which
 *   still offers that text; a deny entry for the "or later" id leaves the
 *   `-only` licence alone.
 * - `A OR B` is acceptable when either side is; `A AND B` only when both are.
 */

import { createRequire } from 'node:module';
import correctSpdx from 'spdx-correct';
import { tryParse, type ParsedLicense, type SpdxNode } from './license-expression.js';

export { parseLicense, formatExpression, licenseIds, type ParsedLicense } from './license-expression.js';

export interface LicensePolicyInput {
  /** When non-empty, only these licences are acceptable. */
  allow?: string[];
  deny?: string[];
}

export type LicenseVerdict = 'allowed' | 'denied' | 'not-allowed' | 'unknown';

export interface LicenseDecision {
  verdict: LicenseVerdict;
  /** One sentence naming the licence ids that decided the verdict. */
  reason: string;
}

/** A licence id reduced to what policy matching compares. */
interface LicenseKey {
  /** Lower-case id without `+`, `-only` or `-or-later`. */
  base: string;
  orLater: boolean;
}

type LeafVerdict = Exclude<LicenseVerdict, 'unknown'>;

interface NodeDecision {
  verdict: LeafVerdict;
  /** Ids, as written, that produced the verdict. */
  ids: string[];
}

/** Rank for combining: OR keeps the highest, AND the lowest. */
const RANK: Record<LeafVerdict, number> = { denied: 0, 'not-allowed': 1, allowed: 2 };

/** GNU families whose bare ids were deprecated in favour of `-only` and `-or-later` (SPDX licence list 3.0). */
const GNU_FAMILIES = new Set(['gpl', 'lgpl', 'agpl', 'gfdl']);

// spdx-license-ids ships JSON arrays without type declarations.
const require = createRequire(import.meta.url);
const KNOWN_IDS: ReadonlySet<string> = new Set(
  [
    ...(require('spdx-license-ids') as string[]),
    ...(require('spdx-license-ids/deprecated.json') as string[]),
  ].map((id) => id.toLowerCase()),
);

/** Judge `license` against `policy`. Never throws. */
export function evaluateLicense(license: ParsedLicense, policy: LicensePolicyInput): LicenseDecision {
  const tree = license.expression === undefined ? undefined : tryParse(license.expression);
  if (!tree) {
    return { verdict: 'unknown', reason: 'the stated licence is missing or is not an SPDX expression' };
  }
  const allow = keysOf(policy.allow);
  const deny = keysOf(policy.deny);
  const decision = decideNode(tree, allow, deny);
  return { verdict: decision.verdict, reason: describe(decision, allow.length > 0) };
}

/**
 * Check policy entries before a scan runs. Returns one message per invalid
 * entry, naming it and, where spdx-correct finds one, the id it probably
 * means. An empty array means the policy is valid.
 */
export function validateLicensePolicy(policy: unknown): string[] {
  if (policy === undefined || policy === null) return [];
  if (typeof policy !== 'object' || Array.isArray(policy)) {
    return ['licenses: expected a mapping with `allow` and `deny` lists of SPDX licence ids'];
  }
  const record = policy as Record<string, unknown>;
  const problems = [...validateList(record.allow, 'allow'), ...validateList(record.deny, 'deny')];
  problems.push(...overlapProblems(record.allow, record.deny));
  return problems;
}

function decideNode(node: SpdxNode, allow: LicenseKey[], deny: LicenseKey[]): NodeDecision {
  if ('license' in node) return decideLeaf(node.license, node.plus === true, allow, deny);
  const left = decideNode(node.left, allow, deny);
  const right = decideNode(node.right, allow, deny);
  const pickHigher = node.conjunction === 'or';
  if (RANK[left.verdict] === RANK[right.verdict]) {
    return { verdict: left.verdict, ids: unique([...left.ids, ...right.ids]) };
  }
  const leftWins = RANK[left.verdict] > RANK[right.verdict] === pickHigher;
  return leftWins ? left : right;
}

function decideLeaf(id: string, plus: boolean, allow: LicenseKey[], deny: LicenseKey[]): NodeDecision {
  const written = plus ? `${id}+` : id;
  const key = keyOf(id, plus);
  // Denying GPL-2.0-only also denies GPL-2.0-or-later, which still offers
  // GPL-2.0; denying the or-later id leaves the -only licence alone.
  const denied = deny.some((entry) => entry.base === key.base && (!entry.orLater || key.orLater));
  if (denied) return { verdict: 'denied', ids: [written] };
  if (allow.length === 0) return { verdict: 'allowed', ids: [written] };
  const allowed = allow.some((entry) => entry.base === key.base && entry.orLater === key.orLater);
  return { verdict: allowed ? 'allowed' : 'not-allowed', ids: [written] };
}

function describe(decision: NodeDecision, hasAllowList: boolean): string {
  const names = decision.ids.join(', ');
  const verb = decision.ids.length > 1 ? 'are' : 'is';
  switch (decision.verdict) {
    case 'denied':
      return `${names} ${verb} on the deny list`;
    case 'not-allowed':
      return `${names} ${verb} not on the allow list`;
    case 'allowed':
      return hasAllowList ? `${names} ${verb} on the allow list` : `no deny entry matches ${names}`;
  }
}

/** Reduce an id to its matching key; `plus` is the expression's `+` suffix. */
function keyOf(id: string, plus: boolean): LicenseKey {
  let base = id.toLowerCase();
  let orLater = plus;
  if (base.endsWith('+')) {
    base = base.slice(0, -1);
    orLater = true;
  }
  if (base.endsWith('-or-later')) {
    base = base.slice(0, -'-or-later'.length);
    orLater = true;
  } else if (base.endsWith('-only')) {
    base = base.slice(0, -'-only'.length);
  } else {
    // Deprecated ids such as `GPL-2.0-with-classpath-exception` name the base licence plus an exception.
    const withAt = base.indexOf('-with-');
    const family = base.slice(0, base.indexOf('-'));
    if (withAt > 0 && GNU_FAMILIES.has(family)) base = base.slice(0, withAt);
  }
  return { base, orLater };
}

function keysOf(entries: unknown): LicenseKey[] {
  if (!Array.isArray(entries)) return [];
  return entries.filter((entry): entry is string => typeof entry === 'string').map((entry) => keyOf(entry.trim(), false));
}

function validateList(entries: unknown, name: 'allow' | 'deny'): string[] {
  if (entries === undefined || entries === null) return [];
  if (!Array.isArray(entries)) return [`licenses.${name}: expected a list of SPDX licence ids`];
  const problems: string[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'string') {
      problems.push(`licenses.${name}: entry ${JSON.stringify(entry) ?? String(entry)} is not a string`);
      continue;
    }
    if (!isValidPolicyId(entry.trim())) problems.push(invalidEntryMessage(entry, name));
  }
  return problems;
}

/** A listed or deprecated SPDX id, optionally with `+`, or a `LicenseRef-` id. */
function isValidPolicyId(entry: string): boolean {
  if (entry.startsWith('LicenseRef-')) return isIdString(entry.slice('LicenseRef-'.length));
  const bare = entry.endsWith('+') ? entry.slice(0, -1) : entry;
  return KNOWN_IDS.has(bare.toLowerCase());
}

function isIdString(text: string): boolean {
  if (text.length === 0) return false;
  for (const char of text) {
    const ok = (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z') || (char >= '0' && char <= '9');
    if (!ok && char !== '-' && char !== '.') return false;
  }
  return true;
}

function invalidEntryMessage(entry: string, name: 'allow' | 'deny'): string {
  const quoted = JSON.stringify(entry.length > 80 ? `${entry.slice(0, 80)}…` : entry);
  const prefix = `licenses.${name}: ${quoted} is not an SPDX licence id`;
  if (/\s(or|and|with)\s/i.test(entry)) return `${prefix}; list each licence id as its own entry`;
  const suggestion = suggestId(entry);
  return suggestion
    ? `${prefix}; did you mean "${suggestion}"?`
    : `${prefix}; use an id from https://spdx.org/licenses/`;
}

function suggestId(entry: string): string | undefined {
  if (entry.length > 200) return undefined;
  try {
    const corrected = correctSpdx(entry, { upgrade: true });
    return corrected && corrected !== entry && isValidPolicyId(corrected) ? corrected : undefined;
  } catch {
    return undefined;
  }
}

function overlapProblems(allow: unknown, deny: unknown): string[] {
  const allowKeys = new Map(
    (Array.isArray(allow) ? allow : [])
      .filter((entry): entry is string => typeof entry === 'string')
      .map((entry) => [JSON.stringify(keyOf(entry.trim(), false)), entry]),
  );
  const problems: string[] = [];
  for (const entry of Array.isArray(deny) ? deny : []) {
    if (typeof entry !== 'string') continue;
    const twin = allowKeys.get(JSON.stringify(keyOf(entry.trim(), false)));
    if (twin !== undefined) {
      problems.push(`licenses: "${entry}" is in both allow and deny (as "${twin}"); remove it from one list`);
    }
  }
  return problems;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
