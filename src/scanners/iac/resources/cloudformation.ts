/**
 * Turns a CloudFormation or SAM template into resources: one per entry of
 * `Resources`.
 */
import type { IacResource } from '../resource.js';
import { entryOf, type MapEntry, type ParsedDocument, type Scalar, type TreeNode } from '../tree.js';
import { resolveIntrinsics } from './cloudformation-intrinsics.js';
import { describeNode, emptyMap, entrySpan, stringOf, warningAt, type ResourceExtraction } from './nodes.js';

/**
 * A CloudFormation resource. `body` is its `Properties`, while the
 * attributes beside them stay reachable here.
 */
export interface CloudFormationResource extends IacResource {
  format: 'cloudformation';
  /** The whole declaration as written: Type, Properties, Condition, DependsOn, DeletionPolicy, Metadata. */
  declaration: TreeNode;
  /** The name of the `Condition` that guards the resource. */
  condition?: string;
  /** Logical ids from `DependsOn`, whether it is written as a string or a list. */
  dependsOn: string[];
}

/** Checks whether `resource` came from cloudformationResources. */
export function isCloudFormationResource(resource: IacResource): resource is CloudFormationResource {
  return resource.format === 'cloudformation' && 'declaration' in resource;
}

/**
 * Extracts one resource per entry of `Resources`: address the logical id,
 * type from `Type` (`AWS::S3::Bucket`, SAM's `AWS::Serverless::Function` as
 * written, without applying the SAM transform or its Globals), span from the
 * logical id to the end of its entry. `body` is `Properties` (an empty map
 * when there are none) after resolveIntrinsics: long-form functions become
 * expressions and a `Ref` to a parameter with a scalar Default becomes the
 * default. Entries without a string Type, or whose Properties is not a map,
 * are skipped with a warning.
 */
export function cloudformationResources(doc: ParsedDocument): ResourceExtraction {
  const result: ResourceExtraction = { resources: [], warnings: [] };
  const root = doc.root;
  if (root.kind !== 'map') {
    result.warnings.push(warningAt(doc.path, root.span, `expected a CloudFormation template map, found ${describeNode(root)}`));
    return result;
  }
  const resources = entryOf(root, 'Resources')?.value;
  if (resources === undefined) return result;
  if (resources.kind !== 'map') {
    result.warnings.push(warningAt(doc.path, resources.span, `Resources must be a map, found ${describeNode(resources)}`));
    return result;
  }
  const defaults = parameterDefaults(entryOf(root, 'Parameters')?.value);
  for (const entry of resources.entries) {
    const resource = toResource(doc, entry, defaults, result.warnings);
    if (resource !== undefined) result.resources.push(resource);
  }
  return result;
}

function toResource(
  doc: ParsedDocument,
  entry: MapEntry,
  defaults: ReadonlyMap<string, Scalar>,
  warnings: string[],
): CloudFormationResource | undefined {
  const declaration = entry.value;
  const type = stringOf(entryOf(declaration, 'Type')?.value);
  if (declaration.kind !== 'map' || type === undefined || type === '') {
    warnings.push(warningAt(doc.path, entry.keySpan, `skipped resource ${entry.key}: it has no Type string`));
    return undefined;
  }
  const properties = entryOf(declaration, 'Properties')?.value;
  const absent = properties === undefined || (properties.kind === 'scalar' && properties.value === null);
  if (!absent && properties.kind !== 'map') {
    const message = `skipped resource ${entry.key}: Properties must be a map, found ${describeNode(properties)}`;
    warnings.push(warningAt(doc.path, properties.span, message));
    return undefined;
  }
  const condition = stringOf(entryOf(declaration, 'Condition')?.value);
  return {
    format: 'cloudformation',
    type,
    address: entry.key,
    path: doc.path,
    span: entrySpan(entry),
    body: absent ? emptyMap(declaration.span) : resolveIntrinsics(properties, defaults),
    declaration,
    ...(condition === undefined ? {} : { condition }),
    dependsOn: dependsOnOf(entryOf(declaration, 'DependsOn')?.value),
  };
}

/** Collects the scalar Default of each parameter. Parameters without one are left out. */
function parameterDefaults(parameters: TreeNode | undefined): Map<string, Scalar> {
  const defaults = new Map<string, Scalar>();
  if (parameters?.kind !== 'map') return defaults;
  for (const entry of parameters.entries) {
    const value = entryOf(entry.value, 'Default')?.value;
    if (value?.kind === 'scalar' && value.value !== null) defaults.set(entry.key, value.value);
  }
  return defaults;
}

function dependsOnOf(node: TreeNode | undefined): string[] {
  const single = stringOf(node);
  if (single !== undefined) return [single];
  if (node?.kind !== 'list') return [];
  return node.items.map(stringOf).filter((id): id is string => id !== undefined);
}
