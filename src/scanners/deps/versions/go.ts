/**
 * Go module versions: SemVer 2.0 with a `v` prefix (optional here, because
 * OSV records spell Go versions without it). Pseudo-versions such as
 * `v0.0.0-20210101000000-abcdef123456` are SemVer pre-releases and order by
 * the pre-release rules; `+incompatible` is build metadata and does not take
 * part in ordering. Go's shorthands `v1` and `v1.2` stand for `v1.0.0` and
 * `v1.2.0`.
 */
import semver from 'semver';
import type { VersionScheme } from './scheme.js';
import { comparableScheme, isDigits, trimVersion } from './scheme.js';

/** Expand `v1` and `v1.2`, which Go accepts as shorthands, to three numbers. */
function expandShorthand(version: string): string {
  const bare = version.startsWith('v') ? version.slice(1) : version;
  if (bare.startsWith('v')) return '';
  const parts = bare.split('.');
  if (parts.length < 3 && parts.every(isDigits)) {
    while (parts.length < 3) parts.push('0');
    return parts.join('.');
  }
  return bare;
}

function parse(version: string): semver.SemVer | undefined {
  const trimmed = trimVersion(version);
  if (trimmed === undefined) return undefined;
  return semver.parse(expandShorthand(trimmed)) ?? undefined;
}

export const goScheme: VersionScheme = {
  ...comparableScheme(parse),
  /**
   * The SemVer major number. A Go major upgrade from v2 on also changes the
   * module path (`/v2`), which this function cannot see.
   */
  major(version) {
    const parsed = parse(version);
    return parsed === undefined ? '' : String(parsed.major);
  },
  /** The version without its `v` prefix, keeping build metadata such as `+incompatible`. */
  normalize(version) {
    const trimmed = version.trim();
    const parsed = parse(trimmed);
    if (parsed === undefined) return trimmed;
    const build = parsed.build.length > 0 ? `+${parsed.build.join('.')}` : '';
    return parsed.format() + build;
  },
};
