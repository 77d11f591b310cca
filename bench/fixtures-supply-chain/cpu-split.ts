/**
 * The split of a run's work between the two processes that do it:
 * the CPU time of the measured Rampart process (from GNU time) and of the
 * benchmark's Verdaccio (from /proc/<pid>/stat before and after). On a
 * machine with few cores, their sum near cores × wall time means the run is
 * bound by CPU, not by waiting on the network.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Clock ticks per second of /proc/<pid>/stat on Linux (USER_HZ); 100 on every mainstream architecture. */
const TICKS_PER_SECOND = 100;

/**
 * Return the id of a child process of this one whose command line starts
 * with `title`. Verdaccio sets its process title to `verdaccio`, which
 * overwrites its arguments, so the title is what identifies it.
 */
export function findChildProcess(title: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').startsWith(title)) return Number(entry);
    } catch {
      // The process ended while the list was read.
    }
  }
  return undefined;
}

/** Return the user plus system CPU seconds of process `pid`, its ended children included. */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in brackets and may contain spaces: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = [11, 12, 13, 14].map((index) => Number(fields[index] ?? 0));
  return ticks.reduce((sum, value) => sum + value, 0) / TICKS_PER_SECOND;
}

export interface CpuSplit {
  wallSeconds: number;
  userSeconds: number;
  systemSeconds: number;
  /** CPU seconds Verdaccio used during the run; undefined when its process was not found. */
  registrySeconds?: number;
  exitCode: number;
  stdout: string;
}

/** Run `node args` under GNU time and return its CPU times and Verdaccio's. */
export async function measureCpuSplit(args: string[], registryPid: number | undefined): Promise<CpuSplit> {
  const scratch = mkdtempSync(join(tmpdir(), 'supply-chain-cpu-'));
  const timeFile = join(scratch, 'time.txt');
  try {
    const registryBefore = registryPid === undefined ? undefined : processCpuSeconds(registryPid);
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%U %S', '-o', timeFile, process.execPath, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve(code ?? 1));
    });
    const wallSeconds = (performance.now() - started) / 1000;
    const registrySeconds = registryPid === undefined ? undefined : processCpuSeconds(registryPid) - registryBefore!;
    const [user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
    return {
      wallSeconds,
      userSeconds: user ?? Number.NaN,
      systemSeconds: system ?? Number.NaN,
      registrySeconds,
      exitCode,
      stdout: Buffer.concat(chunks).toString('utf8'),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
