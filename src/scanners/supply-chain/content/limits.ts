/**
 * Limits that keep the reading of a hostile archive bounded in memory and
 * time. Every limit that is hit becomes a warning in the report.
 */

export interface ArchiveLimits {
  /** Maximum bytes unpacked from the archive, tar headers and skipped entries included. */
  maxUnpackedBytes: number;
  /** Maximum entries read; later entries are not looked at. */
  maxEntries: number;
  /** Files larger than this are only checked for executable magic bytes. */
  maxTextBytes: number;
}

export interface ArchiveOptions {
  maxUnpackedBytes?: number;
  maxEntries?: number;
  maxTextBytes?: number;
}

/**
 * The largest popular npm packages (typescript, @swc/core platform
 * binaries, electron's tarball without the download) unpack to under 100 MB,
 * and none has more than a few thousand files apart from icon sets; the
 * defaults leave a margin above those.
 */
export const DEFAULT_LIMITS: ArchiveLimits = {
  maxUnpackedBytes: 128 * 1024 * 1024,
  maxEntries: 50_000,
  maxTextBytes: 2 * 1024 * 1024,
};

/** Merge `options` over the defaults, rejecting values that are not positive integers. */
export function resolveLimits(options: ArchiveOptions = {}): ArchiveLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(limits) as (keyof ArchiveLimits)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new Error(`invalid archive limit ${key}=${String(value)}: expected a positive integer`);
    }
    limits[key] = value;
  }
  return limits;
}

/** `1.5 MB`-style size for warnings. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/**
 * Files that decide what runs at install time are read in full up to this
 * many times the text limit: an attacker can pad package.json or a .pth
 * file past the ordinary limit to hide a hook.
 */
export const INSTALL_FILE_FACTOR = 8;

/** Whether `path` (as stored in the archive) decides what runs at install time. */
export function isInstallDecidingFile(path: string): boolean {
  return /^[^/]*\/?(?:package\.json|setup\.py|setup\.cfg|pyproject\.toml)$/.test(path) || path.endsWith('.pth');
}

/** The text limit for one entry: larger for the files that decide what runs at install time. */
export function textLimitFor(path: string, limits: ArchiveLimits): number {
  return isInstallDecidingFile(path) ? limits.maxTextBytes * INSTALL_FILE_FACTOR : limits.maxTextBytes;
}
