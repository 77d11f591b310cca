/**
 * `rampart db update|import|status`: manage the offline OSV advisory
 * database. The SQLite modules load only when a db command runs, so other
 * commands do not pay for loading the native driver.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { closestMatch } from '../core/did-you-mean.js';
import { UsageError } from '../core/errors.js';
import type { AdvisoryDatabase } from '../store/advisory-db.js';
import { defaultAdvisoryDbPath } from '../store/cache-dir.js';
import type { EcosystemUpdate } from '../scanners/deps/osv-download.js';
import type { InvalidRecord } from '../scanners/deps/osv-import.js';
import { ECOSYSTEMS, type Ecosystem } from '../scanners/deps/types.js';
import type { CliIo } from './io.js';

/** Invalid records listed one by one before the rest are only counted. */
const MAX_LISTED_INVALID = 10;
/** Inactivity timeout of downloads. */
const DOWNLOAD_TIMEOUT_MS = 60_000;

interface DbFlags {
  db?: string;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function dbPath(flags: DbFlags, io: CliIo): string {
  return flags.db ? resolve(io.cwd, flags.db) : defaultAdvisoryDbPath(io.env);
}

/** Map `--ecosystem` values to OSV's spelling, ignoring case. */
export function parseEcosystems(values: string[] | undefined): Ecosystem[] {
  if (!values || values.length === 0) return [...ECOSYSTEMS];
  const chosen = values.map((value) => {
    const match = ECOSYSTEMS.find((ecosystem) => ecosystem.toLowerCase() === value.toLowerCase());
    if (match) return match;
    const suggestion = closestMatch(value, ECOSYSTEMS);
    const hint = suggestion ? `did you mean ${suggestion}? ` : '';
    throw new UsageError(`unknown ecosystem "${value}"; ${hint}expected one of ${ECOSYSTEMS.join(', ')}`);
  });
  return [...new Set(chosen)];
}

/** Collects invalid records: the first few are printed, the rest counted. */
class InvalidReport {
  count = 0;
  constructor(private readonly io: CliIo) {}

  readonly add = (problem: InvalidRecord): void => {
    this.count++;
    if (this.count <= MAX_LISTED_INVALID) this.io.stderr.write(`rampart: warning: skipped ${problem.file}: ${problem.message}\n`);
  };

