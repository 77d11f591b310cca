/**
 * Runs lookup-phases.js in fresh processes: every name looked up through
 * the registry client at several concurrency limits and cache settings,
 * and the look-alike check alone. The medians show what a cold scan spends
 * on registry round trips, on writing the registry cache, and on name checks.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, runMeasured } from '../lib/measure.js';
import { newCacheDir } from './cases.js';
import type { CacheMode, LookupOutput, NamesOutput } from './lookup-phases.js';

const SCRIPT = fileURLToPath(new URL('./lookup-phases.js', import.meta.url));

/** Concurrency limits and cache settings tried; 8 with the default cache is what a scan does today. */
const VARIANTS: ReadonlyArray<{ concurrency: number; cache: CacheMode }> = [
  { concurrency: 8, cache: 'default' },
  { concurrency: 8, cache: 'wal' },
  { concurrency: 8, cache: 'none' },
  { concurrency: 16, cache: 'none' },
  { concurrency: 32, cache: 'none' },
  { concurrency: 16, cache: 'wal' },
];

const CACHE_LABELS: Record<CacheMode, string> = {
  default: 'registry cache as opened today',
  wal: 'registry cache in WAL mode',
  none: 'no registry cache',
};

async function runScript<T>(args: string[]): Promise<T> {
  const run = await runMeasured({ file: process.execPath, args: [SCRIPT, ...args], captureStdout: true }, 'none');
  if (run.exitCode !== 0) throw new Error(`lookup-phases.js ${args[0]} exited with ${run.exitCode}: ${run.stderr.trim()}`);
  return JSON.parse(run.stdout) as T;
}

export interface PhaseRows {
  /** Rows of `[variant, median seconds, names answered present]`. */
  lookups: string[][];
  names: NamesOutput;
}

/** Time each variant `runs` times over `names` against `registry`, plus the name checks. */
export async function measurePhases(registry: string, names: readonly string[], scratch: string, runs: number): Promise<PhaseRows> {
  const namesFile = join(scratch, 'names.json');
  writeFileSync(namesFile, JSON.stringify(names));
  const lookups: string[][] = [];
  for (const variant of VARIANTS) {
    const outputs: LookupOutput[] = [];
    for (let i = 0; i < runs; i++) {
      const args = ['lookups', registry, namesFile, String(variant.concurrency), variant.cache, newCacheDir(scratch)];
      outputs.push(await runScript<LookupOutput>(args));
    }
    const seconds = median(outputs.map((output) => output.milliseconds)) / 1000;
    const label = `${names.length} lookups, concurrency ${variant.concurrency}, ${CACHE_LABELS[variant.cache]}`;
    lookups.push([label, seconds.toFixed(2), String(outputs[0]?.present ?? 0)]);
  }
  const checks: NamesOutput[] = [];
  for (let i = 0; i < runs; i++) checks.push(await runScript<NamesOutput>(['names', namesFile]));
  const nameChecks = {
    loadMilliseconds: median(checks.map((check) => check.loadMilliseconds)),
    checkMilliseconds: median(checks.map((check) => check.checkMilliseconds)),
    flagged: checks[0]?.flagged ?? 0,
  };
  return { lookups, names: nameChecks };
}
