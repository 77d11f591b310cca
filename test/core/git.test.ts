import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/core/errors.js';
import {
  countCommits,
  isGitRepository,
  readHistory,
  readStaged,
  type GitReadStats,
  type HistoryOptions,
} from '../../src/core/git.js';
import type { SourceText } from '../../src/core/source.js';
import {
  git,
  gitTestEnvironment,
  makeRepo,
  revParse,
  type CommitSpec,
} from '../helpers/git-repo.js';

const created: string[] = [];
after(async () => {
  for (const dir of created) await rm(dir, { recursive: true, force: true });
});

async function repo(staged: Parameters<typeof makeRepo>[0], commits: CommitSpec[] = []) {
  const dir = await makeRepo(staged, commits);
  created.push(dir);
  return dir;
}

async function collect(root: string, options: HistoryOptions = {}): Promise<SourceText[]> {
  const sources: SourceText[] = [];
  for await (const source of readHistory(root, options)) sources.push(source);
  return sources;
}

const FAKE_MAILGUN = 'key-3f9c0a7d1e5b48f2a6c90d3e7b1f4a58';

const BASE_FILE = ['one', 'two', 'three', 'four', 'five'].join('\n') + '\n';

describe('readStaged', () => {
  test('added lines and line numbers exact', async () => {
    const root = await repo(
      {
        'app.txt': ['one', 'TWO', 'three', 'four', 'new a', 'new b'].join('\n') + '\n',
        'fresh.txt': 'alpha\nbeta\n',
        'gone.txt': null,
      },
      [{ message: 'base', files: { 'app.txt': BASE_FILE, 'gone.txt': 'bye\n' } }],
    );

    const sources = await readStaged(root);

    assert.deepEqual(
      sources.map((source) => source.path),
      ['app.txt', 'fresh.txt'],
    );
    assert.equal(sources[0]?.text, 'TWO\nnew a\nnew b');
    assert.deepEqual(sources[0]?.lineMap, [2, 5, 6]);
    assert.equal(sources[0]?.commit, undefined);
    assert.equal(sources[1]?.text, 'alpha\nbeta');
    assert.deepEqual(sources[1]?.lineMap, [1, 2]);
  });

  test('first commit compares with empty tree', async () => {
    const root = await repo({ 'a.env': 'TOKEN=x\nOTHER=y\n' });

    const sources = await readStaged(root);

    assert.equal(sources.length, 1);
    assert.equal(sources[0]?.path, 'a.env');
    assert.equal(sources[0]?.text, 'TOKEN=x\nOTHER=y');
    assert.deepEqual(sources[0]?.lineMap, [1, 2]);
  });

  test('unicode, space, quote and tab in names', async () => {
    const names = [
      'dossier été/clé "prod".env',
      'my notes.txt',
      'tab\there.txt',
      'back\\slash.txt',
      '日本.txt',
    ];
    const staged = Object.fromEntries(names.map((name) => [name, `value for ${name}\n`]));
    const root = await repo(staged);

    const sources = await readStaged(root);

    const paths = sources.map((source) => source.path).sort();
    assert.deepEqual(paths, [...names].sort());
    for (const source of sources) assert.equal(source.text, `value for ${source.path}`);
  });

  test('binary files skipped and counted', async () => {
    const binary = Buffer.from([0x89, 0x50, 0x00, 0x01, 0x02, 0x00, 0x41]);
    const root = await repo({ 'logo.png': binary, 'notes.txt': 'hello\n' });
    const stats: GitReadStats = { commits: 0, binaryFiles: 0 };

    const sources = await readStaged(root, stats);

    assert.deepEqual(
      sources.map((source) => source.path),
      ['notes.txt'],
    );
    assert.equal(stats.binaryFiles, 1);
  });

  test('header-like content lines stay content', async () => {
    const lines = ['++ b/evil', 'diff --git a/x b/x', '@@ -1 +1 @@', '--- a/y', '\\ not a marker'];
    const root = await repo({ 'tricky.txt': lines.join('\n') + '\n' }, [
      { message: 'base', files: { 'tricky.txt': '-- removed comment\nkeep\n' } },
    ]);

    const sources = await readStaged(root);

    assert.equal(sources.length, 1);
    assert.equal(sources[0]?.text, lines.join('\n'));
    assert.deepEqual(sources[0]?.lineMap, [1, 2, 3, 4, 5]);
  });

  test('missing final newline handled', async () => {
    const root = await repo({ 'end.txt': 'a\nlast\nmore\n' }, [
      { message: 'base', files: { 'end.txt': 'a\nlast' } },
    ]);

    const sources = await readStaged(root);

    assert.equal(sources[0]?.text, 'last\nmore');
    assert.deepEqual(sources[0]?.lineMap, [2, 3]);
  });

  test('invalid UTF-8 becomes replacement characters', async () => {
    const invalid = Buffer.from([0xff, 0xfe, 0x41]);
    const bytes = Buffer.concat([Buffer.from('pass='), invalid, Buffer.from('\n')]);
    const root = await repo({ 'latin.txt': bytes });

    const sources = await readStaged(root);

    assert.equal(sources[0]?.text, 'pass=\uFFFD\uFFFDA');
  });

  test('subdirectory root gives relative paths', async () => {
    const root = await repo({ 'api/.env': 'A=1\n', 'web/.env': 'B=2\n' });

    const sources = await readStaged(join(root, 'api'));

    assert.deepEqual(
      sources.map((source) => source.path),
      ['.env'],
    );
  });
});

