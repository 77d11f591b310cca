/**
 * Start-up cost of modules: each specifier is imported alone in a new Node
 * process, timed inside that process, so Node's own start is left out.
 * Packages that share dependencies each pay for them here, so the times of
 * separate packages overlap and do not add up to the CLI's.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { median } from '../lib/measure.js';

/** Project modules (relative to the package root) and packages the scan command loads at start. */
export const IMPORT_PROBES = [
  'dist/src/cli/main.js',
  'dist/src/report/cyclonedx.js',
  'dist/src/cli/db.js',
  'dist/src/scanners/deps/parsers/index.js',
  '@cyclonedx/cyclonedx-library',
  'ae-cvss-calculator',
  'fast-xml-parser',
  'yaml',
  '@yarnpkg/parsers',
  'spdx-correct',
  'packageurl-js',
  'semver',
  'yauzl',
  'better-sqlite3',
  'commander',
];

const PROBE = `const started = performance.now();
await import(process.argv[1]);
process.stdout.write(String(performance.now() - started));`;

/** Median milliseconds to import `specifier` over `runs` new processes, after one untimed run. */
export function importMilliseconds(root: string, specifier: string, runs: number): number {
  const target = specifier.startsWith('dist/') ? pathToFileURL(join(root, specifier)).href : specifier;
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', PROBE, target], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`importing ${specifier} failed: ${run.stderr.trim().split('\n').at(-1) ?? ''}`);
    if (i > 0) times.push(Number(run.stdout));
  }
  return median(times);
}
