/**
 * The measured commands of the supply-chain benchmark and how each gets its
 * registry cache: a new empty folder for every run (cold), the same
 * with an empty cache file already in SQLite's write-ahead-log mode
 * (cold-wal, a what-if for a change to the cache), or one folder filled
 * beforehand by the same command (warm).
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { REGISTRY_CACHE_FILE } from '../../src/scanners/supply-chain/session.js';
import { median, runMeasured, type MeasuredRun, type RssMethod, type ToolMeasurement } from '../lib/measure.js';
import type { CountingProxy, RecordedRequest } from './counting-proxy.js';
import { useCacheDir, useNpmRegistry } from './environment.js';

export interface BenchCase {
  label: string;
  /** Arguments after `node`, starting with Rampart's bin script. */
  args: string[];
  cache: 'cold' | 'cold-wal' | 'warm';
  /** Exit codes that mean the command worked. */
  accept: readonly number[];
  /** Whether a further run goes through the counting proxy. */
  counted: boolean;
}

export interface CaseContext {
  /** Folder for the cache folders of the runs. */
  scratch: string;
  /** Working folder of the commands, without rampart.yaml. */
  cwd: string;
  rss: RssMethod;
}

function checked(benchCase: BenchCase, run: MeasuredRun): MeasuredRun {
  if (benchCase.accept.includes(run.exitCode)) return run;
  const detail = run.stderr.trim().split('\n').slice(-5).join('\n');
  throw new Error(`${benchCase.label} (rampart ${benchCase.args.slice(1).join(' ')}) exited with ${run.exitCode}:\n${detail}`);
}

let folders = 0;

/** Create a new empty cache folder under `scratch`. */
export function newCacheDir(scratch: string): string {
  folders += 1;
  return mkdtempSync(join(scratch, `cache-${folders}-`));
}

/**
 * Create a cache folder whose registry.sqlite is an empty database in
 * write-ahead-log mode. The mode is stored in the file, so RegistryCache
 * keeps it when it adds its table; its other settings stay as they are.
 */
export function walCacheDir(scratch: string): string {
  const dir = newCacheDir(scratch);
  const db = new Database(join(dir, REGISTRY_CACHE_FILE));
  db.pragma('journal_mode = WAL');
  db.close();
  return dir;
}

function cacheDirFor(benchCase: BenchCase, scratch: string, warmDir: string): string {
  if (benchCase.cache === 'warm') return warmDir;
  return benchCase.cache === 'cold-wal' ? walCacheDir(scratch) : newCacheDir(scratch);
}

/** Run the command once with the current environment and check its exit code. */
export function runCase(benchCase: BenchCase, context: CaseContext): Promise<MeasuredRun> {
  const command = { file: process.execPath, args: benchCase.args, cwd: context.cwd, captureStdout: true };
  return runMeasured(command, context.rss).then((run) => checked(benchCase, run));
}

/**
 * Run a case once untimed and then `runs` times. Cold runs each get a new
 * cache folder. Warm runs share one that the untimed run fills.
 */
export async function measureCase(benchCase: BenchCase, runs: number, context: CaseContext): Promise<ToolMeasurement> {
  const warmDir = newCacheDir(context.scratch);
  const timed: MeasuredRun[] = [];
  for (let i = 0; i <= runs; i++) {
    useCacheDir(cacheDirFor(benchCase, context.scratch, warmDir));
    const run = await runCase(benchCase, context);
    if (i > 0) timed.push(run);
  }
  const rss = timed.map((run) => run.maxRssKiB).filter((value) => value !== undefined);
  return {
    runs: timed,
    medianSeconds: median(timed.map((run) => run.wallSeconds)),
    maxRssKiB: rss.length > 0 ? Math.max(...rss) : undefined,
  };
}

export interface CountedRun {
  requests: RecordedRequest[];
  peakInFlight: number;
  run: MeasuredRun;
}

/**
 * Run a case through the counting proxy and return the requests the
 * registry received. A warm case first fills its cache through the proxy
 * too, since the cache keys each package by registry URL.
 */
export async function countRequests(benchCase: BenchCase, context: CaseContext, proxy: CountingProxy, registry: string): Promise<CountedRun> {
  useNpmRegistry(proxy.url);
  try {
    useCacheDir(newCacheDir(context.scratch));
    if (benchCase.cache === 'warm') await runCase(benchCase, context);
    proxy.take();
    const run = await runCase(benchCase, context);
    return { ...proxy.take(), run };
  } finally {
    useNpmRegistry(registry);
  }
}
