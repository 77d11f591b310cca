/**
 * Parser for yarn.lock: yarn 1's own format (`# yarn lockfile v1`) and the
 * YAML subset of yarn 2 to 4 (with `__metadata`), both read with
 * @yarnpkg/parsers. Direct dependencies and their scope come from
 * package.json files, since yarn.lock records neither.
 */
import { parseSyml } from '@yarnpkg/parsers';
import {
  LockfileError,
  type LockfileParseResult,
  type LockfileParser,
  type ParseContext,
} from '../types.js';
import { isRecord } from './npm-manifest.js';
import { WarningList } from './npm-warnings.js';
import { readBerryEntries } from './yarn-berry.js';
import { berryDirect, v1Direct, type DirectResult } from './yarn-direct.js';
import type { YarnGraph } from './yarn-graph.js';
import { scanLockfileLayout } from './yarn-lines.js';
import { readV1Entries } from './yarn-v1.js';

export const yarnLockParser: LockfileParser = {
  id: 'yarn-lock',

  matches(path: string): boolean {
    return path.slice(path.lastIndexOf('/') + 1) === 'yarn.lock';
  },

  parse(text: string, context: ParseContext): LockfileParseResult {
    const body = text.replace(/^\uFEFF/, '');
    const layout = scanLockfileLayout(body, context.path);
    const parsed = parseYarnText(body, context.path);
    const warnings = new WarningList();
    let graph: YarnGraph;
    let direct: DirectResult;
    if (layout.isV1) {
      graph = readV1Entries(parsed, layout.descriptorLines, context.path, warnings);
      direct = v1Direct(graph, context, warnings);
    } else if (isRecord(parsed.__metadata)) {
      const berry = readBerryEntries(parsed, layout.descriptorLines, context.path, warnings);
      graph = berry.graph;
      direct = berryDirect(graph, berry.workspaces, context, warnings);
    } else {
      throw new LockfileError(
        context.path,
        "not a yarn lockfile: no '# yarn lockfile v1' header and no __metadata; regenerate it with yarn install",
      );
    }
    return {
      ecosystem: 'npm',
      ...direct,
      packages: [...graph.packages.values()],
      warnings: warnings.toArray(),
    };
  },
};

function parseYarnText(text: string, path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parseSyml(text);
  } catch (error) {
    throw new LockfileError(path, `invalid yarn.lock: ${describeSyntaxError(error)}; regenerate it with yarn install`, {
      cause: error,
    });
  }
  if (!isRecord(parsed)) throw new LockfileError(path, 'invalid yarn.lock: the top level is not a mapping');
  return parsed;
}

/** Returns the first line of a parser error, with the line number the v1 grammar reports. */
function describeSyntaxError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n', 1)[0] ?? message;
  const location = (error as { location?: { start?: { line?: unknown } } }).location;
  const line = location?.start?.line;
  return typeof line === 'number' ? `line ${line}: ${firstLine}` : firstLine;
}
