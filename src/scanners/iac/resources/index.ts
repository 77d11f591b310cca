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
import { terraformPlanResources } from './terraform-plan.js';

export { armResources, isArmResource, type ArmResource } from './arm.js';
export { evaluateArmExpression, type ArmScope } from './arm-expressions.js';
export { cloudformationResources, isCloudFormationResource, type CloudFormationResource } from './cloudformation.js';
export { composeResources } from './compose.js';
export { kubernetesResources } from './kubernetes.js';
export { CLUSTER_SCOPED_KINDS } from './kubernetes-scope.js';
export { containersOf, podSpecOf, type ContainerKind, type ContainerRef, type PodSpecLocation } from './kubernetes-workloads.js';
export type { ResourceExtraction } from './nodes.js';
export { terraformPlanResources, withoutInstanceKeys } from './terraform-plan.js';

/**
 * Extracts the resources of one document of a file whose kind is `kind`.
 * Helm templates must be rendered first and Helm values configure a
 * chart, so both give none. Plans and state are read here without source
 * mapping; call terraformPlanResources with the .tf resources to map them.
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
    case 'terraform-plan':
    case 'terraform-state':
      return terraformPlanResources(doc, kind);
    case 'helm-values':
    case 'helm-template':
      return { resources: [], warnings: [] };
  }
}
