/**
 * The package graph both yarn formats build: packages by key, descriptors
 * pointing at them, and dependency edges resolved by descriptor once every
 * entry is known.
 */
import { LockfileError, type LockedPackage } from '../types.js';
import type { WarningList } from './npm-warnings.js';

/**
 * Maximum number of dependency references read from one lockfile, an
 * estimate well above large monorepos. The cap stops YAML aliases from
 * multiplying one shared `dependencies` map into billions of edges.
 */
export const MAX_DEPENDENCY_REFERENCES = 2_000_000;

/** Resolution of a descriptor: a package key, or a workspace of the project. */
export type DescriptorTarget = { kind: 'package'; key: string } | { kind: 'workspace' };

interface PendingDependency {
  descriptor: string;
  optional: boolean;
  parentLocator: string;
}

/**
 * Looks a dependency up as written, then as yarn 2+ binds relative
 * `file:`, `link:` and `portal:` ranges to the package that declares them:
 * `thing@link:./vendor/thing::locator=app%40workspace%3A.`.
 */
function descriptorCandidates(descriptor: string, parentLocator: string): string[] {
  if (parentLocator === '') return [descriptor];
  const separator = descriptor.includes('::') ? '&' : '::';
  return [descriptor, `${descriptor}${separator}locator=${encodeURIComponent(parentLocator)}`];
}

export class YarnGraph {
  readonly packages = new Map<string, LockedPackage>();
  private readonly targets = new Map<string, DescriptorTarget>();
  private readonly pending = new Map<string, PendingDependency[]>();
  private references = 0;

  constructor(private readonly path: string) {}

  /** Points each descriptor at `target`. */
  addDescriptors(descriptors: readonly string[], target: DescriptorTarget): void {
    for (const descriptor of descriptors) this.targets.set(descriptor, target);
  }

  /** Resolves a dependency `name@range` of the entry whose resolution is `parentLocator`. */
  resolve(descriptor: string, parentLocator = ''): DescriptorTarget | undefined {
    for (const candidate of descriptorCandidates(descriptor, parentLocator)) {
      const target = this.targets.get(candidate);
      if (target !== undefined) return target;
    }
    return undefined;
  }

  /**
   * Queues the dependencies of package `key`, whose entry has the
   * resolution `parentLocator` (Berry only): `dependencies` maps names to
   * ranges, and names in `optional` may be missing without a warning.
   */
  addDependencies(
    key: string,
    dependencies: ReadonlyMap<string, string>,
    optional: ReadonlySet<string>,
    parentLocator = '',
  ): void {
    this.references += dependencies.size;
    if (this.references > MAX_DEPENDENCY_REFERENCES) {
      throw new LockfileError(
        this.path,
        `more than ${MAX_DEPENDENCY_REFERENCES} dependency references, far beyond any real yarn.lock`,
      );
    }
    let list = this.pending.get(key);
    if (list === undefined) {
      list = [];
      this.pending.set(key, list);
    }
    for (const [name, range] of dependencies) {
      list.push({ descriptor: `${name}@${range}`, optional: optional.has(name), parentLocator });
    }
  }

  /** Returns the keys of packages that no other package depends on. */
  roots(): string[] {
    const required = new Set<string>();
    for (const locked of this.packages.values()) {
      for (const key of locked.dependencies) required.add(key);
    }
    return [...this.packages.keys()].filter((key) => !required.has(key));
  }

  /** Fills every package's `dependencies` from the queued descriptors. */
  resolveEdges(warnings: WarningList): void {
    for (const [key, list] of this.pending) {
      const locked = this.packages.get(key);
      if (locked === undefined) continue;
      const keys = new Set(locked.dependencies);
      for (const { descriptor, optional, parentLocator } of list) {
        const target = this.resolve(descriptor, parentLocator);
        if (target?.kind === 'package') {
          if (target.key !== key) keys.add(target.key);
        } else if (target === undefined && !optional) {
          warnings.add(`${key}: dependency ${descriptor} has no entry in the lockfile`);
        }
      }
      locked.dependencies = [...keys];
    }
    this.pending.clear();
  }
}
