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
