/**
 * Fields shared by the entries of npm lockfile versions 1 to 3: flags,
 * licence, integrity and resolved URL.
 */
import type { LockedPackage } from '../types.js';
import { isRecord } from './npm-manifest.js';
import { hashesFromIntegrity, isDefaultRegistryUrl } from './npm-sri.js';

/** Copies licence, hashes, source and the dev and optional flags of `entry` onto `locked`. */
export function applyEntryMetadata(locked: LockedPackage, entry: Record<string, unknown>): void {
  const license = licenseOf(entry.license);
  if (license !== undefined) locked.license = license;

  if (typeof entry.integrity === 'string') {
    const hashes = hashesFromIntegrity(entry.integrity);
    if (hashes.length > 0) locked.hashes = hashes;
  }

  if (typeof entry.resolved === 'string' && !isDefaultRegistryUrl(entry.resolved)) {
    locked.source = entry.resolved;
  }

  // `devOptional` marks a package that the dev tree needs and that
  // production reaches only through optional dependencies: a production
  // install may still add it, so it is optional rather than dev-only.
  if (entry.dev === true) locked.dev = true;
  if (entry.optional === true || entry.devOptional === true) locked.optional = true;
}

/** Reads a licence written as an SPDX string or as the legacy `{ type }` object. */
function licenseOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (isRecord(value) && typeof value.type === 'string' && value.type !== '') return value.type;
  return undefined;
}

/**
 * Splits an npm alias spec (`npm:ms@2.1.2`, `npm:@s/a@1.0.0`) into the
 * real name and version, or returns undefined for any other spec.
 */
export function parseAliasSpec(spec: string): { name: string; version: string } | undefined {
  if (!spec.startsWith('npm:')) return undefined;
  const body = spec.slice(4);
  const at = body.indexOf('@', 1);
  if (at <= 0 || at === body.length - 1) return undefined;
  return { name: body.slice(0, at), version: body.slice(at + 1) };
}
