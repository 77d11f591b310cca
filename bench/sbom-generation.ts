/**
 * SBOM generation benchmark: `rampart sbom DIR --format cyclonedx --output F`
 * against `cyclonedx-npm --package-lock-only --output-file F` (version 6.0.1,
 * installed outside the project) on two npm projects: Rampart's own
 * package.json and package-lock.json, and the generated lockfile of about
 * 3,000 entries that the dependency-scan benchmark uses. It reports wall
 * time (median), peak RSS and the components each BOM lists.
 *
 *   npm i --prefix /tmp/cdx @cyclonedx/cyclonedx-npm@6.0.1
 *   node dist/bench/sbom-generation.js [--runs N] [--packages N] [--cyclonedx-npm FILE]
 *
 * cyclonedx-npm validates its BOM against the JSON schema unless given
 * --no-validate, so it is timed both ways; Rampart does not validate. It
 * also runs `npm ls` in a child process. GNU time reports the largest
 * single process of the tree as peak RSS, not their sum.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/core/package-root.js';
import { countBom, missingFrom, type BomCounts } from './fixtures-deps/cyclonedx-count.js';
import { DEFAULT_NPM_NAMES, DEFAULT_PYPI_NAMES, readNameLists, writeNpmProject } from './fixtures-deps/project.js';
import { formatMib, loadAverage, markdownTable, parseRuns } from './fixtures-deps/table.js';
import { chooseRssMethod, measureWarm, type RssMethod } from './lib/measure.js';

const DEFAULT_CYCLONEDX_NPM = '/tmp/cdx/node_modules/@cyclonedx/cyclonedx-npm/bin/cyclonedx-npm-cli.js';
const EXAMPLES = 5;

interface Project {
  label: string;
  dir: string;
  entries: number;
}

interface Row {
  project: string;
  tool: string;
  seconds: number;
  maxRssKiB?: number;
  counts: BomCounts;
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'cyclonedx-npm': { type: 'string', default: DEFAULT_CYCLONEDX_NPM },
      packages: { type: 'string', default: '2700' },
      'npm-names': { type: 'string', default: DEFAULT_NPM_NAMES },
    },
  });
  const packages = Number(values.packages);
  if (!Number.isInteger(packages) || packages < 100) throw new Error(`--packages ${values.packages}: expected 100 or more`);
  const cyclonedxNpm = values['cyclonedx-npm'] ?? DEFAULT_CYCLONEDX_NPM;
  if (!existsSync(cyclonedxNpm)) {
    throw new Error(`${cyclonedxNpm} not found; install it with: npm i --prefix /tmp/cdx @cyclonedx/cyclonedx-npm@6.0.1`);
  }
  return { runs: parseRuns(values.runs), cyclonedxNpm, packages, npmNames: values['npm-names'] ?? DEFAULT_NPM_NAMES };
}

/** Copy Rampart's own manifest and lockfile, a real project of a few hundred packages. */
function copyOwnProject(dir: string): Project {
  mkdirSync(dir);
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(packageRoot(), file), join(dir, file));
  return { label: "Rampart's own lockfile", dir, entries: 0 };
}

async function measureTool(
  project: Project,
  tool: string,
  args: string[],
  output: string,
  runs: number,
  rss: RssMethod,
): Promise<Row> {
  const command = { file: process.execPath, args, cwd: project.dir };
  const timed = await measureWarm(command, runs, rss, (run) => run.exitCode === 0);
  const row: Row = { project: project.label, tool, seconds: timed.medianSeconds, counts: countBom(output) };
  if (timed.maxRssKiB !== undefined) row.maxRssKiB = timed.maxRssKiB;
  return row;
}

async function benchProject(project: Project, scratch: string, options: ReturnType<typeof readOptions>, rss: RssMethod): Promise<Row[]> {
  const bin = join(packageRoot(), 'bin', 'rampart.js');
  const rampartOut = join(scratch, 'rampart.cdx.json');
  const cdxOut = join(scratch, 'cyclonedx-npm.cdx.json');
  const cdxArgs = [options.cyclonedxNpm, '--package-lock-only', '--output-format', 'JSON', '--output-file', cdxOut];
  return [
    await measureTool(project, 'rampart sbom', [bin, 'sbom', project.dir, '--format', 'cyclonedx', '--output', rampartOut], rampartOut, options.runs, rss),
    await measureTool(project, 'cyclonedx-npm', cdxArgs, cdxOut, options.runs, rss),
    await measureTool(project, 'cyclonedx-npm --no-validate', [...cdxArgs, '--no-validate'], cdxOut, options.runs, rss),
  ];
}

function printDifferences(rows: Row[]): void {
  const rampart = rows.find((row) => row.tool === 'rampart sbom');
  const cdx = rows.find((row) => row.tool === 'cyclonedx-npm');
  if (!rampart || !cdx) return;
  const onlyRampart = missingFrom(rampart.counts.purls, cdx.counts.purls);
  const onlyCdx = missingFrom(cdx.counts.purls, rampart.counts.purls);
  console.log(`${rampart.project}: ${onlyRampart.length} purls only in Rampart's BOM, ${onlyCdx.length} only in cyclonedx-npm's`);
  if (onlyRampart.length > 0) console.log(`  only Rampart: ${onlyRampart.slice(0, EXAMPLES).join(', ')}`);
  if (onlyCdx.length > 0) console.log(`  only cyclonedx-npm: ${onlyCdx.slice(0, EXAMPLES).join(', ')}`);
}

async function main(): Promise<void> {
  const options = readOptions();
  const scratch = mkdtempSync(join(tmpdir(), 'sbom-bench-'));
  try {
    const own = copyOwnProject(join(scratch, 'own'));
    const generatedDir = join(scratch, 'generated');
    mkdirSync(generatedDir);
    const names = readNameLists(options.npmNames, DEFAULT_PYPI_NAMES);
    const written = writeNpmProject(generatedDir, names.npm, options.packages);
    const generated: Project = { label: 'generated lockfile', dir: generatedDir, entries: written.generated.packages.length };
    console.log(
      `generated lockfile: ${generated.entries} entries, ${written.generated.distinct} distinct name@version, ` +
        `${written.generated.packages.filter((pkg) => pkg.dev).length} development-only`,
    );

    const loadBefore = loadAverage();
    const rss = chooseRssMethod();
    const rows: Row[] = [];
    for (const project of [own, generated]) {
      const projectRows = await benchProject(project, scratch, options, rss);
      printDifferences(projectRows);
      rows.push(...projectRows);
    }
    const loadAfter = loadAverage();

    const header = ['project', 'tool', 'seconds', 'peak RSS', 'components', 'distinct purls', 'development', 'edges'];
    const cells = rows.map((row) => [
      row.project,
      row.tool,
      row.seconds.toFixed(2),
      formatMib(row.maxRssKiB),
      String(row.counts.libraries),
      String(row.counts.purls.size),
      String(row.counts.development),
      String(row.counts.edges),
    ]);
    console.log('');
    console.log(markdownTable(header, cells, 2));
    console.log('');
    console.log(`median of ${options.runs} runs after one untimed run; peak RSS from ${rss}`);
    console.log(`load average (1, 5, 15 min): ${loadBefore} at the start, ${loadAfter} at the end`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
