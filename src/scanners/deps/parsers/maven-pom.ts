/**
 * pom.xml parser. Without a resolver (which would download POMs) there is
 * no transitive graph: every package is a dependency the POM or one of its
 * in-repository parents declares, so all are direct and have no edges.
 *
 * Scopes: `test` is development, while `compile`, `runtime`, `provided` and
 * `system` are production, because `provided` artifacts are present at run
 * time (supplied by the container) and `system` ones ship with the project.
 */
import { posix } from 'node:path';
import {
  LockfileError,
  type DependencyScope,
  type LockedPackage,
  type LockfileParseResult,
  type LockfileParser,
  type ParseContext,
} from '../types.js';
import { readPomModel, type PomDependency, type PomModel } from './maven-model.js';
import { loadParentChain, type LoadedPom } from './maven-parent.js';
import { PomProperties } from './maven-properties.js';
import { parsePomXml, PomXmlError } from './maven-xml.js';

interface ResolvedDependency {
  name: string;
  version: string;
  scope: string;
  optional: boolean;
  systemPath?: string;
  line?: number;
}

/** Built-in `project.*` properties, plus `pom.*`, their deprecated Maven 2 spelling. */
function builtInProperties(model: PomModel): Map<string, string> {
  const values = new Map<string, string>();
  const set = (name: string, value: string | undefined): void => {
    if (value === undefined) return;
    values.set(`project.${name}`, value);
    values.set(`pom.${name}`, value);
  };
  set('groupId', model.groupId ?? model.parent?.groupId);
  set('artifactId', model.artifactId);
  set('version', model.version ?? model.parent?.version);
  set('parent.groupId', model.parent?.groupId);
  set('parent.artifactId', model.parent?.artifactId);
  set('parent.version', model.parent?.version);
  return values;
}

/** Merges properties from the farthest ancestor to the POM itself, so nearer definitions win. */
function effectiveProperties(model: PomModel, ancestors: LoadedPom[]): PomProperties {
  const values = new Map<string, string>();
  for (const ancestor of [...ancestors].reverse()) {
    for (const [name, value] of ancestor.model.properties) values.set(name, value);
  }
  for (const [name, value] of model.properties) values.set(name, value);
  for (const [name, value] of builtInProperties(model)) values.set(name, value);
  return new PomProperties(values);
}

function managementKey(dependency: PomDependency, properties: PomProperties): string {
  return `${properties.interpolate(dependency.groupId ?? '')}:${properties.interpolate(dependency.artifactId ?? '')}`;
}

/** Managed dependencies by `groupId:artifactId`, nearest POM winning. BOM imports cannot be read offline. */
function managedDependencies(model: PomModel, ancestors: LoadedPom[], properties: PomProperties, warnings: string[]): Map<string, PomDependency> {
  const managed = new Map<string, PomDependency>();
  for (const pom of [...ancestors.map((ancestor) => ancestor.model)].reverse().concat(model)) {
    for (const dependency of pom.managedDependencies) {
      const key = managementKey(dependency, properties);
      if (dependency.scope === 'import') {
        const version = properties.interpolate(dependency.version ?? '?');
        // NOTE: a BOM that is another module of the same repository is not looked up either.
        warnings.push(`BOM ${key}:${version} is imported; the versions it manages are unknown without downloading it`);
        continue;
      }
      managed.set(key, dependency);
    }
  }
  return managed;
}

/** Dependencies of the POM, then those inherited from ancestors that the POM does not redeclare. */
function declaredDependencies(model: PomModel, ancestors: LoadedPom[], properties: PomProperties): PomDependency[] {
  const seen = new Set<string>();
  const result: PomDependency[] = [];
  for (const [index, pom] of [model, ...ancestors.map((ancestor) => ancestor.model)].entries()) {
    const own = new Set<string>();
    for (const dependency of pom.dependencies) {
      const key = managementKey(dependency, properties);
      if (seen.has(key)) continue;
      own.add(key);
      // Lines refer to this file, so inherited dependencies carry none.
      result.push(index === 0 ? dependency : { ...dependency, line: undefined });
    }
    for (const key of own) seen.add(key);
  }
  return result;
}

/** Returns why a version cannot be used as an exact version, or undefined when it can. */
function unusableVersion(version: string): string | undefined {
  if (version.includes('${')) return `has an unresolved property (${version})`;
  if (version.startsWith('[') || version.startsWith('(')) return `is a version range (${version}), which only a resolver can pin`;
  if (version === 'LATEST' || version === 'RELEASE') return `is ${version}, which only a resolver can pin`;
  return undefined;
}

