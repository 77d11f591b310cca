/** Builtin checks of the gcp rules (see index.ts); names start with `gcp-`. */
import type { Builtin } from '../evaluate.js';

export const GCP_BUILTINS: Record<string, Builtin> = {};
