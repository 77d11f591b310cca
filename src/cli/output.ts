/**
 * Parsing of --format/--output and writing of report files. Every target is
 * checked before the scan, and the files are replaced only once all of them
 * are written, so a bad --output leaves existing reports as they were.
 */
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  constants,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/index.js';

export interface OutputTarget {
  format: ReportFormat;
  /** Absolute path of the file to write. */
  file: string;
  /** The file name as given on the command line, for messages. */
  label: string;
}

export interface ReportFile {
  target: OutputTarget;
  content: string;
}

const EXTENSION_FORMATS: Record<string, ReportFormat> = {
  '.json': 'json',
  '.sarif': 'sarif',
  '.xml': 'junit',
  '.md': 'markdown',
  '.txt': 'table',
};

/** `FORMAT=FILE`: a prefix of letters only, so `./a=b.json` is a plain file name. */
const FORMAT_PREFIX = /^([A-Za-z]+)=(.*)$/s;

const ERROR_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a parent path is not a directory',
  EISDIR: 'is a directory',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many levels of symbolic links',
};

/** Returns a short lower-case reason for a file system error, such as `permission denied`. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return ERROR_REASONS[code] ?? code;
  return error instanceof Error ? error.message : String(error);
}

export function parseFormat(value: string, label: string): ReportFormat {
  if ((REPORT_FORMATS as readonly string[]).includes(value)) return value as ReportFormat;
  throw new UsageError(
    `${label}: unknown format "${value}"; use one of ${REPORT_FORMATS.join(', ')}`,
  );
}

/**
 * Parses `FORMAT=FILE` (FORMAT in any case), or a bare FILE whose format
 * comes from its extension, else from `fallback`.
 */
export function parseOutput(value: string, cwd: string, fallback: ReportFormat): OutputTarget {
  const prefixed = FORMAT_PREFIX.exec(value);
  if (prefixed) {
    const [, prefix = '', label = ''] = prefixed;
    const format = prefix.toLowerCase();
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(
        `--output ${value}: unknown format "${prefix}"; use one of ${REPORT_FORMATS.join(', ')}, ` +
          `or write ./${value} for a file name that contains "="`,
      );
    }
    if (label === '') throw new UsageError(`--output ${value}: missing file name after "="`);
    return { format: format as ReportFormat, file: resolve(cwd, label), label };
  }

  if (value === '') throw new UsageError('--output: missing file name');
  const lower = value.toLowerCase();
  const byExtension = Object.entries(EXTENSION_FORMATS).find(([ext]) => lower.endsWith(ext));
  const format = byExtension ? byExtension[1] : fallback;
  return { format, file: resolve(cwd, value), label: value };
}

function cannotWrite(target: OutputTarget, reason: string): UsageError {
  return new UsageError(`cannot write report ${target.label}: ${reason}`);
}

/** Checks that `target` can be created or replaced; returns its path with links resolved. */
function checkTarget(target: OutputTarget): string {
  const parent = dirname(target.file);
  try {
    if (!statSync(parent).isDirectory()) {
      throw cannotWrite(target, `${dirname(target.label)} is not a directory`);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if ((error as { code?: unknown }).code === 'ENOENT') {
      throw cannotWrite(target, `directory ${dirname(target.label)} does not exist; create it first`);
    }
    throw cannotWrite(target, describeFsError(error));
  }

  try {
    accessSync(parent, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw cannotWrite(target, describeFsError(error));
  }

  const existing = statSync(target.file, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw cannotWrite(target, 'is a directory');
  if (existing && !existing.isFile()) throw cannotWrite(target, 'exists and is not a regular file');
  return join(realpathSync(parent), basename(target.file));
}

/**
 * Checks every target before the scan: each parent is an existing, writable
 * directory, no target is a directory or a special file, and no two targets
 * are the same file. Throws a UsageError naming the first bad target.
 */
export function checkOutputTargets(targets: readonly OutputTarget[]): void {
  const seen = new Map<string, OutputTarget>();
  for (const target of targets) {
    const canonical = checkTarget(target);
    const earlier = seen.get(canonical);
    if (earlier) {
      throw new UsageError(
        `--output ${earlier.label} and --output ${target.label} name the same file; ` +
          'give each report its own file',
      );
    }
    seen.set(canonical, target);
  }
}

function removeQuietly(paths: readonly string[]): void {
  for (const path of paths) {
    try {
      rmSync(path, { force: true });
    } catch {
      // The write error is the one to report; a leftover temporary file is harmless.
    }
  }
}

/**
 * Writes every report to a temporary file beside its target, then renames
 * them all into place. On a failure the temporary files are removed, the
 * existing files stay as they were, and a UsageError names the file.
 */
export function writeReports(reports: readonly ReportFile[]): void {
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const temporaries = reports.map(({ target }) => `${target.file}.${suffix}`);

  for (const [index, { target, content }] of reports.entries()) {
    try {
      writeFileSync(temporaries[index] as string, content, { flag: 'wx' });
    } catch (error) {
      removeQuietly(temporaries.slice(0, index + 1));
      throw cannotWrite(target, describeFsError(error));
    }
  }

  for (const [index, { target }] of reports.entries()) {
    try {
      renameSync(temporaries[index] as string, target.file);
    } catch (error) {
      // NOTE: reports renamed before this one stay replaced, so this step is
      // not all-or-nothing. It fails only in rare cases, such as a target
      // that became a directory after checkOutputTargets.
      removeQuietly(temporaries.slice(index));
      throw cannotWrite(target, describeFsError(error));
    }
  }
}
