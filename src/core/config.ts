/**
 * Loading of rampart.yaml: YAML parsing with node positions, JSON Schema
 * validation, checks the schema cannot express, and conversion to
 * RampartConfig. Every problem is collected and reported in one UsageError.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Node } from 'yaml';
import { loadYaml } from './lazy-require.js';
import {
  defaultConfig,
  defaultDepsSettings,
  defaultSupplyChainSettings,
  type ConfigSuppression,
  type DepsSettings,
  type FailOn,
  type RampartConfig,
  type ScannerSettings,
  type SupplyChainSettings,
  type UnknownVerdict,
} from './config-types.js';
import { UsageError } from './errors.js';
import { unsafeRegexReason } from './regex-safety.js';
import { validateLicensePolicy } from '../scanners/deps/licenses.js';
import type { ScannerId, Severity } from './finding.js';
import {
  schemaProblems,
  sizeInBytes,
  sizeProblem,
  type ConfigProblem,
  type PathSegment,
} from './config-schema.js';

export const CONFIG_FILE_NAMES = ['rampart.yaml', 'rampart.yml'] as const;

/**
 * A config suppression with the place it was written, so that unused and
 * expired entries can be reported with a file and line.
 */
export interface LocatedSuppression extends ConfigSuppression {
  /** The config file's label, as used in error messages. */
  file: string;
  /** 1-based line of the entry in the config file. */
  line: number;
}

/** The shape of rampart.yaml once the schema has accepted it. */
interface RawConfig {
  'fail-on'?: FailOn;
  severity?: Severity;
  'max-file-size'?: number | string;
  'include-vendored'?: boolean;
  exclude?: string[];
  scanners?: Partial<Record<ScannerId, { enabled?: boolean; 'fail-on'?: FailOn }>>;
  rules?: { disable?: string[]; severity?: Record<string, Severity> };
  suppressions?: { rule: string; paths?: string[]; reason: string; until?: string }[];
  secrets?: { 'custom-rules'?: string[]; 'allow-values'?: string[] };
  iac?: { 'custom-rules'?: string[]; unknown?: 'report' | 'ignore' };
  sast?: { 'custom-rules'?: string[] };
  deps?: {
    db?: string;
    offline?: boolean;
    online?: boolean;
    'auto-update'?: boolean;
    'max-db-age-days'?: number;
    'include-dev'?: boolean;
    licenses?: { allow?: string[]; deny?: string[] };
  };
  'supply-chain'?: {
    allow?: string[];
    'new-package-days'?: number;
    'new-version-days'?: number;
    'min-versions'?: number;
    'block-at'?: Severity;
    unknown?: UnknownVerdict;
    'inspect-content'?: boolean;
    'check-imports'?: boolean;
    'cache-hours'?: number;
  };
}

/**
 * Returns the path of rampart.yaml or rampart.yml in `root`, or undefined.
 * Throws a UsageError when both exist, since either choice could surprise.
 */
export function findConfigFile(root: string): string | undefined {
  const found = CONFIG_FILE_NAMES.map((name) => join(root, name)).filter((file) =>
    existsSync(file),
  );
  if (found.length > 1) {
    throw new UsageError(`both rampart.yaml and rampart.yml exist in ${root}; remove one of them`);
  }
  return found[0];
}

/**
 * Loads the configuration for a scan of `root`: the file given as
 * `configPath` (relative to the working directory), else rampart.yaml or
 * rampart.yml in `root`, else the defaults.
 */
export function loadConfig(options: { root: string; configPath?: string }): RampartConfig {
  const root = resolve(options.root);
  let file: string;
  let label: string;
  if (options.configPath !== undefined) {
    file = resolve(options.configPath);
    label = options.configPath;
    checkConfigPath(file, label);
  } else {
    const found = findConfigFile(root);
    if (found === undefined) return defaultConfig();
    file = resolve(found);
    label = relative(root, file);
    checkFoundConfig(root, file, label);
  }

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`cannot read config file ${label}: ${reason}`, { cause: error });
  }

  const config = parseConfigText(text, label, resolve(file, '..'));
  config.source = file;
  if (options.configPath === undefined && config.deps.db !== undefined) {
    // The scanned repository could point the database at a file it ships
    // (hiding every vulnerability) or at a path outside the tree that an
    // update would create or clean up.
    throw new UsageError(
      `${label}: deps.db is not accepted from the scanned repository's configuration; ` +
        'remove it and pass --db FILE, or give this configuration with --config',
    );
  }
  if (options.configPath === undefined) checkRuleFilesInside(root, label, config);
  return config;
}

/**
 * Custom rule files named by the scanned repository's own configuration
 * must lie inside the scanned folder: a hostile repository could otherwise
 * make the scanner read /dev/zero, a FIFO or another project's files.
 */
