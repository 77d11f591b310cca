/**
 * Checks written in code, for what a data condition cannot say (an
 * ordering of shell commands, a policy's effective permissions). Rules
 * call them by name with `builtin:`; each provider keeps its own file.
 */
import type { Builtin } from '../evaluate.js';
import { AWS_BUILTINS } from './aws.js';
import { AWS_IAM_BUILTINS } from './aws-iam.js';
import { AZURE_BUILTINS } from './azure.js';
import { COMPOSE_BUILTINS } from './compose.js';
import { DOCKERFILE_BUILTINS } from './dockerfile.js';
import { GCP_BUILTINS } from './gcp.js';
import { KUBERNETES_BUILTINS } from './kubernetes.js';

function register(...groups: Array<Record<string, Builtin>>): Map<string, Builtin> {
  const all = new Map<string, Builtin>();
  for (const group of groups) {
    for (const [name, builtin] of Object.entries(group)) {
      if (all.has(name)) throw new Error(`builtin "${name}" is defined twice`);
      all.set(name, builtin);
    }
  }
  return all;
}

export const BUILTINS: ReadonlyMap<string, Builtin> = register(
  AWS_BUILTINS,
  AWS_IAM_BUILTINS,
  AZURE_BUILTINS,
  GCP_BUILTINS,
  KUBERNETES_BUILTINS,
  DOCKERFILE_BUILTINS,
  COMPOSE_BUILTINS,
);
