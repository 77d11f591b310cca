import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fakeSecrets, generateEdits, generateProject } from '../../bench/lib/fake-project.js';
import { median, parseGnuTimeRss } from '../../bench/lib/measure.js';
import { computeRatios, formatRatios, formatTable, MIB } from '../../bench/lib/report.js';
import { exportKeywords, exportPatterns, parseRipgrepStats } from '../../bench/lib/ripgrep.js';
import { secretlintCommand } from '../../bench/lib/secretlint.js';
import { measureTree, sampleEvenly, secretlintCandidates, takeFirstBytes } from '../../bench/lib/tree.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

test('median of odd and even counts', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.throws(() => median([]), /empty/);
});

test('GNU time peak RSS parsing', () => {
  const output = '\tUser time (seconds): 0.01\n\tMaximum resident set size (kbytes): 51234\n';
  assert.equal(parseGnuTimeRss(output), 51234);
  assert.equal(parseGnuTimeRss('no such line'), undefined);
});

test('rg stats parsing', () => {
  const output = [
    'a.js:2',
    '',
    '3 matches',
    '2 matched lines',
    '1 files contained matches',
    '40 files searched',
    '0 bytes printed',
    '123456 bytes searched',
    '0.01 seconds spent searching',
  ].join('\n');
  assert.deepEqual(parseRipgrepStats(output), {
    matchedLines: 2,
    filesWithMatches: 1,
    filesSearched: 40,
    bytesSearched: 123456,
  });
  assert.throws(() => parseRipgrepStats('a.js:2\n'), /no "matched lines" line/);
});

test('pattern export adds inline flags', () => {
  const rules = [
    { id: 'plain', pattern: 'ab[0-9]{4}', caseInsensitive: false, keywords: ['ab'] },
    { id: 'folded', pattern: 'key=(\\w+)', caseInsensitive: true, keywords: ['key', 'ab'] },
  ];
  assert.deepEqual(
    exportPatterns(rules).map((pattern) => pattern.line),
    ['ab[0-9]{4}', '(?i)key=(\\w+)'],
  );
  assert.deepEqual(
    exportPatterns(rules, true).map((pattern) => pattern.line),
    ['(?-u)ab[0-9]{4}', '(?i-u)key=(\\w+)'],
  );
  assert.deepEqual(exportKeywords(rules), ['ab', 'key']);
});

test('secretlint candidates skip nested node_modules', () => {
  const root = tempDir();
  writeTree(root, {
    'a/index.js': 'one',
    '.hidden/x.txt': 'two',
    'a/node_modules/b/index.js': 'skipped',
    '.git/config': 'skipped',
    '.secretlintrc.json': '{}',
  });
  symlinkSync(join(root, 'a', 'index.js'), join(root, 'link.js'));

  const candidates = secretlintCandidates(root);
  assert.deepEqual(
    candidates.map((file) => file.path),
    ['.hidden/x.txt', 'a/index.js', 'link.js'],
  );
  assert.equal(candidates[2]?.size, 3);
  assert.deepEqual(measureTree(root), { files: 5, bytes: 3 + 3 + 7 + 7 + 2 });
});

test('first-bytes subset keeps sorted prefix', () => {
  const files = [
    { path: 'a', size: 5 },
    { path: 'b', size: 5 },
    { path: 'c', size: 5 },
  ];
  assert.deepEqual(takeFirstBytes(files, 10).map((file) => file.path), ['a', 'b']);
  assert.deepEqual(takeFirstBytes(files, 9).map((file) => file.path), ['a']);
  assert.deepEqual(takeFirstBytes(files, 1).map((file) => file.path), ['a']);
});

test('secretlint command globs from tree', () => {
  const install = { bin: '/x/secretlint.js', version: '12.0.0', presetVersion: '12.0.0' };
  const glob = secretlintCommand(install, '/c/rc.json', { tree: '/t' });
  assert.equal(glob.cwd, '/t');
  assert.equal(glob.args.at(-1), '**/*');
  const subset = { tree: '/t', files: ['a.js'] };
  const list = secretlintCommand(install, '/c/rc.json', subset, '/o.json');
  const tail = ['--format', 'json', '--output', '/o.json', '--no-glob', 'a.js'];
  assert.deepEqual(list.args.slice(-6), tail);
});

test('ratios and table against targets', () => {
  const rampart = { tool: 'rampart', files: 10, bytes: 100 * MIB, seconds: 2 };
  const secretlint = { tool: 'secretlint', files: 10, bytes: 10 * MIB, seconds: 10 };
  const ripgrep = { tool: 'rg', files: 10, bytes: 100 * MIB, seconds: 1 };
  const ratios = computeRatios({ rampart, secretlint, ripgrep });
  assert.equal(ratios.rampartOverSecretlintThroughput, 50);
  assert.equal(ratios.rampartOverRipgrepTime, 2);
  assert.equal(ratios.rampartOverRipgrepAsciiTime, undefined);

  const lines = formatRatios(ratios);
  assert.match(lines[0] ?? '', /50\.0x \(meets/);
  assert.match(lines[1] ?? '', /2\.00x \(meets/);
  assert.match(formatRatios({ rampartOverRipgrepTime: 3.5 })[0] ?? '', /misses/);

  const table = formatTable([rampart, secretlint]).split('\n');
  assert.equal(table.length, 4);
  const cells = (table[2] ?? '').split('|').map((cell) => cell.trim());
  assert.deepEqual(cells, ['', 'rampart', '10', '100.0', '2.00', '50.0', 'n/a', '']);
});

test('staged edits plant two fake secrets', () => {
  const project = generateProject();
  assert.ok(project.size >= 250, `project has ${project.size} files`);
  assert.deepEqual(generateProject(), project);

  const edits = generateEdits(project, 20, 300);
  assert.equal(edits.length, 20);
  for (const edit of edits) {
    assert.ok(edit.addedLines >= 300, `${edit.path}: ${edit.addedLines} lines`);
  }

  const secrets = fakeSecrets();
  assert.match(secrets.awsKeyId, /^AKIA[A-Z2-7]{16}$/);
  assert.match(secrets.githubToken, /^ghp_[A-Za-z0-9]{36}$/);
  assert.ok(edits[0]?.content.includes(secrets.awsKeyId));
  assert.ok(edits[1]?.content.includes(secrets.githubToken));
  assert.equal(edits.filter((edit) => edit.content.includes('AKIA')).length, 1);
});

test('even sample spreads over the whole list', () => {
  const files = Array.from({ length: 10 }, (_, i) => ({ path: `f${i}`, size: 10 }));

  assert.deepEqual(sampleEvenly(files, 50).map((file) => file.path), ['f0', 'f2', 'f4', 'f6', 'f8']);
  assert.equal(sampleEvenly(files, 1000).length, 10);
});
