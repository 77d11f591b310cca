/**
 * Dependency-scan benchmark: a generated npm project (package-lock.json v3
 * with about 3,000 entries under real package names) checked against a
 * generated advisory database of 50,000 OSV records. It times the scan as a
 * user runs it, `rampart scan DIR --scanners deps --offline --db FILE
 * --format json` in a new process, and then the scan's phases in fresh child
 * processes, to show where the time goes. The target is under 2 s end to end.
 *
 *   node dist/bench/deps-matching.js [--runs N] [--records N] [--packages N] [--keep]
 *
 * Each command runs once untimed, then N times (default 5); tables show
 * medians. --packages sets the hoisted packages of the lockfile (nested
 * copies come on top), --keep leaves the inputs in the temporary folder.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/core/package-root.js';
import type { ScanReport } from '../src/core/report-types.js';
import {
  DEFAULT_NPM_NAMES,
  DEFAULT_PYPI_NAMES,
  readNameLists,
  writeAdvisoryDatabase,
  writeNpmProject,
} from './fixtures-deps/project.js';
import { importMilliseconds, IMPORT_PROBES } from './fixtures-deps/import-costs.js';
import type { EngineOutput, PhasesOutput } from './fixtures-deps/scan-phases.js';
import { formatMib, loadAverage, markdownTable, parseRuns } from './fixtures-deps/table.js';
import { chooseRssMethod, measureWarm, median, runMeasured, type RssMethod, type ToolMeasurement } from './lib/measure.js';

const TARGET_SECONDS = 2;
const PHASES_SCRIPT = fileURLToPath(new URL('./fixtures-deps/scan-phases.js', import.meta.url));

interface Options {
  runs: number;
  records: number;
  packages: number;
  keep: boolean;
  npmNames: string;
  pypiNames: string;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      records: { type: 'string', default: '50000' },
      packages: { type: 'string', default: '2700' },
      keep: { type: 'boolean', default: false },
      'npm-names': { type: 'string', default: DEFAULT_NPM_NAMES },
      'pypi-names': { type: 'string', default: DEFAULT_PYPI_NAMES },
    },
  });
  const records = Number(values.records);
  const packages = Number(values.packages);
  if (!Number.isInteger(records) || records < 1) throw new Error(`--records ${values.records}: expected a whole number`);
  if (!Number.isInteger(packages) || packages < 100) throw new Error(`--packages ${values.packages}: expected 100 or more`);
  return {
    runs: parseRuns(values.runs),
    records,
    packages,
    keep: values.keep ?? false,
    npmNames: values['npm-names'] ?? DEFAULT_NPM_NAMES,
    pypiNames: values['pypi-names'] ?? DEFAULT_PYPI_NAMES,
  };
}

/** Run the phase script `runs` times after one untimed run, and return the parsed outputs. */
async function childRuns<T>(mode: 'phases' | 'engine' | 'engine-inline', root: string, db: string, runs: number): Promise<T[]> {
  const outputs: T[] = [];
  for (let i = 0; i <= runs; i++) {
    const command = { file: process.execPath, args: [PHASES_SCRIPT, mode, root, db], captureStdout: true };
    const run = await runMeasured(command, 'none');
    if (run.exitCode !== 0) throw new Error(`scan-phases.js ${mode} exited with ${run.exitCode}: ${run.stderr.trim()}`);
    if (i > 0) outputs.push(JSON.parse(run.stdout) as T);
  }
  return outputs;
}

const ms = (value: number): string => value.toFixed(1);
const medianOf = <T>(items: T[], pick: (item: T) => number): number => median(items.map(pick));

async function timeCommand(args: string[], runs: number, rss: RssMethod): Promise<ToolMeasurement> {
  const command = { file: process.execPath, args, captureStdout: true };
  // Exit code 1 means findings at the default fail-on level, which this scan has.
  return measureWarm(command, runs, rss, (run) => run.exitCode === 0 || run.exitCode === 1);
}

interface Inputs {
  root: string;
  db: string;
}

/** Generate the lockfile and the advisory database under `scratch` and describe them. */
function prepareInputs(options: Options, scratch: string): Inputs {
  const root = join(scratch, 'project');
  mkdirSync(root);
  const names = readNameLists(options.npmNames, options.pypiNames);
  const project = writeNpmProject(root, names.npm, options.packages);
  const db = writeAdvisoryDatabase(join(scratch, 'osv.sqlite'), project.generated, names, options.records);
  const { generated } = project;
  console.log(
    `lockfile: ${generated.packages.length} entries (${generated.nested} nested copies), ` +
      `${generated.distinct} distinct name@version, ${(project.lockfileBytes / 1048576).toFixed(1)} MiB`,
  );
  console.log(
    `advisories: ${db.records} records (${db.lockfileRecords} about lockfile names), ` +
      `${(db.bytes / 1048576).toFixed(1)} MiB, imported in ${db.importSeconds.toFixed(1)} s; ` +
      Object.entries(db.byEcosystem).map(([ecosystem, count]) => `${ecosystem} ${count}`).join(', '),
  );
  if (options.keep) console.log(`inputs kept in ${scratch}`);
  return { root, db: db.path };
}

interface Results {
  rss: RssMethod;
  nodeStart: ToolMeasurement;
  version: ToolMeasurement;
  scan: ToolMeasurement;
  inline: ToolMeasurement;
  report: ScanReport;
  phases: PhasesOutput[];
  engine: EngineOutput[];
  engineInline: EngineOutput[];
  imports: string[][];
  loadBefore: string;
  loadAfter: string;
}