function checkRuleFilesInside(root: string, label: string, config: RampartConfig): void {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return;
  }
  const lists: Array<[string, string[]]> = [
    ['secrets.custom-rules', config.secrets.customRules],
    ['iac.custom-rules', config.iac.customRules],
    ['sast.custom-rules', config.sast.customRules],
  ];
  for (const [key, paths] of lists) {
    paths.forEach((path, index) => {
      let real: string;
      try {
        real = realpathSync(path);
      } catch {
        return;
      }
      const inside = real === realRoot || real.startsWith(`${realRoot}${sep}`);
      if (!inside) {
        throw new UsageError(
          `${label}: ${key}[${index}] resolves outside the scanned folder (${real}); ` +
            'keep rule files in the repository, or give this configuration with --config',
        );
      }
    });
  }
}

/** Config files are small; a larger one is a mistake or an attack on the scanner. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * The config found in a scanned repository is untrusted: it must be a
 * regular file inside the root (a symlink may not point out of it), and
 * not a FIFO or device that would block or never end.
 */
function checkFoundConfig(root: string, file: string, label: string): void {
  const real = realpathSync(file);
  const realRoot = realpathSync(root);
  if (real !== realRoot && !real.startsWith(`${realRoot}${sep}`)) {
    throw new UsageError(`${label} is a symbolic link out of the scanned directory; refusing to read it`);
  }
  checkRegularFile(real, label);
}

function checkRegularFile(file: string, label: string): void {
  const stats = statSync(file);
  if (!stats.isFile()) {
    throw new UsageError(`config path ${label} is not a regular file; give the path of a rampart.yaml file`);
  }
  if (stats.size > MAX_CONFIG_BYTES) {
    throw new UsageError(`config file ${label} is larger than 1 MB; a rampart.yaml is a few kilobytes`);
  }
}

function checkConfigPath(file: string, label: string): void {
  if (!existsSync(file)) {
    throw new UsageError(`config file not found: ${label}; check the --config path`);
  }
  if (statSync(file).isDirectory()) {
    throw new UsageError(
      `config path ${label} is a directory; give the path of a rampart.yaml file`,
    );
  }
  checkRegularFile(file, label);
}

/**
 * Parses and validates the text of a config file. `fileLabel` names the file
 * in messages, and `configDir` is the directory that custom rule paths are
 * relative to. Throws one UsageError that lists every problem.
 */
export function parseConfigText(text: string, fileLabel: string, configDir: string): RampartConfig {
  const { LineCounter, parseDocument } = loadYaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number): number => lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((error) => {
      const message = (error.message.split('\n')[0] ?? '').replace(
        / at line \d+, column \d+:?$/,
        '',
      );
      return `${fileLabel}:${lineOf(error.pos[0])}: invalid YAML: ${message}`;
    });
    throw problemsError(fileLabel, lines);
  }

  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // toJS throws when aliases expand too far (a "billion laughs" document).
    throw problemsError(fileLabel, [`${fileLabel}:1: invalid YAML: ${(error as Error).message}`]);
  }
  if (data === null || data === undefined) return defaultConfig();

  const problems = [...schemaProblems(data), ...semanticProblems(data as RawConfig, configDir)];
  if (problems.length > 0) {
    const located = dedupe(problems)
      .map((problem) => ({
        problem,
        offset: offsetOfPath(doc.contents, problem.segments, problem.atKey),
      }))
      .sort((a, b) => a.offset - b.offset);
    const lines = located.map(
      ({ problem, offset }) => `${fileLabel}:${lineOf(offset)}: ${formatProblem(problem)}`,
    );
    throw problemsError(fileLabel, lines);
  }

  const raw = data as RawConfig;
  const config = toConfig(raw, configDir);
  config.suppressions = (raw.suppressions ?? []).map((entry, index) => {
    const line = lineOf(offsetOfPath(doc.contents, ['suppressions', index], false));
    return locatedSuppression(entry, fileLabel, line);
  });
  return config;
}

function problemsError(fileLabel: string, lines: string[]): UsageError {
  const count = lines.length === 1 ? '1 problem' : `${lines.length} problems`;
  return new UsageError([`invalid configuration in ${fileLabel} (${count}):`, ...lines].join('\n'));
}

function formatPath(segments: PathSegment[]): string {
  let text = '';
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}

function formatProblem(problem: ConfigProblem): string {
  const path = formatPath(problem.segments);
  return path === '' ? `top level: ${problem.message}` : `${path}: ${problem.message}`;
}

/** Keeps the first problem for each key path: later ones repeat it in other words. */
function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = JSON.stringify(problem.segments);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Finds the offset of the value at `segments`, or of its key when `atKey`,
 * falling back to the nearest enclosing node that has a position.
 */
