/**
 * Ids of the content rules, for registering `supply-chain/<id>` rule ids
 * without loading the analysis code. rules.ts imports only types, so this
 * module stays cheap.
 */
import { CONTENT_RULES } from './rules.js';

export const CONTENT_RULE_IDS: readonly string[] = CONTENT_RULES.map((rule) => rule.id);
