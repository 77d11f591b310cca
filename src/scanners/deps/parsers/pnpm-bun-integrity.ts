/**
 * Subresource Integrity strings (`sha512-<base64>`), as pnpm and bun store
 * them, converted to the hex hashes of the inventory.
 */
import type { PackageHash } from '../types.js';

const ALGORITHMS: Record<string, { algorithm: PackageHash['algorithm']; bytes: number }> = {
  md5: { algorithm: 'MD5', bytes: 16 },
  sha1: { algorithm: 'SHA-1', bytes: 20 },
  sha256: { algorithm: 'SHA-256', bytes: 32 },
  sha384: { algorithm: 'SHA-384', bytes: 48 },
  sha512: { algorithm: 'SHA-512', bytes: 64 },
};

const BASE64_CHARS = /^[A-Za-z0-9+/]+={0,2}$/;

/** Check whether `value` starts like an SRI hash, such as `sha512-`. */
export function looksLikeIntegrity(value: string): boolean {
  const dash = value.indexOf('-');
  return dash > 0 && Object.hasOwn(ALGORITHMS, value.slice(0, dash));
}

/**
 * Convert an SRI string to hashes. Several space-separated hashes are
 * allowed. Entries with an unknown algorithm, invalid base64 or a digest of
 * the wrong length are dropped, and their text is returned in `invalid`.
 */
export function integrityToHashes(integrity: string): { hashes: PackageHash[]; invalid: string[] } {
  const hashes: PackageHash[] = [];
  const invalid: string[] = [];
  for (const token of integrity.split(/\s+/)) {
    if (token === '') continue;
    const hash = tokenToHash(token);
    if (hash === undefined) invalid.push(token.slice(0, 80));
    else if (!hashes.some((h) => h.algorithm === hash.algorithm && h.value === hash.value)) {
      hashes.push(hash);
    }
  }
  return { hashes, invalid };
}

function tokenToHash(token: string): PackageHash | undefined {
  const dash = token.indexOf('-');
  if (dash <= 0) return undefined;
  const name = token.slice(0, dash).toLowerCase();
  if (!Object.hasOwn(ALGORITHMS, name)) return undefined;
  const spec = ALGORITHMS[name];
  // SRI allows `?options` after the digest; none change the digest.
  const question = token.indexOf('?', dash);
  const digest = token.slice(dash + 1, question === -1 ? undefined : question);
  if (spec === undefined || !BASE64_CHARS.test(digest)) return undefined;
  const bytes = Buffer.from(digest, 'base64');
  if (bytes.length !== spec.bytes) return undefined;
  return { algorithm: spec.algorithm, value: bytes.toString('hex') };
}
