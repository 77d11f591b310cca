/** XML 1.0 text and attribute escaping. */

/**
 * Characters that XML 1.0 does not allow in a document even as references:
 * C0 controls other than tab, line feed and carriage return, lone UTF-16
 * surrogates, and U+FFFE and U+FFFF.
 */
const CONTROL = '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]';
const LONE_HIGH_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])';
const LONE_LOW_SURROGATE = '(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const FORBIDDEN = new RegExp(`${CONTROL}|${LONE_HIGH_SURROGATE}|${LONE_LOW_SURROGATE}`, 'g');

/** Removes the characters that XML 1.0 forbids. */
export function stripForbidden(text: string): string {
  return text.replace(FORBIDDEN, '');
}

/** Escapes text for element content. */
export function escapeText(text: string): string {
  return stripForbidden(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes text for a double-quoted attribute value. Tab, line feed and
 * carriage return become character references, because a parser would
 * otherwise normalise them to spaces.
 */
export function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** `name="value" …` for the attributes whose value is defined, in the given order. */
export function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => `${name}="${escapeAttribute(String(value))}"`)
    .join(' ');
}
