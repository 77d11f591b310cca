/**
 * Secret-scanning throughput of Rampart against secretlint (recommended
 * preset) and ripgrep (Rampart's own rule patterns) on one warm tree.
 *
 *   npm run bench -- [--tree PATH] [--runs N] [--secretlint-max-seconds S]
 *                    [--skip secretlint,ripgrep,ripgrep-patterns] [--json]
 *
 * The tree defaults to the project's node_modules. Each tool runs once
 * untimed, then N times (3 by default); the table shows medians. With
 * --skip, the named measurements are left out: `ripgrep-patterns` is rg
 * with the rule patterns as written, which can take minutes per run. Exit code
 * 0 when every tool ran, 2 when rg is missing (ripgrep is skipped) or the
 * arguments are invalid, 1 when a tool failed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/core/package-root.js';
import { loadSecretRules } from '../src/scanners/secrets/rules.js';
import { chooseRssMethod, type RssMethod } from './lib/measure.js';
import { printThroughput, type ThroughputResult } from './lib/print-throughput.js';
import { benchRampart } from './lib/rampart-run.js';
import { MIB, computeRatios, describeRow, type ResultRow } from './lib/report.js';
import { findRipgrep, ripgrepVersion } from './lib/ripgrep.js';
import { benchRipgrep, type RipgrepResult } from './lib/ripgrep-run.js';
import { findSecretlint } from './lib/secretlint.js';
import { benchSecretlint, type SecretlintResult } from './lib/secretlint-run.js';
import { measureTree } from './lib/tree.js';

class ArgumentError extends Error {}

const SKIPPABLE = ['secretlint', 'ripgrep', 'ripgrep-patterns'] as const;
type Skippable = (typeof SKIPPABLE)[number];

interface Options {
  tree: string;
  runs: number;
  secretlintMaxSeconds: number;
  skip: Set<Skippable>;
  json: boolean;
}

function parseSkip(value: string): Set<Skippable> {
  const names = value.split(',').map((name) => name.trim()).filter((name) => name !== '');
  for (const name of names) {
    if (!(SKIPPABLE as readonly string[]).includes(name)) {
      throw new ArgumentError(`--skip ${name}: unknown measurement; use ${SKIPPABLE.join(', ')}`);
    }
  }
  return new Set(names as Skippable[]);
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      tree: { type: 'string' },
      runs: { type: 'string', default: '3' },
      'secretlint-max-seconds': { type: 'string', default: '600' },
      skip: { type: 'string', default: '' },
      json: { type: 'boolean', default: false },
    },
  });
  const tree = resolve(values.tree ?? join(packageRoot(), 'node_modules'));
  if (!statSync(tree, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ArgumentError(`--tree ${tree}: not a directory; pass a folder to scan`);
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new ArgumentError(`--runs ${values.runs}: expected a whole number of 1 or more`);
  }
  const maxSeconds = Number(values['secretlint-max-seconds']);
  if (!(maxSeconds > 0)) {
    const given = values['secretlint-max-seconds'];
    throw new ArgumentError(`--secretlint-max-seconds ${given}: expected a positive number`);
  }
  const skip = parseSkip(values.skip);
  return { tree, runs, secretlintMaxSeconds: maxSeconds, skip, json: values.json };
}

function describeRevision(root: string): string {
  const args = ['-C', root, 'describe', '--always', '--dirty'];
  const run = spawnSync('git', args, { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : 'unknown';
}

type Rules = ReturnType<typeof loadSecretRules>;

async function measureRipgrep(
  rules: Rules,
  options: Options,
  rssMethod: RssMethod,
): Promise<RipgrepResult | undefined> {
  const rg = findRipgrep();
  if (!rg || options.skip.has('ripgrep')) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'secrets-bench-rg-'));
  const skipPatterns = options.skip.has('ripgrep-patterns');
  try {
    return await benchRipgrep(rg, rules, options.tree, dir, options.runs, rssMethod, skipPatterns);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureSecretlint(
  options: Options,
  rssMethod: RssMethod,
  log: (line: string) => void,
): Promise<SecretlintResult | undefined> {
  if (options.skip.has('secretlint')) return undefined;
  const install = findSecretlint(packageRoot());
  if (!install) {
    log('secretlint is not installed under node_modules (run npm ci); skipping it');
    return undefined;
  }
  const { tree, runs, secretlintMaxSeconds: maxSeconds } = options;
  return benchSecretlint(install, { tree, runs, rssMethod, maxSeconds, log });
}

async function runAll(options: Options, log: (line: string) => void): Promise<ThroughputResult> {
  const root = packageRoot();
  const bin = join(root, 'bin', 'rampart.js');
  const rules = loadSecretRules();
  if (rules.length === 0) {
    throw new ArgumentError('no secret rules in rules/secrets; nothing to compare');
  }
  const rssMethod = chooseRssMethod();
  const loadStart = loadavg()[0] ?? 0;
  const tree = { path: options.tree, ...measureTree(options.tree) };
  const size = (tree.bytes / MIB).toFixed(1);
  log(`tree ${tree.path}: ${tree.files} files, ${size} MiB; ${rules.length} rules`);

  const report = (row: ResultRow): void => log(`  ${describeRow(row)}`);
  log('measuring rampart');
  const rampart = await benchRampart(bin, options.tree, options.runs, rssMethod);
  report(rampart.row);
  const rampartSingleThread = await benchRampart(bin, options.tree, options.runs, rssMethod, 0);
  report(rampartSingleThread.row);
  log('measuring ripgrep');
  const ripgrep = await measureRipgrep(rules, options, rssMethod);
  for (const run of [ripgrep?.patterns, ripgrep?.asciiPatterns, ripgrep?.keywords]) {
    if (run) report(run.row);
  }
  log('measuring secretlint');
  const secretlint = await measureSecretlint(options, rssMethod, log);
  if (secretlint) report(secretlint.row);

  const rows: ResultRow[] = [rampart.row, rampartSingleThread.row];
  if (secretlint) rows.push(secretlint.row);
  if (ripgrep?.patterns) rows.push(ripgrep.patterns.row);
  if (ripgrep) rows.push(ripgrep.asciiPatterns.row, ripgrep.keywords.row);
  const ratios = computeRatios({
    rampart: rampart.row,
    secretlint: secretlint?.row,
    ripgrep: ripgrep?.patterns?.row,
    ripgrepAscii: ripgrep?.asciiPatterns.row,
    ripgrepKeywords: ripgrep?.keywords.row,
  });

  const result: ThroughputResult = {
    revision: describeRevision(root),
    loadAverage: { start: loadStart, end: loadavg()[0] ?? 0 },
    tree,
    runs: options.runs,
    rssMethod,
    ruleCount: rules.length,
    rampart,
    rampartSingleThread,
    rows,
    ratios,
  };
  if (secretlint) result.secretlint = secretlint;
  if (ripgrep) {
    result.ripgrep = ripgrep;
    result.ripgrepVersion = ripgrepVersion('rg');
  }
  return result;
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`bench: ${(error as Error).message}`);
    return 2;
  }
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const rgMissing = !options.skip.has('ripgrep') && findRipgrep() === undefined;
  if (rgMissing) {
    log('bench: rg (ripgrep) not found on PATH; skipping ripgrep.');
    log('Install it with: apt-get install -y ripgrep');
  }

  const result = await runAll(options, log);
  if (options.json) console.log(JSON.stringify(result, null, 2));
  else printThroughput(result);
  return rgMissing ? 2 : 0;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  return error instanceof ArgumentError ? 2 : 1;
});