const MAILER_CONFIG = [
  'export default {',
  "  domain: 'mg.shop.test',",
  `  key: '${FAKE_MAILGUN}',`,
  '};',
  '',
].join('\n');

const HISTORY: CommitSpec[] = [
  { message: 'Add readme', files: { 'README.md': '# shop\n' } },
  {
    message: 'Add mailer config',
    files: { 'config/mailgun.js': MAILER_CONFIG },
    author: { name: 'Bo Mailer', email: 'bo@shop.test' },
  },
  { message: 'Update readme', files: { 'README.md': '# shop\n\nSells things.\n' } },
  { message: 'remove legacy mailer', files: { 'config/mailgun.js': null } },
];

describe('readHistory', () => {
  test('finds secret in deleted file', async () => {
    const root = await repo({}, HISTORY);
    const stats: GitReadStats = { commits: 0, binaryFiles: 0 };

    const sources = await collect(root, { stats });

    const mailer = sources.filter((source) => source.path === 'config/mailgun.js');
    assert.equal(mailer.length, 1);
    assert.equal(mailer[0]?.text.split('\n')[2], `  key: '${FAKE_MAILGUN}',`);
    assert.deepEqual(mailer[0]?.lineMap, [1, 2, 3, 4]);
    assert.deepEqual(mailer[0]?.commit, {
      sha: revParse(root, 'HEAD~2'),
      author: 'Bo Mailer',
      email: 'bo@shop.test',
      date: '2024-01-01T01:00:00+00:00',
      summary: 'Add mailer config',
    });
    assert.equal(stats.commits, 4);
    assert.deepEqual(
      sources.map((source) => source.commit?.summary),
      ['Update readme', 'Add mailer config', 'Add readme'],
    );
  });

  test('modified file yields only new lines', async () => {
    const root = await repo({}, HISTORY);

    const sources = await collect(root, { maxCommits: 2 });

    assert.equal(sources.length, 1);
    assert.equal(sources[0]?.path, 'README.md');
    assert.equal(sources[0]?.text, '\nSells things.');
    assert.deepEqual(sources[0]?.lineMap, [2, 3]);
  });

  test('since limits commits', async () => {
    const root = await repo({}, HISTORY);
    const since = revParse(root, 'HEAD~2');

    const sources = await collect(root, { since });

    assert.deepEqual(
      sources.map((source) => source.commit?.summary),
      ['Update readme'],
    );
    assert.equal(await countCommits(root, since), 2);
    assert.equal(await countCommits(root), 4);
    assert.equal(await countCommits(root, 'main~1'), 1);
  });

  test('unknown since revision rejected', async () => {
    const root = await repo({}, HISTORY);
    const message = (since: string) =>
      `unknown --since revision "${since}" in ${root}; ` +
      'use a commit id, tag or branch name that exists in this repository';

    for (const since of ['no-such-tag', '--output=/tmp/rampart-pwned', 'HEAD~99']) {
      await assert.rejects(collect(root, { since }), new UsageError(message(since)));
      await assert.rejects(countCommits(root, since), new UsageError(message(since)));
    }
  });

  test('invalid max commits rejected', async () => {
    const root = await repo({}, HISTORY);
    const expected = new UsageError('invalid maximum commit count 0; use a positive integer');

    await assert.rejects(collect(root, { maxCommits: 0 }), expected);
  });

  test('empty repository yields nothing', async () => {
    const root = await repo({ 'staged.txt': 'x\n' });

    assert.deepEqual(await collect(root), []);
    assert.equal(await countCommits(root), 0);
  });

  test('merge reports only its own lines', async () => {
    const root = await repo({}, [
      { message: 'base', files: { 'app.cfg': 'a\nb\n' } },
      {
        message: 'side work',
        branch: 'side',
        from: 'refs/heads/main',
        files: { 'app.cfg': 'a\nside\nb\n' },
      },
      { message: 'main work', files: { 'app.cfg': 'a\nb\nmain\n' } },
      {
        message: 'merge side',
        merge: ['refs/heads/side'],
        files: { 'app.cfg': 'a\nside\nb\nmain\nevil=1\n' },
      },
    ]);

    const sources = await collect(root);

    const merge = sources.find((source) => source.commit?.summary === 'merge side');
    assert.equal(merge?.text, 'evil=1');
    assert.deepEqual(merge?.lineMap, [5]);
    const texts = sources.map((source) => source.text).sort();
    assert.deepEqual(texts, ['a\nb', 'evil=1', 'main', 'side']);
  });

  test('rename does not repeat content', async () => {
    const root = await repo({}, [
      { message: 'add', files: { 'old.env': 'A=1\nB=2\nC=3\nD=4\n' } },
      { message: 'move', files: { 'old.env': null, 'new.env': 'A=1\nB=2\nC=3\nD=4\nE=5\n' } },
    ]);

    git(root, ['config', 'diff.renames', 'false']);

    const sources = await collect(root);

    assert.deepEqual(
      sources.map((source) => [source.path, source.text, source.lineMap]),
      [
        ['new.env', 'E=5', [5]],
        ['old.env', 'A=1\nB=2\nC=3\nD=4', [1, 2, 3, 4]],
      ],
    );
  });

  test('2,000 commits stream incrementally', async () => {
    const commits: CommitSpec[] = [];
    for (let i = 0; i < 2000; i++) {
      const padding = 'x'.repeat(200);
      const path = `dir${i % 20}/file${i}.txt`;
      commits.push({ message: `commit ${i}`, files: { [path]: `line ${i} ${padding}\n` } });
    }
    const root = await repo({}, commits);

    const early: GitReadStats = { commits: 0, binaryFiles: 0 };
    for await (const source of readHistory(root, { stats: early })) {
      assert.equal(source.commit?.summary, 'commit 1999');
      break;
    }
    assert.ok(early.commits < 2000, `parsed ${early.commits} commits before the first yield`);

    const stats: GitReadStats = { commits: 0, binaryFiles: 0 };
    let count = 0;
    for await (const source of readHistory(root, { stats })) {
      count += 1;
      assert.deepEqual(source.lineMap, [1]);
    }
    assert.equal(count, 2000);
    assert.equal(stats.commits, 2000);
    assert.equal(await countCommits(root), 2000);
  });
});

