/**
 * Turns `terraform show -json` output (of a plan or of state) and raw
 * state files into the resources that iac rules judge, with the values
 * Terraform resolved instead of the expressions written in .tf files.
 *
 * Locations: `body` is always built from the JSON nodes, so every span in
 * it points into the plan or state file. When a resource of the .tf source
 * has the same address, or the same address once instance keys such as
 * `[0]` and `["a"]` are removed, `path` and `span` are that source block's.
 * Otherwise they are the plan or state file and the resource's JSON object.
 */
import type { IacResource } from '../resource.js';
import { entryOf, type ParsedDocument, type Span, type TreeNode } from '../tree.js';
import { describeNode, stringOf, warningAt, type ResourceExtraction } from './nodes.js';

/** Expression text of a value that Terraform learns only during apply, worded as `terraform plan` prints it. */
export const UNKNOWN_VALUE_TEXT = '(known after apply)';
/** Expression text that replaces a sensitive value, so that no secret reaches a finding. */
export const SENSITIVE_VALUE_TEXT = '(sensitive value)';
/** Maximum nesting of `child_modules`. Deeper modules are skipped with a warning. */
export const MAX_PLAN_MODULE_DEPTH = 64;
/** Maximum resources taken from one file. The rest are dropped with a warning. */
export const MAX_PLAN_RESOURCES = 20_000;

/** Paths within a value that are unknown or sensitive. A mark without children marks the whole value. */
interface Mark {
  span: Span;
  children?: Map<string, Mark>;
  /** Whether the children came from a JSON list, whose index keys must not become map keys. */
  inList?: boolean;
}

class Extraction {
  readonly resources: IacResource[] = [];
  readonly warnings: string[] = [];
  private full = false;

  constructor(
    readonly doc: ParsedDocument,
    readonly format: 'terraform-plan' | 'terraform-state',
  ) {}

  warn(span: Span, message: string): void {
    this.warnings.push(warningAt(this.doc.path, span, message));
  }

  add(address: string, type: string, span: Span, body: TreeNode): void {
    if (this.resources.length >= MAX_PLAN_RESOURCES) {
      if (!this.full) this.warn(span, `more than ${MAX_PLAN_RESOURCES} resources, so the rest are not scanned`);
      this.full = true;
      return;
    }
    this.resources.push({ format: this.format, type, address, path: this.doc.path, span, body });
  }
}

/**
 * Extracts one resource per resource instance of a plan (`kind`
 * 'terraform-plan') or state ('terraform-state', either `terraform show
 * -json` output or a raw version 4 state file). Resources that a plan
 * deletes are left out. Unknown values become UNKNOWN_VALUE_TEXT
 * expressions and sensitive ones SENSITIVE_VALUE_TEXT expressions.
 * Shapes that do not match Terraform's output are skipped with a warning.
 */
export function terraformPlanResources(
  doc: ParsedDocument,
  kind: 'terraform-plan' | 'terraform-state',
  sourceResources: readonly IacResource[] = [],
): ResourceExtraction {
  const extraction = new Extraction(doc, kind);
  const root = doc.root;
  if (root.kind !== 'map') {
    const expected = kind === 'terraform-plan' ? 'plan' : 'state';
    extraction.warn(root.span, `expected a Terraform ${expected} object, found ${describeNode(root)}`);
  } else if (kind === 'terraform-plan') {
    collectPlan(extraction, root);
  } else if (entryOf(root, 'values') !== undefined || entryOf(root, 'format_version') !== undefined) {
    collectModuleTree(extraction, entryOf(root, 'values')?.value, () => undefined);
  } else {
    collectRawState(extraction, root);
  }
  const resources = mapToSource(extraction.resources, sourceResources);
  return { resources, warnings: extraction.warnings };
}

