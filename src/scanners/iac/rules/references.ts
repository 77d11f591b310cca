/**
 * Whether a value in one resource refers to another resource: the links
 * that cross-resource rules follow (a public access block's `bucket`, an
 * instance's security groups, a policy attachment's role).
 */
import type { IacResource } from '../resource.js';
import { REFERENCE_TAG, type TreeNode } from '../tree.js';

/** Splits a Terraform address into its module path and its local address without instance key. */
export function terraformLocalAddress(address: string): { module: string; local: string } {
  let rest = address;
  let module = '';
  while (rest.startsWith('module.')) {
    const dot = nextDotOutsideBrackets(rest, 'module.'.length);
    if (dot === -1) break;
    module += rest.slice(0, dot + 1);
    rest = rest.slice(dot + 1);
  }
  const bracket = rest.indexOf('[');
  return { module, local: bracket === -1 ? rest : rest.slice(0, bracket) };
}

function nextDotOutsideBrackets(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (char === '[') depth++;
    else if (char === ']') depth--;
    else if (char === '.' && depth === 0) return i;
  }
  return -1;
}

function isNameChar(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z0-9_-]/.test(char);
}

/** Tells whether `name` occurs in `text` as a whole reference, not inside a longer name. */
function mentions(text: string, name: string, allowedAfter: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(name, from);
    if (at === -1) return false;
    const before = text[at - 1];
    const after = text[at + name.length];
    const startOk = at === 0 || !(isNameChar(before) || before === '.');
    const endOk = after === undefined || allowedAfter.includes(after) || !isNameChar(after);
    if (startOk && endOk) return true;
    from = at + 1;
  }
}

/** Names a resource is known by in literal values: a bucket's name, a group's name or id. */
export function literalNames(target: IacResource): Set<string> {
  const names = new Set<string>();
  if (target.body.kind !== 'map') return names;
  for (const entry of target.body.entries) {
    // Terraform names a resource with bucket, name, id or arn; CloudFormation with BucketName, TopicName and the like.
    const naming = ['bucket', 'name', 'id', 'arn'].includes(entry.key) || (target.format === 'cloudformation' && entry.key.endsWith('Name'));
    if (!naming) continue;
    if (entry.value.kind === 'scalar' && typeof entry.value.value === 'string' && entry.value.value.length >= 3) {
      names.add(entry.value.value);
    }
  }
  return names;
}

function mentionsTerraform(text: string, target: IacResource): boolean {
  return mentions(text, terraformLocalAddress(target.address).local, '.[');
}

/**
 * True when `node` (or an item of it) refers to `target`, false when it
 * clearly does not, undefined when it is an expression that refers to no
 * resource Rampart can see (a variable, a data source, a module output)
 * and so might be `target` at deploy time.
 */
export function refersTo(node: TreeNode, target: IacResource): boolean | undefined {
  if (node.kind === 'list') {
    let unknown = false;
    for (const item of node.items) {
      const verdict = refersTo(item, target);
      if (verdict === true) return true;
      if (verdict === undefined) unknown = true;
    }
    return unknown ? undefined : false;
  }
  if (node.kind === 'map') return false;
  if (node.kind === 'scalar') {
    // A value read from another resource (see terraform/cross-references.ts) still names that resource.
    if (node.tag?.startsWith(REFERENCE_TAG) === true && mentionsTerraform(node.tag.slice(REFERENCE_TAG.length), target)) return true;
    return typeof node.value === 'string' && literalNames(target).has(node.value);
  }
  const text = node.text;
  switch (target.format) {
    case 'terraform':
    case 'terraform-plan':
    case 'terraform-state': {
      if (mentionsTerraform(text, target)) return true;
      // each.value and count.index stand for whatever for_each or count iterates: possibly the target.
      return /\b(var|data|module|local|each|count)\./.test(text) ? undefined : false;
    }
    default: {
      // CloudFormation logical ids and ARM names appear whole in Ref, GetAtt, Sub and resourceId().
      const name = target.address.slice(target.address.lastIndexOf('/') + 1);
      return name !== '' && mentions(text, name, '.');
    }
  }
}
