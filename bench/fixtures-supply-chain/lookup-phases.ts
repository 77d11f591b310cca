/**
 * Parts of a supply-chain scan timed alone, each in a fresh Node process
 * started by bench/supply-chain.ts, to show where a cold scan's time goes:
 *
 *   node lookup-phases.js lookups REGISTRY NAMES.json CONCURRENCY none|default|wal CACHE_DIR
 *     looks every name up through the registry client, with no registry
 *     cache, the cache as Rampart opens it, or the cache file in
 *     write-ahead-log mode, and prints {"milliseconds", "present", "other"};
 *   node lookup-phases.js names NAMES.json
 *     loads the popular-name index and runs the look-alike check on every
 *     name, and prints {"loadMilliseconds", "checkMilliseconds", "flagged"}.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { createRegistryClient } from '../../src/scanners/supply-chain/registry/client.js';
import { RegistryCache } from '../../src/scanners/supply-chain/registry/cache.js';
import { REGISTRY_CACHE_FILE } from '../../src/scanners/supply-chain/session.js';
import { findTyposquatTarget, loadPopularIndex } from '../../src/scanners/supply-chain/typosquat.js';
import { walCacheDir } from './cases.js';
import { CLOSED_PORT_URL } from './environment.js';

export type CacheMode = 'none' | 'default' | 'wal';

export interface LookupOutput {
  milliseconds: number;
  present: number;
  other: number;
}

export interface NamesOutput {
  loadMilliseconds: number;
  checkMilliseconds: number;
  flagged: number;
}

function openCache(mode: CacheMode, scratch: string): RegistryCache | undefined {
  if (mode === 'none') return undefined;
  const dir = mode === 'wal' ? walCacheDir(scratch) : scratch;
  return new RegistryCache(join(dir, REGISTRY_CACHE_FILE));
}

async function timeLookups(registry: string, names: string[], concurrency: number, mode: CacheMode, scratch: string): Promise<LookupOutput> {
  const cache = openCache(mode, scratch);
  const settings = {
    npm: { registry, scopes: {}, auth: [] },
    pypi: { index: `${CLOSED_PORT_URL}/simple/`, extraIndexes: [], auth: [] },
    warnings: [],
  };
  const client = createRegistryClient({ settings, cache, offline: false, concurrency });
  try {
    const started = performance.now();
    const answers = await Promise.all(names.map((name) => client.lookup('npm', name)));
    const present = answers.filter((answer) => answer.presence === 'present').length;
    return { milliseconds: performance.now() - started, present, other: answers.length - present };
  } finally {
    client.close();
    cache?.close();
  }
}

function timeNameChecks(names: string[]): NamesOutput {
  const started = performance.now();
  const popular = loadPopularIndex('npm');
  const loaded = performance.now();
  const flagged = names.filter((name) => findTyposquatTarget('npm', name, popular) !== undefined).length;
  return { loadMilliseconds: loaded - started, checkMilliseconds: performance.now() - loaded, flagged };
}

async function main(argv: string[]): Promise<unknown> {
  const [mode, ...rest] = argv;
  if (mode === 'names' && rest[0]) return timeNameChecks(JSON.parse(readFileSync(rest[0], 'utf8')) as string[]);
  const [registry, namesFile, concurrency, cacheMode, scratch] = rest;
  if (mode !== 'lookups' || !registry || !namesFile || !scratch || !['none', 'default', 'wal'].includes(cacheMode ?? '')) {
    throw new Error('usage: lookup-phases.js lookups REGISTRY NAMES.json CONCURRENCY none|default|wal CACHE_DIR | names NAMES.json');
  }
  const names = JSON.parse(readFileSync(namesFile, 'utf8')) as string[];
  return timeLookups(registry, names, Number(concurrency), cacheMode as CacheMode, scratch);
}

try {
  console.log(JSON.stringify(await main(process.argv.slice(2))));
} catch (error) {
  console.error(`lookup-phases: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
