import type { Finding, ScannerId } from './finding.js';
import type { AdvisorySourceInfo, FileError } from './report-types.js';
import type { ProjectInventory } from '../scanners/deps/types.js';
import type { SourceText } from './source.js';
import type { RampartConfig } from './config-types.js';

/** What a scanner needs from the outside world; passed to every call. */
export interface ScannerOptions {
  config: RampartConfig;
  /** Absolute path of the scan target's root. */
  root: string;
  /** Print secrets in clear text (local triage only). */
  showSecrets: boolean;
  /** Progress lines for a terminal (downloads); absent when stderr is not a terminal. */
  progress?: (message: string) => void;
  /** The environment to read user configuration from (HOME, npm_config_registry, PIP_INDEX_URL); the process's when unset. */
  env?: NodeJS.ProcessEnv;
}

/**
 * The interface every scanner implements. `claims` is the cheap check made
 * during discovery; `scanText` runs on each claimed file (possibly in a
 * worker thread, so it must only depend on its arguments); `scanProject`
 * runs once per scan for stages that need the whole tree, such as lockfile
 * resolution. A scanner implements at least one of the two scan methods and
 * knows nothing about reports or exit codes.
 */
export interface Scanner {
  readonly id: ScannerId;
  /** Whether this scanner wants the file at `path` (relative, `/`-separated). */
  claims(path: string): boolean;
  scanText?(source: SourceText, options: ScannerOptions): Finding[];
  /** Ids of every rule this scanner has, enabled or not, for checking the config. */
  ruleIds?(): string[];
  scanProject?(context: ProjectContext): Promise<ProjectScanResult>;
}

export interface ProjectContext extends ScannerOptions {
  /** Relative paths of the files this scanner claimed. */
  files: string[];
  readText(path: string): Promise<string>;
  /** An SBOM to scan instead of the tree (`rampart scan --sbom`): its absolute path and the path as given. */
  sbom?: { path: string; label: string };
  /**
   * Work shared by the project scanners of one scan, such as the lockfile
   * inventory: the first caller of a key computes it, later callers get the
   * same promise. Absent when a scanner runs on its own (tests).
   */
  shared?: <T>(key: string, compute: () => T | Promise<T>) => Promise<T>;
  /** Ids of the scanners taking part in this scan. */
  scanners?: readonly ScannerId[];
  /** Worker threads the scanner may start: 0 for none, undefined to decide by the scan's size. */
  workers?: number;
}

/** Result of a whole-project scanner: findings plus errors, warnings and inventory. */
export interface ProjectScanResult {
  findings: Finding[];
  /** Files that could not be parsed; the scan went on without them. */
  errors?: FileError[];
  /** Conditions that make the result less complete than it looks. */
  warnings?: string[];
  inventory?: ProjectInventory[];
  advisories?: AdvisorySourceInfo;
}

/** A scanner's failure: the scan result is incomplete (exit code 3). */
export class ScannerFailure extends Error {
  constructor(
    readonly scanner: ScannerId,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ScannerFailure';
  }
}
