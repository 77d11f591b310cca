/**
 * The iac rule format: rules are data (rules/iac/**\/*.yaml, and custom
 * rule files in a user's repository), validated against
 * schemas/iac-rule.schema.json. A rule names the resource types it judges
 * and a condition that describes the secure state. A resource that does
 * not meet the condition is a finding.
 */
import type { Severity } from '../../../core/finding.js';
import type { IacFormat } from '../resource.js';

/**
 * A condition over one tree node (the resource body, or an element that
 * `every`, `some` or `none` selected). It evaluates to pass, fail or
 * unknown; see evaluate.ts for the three-valued logic.
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | Quantified
  | RelatedCondition
  | BuiltinCondition
  | LeafCondition;

/** `every`: each selected node meets `check` (none selected: pass). `some`: at least one does (none: fail). `none`: no node does (none: pass). */
export interface Quantified {
  every?: string;
  some?: string;
  none?: string;
  check?: Condition;
  /** Overrides the outcome when the path selects nothing. */
  absent?: 'pass' | 'fail';
}

/** The operators of a leaf; exactly one is given. */
export interface Operators {
  equals?: unknown;
  not_equals?: unknown;
  in?: unknown[];
  not_in?: unknown[];
  /** true: the path has a value (an unknown value counts). false: it has none. */
  exists?: boolean;
  /** true: the value is written out in the source (not a reference, variable or function of them). false: it is not. */
  literal?: boolean;
  /** A JavaScript regular expression, checked for catastrophic backtracking at load time. */
  matches?: string;
  not_matches?: string;
  /** Substring of a string value. */
  contains?: string;
  not_contains?: string;
  /** Numeric comparisons; numeric strings are read as numbers. */
  gte?: number;
  lte?: number;
  gt?: number;
  lt?: number;
  /** A CIDR or address that covers the whole internet (0.0.0.0/0, ::/0, *, Internet, Any). */
  open_to_internet?: boolean;
  /** A port range, given as "from-to" or a number, that includes one of these ports. */
  includes_port?: number[];
  /** Node type: string, number, boolean, list, map. */
  type?: 'string' | 'number' | 'boolean' | 'list' | 'map';
  /** Number of items of a list, entries of a map or characters of a string. */
  length_gte?: number;
  length_lte?: number;
}

export interface LeafCondition extends Operators {
  /** Path of the value, relative to the current node; absent means the node itself. */
  path?: string;
  /** Compare strings without regard to case. */
  ignore_case?: boolean;
  /** Value to assume when the path selects nothing (the provider's default). */
  default?: unknown;
  /** Outcome when the path selects nothing and no default is given; each operator has its own default. */
  absent?: 'pass' | 'fail';
}

/**
 * A condition on other resources linked to this one. `incoming`: the other
 * resource's `attribute` refers to this resource (a public access block's
 * `bucket`). `outgoing`: this resource's `attribute` refers to the other
 * (an instance's `vpc_security_group_ids`). `same-file`: every resource of
 * the type in the same file, `any`: every resource of the type in the scan.
 */
export interface RelatedCondition {
  related: {
    type: string | string[];
    direction: 'incoming' | 'outgoing' | 'same-file' | 'same-namespace' | 'any';
    /** The referring attribute path (incoming: on the other resource; outgoing: on this one). */
    attribute?: string;
    /** Share of linked resources that must meet `check`: at least one (some, the default), each one (every), or none. */
    quantifier?: 'some' | 'every' | 'none';
    check?: Condition;
    /** Outcome when no resource is linked; by default the quantifier's (some: fail, every and none: pass). */
    absent?: 'pass' | 'fail';
  };
}

/** A check written in code, for what data cannot express (src/scanners/iac/rules/builtins/). */
export interface BuiltinCondition {
  builtin: string;
  /** Arguments for the builtin. */
  with?: Record<string, unknown>;
}

/** One way a rule applies: to resources of these types in these formats. */
export interface RuleMatch {
  /**
   * Formats the match applies to. `terraform` also covers plans and state,
   * which use the same types; omitted means every format.
   */
  format?: IacFormat | IacFormat[];
  /** Resource types; `*` is a wildcard within a type (`aws_s3_bucket*`). */
  type: string | string[];
  /** Applicability: a resource that does not pass `when` is not judged. Unknown counts as applicable. */
  when?: Condition;
  /** The secure state. */
  assert: Condition;
}

export interface IacRuleSpec {
  /** Lower-case words joined by hyphens, such as `aws-s3-public-acl`; findings use `iac/<id>`. */
  id: string;
  title: string;
  severity: Severity;
  /** Why it matters: what an attacker or accident can do. */
  rationale: string;
  remediation: {
    text: string;
    /** A corrected configuration, in the first matched format's language. */
    snippet: string;
  };
  references: string[];
  cwe: string[];
  /** Compliance controls by framework: `cis-aws-foundations`, `cis-kubernetes`, `cis-docker`, `nist-800-53`... */
  controls: Record<string, string[]>;
  /** Ids of the same check in other tools (Checkov, Trivy/tfsec, KICS), for their suppression comments. */
  aliases?: string[];
  /** Provider or platform, for `rampart rules` and the docs: aws, azure, gcp, kubernetes, dockerfile, compose. */
  provider: string;
  match: RuleMatch[];
  /** Replaces the title at the start of finding messages; what was seen follows it. */
  message?: string;
  /** The finding may reveal a secret value: never show it. */
  secret?: boolean;
}

/** A loaded rule: its spec, its full id and the file it came from. */
export interface IacRule extends IacRuleSpec {
  fullId: string;
  /** Relative path of the rule file, or `built-in`. */
  source: string;
}
