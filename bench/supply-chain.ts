/**
 * Supply-chain stage benchmark: a generated npm project (package-lock.json
 * v3 with about 3,000 entries under real package names) judged against a
 * real Verdaccio on 127.0.0.1 that holds a packument for every name. About
 * 2% of the names declare a `postinstall` script, so a scan downloads and
 * reads their archives. It times, each in a new process as a user runs it:
 *
 *   rampart scan DIR --scanners supply-chain --format json   (empty cache, then warm)
 *   rampart scan DIR --scanners supply-chain --format json --offline
 *   rampart guard --format json NAME...                      (10 names, empty cache, then warm)
 *
 *   node dist/bench/supply-chain.js [--runs N] [--packages N] [--keep]
 *
 * Each command runs once untimed, then N times (default 3); cold runs get a
 * new cache folder each. One more run of each command goes through a
 * counting proxy to count the registry's requests, and one more cold scan
 * splits its CPU time between Rampart and Verdaccio. Nothing leaves the
 * machine: npm points at the Verdaccio, every other URL at a closed port.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/core/package-root.js';
import { findTyposquatTarget, loadPopularIndex } from '../src/scanners/supply-chain/typosquat.js';
import { startVerdaccio, type VerdaccioRegistry } from '../test/helpers/verdaccio.js';
import { readNameColumn } from './fixtures-deps/npm-lockfile.js';
import { DEFAULT_NPM_NAMES, writeNpmProject } from './fixtures-deps/project.js';
import { loadAverage, parseRuns } from './fixtures-deps/table.js';
import { chooseRssMethod, gnuTimeAvailable, type ToolMeasurement } from './lib/measure.js';
import { countRequests, measureCase, newCacheDir, type BenchCase, type CaseContext } from './fixtures-supply-chain/cases.js';
import { startCountingProxy } from './fixtures-supply-chain/counting-proxy.js';
import { findChildProcess, measureCpuSplit, type CpuSplit } from './fixtures-supply-chain/cpu-split.js';
import { describeMachine, isolateEnvironment, useCacheDir } from './fixtures-supply-chain/environment.js';
import { planRegistry, type RegistryPlan } from './fixtures-supply-chain/packuments.js';
import { measurePhases, type PhaseRows } from './fixtures-supply-chain/phases.js';
import { printResults, type CaseResult } from './fixtures-supply-chain/results.js';

const SEED = 7_331;
const HOOK_SHARE = 0.02;
const GUARD_PACKAGES = 10;

interface Options {
  runs: number;
  packages: number;
  keep: boolean;
  npmNames: string;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      packages: { type: 'string', default: '2700' },
      keep: { type: 'boolean', default: false },
      'npm-names': { type: 'string', default: DEFAULT_NPM_NAMES },
    },
  });
  const packages = Number(values.packages);
  if (!Number.isInteger(packages) || packages < 100) throw new Error(`--packages ${values.packages}: expected 100 or more`);
  return { runs: parseRuns(values.runs), packages, keep: values.keep ?? false, npmNames: values['npm-names'] ?? DEFAULT_NPM_NAMES };
}

interface Setup {
  project: string;
  plan: RegistryPlan;
  registry: VerdaccioRegistry;
  /** Entries of the lockfile. */
  entries: number;
}

function readNames(file: string): string[] {
  try {
    return readNameColumn(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`cannot read the name list ${file} (${code}): pass --npm-names with a TSV file whose first column is a package name`);
  }
}

/** Names of `names` that the look-alike check flags: the scan downloads their archives, so they need real ones. */
function lookAlikes(names: Iterable<string>): Set<string> {
  const popular = loadPopularIndex('npm');
  return new Set([...names].filter((name) => findTyposquatTarget('npm', name, popular) !== undefined));
}

