/**
 * `rampart guard`: vet packages before they are installed, either named on
 * the command line or read from an install command given after `--`, which
 * then runs only when nothing is blocked.
 */
import { spawn, type StdioOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadConfig } from '../core/config.js';
import { AdvisoryDatabase } from '../store/advisory-db.js';
import type { RampartConfig, UnknownVerdict } from '../core/config-types.js';
import { UsageError } from '../core/errors.js';
import { applyDepsFlags } from './deps-options.js';
import type { CliIo } from './io.js';
import { useColor } from './io.js';
import { formatGuardJson, formatGuardTable } from './guard-output.js';
import type { PackageRequest } from '../scanners/supply-chain/assess.js';
import type { InstallPlan } from '../scanners/supply-chain/install-command.js';
import type { WalkResult } from '../scanners/supply-chain/dependency-walk.js';
import type { Assessment, SupplyEcosystem } from '../scanners/supply-chain/types.js';

export interface GuardFlags {
  ecosystem?: string;
  format?: string;
  config?: string;
  db?: string;
  offline?: boolean;
  npmRegistry?: string;
  pypiIndex?: string;
  unknown?: string;
  content?: boolean;
  deps?: boolean;
  color?: boolean;
}

const ECOSYSTEM_NAMES: Record<string, SupplyEcosystem> = { npm: 'npm', pypi: 'PyPI' };

function ecosystemOf(value: string | undefined): SupplyEcosystem {
  if (value === undefined) return 'npm';
  const ecosystem = ECOSYSTEM_NAMES[value.toLowerCase()];
  if (!ecosystem) throw new UsageError(`--ecosystem ${value}: not supported; use npm or pypi`);
  return ecosystem;
}

/** Apply the guard's flags over rampart.yaml. */
function guardConfig(flags: GuardFlags, io: CliIo): RampartConfig {
  const loaded = loadConfig(flags.config === undefined ? { root: io.cwd } : { root: io.cwd, configPath: flags.config });
  const config = applyDepsFlags(loaded, { db: flags.db, offline: flags.offline }, io.env, io.cwd);
  const supplyChain = { ...config.supplyChain };
  if (flags.unknown !== undefined) {
    if (flags.unknown !== 'warn' && flags.unknown !== 'block') {
      throw new UsageError(`--unknown ${flags.unknown}: use warn or block`);
    }
    supplyChain.unknown = flags.unknown as UnknownVerdict;
  }
  if (flags.npmRegistry !== undefined) supplyChain.npmRegistry = flags.npmRegistry;
  if (flags.pypiIndex !== undefined) supplyChain.pypiIndex = flags.pypiIndex;
  if (flags.content === false) supplyChain.inspectContent = false;
  return { ...config, supplyChain };
}

/** Read `name[@version]` (npm) or `name[==version]` (PyPI) arguments. */
async function namedPackages(specs: string[], ecosystem: SupplyEcosystem): Promise<PackageRequest[]> {
  const { npmSpec, pipSpec } = await import('../scanners/supply-chain/install-command.js');
  return specs.map((spec) => {
    const pypiSpec = spec.includes('==') ? spec : spec.replace(/@(?=[^@]*$)/, '==');
    const request = ecosystem === 'npm' ? npmSpec(spec) : pipSpec(pypiSpec);
    if (!request) {
      const article = ecosystem === 'npm' ? 'an' : 'a';
      throw new UsageError(`"${spec}" is not ${article} ${ecosystem} package name; give NAME or NAME@VERSION`);
    }
    return request;
  });
}