function offsetOfPath(contents: Node | null, segments: PathSegment[], atKey = false): number {
  const { isMap, isScalar, isSeq } = loadYaml();
  let node: unknown = contents;
  let offset = contents?.range?.[0] ?? 0;
  for (const [index, segment] of segments.entries()) {
    let value: unknown;
    let key: unknown;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      value = pair?.value;
      key = pair?.key;
    } else if (isSeq(node) && typeof segment === 'number') {
      value = node.items[segment];
    }
    const target = atKey && index === segments.length - 1 ? key : value;
    const range = (target as Node | undefined)?.range ?? (key as Node | undefined)?.range;
    if (!range) break;
    offset = range[0];
    node = value;
  }
  return offset;
}

/** Checks that the JSON Schema cannot express: sizes, regular expressions, files. */
function semanticProblems(raw: RawConfig, configDir: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const size = raw['max-file-size'];
  if (typeof size === 'string' && sizeInBytes(size) !== undefined) {
    const message = sizeProblem(size);
    if (message) problems.push({ segments: ['max-file-size'], message });
  }

  const allowValues = Array.isArray(raw.secrets?.['allow-values'])
    ? raw.secrets['allow-values']
    : [];
  allowValues.forEach((pattern, index) => {
    if (typeof pattern !== 'string') return;
    try {
      new RegExp(pattern);
    } catch (error) {
      const reason = (error as Error).message.replace(/^Invalid regular expression: /, '');
      problems.push({
        segments: ['secrets', 'allow-values', index],
        message: `invalid regular expression: ${reason}`,
      });
      return;
    }
    const unsafe = unsafeRegexReason(pattern);
    if (unsafe) {
      problems.push({
        segments: ['secrets', 'allow-values', index],
        message: `regular expression may take exponential time because ${unsafe}; simplify it`,
      });
    }
  });

  for (const message of validateLicensePolicy(raw.deps?.licenses ?? {})) {
    problems.push({ segments: ['deps', 'licenses'], message: message.replace(/^licenses\.?/, '').trim() || message });
  }
  if (raw.deps?.online === true && raw.deps.offline === true) {
    problems.push({ segments: ['deps', 'online'], message: 'online and offline cannot both be true; online queries the OSV API over the network' });
  }

  const customRules = Array.isArray(raw.secrets?.['custom-rules'])
    ? raw.secrets['custom-rules']
    : [];
  customRules.forEach((path, index) => {
    if (typeof path !== 'string' || path === '' || existsSync(resolve(configDir, path))) return;
    const message =
      `file not found: ${resolve(configDir, path)} ` +
      "(paths are relative to the config file's directory)";
    problems.push({ segments: ['secrets', 'custom-rules', index], message });
  });
  for (const section of ['iac', 'sast'] as const) {
    const paths = Array.isArray(raw[section]?.['custom-rules']) ? (raw[section]?.['custom-rules'] ?? []) : [];
    paths.forEach((path, index) => {
      if (typeof path !== 'string' || path === '' || existsSync(resolve(configDir, path))) return;
      const message =
        `file or folder not found: ${resolve(configDir, path)} ` +
        "(paths are relative to the config file's directory)";
      problems.push({ segments: [section, 'custom-rules', index], message });
    });
  }
  return problems;
}

function toConfig(raw: RawConfig, configDir: string): RampartConfig {
  const config = defaultConfig();
  if (raw['fail-on'] !== undefined) config.failOn = raw['fail-on'];
  if (raw.severity !== undefined) config.severity = raw.severity;
  if (raw['max-file-size'] !== undefined) {
    config.maxFileSize = sizeInBytes(raw['max-file-size']) ?? config.maxFileSize;
  }
  if (raw['include-vendored'] !== undefined) config.includeVendored = raw['include-vendored'];
  config.exclude = raw.exclude ?? [];

  for (const [id, settings] of Object.entries(raw.scanners ?? {})) {
    const normalised: ScannerSettings = { enabled: settings?.enabled ?? true };
    if (settings?.['fail-on'] !== undefined) normalised.failOn = settings['fail-on'];
    config.scanners[id as ScannerId] = normalised;
  }

  config.disabledRules = raw.rules?.disable ?? [];
  config.severityOverrides = { ...(raw.rules?.severity ?? {}) };
  config.secrets = {
    customRules: (raw.secrets?.['custom-rules'] ?? []).map((path) =>
      isAbsolute(path) ? path : resolve(configDir, path),
    ),
    allowValues: raw.secrets?.['allow-values'] ?? [],
  };
  config.deps = depsSettings(raw.deps, configDir);
  config.supplyChain = supplyChainSettings(raw['supply-chain']);
  config.iac = {
    customRules: (raw.iac?.['custom-rules'] ?? []).map((path) => (isAbsolute(path) ? path : resolve(configDir, path))),
    unknown: raw.iac?.unknown ?? 'report',
  };
  config.sast = {
    customRules: (raw.sast?.['custom-rules'] ?? []).map((path) => (isAbsolute(path) ? path : resolve(configDir, path))),
  };
  return config;
}