function resolveDependency(dependency: PomDependency, managed: Map<string, PomDependency>, properties: PomProperties, warnings: string[]): ResolvedDependency | undefined {
  const groupId = properties.interpolate(dependency.groupId ?? '');
  const artifactId = properties.interpolate(dependency.artifactId ?? '');
  const where = dependency.line === undefined ? 'inherited from a parent' : `line ${dependency.line}`;
  if (groupId === '' || artifactId === '') {
    warnings.push(`dependency at ${where} has no groupId or artifactId; skipped`);
    return undefined;
  }
  const name = `${groupId}:${artifactId}`;
  const management = managed.get(name);
  const rawVersion = dependency.version ?? management?.version;
  if (rawVersion === undefined) {
    warnings.push(`${name} (${where}) has no version and no managed version; skipped`);
    return undefined;
  }
  const version = properties.interpolate(rawVersion).trim();
  const problem = unusableVersion(version);
  if (problem !== undefined) {
    warnings.push(`version of ${name} (${where}) ${problem}; skipped`);
    return undefined;
  }
  const resolved: ResolvedDependency = {
    name,
    version,
    scope: properties.interpolate(dependency.scope ?? management?.scope ?? 'compile').trim(),
    optional: properties.interpolate(dependency.optional ?? management?.optional ?? 'false').trim() === 'true',
  };
  if (dependency.systemPath !== undefined) resolved.systemPath = properties.interpolate(dependency.systemPath);
  if (dependency.line !== undefined) resolved.line = dependency.line;
  return resolved;
}

function toPackage(dependency: ResolvedDependency): LockedPackage {
  const locked: LockedPackage = {
    key: `${dependency.name}@${dependency.version}`,
    name: dependency.name,
    version: dependency.version,
    ecosystem: 'Maven',
    dependencies: [],
  };
  if (dependency.line !== undefined) locked.line = dependency.line;
  if (dependency.scope === 'test') locked.dev = true;
  if (dependency.optional) locked.optional = true;
  if (dependency.scope === 'system' && dependency.systemPath !== undefined) locked.source = dependency.systemPath;
  return locked;
}

function readModel(text: string, path: string): PomModel {
  let model: PomModel | undefined;
  try {
    model = readPomModel(parsePomXml(text), text);
  } catch (error) {
    if (error instanceof PomXmlError) throw new LockfileError(path, error.message, { cause: error });
    throw error;
  }
  if (model === undefined) throw new LockfileError(path, 'root element is not <project>; this is not a Maven POM');
  return model;
}

function parsePom(text: string, context: ParseContext): LockfileParseResult {
  const model = readModel(text, context.path);
  const warnings: string[] = [];
  const ancestors = loadParentChain(context, context.path, model, warnings);
  const properties = effectiveProperties(model, ancestors);
  const managed = managedDependencies(model, ancestors, properties, warnings);
  for (const profile of model.profilesWithDependencies) {
    warnings.push(`dependencies of profile "${profile}" are not scanned because its activation is unknown`);
  }

  const packages = new Map<string, LockedPackage>();
  const scopes = new Map<string, DependencyScope>();
  for (const declared of declaredDependencies(model, ancestors, properties)) {
    const dependency = resolveDependency(declared, managed, properties, warnings);
    if (dependency === undefined) continue;
    const locked = toPackage(dependency);
    const existing = packages.get(locked.key);
    // The same artifact can appear twice with another type or classifier (a test-jar), and production wins.
    if (existing === undefined) packages.set(locked.key, locked);
    else if (locked.dev !== true) delete existing.dev;
    const scope: DependencyScope = dependency.scope === 'test' ? 'development' : 'production';
    if (scopes.get(locked.key) !== 'production') scopes.set(locked.key, scope);
  }

  const result: LockfileParseResult = {
    ecosystem: 'Maven',
    packages: [...packages.values()],
    direct: [...scopes].map(([key, scope]) => ({ key, scope })),
    manifest: context.path,
    warnings,
  };
  const groupId = properties.interpolate(model.groupId ?? model.parent?.groupId ?? '');
  if (groupId !== '' && model.artifactId !== undefined) result.projectName = `${groupId}:${properties.interpolate(model.artifactId)}`;
  const version = model.version ?? model.parent?.version;
  if (version !== undefined) result.projectVersion = properties.interpolate(version);
  return result;
}

/** Parser for Maven pom.xml files, following parent POMs inside the repository. */
export const mavenPomParser: LockfileParser = {
  id: 'maven-pom',
  matches: (path) => posix.basename(path) === 'pom.xml',
  parse: parsePom,
};