/** Run `rampart guard`; returns the exit code. */
export async function runGuardCommand(specs: string[], command: string[] | undefined, flags: GuardFlags, io: CliIo): Promise<number> {
  const format = flags.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format ${format}: use table or json`);
  let plan: InstallPlan | undefined;
  let requests: PackageRequest[];
  if (command !== undefined) {
    const { parseInstallCommand } = await import('../scanners/supply-chain/install-command.js');
    plan = parseInstallCommand(command, io.cwd);
    if (flags.ecosystem !== undefined && ecosystemOf(flags.ecosystem) !== plan.ecosystem) {
      throw new UsageError(`--ecosystem ${flags.ecosystem} does not match the ${command[0]} command`);
    }
    requests = plan.packages;
  } else {
    if (specs.length === 0) {
      throw new UsageError('name at least one package (rampart guard NAME[@VERSION]...) or an install command after --');
    }
    requests = await namedPackages(specs, ecosystemOf(flags.ecosystem));
  }
  requests = uniqueRequests(requests);
  const config = guardConfig(flags, io);
  if (flags.db !== undefined) checkDatabase(config.deps.db!, flags.db);
  // A rampart.yaml in the current directory can allow names or lower the block level, so say which one applies.
  if (config.source !== undefined) io.stderr.write(`rampart: using ${config.source}\n`);
  if (plan?.registry !== undefined) {
    if (plan.ecosystem === 'npm') config.supplyChain.npmRegistry ??= plan.registry;
    else config.supplyChain.pypiIndex ??= plan.registry;
  }
  if (plan?.extraIndexes?.length) config.supplyChain.pypiExtraIndexes = plan.extraIndexes;

  const { assessments, walk } = await assessAll(requests, config, io, flags.deps !== false);
  const color = useColor(io, 'stdout', flags.color !== false);
  io.stdout.write(format === 'json' ? formatGuardJson(assessments, plan, walk) : formatGuardTable(assessments, plan, color, walk));
  const blocked = [...assessments, ...(walk?.dependencies ?? [])].filter((assessment) => assessment.verdict === 'block');
  if (command === undefined) return blocked.length > 0 ? 1 : 0;
  if (blocked.length > 0) {
    const names = [...new Set(blocked.map((assessment) => assessment.name))].join(', ');
    io.stderr.write(`rampart: not running "${command.join(' ')}": blocked ${names}\n`);
    return 1;
  }
  return runInstall(command, io, format === 'json');
}

function uniqueRequests(requests: PackageRequest[]): PackageRequest[] {
  const seen = new Set<string>();
  return requests.filter((request) => {
    const key = `${request.ecosystem}\0${request.name.toLowerCase()}\0${request.version ?? ''}\0${request.range ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A database named with --db must exist and open; a silent "no advisory database" would hide malware records. */
function checkDatabase(path: string, label: string): void {
  if (!existsSync(path)) throw new UsageError(`--db ${label}: no such file; run "rampart db update --db ${label}" first, or drop --db`);
  try {
    AdvisoryDatabase.open(path, { readonly: true }).close();
  } catch (error) {
    throw new UsageError(`--db ${label}: not a Rampart advisory database (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function assessAll(
  requests: PackageRequest[],
  config: RampartConfig,
  io: CliIo,
  withDependencies: boolean,
): Promise<{ assessments: Assessment[]; walk?: WalkResult }> {
  if (requests.length === 0) return { assessments: [] };
  const { openSession } = await import('../scanners/supply-chain/session.js');
  const session = openSession({
    config,
    env: io.env,
    cwd: io.cwd,
    projectRoot: io.cwd,
    inspection: 'always',
    preferNetwork: true,
    applyRuleSettings: true,
  });
  try {
    for (const warning of session.warnings) io.stderr.write(`rampart: warning: ${warning}\n`);
    const { assessPackage } = await import('../scanners/supply-chain/assess.js');
    const assessments = await Promise.all(requests.map((request) => assessPackage(request, session.context)));
    if (!withDependencies || !assessments.some((assessment) => assessment.ecosystem === 'npm')) return { assessments };
    // Dependencies are judged like a scan judges a lockfile: archives read only when something looks off.
    const { walkDependencies } = await import('../scanners/supply-chain/dependency-walk.js');
    const walk = await walkDependencies(assessments, { ...session.context, inspection: 'suspicious' });
    return { assessments, walk };
  } finally {
    session.close();
  }
}

/**
 * Run the install command as given, with the terminal, and return its exit
 * code. With JSON output, the command's stdout goes to stderr so that
 * stdout holds only the JSON document.
 */
function runInstall(command: string[], io: CliIo, jsonOutput: boolean): Promise<number> {
  return new Promise((resolveExit) => {
    const stdio: StdioOptions = jsonOutput ? ['inherit', 'pipe', 'inherit'] : 'inherit';
    const child = spawn(command[0]!, command.slice(1), { cwd: io.cwd, env: io.env, stdio, shell: false });
    child.stdout?.on('data', (chunk: Buffer) => io.stderr.write(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'ENOENT' ? 'command not found' : error.message;
      io.stderr.write(`rampart: cannot run ${command[0]}: ${reason}\n`);
      resolveExit(2);
    });
    child.on('close', (code, signal) => {
      resolveExit(code ?? (signal ? 128 + signalNumber(signal) : 1));
    });
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return numbers[signal] ?? 1;
}
