/**
 * Parser for npm's package-lock.json and npm-shrinkwrap.json, lockfile
 * versions 1 (nested `dependencies`), 2 (`packages` plus the v1 tree, of
 * which only `packages` is read) and 3 (`packages` only).
 */
import {
  LockfileError,
  type LockfileParseResult,
  type LockfileParser,
  type ParseContext,
} from '../types.js';
import { NO_KEY, visitJsonKeys } from './npm-json-lines.js';
import { isRecord } from './npm-manifest.js';
import { parsePackagesSection } from './npm-packages.js';
import { parseVersion1 } from './npm-v1.js';
import { WarningList } from './npm-warnings.js';

const LOCKFILE_NAMES = new Set(['package-lock.json', 'npm-shrinkwrap.json']);
const NEWEST_KNOWN_VERSION = 3;

export const npmLockParser: LockfileParser = {
  id: 'npm-lock',

  matches(path: string): boolean {
    return LOCKFILE_NAMES.has(path.slice(path.lastIndexOf('/') + 1));
  },

  parse(text: string, context: ParseContext): LockfileParseResult {
    const body = text.replace(/^\uFEFF/, '');
    const lockfile = parseJsonObject(body, context.path);
    const warnings = new WarningList();
    const version = lockfileVersion(lockfile, context.path, warnings);
    const result: LockfileParseResult = { ecosystem: 'npm', packages: [], direct: [], warnings: [] };
    if (typeof lockfile.name === 'string') result.projectName = lockfile.name;
    if (typeof lockfile.version === 'string') result.projectVersion = lockfile.version;

    const tree = lockfile.dependencies;
    if (isRecord(lockfile.packages) && (version !== 1 || !isRecord(tree))) {
      const section = parsePackagesSection(lockfile.packages, collectPackagesLines(body), warnings);
      Object.assign(result, section);
    } else if (isRecord(tree)) {
      if (version !== 1) warnings.add(`lockfileVersion ${version} without "packages"; read as version 1`);
      Object.assign(result, parseVersion1(tree, body, context, warnings));
    } else if (lockfile.packages !== undefined || lockfile.dependencies !== undefined) {
      throw new LockfileError(context.path, '"packages" or "dependencies" is not an object; regenerate the lockfile with npm install');
    }
    result.warnings = warnings.toArray();
    return result;
  },
};

function parseJsonObject(text: string, path: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LockfileError(path, `invalid JSON (${(error as Error).message}); regenerate it with npm install`, {
      cause: error,
    });
  }
  if (!isRecord(value)) {
    throw new LockfileError(path, 'not an npm lockfile: the top level is not a JSON object');
  }
  return value;
}

/** Returns the lockfile version: 1, 2, 3, or a newer one read as 3. */
function lockfileVersion(lockfile: Record<string, unknown>, path: string, warnings: WarningList): number {
  const version = lockfile.lockfileVersion;
  if (version === undefined) {
    if (lockfile.packages === undefined && lockfile.dependencies === undefined) {
      throw new LockfileError(path, 'not an npm lockfile: no lockfileVersion, packages or dependencies');
    }
    // npm 4 and older wrote npm-shrinkwrap.json without a version, in the nested v1 layout.
    return isRecord(lockfile.packages) ? NEWEST_KNOWN_VERSION : 1;
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new LockfileError(path, `invalid lockfileVersion ${JSON.stringify(version)}; expected 1, 2 or 3`);
  }
  if (version > NEWEST_KNOWN_VERSION) {
    warnings.add(`lockfileVersion ${version} is newer than this parser knows; read as version ${NEWEST_KNOWN_VERSION}`);
    return NEWEST_KNOWN_VERSION;
  }
  return version;
}

/** Maps each key of the top-level `packages` object to its line. */
function collectPackagesLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  visitJsonKeys(text, (parents, key, line) => {
    if (parents.length === 2 && parents[0] === NO_KEY && parents[1] === 'packages') {
      lines.set(key, line);
    }
  });
  return lines;
}
