/** Builtin checks of the AWS IAM rules (see index.ts); names start with `aws-iam-`. */
import type { Builtin } from '../evaluate.js';

export const AWS_IAM_BUILTINS: Record<string, Builtin> = {};
