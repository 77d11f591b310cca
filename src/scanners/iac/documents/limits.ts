/**
 * Bounds that keep hostile files from exhausting the stack or memory. Real
 * manifests stay far below them: Kubernetes CRD schemas nest a few dozen
 * levels, and anchors in CI and Compose files expand to a few thousand nodes.
 */

/**
 * Maximum nesting of maps and lists in one file. The yaml package composes
 * nested collections recursively and jsonc-parser parses them recursively,
 * so deeper input is rejected before either library parses it.
 */
export const MAX_NESTING_DEPTH = 256;

/**
 * Maximum number of nodes that aliases and merge keys may add to one
 * document. Aliases share the anchored subtree instead of copying it, but a
 * rule that walks the tree still visits every copy, so an alias bomb (each
 * anchor aliasing the previous one ten times) must be stopped here.
 */
export const MAX_ALIAS_NODES = 1_000_000;
