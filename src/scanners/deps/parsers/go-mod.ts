/**
 * go.mod parser. go.mod is both manifest and lock: with Go 1.17 and later
 * it lists every module needed to build the main module's packages, and `// indirect` marks those the
 * main module does not import itself. It carries no dependency graph, so
 * every package has empty `dependencies`. Go has no development
 * dependencies, so every entry is production scope.
 */
import { posix } from 'node:path';
import semver from 'semver';
import {
  LockfileError,
  type DirectDependency,
  type LockedPackage,
  type LockfileParseResult,
  type LockfileParser,
  type ParseContext,
} from '../types.js';
import { GoModSyntaxError, parseGoModSyntax, type GoModDirective } from './go-mod-syntax.js';
import { readGoSumHashes } from './go-sum.js';
import { osvGoReleaseVersion, osvModuleVersion } from './go-versions.js';

interface Requirement {
  path: string;
  version: string;
  line: number;
  indirect: boolean;
}

interface Replacement {
  oldPath: string;
  oldVersion?: string;
  newPath: string;
  /** Undefined when the replacement is a local directory. */
  newVersion?: string;
}

interface GoModFile {
  module?: string;
  goVersion?: { value: string; line: number };
  toolchain?: { value: string; line: number };
  requires: Requirement[];
  replaces: Replacement[];
  excludes: Set<string>;
}

/** Reports whether a replacement target is a directory, which the go command decides by a leading `./`, `../` or `/`. */
function isLocalPath(path: string): boolean {
  return (
    path.startsWith('./') ||
    path.startsWith('../') ||
    path.startsWith('/') ||
    path.startsWith('.\\') ||
    path.startsWith('..\\') ||
    path === '.' ||
    path === '..'
  );
}

function isIndirectComment(comment: string): boolean {
  return comment === 'indirect' || comment.startsWith('indirect;');
}

function requireVersion(file: string, directive: GoModDirective, version: string): string {
  if (!version.startsWith('v')) {
    throw new LockfileError(file, `line ${directive.line}: invalid module version "${version}", expected a version starting with "v"`);
  }
  return version;
}

function parseReplace(file: string, directive: GoModDirective): Replacement {
  const { args, line } = directive;
  const arrow = args.indexOf('=>');
  const left = args.slice(0, Math.max(arrow, 0));
  const right = args.slice(arrow + 1);
  if (arrow < 1 || left.length > 2 || right.length < 1 || right.length > 2) {
    throw new LockfileError(file, `line ${line}: invalid replace directive, expected "module [version] => module version" or "module [version] => ./path"`);
  }
  const replacement: Replacement = { oldPath: left[0]!, newPath: right[0]! };
  if (left[1] !== undefined) replacement.oldVersion = requireVersion(file, directive, left[1]);
  if (right[1] !== undefined) {
    replacement.newVersion = requireVersion(file, directive, right[1]);
  } else if (!isLocalPath(right[0]!)) {
    throw new LockfileError(file, `line ${line}: replacement module ${right[0]} needs a version or must be a local path starting with ./ or ../`);
  }
  return replacement;
}

function expectArgs(file: string, directive: GoModDirective, count: number): void {
  if (directive.args.length !== count) {
    throw new LockfileError(file, `line ${directive.line}: ${directive.verb} directive expects ${count} argument(s), found ${directive.args.length}`);
  }
}

/** Collects the directives this parser uses. `retract` concerns the module's own releases, and unknown directives (`tool`, `godebug`, `ignore`) do not change the build list. */
function readGoMod(file: string, directives: GoModDirective[]): GoModFile {
  const result: GoModFile = { requires: [], replaces: [], excludes: new Set() };
  for (const directive of directives) {
    const { verb, args, line } = directive;
    if (verb === 'module') {
      expectArgs(file, directive, 1);
      result.module = args[0]!;
    } else if (verb === 'go') {
      expectArgs(file, directive, 1);
      result.goVersion = { value: args[0]!, line };
    } else if (verb === 'toolchain') {
      expectArgs(file, directive, 1);
      result.toolchain = { value: args[0]!, line };
    } else if (verb === 'require') {
      expectArgs(file, directive, 2);
      const version = requireVersion(file, directive, args[1]!);
      result.requires.push({ path: args[0]!, version, line, indirect: isIndirectComment(directive.comment) });
    } else if (verb === 'replace') {
      result.replaces.push(parseReplace(file, directive));
    } else if (verb === 'exclude') {
      expectArgs(file, directive, 2);
      result.excludes.add(`${args[0]}@${args[1]}`);
    }
  }
  return result;
}