function collectPlan(extraction: Extraction, root: TreeNode): void {
  const changes = new Map<string, TreeNode>();
  const changeList = entryOf(root, 'resource_changes')?.value;
  if (changeList !== undefined && changeList.kind !== 'list') {
    extraction.warn(changeList.span, `resource_changes must be a list, found ${describeNode(changeList)}`);
  }
  for (const change of changeList?.kind === 'list' ? changeList.items : []) {
    const address = stringOf(entryOf(change, 'address')?.value);
    if (address !== undefined && !changes.has(address)) changes.set(address, change);
  }
  const seen = collectModuleTree(extraction, entryOf(root, 'planned_values')?.value, (address) => {
    const change = changes.get(address);
    return change === undefined ? undefined : changedValues(change);
  });
  // A resource missing from planned_values but present in resource_changes
  // with an `after` object still exists after apply, so it is scanned too.
  for (const [address, change] of changes) {
    const body = seen.has(address) ? undefined : changedValues(change);
    if (body !== undefined) addResource(extraction, change, '', body);
  }
}

/** Returns `change.after` with unknown and sensitive values replaced, or undefined when the resource is deleted. */
function changedValues(change: TreeNode): TreeNode | undefined {
  const details = entryOf(change, 'change')?.value;
  const after = entryOf(details, 'after')?.value;
  if (after?.kind !== 'map') return undefined;
  const unknown = markOf(entryOf(details, 'after_unknown')?.value);
  const sensitive = markOf(entryOf(details, 'after_sensitive')?.value);
  const known = unknown === undefined ? after : applyMark(after, unknown, UNKNOWN_VALUE_TEXT, true);
  return sensitive === undefined ? known : applyMark(known, sensitive, SENSITIVE_VALUE_TEXT, false);
}

/**
 * Walks `root_module` and its `child_modules` (the shape of `planned_values`
 * and of state's `values`) without recursion. `override` returns the body to use
 * instead of a resource's `values`, by address. Returns the addresses found.
 */
