import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

test('no command prints help to stderr and exits 2', async () => {
  const result = await runCli([], tempDir());

  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^Usage: rampart \[options\] \[command\]/);
  assert.match(result.stderr, /Exit codes:/);
});

test('baseline without subcommand prints help and exits 2', async () => {
  const result = await runCli(['baseline'], tempDir());

  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^Usage: rampart baseline \[options\] \[command\]/);
  assert.match(result.stderr, /create \[options\] \[path\]/);
});

test('help and version exit 0 on stdout', async () => {
  const cwd = tempDir();

  const help = await runCli(['--help'], cwd);
  const scanHelp = await runCli(['scan', '--help'], cwd);
  const version = await runCli(['--version'], cwd);

  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: rampart/);
  assert.equal(help.stderr, '');
  assert.equal(scanHelp.code, 0);
  assert.match(scanHelp.stdout, /--exclude <pattern>/);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});

test('commander errors carry the rampart prefix', async () => {
  const cwd = tempDir();
  const cases: [string[], RegExp][] = [
    [['frob'], /^rampart: error: unknown command 'frob'\n$/],
    [['scan', '--bogus'], /^rampart: error: unknown option '--bogus'\n$/],
    [['scan', '--format', 'html'], /^rampart: error: option '--format <format>' argument 'html' is invalid/],
    [['scan', '--fail-on'], /^rampart: error: option '--fail-on <severity>' argument missing\n$/],
    [['baseline', 'frob'], /^rampart: error: unknown command 'frob'\n$/],
  ];

  for (const [args, pattern] of cases) {
    const result = await runCli(args, cwd);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.stderr, pattern, args.join(' '));
    assert.equal(result.stdout, '', args.join(' '));
  }
});