async function prepare(options: Options, scratch: string): Promise<Setup> {
  const project = join(scratch, 'project');
  mkdirSync(project);
  const written = writeNpmProject(project, readNames(options.npmNames), options.packages);
  const packages = written.generated.packages;
  const plan = await planRegistry(packages, {
    seed: SEED,
    hookShare: HOOK_SHARE,
    guardCount: GUARD_PACKAGES,
    archiveNames: lookAlikes(new Set(packages.map((pkg) => pkg.name))),
  });
  const registry = await startVerdaccio({ seed: plan.documents });
  for (const archive of plan.archives) writeFileSync(join(registry.storage, archive.name, archive.filename), archive.bytes);
  console.log(
    `lockfile: ${packages.length} entries, ${written.generated.distinct} distinct name@version, ` +
      `${Object.keys(plan.documents).length} names; registry: ${plan.versions} versions, ` +
      `${plan.hooked.length} names with postinstall, ${plan.archives.length} archives`,
  );
  return { project, plan, registry, entries: packages.length };
}

function benchCases(setup: Setup): BenchCase[] {
  const bin = join(packageRoot(), 'bin', 'rampart.js');
  const scan = [bin, 'scan', setup.project, '--scanners', 'supply-chain', '--format', 'json'];
  const guard = [bin, 'guard', '--format', 'json', ...setup.plan.guardNames];
  // Scans exit 1 when findings reach the fail-on level (the install scripts do); guard blocks nothing here.
  return [
    { label: 'scan, empty cache', args: scan, cache: 'cold', accept: [0, 1], counted: true },
    { label: 'scan, warm cache', args: scan, cache: 'warm', accept: [0, 1], counted: true },
    { label: 'scan --offline, empty cache', args: [...scan, '--offline'], cache: 'cold', accept: [0, 1], counted: true },
    { label: `guard of ${GUARD_PACKAGES} packages, empty cache`, args: guard, cache: 'cold', accept: [0], counted: true },
    { label: `guard of ${GUARD_PACKAGES} packages, warm cache`, args: guard, cache: 'warm', accept: [0], counted: true },
    { label: 'what-if: scan, empty cache file in WAL mode', args: scan, cache: 'cold-wal', accept: [0, 1], counted: false },
  ];
}

interface Measured {
  results: CaseResult[];
  /** Absent without GNU time. */
  split?: CpuSplit;
  phases: PhaseRows;
}

async function measureAll(setup: Setup, options: Options, scratch: string): Promise<Measured> {
  const cwd = join(scratch, 'cwd');
  mkdirSync(cwd);
  const context: CaseContext = { scratch, cwd, rss: chooseRssMethod() };
  const proxy = await startCountingProxy(setup.registry.url);
  const results: CaseResult[] = [];
  try {
    for (const benchCase of benchCases(setup)) {
      const timing: ToolMeasurement = await measureCase(benchCase, options.runs, context);
      const counted = benchCase.counted ? await countRequests(benchCase, context, proxy, setup.registry.url) : undefined;
      results.push({ benchCase, timing, counted });
    }
  } finally {
    await proxy.stop();
  }
  useCacheDir(newCacheDir(scratch));
  const registryPid = findChildProcess('verdaccio');
  const split = gnuTimeAvailable() ? await measureCpuSplit(benchCases(setup)[0]!.args, registryPid) : undefined;
  const phases = await measurePhases(setup.registry.url, Object.keys(setup.plan.documents), scratch, options.runs);
  return { results, split, phases };
}

async function main(): Promise<void> {
  const options = readOptions();
  const scratch = mkdtempSync(join(tmpdir(), 'supply-chain-bench-'));
  let registry: VerdaccioRegistry | undefined;
  try {
    const setup = await prepare(options, scratch);
    registry = setup.registry;
    const home = join(scratch, 'home');
    mkdirSync(home);
    isolateEnvironment(home, registry.url);
    const loadBefore = loadAverage();
    const { results, split, phases } = await measureAll(setup, options, scratch);
    printResults({ results, split, phases, machine: describeMachine(), loadBefore, loadAfter: loadAverage(), plan: setup.plan, entries: setup.entries });
    if (options.keep) console.log(`inputs kept in ${scratch}`);
  } finally {
    await registry?.stop();
    if (!options.keep) rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
