/**
 * Reading `[[package]]` entries of a Cargo.lock (format versions 1 to 4)
 * and resolving their dependency references.
 */
import type { TomlTable } from 'smol-toml';

export interface CargoLockEntry {
  name: string;
  version: string;
  source?: string;
  /** Lower-case hex SHA-256 of the .crate file. */
  checksum?: string;
  /** References as written: `name`, `name version` or `name version (source)`. */
  dependencies: string[];
  line?: number;
}

/** An entry that does not fit the format, which the caller turns into a `LockfileError`. */
export class CargoLockFormatError extends Error {}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** `index` is the entry's position in `[[package]]`, or -1 for the `[root]` table. */
function entryString(entry: TomlTable, field: string, index: number, required: boolean): string | undefined {
  const value = entry[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value === '') {
    const where = index < 0 ? '[root]' : `[[package]] entry ${index + 1}`;
    throw new CargoLockFormatError(`${where} has no valid "${field}" string`);
  }
  return value;
}

/** Finds the 1-based line of each `[[package]]` header, in order of appearance. */
function packageHeaderLines(text: string): number[] {
  const lines: number[] = [];
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    lineNo++;
    const trimmed = line.trim();
    if (trimmed.startsWith('[[package]]') && (trimmed.length === 11 || trimmed[11] === '#' || trimmed[11] === ' ')) {
      lines.push(lineNo);
    }
    if (end < 0) break;
    start = end + 1;
  }
  return lines;
}

/**
 * Version 1 lockfiles keep checksums in `[metadata]` under keys such as
 * `checksum serde 1.0.0 (registry+https://...)`. Returns them by
 * `name version (source)`.
 */
function metadataChecksums(document: TomlTable): Map<string, string> {
  const checksums = new Map<string, string>();
  const metadata = document['metadata'];
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return checksums;
  for (const [key, value] of Object.entries(metadata as TomlTable)) {
    if (key.startsWith('checksum ') && typeof value === 'string') {
      checksums.set(key.slice('checksum '.length), value);
    }
  }
  return checksums;
}

/**
 * Reads the `[[package]]` array, and the `[root]` table that early Cargo
 * versions wrote for the root crate. Throws
 * `CargoLockFormatError` when an entry lacks a name or version.
 */
export function readCargoLockEntries(document: TomlTable, text: string): CargoLockEntry[] {
  const raw = document['package'] ?? [];
  if (!Array.isArray(raw)) throw new CargoLockFormatError('"package" is not an array of [[package]] tables');
  const entries = readPackageArray(raw, document, text);
  const root = document['root'];
  if (typeof root === 'object' && root !== null && !Array.isArray(root)) {
    entries.unshift(readEntry(root as TomlTable, -1, new Map()));
  }
  return entries;
}

function readEntry(table: TomlTable, index: number, v1Checksums: Map<string, string>): CargoLockEntry {
  const entry: CargoLockEntry = {
    name: entryString(table, 'name', index, true)!,
    version: entryString(table, 'version', index, true)!,
    dependencies: [],
  };
  const source = entryString(table, 'source', index, false);
  if (source !== undefined) entry.source = source;
  const deps = table['dependencies'];
  if (Array.isArray(deps)) entry.dependencies = deps.filter((dep): dep is string => typeof dep === 'string');
  const inline = typeof table['checksum'] === 'string' ? table['checksum'] : undefined;
  const checksum = (inline ?? v1Checksums.get(`${entry.name} ${entry.version} (${source})`))?.toLowerCase();
  if (checksum !== undefined && SHA256_HEX.test(checksum)) entry.checksum = checksum;
  return entry;
}

function readPackageArray(raw: unknown[], document: TomlTable, text: string): CargoLockEntry[] {
  const headerLines = packageHeaderLines(text);
  // A `[[package]]` text inside a multi-line string would shift the count, so lines are kept only when the counts agree.
  const linesMatch = headerLines.length === raw.length;
  const v1Checksums = metadataChecksums(document);
  return raw.map((item, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new CargoLockFormatError(`[[package]] entry ${index + 1} is not a table`);
    }
    const entry = readEntry(item as TomlTable, index, v1Checksums);
    if (linesMatch) entry.line = headerLines[index]!;
    return entry;
  });
}

/**
 * Resolves a dependency reference against the entries. Cargo writes only
 * as much as it needs to be unambiguous: the name alone, the name and
 * version, or all three with the source in parentheses. Returns the
 * index of the entry, or undefined when none or several match.
 */
export function resolveCargoReference(reference: string, entriesByName: Map<string, number[]>, entries: CargoLockEntry[]): number | undefined {
  const firstSpace = reference.indexOf(' ');
  const name = firstSpace < 0 ? reference : reference.slice(0, firstSpace);
  const rest = firstSpace < 0 ? '' : reference.slice(firstSpace + 1).trim();
  const secondSpace = rest.indexOf(' ');
  const version = secondSpace < 0 ? rest : rest.slice(0, secondSpace);
  let source = secondSpace < 0 ? '' : rest.slice(secondSpace + 1).trim();
  if (source.startsWith('(') && source.endsWith(')')) source = source.slice(1, -1);
  const candidates = (entriesByName.get(name) ?? []).filter((index) => {
    const entry = entries[index]!;
    return (version === '' || entry.version === version) && (source === '' || entry.source === source);
  });
  return candidates.length === 1 ? candidates[0] : undefined;
}
