/**
 * Timing of child processes: wall time measured around the spawn, peak RSS
 * from GNU time (`/usr/bin/time -v`) or, for Node programs when GNU time is
 * missing, from the child's own process.resourceUsage().
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const GNU_TIME = '/usr/bin/time';

/** The source of peak RSS: GNU time, a hook in Node children, or none. */
export type RssMethod = 'gnu-time' | 'node-hook' | 'none';

export interface Command {
  /** Executable; `process.execPath` marks a Node program. */
  file: string;
  args: string[];
  cwd?: string;
  /** Keep stdout (otherwise it goes to /dev/null). */
  captureStdout?: boolean;
}

export interface MeasuredRun {
  wallSeconds: number;
  /** Peak resident set size in KiB; undefined when it could not be measured. */
  maxRssKiB?: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Check whether GNU time with `-v` works on this machine. */
export function gnuTimeAvailable(): boolean {
  if (!existsSync(GNU_TIME)) return false;
  const probe = spawnSync(GNU_TIME, ['-v', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && probe.stderr.includes('Maximum resident set size');
}

/** Pick the RSS method: GNU time when it works, else the hook for Node programs. */
export function chooseRssMethod(): RssMethod {
  return gnuTimeAvailable() ? 'gnu-time' : 'node-hook';
}

/** Read `Maximum resident set size (kbytes): N` from `time -v` output. */
export function parseGnuTimeRss(text: string): number | undefined {
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Return the middle value of `values`, or the mean of the two middle ones for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] as number;
  return ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const RSS_HOOK = fileURLToPath(new URL('./rss-hook.js', import.meta.url));

/** Wrap `command` so that its peak RSS is written to `rssFile`. */
function wrap(command: Command, method: RssMethod, rssFile: string): Command {
  if (method === 'gnu-time') {
    const args = ['-v', '-o', rssFile, command.file, ...command.args];
    return { ...command, file: GNU_TIME, args };
  }
  if (method === 'node-hook' && command.file === process.execPath) {
    return { ...command, args: ['--import', RSS_HOOK, ...command.args] };
  }
  return command;
}

function readRss(method: RssMethod, command: Command, rssFile: string): number | undefined {
  if (!existsSync(rssFile)) return undefined;
  const text = readFileSync(rssFile, 'utf8');
  if (method === 'gnu-time') return parseGnuTimeRss(text);
  if (method === 'node-hook' && command.file === process.execPath) return Number(text) || undefined;
  return undefined;
}

/** Run `command` once and measure its wall time and peak RSS. */
export async function runMeasured(command: Command, method: RssMethod): Promise<MeasuredRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'secrets-bench-rss-'));
  const rssFile = join(scratch, 'rss.txt');
  const wrapped = wrap(command, method, rssFile);
  try {
    const started = performance.now();
    const { exitCode, stdout, stderr } = await spawnCollect(wrapped, rssFile);
    const wallSeconds = (performance.now() - started) / 1000;
    return { wallSeconds, maxRssKiB: readRss(method, command, rssFile), exitCode, stdout, stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

interface Collected {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function spawnCollect(command: Command, rssFile: string): Promise<Collected> {
  return new Promise((resolve, reject) => {
    const child = spawn(command.file, command.args, {
      cwd: command.cwd,
      env: { ...process.env, RAMPART_BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', command.captureStdout ? 'pipe' : 'ignore', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

export interface ToolMeasurement {
  /** Every timed run, in order. */
  runs: MeasuredRun[];
  medianSeconds: number;
  /** The highest peak RSS over the timed runs, in KiB. */
  maxRssKiB?: number;
}

/**
 * Run `command` once untimed (to warm the page cache and the tool's own
 * files) unless `warmUp` is false, then `runs` times, and check each exit
 * code with `accept`.
 */
export async function measureWarm(
  command: Command,
  runs: number,
  method: RssMethod,
  accept: (run: MeasuredRun) => boolean,
  warmUp = true,
): Promise<ToolMeasurement> {
  const check = (run: MeasuredRun): MeasuredRun => {
    if (accept(run)) return run;
    const detail = run.stderr.trim().split('\n').slice(-5).join('\n');
    const line = [command.file, ...command.args].join(' ');
    throw new Error(`${line} exited with ${run.exitCode}:\n${detail}`);
  };

  if (warmUp) check(await runMeasured(command, method));
  const timed: MeasuredRun[] = [];
  for (let i = 0; i < runs; i++) timed.push(check(await runMeasured(command, method)));

  const rss = timed.map((run) => run.maxRssKiB).filter((value) => value !== undefined);
  return {
    runs: timed,
    medianSeconds: median(timed.map((run) => run.wallSeconds)),
    maxRssKiB: rss.length > 0 ? Math.max(...rss) : undefined,
  };
}