describe('hostile repository', () => {
  test('runs none of its programs', async () => {
    const root = await repo({ 'app.txt': 'staged secret\n' }, [
      {
        message: 'one',
        files: { 'app.txt': 'first\n', '.gitattributes': '* diff=evil filter=evil\n' },
      },
      { message: 'two', files: { 'app.txt': 'second\n' } },
    ]);
    const markers = await mkdtemp(join(tmpdir(), 'rampart-markers-'));
    created.push(markers);
    await armTraps(root, markers);

    await readStaged(root);
    await collect(root);
    await countCommits(root);
    await isGitRepository(root);

    assert.deepEqual(await readdir(markers), []);

    // The traps are armed: plain git runs them.
    runPlainGit(root, ['status']);
    runPlainGit(root, ['log', '-p', '-1']);
    runPlainGit(root, ['diff', 'HEAD~1']);
    runPlainGit(root, ['commit', '-q', '-m', 'three']);
    const fired = (await readdir(markers)).sort();
    assert.deepEqual(fired, ['external', 'filter', 'fsmonitor', 'hook', 'textconv']);
  });
});

describe('repository config', () => {
  test('cannot change parsed output', async () => {
    const commits: CommitSpec[] = [
      ...HISTORY,
      { message: 'spaced', files: { 'my dir/ünï.txt': 'a\n\nb\nc\nd\ne\nf\n' } },
      {
        message: 'édition',
        author: { name: 'Zoë Ørsted', email: 'zoe@shop.test' },
        files: { 'my dir/ünï.txt': 'a\n\nB\nc\nd\nE\nf\n' },
      },
    ];
    const plain = await repo({ 'my dir/ünï.txt': 'a\n\nB\nc\nd\nE\nF\ng\n' }, commits);
    const configured = await repo({ 'my dir/ünï.txt': 'a\n\nB\nc\nd\nE\nF\ng\n' }, commits);
    const settings: [string, string][] = [
      ['diff.noprefix', 'true'],
      ['diff.mnemonicPrefix', 'true'],
      ['diff.context', '5'],
      ['diff.interHunkContext', '10'],
      ['diff.suppressBlankEmpty', 'true'],
      ['diff.renames', 'copies'],
      ['diff.relative', 'true'],
      ['core.quotePath', 'true'],
      ['color.ui', 'always'],
      ['color.diff', 'always'],
      ['format.pretty', 'oneline'],
      ['log.decorate', 'full'],
      ['log.showRoot', 'false'],
      ['i18n.logOutputEncoding', 'ISO-8859-1'],
    ];
    for (const [key, value] of settings) git(configured, ['config', key, value]);

    assert.deepEqual(await readStaged(configured), await readStaged(plain));
    assert.deepEqual(await collect(configured), await collect(plain));
    const sources = await collect(plain);
    assert.equal(sources.length, 5);
    assert.equal(sources[0]?.commit?.author, 'Zoë Ørsted');
    assert.equal(sources[0]?.commit?.summary, 'édition');
  });
});

