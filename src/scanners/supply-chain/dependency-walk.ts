/**
 * The packages an npm install would bring in along with the named ones:
 * the registry's dependency lists walked from each judged version, every
 * range resolved as npm would resolve it, and each package assessed once.
 * A blocked dependency blocks the install as surely as a named package.
 */
import { assessPackage, type AssessContext } from './assess.js';
import { installedPackage, isRegistryRange } from './npm-range.js';
import { resolveRange } from './registry-signals.js';
import type { Assessment } from './types.js';

/** Most dependencies assessed per guard run; the rest are reported as not checked. */
export const MAX_WALKED_PACKAGES = 1000;

export interface DependencyAssessment extends Assessment {
  /** The chain from a named package, such as `web-app@1.0.0 > left-pad@1.3.0`. */
  via: string;
}

export interface WalkResult {
  dependencies: DependencyAssessment[];
  /** Dependencies left unchecked because the limit was reached. */
  skipped: number;
}

interface Pending {
  name: string;
  range: string;
  via: string;
}

/** Assess the npm dependencies of `roots`, breadth first, at most `limit` of them. */
export async function walkDependencies(roots: Assessment[], context: AssessContext, limit = MAX_WALKED_PACKAGES): Promise<WalkResult> {
  const registry = context.registry;
  const result: WalkResult = { dependencies: [], skipped: 0 };
  if (!registry) return result;
  const seen = new Set(roots.map((root) => `${root.name}@${root.version ?? ''}`));
  const starts = roots.filter((root) => root.ecosystem === 'npm' && root.version !== undefined && root.verdict !== 'block');
  let frontier = (await Promise.all(starts.map((root) => dependenciesOf(root.name, root.version!, `${root.name}@${root.version}`, context)))).flat();
  while (frontier.length > 0) {
    const next: Pending[] = [];
    const batch: Array<Pending & { version: string }> = [];
    const answers = await Promise.all(frontier.map((item) => registry.lookup('npm', item.name)));
    for (const [position, item] of frontier.entries()) {
      const pkg = answers[position]!;
      const version = pkg.presence === 'present' ? resolveRange(pkg, item.range) : undefined;
      const key = `${item.name}@${version ?? item.range}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (result.dependencies.length + batch.length >= limit) {
        result.skipped += 1;
        continue;
      }
      batch.push({ ...item, version: version ?? '' });
    }
    const assessed = await Promise.all(
      batch.map((item) => assessPackage(item.version ? { ecosystem: 'npm', name: item.name, version: item.version } : { ecosystem: 'npm', name: item.name, range: item.range }, context)),
    );
    const expansions = assessed.map((assessment, index) => {
      const item = batch[index]!;
      result.dependencies.push({ ...assessment, via: item.via });
      if (assessment.version === undefined || assessment.verdict === 'block') return Promise.resolve([]);
      return dependenciesOf(item.name, assessment.version, `${item.via} > ${item.name}@${assessment.version}`, context);
    });
    for (const found of await Promise.all(expansions)) next.push(...found);
    frontier = next;
  }
  return result;
}

async function dependenciesOf(name: string, version: string, via: string, context: AssessContext): Promise<Pending[]> {
  const pkg = await context.registry!.lookup('npm', name, version);
  const entry = pkg.versions.find((candidate) => candidate.version === version);
  return Object.entries(entry?.dependencies ?? {})
    .filter(([, range]) => isRegistryRange(range))
    .map(([dependency, range]) => ({ ...installedPackage(dependency, range), via }));
}
