/**
 * Types shared by the supply-chain stage: a registry's record of a
 * package, what the content of its archive shows, which modules source code
 * imports, and the signals and verdicts built from them.
 */
import type { Severity } from '../../core/finding.js';

/** Registries this stage can query, spelt as OSV spells the ecosystem. */
export type SupplyEcosystem = 'npm' | 'PyPI';

/**
 * Whether the registry has the package: `unknown` when it could not be
 * asked (offline, unreachable, an error response), which is never read as
 * safe.
 */
export type Presence = 'present' | 'absent' | 'unknown';

/** A downloadable file of one version. */
export interface RegistryArtifact {
  /** Absolute URL, credentials removed. */
  url: string;
  filename: string;
  kind: 'npm-tarball' | 'sdist' | 'wheel' | 'other';
  /** Hex SHA-256, when the registry gives it. */
  sha256?: string;
  /** npm's Subresource Integrity string, when given. */
  integrity?: string;
}

export interface RegistryVersion {
  version: string;
  /** ISO 8601 time of publication, when the registry records it. */
  published?: string;
  /** The deprecation message (npm) or yank reason (PyPI, `true` when no reason was given). */
  deprecated?: string | true;
  yanked?: string | true;
  /** npm lifecycle scripts that run at install time, by name (`preinstall`, `install`, `postinstall`). */
  installScripts?: Record<string, string>;
  /** Accounts that published or maintain this version (npm `_npmUser` and `maintainers`). */
  maintainers?: string[];
  /** Packages installed along with this version and their ranges (npm only). */
  dependencies?: Record<string, string>;
  artifacts: RegistryArtifact[];
}

/** A registry's record of one package name, normalised across ecosystems. */
export interface RegistryPackage {
  ecosystem: SupplyEcosystem;
  /** The name as asked. */
  name: string;
  /** Base URL of the registry that returned the record, credentials removed. */
  registry: string;
  presence: Presence;
  /** Why the presence is unknown: `offline`, a network error, an HTTP status. */
  error?: string;
  /** ISO 8601 time the package was first published. */
  created?: string;
  /** Versions in the order the registry lists them. */
  versions: RegistryVersion[];
  /** The version the registry marks as latest (npm `dist-tags.latest`). */
  latest?: string;
  /** Every npm dist-tag and the version it names. */
  tags?: Record<string, string>;
  /** The registry replaced the package with a security holding placeholder (npm `0.0.1-security`). */
  placeholder?: boolean;
  /** PEP 792 status `quarantined`, or another take-down the registry signals. */
  quarantined?: boolean;
  /** Package-level deprecation or archival (PEP 792 `deprecated`/`archived`). */
  deprecated?: string;
  /** ISO 8601 time the record was fetched. A record older than the cache expiry is fetched again. */
  fetchedAt: string;
  fromCache?: boolean;
}

/** Looks packages up on the configured registries; one instance per scan or guard run. */
export interface RegistryClient {
  /** Look a package up; a cached answer that lacks `version` is refreshed. */
  lookup(ecosystem: SupplyEcosystem, name: string, version?: string): Promise<RegistryPackage>;
  /** Download an artifact, at most `maxBytes`; throws a one-line error when it cannot. */
  download(artifact: RegistryArtifact, maxBytes: number): Promise<Buffer>;
  close(): void;
}

/** Something noteworthy inside a package archive or install script. */
export interface ContentIssue {
  /** Short id from the content rules, such as `install-network` or `eval-decoded`. */
  rule: string;
  severity: Severity;
  /** One line saying what was seen. */
  message: string;
  /** Path inside the archive, such as `package/install.js`. */
  file: string;
  line?: number;
  /** The matching text, shortened to one line and with secrets redacted. */
  excerpt?: string;
}

/** A command that runs when the package is installed. */
export interface InstallHook {
  /** `postinstall` and the other npm scripts, or `setup.py cmdclass`, `setup.py top-level`. */
  name: string;
  /** The command or code as written, shortened to one line. */
  command: string;
  file: string;
  line?: number;
}

export interface ContentReport {
  hooks: InstallHook[];
  issues: ContentIssue[];
  /** Limits hit and entries skipped, so a clean report is not read as complete. */
  warnings: string[];
  /**
   * Why the reading may have missed install-time code (the archive was cut
   * short, the manifest could not be read, an install-time file was too
   * large); a verdict treats this like a check that could not run.
   */
  incomplete?: string[];
}

/** A module that source code imports from outside the project. */
export interface ImportedPackage {
  ecosystem: SupplyEcosystem;
  /** The module as written (`lodash/fp`, `yaml`, `sklearn.svm`). */
  module: string;
  /** Registry name it comes from: `lodash`, `PyYAML`, `scikit-learn`. */
  packageName: string;
  /** Relative path of the importing file. */
  path: string;
  line: number;
  column: number;
}

/** Identifiers of the signals, one rule id each (`supply-chain/<id>`). */
export type SignalId =
  | 'not-found'
  | 'undeclared-import'
  | 'malicious'
  | 'placeholder'
  | 'quarantined'
  | 'typosquat'
  | 'new-package'
  | 'new-version'
  | 'few-versions'
  | 'maintainer-change'
  | 'deprecated'
  | 'out-of-order'
  | 'install-script'
  | 'content'
  | 'unknown';

export interface Signal {
  id: SignalId;
  severity: Severity;
  /** One line for people, naming the evidence (the imitated package, the command, the dates). */
  message: string;
  /** For `content` signals, the content rule; for `typosquat`, the imitated name. */
  detail?: string;
}

export type Verdict = 'block' | 'warn' | 'allow' | 'unknown';

/** The assessment of one package at one version. */
export interface Assessment {
  ecosystem: SupplyEcosystem;
  name: string;
  /** The version judged: as asked, or the registry's latest when none was asked. */
  version?: string;
  verdict: Verdict;
  signals: Signal[];
  /** Signals that needed the network and could not be checked. */
  unknown: string[];
  /** The `supply-chain.allow` entry that exempted the package from every check. */
  allowedBy?: string;
}
