/** Parsing of --format/--output and writing of report files without half-written results. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/index.js';

export interface OutputTarget {
  format: ReportFormat;
  /** Absolute path of the file to write. */
  file: string;
}

const EXTENSION_FORMATS: Record<string, ReportFormat> = {
  '.json': 'json',
  '.sarif': 'sarif',
  '.xml': 'junit',
  '.md': 'markdown',
  '.txt': 'table',
};

export function parseFormat(value: string, label: string): ReportFormat {
  if ((REPORT_FORMATS as readonly string[]).includes(value)) return value as ReportFormat;
  throw new UsageError(
    `${label}: unknown format "${value}"; use one of ${REPORT_FORMATS.join(', ')}`,
  );
}

/** Parse `FORMAT=FILE`, or a bare FILE whose format comes from its extension or --format. */
export function parseOutput(value: string, cwd: string, fallback: ReportFormat): OutputTarget {
  const equals = value.indexOf('=');
  if (equals > 0 && /^[a-z]+$/.test(value.slice(0, equals))) {
    const file = value.slice(equals + 1);
    if (file === '') throw new UsageError(`--output ${value}: missing file name after "="`);
    return { format: parseFormat(value.slice(0, equals), `--output ${value}`), file: resolve(cwd, file) };
  }
  const lower = value.toLowerCase();
  const byExtension = Object.entries(EXTENSION_FORMATS).find(([ext]) => lower.endsWith(ext));
  return { format: byExtension ? byExtension[1] : fallback, file: resolve(cwd, value) };
}

/** Write `content` to `file` through a temporary file and a rename. */
export function writeAtomically(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as { code?: string }).code ?? 'unknown error';
    throw new UsageError(`cannot write report ${file}: ${code}; check the path and permissions`);
  }
}
