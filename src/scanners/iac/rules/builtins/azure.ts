/** Builtin checks of the azure rules (see index.ts); names start with `azure-`. */
import { isArmResource } from '../../resources/arm.js';
import type { IacResource } from '../../resource.js';
import { conditionProblem } from '../check-condition.js';
import { evaluate, headerSpan, type Builtin, type EvalContext, type Outcome } from '../evaluate.js';
import type { Condition } from '../types.js';

/** Conditions given to azure-arm-child, checked once each. */
const checkedConditions = new WeakSet<object>();

function conditionArgument(value: unknown, context: EvalContext): Condition | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) throw new Error('azure-arm-child: "check" must be a condition mapping');
  if (!checkedConditions.has(value)) {
    const problem = conditionProblem(value, 'azure-arm-child.with.check', new Set(context.builtins.keys()));
    if (problem !== undefined) throw new Error(problem);
    checkedConditions.add(value);
  }
  return value as Condition;
}

/** Checks whether `child` is declared under `parent`, either nested in it or at the top level with a name that starts with the parent's. */
function isChildOf(child: IacResource, parent: IacResource): boolean {
  if (isArmResource(child) && child.parent !== undefined && child.parent.toLowerCase() === parent.address.toLowerCase()) return true;
  return child.address.toLowerCase().startsWith(`${parent.address.toLowerCase()}/`);
}

/** Checks whether an ARM name is still a template expression, such as `[concat(parameters('server'), '/default')]`. */
function isUnresolvedName(address: string): boolean {
  return address.includes('[');
}

/**
 * `azure-arm-child`: the ARM resource has a child resource of type
 * `with.type` in the same template that meets `with.check` (any child when
 * no check is given). ARM declares a child either nested in its parent's
 * `resources` or at the top level with the name `parent/child`, which is
 * how an Azure SQL server's auditing settings or a storage account's blob
 * service are written. When no child is found but a name in the template
 * is an expression that could not be evaluated, the link is unknown.
 * `with.absent` (pass or fail, default fail) is the outcome without a child.
 */
function armChild(_node: Parameters<Builtin>[0], context: EvalContext, args: Record<string, unknown>): Outcome {
  const self = context.resource;
  const type = args.type;
  if (typeof type !== 'string') throw new Error('azure-arm-child: "type" must be a resource type string');
  const check = conditionArgument(args.check, context);
  const header = headerSpan(self);
  const sameFile = context.resources.byType(type).filter((other) => other.format === 'arm' && other.path === self.path && other !== self);
  const children = sameFile.filter((other) => isChildOf(other, self));
  if (children.length === 0) {
    if (isUnresolvedName(self.address) || sameFile.some((other) => isUnresolvedName(other.address))) {
      return { result: 'unknown', span: header, seen: `a ${type} name is a template expression, so its parent is known only at deploy time` };
    }
    const absent = args.absent === 'pass' ? 'pass' : 'fail';
    return { result: absent, span: header, seen: `no ${type} is declared for ${self.address}` };
  }
  let unknown: Outcome | undefined;
  let failure: Outcome | undefined;
  for (const child of children) {
    if (check === undefined) return { result: 'pass', span: header, seen: `${child.address} is declared` };
    const outcome = evaluate(check, child.body, { ...context, resource: child, depth: context.depth + 1 });
    const seen = `${child.address} (${child.path}:${child.span.startLine}): ${outcome.seen ?? outcome.result}`;
    if (outcome.result === 'pass') return { result: 'pass', span: header, seen };
    if (outcome.result === 'unknown') unknown ??= { result: 'unknown', span: header, seen };
    else failure ??= { result: 'fail', span: outcome.span ?? header, seen };
  }
  return unknown ?? failure ?? { result: 'fail', span: header };
}

export const AZURE_BUILTINS: Record<string, Builtin> = {
  'azure-arm-child': armChild,
};