/** Finds the replace directive for a requirement. One naming the exact version wins over one for all versions. */
function findReplacement(replaces: Replacement[], requirement: Requirement): Replacement | undefined {
  const forPath = replaces.filter((entry) => entry.oldPath === requirement.path);
  return forPath.find((entry) => entry.oldVersion === requirement.version) ?? forPath.find((entry) => entry.oldVersion === undefined);
}

/**
 * Returns the standard library as vulndb names it. The version is the
 * toolchain line's when go.mod has one at or above the `go` line (the go
 * command ignores a lower one), else the `go` line's. Both are minimums, so
 * the toolchain that really builds the module may be newer.
 */
function stdlibPackage(goMod: GoModFile, warnings: string[]): LockedPackage | undefined {
  const candidates: Array<{ version: string; line: number }> = [];
  for (const pin of [goMod.toolchain, goMod.goVersion]) {
    if (pin === undefined) continue;
    const version = osvGoReleaseVersion(pin.value);
    if (version === undefined) {
      warnings.push(`line ${pin.line}: Go version "${pin.value}" is not a release name, so it is not used for the standard library`);
    } else {
      candidates.push({ version, line: pin.line });
    }
  }
  const [first, second] = candidates;
  if (first === undefined) return undefined;
  const chosen = second !== undefined && semver.lt(first.version, second.version) ? second : first;
  return { key: `stdlib@${chosen.version}`, name: 'stdlib', version: chosen.version, ecosystem: 'Go', dependencies: [], line: chosen.line };
}

function siblingPath(path: string, name: string): string {
  const folder = posix.dirname(path);
  return folder === '.' ? name : `${folder}/${name}`;
}

function buildPackage(requirement: Requirement, goMod: GoModFile, hashes: Map<string, string>, warnings: string[]): LockedPackage {
  const replacement = findReplacement(goMod.replaces, requirement);
  let name = requirement.path;
  let version = requirement.version;
  let source: string | undefined;
  if (replacement?.newVersion !== undefined) {
    name = replacement.newPath;
    version = replacement.newVersion;
  } else if (replacement !== undefined) {
    source = replacement.newPath;
    warnings.push(`${requirement.path} ${requirement.version} is replaced by local directory ${replacement.newPath}; the version of that code is unknown, so the required version is checked`);
  }
  if (goMod.excludes.has(`${requirement.path}@${requirement.version}`)) {
    warnings.push(`line ${requirement.line}: ${requirement.path} ${requirement.version} is both required and excluded; the go command would pick a later version`);
  }
  // OSV's Go records spell versions without the leading "v", so it is stripped here.
  const osvVersion = osvModuleVersion(version);
  const locked: LockedPackage = {
    key: `${name}@${osvVersion}`,
    name,
    version: osvVersion,
    ecosystem: 'Go',
    dependencies: [],
    line: requirement.line,
  };
  const hash = hashes.get(`${name}@${version}`);
  if (hash !== undefined) locked.hashes = [{ algorithm: 'SHA-256', value: hash }];
  if (source !== undefined) locked.source = source;
  return locked;
}

function parseGoMod(text: string, context: ParseContext): LockfileParseResult {
  let directives: GoModDirective[];
  try {
    directives = parseGoModSyntax(text);
  } catch (error) {
    if (error instanceof GoModSyntaxError) throw new LockfileError(context.path, error.message, { cause: error });
    throw error;
  }
  const goMod = readGoMod(context.path, directives);
  if (goMod.module === undefined) {
    throw new LockfileError(context.path, 'no module directive; a go.mod file must start with "module <path>"');
  }
  const warnings: string[] = [];
  const goSum = context.readFile(siblingPath(context.path, 'go.sum'));
  const hashes = goSum === undefined ? new Map<string, string>() : readGoSumHashes(goSum);

  const byKey = new Map<string, LockedPackage>();
  const direct = new Map<string, DirectDependency>();
  for (const requirement of goMod.requires) {
    const locked = buildPackage(requirement, goMod, hashes, warnings);
    if (!byKey.has(locked.key)) byKey.set(locked.key, locked);
    if (!requirement.indirect) direct.set(locked.key, { key: locked.key, scope: 'production' });
  }
  const stdlib = stdlibPackage(goMod, warnings);
  if (stdlib !== undefined) {
    byKey.set(stdlib.key, stdlib);
    direct.set(stdlib.key, { key: stdlib.key, scope: 'production' });
  }
  return {
    ecosystem: 'Go',
    projectName: goMod.module,
    packages: [...byKey.values()],
    direct: [...direct.values()],
    manifest: context.path,
    warnings,
  };
}

/** Parser for go.mod, reading the sibling go.sum for module hashes. */
export const goModParser: LockfileParser = {
  id: 'go-mod',
  matches: (path) => posix.basename(path) === 'go.mod',
  parse: parseGoMod,
};
