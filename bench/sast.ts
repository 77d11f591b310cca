/**
 * sast stage benchmark against ESLint 9 with eslint-plugin-security's
 * recommended config. Both tools read the same copy of the JavaScript files
 * of node_modules/lodash, node_modules/express and node_modules/eslint/lib
 * (with --large, more packages as listed in LARGE_SOURCES):
 *
 *   node dist/bench/sast.js [--runs N] [--workers N] [--large] [--keep]
 *
 * ESLint runs through its Node API (`new ESLint(...).lintFiles`) in a new
 * Node process with no config file, only the plugin's recommended rules and
 * its default of one thread. Rampart runs as a user runs it:
 *
 *   rampart scan DIR --scanners sast --offline --format json --output FILE --fail-on none --no-progress
 *
 * with Rampart's own choice of worker threads unless --workers is given.
 * Each tool runs once untimed, then N times (default 3); the table gives
 * the median wall time of the whole process, node's start-up included.
 * The exit code is 0 whatever the figures are, 1 when a tool fails, and 2
 * for invalid arguments.
 *
 * The benchmark starts each ESLint run as `node dist/bench/sast.js
 * --eslint-child ROOT`, which prints a JSON summary of that run. This mode
 * is for the benchmark's own use.
 */
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Linter } from 'eslint';
import type { ScanReport } from '../src/core/report-types.js';
import { DEFAULT_MAX_FILE_SIZE } from '../src/core/config-types.js';
import { VENDORED_DIRS } from '../src/core/discovery.js';
import { packageRoot } from '../src/core/package-root.js';
import { builtinSastRules } from '../src/scanners/sast/rules/builtin.js';
import { chooseRssMethod, measureWarm, median, type MeasuredRun, type ToolMeasurement } from './lib/measure.js';

class ArgumentError extends Error {}

/** A folder of an installed package whose JavaScript files are copied. */
interface Source {
  packageName: string;
  /** Folder inside the package, '' for the whole package. */
  folder: string;
}

const DEFAULT_SOURCES: readonly Source[] = [
  { packageName: 'lodash', folder: '' },
  { packageName: 'express', folder: '' },
  { packageName: 'eslint', folder: 'lib' },
];

/**
 * Added by --large: widely used packages that are in Rampart's own
 * node_modules as (transitive) devDependencies, so their versions follow
 * package-lock.json. They mix CommonJS, ES modules and bundles.
 */
const LARGE_SOURCES: readonly Source[] = [
  { packageName: '@typescript-eslint/eslint-plugin', folder: '' },
  { packageName: 'handlebars', folder: '' },
  { packageName: 'async', folder: '' },
  { packageName: 'validator', folder: '' },
  { packageName: 'yaml', folder: '' },
  { packageName: 'acorn', folder: '' },
  { packageName: 'js-yaml', folder: '' },
  { packageName: 'pino', folder: '' },
  { packageName: 'source-map', folder: '' },
];

/** The file names the copy takes: the ones ESLint 9 lints by default. Minified files (`.min.js`) are left out. */
const JAVASCRIPT_FILE = /\.(?:js|cjs|mjs)$/;
const MINIFIED_FILE = /\.min\.(?:js|cjs|mjs)$/;

/**
 * A top-level `import` or `export` statement at the start of a line. ESLint
 * parses a `.js` file as an ES module only when its config sets that, and
 * some packages ship ES module sources as `.js` without `"type": "module"`
 * (handlebars' lib/).
 */
const ES_MODULE_SYNTAX = /^(?:import\s*[\w{*'"]|export\s+(?:default\b|const\b|let\b|var\b|function\b|class\b|async\b|\{|\*))/m;

const TREE_FOLDER = 'src';
const RAMPART_REPORT = 'rampart-report.json';

interface CopiedSource {
  label: string;
  version: string;
  files: number;
  lines: number;
}

interface CopiedTree {
  sources: CopiedSource[];
  files: number;
  lines: number;
  bytes: number;
  /** `.js` files copied as `.js.mjs` because they are ES modules. */
  renamedModules: number;
  /** Files over Rampart's default max-file-size, left out of the copy for both tools. */
  tooLarge: number;
}

/** Counts lines as `wc -l` does, plus a last line without a line break. */
function countLines(text: string): number {
  let lines = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
  if (text.length > 0 && !text.endsWith('\n')) lines++;
  return lines;
}

function readPackageType(dir: string): 'module' | 'commonjs' | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, 'package.json'), 'utf8');
  } catch {
    return undefined;
  }
  const type = (JSON.parse(text) as { type?: unknown }).type;
  return type === 'module' || type === 'commonjs' ? type : undefined;
}

