/** Minimal structural checks on OSV records from files, archives and the OSV API. */
import type { OsvRecord } from '../scanners/deps/osv-types.js';

/** Maximum record id length; real ids (GHSA-xxxx-xxxx-xxxx, PYSEC-2024-123) are far shorter. */
const MAX_ID_LENGTH = 256;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(record: Record<string, unknown>, field: string): string | undefined {
  const value = record[field];
  if (value === undefined || typeof value === 'string') return undefined;
  return `"${field}" is not a string`;
}

/**
 * Return why `value` is not a usable OSV record, or undefined when it is:
 * `id` and `modified` must be strings, `published` and `withdrawn` strings
 * when present, and `affected` an array of objects when present. Other
 * fields are not checked; the index skips malformed `package` and
 * `aliases` entries instead of rejecting the record.
 */
export function osvRecordProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'not a JSON object';
  if (typeof value.id !== 'string' || value.id.length === 0) return 'missing string "id"';
  if (value.id.length > MAX_ID_LENGTH) return `"id" is longer than ${MAX_ID_LENGTH} characters`;
  if (typeof value.modified !== 'string') return `${value.id}: missing string "modified"`;

  for (const field of ['published', 'withdrawn']) {
    const problem = optionalString(value, field);
    if (problem) return `${value.id}: ${problem}`;
  }
  if (value.affected !== undefined) {
    if (!Array.isArray(value.affected)) return `${value.id}: "affected" is not an array`;
    if (!value.affected.every(isObject)) return `${value.id}: an "affected" entry is not an object`;
  }
  return undefined;
}

/** Type guard over osvRecordProblem. */
export function isOsvRecord(value: unknown): value is OsvRecord {
  return osvRecordProblem(value) === undefined;
}

/** Return the (ecosystem, name) pairs of a record's `affected[].package` entries that are strings. */
export function affectedPackages(record: OsvRecord): { ecosystem: string; name: string }[] {
  const packages: { ecosystem: string; name: string }[] = [];
  for (const affected of record.affected ?? []) {
    const pkg: unknown = affected.package;
    if (!isObject(pkg)) continue;
    if (typeof pkg.ecosystem === 'string' && typeof pkg.name === 'string') {
      packages.push({ ecosystem: pkg.ecosystem, name: pkg.name });
    }
  }
  return packages;
}

/** Return the record's aliases that are strings, ignoring other entries. */
export function recordAliases(record: OsvRecord): string[] {
  const aliases: unknown = record.aliases;
  if (!Array.isArray(aliases)) return [];
  return aliases.filter((alias): alias is string => typeof alias === 'string');
}
