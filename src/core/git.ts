/**
 * Staged changes and git history as SourceText: the lines that the index or
 * each commit added, with their line numbers in the real file.
 *
 * The scanned repository is untrusted. Its config can name programs (hooks,
 * fsmonitor, external diff, textconv, pager, gpg), so every git call below
 * overrides those settings, and only read-only commands run: diff --cached,
 * log, rev-parse and rev-list. Nothing checks out, merges or touches the work
 * tree, so no clean/smudge filter runs either.
 */

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { UsageError } from './errors.js';
import type { SourceText } from './source.js';
import { LineSplitter, PatchParser } from './git-patch.js';

/** Counters filled in while reading; pass one in to learn what was skipped. */
export interface GitReadStats {
  commits: number;
  /** Files whose diff git reported as binary, so they were not scanned. */
  binaryFiles: number;
}

export interface HistoryOptions {
  /** A revision: only commits after it (`since..HEAD`) are read. */
  since?: string;
  /** Read at most this many commits, newest first. */
  maxCommits?: number;
  stats?: GitReadStats;
}

/** A git command that exited with a non-zero code for a reason other than bad input. */
export class GitCommandError extends Error {
  constructor(
    readonly exitCode: number | null,
    readonly stderr: string,
    message: string,
  ) {
    super(message);
    this.name = 'GitCommandError';
  }
}

/**
 * Config overrides. Most stop the repository's config from running a
 * program; quotePath and logOutputEncoding fix the output format the parser reads.
 */
const SAFE_CONFIG = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'diff.external=',
  'core.pager=cat',
  'log.showSignature=false',
  // Missing objects in a partial clone would trigger a fetch, which can run
  // core.sshCommand or a remote helper. With no protocol allowed, it fails.
  'protocol.allow=never',
  'core.quotePath=false',
  'i18n.logOutputEncoding=UTF-8',
];

const DIFF_FLAGS = [
  // Diff every file as text: a repository's .gitattributes (`-diff`, `binary`)
  // or core.bigFileThreshold must not hide a file from the scan. Files with
  // NUL bytes are dropped as binary after parsing instead.
  '--text',
  '--no-ext-diff',
  '--no-textconv',
  '--no-color',
  '-U0',
  '--inter-hunk-context=0',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '--relative',
  '--ignore-submodules=all',
];

/** Variables that would make git read another repository than `root`, or run a program. */
const DROPPED_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_INDEX_FILE',
  'GIT_EXTERNAL_DIFF',
  'GIT_DIFF_OPTS',
  'GIT_PAGER',
];

/** Each commit's header line: COMMIT_MARKER (git-patch.ts), then NUL-separated fields. */
const COMMIT_FORMAT = '--format=%x00rampart-commit%x00%H%x00%an%x00%ae%x00%aI%x00%s';
const MAX_STDERR = 64 * 1024;

function gitEnvironment(indexFile?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of DROPPED_VARIABLES) delete env[name];

  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_CONFIG_NOSYSTEM = '1';
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_NO_LAZY_FETCH = '1';
  // Replace refs could swap a commit that contains a secret for a clean one.
  env.GIT_NO_REPLACE_OBJECTS = '1';
  if (indexFile) env.GIT_INDEX_FILE = indexFile;
  return env;
}

interface GitProcess {
  stdout: AsyncIterable<Buffer>;
  /** Resolves when git has exited; rejects with UsageError when git is not installed. */
  finished: Promise<{ code: number | null; stderr: string }>;
  kill(): void;
}

function startGit(root: string, args: string[], env: NodeJS.ProcessEnv): GitProcess {
  const config = SAFE_CONFIG.flatMap((setting) => ['-c', setting]);
  const child = spawn('git', ['--no-pager', ...config, '-C', root, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    if (stderr.length < MAX_STDERR) stderr += text;
  });

  const finished = new Promise<{ code: number | null; stderr: string }>((done, fail) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') return fail(error);
      const hint = '--history and --staged need git (install git, or drop the flag)';
      fail(new UsageError(`git not found on PATH; ${hint}`, { cause: error }));
    });
    child.on('close', (code) => done({ code, stderr }));
  });
  // The caller may stop reading stdout early; the rejection is still seen through `finished`.
  finished.catch(() => undefined);

  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
  };
  return { stdout: child.stdout, finished, kill };
}

/** Run git to completion and return its output (for small outputs only). */
async function runGit(root: string, args: string[], indexFile?: string) {
  const git = startGit(root, args, gitEnvironment(indexFile));
  const chunks: Buffer[] = [];
  for await (const chunk of git.stdout) chunks.push(chunk);
  const { code, stderr } = await git.finished;
  return { code, stderr, stdout: Buffer.concat(chunks).toString('utf8') };
}

function commandError(args: string[], code: number | null, stderr: string): GitCommandError {
  const detail = stderr.trim().split('\n')[0] ?? '';
  const message = `git ${args[0] ?? ''} failed with exit code ${String(code)}: ${detail}`;
  return new GitCommandError(code, stderr, message);
}

/** Return whether `dir` is inside a git work tree or is a git directory. */
export async function isGitRepository(dir: string): Promise<boolean> {
  const { code } = await runGit(dir, ['rev-parse', '--git-dir']);
  return code === 0;
}

