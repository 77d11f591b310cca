/**
 * Running secretlint's CLI (installed as a devDependency) with its
 * recommended preset, and reading which files it scanned from its JSON output.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from './measure.js';

export const SECRETLINT_CONFIG = {
  rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }],
};

export interface SecretlintInstall {
  bin: string;
  version: string;
  presetVersion: string;
}

/** Locate the secretlint CLI under `projectRoot`/node_modules; undefined when it is missing. */
export function findSecretlint(projectRoot: string): SecretlintInstall | undefined {
  const modules = join(projectRoot, 'node_modules');
  const bin = join(modules, 'secretlint', 'bin', 'secretlint.js');
  const preset = join(modules, '@secretlint', 'secretlint-rule-preset-recommend', 'package.json');
  if (!existsSync(bin) || !existsSync(preset)) return undefined;

  const versionOf = (file: string): string =>
    (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  return {
    bin,
    version: versionOf(join(modules, 'secretlint', 'package.json')),
    presetVersion: versionOf(preset),
  };
}

/** Write `.secretlintrc.json` with the recommended preset into `dir` and return its path. */
export function writeSecretlintConfig(dir: string): string {
  const file = join(dir, '.secretlintrc.json');
  writeFileSync(file, `${JSON.stringify(SECRETLINT_CONFIG)}\n`);
  return file;
}

export interface SecretlintTarget {
  /** The working directory; the glob and the file paths are relative to it. */
  tree: string;
  /** Files to pass literally (with --no-glob); undefined scans the glob `**\/*`. */
  files?: string[];
}

/**
 * Build the CLI command for `target`. The glob runs with the tree as working
 * directory because secretlint ignores every path that matches
 * `**\/node_modules/**`: given `node_modules/**\/*` from outside, it scans nothing.
 */
export function secretlintCommand(
  install: SecretlintInstall,
  config: string,
  target: SecretlintTarget,
  jsonOutput?: string,
): Command {
  const args = [install.bin, '--secretlintrc', config, '--no-color'];
  if (jsonOutput) args.push('--format', 'json', '--output', jsonOutput);
  if (target.files) args.push('--no-glob', ...target.files);
  else args.push('**/*');
  return { file: process.execPath, args, cwd: target.tree };
}

export interface SecretlintFileResult {
  filePath: string;
  sourceContentType: 'text' | 'binary' | 'unknown';
  messages: unknown[];
}

/** Parse the JSON formatter's output: one entry per file that secretlint read. */
export function readSecretlintJson(file: string): SecretlintFileResult[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as SecretlintFileResult[];
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected a JSON array from secretlint`);
  return parsed;
}

/** Exit codes of a completed secretlint run: 0 clean, 1 findings; 2 is a crash. */
export function secretlintCompleted(exitCode: number): boolean {
  return exitCode === 0 || exitCode === 1;
}