  flush(): void {
    if (this.count > MAX_LISTED_INVALID) {
      this.io.stderr.write(`rampart: warning: ${this.count - MAX_LISTED_INVALID} more invalid records skipped\n`);
    }
    this.count = 0;
  }
}

async function openDatabase(path: string): Promise<AdvisoryDatabase> {
  const { AdvisoryDatabase } = await import('../store/advisory-db.js');
  return AdvisoryDatabase.open(path);
}

async function runStatus(flags: DbFlags & { format: 'table' | 'json' }, io: CliIo): Promise<number> {
  const path = dbPath(flags, io);
  if (!existsSync(path)) {
    if (flags.format === 'json') io.stdout.write(`${JSON.stringify({ path, exists: false }, null, 2)}\n`);
    else {
      io.stdout.write(
        `No advisory database at ${path} yet.\n` +
          'Run "rampart db update" to download OSV advisories, or "rampart db import PATH" to load them offline.\n',
      );
    }
    return 0;
  }
  const { AdvisoryDatabase } = await import('../store/advisory-db.js');
  const db = AdvisoryDatabase.open(path, { readonly: true });
  try {
    const status = db.status();
    if (flags.format === 'json') io.stdout.write(`${JSON.stringify({ exists: true, ...status }, null, 2)}\n`);
    else io.stdout.write((await import('../store/status-text.js')).renderStatus(status));
  } finally {
    db.close();
  }
  return 0;
}

async function runImport(paths: string[], flags: DbFlags, io: CliIo): Promise<number> {
  const absolute = paths.map((path) => resolve(io.cwd, path));
  for (const path of absolute) {
    if (!existsSync(path)) throw new UsageError(`cannot import ${path}: no such file or folder`);
  }
  const { readOsvRecords } = await import('../scanners/deps/osv-import.js');
  const db = await openDatabase(dbPath(flags, io));
  const invalid = new InvalidReport(io);
  try {
    for (const path of absolute) {
      const records = readOsvRecords(path, { onInvalid: invalid.add });
      const stats = await db.importRecordStream(records, { name: `import:${path}` });
      const skipped = invalid.count + stats.invalid;
      io.stdout.write(
        `Imported ${path}: ${stats.added} added, ${stats.updated} updated, ${stats.unchanged} unchanged, ` +
          `${stats.stale} older than the stored copy, ${skipped} invalid\n`,
      );
      invalid.flush();
    }
  } finally {
    db.close();
  }
  return 0;
}

export interface UpdateFlags extends DbFlags {
  ecosystem?: string[];
}

/** Create a progress line on stderr that is redrawn at most ten times a second. */
function progressLine(io: CliIo): { show(text: string): void; clear(): void } {
  let last = 0;
  let shown = false;
  return {
    show(text) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      io.stderr.write(`\r\x1b[K${text}`);
    },
    clear() {
      if (shown) io.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}

function describeUpdate(result: EcosystemUpdate, formatBytes: (bytes: number) => string): string {
  if (result.status === 'unchanged') return `${result.ecosystem}: unchanged since the last update\n`;
  const stats = result.stats;
  const counts = stats
    ? `${stats.added} added, ${stats.updated} updated, ${stats.removed} removed, ${stats.unchanged} unchanged`
    : 'no records';
  return `${result.ecosystem}: ${counts} (${formatBytes(result.bytes)} downloaded)\n`;
}

/**
 * Update each ecosystem in turn. A server error or broken archive of one
 * ecosystem is printed and the others go on, with exit code 2 at the end.
 * An unreachable network stops the run at once.
 */
async function runUpdate(ecosystems: Ecosystem[], path: string, io: CliIo): Promise<number> {
  const { updateFromOsv, NetworkUnavailableError } = await import('../scanners/deps/osv-download.js');
  const { formatBytes } = await import('../store/status-text.js');
  const db = await openDatabase(path);
  const invalid = new InvalidReport(io);
  const progress = io.stderr.isTTY ? progressLine(io) : undefined;
  let failures = 0;
  try {
    for (const ecosystem of ecosystems) {
      try {
        const [result] = await updateFromOsv(db, {
          ecosystems: [ecosystem],
          timeoutMs: DOWNLOAD_TIMEOUT_MS,
          env: io.env,
          onInvalid: invalid.add,
          onProgress: progress
            ? (event) => progress.show(`downloading ${ecosystem} advisories: ${formatBytes(event.received)}` + (event.total ? ` of ${formatBytes(event.total)}` : ''))
            : undefined,
        });
        progress?.clear();
        if (result) io.stdout.write(describeUpdate(result, formatBytes));
        invalid.flush();
      } catch (error) {
        progress?.clear();
        const unreachable = error instanceof NetworkUnavailableError && error.status === undefined;
        if (!(error instanceof UsageError) || unreachable) throw error;
        failures++;
        io.stderr.write(`rampart: ${error.message}\n`);
      }
    }
  } finally {
    db.close();
  }
  return failures > 0 ? 2 : 0;
}

/** Register `rampart db` and its subcommands on `program`. */
export function registerDbCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  /** Turn SQLITE_BUSY, a database that another process is writing, into a one-line usage error. */
  const explainLocked = async (run: () => Promise<number>): Promise<number> => {
    try {
      return await run();
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
      throw new UsageError('the advisory database is locked by another rampart process; try again when it has finished');
    }
  };
  const db = program.command('db').description('manage the offline OSV advisory database used by the dependency scanner');
  const dbOption = (): Option => new Option('--db <path>', 'advisory database file (default: osv.sqlite in the cache folder)');

  db.command('update')
    .description('download OSV advisories for each ecosystem (default: all) into the database')
    .option('--ecosystem <name>', `ecosystem to update, repeatable: ${ECOSYSTEMS.join(', ')}`, collect)
    .addOption(dbOption())
    .action(async (flags: UpdateFlags) => {
      setExit(await explainLocked(() => runUpdate(parseEcosystems(flags.ecosystem), dbPath(flags, io), io)));
    });

  db.command('import')
    .description('load OSV records from zip archives, folders of .json files or .json files')
    .argument('<paths...>', 'zip archive, folder or .json file')
    .addOption(dbOption())
    .action(async (paths: string[], flags: DbFlags) => {
      setExit(await explainLocked(() => runImport(paths, flags, io)));
    });

  db.command('status')
    .description('show the sources, record counts and age of the database')
    .addOption(dbOption())
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (flags: DbFlags & { format: 'table' | 'json' }) => {
      setExit(await runStatus(flags, io));
    });
}

