/**
 * Redaction of secret values. Every place that shows a detected secret goes
 * through here: output keeps at most a short prefix and the length.
 */

/** Characters of a secret that may be shown, by secret length. */
function visiblePrefixLength(length: number): number {
  if (length >= 20) return 4;
  if (length >= 12) return 2;
  return 0;
}

/** Short redacted form such as `ghp_****`; the clear value when `show` is set. */
export function redactSecret(secret: string, show = false): string {
  if (show) return secret;
  const firstLine = secret.split('\n', 1)[0] ?? '';
  const prefix = firstLine.slice(0, visiblePrefixLength(secret.length));
  return `${prefix}****`;
}

/** Replace every occurrence of `secret` in `text` with its redacted form. */
export function redactIn(text: string, secret: string, show = false): string {
  if (show || secret.length === 0) return text;
  return text.split(secret).join(redactSecret(secret));
}

/**
 * `scheme://user:password@` or `scheme://token@` in a URL. The user
 * information runs to the last `@` before the path, because a password may
 * hold an unencoded `@`; the bounded repetition keeps the match linear in
 * the text length.
 */
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]{0,30}:\/\/)[^\s/'"<>]{1,2048}@/gi;

/** Query parameters that carry credentials, such as `?access_token=...`. */
const QUERY_CREDENTIALS =
  /([?&](?:access_token|token|auth|api_key|apikey|key|password|secret|sig|signature)=)[^&\s#'"<>]{1,2048}/gi;

/**
 * Replace the user information and credential query parameters of every
 * URL in `text` with `***`, as in `https://***@github.com/org/repo`. Lockfiles and requirements files carry
 * tokens this way (`git+https://ghp_...@github.com/...`).
 */
export function stripUrlCredentials(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(URL_CREDENTIALS, '$1***@').replace(QUERY_CREDENTIALS, '$1***');
}

/**
 * Replace line breaks, other control characters and bidirectional
 * overrides with spaces, for text from scanned files or advisories that
 * goes into a one-line message: a newline in a package name could
 * otherwise forge a line of the report.
 */
export function toOneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- these are the characters to replace
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, ' ');
}