/**
 * Copy the JavaScript files under `from` to `to`. Folders that Rampart skips
 * as vendored (node_modules among them) are left out, so both tools get the
 * same files. A `.js` file is an ES module when the nearest package.json
 * sets `"type": "module"` (as in Node) or when it contains import or export
 * statements. Such files get `.mjs` appended so that ESLint parses them as
 * modules and the rest as CommonJS.
 */
function copyJavaScript(from: string, to: string, moduleType: 'module' | 'commonjs', totals: CopiedTree): CopiedSource['files'] {
  const type = readPackageType(from) ?? moduleType;
  let files = 0;
  const entries = readdirSync(from, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) {
      if (!VENDORED_DIRS.has(entry.name)) files += copyJavaScript(source, join(to, entry.name), type, totals);
      continue;
    }
    if (!entry.isFile() || !JAVASCRIPT_FILE.test(entry.name) || MINIFIED_FILE.test(entry.name)) continue;
    const size = statSync(source).size;
    if (size > DEFAULT_MAX_FILE_SIZE) {
      totals.tooLarge++;
      continue;
    }
    const text = readFileSync(source, 'utf8');
    const isModuleJs = entry.name.endsWith('.js') && (type === 'module' || ES_MODULE_SYNTAX.test(text));
    mkdirSync(to, { recursive: true });
    copyFileSync(source, join(to, isModuleJs ? `${entry.name}.mjs` : entry.name));
    if (isModuleJs) totals.renamedModules++;
    totals.lines += countLines(text);
    totals.bytes += size;
    files++;
  }
  return files;
}

function copySources(sources: readonly Source[], treeRoot: string): CopiedTree {
  const nodeModules = join(packageRoot(), 'node_modules');
  const totals: CopiedTree = { sources: [], files: 0, lines: 0, bytes: 0, renamedModules: 0, tooLarge: 0 };
  for (const { packageName, folder } of sources) {
    const packageDir = join(nodeModules, packageName);
    const manifest = join(packageDir, 'package.json');
    if (!statSync(manifest, { throwIfNoEntry: false })?.isFile()) {
      throw new Error(`${packageDir}: package not found; run npm ci in ${packageRoot()}`);
    }
    const version = String((JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version);
    const label = [packageName.replace(/^@/, '').replace('/', '-'), folder].filter((part) => part !== '').join('-');
    const linesBefore = totals.lines;
    const packageType = readPackageType(packageDir) ?? 'commonjs';
    const files = copyJavaScript(join(packageDir, folder), join(treeRoot, label), packageType, totals);
    if (files === 0) throw new Error(`${join(packageDir, folder)}: no JavaScript files found`);
    totals.files += files;
    totals.sources.push({ label: folder === '' ? packageName : `${packageName}/${folder}`, version, files, lines: totals.lines - linesBefore });
  }
  return totals;
}

/** Summary of one ESLint run, printed as JSON in --eslint-child mode. */
interface EslintSummary {
  files: number;
  /** Messages of eslint-plugin-security's rules. */
  problems: number;
  /** Files ESLint could not parse, so no rule ran on them. */
  parseErrors: number;
  /** Other messages, such as unknown rules named in the packages' own eslint-disable comments. */
  otherMessages: number;
  byRule: Record<string, number>;
  /** Time from creating the ESLint instance to the end of lintFiles, in seconds. */
  lintSeconds: number;
  pluginVersion: string;
  ruleCount: number;
}

interface SecurityPlugin {
  meta: { version: string };
  configs: { recommended: Linter.Config };
}

/** Lint `root`'s tree with eslint-plugin-security's recommended rules alone and print an EslintSummary. */
async function runEslintChild(root: string): Promise<void> {
  const { ESLint } = await import('eslint');
  const require = createRequire(import.meta.url);
  const security = require('eslint-plugin-security') as SecurityPlugin;
  const started = performance.now();
  const eslint = new ESLint({
    cwd: join(root, TREE_FOLDER),
    overrideConfigFile: true,
    overrideConfig: [
      // Flat config parses .js as an ES module by default. The copy's .mjs files are the modules, and .cjs stays CommonJS.
      { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } },
      { linterOptions: { reportUnusedDisableDirectives: 'off' } },
      security.configs.recommended,
    ],
  });
  const results = await eslint.lintFiles(['.']);
  const lintSeconds = (performance.now() - started) / 1000;

  const summary: EslintSummary = {
    files: results.length,
    problems: 0,
    parseErrors: 0,
    otherMessages: 0,
    byRule: {},
    lintSeconds,
    pluginVersion: security.meta.version,
    ruleCount: Object.keys(security.configs.recommended.rules ?? {}).length,
  };
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal === true) summary.parseErrors++;
      else if (message.ruleId?.startsWith('security/') === true) {
        summary.problems++;
        summary.byRule[message.ruleId] = (summary.byRule[message.ruleId] ?? 0) + 1;
      } else summary.otherMessages++;
    }
  }
  console.log(JSON.stringify(summary));
}

