/** Builtin checks of the azure rules (see index.ts); names start with `azure-`. */
import type { Builtin } from '../evaluate.js';

export const AZURE_BUILTINS: Record<string, Builtin> = {};
