/**
 * Child process of the dependency benchmark: times the phases of one
 * dependency scan in a fresh Node process, the way the CLI meets them, and
 * prints the times (ms) as one JSON line on stdout.
 *
 *   node dist/bench/fixtures-deps/scan-phases.js phases ROOT DB
 *   node dist/bench/fixtures-deps/scan-phases.js engine|engine-inline ROOT DB
 *
 * `phases` calls the deps scanner's steps one by one (read, parse,
 * inventory, open the database, look up, match), in two passes. The first
 * pass is cold, like a CLI run. The second shows the cost once code is
 * compiled and the database pages are cached. `engine` runs the scan command's own steps
 * (build the request, run the engine, format the JSON report), and
 * `engine-inline` the same with `--workers 0`.
 *
 * Nothing is imported statically from src/, so the first dynamic import
 * measures the load of the CLI's whole module graph.
 */
import { performance } from 'node:perf_hooks';

export type PhaseTimes = Record<string, number>;

export interface PhasesOutput {
  load: number;
  cold: PhaseTimes;
  warm: PhaseTimes;
  /** One `db.status()` call, which opening the advisories makes twice. */
  statusCall: number;
  packages: number;
  queriedNames: number;
  candidateRecords: number;
  findings: number;
}

export interface EngineOutput {
  load: number;
  request: number;
  engine: number;
  format: number;
  reportBytes: number;
  findings: number;
  depsScannerMs?: number;
}

async function timed<T>(times: PhaseTimes, phase: string, work: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await work();
  times[phase] = performance.now() - started;
  return value;
}

async function loadCli(): Promise<number> {
  const started = performance.now();
  await import('../../src/cli/main.js');
  return performance.now() - started;
}

/** Run the scanner's steps once and return their times and the counts of what they found. */
async function phasePass(root: string, db: string): Promise<Omit<PhasesOutput, 'load' | 'cold' | 'warm' | 'statusCall'> & { times: PhaseTimes }> {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { loadConfig } = await import('../../src/core/config.js');
  const { applyDepsFlags } = await import('../../src/cli/deps-options.js');
  const { confinedReader } = await import('../../src/scanners/deps/inventory.js');
  const { buildInventory } = await import('../../src/scanners/deps/graph.js');
  const { parserFor } = await import('../../src/scanners/deps/parsers/index.js');
  const { openAdvisories, packageKey } = await import('../../src/scanners/deps/advisories.js');
  const { vulnerabilitiesOf, vulnerabilityFindings } = await import('../../src/scanners/deps/vulnerabilities.js');

  const times: PhaseTimes = {};
  const path = 'package-lock.json';
  const text = await timed(times, 'read', () => readFileSync(join(root, path), 'utf8'));
  const parsed = await timed(times, 'parse', () => parserFor(path)!.parse(text, { path, readFile: confinedReader(root) }));
  const project = await timed(times, 'inventory', () => buildInventory(path, parsed));

  const config = applyDepsFlags(loadConfig({ root }), { db, offline: true }, process.env, root);
  const advisories = await timed(times, 'open', () => openAdvisories(config.deps, ['npm']));
  const queries = project.packages.map((pkg) => ({ ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version }));
  const candidates = await timed(times, 'lookup', () => advisories.recordsFor(queries));

  let findings = 0;
  await timed(times, 'match', () => {
    for (const pkg of project.packages) {
      const records = candidates.get(packageKey(pkg.ecosystem, pkg.name)) ?? [];
      if (records.length > 0) findings += vulnerabilityFindings(project, pkg, vulnerabilitiesOf(pkg, records)).length;
    }
  });
  advisories.close();
  const candidateRecords = [...candidates.values()].reduce((sum, records) => sum + records.length, 0);
  return { times, packages: project.packages.length, queriedNames: new Set(queries.map((q) => q.name)).size, candidateRecords, findings };
}

async function measureStatus(db: string): Promise<number> {
  const { AdvisoryDatabase } = await import('../../src/store/advisory-db.js');
  const database = AdvisoryDatabase.open(db, { readonly: true });
  try {
    const started = performance.now();
    database.status();
    return performance.now() - started;
  } finally {
    database.close();
  }
}

async function runPhases(root: string, db: string): Promise<PhasesOutput> {
  const load = await loadCli();
  const cold = await phasePass(root, db);
  const warm = await phasePass(root, db);
  if (warm.findings !== cold.findings) throw new Error(`findings differ between passes: ${cold.findings}, ${warm.findings}`);
  const { times: coldTimes, ...counts } = cold;
  return { load, cold: coldTimes, warm: warm.times, statusCall: await measureStatus(db), ...counts };
}

async function runEngine(root: string, db: string, inline: boolean): Promise<EngineOutput> {
  const load = await loadCli();
  const { buildScanRequest } = await import('../../src/cli/scan.js');
  const { runScan } = await import('../../src/core/engine.js');
  const { formatReport } = await import('../../src/report/index.js');
  const { findRepository } = await import('../../src/core/repository-root.js');

  const times: PhaseTimes = {};
  const io = { stdout: process.stdout, stderr: process.stderr, cwd: root, env: process.env };
  const flags = { scanners: 'deps', offline: true, db, format: 'json', ...(inline ? { workers: '0' } : {}) };
  const request = await timed(times, 'request', () => buildScanRequest(root, flags, io));
  const report = await timed(times, 'engine', () => runScan(request));
  const options = { color: false, minSeverity: request.config.severity, repository: findRepository(root) };
  const text = await timed(times, 'format', () => formatReport(report, 'json', options));
  const deps = report.scanners.find((run) => run.id === 'deps');
  const output: EngineOutput = {
    load,
    request: times.request!,
    engine: times.engine!,
    format: times.format!,
    reportBytes: Buffer.byteLength(text),
    findings: report.findings.length,
  };
  if (deps?.durationMs !== undefined) output.depsScannerMs = deps.durationMs;
  return output;
}

const [mode, root, db] = process.argv.slice(2);
if ((mode !== 'phases' && mode !== 'engine' && mode !== 'engine-inline') || root === undefined || db === undefined) {
  process.stderr.write('usage: scan-phases.js phases|engine|engine-inline ROOT DB\n');
  process.exit(2);
}
const output = mode === 'phases' ? await runPhases(root, db) : await runEngine(root, db, mode === 'engine-inline');
process.stdout.write(`${JSON.stringify(output)}\n`);
