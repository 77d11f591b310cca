/**
 * Graph walks that derive `dev` and `optional` flags for formats that do not
 * store them (pnpm 9 lockfiles store no `dev`, bun.lock stores neither).
 */

/** Collect every key reachable from `roots` along `edges`, roots included. The walk is iterative, so deep chains cannot overflow the stack. */
export function reachableFrom(
  roots: Iterable<string>,
  edges: ReadonlyMap<string, readonly string[]>,
): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const key = stack.pop() as string;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const next of edges.get(key) ?? []) {
      if (!seen.has(next)) stack.push(next);
    }
  }
  return seen;
}

/**
 * Derive the development flag of each package as npm defines it: true when only
 * development dependencies lead to it, false when a production dependency
 * does, undefined when no direct dependency leads to it.
 */
export function deriveDevFlags(
  productionRoots: Iterable<string>,
  developmentRoots: Iterable<string>,
  edges: ReadonlyMap<string, readonly string[]>,
): Map<string, boolean> {
  const production = reachableFrom(productionRoots, edges);
  const flags = new Map<string, boolean>();
  for (const key of reachableFrom(developmentRoots, edges)) flags.set(key, !production.has(key));
  for (const key of production) flags.set(key, false);
  return flags;
}
