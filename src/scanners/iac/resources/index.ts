/**
 * Resource extraction for the YAML and JSON formats: one entry point that
 * picks the extractor for the kind detectKind found.
 */
import type { IacDocumentKind } from '../documents/detect.js';
import type { ParsedDocument } from '../tree.js';
import { armResources } from './arm.js';
import { cloudformationResources } from './cloudformation.js';
import { composeResources } from './compose.js';
import { kubernetesResources } from './kubernetes.js';
import type { ResourceExtraction } from './nodes.js';

export { armResources, isArmResource, type ArmResource } from './arm.js';
export { evaluateArmExpression, type ArmScope } from './arm-expressions.js';
export { cloudformationResources, isCloudFormationResource, type CloudFormationResource } from './cloudformation.js';
export { composeResources } from './compose.js';
export { kubernetesResources } from './kubernetes.js';
export { CLUSTER_SCOPED_KINDS } from './kubernetes-scope.js';
export { containersOf, podSpecOf, type ContainerKind, type ContainerRef, type PodSpecLocation } from './kubernetes-workloads.js';
export type { ResourceExtraction } from './nodes.js';

/**
 * Extracts the resources of one document of a file whose kind is `kind`.
 * Kinds with no resources of this stage's own give none: Helm templates
 * must be rendered first, Helm values configure a chart, and Terraform
 * plans and state have their own loaders.
 */
export function resourcesOfDocument(doc: ParsedDocument, kind: IacDocumentKind): ResourceExtraction {
  switch (kind) {
    case 'kubernetes':
    case 'kubernetes-list':
      return kubernetesResources(doc);
    case 'compose':
      return composeResources(doc);
    case 'cloudformation':
      return cloudformationResources(doc);
    case 'arm':
      return armResources(doc);
    case 'helm-values':
    case 'helm-template':
    case 'terraform-plan':
    case 'terraform-state':
      return { resources: [], warnings: [] };
  }
}
