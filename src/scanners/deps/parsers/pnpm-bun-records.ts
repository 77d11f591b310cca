/** Type guards for parsed YAML and JSON values that may be anything. */

export type JsonRecord = Record<string, unknown>;

/** Check whether `value` is a plain mapping (not null, not an array). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Read an own property of a record, so keys such as `constructor` never reach the prototype. */
export function field(record: JsonRecord, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Read an own property that is a record, or return undefined. */
export function recordField(record: JsonRecord, key: string): JsonRecord | undefined {
  const value = field(record, key);
  return isRecord(value) ? value : undefined;
}

/** Read an own property that is a string, or return undefined. */
export function stringField(record: JsonRecord, key: string): string | undefined {
  const value = field(record, key);
  return typeof value === 'string' ? value : undefined;
}
