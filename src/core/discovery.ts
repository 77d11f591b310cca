/**
 * Discovery: one walk of the target tree that honours .gitignore files,
 * .rampartignore and the config's excludes, skips vendored folders and
 * oversized files, and never follows a symbolic link. Binary files are
 * recognised later, when a file is read for scanning.
 */
import { lstatSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { RampartConfig } from './config-types.js';
import type { DiscoveryStats, FileError } from './report-types.js';

export interface DiscoveredFile {
  /** Relative to the root, `/`-separated. */
  path: string;
  absPath: string;
  size: number;
}

export interface DiscoveryResult {
  files: DiscoveredFile[];
  /**
   * Files skipped for their size. Whole-project scanners still get them:
   * a lockfile of a large monorepo easily passes `max-file-size`.
   */
  tooLarge: DiscoveredFile[];
  stats: DiscoveryStats;
  errors: FileError[];
}

/** Folders of third-party code that are skipped unless `include-vendored` is set. */
export const VENDORED_DIRS = new Set([
  'node_modules',
  'bower_components',
  'jspm_packages',
  'vendor',
  'third_party',
  'third-party',
  '.venv',
  'venv',
  'site-packages',
  '.terraform',
  'Pods',
  'Carthage',
  '.yarn',
]);

/** Version-control metadata folders: never scanned and not counted. */
const VCS_DIRS = new Set(['.git', '.hg', '.svn']);

/** Extensions of files that are binary in practice; skipped without reading them. */
const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif bmp ico webp tiff psd avif heic mp3 mp4 m4a wav ogg flac webm mov avi mkv ' +
    'woff woff2 ttf otf eot zip gz tgz bz2 xz 7z rar zst jar war ear class dll exe so dylib o a ' +
    'lib obj pyc pyo whl egg node wasm pdf doc docx xls xlsx ppt pptx odt bin dat db sqlite ' +
    'sqlite3 iso dmg img deb rpm apk ipa'
  ).split(' '),
);

export function emptyStats(): DiscoveryStats {
  return {
    filesScanned: 0,
    bytesScanned: 0,
    invalidUtf8: 0,
    skipped: { binary: 0, tooLarge: 0, vendored: 0, ignored: 0, symlink: 0, unreadable: 0 },
  };
}

/** An ignore matcher and the directory (relative, '' for the root) its patterns are relative to. */
interface IgnoreLayer {
  base: string;
  matcher: Ignore;
}

/** Ignore files larger than this are not read; real ones are a few kilobytes. */
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

/**
 * Read an ignore file when it is a regular file of sane size. A symlink, a
 * FIFO or a device (`.gitignore -> /dev/zero`) would leak outside content
 * into the scan or block it forever, so those are not read.
 */
function readIgnoreFile(dir: string, name: string): string | undefined {
  try {
    const path = join(dir, name);
    const stats = lstatSync(path);
    if (!stats.isFile() || stats.size > MAX_IGNORE_FILE_BYTES) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function layerFor(absDir: string, base: string, names: string[]): IgnoreLayer | undefined {
  const texts = names.map((name) => readIgnoreFile(absDir, name)).filter((t) => t !== undefined);
  if (texts.length === 0) return undefined;
  return { base, matcher: ignore().add(texts.join('\n')) };
}

/**
 * Whether `path` is ignored. As in git, the deepest ignore file with a
 * matching pattern decides, so a nested `!pattern` re-includes a file that
 * a parent folder's file ignores.
 */
function isIgnored(layers: IgnoreLayer[], path: string, isDir: boolean): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const { base, matcher } = layers[i] as IgnoreLayer;
    const relative = base === '' ? path : path.slice(base.length + 1);
    const verdict = matcher.test(isDir ? `${relative}/` : relative);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

export function extensionOf(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? path.slice(dot + 1).toLowerCase() : '';
}

/** Walk `root` and return the files to scan, with counts of what was skipped. */
export function discover(root: string, config: RampartConfig): DiscoveryResult {
  const stats = emptyStats();
  const errors: FileError[] = [];
  const files: DiscoveredFile[] = [];
  const tooLarge: DiscoveredFile[] = [];

  const rootLayers: IgnoreLayer[] = [];
  const configLayer = config.exclude.length > 0 ? ignore().add(config.exclude) : undefined;
  if (configLayer) rootLayers.push({ base: '', matcher: configLayer });
  const gitInfo = layerFor(join(root, '.git', 'info'), '', ['exclude']);
  if (gitInfo) rootLayers.push(gitInfo);

  const walk = (absDir: string, relDir: string, inherited: IgnoreLayer[]): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(absDir, { withFileTypes: true });
    } catch (error) {
      stats.skipped.unreadable++;
      errors.push({ path: relDir || '.', message: `cannot read directory: ${describe(error)}` });
      return;
    }

    const own = layerFor(absDir, relDir, ['.gitignore', '.rampartignore']);
    const layers = own ? [...inherited, own] : inherited;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

    for (const entry of entries) {
      const relPath = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
      const absPath = join(absDir, entry.name);
      if (entry.isSymbolicLink()) {
        stats.skipped.symlink++;
      } else if (entry.isDirectory()) {
        if (VCS_DIRS.has(entry.name)) continue;
        if (isIgnored(layers, relPath, true)) stats.skipped.ignored++;
        else if (!config.includeVendored && VENDORED_DIRS.has(entry.name)) stats.skipped.vendored++;
        else walk(absPath, relPath, layers);
      } else if (entry.isFile()) {
        if (isIgnored(layers, relPath, false)) stats.skipped.ignored++;
        else addFile(relPath, absPath);
      }
    }
  };

  const addFile = (path: string, absPath: string): void => {
    if (BINARY_EXTENSIONS.has(extensionOf(path))) {
      stats.skipped.binary++;
      return;
    }
    let size: number;
    try {
      size = lstatSync(absPath).size;
    } catch (error) {
      stats.skipped.unreadable++;
      errors.push({ path, message: `cannot read file: ${describe(error)}` });
      return;
    }
    if (size > config.maxFileSize) {
      stats.skipped.tooLarge++;
      tooLarge.push({ path, absPath, size });
    } else {
      files.push({ path, absPath, size });
    }
  };

  walk(root, '', rootLayers);
  return { files, tooLarge, stats, errors };
}

export function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = String((error as { code: unknown }).code);
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'ENOENT') return 'no such file or directory';
    return code;
  }
  return error instanceof Error ? error.message : String(error);
}

export type SkipReason = keyof DiscoveryStats['skipped'];

/**
 * The discovery rules for texts that do not come from a walk (staged
 * changes, commits): config excludes, the root's .rampartignore, vendored
 * folders, binary extensions and the size limit. Returns why a path is
 * skipped, or undefined when it is scanned.
 */
export function createPathFilter(
  root: string,
  config: RampartConfig,
): (path: string, bytes: number) => SkipReason | undefined {
  const layers: IgnoreLayer[] = [];
  if (config.exclude.length > 0) layers.push({ base: '', matcher: ignore().add(config.exclude) });
  const own = layerFor(root, '', ['.rampartignore']);
  if (own) layers.push(own);

  return (path, bytes) => {
    if (isIgnored(layers, path, false)) return 'ignored';
    const folders = path.split('/').slice(0, -1);
    if (!config.includeVendored && folders.some((folder) => VENDORED_DIRS.has(folder))) return 'vendored';
    if (BINARY_EXTENSIONS.has(extensionOf(path))) return 'binary';
    if (bytes > config.maxFileSize) return 'tooLarge';
    return undefined;
  };
}
