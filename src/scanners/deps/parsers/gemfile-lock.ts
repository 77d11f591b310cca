/**
 * Bundler's Gemfile.lock (or gems.locked). Platform variants of one gem
 * (`nokogiri (1.15.4-x86_64-linux)` and `-arm64-darwin`) become one
 * package, because advisories name the version only. Scopes come from the
 * Gemfile's groups when a Gemfile sits next to the lockfile.
 */
import type {
  DependencyScope,
  DirectDependency,
  LockedPackage,
  LockfileParseResult,
  LockfileParser,
  ParseContext,
} from '../types.js';
import { readGemfileScopes } from './ruby-gemfile-groups.js';
import {
  readGemLockfile,
  type GemLockfile,
  type GemSource,
  type GemSpec,
} from './ruby-lockfile-sections.js';

const RUBYGEMS_REMOTES = new Set([
  'https://rubygems.org/',
  'https://rubygems.org',
  'https://index.rubygems.org/',
]);

/** Returns where a gem comes from, or undefined for rubygems.org. */
function sourceText(source: GemSource): string | undefined {
  const remote = source.options.get('remote');
  if (remote === undefined) return undefined;
  if (source.type === 'GIT') {
    const revision = source.options.get('revision');
    return revision === undefined ? `git+${remote}` : `git+${remote}@${revision}`;
  }
  if (source.type === 'GEM' && RUBYGEMS_REMOTES.has(remote)) return undefined;
  return remote;
}

/** Checks whether `spec` is the project's own gem (`gemspec` in the Gemfile locks it as `PATH remote: .`). */
function isProjectSpec(spec: GemSpec): boolean {
  return spec.source.type === 'PATH' && spec.source.options.get('remote') === '.';
}

function newPackage(spec: GemSpec, key: string, lock: GemLockfile): LockedPackage {
  const locked: LockedPackage = {
    key,
    name: spec.name,
    version: spec.version,
    ecosystem: 'RubyGems',
    dependencies: [],
    line: spec.line,
  };
  const source = sourceText(spec.source);
  if (source !== undefined) locked.source = source;
  const hashes = lock.checksums.get(key);
  if (hashes !== undefined) locked.hashes = hashes;
  return locked;
}

/** Builds one package per `name@version`, merging the dependencies of its platform variants. */
function buildPackages(lock: GemLockfile): {
  packages: LockedPackage[];
  byName: Map<string, string[]>;
} {
  const byKey = new Map<string, LockedPackage>();
  const byName = new Map<string, string[]>();
  const dependencyNames = new Map<string, Set<string>>();
  for (const spec of lock.specs) {
    if (isProjectSpec(spec)) continue;
    const key = `${spec.name}@${spec.version}`;
    if (!byKey.has(key)) {
      byKey.set(key, newPackage(spec, key, lock));
      const sameName = byName.get(spec.name);
      if (sameName === undefined) byName.set(spec.name, [key]);
      else sameName.push(key);
    }
    const names = dependencyNames.get(key) ?? new Set<string>();
    for (const name of spec.dependencies) names.add(name);
    dependencyNames.set(key, names);
  }

  for (const [key, names] of dependencyNames) {
    const locked = byKey.get(key);
    if (locked === undefined) continue;
    const keys = [...names].flatMap((name) => byName.get(name) ?? []);
    locked.dependencies = keys.filter((dependency) => dependency !== key);
  }
  return { packages: [...byKey.values()], byName };
}

function gemfileScopes(
  context: ParseContext,
  result: LockfileParseResult,
): Map<string, DependencyScope> | undefined {
  const manifestName = context.path.endsWith('gems.locked') ? 'gems.rb' : 'Gemfile';
  const slash = context.path.lastIndexOf('/');
  const manifestPath = `${context.path.slice(0, slash + 1)}${manifestName}`;
  const text = context.readFile(manifestPath);
  if (text === undefined) {
    result.warnings.push(
      `${context.path}: no ${manifestName} next to it; every direct gem is reported as production`,
    );
    return undefined;
  }
  result.manifest = manifestPath;
  return readGemfileScopes(text);
}

function parseGemfileLock(text: string, context: ParseContext): LockfileParseResult {
  const lock = readGemLockfile(text, context.path);
  const { packages, byName } = buildPackages(lock);
  const result: LockfileParseResult = {
    ecosystem: 'RubyGems',
    packages,
    direct: [],
    warnings: lock.warnings,
  };
  const project = lock.specs.find(isProjectSpec);
  if (project !== undefined) {
    result.projectName = project.name;
    result.projectVersion = project.version;
  }
  const scopes = gemfileScopes(context, result);
  const direct = new Map<string, DependencyScope>();
  const addDirect = (key: string, scope: DependencyScope): void => {
    if (direct.get(key) !== 'production') direct.set(key, scope);
  };
  for (const declaration of lock.declarations) {
    if (declaration.name === project?.name) continue;
    const keys = byName.get(declaration.name);
    if (keys === undefined) {
      result.warnings.push(
        `${context.path}:${declaration.line}: dependency ${declaration.name} has no locked spec; run "bundle lock"`,
      );
      continue;
    }
    for (const key of keys) addDirect(key, scopes?.get(declaration.name) ?? 'production');
  }
  // The project's gemspec runtime dependencies are locked under its PATH spec, not under DEPENDENCIES.
  for (const name of project?.dependencies ?? [])
    for (const key of byName.get(name) ?? []) addDirect(key, 'production');
  result.direct = [...direct].map(([key, scope]): DirectDependency => ({ key, scope }));
  return result;
}

/** Bundler's Gemfile.lock and gems.locked. */
export const gemfileLockParser: LockfileParser = {
  id: 'gemfile-lock',
  matches: (path) => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return name === 'Gemfile.lock' || name === 'gems.locked';
  },
  parse: parseGemfileLock,
};
