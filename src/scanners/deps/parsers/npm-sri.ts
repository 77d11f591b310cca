/**
 * Integrity strings and registry URLs as npm and yarn write them in
 * lockfiles.
 */
import type { PackageHash } from '../types.js';

/** SRI algorithm names with the digest size in bytes. */
const SRI_ALGORITHMS: Record<string, { algorithm: PackageHash['algorithm']; bytes: number }> = {
  sha1: { algorithm: 'SHA-1', bytes: 20 },
  sha256: { algorithm: 'SHA-256', bytes: 32 },
  sha384: { algorithm: 'SHA-384', bytes: 48 },
  sha512: { algorithm: 'SHA-512', bytes: 64 },
};

const BASE64_CHARS = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Converts a Subresource Integrity string (`sha512-<base64> sha1-<base64>`)
 * to hex hashes. Tokens with an unknown algorithm or a digest of the wrong
 * size are skipped, so a corrupt value yields fewer hashes, never a wrong one.
 */
export function hashesFromIntegrity(integrity: string): PackageHash[] {
  const hashes: PackageHash[] = [];
  for (const token of integrity.split(/\s+/)) {
    const dash = token.indexOf('-');
    if (dash <= 0) continue;
    const spec = SRI_ALGORITHMS[token.slice(0, dash).toLowerCase()];
    // SRI allows `?options` after the digest, and they carry no hash data.
    const question = token.indexOf('?', dash);
    const digest = token.slice(dash + 1, question === -1 ? undefined : question);
    if (spec === undefined || !BASE64_CHARS.test(digest)) continue;
    const bytes = Buffer.from(digest, 'base64');
    if (bytes.length !== spec.bytes) continue;
    const value = bytes.toString('hex');
    if (!hashes.some((hash) => hash.algorithm === spec.algorithm && hash.value === value)) {
      hashes.push({ algorithm: spec.algorithm, value });
    }
  }
  return hashes;
}

const DEFAULT_REGISTRY_HOSTS = new Set(['registry.npmjs.org', 'registry.yarnpkg.com']);

/**
 * Checks whether `url` points into the public npm registry, which yarn's
 * `registry.yarnpkg.com` also serves. Such URLs are not reported as a
 * package source.
 */
export function isDefaultRegistryUrl(url: string): boolean {
  // Fast path, because lockfiles repeat these URLs thousands of times.
  if (url.startsWith('https://registry.npmjs.org/') || url.startsWith('https://registry.yarnpkg.com/')) {
    return true;
  }
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return (
    (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
    DEFAULT_REGISTRY_HOSTS.has(parsed.hostname)
  );
}