interface RampartSummary {
  files: number;
  findings: number;
  fileErrors: number;
  warnings: string[];
  byRule: Record<string, number>;
  /** The sast scanner's own duration from the report, in seconds. */
  scannerSeconds: number;
}

function summarizeRampartReport(path: string): RampartSummary {
  const report = JSON.parse(readFileSync(path, 'utf8')) as ScanReport;
  const sast = report.scanners.find((scanner) => scanner.id === 'sast');
  if (sast === undefined || report.scanners.length !== 1) {
    throw new Error(`${path}: expected a report of the sast scanner alone, got ${report.scanners.map((scanner) => scanner.id).join(', ')}`);
  }
  if (sast.status !== 'ok') throw new Error(`rampart's sast scanner failed: ${sast.error ?? 'no reason given'}`);
  const byRule: Record<string, number> = {};
  for (const finding of report.findings) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  return {
    files: report.discovery.filesScanned,
    findings: report.findings.length,
    fileErrors: report.errors.length,
    warnings: report.warnings,
    byRule,
    scannerSeconds: sast.durationMs / 1000,
  };
}

interface Options {
  runs: number;
  workers?: number;
  large: boolean;
  keep: boolean;
  eslintChild?: string;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '3' },
      workers: { type: 'string' },
      large: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'eslint-child': { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new ArgumentError(`--runs ${values.runs}: expected a whole number of 1 or more`);
  const options: Options = { runs, large: values.large, keep: values.keep };
  if (values.workers !== undefined) {
    const workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 0) throw new ArgumentError(`--workers ${values.workers}: expected a whole number of 0 or more`);
    options.workers = workers;
  }
  if (values['eslint-child'] !== undefined) options.eslintChild = values['eslint-child'];
  return options;
}

function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

function formatRss(measured: ToolMeasurement): string {
  return measured.maxRssKiB === undefined ? 'not measured' : `${(measured.maxRssKiB / 1024).toFixed(0)} MiB`;
}

function formatRuns(measured: ToolMeasurement): string {
  return measured.runs.map((run) => run.wallSeconds.toFixed(2)).join(', ');
}

