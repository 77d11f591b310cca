/**
 * Downloads a package archive with a byte limit and checks it against the
 * digest the registry published (SHA-256 for PyPI, Subresource Integrity
 * for npm), so a tampered or truncated file is never analysed as genuine.
 */
import { isFileUrl, readFileUrl } from './file-index.js';
import { createHash } from 'node:crypto';
import { toOneLine } from '../../../core/redact.js';
import type { RegistryArtifact } from '../types.js';
import { UsageError } from '../../../core/errors.js';
import { HttpStatusError } from '../../../store/http.js';
import type { AuthRule } from './auth.js';
import { readRegistryBytes, registryGet, discardBody, type RegistryRequestOptions } from './registry-http.js';

/** A download whose bytes do not match the registry's digest. */
export class IntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntegrityError';
  }
}

/** SRI algorithms Node can check, strongest first. */
const SRI_ALGORITHMS = ['sha512', 'sha384', 'sha256', 'sha1'] as const;

/**
 * Picks the strongest supported hash of an SRI string such as
 * `sha512-abc... sha1-def...`; undefined when none is supported.
 */
export function strongestIntegrity(integrity: string): { algorithm: string; digest: string } | undefined {
  const parsed = integrity
    .split(/\s+/)
    .map((part) => ({ algorithm: part.slice(0, part.indexOf('-')).toLowerCase(), digest: part.slice(part.indexOf('-') + 1).split('?')[0] ?? '' }))
    .filter((part) => part.digest !== '');
  for (const algorithm of SRI_ALGORITHMS) {
    const match = parsed.find((part) => part.algorithm === algorithm);
    if (match !== undefined) return match;
  }
  return undefined;
}

/** Throws IntegrityError when `bytes` do not match the artifact's SHA-256 or integrity string. */
export function verifyArtifact(artifact: RegistryArtifact, bytes: Buffer): void {
  if (artifact.sha256 !== undefined) {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== artifact.sha256.toLowerCase()) {
      throw new IntegrityError(`${artifact.url}: SHA-256 mismatch (expected ${artifact.sha256}, got ${actual}); the file was not used`);
    }
  }
  const expected = artifact.integrity === undefined ? undefined : strongestIntegrity(artifact.integrity);
  if (expected !== undefined) {
    const actual = createHash(expected.algorithm).update(bytes).digest('base64');
    if (actual !== expected.digest) {
      throw new IntegrityError(
        `${artifact.url}: ${expected.algorithm} integrity mismatch (expected ${expected.digest}, got ${actual}); the file was not used`,
      );
    }
  }
}

export type DownloadOptions = Omit<RegistryRequestOptions, 'accept' | 'auth'>;

/**
 * GETs an artifact, reading at most `maxBytes`, and verifies it. Throws
 * NetworkUnavailableError, UsageError (HTTP status, size) or IntegrityError,
 * each with a one-line message. Credentials go only to URLs an auth rule
 * covers.
 */
export async function downloadArtifact(
  artifact: RegistryArtifact,
  maxBytes: number,
  auth: readonly AuthRule[],
  options: DownloadOptions,
): Promise<Buffer> {
  if (isFileUrl(artifact.url)) {
    const local = readFileUrl(artifact.url, maxBytes);
    if (local === undefined) throw new UsageError(`${artifact.url} does not exist`);
    verifyArtifact(artifact, local);
    return local;
  }
  const sent = await registryGet(artifact.url, { ...options, accept: 'application/octet-stream, */*;q=0.1', auth });
  if (!sent.response.ok) {
    await discardBody(sent);
    throw new HttpStatusError(artifact.url, sent.response.status, toOneLine(sent.response.statusText));
  }
  const bytes = await readRegistryBytes(sent, maxBytes, options.signal);
  verifyArtifact(artifact, bytes);
  return bytes;
}