/** Point every program setting of `root` at a script that leaves a marker file. */
async function armTraps(root: string, markers: string): Promise<void> {
  const script = async (name: string): Promise<string> => {
    const path = join(root, '.git', `trap-${name}.sh`);
    await writeFile(path, `#!/bin/sh\ntouch '${join(markers, name)}'\ncat >/dev/null\nexit 0\n`);
    await chmod(path, 0o755);
    return path;
  };
  const hooks = join(root, '.git', 'evil-hooks');
  await mkdir(hooks);
  const hookNames = ['pre-commit', 'post-checkout', 'post-index-change', 'reference-transaction'];
  for (const hook of hookNames) {
    const path = join(hooks, hook);
    await writeFile(path, `#!/bin/sh\ntouch '${join(markers, 'hook')}'\n`);
    await chmod(path, 0o755);
  }

  const settings: [string, string][] = [
    ['core.hooksPath', hooks],
    ['core.fsmonitor', await script('fsmonitor')],
    ['diff.external', await script('external')],
    ['diff.evil.textconv', await script('textconv')],
    ['diff.evil.command', await script('external')],
    ['filter.evil.clean', await script('filter')],
    ['filter.evil.smudge', await script('filter')],
    ['core.pager', await script('pager')],
    ['pager.log', await script('pager')],
    ['log.showSignature', 'true'],
    ['gpg.program', await script('gpg')],
    ['core.sshCommand', await script('ssh')],
  ];
  for (const [key, value] of settings) git(root, ['config', key, value]);
}

/** Run git the way a user would, with the repository's own config in force. */
function runPlainGit(root: string, args: string[]): void {
  execFileSync('git', ['-C', root, ...args], { env: gitTestEnvironment(), stdio: 'ignore' });
}

describe('errors', () => {
  test('not a repository message exact', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'rampart-plain-'));
    created.push(parent);
    const dir = join(parent, 'not repo');
    await mkdir(dir);
    const saved = process.env.GIT_CEILING_DIRECTORIES;
    process.env.GIT_CEILING_DIRECTORIES = parent;
    try {
      const expected = new UsageError(
        `${dir} is not a git repository; --history and --staged need one ` +
          '(run git init, or drop the flag)',
      );
      assert.equal(await isGitRepository(dir), false);
      await assert.rejects(readStaged(dir), expected);
      await assert.rejects(collect(dir), expected);
      await assert.rejects(countCommits(dir), expected);
    } finally {
      restoreVariable('GIT_CEILING_DIRECTORIES', saved);
    }
  });

  test('missing git is a usage error', async () => {
    const root = await repo({ 'a.txt': 'a\n' });
    const saved = process.env.PATH;
    process.env.PATH = join(dirname(root), 'no-such-bin-dir');
    try {
      const expected = new UsageError(
        'git not found on PATH; --history and --staged need git (install git, or drop the flag)',
      );
      await assert.rejects(readStaged(root), expected);
      await assert.rejects(isGitRepository(root), expected);
    } finally {
      restoreVariable('PATH', saved);
    }
  });

  test('readStaged honours hook index file', async () => {
    const root = await repo({ 'a.txt': 'in default index\n' });
    const indexFile = join(root, '.git', 'other-index');
    execFileSync('git', ['-C', root, 'add', 'a.txt'], {
      env: { ...gitTestEnvironment(), GIT_INDEX_FILE: indexFile },
    });
    await writeFile(join(root, 'b.txt'), 'only in other index\n');
    execFileSync('git', ['-C', root, 'add', 'b.txt'], {
      env: { ...gitTestEnvironment(), GIT_INDEX_FILE: indexFile },
    });
    const saved = process.env.GIT_INDEX_FILE;
    process.env.GIT_INDEX_FILE = indexFile;
    try {
      const paths = (await readStaged(root)).map((source) => source.path);
      assert.deepEqual(paths, ['a.txt', 'b.txt']);
    } finally {
      restoreVariable('GIT_INDEX_FILE', saved);
    }
    const defaultPaths = (await readStaged(root)).map((source) => source.path);
    assert.deepEqual(defaultPaths, ['a.txt']);
  });
});

