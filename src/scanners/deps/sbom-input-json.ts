/** Type guards for reading untrusted JSON without trusting its shape. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Return the value when it is an array, else an empty one. */
export function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Return the value when it is a non-empty string, else undefined. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Lower-case hex digest, or undefined when `value` is not hex. */
export function hexDigest(value: unknown): string | undefined {
  const text = stringOf(value)?.toLowerCase();
  if (text === undefined) return undefined;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const isHex = (code >= 48 && code <= 57) || (code >= 97 && code <= 102);
    if (!isHex) return undefined;
  }
  return text;
}
