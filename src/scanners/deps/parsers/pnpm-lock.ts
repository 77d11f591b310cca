/**
 * Parser for pnpm-lock.yaml, lockfile versions 5.x (pnpm 5 to 7), 6.0
 * (pnpm 7.24 to 8) and 9.0 (pnpm 9 and 10). pnpm lockfiles carry no
 * licences, so `license` stays undefined.
 */
import type { LockfileParseResult, LockfileParser, ParseContext } from '../types.js';
import { LockfileError } from '../types.js';
import { readRootManifest } from './pnpm-bun-manifest.js';
import { field, isRecord, type JsonRecord } from './pnpm-bun-records.js';
import { WarningList } from './pnpm-bun-warnings.js';
import { collectEntries } from './pnpm-entries.js';
import { buildPnpmGraph } from './pnpm-graph.js';
import type { PnpmStyle } from './pnpm-keys.js';
import { loadPnpmYaml } from './pnpm-yaml.js';

const FILE_NAME = 'pnpm-lock.yaml';

export const pnpmLockParser: LockfileParser = {
  id: 'pnpm-lock',

  matches(path: string): boolean {
    return path === FILE_NAME || path.endsWith(`/${FILE_NAME}`);
  },

  parse(text: string, context: ParseContext): LockfileParseResult {
    const warnings = new WarningList();
    const yaml = loadPnpmYaml(text, context.path);
    const style = detectStyle(yaml.data, context.path, warnings);
    const entries = collectEntries(style, yaml, warnings);
    const { packages, direct } = buildPnpmGraph(style, yaml.data, entries, warnings);
    const manifest = readRootManifest(context, warnings);
    return {
      ecosystem: 'npm',
      projectName: manifest.name,
      projectVersion: manifest.version,
      packages,
      direct,
      manifest: manifest.path,
      warnings: warnings.toArray(),
    };
  },
};

/**
 * Pick the key format from `lockfileVersion` (a number such as 5.4 in 5.x,
 * a string such as '6.0' later). Versions 3 and 4 used the 5.x keys.
 * Unknown versions above 6 are read as 9.0 when they have a `snapshots`
 * section and as 6.0 otherwise, with a warning.
 */
function detectStyle(data: JsonRecord, path: string, warnings: WarningList): PnpmStyle {
  const raw = field(data, 'lockfileVersion');
  if (raw === undefined) throw new LockfileError(path, 'not a pnpm lockfile: lockfileVersion is missing');
  const version = typeof raw === 'number' || typeof raw === 'string' ? Number.parseFloat(String(raw)) : Number.NaN;
  if (!Number.isFinite(version)) {
    throw new LockfileError(path, `unsupported lockfileVersion ${JSON.stringify(raw)}; expected a number such as 5.4, '6.0' or '9.0'`);
  }
  const major = Math.floor(version);
  if (major < 3) throw new LockfileError(path, `unsupported lockfileVersion ${String(raw)}; pnpm lockfiles start at version 3`);
  if (major < 5) warnings.add(`lockfileVersion ${String(raw)} is older than 5.x; read with the 5.x format`);
  if (major <= 5) return 'v5';
  if (major === 6) return 'v6';
  if (major === 9) return 'v9';
  const style = isRecord(field(data, 'snapshots')) ? 'v9' : 'v6';
  warnings.add(`lockfileVersion ${String(raw)} is unknown; read with the ${style === 'v9' ? '9.0' : '6.0'} format`);
  return style;
}
