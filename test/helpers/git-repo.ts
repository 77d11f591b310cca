/**
 * Real git repositories in temporary directories, built with a fixed
 * identity and fixed dates so commit ids are the same on every run.
 */

import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const TEST_AUTHOR = { name: 'Ada Tester', email: 'ada@example.test' };

/** Author date of the first commit; each later commit is one hour later. */
export const FIRST_COMMIT_DATE = '2024-01-01T00:00:00Z';

/** File contents by relative path; null deletes the file. */
export type FileChanges = Record<string, string | Buffer | null>;

export interface CommitSpec {
  message: string;
  files: FileChanges;
  /** ISO date for author and committer; FIRST_COMMIT_DATE plus one hour per commit otherwise. */
  date?: string;
  author?: { name: string; email: string };
  /** Branch to commit on; `main` when absent. */
  branch?: string;
  /** Start `branch` from this ref (used for the first commit on a new branch). */
  from?: string;
  /** Refs merged into this commit as further parents. */
  merge?: string[];
}

/** Environment for the helper's own git calls: no user or system config, fixed identity. */
export function gitTestEnvironment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: TEST_AUTHOR.name,
    GIT_AUTHOR_EMAIL: TEST_AUTHOR.email,
    GIT_COMMITTER_NAME: TEST_AUTHOR.name,
    GIT_COMMITTER_EMAIL: TEST_AUTHOR.email,
    GIT_AUTHOR_DATE: FIRST_COMMIT_DATE,
    GIT_COMMITTER_DATE: FIRST_COMMIT_DATE,
  };
}

/** Run git in `dir` with hooks disabled and return its stdout. */
export function git(dir: string, args: string[], input?: Buffer | string): string {
  return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-C', dir, ...args], {
    env: gitTestEnvironment(),
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** Write (or with null, delete) files under `dir`, creating folders as needed. */
export async function writeFiles(dir: string, files: FileChanges): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    if (content === null) {
      await rm(target, { force: true });
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/**
 * Create a repository on branch `main`, make `commits` in order (through
 * git fast-import, so thousands take a second), check out the result, then
 * write `staged` into the work tree and add it to the index uncommitted.
 * Returns the repository's absolute path; the caller removes it.
 */
export async function makeRepo(staged: FileChanges, commits: CommitSpec[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-git-'));
  git(dir, ['init', '-q', '-b', 'main']);

  if (commits.length > 0) {
    git(dir, ['fast-import', '--quiet', '--done'], fastImportStream(commits));
    git(dir, ['read-tree', '-u', '--reset', 'HEAD']);
  }

  await writeFiles(dir, staged);
  const paths = Object.keys(staged);
  if (paths.length > 0) git(dir, ['add', '-A', '--', ...paths]);
  return dir;
}

/** Return the commit id that `revision` names in `dir`. */
export function revParse(dir: string, revision: string): string {
  return git(dir, ['rev-parse', '--verify', revision]).trim();
}

function fastImportStream(commits: CommitSpec[]): Buffer {
  const parts: Buffer[] = [];
  const firstSeconds = Date.parse(FIRST_COMMIT_DATE) / 1000;

  commits.forEach((commit, index) => {
    const seconds = commit.date ? Date.parse(commit.date) / 1000 : firstSeconds + index * 3600;
    const author = commit.author ?? TEST_AUTHOR;
    const ident = `${author.name} <${author.email}> ${seconds} +0000`;
    const header = [`commit refs/heads/${commit.branch ?? 'main'}`, `author ${ident}`];
    header.push(`committer ${ident}`);
    parts.push(Buffer.from(`${header.join('\n')}\n`), dataBlock(commit.message));
    if (commit.from) parts.push(Buffer.from(`from ${commit.from}\n`));
    for (const ref of commit.merge ?? []) parts.push(Buffer.from(`merge ${ref}\n`));

    for (const [path, content] of Object.entries(commit.files)) {
      if (content === null) {
        parts.push(Buffer.from(`D ${quotePath(path)}\n`));
      } else {
        parts.push(Buffer.from(`M 100644 inline ${quotePath(path)}\n`), dataBlock(content));
      }
    }
    parts.push(Buffer.from('\n'));
  });
  parts.push(Buffer.from('done\n'));
  return Buffer.concat(parts);
}

function dataBlock(content: string | Buffer): Buffer {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return Buffer.concat([Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from('\n')]);
}

/** C-style quoting, which fast-import accepts for any path. */
function quotePath(path: string): string {
  const escaped = path
    .replaceAll('\\', '\\\\')
    .replaceAll('"', '\\"')
    .replaceAll('\n', '\\n')
    .replaceAll('\t', '\\t');
  return `"${escaped}"`;
}
