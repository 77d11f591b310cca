/**
 * Output of the supply-chain benchmark: the Markdown table of timings and
 * registry requests, what each command reported (so a run that silently
 * failed to reach the registry shows), the CPU split of a cold scan, and
 * the machine.
 */
import type { ScanReport } from '../../src/core/report-types.js';
import { formatMib, markdownTable } from '../fixtures-deps/table.js';
import { median, type ToolMeasurement } from '../lib/measure.js';
import type { BenchCase, CountedRun } from './cases.js';
import type { CpuSplit } from './cpu-split.js';
import type { RecordedRequest, RequestKind } from './counting-proxy.js';
import type { Machine } from './environment.js';
import type { RegistryPlan } from './packuments.js';
import type { PhaseRows } from './phases.js';

export interface CaseResult {
  benchCase: BenchCase;
  timing: ToolMeasurement;
  /** Absent for cases not run through the counting proxy. */
  counted?: CountedRun;
}

export interface BenchResults {
  results: CaseResult[];
  /** Absent without GNU time. */
  split?: CpuSplit;
  phases: PhaseRows;
  machine: Machine;
  loadBefore: string;
  loadAfter: string;
  plan: RegistryPlan;
  entries: number;
}

function countOf(requests: readonly RecordedRequest[] | undefined, kind: RequestKind): string {
  if (requests === undefined) return 'not counted';
  const matching = requests.filter((request) => request.kind === kind);
  const failed = matching.filter((request) => request.status >= 400).length;
  return failed > 0 ? `${matching.length} (${failed} failed)` : String(matching.length);
}

function tableRows(results: readonly CaseResult[]): string[][] {
  return results.map(({ benchCase, timing, counted }) => [
    benchCase.label,
    timing.medianSeconds.toFixed(2),
    timing.runs.map((run) => run.wallSeconds.toFixed(2)).join(', '),
    formatMib(timing.maxRssKiB),
    countOf(counted?.requests, 'packument'),
    countOf(counted?.requests, 'tarball'),
  ]);
}

/** Describe what one command reported: finding rules and warnings for a scan, verdicts for guard. */
function describeOutput(stdout: string): string {
  const document = JSON.parse(stdout) as Partial<ScanReport> & { packages?: Array<{ verdict: string; unknown: string[] }> };
  if (document.packages) {
    const verdicts = new Map<string, number>();
    for (const entry of document.packages) verdicts.set(entry.verdict, (verdicts.get(entry.verdict) ?? 0) + 1);
    const unknown = new Set(document.packages.flatMap((entry) => entry.unknown));
    return `verdicts ${[...verdicts].map(([verdict, count]) => `${count} ${verdict}`).join(', ')}; unknown checks: ${[...unknown].join('; ') || 'none'}`;
  }
  const rules = new Map<string, number>();
  for (const finding of document.findings ?? []) rules.set(finding.ruleId, (rules.get(finding.ruleId) ?? 0) + 1);
  const scanner = document.scanners?.find((run) => run.id === 'supply-chain');
  const findings = [...rules].map(([rule, count]) => `${count} ${rule}`).join(', ') || 'no findings';
  const warnings = (document.warnings ?? []).map((warning) => `warning: ${warning.slice(0, 160)}`);
  return [`${findings}; supply-chain scanner ${scanner?.durationMs ?? '?'} ms`, ...warnings].join('\n    ');
}

/** Median and 90th percentile of the registry's time per packument request, and the most requests in flight at once. */
function registryLatency(counted: CountedRun): string {
  const times = counted.requests.filter((request) => request.kind === 'packument').map((request) => request.milliseconds).sort((a, b) => a - b);
  if (times.length === 0) return 'no packument requests';
  const p90 = times[Math.min(times.length - 1, Math.floor(times.length * 0.9))]!;
  const busy = times.reduce((sum, value) => sum + value, 0) / 1000;
  return (
    `${times.length} packument requests: median ${median(times).toFixed(1)} ms, p90 ${p90.toFixed(1)} ms at the proxy, ` +
    `${busy.toFixed(1)} request-seconds in all, at most ${counted.peakInFlight} in flight`
  );
}

function describeSplit(split: CpuSplit, cores: number): string {
  const rampart = split.userSeconds + split.systemSeconds;
  const registry = split.registrySeconds === undefined ? 'n/a' : `${split.registrySeconds.toFixed(1)} s`;
  const total = rampart + (split.registrySeconds ?? 0);
  return (
    `cold scan CPU split: wall ${split.wallSeconds.toFixed(1)} s; rampart ${rampart.toFixed(1)} s CPU ` +
    `(user ${split.userSeconds.toFixed(1)}, system ${split.systemSeconds.toFixed(1)}); verdaccio ${registry} CPU; ` +
    `together ${(total / split.wallSeconds).toFixed(2)} of ${cores} cores busy`
  );
}

export function printResults(bench: BenchResults): void {
  const { machine, results } = bench;
  const header = ['command', 'median s', 'runs (s)', 'peak RSS', 'packument requests', 'archive requests'];
  console.log('');
  console.log(markdownTable(header, tableRows(results)));
  console.log('');
  console.log('what each command reported (from the counted run):');
  for (const { benchCase, counted } of results) {
    if (counted) console.log(`  ${benchCase.label}: ${describeOutput(counted.run.stdout)}`);
  }
  const cold = results.find((result) => result.benchCase.label === 'scan, empty cache')?.counted;
  if (cold) console.log(`registry, cold scan: ${registryLatency(cold)}`);
  if (bench.split) console.log(describeSplit(bench.split, machine.cores));
  else console.log('cold scan CPU split: skipped, because /usr/bin/time (GNU time) is missing');
  console.log('');
  console.log(markdownTable(['registry lookups alone, in a new process', 'median s', 'present'], bench.phases.lookups));
  const names = bench.phases.names;
  console.log(
    `name checks alone: popular-name index loaded in ${names.loadMilliseconds.toFixed(0)} ms, ` +
      `look-alike check of every name ${names.checkMilliseconds.toFixed(0)} ms, ${names.flagged} flagged`,
  );
  console.log(
    `inputs: ${bench.entries} lockfile entries, ${Object.keys(bench.plan.documents).length} names, ` +
      `${bench.plan.hooked.length} with postinstall; guard names: ${bench.plan.guardNames.join(' ')}`,
  );
  console.log(
    `machine: ${machine.cores} cores, ${machine.model}, ${machine.memoryGiB} GiB, Node.js ${machine.node}; ` +
      `load average (1, 5, 15 min) ${bench.loadBefore} at the start, ${bench.loadAfter} at the end`,
  );
}