function supplyChainSettings(raw: RawConfig['supply-chain']): SupplyChainSettings {
  const settings = defaultSupplyChainSettings();
  if (!raw) return settings;
  if (raw.allow !== undefined) settings.allow = raw.allow;
  if (raw['new-package-days'] !== undefined) settings.newPackageDays = raw['new-package-days'];
  if (raw['new-version-days'] !== undefined) settings.newVersionDays = raw['new-version-days'];
  if (raw['min-versions'] !== undefined) settings.minVersions = raw['min-versions'];
  if (raw['block-at'] !== undefined) settings.blockAt = raw['block-at'];
  if (raw.unknown !== undefined) settings.unknown = raw.unknown;
  if (raw['inspect-content'] !== undefined) settings.inspectContent = raw['inspect-content'];
  if (raw['check-imports'] !== undefined) settings.checkImports = raw['check-imports'];
  if (raw['cache-hours'] !== undefined) settings.cacheHours = raw['cache-hours'];
  return settings;
}

function depsSettings(raw: RawConfig['deps'], configDir: string): DepsSettings {
  const deps = defaultDepsSettings();
  if (!raw) return deps;
  if (raw.db !== undefined) deps.db = isAbsolute(raw.db) ? raw.db : resolve(configDir, raw.db);
  if (raw.offline !== undefined) deps.offline = raw.offline;
  if (raw.online !== undefined) deps.online = raw.online;
  if (raw['auto-update'] !== undefined) deps.autoUpdate = raw['auto-update'];
  if (raw['max-db-age-days'] !== undefined) deps.maxDbAgeDays = raw['max-db-age-days'];
  if (raw['include-dev'] !== undefined) deps.includeDev = raw['include-dev'];
  deps.licenses = { allow: raw.licenses?.allow ?? [], deny: raw.licenses?.deny ?? [] };
  return deps;
}

function locatedSuppression(
  entry: NonNullable<RawConfig['suppressions']>[number],
  file: string,
  line: number,
): LocatedSuppression {
  const located: LocatedSuppression = {
    rule: entry.rule,
    paths: entry.paths ?? [],
    reason: entry.reason.trim(),
    file,
    line,
  };
  if (entry.until !== undefined) located.until = entry.until;
  return located;
}

/**
 * Converts a size (a number of bytes, or a string such as 10MB) to bytes.
 * Throws a UsageError naming `keyLabel` when the size is malformed, below
 * 1 byte or above 256MB.
 */
export function parseSize(value: string | number, keyLabel: string): number {
  const problem = sizeProblem(value);
  if (problem !== undefined) throw new UsageError(`${keyLabel}: ${problem}`);
  return sizeInBytes(value) as number;
}

/** Returns the fail-on level for `scanner`'s findings: its own, else the global one. */
export function scannerFailOn(config: RampartConfig, scanner: ScannerId): FailOn {
  return config.scanners[scanner]?.failOn ?? config.failOn;
}

export function isScannerEnabled(config: RampartConfig, scanner: ScannerId): boolean {
  return config.scanners[scanner]?.enabled ?? true;
}

/**
 * Whether `id` matches `pattern`: equal, or `pattern` holds one `*` that
 * stands for any text (including none). `*` alone matches every id.
 */
export function matchesRulePattern(pattern: string, id: string): boolean {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern === id;

  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  return id.length >= prefix.length + suffix.length && id.startsWith(prefix) && id.endsWith(suffix);
}

/**
 * Returns the severity set for `ruleId` in rules.severity, or `severity`.
 * An exact id takes precedence; otherwise the first matching pattern applies.
 */
export function effectiveSeverity(
  config: RampartConfig,
  ruleId: string,
  severity: Severity,
): Severity {
  const overrides = config.severityOverrides;
  if (Object.hasOwn(overrides, ruleId)) return overrides[ruleId] as Severity;

  for (const [pattern, override] of Object.entries(overrides)) {
    if (matchesRulePattern(pattern, ruleId)) return override;
  }
  return severity;
}

/**
 * Whether findings of `ruleId` should be reported: false when rules.disable
 * lists it (or a pattern matching it) or when its scanner is disabled.
 */
export function isRuleEnabled(config: RampartConfig, ruleId: string): boolean {
  const scanner = ruleId.slice(0, ruleId.indexOf('/')) as ScannerId;
  if (!isScannerEnabled(config, scanner)) return false;
  return !config.disabledRules.some((pattern) => matchesRulePattern(pattern, ruleId));
}