function collectModuleTree(
  extraction: Extraction,
  values: TreeNode | undefined,
  override: (address: string) => TreeNode | undefined,
): Set<string> {
  const seen = new Set<string>();
  if (values === undefined) return seen;
  const rootModule = entryOf(values, 'root_module')?.value;
  if (rootModule?.kind !== 'map') {
    extraction.warn(rootModule?.span ?? values.span, 'root_module is missing or not an object');
    return seen;
  }
  const stack = [{ module: rootModule, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const prefix = moduleAddressPrefix(stringOf(entryOf(next.module, 'address')?.value));
    for (const resource of listAt(extraction, next.module, 'resources')) {
      const address = addressOf(resource, prefix);
      const body = (address === undefined ? undefined : override(address)) ?? maskedValues(resource);
      if (address !== undefined) seen.add(address);
      addResource(extraction, resource, prefix, body);
    }
    const children = listAt(extraction, next.module, 'child_modules');
    if (children.length > 0 && next.depth >= MAX_PLAN_MODULE_DEPTH) {
      const message = `child_modules nest deeper than ${MAX_PLAN_MODULE_DEPTH} levels, so the deeper modules are not scanned`;
      extraction.warn(next.module.span, message);
      continue;
    }
    for (const child of [...children].reverse()) {
      if (child.kind === 'map') stack.push({ module: child, depth: next.depth + 1 });
      else extraction.warn(child.span, `child module must be an object, found ${describeNode(child)}`);
    }
  }
  return seen;
}

/** Returns `values` of a planned or state resource with `sensitive_values` replaced. */
function maskedValues(resource: TreeNode): TreeNode | undefined {
  const values = entryOf(resource, 'values')?.value;
  const sensitive = markOf(entryOf(resource, 'sensitive_values')?.value);
  if (values === undefined || sensitive === undefined) return values;
  return applyMark(values, sensitive, SENSITIVE_VALUE_TEXT, false);
}

function addResource(extraction: Extraction, resource: TreeNode, prefix: string, body: TreeNode | undefined): void {
  const type = qualifiedTypeOf(resource);
  const address = addressOf(resource, prefix);
  if (type === undefined || address === undefined) {
    extraction.warn(resource.span, 'skipped resource: it has no string "type" and "name" or "address"');
  } else if (body?.kind !== 'map') {
    const found = body === undefined ? 'missing' : describeNode(body);
    extraction.warn(resource.span, `skipped resource ${address}: its values are ${found}, not an object`);
  } else {
    extraction.add(address, type, resource.span, body);
  }
}

/** Returns the type with `data.` before data sources, as terraformResources writes it. */
function qualifiedTypeOf(resource: TreeNode): string | undefined {
  const type = stringOf(entryOf(resource, 'type')?.value);
  if (type === undefined || type === '') return undefined;
  return stringOf(entryOf(resource, 'mode')?.value) === 'data' ? `data.${type}` : type;
}

/** Returns the `address` field, or builds it from module, mode, type, name and `index` or `index_key`. */
function addressOf(resource: TreeNode, prefix: string): string | undefined {
  const written = stringOf(entryOf(resource, 'address')?.value);
  if (written !== undefined && written !== '') return written;
  const type = qualifiedTypeOf(resource);
  const name = stringOf(entryOf(resource, 'name')?.value);
  if (type === undefined || name === undefined || name === '') return undefined;
  const index = entryOf(resource, 'index')?.value ?? entryOf(resource, 'index_key')?.value;
  return `${prefix}${type}.${name}${indexSuffix(index)}`;
}

function indexSuffix(index: TreeNode | undefined): string {
  if (index?.kind !== 'scalar') return '';
  if (typeof index.value === 'number') return `[${index.value}]`;
  // NOTE: JSON quoting. Terraform may escape keys with control or non-ASCII characters differently.
  if (typeof index.value === 'string') return `[${JSON.stringify(index.value)}]`;
  return '';
}

function moduleAddressPrefix(module: string | undefined): string {
  return module === undefined || module === '' ? '' : `${module}.`;
}

/** Extracts one resource per instance of a raw state file (`version` 4). */
function collectRawState(extraction: Extraction, root: TreeNode): void {
  const version = entryOf(root, 'version')?.value;
  if (version?.kind !== 'scalar' || version.value !== 4) {
    const found = version === undefined ? 'none' : JSON.stringify(version.kind === 'scalar' ? version.value : version.kind);
    const message = `state version ${found} is not supported (expected 4), so resources are read as version 4`;
    extraction.warn(version?.span ?? root.span, message);
  }
  for (const resource of listAt(extraction, root, 'resources')) {
    const prefix = moduleAddressPrefix(stringOf(entryOf(resource, 'module')?.value));
    for (const instance of listAt(extraction, resource, 'instances')) {
      addRawInstance(extraction, resource, instance, prefix);
    }
  }
}

/**
 * Adds one instance of a raw state resource. Its address takes `index_key`
 * from the instance, and its span is the instance object.
 *
 * NOTE: only the paths listed in `sensitive_attributes` are hidden. A
 * secret that the list omits (older Terraform versions wrote no list) stays
 * in the body.
 */
function addRawInstance(extraction: Extraction, resource: TreeNode, instance: TreeNode, prefix: string): void {
  const indexEntries = instance.kind === 'map' ? instance.entries.filter((entry) => entry.key === 'index_key') : [];
  const named: TreeNode =
    resource.kind === 'map' ? { ...resource, span: instance.span, entries: [...resource.entries, ...indexEntries] } : resource;
  const attributes = entryOf(instance, 'attributes')?.value;
  const sensitive = markOfPaths(entryOf(instance, 'sensitive_attributes')?.value);
  if (attributes !== undefined && sensitive !== undefined && sensitive.children === undefined) {
    // Unreadable sensitive paths could point anywhere, so the resource is
    // dropped instead of risking a secret in a finding.
    const address = addressOf(named, prefix) ?? 'without an address';
    extraction.warn(sensitive.span, `skipped resource ${address}: sensitive_attributes is not a list of readable paths`);
    return;
  }
  const masked = attributes === undefined || sensitive === undefined;
  const body = masked ? attributes : applyMark(attributes, sensitive, SENSITIVE_VALUE_TEXT, false);
  addResource(extraction, named, prefix, body);
}

/** Returns the list under `key`, warning when it is present but not a list. */
function listAt(extraction: Extraction, node: TreeNode, key: string): TreeNode[] {
  const value = entryOf(node, key)?.value;
  if (value === undefined || (value.kind === 'scalar' && value.value === null)) return [];
  if (value.kind === 'list') return value.items;
  extraction.warn(value.span, `${key} must be a list, found ${describeNode(value)}`);
  return [];
}

/** Reads an `after_unknown` or `after_sensitive` tree: `true` marks a value, objects and lists mark parts. */
function markOf(node: TreeNode | undefined): Mark | undefined {
  if (node === undefined) return undefined;
  if (node.kind === 'scalar') return node.value === true ? { span: node.span } : undefined;
  const children = new Map<string, Mark>();
  if (node.kind === 'map') {
    for (const entry of node.entries) setMark(children, entry.key, markOf(entry.value));
  } else if (node.kind === 'list') {
    node.items.forEach((item, i) => setMark(children, String(i), markOf(item)));
  }
  if (children.size === 0) return undefined;
  return node.kind === 'list' ? { span: node.span, children, inList: true } : { span: node.span, children };
}

function setMark(children: Map<string, Mark>, key: string, mark: Mark | undefined): void {
  if (mark !== undefined) children.set(key, mark);
}

/**
 * Reads raw state's `sensitive_attributes`: a list of paths, each a list of
 * steps such as `{"type": "get_attr", "value": "password"}` or
 * `{"type": "index", "value": {"value": 0, "type": "number"}}`.
 */
function markOfPaths(node: TreeNode | undefined): Mark | undefined {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return undefined;
  // A list that cannot be read could mark anything, so it marks everything.
  if (node.kind !== 'list') return { span: node.span };
  if (node.items.length === 0) return undefined;
  const root: Mark = { span: node.span, children: new Map() };
  for (const path of node.items) {
    if (path.kind !== 'list') return { span: node.span };
    let at = root;
    for (const step of path.items) {
      const key = stepKey(entryOf(step, 'value')?.value);
      if (key === undefined || at.children === undefined) break;
      const next = at.children.get(key) ?? { span: step.span, children: new Map<string, Mark>() };
      at.children.set(key, next);
      at = next;
    }
    // The path ends here, so the whole value it leads to is sensitive. A
    // path whose first step cannot be read marks the whole resource.
    delete at.children;
  }
  return root;
}

function stepKey(value: TreeNode | undefined): string | undefined {
  const inner = value?.kind === 'map' ? entryOf(value, 'value')?.value : value;
  if (inner?.kind !== 'scalar' || inner.value === null) return undefined;
  return String(inner.value);
}

/**
 * Replaces the values `mark` marks with expressions of `text`. With
 * `addMissing`, a marked key absent from a map is added (plan output omits
 * unknown attributes from `after`). Recursion follows `mark`, whose depth
 * loadJsonDocument's nesting limit bounds.
 */
function applyMark(value: TreeNode, mark: Mark, text: string, addMissing: boolean): TreeNode {
  const children = mark.children;
  if (children === undefined || value.kind === 'scalar' || value.kind === 'expression') {
    // A scalar with marked parts cannot be split, so all of it is replaced.
    return { kind: 'expression', span: value.span, text };
  }
  if (value.kind === 'list') {
    const items = value.items.map((item, i) => {
      const itemMark = children.get(String(i));
      return itemMark === undefined ? item : applyMark(item, itemMark, text, addMissing);
    });
    return { ...value, items };
  }
  const entries = value.entries.map((entry) => {
    const entryMark = children.get(entry.key);
    return entryMark === undefined ? entry : { ...entry, value: applyMark(entry.value, entryMark, text, addMissing) };
  });
  if (addMissing && mark.inList !== true) {
    const present = new Set(value.entries.map((entry) => entry.key));
    for (const [key, child] of children) {
      if (!present.has(key)) entries.push({ key, keySpan: child.span, value: { kind: 'expression', span: child.span, text } });
    }
  }
  return { ...value, entries };
}

/** Points resources at the .tf block with the same address, or the same address without instance keys. */
function mapToSource(resources: IacResource[], sourceResources: readonly IacResource[]): IacResource[] {
  if (sourceResources.length === 0) return resources;
  const byAddress = new Map<string, IacResource>();
  const byBaseAddress = new Map<string, IacResource>();
  for (const source of sourceResources) {
    if (!byAddress.has(source.address)) byAddress.set(source.address, source);
    const base = withoutInstanceKeys(source.address);
    if (!byBaseAddress.has(base)) byBaseAddress.set(base, source);
  }
  return resources.map((resource) => {
    const source = byAddress.get(resource.address) ?? byBaseAddress.get(withoutInstanceKeys(resource.address));
    if (source === undefined) return resource;
    // The body's spans are lines of the plan; move them onto the .tf block, so a finding points at
    // the attribute as written there, or at the block's first line for values the .tf does not write.
    const header: Span = { ...source.span, endLine: source.span.startLine, endColumn: source.span.startColumn + 1 };
    return { ...resource, path: source.path, span: source.span, body: relocate(resource.body, source.body, header, 0) };
  });
}

/** `plan` with every span replaced by the span of the same value in `source`, or by `fallback` where the source has none. */
function relocate(plan: TreeNode, source: TreeNode | undefined, fallback: Span, depth: number): TreeNode {
  if (depth > 64) return plan;
  const span = source?.span ?? fallback;
  switch (plan.kind) {
    case 'scalar':
    case 'expression':
      return { ...plan, span };
    case 'list': {
      const items = plan.items.map((item, index) => {
        // A nested block written once in .tf is a map there and a one-item list in the plan.
        let counterpart: TreeNode | undefined;
        if (source?.kind === 'list') counterpart = source.items[index];
        else if (source?.kind === 'map') counterpart = source;
        return relocate(item, counterpart, counterpart?.span ?? span, depth + 1);
      });
      return { ...plan, span, items };
    }
    case 'map': {
      const sourceMap = source?.kind === 'list' && source.items.length === 1 ? source.items[0] : source;
      const entries = plan.entries.flatMap((entry) => {
        const counterpart = sourceMap?.kind === 'map' ? sourceMap.entries.find((candidate) => candidate.key === entry.key) : undefined;
        // A value the .tf does not set and the plan leaves to apply time is computed by the
        // provider (an id, an ARN, a bucket's policy). It is not the user's setting, so it is left out.
        if (counterpart === undefined && sourceMap?.kind === 'map' && entry.value.kind === 'expression' && entry.value.text === UNKNOWN_VALUE_TEXT) return [];
        if (counterpart === undefined) {
          // Not written in the .tf: the first line of the enclosing block.
          const first: Span = { ...span, endLine: span.startLine, endColumn: span.startColumn + 1 };
          return [{ ...entry, keySpan: first, value: relocate(entry.value, undefined, first, depth + 1) }];
        }
        return [{ ...entry, keySpan: counterpart.keySpan, value: relocate(entry.value, counterpart.value, counterpart.value.span, depth + 1) }];
      });
      return { ...plan, span, entries };
    }
  }
}

/** Removes every `[...]` instance key from an address. Brackets inside quoted keys are part of the key. */
export function withoutInstanceKeys(address: string): string {
  let result = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < address.length; i++) {
    const char = address.charAt(i);
    if (quoted) {
      if (char === '\\') i++;
      else if (char === '"') quoted = false;
    } else if (char === '"' && depth > 0) {
      quoted = true;
    } else if (char === '[') {
      depth++;
    } else if (char === ']' && depth > 0) {
      depth--;
    } else if (depth === 0) {
      result += char;
    }
  }
  return result;
}
