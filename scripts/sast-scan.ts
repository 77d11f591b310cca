/**
 * Shared by the sast evidence scripts: runs `rampart scan DIR --scanners
 * sast` as a user would, in a throwaway home folder, and returns its
 * findings, and the error type and exit handling they use for bad input.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** Bad input to a script: printed as one line with exit code 2. */
export class InputError extends Error {}

export interface ReportedFinding {
  rule: string;
  file: string;
  line: number;
  message: string;
}

/** Runs the CLI's sast scan on `dir` with `extraArgs`; returns its findings and the number of files it scanned. */
export function scanWithCli(dir: string, extraArgs: readonly string[] = []): { findings: ReportedFinding[]; filesScanned: number } {
  const home = mkdtempSync(join(tmpdir(), 'rampart-sast-evidence-home-'));
  try {
    const args = [join(REPO_ROOT, 'bin', 'rampart.js'), 'scan', dir, '--scanners', 'sast', '--format', 'json', '--fail-on', 'none', '--no-progress', ...extraArgs];
    const run = spawnSync(process.execPath, args, {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, HOME: home, XDG_CACHE_HOME: join(home, '.cache'), XDG_CONFIG_HOME: join(home, '.config') },
    });
    if (run.status !== 0) throw new InputError(`rampart scan failed with exit code ${run.status}: ${run.stderr.trim()}`);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; message: string; location: { path: string; startLine: number } }[];
      scanners: { id: string; status: string }[];
      discovery: { filesScanned: number };
    };
    const sast = report.scanners.find((scanner) => scanner.id === 'sast');
    if (sast?.status !== 'ok') throw new InputError(`the sast scanner did not finish: status ${sast?.status ?? 'missing'}`);
    const findings = report.findings.map((finding) => ({
      rule: finding.ruleId.replace(/^sast\//, ''),
      file: finding.location.path,
      line: finding.location.startLine,
      message: finding.message,
    }));
    return { findings, filesScanned: report.discovery.filesScanned };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Runs a script's `main`, turning an InputError into one line on stderr and exit code 2. */
export function runScript(main: (args: string[]) => number): void {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    console.error(`error: ${error.message}`);
    process.exitCode = 2;
  }
}
