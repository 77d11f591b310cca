/**
 * Loading pnpm-lock.yaml with the `yaml` package: the data, plus the line of
 * every key under `packages` and `snapshots` taken from the node ranges.
 */
import { LineCounter, isMap, isScalar, parseAllDocuments, type Document } from 'yaml';
import { LockfileError } from '../types.js';
import { isRecord, type JsonRecord } from './pnpm-bun-records.js';
import { shorten } from './pnpm-bun-warnings.js';

export interface PnpmYaml {
  data: JsonRecord;
  /** 1-based line of each key under `packages`. */
  packageLines: Map<string, number>;
  /** 1-based line of each key under `snapshots` (lockfile 9). */
  snapshotLines: Map<string, number>;
}

/**
 * Parse the lockfile. The yaml package's default `maxAliasCount` (100)
 * stays in force, so alias expansion bombs fail in `toJS` and become a
 * LockfileError. Any exception from the parser (including a stack overflow
 * on absurdly deep nesting) is reported the same way.
 *
 * The parser's own duplicate key check is off because it compares each key
 * with every earlier key of its mapping: 60,000 packages took 300 s with it
 * and about 15 s without it (measured with yaml 2.9.1 on Node 20). Duplicate
 * keys under `packages` and `snapshots` are rejected here instead; elsewhere
 * the last one wins.
 */
export function loadPnpmYaml(text: string, path: string): PnpmYaml {
  const lineCounter = new LineCounter();
  let document: Document.Parsed;
  let data: unknown;
  try {
    const documents = parseAllDocuments(text, { lineCounter, uniqueKeys: false });
    const firstError = documents.flatMap((doc) => doc.errors)[0];
    if (firstError !== undefined) throw new LockfileError(path, `invalid YAML: ${firstLine(firstError.message)}`);
    // NOTE: pnpm may put another YAML document (its own tool dependencies)
    // before the project's; the project's is assumed to be the last one.
    const last = documents[documents.length - 1];
    if (last === undefined) throw new LockfileError(path, 'the file is empty; expected a pnpm lockfile');
    document = last;
    data = document.toJS();
  } catch (error) {
    if (error instanceof LockfileError) throw error;
    throw new LockfileError(path, `invalid YAML: ${firstLine(String((error as Error).message ?? error))}`, {
      cause: error,
    });
  }
  if (!isRecord(data)) throw new LockfileError(path, 'not a pnpm lockfile: the top level is not a mapping');
  return {
    data,
    packageLines: keyLines(document, 'packages', lineCounter, path),
    snapshotLines: keyLines(document, 'snapshots', lineCounter, path),
  };
}

function keyLines(document: Document.Parsed, section: string, lineCounter: LineCounter, path: string): Map<string, number> {
  const lines = new Map<string, number>();
  const node = document.get(section, true);
  if (!isMap(node)) return lines;
  for (const pair of node.items) {
    const key = pair.key;
    if (!isScalar(key) || key.range === undefined || key.range === null) continue;
    const name = String(key.value);
    const line = lineCounter.linePos(key.range[0]).line;
    if (lines.has(name)) throw new LockfileError(path, `invalid YAML: duplicate key "${shorten(name)}" under ${section} at line ${line}`);
    lines.set(name, line);
  }
  return lines;
}

function firstLine(message: string): string {
  const newline = message.indexOf('\n');
  return newline === -1 ? message : message.slice(0, newline);
}
