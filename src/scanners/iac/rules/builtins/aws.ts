/** Builtin checks of the aws rules (see index.ts); names start with `aws-`. */
import type { Builtin } from '../evaluate.js';

export const AWS_BUILTINS: Record<string, Builtin> = {};