function restoreVariable(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}


const ZPM = fileURLToPath(new URL('../../../examples/zpm/', import.meta.url));
const MAKE_HISTORY = join(ZPM, 'make-history.sh');

function makeHistory(target: string) {
  return spawnSync('sh', [MAKE_HISTORY, target], { encoding: 'utf8', env: gitTestEnvironment() });
}

describe('examples/zpm/make-history.sh', () => {
  test('deleted Mailgun file only in history', async () => {
    const target = await mkdtemp(join(tmpdir(), 'rampart-zpm-'));
    created.push(target);

    const result = makeHistory(target);

    assert.equal(result.status, 0, result.stderr);
    assert.equal(await countCommits(target), 8);
    const head = git(target, ['ls-tree', '-r', '--name-only', 'HEAD']).split('\n');
    assert.ok(!head.includes('api/config/legacy-mailgun.js'));
    assert.ok(head.includes('worker/.env'));
    const touching = git(target, ['log', '--format=%s', '--', 'api/config/legacy-mailgun.js']);
    assert.deepEqual(touching.trim().split('\n'), [
      'remove legacy mailer',
      'Add cart and orders with Mailgun confirmations',
    ]);

    const sources = await collect(target);
    const mailer = sources.filter((source) => source.path === 'api/config/legacy-mailgun.js');
    assert.equal(mailer.length, 1);
    const line = mailer[0]?.text.split('\n')[5] ?? '';
    assert.match(line, /apiKey: 'key-[0-9a-f]{32}'/);
    assert.equal(mailer[0]?.lineMap?.[5], 6);
    assert.equal(mailer[0]?.commit?.author, 'Tom Okafor');
    assert.equal(mailer[0]?.commit?.date, '2024-02-12T11:05:00+01:00');
  });

  test('commit ids reproducible', async () => {
    const first = await mkdtemp(join(tmpdir(), 'rampart-zpm-'));
    const second = join(await mkdtemp(join(tmpdir(), 'rampart-zpm-')), 'new dir');
    created.push(first, dirname(second));

    assert.equal(makeHistory(first).status, 0);
    assert.equal(makeHistory(second).status, 0);

    assert.equal(revParse(first, 'HEAD'), revParse(second, 'HEAD'));
  });

  test('non-empty target rejected', async () => {
    const target = await mkdtemp(join(tmpdir(), 'rampart-zpm-'));
    created.push(target);
    await writeFile(join(target, 'keep.txt'), 'mine\n');

    const result = makeHistory(target);

    assert.equal(result.status, 2);
    assert.match(result.stderr, /is not empty/);
    assert.deepEqual(await readdir(target), ['keep.txt']);
    assert.equal(spawnSync('sh', [MAKE_HISTORY], { encoding: 'utf8' }).status, 2);
  });

  test('PLANTED.md lines match the tree', async () => {
    const planted = await readFile(join(ZPM, 'PLANTED.md'), 'utf8');
    const rows = [...planted.matchAll(/^\| ([^ |]+) \| (\d+) \| [a-z-]+ \| `(.{4})…` /gmu)];
    assert.equal(rows.length, 9);

    for (const [, file = '', line = '', prefix = ''] of rows) {
      const lines = (await readFile(join(ZPM, file), 'utf8')).split('\n');
      assert.ok(lines[Number(line) - 1]?.includes(prefix), `${file}:${line} lacks ${prefix}`);
    }
  });
});