function printByRule(title: string, byRule: Record<string, number>): void {
  console.log(title);
  for (const [rule, count] of Object.entries(byRule).sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(6)}  ${rule}`);
}

/** Fail unless every run of a tool reported the same figures, so that the printed counts describe all runs. */
function checkSameAcrossRuns<T>(tool: string, summaries: readonly T[], key: (summary: T) => number): void {
  const values = new Set(summaries.map(key));
  if (values.size > 1) throw new Error(`${tool}: runs reported different counts (${[...values].join(', ')})`);
}

async function measureEslint(root: string, runs: number, rssMethod: ReturnType<typeof chooseRssMethod>): Promise<{ measured: ToolMeasurement; summaries: EslintSummary[] }> {
  const self = fileURLToPath(import.meta.url);
  const summaries: EslintSummary[] = [];
  const accept = (run: MeasuredRun): boolean => {
    if (run.exitCode !== 0) return false;
    summaries.push(JSON.parse(run.stdout) as EslintSummary);
    return true;
  };
  const command = { file: process.execPath, args: [self, '--eslint-child', root], captureStdout: true };
  const measured = await measureWarm(command, runs, rssMethod, accept);
  // The first summary is the untimed warm-up run's.
  return { measured, summaries: summaries.slice(1) };
}

async function measureRampart(root: string, options: Options, rssMethod: ReturnType<typeof chooseRssMethod>): Promise<{ measured: ToolMeasurement; summaries: RampartSummary[] }> {
  const report = join(root, RAMPART_REPORT);
  const bin = join(packageRoot(), 'bin', 'rampart.js');
  const args = [bin, 'scan', join(root, TREE_FOLDER), '--scanners', 'sast', '--offline', '--format', 'json', '--output', report, '--fail-on', 'none', '--no-progress'];
  if (options.workers !== undefined) args.push('--workers', String(options.workers));
  const summaries: RampartSummary[] = [];
  const accept = (run: MeasuredRun): boolean => {
    if (run.exitCode !== 0) return false;
    summaries.push(summarizeRampartReport(report));
    return true;
  };
  const measured = await measureWarm({ file: process.execPath, args }, options.runs, rssMethod, accept);
  return { measured, summaries: summaries.slice(1) };
}

async function runBenchmark(options: Options): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'rampart-sast-bench-'));
  try {
    const loadStart = loadavg()[0] ?? 0;
    const sources = options.large ? [...DEFAULT_SOURCES, ...LARGE_SOURCES] : DEFAULT_SOURCES;
    const tree = copySources(sources, join(root, TREE_FOLDER));
    const rssMethod = chooseRssMethod();
    const log = (line: string): void => void process.stderr.write(`${line}\n`);
    log(`copied ${tree.files} files, ${tree.lines} lines to ${join(root, TREE_FOLDER)}`);

    log('measuring ESLint');
    const eslint = await measureEslint(root, options.runs, rssMethod);
    log('measuring rampart');
    const rampart = await measureRampart(root, options, rssMethod);
    const loadEnd = loadavg()[0] ?? 0;

    checkSameAcrossRuns('ESLint', eslint.summaries, (summary) => summary.problems);
    checkSameAcrossRuns('rampart', rampart.summaries, (summary) => summary.findings);
    const eslintLast = eslint.summaries.at(-1) as EslintSummary;
    const rampartLast = rampart.summaries.at(-1) as RampartSummary;
    const javascriptRules = builtinSastRules().filter((rule) => rule.languages.includes('javascript')).length;
    const eslintVersion = (JSON.parse(readFileSync(join(packageRoot(), 'node_modules', 'eslint', 'package.json'), 'utf8')) as { version: string }).version;

    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    console.log(`Machine: ${availableParallelism()} cores available (as nproc counts), ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.versions.node}`);
    console.log(`Load average: ${loadStart.toFixed(2)} at the start, ${loadEnd.toFixed(2)} at the end`);
    const parts = tree.sources.map((source) => `${source.label} ${source.version} (${formatCount(source.files)} files, ${formatCount(source.lines)} lines)`);
    console.log(`Tree: ${formatCount(tree.files)} JavaScript files, ${formatCount(tree.lines)} lines, ${(tree.bytes / 2 ** 20).toFixed(1)} MiB: ${parts.join(', ')}`);
    console.log(`ES modules copied as .js.mjs: ${tree.renamedModules}; files over ${DEFAULT_MAX_FILE_SIZE} bytes left out: ${tree.tooLarge}`);
    console.log(`ESLint ${eslintVersion} with eslint-plugin-security ${eslintLast.pluginVersion} recommended (${eslintLast.ruleCount} rules), one thread`);
    const workers = options.workers === undefined ? 'workers by scan size' : `--workers ${options.workers}`;
    console.log(`Rampart sast: ${javascriptRules} built-in JavaScript rules, ${workers}; RSS by ${rssMethod}; ${options.runs} timed runs`);
    console.log('');

    const rows = [
      { tool: 'ESLint + eslint-plugin-security', files: eslintLast.files, measured: eslint.measured, findings: eslintLast.problems },
      { tool: 'rampart scan --scanners sast', files: rampartLast.files, measured: rampart.measured, findings: rampartLast.findings },
    ];
    console.log('| tool | files | lines | median wall time | lines/s | findings | peak RSS |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const row of rows) {
      const seconds = row.measured.medianSeconds;
      const perSecond = formatCount(Math.round(tree.lines / seconds));
      console.log(`| ${row.tool} | ${formatCount(row.files)} | ${formatCount(tree.lines)} | ${seconds.toFixed(2)} s | ${perSecond} | ${formatCount(row.findings)} | ${formatRss(row.measured)} |`);
    }
    console.log('');
    const ratio = rampart.measured.medianSeconds / eslint.measured.medianSeconds;
    console.log(`Rampart takes ${ratio.toFixed(2)} times ESLint's wall time, so its lines per second are ${(1 / ratio).toFixed(2)} times ESLint's.`);
    console.log(`Runs: ESLint ${formatRuns(eslint.measured)} s; Rampart ${formatRuns(rampart.measured)} s`);
    const lintMedian = median(eslint.summaries.map((summary) => summary.lintSeconds));
    const scannerMedian = median(rampart.summaries.map((summary) => summary.scannerSeconds));
    console.log(`Inside the process (medians): ESLint's lintFiles ${lintMedian.toFixed(2)} s; Rampart's sast scanner ${scannerMedian.toFixed(2)} s`);
    console.log(`ESLint: ${eslintLast.parseErrors} files not parsed, ${eslintLast.otherMessages} other messages`);
    console.log(`Rampart: ${rampartLast.fileErrors} file errors, warnings: ${rampartLast.warnings.length === 0 ? 'none' : rampartLast.warnings.join('; ')}`);
    for (const row of rows) {
      if (row.files !== tree.files) console.log(`NOTE: ${row.tool} read ${row.files} files, the copy has ${tree.files}; lines/s is not comparable`);
    }
    printByRule('ESLint problems by rule:', eslintLast.byRule);
    printByRule('Rampart findings by rule:', rampartLast.byRule);
    if (options.keep) console.log(`\nTree and report kept at ${root}`);
  } finally {
    if (!options.keep) rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`bench: ${(error as Error).message}`);
    return 2;
  }
  if (options.eslintChild !== undefined) await runEslintChild(options.eslintChild);
  else await runBenchmark(options);
  return 0;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
