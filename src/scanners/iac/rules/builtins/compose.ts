/** Builtin checks of the compose rules (see index.ts); names start with `compose-`. */
import type { Builtin } from '../evaluate.js';

export const COMPOSE_BUILTINS: Record<string, Builtin> = {};
