/**
 * Stable identities for findings. A fingerprint depends on the rule, the
 * path and an anchor, never on line numbers or commits, so a finding keeps
 * its fingerprint when unrelated lines move, in another checkout and in
 * another commit.
 */
import { createHash } from 'node:crypto';

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Returns the SHA-256 of `value` in hex; stored in place of a raw secret. */
export function contentHash(value: string): string {
  return sha256(value);
}

/**
 * Normalises a relative path for fingerprints: `\` becomes `/`, and leading
 * `./` segments, repeated slashes and a trailing slash are dropped.
 */
export function normalisePath(path: string): string {
  let normalised = path.replaceAll('\\', '/').replace(/\/{2,}/g, '/');
  while (normalised.startsWith('./')) normalised = normalised.slice(2);
  if (normalised.length > 1 && normalised.endsWith('/')) normalised = normalised.slice(0, -1);
  return normalised;
}

/**
 * Computes a finding's fingerprint: the first 32 hex characters of a
 * SHA-256 over the rule id, the normalised path, the anchor and the
 * occurrence. `anchor` is contentHash(secret) for secrets, or a logical
 * anchor such as a resource address; `occurrence` (0-based) distinguishes
 * equal anchors in one file.
 */
export function fingerprint(parts: {
  ruleId: string;
  path: string;
  anchor: string;
  occurrence: number;
}): string {
  // Rule ids and paths cannot contain NUL and the occurrence is a number, so
  // the joined text is unambiguous.
  const text = [
    parts.ruleId,
    normalisePath(parts.path),
    parts.anchor,
    String(parts.occurrence),
  ].join('\0');
  return sha256(text).slice(0, 32);
}

/**
 * Hashes a source line with all white space removed, for SARIF's
 * primaryLocationLineHash: 16 hex characters of a SHA-256. Re-indenting the
 * line does not change the hash.
 */
export function lineHash(line: string): string {
  return sha256(line.replace(/\s+/g, '')).slice(0, 16);
}
