/**
 * YAML reading for pubspec.lock and pubspec.yaml. Aliases are rejected
 * (pub never writes them, and they are the vector for expansion attacks),
 * and the line of each top-level `packages` entry is kept.
 */
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';

/** A document that is not valid YAML or uses aliases, which the caller wraps in a `LockfileError`. */
export class PubYamlError extends Error {}

export interface PubYamlDocument {
  data: unknown;
  /** 1-based line of each key of the `packages` map. */
  packageLines: Map<string, number>;
}

/** Parses YAML text. Throws `PubYamlError` for syntax errors, aliases or input that exhausts the stack. */
export function parsePubYaml(text: string): PubYamlDocument {
  const lineCounter = new LineCounter();
  try {
    // The yaml package checks unique keys by comparing each key with all earlier ones, which is
    // quadratic in the map size, so duplicates among package names are detected below instead.
    const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
    const first = document.errors[0];
    if (first !== undefined) {
      const line = lineCounter.linePos(first.pos[0]).line;
      throw new PubYamlError(`invalid YAML at line ${line}: ${first.message.split('\n')[0]}`);
    }
    const data: unknown = document.toJS({ maxAliasCount: 0 });
    const packageLines = new Map<string, number>();
    const packages = isMap(document.contents) ? document.contents.get('packages', true) : undefined;
    if (isMap(packages)) {
      for (const pair of packages.items) {
        if (!isScalar(pair.key) || pair.key.range === undefined || pair.key.range === null) continue;
        const name = String(pair.key.value);
        const line = lineCounter.linePos(pair.key.range[0]).line;
        if (packageLines.has(name)) throw new PubYamlError(`invalid YAML at line ${line}: package ${name} is listed twice`);
        packageLines.set(name, line);
      }
    }
    return { data, packageLines };
  } catch (error) {
    if (error instanceof PubYamlError) throw error;
    // The yaml package reports alias limits as ReferenceError and very deep nesting as RangeError.
    if (error instanceof ReferenceError || error instanceof RangeError) {
      throw new PubYamlError(`unsupported YAML: ${error.message}`, { cause: error });
    }
    throw error;
  }
}
