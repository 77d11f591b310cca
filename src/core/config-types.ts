import type { ScannerId, Severity } from './finding.js';

/** A fail-on level: a severity, or `none` to never fail on findings. */
export type FailOn = Severity | 'none';

export interface ScannerSettings {
  enabled: boolean;
  /** Overrides the global fail-on level for this scanner's findings. */
  failOn?: FailOn;
}

export interface ConfigSuppression {
  /** Full rule id such as `secrets/jwt`, or `*` for every rule. */
  rule: string;
  /** Gitignore-style patterns; every path when empty. */
  paths: string[];
  reason: string;
  until?: string;
}

export interface SecretsSettings {
  /** Paths of extra rule files (same format as the shipped rules), relative to the config. */
  customRules: string[];
  /** Regular expressions; a secret value matching one is ignored. */
  allowValues: string[];
}

/** What the iac scanner does with a check whose value is known only at deploy time. */
export type IacUnknown = 'report' | 'ignore';

export interface IacSettings {
  /** Absolute paths of custom iac rule files or folders of them. */
  customRules: string[];
  /** `report` (the default) makes unknown checks low-confidence findings; `ignore` drops them. */
  unknown: IacUnknown;
}

export interface SastSettings {
  /** Absolute paths of custom sast rule files (Semgrep syntax) or folders of them. */
  customRules: string[];
}

export interface LicensePolicy {
  /** SPDX ids; when set, a licence outside the list is a finding. */
  allow: string[];
  /** SPDX ids that are always a finding. */
  deny: string[];
}

export interface DepsSettings {
  /** Absolute path of the advisory database; the user's cache directory when unset. */
  db?: string;
  /** Never download: use the local database as it is. */
  offline: boolean;
  /** Query the OSV API instead of the local database. */
  online: boolean;
  /** Download the database before a scan when it is missing or older than `maxDbAgeDays`. */
  autoUpdate: boolean;
  /** A database older than this many days is stale: updated when online, warned about when not. */
  maxDbAgeDays: number;
  /** Report vulnerabilities of development-only dependencies. */
  includeDev: boolean;
  licenses: LicensePolicy;
  /** Base URL of OSV's per-ecosystem exports (RAMPART_OSV_DOWNLOAD_URL). */
  downloadUrl?: string;
  /** Base URL of the OSV API (RAMPART_OSV_API_URL). */
  apiUrl?: string;
}

/** The verdict `rampart guard` gives a package whose registry checks could not run. */
export type UnknownVerdict = 'warn' | 'block';

export interface SupplyChainSettings {
  /** Package names never flagged (internal packages); `*` matches any run of characters. */
  allow: string[];
  /** A package first published fewer than this many days ago is new. */
  newPackageDays: number;
  /** A version published fewer than this many days ago is new. */
  newVersionDays: number;
  /** A package with fewer published versions than this has few versions. */
  minVersions: number;
  /** `rampart guard` blocks a package with a signal at or above this severity, and warns below it. */
  blockAt: Severity;
  unknown: UnknownVerdict;
  /** Download and inspect the archives of packages with install hooks, new packages and look-alikes. */
  inspectContent: boolean;
  /** Report modules imported in source code that no manifest declares and the registry lacks. */
  checkImports: boolean;
  /** Hours a registry record stays fresh in the cache. */
  cacheHours: number;
  /** Registry addresses given on the command line; the user's .npmrc, pip.conf and environment otherwise. */
  npmRegistry?: string;
  pypiIndex?: string;
  /** Extra Python indexes an install command names (`--extra-index-url`); never from rampart.yaml. */
  pypiExtraIndexes?: string[];
  /** SQLite file of cached registry records; registry.sqlite in the cache directory when unset. */
  cache?: string;
}

export function defaultSupplyChainSettings(): SupplyChainSettings {
  return {
    allow: [],
    newPackageDays: 30,
    newVersionDays: 7,
    minVersions: 3,
    blockAt: 'high',
    unknown: 'warn',
    inspectContent: true,
    checkImports: true,
    cacheHours: 24,
  };
}

/** The validated, normalised configuration (rampart.yaml merged with defaults and flags). */
export interface RampartConfig {
  failOn: FailOn;
  /** Minimum severity shown in human-readable reports. */
  severity: Severity;
  /** Files larger than this many bytes are skipped and counted. */
  maxFileSize: number;
  includeVendored: boolean;
  exclude: string[];
  scanners: Partial<Record<ScannerId, ScannerSettings>>;
  disabledRules: string[];
  severityOverrides: Record<string, Severity>;
  suppressions: ConfigSuppression[];
  secrets: SecretsSettings;
  deps: DepsSettings;
  supplyChain: SupplyChainSettings;
  iac: IacSettings;
  sast: SastSettings;
  /** Absolute path of the config file, when one was loaded. */
  source?: string;
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export function defaultConfig(): RampartConfig {
  return {
    failOn: 'high',
    severity: 'info',
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    includeVendored: false,
    exclude: [],
    scanners: {},
    disabledRules: [],
    severityOverrides: {},
    suppressions: [],
    secrets: { customRules: [], allowValues: [] },
    deps: defaultDepsSettings(),
    supplyChain: defaultSupplyChainSettings(),
    iac: { customRules: [], unknown: 'report' },
    sast: { customRules: [] },
  };
}

export const DEFAULT_MAX_DB_AGE_DAYS = 7;

export function defaultDepsSettings(): DepsSettings {
  return {
    offline: false,
    online: false,
    autoUpdate: true,
    maxDbAgeDays: DEFAULT_MAX_DB_AGE_DAYS,
    includeDev: true,
    licenses: { allow: [], deny: [] },
  };
}
