/**
 * Parser for bun.lock, the text lockfile of Bun 1.2 and later
 * (lockfileVersion 0 to 2 seen so far). bun.lock has no licences, so
 * `license` stays undefined, and no dev or optional marks, so both are
 * derived from the dependency graph.
 *
 * The older binary bun.lockb is not supported: `bunLockbParser` rejects it
 * with the command that writes a bun.lock, and `bunLockParser` warns when a
 * bun.lockb lies next to the bun.lock it reads.
 */
import type { LockfileParseResult, LockfileParser, ParseContext } from '../types.js';
import { LockfileError } from '../types.js';
import { collectBunEntries } from './bun-entries.js';
import { buildBunGraph } from './bun-graph.js';
import { loadBunLockJson } from './bun-jsonc.js';
import { readRootManifest, siblingPath } from './pnpm-bun-manifest.js';
import { field, recordField, stringField, type JsonRecord } from './pnpm-bun-records.js';
import { WarningList } from './pnpm-bun-warnings.js';

const KNOWN_VERSIONS = new Set([0, 1, 2]);

function hasBaseName(path: string, name: string): boolean {
  return path === name || path.endsWith(`/${name}`);
}

export const bunLockParser: LockfileParser = {
  id: 'bun-lock',

  matches(path: string): boolean {
    return hasBaseName(path, 'bun.lock');
  },

  parse(text: string, context: ParseContext): LockfileParseResult {
    const warnings = new WarningList();
    const { data, packageLines } = loadBunLockJson(text, context.path);
    checkVersion(data, context.path, warnings);
    const section = recordField(data, 'packages');
    if (section === undefined) throw new LockfileError(context.path, 'not a bun.lock file: "packages" is missing or not an object');
    const workspaces = recordField(data, 'workspaces') ?? {};
    const entries = collectBunEntries(section, packageLines, warnings);
    const { packages, direct } = buildBunGraph(workspaces, entries, warnings);
    if (context.readFile(siblingPath(context.path, 'bun.lockb')) !== undefined) {
      warnings.add('bun.lockb next to bun.lock was not read: the binary lockfile format is not supported');
    }
    const manifest = readRootManifest(context, warnings);
    const root = recordField(workspaces, '');
    return {
      ecosystem: 'npm',
      projectName: (root === undefined ? undefined : stringField(root, 'name')) ?? manifest.name,
      projectVersion: manifest.version,
      packages,
      direct,
      manifest: manifest.path,
      warnings: warnings.toArray(),
    };
  },
};

/** Rejects the binary bun.lockb, which Bun before 1.2 wrote, with the command that converts it. */
export const bunLockbParser: LockfileParser = {
  id: 'bun-lockb',

  matches(path: string): boolean {
    return hasBaseName(path, 'bun.lockb');
  },

  parse(_text: string, context: ParseContext): LockfileParseResult {
    throw new LockfileError(
      context.path,
      'the binary bun.lockb format is not supported; run `bun install --save-text-lockfile --lockfile-only` to write bun.lock, then scan again',
    );
  },
};

function checkVersion(data: JsonRecord, path: string, warnings: WarningList): void {
  const version = field(data, 'lockfileVersion');
  if (typeof version !== 'number') throw new LockfileError(path, 'not a bun.lock file: lockfileVersion is missing or not a number');
  if (!KNOWN_VERSIONS.has(version)) warnings.add(`lockfileVersion ${version} is unknown; read like version 2`);
}
