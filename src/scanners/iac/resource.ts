/**
 * The unit that iac rules judge: one resource of one format, with its
 * configuration as a positioned tree. Every format's loader ends here, so
 * a rule reads `body` the same way whether it came from HCL, a plan, YAML
 * or JSON.
 */
import type { Span, TreeNode } from './tree.js';

export type IacFormat =
  | 'terraform'
  | 'terraform-plan'
  | 'terraform-state'
  | 'cloudformation'
  | 'arm'
  | 'kubernetes'
  | 'compose'
  | 'dockerfile';

export interface IacResource {
  format: IacFormat;
  /** The type as the format names it: `aws_s3_bucket`, `AWS::S3::Bucket`, `Microsoft.Storage/storageAccounts`, `Deployment`. */
  type: string;
  /**
   * Unique within the scan for its format: `aws_s3_bucket.logs`,
   * `module.net.aws_vpc.main[0]`, `LogsBucket`, `apps/v1/Deployment/shop/api`.
   */
  address: string;
  /** Relative path of the file that declares it (for plans and state: the .tf file when the address maps to one). */
  path: string;
  /** The whole declaration. */
  span: Span;
  /** Its configuration: a map node. */
  body: TreeNode;
  /**
   * The Terraform module instance that declares the resource, as
   * `<root folder>|<module path>`: references only reach resources of the
   * same instance, so `aws_s3_bucket.this` in one module call is not the
   * bucket of another call or of another root module.
   */
  scope?: string;
  /**
   * The template a rendered object came from, read from the `# Source:`
   * comment that `helm template` writes above each document.
   */
  origin?: string;
  /** Lines that suppression comments for this resource may sit on, when wider than `span` (a Dockerfile's first stage reaches line 1). */
  context?: { startLine: number; endLine: number };
}
