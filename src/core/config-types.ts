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
  };
}