async function assertRepository(root: string): Promise<void> {
  const { code, stderr } = await runGit(root, ['rev-parse', '--git-dir']);
  if (code === 0) return;

  // NOTE: git reports an untrusted owner only in its message text (git 2.35.2 and later).
  if (stderr.includes('safe.directory')) {
    const message = `git will not read ${root} because another user owns it; `;
    throw new UsageError(`${message}add it with: git config --global --add safe.directory ${root}`);
  }
  const hint = '--history and --staged need one (run git init, or drop the flag)';
  throw new UsageError(`${root} is not a git repository; ${hint}`);
}

/** Return the commit id that `revision` names, or undefined when it names no commit. */
async function resolveCommit(root: string, revision: string): Promise<string | undefined> {
  const args = ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`];
  const { code, stdout } = await runGit(root, args);
  return code === 0 ? stdout.trim() : undefined;
}

async function revisionRange(root: string, since: string | undefined): Promise<string | undefined> {
  if (!(await resolveCommit(root, 'HEAD'))) return undefined;
  if (since === undefined) return 'HEAD';

  const sinceCommit = since.startsWith('-') ? undefined : await resolveCommit(root, since);
  if (!sinceCommit) {
    const hint = 'use a commit id, tag or branch name that exists in this repository';
    throw new UsageError(`unknown --since revision "${since}" in ${root}; ${hint}`);
  }
  return `${sinceCommit}..HEAD`;
}

/** Return the index file a pre-commit hook was given, as `git commit -a` uses a temporary one. */
function hookIndexFile(): string | undefined {
  const value = process.env.GIT_INDEX_FILE;
  return value ? resolve(process.cwd(), value) : undefined;
}

/**
 * Read the lines added in the index compared with HEAD, or with the empty
 * tree before the first commit. Binary files are skipped and counted in `stats`.
 */
export async function readStaged(root: string, stats?: GitReadStats): Promise<SourceText[]> {
  await assertRepository(root);
  const args = ['diff', '--cached', ...DIFF_FLAGS, '--no-renames', '--diff-filter=ACMRT'];
  const sources: SourceText[] = [];
  for await (const source of readPatches(root, args, hookIndexFile(), stats)) sources.push(source);
  return sources;
}

/**
 * Read every commit reachable from HEAD (or in `since..HEAD`), newest first,
 * and yield one SourceText per commit and file with the lines it added.
 *
 * Like gitleaks v8 (`git log -p -U0 --full-history --all`), the log passes
 * --full-history, which only matters once a path limit is added. Unlike
 * gitleaks, it reads the history of HEAD, not of every ref.
 * Merge commits are read as dense combined diffs (--cc): only lines that
 * differ from every parent, such as a conflict resolution, count as added
 * by the merge, because lines from either parent are read in the commit that
 * added them. Renames are detected (-M), so moving a file does not report its
 * content again. A file deleted later is still read in the commit that added it.
 */
export async function* readHistory(
  root: string,
  options: HistoryOptions,
): AsyncGenerator<SourceText> {
  await assertRepository(root);
  const { maxCommits } = options;
  if (maxCommits !== undefined && !(Number.isInteger(maxCommits) && maxCommits > 0)) {
    throw new UsageError(`invalid maximum commit count ${maxCommits}; use a positive integer`);
  }
  const range = await revisionRange(root, options.since);
  if (!range) return;

  const args = ['log', '-p', '--cc', ...DIFF_FLAGS, '-M', '--full-history', '--root'];
  args.push('--no-show-signature', '--no-notes', COMMIT_FORMAT);
  if (maxCommits !== undefined) args.push(`--max-count=${maxCommits}`);
  args.push(range, '--');
  yield* readPatches(root, args, undefined, options.stats);
}

/** Count the commits that readHistory would read with the same `since`. */
/** Whether `root` is a shallow clone, whose history stops at a cut-off commit. */
export async function isShallowRepository(root: string): Promise<boolean> {
  const { code, stdout } = await runGit(root, ['rev-parse', '--is-shallow-repository']);
  return code === 0 && stdout.trim() === 'true';
}

export async function countCommits(root: string, since?: string): Promise<number> {
  await assertRepository(root);
  const range = await revisionRange(root, since);
  if (!range) return 0;

  const args = ['rev-list', '--count', range, '--'];
  const { code, stdout, stderr } = await runGit(root, args);
  if (code !== 0) throw commandError(args, code, stderr);
  return Number.parseInt(stdout.trim(), 10);
}

async function* readPatches(
  root: string,
  args: string[],
  indexFile: string | undefined,
  stats: GitReadStats | undefined,
): AsyncGenerator<SourceText> {
  const git = startGit(root, args, gitEnvironment(indexFile));
  const parser = new PatchParser(stats ?? { commits: 0, binaryFiles: 0 });
  const lines = new LineSplitter();
  try {
    for await (const chunk of git.stdout) {
      lines.push(chunk, (line) => parser.line(line));
      yield* parser.take();
    }
    lines.end((line) => parser.line(line));
    parser.end();
    yield* parser.take();

    const { code, stderr } = await git.finished;
    if (code !== 0) throw commandError(args, code, stderr);
  } finally {
    git.kill();
  }
}