async function measureAll(inputs: Inputs, runs: number): Promise<Results> {
  const loadBefore = loadAverage();
  const rss = chooseRssMethod();
  const bin = join(packageRoot(), 'bin', 'rampart.js');
  const nodeStart = await timeCommand(['-e', ''], runs, rss);
  const version = await timeCommand([bin, '--version'], runs, rss);
  const scanArgs = [bin, 'scan', inputs.root, '--scanners', 'deps', '--offline', '--db', inputs.db, '--format', 'json'];
  const scan = await timeCommand(scanArgs, runs, rss);
  // With --workers 0 the engine starts no worker threads. The deps scanner runs in the main thread either way.
  const inline = await timeCommand([...scanArgs, '--workers', '0'], runs, rss);

  const phases = await childRuns<PhasesOutput>('phases', inputs.root, inputs.db, runs);
  const engine = await childRuns<EngineOutput>('engine', inputs.root, inputs.db, runs);
  const engineInline = await childRuns<EngineOutput>('engine-inline', inputs.root, inputs.db, runs);
  const imports = IMPORT_PROBES.map((specifier) => [specifier, ms(importMilliseconds(packageRoot(), specifier, runs))]);
  const report = JSON.parse(scan.runs.at(-1)?.stdout ?? '') as ScanReport;
  return { rss, nodeStart, version, scan, inline, report, phases, engine, engineInline, imports, loadBefore, loadAfter: loadAverage() };
}

function stepRows(results: Results): string[][] {
  const { phases, engine, engineInline } = results;
  const phaseRow = (label: string, phase: string): string[] => [
    label,
    ms(medianOf(phases, (p) => p.cold[phase] ?? Number.NaN)),
    ms(medianOf(phases, (p) => p.warm[phase] ?? Number.NaN)),
  ];
  return [
    ['Node.js start, `node -e ""`', ms(results.nodeStart.medianSeconds * 1000), ''],
    ['`rampart --version`', ms(results.version.medianSeconds * 1000), ''],
    ['load the CLI modules (import)', ms(medianOf(phases, (p) => p.load)), ''],
    phaseRow('read package-lock.json', 'read'),
    phaseRow('parse the lockfile', 'parse'),
    phaseRow('inventory (graph, paths, merge)', 'inventory'),
    phaseRow('open the advisory database', 'open'),
    ['  of which one `db.status()` (runs twice)', ms(medianOf(phases, (p) => p.statusCall)), ''],
    phaseRow('look up candidate records', 'lookup'),
    phaseRow('match versions, build findings', 'match'),
    ['scan command: build the request', ms(medianOf(engine, (e) => e.request)), ''],
    ['scan command: engine (`runScan`)', ms(medianOf(engine, (e) => e.engine)), ''],
    ['  of which the deps scanner', ms(medianOf(engine, (e) => e.depsScannerMs ?? Number.NaN)), ''],
    ['scan command: engine with `--workers 0`', ms(medianOf(engineInline, (e) => e.engine)), ''],
    ['  of which the deps scanner', ms(medianOf(engineInline, (e) => e.depsScannerMs ?? Number.NaN)), ''],
    ['scan command: format the JSON report', ms(medianOf(engine, (e) => e.format)), ''],
    ['**whole scan, new process (wall)**', ms(results.scan.medianSeconds * 1000), ''],
    ['whole scan with `--workers 0` (wall)', ms(results.inline.medianSeconds * 1000), ''],
  ];
}

function printResults(results: Results): void {
  const { report, scan, phases, engine, engineInline } = results;
  console.log('');
  console.log(markdownTable(['step', 'cold ms', 'warm ms'], stepRows(results)));
  console.log('');
  console.log(markdownTable(['import alone, in a new process', 'ms'], results.imports));
  console.log('');

  const first = phases[0]!;
  const inventory = report.inventory?.reduce((sum, item) => sum + item.packages.length, 0) ?? 0;
  console.log(
    `scan: ${report.findings.length} findings on ${inventory} inventory packages; in-process pass: ${first.findings} findings, ` +
      `${first.queriedNames} names queried, ${first.candidateRecords} candidate records`,
  );
  const counts = new Set([report.findings.length, first.findings, ...engine.map((e) => e.findings), ...engineInline.map((e) => e.findings)]);
  if (counts.size > 1) console.log(`warning: the runs disagree on the number of findings: ${[...counts].join(', ')}`);
  console.log(`JSON report: ${((engine[0]?.reportBytes ?? 0) / 1048576).toFixed(1)} MiB`);
  console.log(`scan runs (s): ${scan.runs.map((run) => run.wallSeconds.toFixed(3)).join(', ')}`);
  console.log(
    `peak RSS (${results.rss}): scan ${formatMib(scan.maxRssKiB)}, with --workers 0 ${formatMib(results.inline.maxRssKiB)}, ` +
      `node -e "" ${formatMib(results.nodeStart.maxRssKiB)}`,
  );
  const verdict = scan.medianSeconds < TARGET_SECONDS ? 'meets' : 'misses';
  console.log(`median ${scan.medianSeconds.toFixed(2)} s ${verdict} the target of under ${TARGET_SECONDS} s`);
  console.log(`load average (1, 5, 15 min): ${results.loadBefore} at the start, ${results.loadAfter} at the end`);
}

async function main(): Promise<void> {
  const options = readOptions();
  const scratch = mkdtempSync(join(tmpdir(), 'deps-bench-'));
  try {
    const inputs = prepareInputs(options, scratch);
    printResults(await measureAll(inputs, options.runs));
  } finally {
    if (!options.keep) rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
