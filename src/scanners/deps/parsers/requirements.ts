/**
 * pip requirements files (`requirements.txt`, `requirements-dev.txt`,
 * `requirements/*.txt`). Only exact pins (`==`, `===`) become packages,
 * because the scanner matches versions, not ranges. A constraints file
 * (`-c`) can supply the pin for a requirement listed without one.
 */
import type {
  DependencyScope,
  DirectDependency,
  LockedPackage,
  LockfileParser,
  ParseContext,
} from '../types.js';
import { LockfileError } from '../types.js';
import { addHash, parsePrefixedHash } from './python-common.js';
import {
  readRequirementsTree,
  type DeclaredRequirement,
  type ReaderWarning,
  type RequirementsTree,
} from './python-requirements-reader.js';
import { isRequirementsPath } from '../lockfile-names.js';

/**
 * Words in a file or folder name that mark requirements not installed in
 * production, such as `requirements-dev.txt`, `test-requirements.txt` or
 * `requirements/docs.txt`.
 */
const DEVELOPMENT_WORDS = new Set([
  'dev',
  'devel',
  'develop',
  'development',
  'test',
  'tests',
  'testing',
  'lint',
  'docs',
  'doc',
  'ci',
]);

/** Checks whether the requirements file at `path` installs development tools, judged by its name and folder. */
export function isDevelopmentRequirementsPath(path: string): boolean {
  const segments = path.toLowerCase().split('/');
  const file = (segments.pop() ?? '').replace(/\.txt$/, '');
  const folder = segments.pop() ?? '';
  const words = [...file.split(/[-_.]/), ...folder.split(/[-_.]/)];
  return words.some((word) => DEVELOPMENT_WORDS.has(word));
}


interface Assembly {
  packages: LockedPackage[];
  byKey: Map<string, LockedPackage>;
  versionsByName: Map<string, string>;
  scopes: Map<string, DependencyScope>;
  warnings: ReaderWarning[];
}

function parseRequirements(
  text: string,
  context: ParseContext,
): ReturnType<LockfileParser['parse']> {
  if (text.includes('\u0000'))
    throw new LockfileError(context.path, 'contains NUL bytes; not a requirements file');
  const tree = readRequirementsTree(text, context);
  const rootDevelopment = isDevelopmentRequirementsPath(context.path);
  const assembly: Assembly = {
    packages: [],
    byKey: new Map(),
    versionsByName: new Map(),
    scopes: new Map(),
    warnings: tree.warnings,
  };
  for (const requirement of tree.requirements) {
    const scope =
      rootDevelopment || isDevelopmentRequirementsPath(requirement.file)
        ? 'development'
        : 'production';
    addPackage(assembly, tree, requirement, scope, requirement.file === context.path);
  }
  const direct: DirectDependency[] = [...assembly.scopes].map(([key, scope]) => ({ key, scope }));
  const warnings = assembly.warnings
    .sort((a, b) => a.sequence - b.sequence)
    .map((warning) => warning.text);
  return { ecosystem: 'PyPI', packages: assembly.packages, direct, warnings };
}

function addPackage(
  assembly: Assembly,
  tree: RequirementsTree,
  requirement: DeclaredRequirement,
  scope: DependencyScope,
  inParsedFile: boolean,
): void {
  const where = `${requirement.file}:${requirement.line}`;
  const warn = (text: string): void => {
    assembly.warnings.push({ sequence: requirement.sequence, text });
  };
  const constraint = tree.constraints.get(requirement.name);
  const version = requirement.version ?? constraint?.version;
  if (version === undefined) {
    warn(
      `${where}: "${requirement.spec}" has no exact version; pin it with == or in a constraints file; skipped`,
    );
    return;
  }
  if (
    requirement.version !== undefined &&
    constraint !== undefined &&
    constraint.version !== version
  ) {
    warn(
      `${where}: "${requirement.spec}" conflicts with the constraint ==${constraint.version}; pip would refuse to install it`,
    );
  }
  const earlier = assembly.versionsByName.get(requirement.name);
  if (earlier !== undefined && earlier !== version) {
    warn(
      `${where}: ${requirement.name} is pinned to both ${earlier} and ${version}; both are reported`,
    );
  }
  assembly.versionsByName.set(requirement.name, earlier ?? version);
  const key = `${requirement.name}@${version}`;
  const hashTexts = requirement.hashes.length > 0 ? requirement.hashes : (constraint?.hashes ?? []);
  let entry = assembly.byKey.get(key);
  if (entry === undefined) {
    entry = { key, name: requirement.name, version, ecosystem: 'PyPI', dependencies: [] };
    assembly.byKey.set(key, entry);
    assembly.packages.push(entry);
  }
  if (inParsedFile && entry.line === undefined) entry.line = requirement.line;
  addHashes(entry, hashTexts, where, warn);
  if (assembly.scopes.get(key) !== 'production') assembly.scopes.set(key, scope);
  entry.dev = assembly.scopes.get(key) === 'development';
}

function addHashes(
  entry: LockedPackage,
  texts: string[],
  where: string,
  warn: (text: string) => void,
): void {
  for (const text of texts) {
    const hash = parsePrefixedHash(text);
    if (hash === undefined) {
      warn(`${where}: invalid --hash value "${text.slice(0, 80)}" ignored`);
      continue;
    }
    entry.hashes ??= [];
    addHash(entry.hashes, hash);
  }
}

/** pip requirements files; every listed requirement is direct, and the files have no dependency graph. */
export const requirementsParser: LockfileParser = {
  id: 'pip-requirements',
  matches: isRequirementsPath,
  parse: parseRequirements,
};
