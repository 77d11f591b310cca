/** Builtin checks of the kubernetes rules (see index.ts); names start with `kubernetes-`. */
import type { Builtin } from '../evaluate.js';

export const KUBERNETES_BUILTINS: Record<string, Builtin> = {};
