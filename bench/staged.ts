/**
 * End-to-end time of `rampart scan --staged` as a pre-commit hook runs it:
 * a generated project of about 300 files is committed to a new git
 * repository, then 20 files get about 300 added lines each (two with fake
 * secrets) and are staged. The scan runs once untimed, then 5 times; the
 * median includes starting Node.
 *
 *   node dist/bench/staged.js [--runs N] [--json]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/core/package-root.js';
import type { ScanReport } from '../src/core/report-types.js';
import { fakeSecrets, generateEdits, generateProject } from './lib/fake-project.js';
import { chooseRssMethod, measureWarm } from './lib/measure.js';

const CHANGED_FILES = 20;
const LINES_PER_FILE = 300;

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench Author',
  GIT_AUTHOR_EMAIL: 'bench@example.test',
  GIT_COMMITTER_NAME: 'Bench Author',
  GIT_COMMITTER_EMAIL: 'bench@example.test',
};

function git(dir: string, args: string[]): void {
  const options = { env: GIT_ENV, stdio: 'ignore' as const };
  execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-C', dir, ...args], options);
}

function writeFiles(root: string, files: Iterable<[string, string]>): void {
  for (const [path, content] of files) {
    const absolute = join(root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
  }
}

interface Prepared {
  projectFiles: number;
  changedFiles: number;
  addedLines: number;
}

/** Create the repository in `dir`: one commit with the project, then the staged edits. */
function prepareRepository(dir: string): Prepared {
  const project = generateProject();
  git(dir, ['init', '--quiet', '--initial-branch=main']);
  writeFiles(dir, project);
  git(dir, ['add', '--all']);
  git(dir, ['commit', '--quiet', '-m', 'Add the shop']);

  const edits = generateEdits(project, CHANGED_FILES, LINES_PER_FILE);
  writeFiles(dir, edits.map((edit) => [edit.path, edit.content]));
  git(dir, ['add', '--all']);
  const addedLines = edits.reduce((sum, edit) => sum + edit.addedLines, 0);
  return { projectFiles: project.size, changedFiles: edits.length, addedLines };
}

/** Check that the scan saw the staged edits and found both planted secrets. */
function checkReport(report: ScanReport): string[] {
  const problems: string[] = [];
  const secrets = fakeSecrets();
  const rules = new Set(report.findings.map((finding) => finding.ruleId));
  for (const rule of ['secrets/aws-access-key-id', 'secrets/github-personal-access-token']) {
    if (!rules.has(rule)) problems.push(`expected a ${rule} finding`);
  }
  const output = JSON.stringify(report);
  if (output.includes(secrets.awsKeyId) || output.includes(secrets.githubToken)) {
    problems.push('the report contains a planted secret in clear text');
  }
  return problems;
}

interface StagedResult extends Prepared {
  runs: number;
  medianSeconds: number;
  secondsPerRun: number[];
  maxRssKiB: number | undefined;
  findings: number;
  /** The scan's own duration from the report, without Node's start-up. */
  scanDurationMs: number;
  problems: string[];
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '5' }, json: { type: 'boolean', default: false } },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`bench: --runs ${values.runs}: expected a whole number of 1 or more`);
    return 2;
  }

  const dir = mkdtempSync(join(tmpdir(), 'staged-bench-'));
  try {
    const prepared = prepareRepository(dir);
    const bin = join(packageRoot(), 'bin', 'rampart.js');
    const args = [bin, 'scan', '--staged', '--format', 'json'];
    const command = { file: process.execPath, args, cwd: dir, captureStdout: true };
    // Exit code 1: the planted secrets are at or above the default fail-on level.
    const timed = await measureWarm(command, runs, chooseRssMethod(), (run) => run.exitCode === 1);

    const report = JSON.parse(timed.runs.at(-1)?.stdout ?? '') as ScanReport;
    const problems = checkReport(report);
    const result: StagedResult = {
      ...prepared,
      runs,
      medianSeconds: timed.medianSeconds,
      secondsPerRun: timed.runs.map((run) => Number(run.wallSeconds.toFixed(3))),
      maxRssKiB: timed.maxRssKiB,
      findings: report.findings.length,
      scanDurationMs: report.durationMs,
      problems,
    };
    if (values.json) console.log(JSON.stringify(result, null, 2));
    else printText(result);
    return problems.length === 0 ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function printText(result: StagedResult): void {
  const seconds = result.secondsPerRun.join(', ');
  console.log(
    `repository: ${result.projectFiles} files committed; ` +
      `${result.changedFiles} files staged with ${result.addedLines} added lines`,
  );
  console.log(
    `rampart scan --staged: median ${result.medianSeconds.toFixed(3)} s ` +
      `over ${result.runs} runs (${seconds} s)`,
  );
  console.log(
    `peak RSS ${result.maxRssKiB ?? 'n/a'} KiB; ${result.findings} findings; ` +
      `scan duration in the report ${result.scanDurationMs} ms`,
  );
  for (const problem of result.problems) console.log(`problem: ${problem}`);
}

process.exitCode = await main();
