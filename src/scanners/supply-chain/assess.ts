/**
 * The assessment of one package: name signals, malware records, what the
 * registry returns and, when warranted, the content of its archive, turned
 * into a verdict. `rampart guard` and the supply-chain scanner share it.
 */
import { atOrAbove, severityRank, type Severity } from '../../core/finding.js';
import { signalRuleId } from './findings.js';
import type { SupplyChainSettings } from '../../core/config-types.js';
import type { OsvRecord } from '../deps/osv-types.js';
import { maliciousSignals, typosquatSignals } from './name-signals.js';
import { highestVersion, judgedVersion, registrySignals, resolveRange, type SignalThresholds } from './registry-signals.js';
import { canonicalName, type PopularIndex } from './typosquat.js';
import type {
  Assessment,
  ContentReport,
  RegistryArtifact,
  RegistryClient,
  RegistryPackage,
  RegistryVersion,
  Signal,
  SupplyEcosystem,
  Verdict,
} from './types.js';

/** Largest archive downloaded for inspection. */
export const MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;

export interface PackageRequest {
  ecosystem: SupplyEcosystem;
  name: string;
  version?: string;
  /** A range or tag (`^1.2.0`, `next`, `>=2,<3`) to resolve against the registry when no exact version is given. */
  range?: string;
  /** Pre-releases count when picking a version (`pip install --pre`). */
  prerelease?: boolean;
}

/** Reads install scripts and archives without running them. */
export interface ContentInspector {
  scripts(scripts: Record<string, string>, source: string): ContentReport;
  archive(bytes: Buffer, kind: RegistryArtifact['kind']): Promise<ContentReport>;
}

/** When to download and read a package's archive. */
export type InspectionPolicy = 'always' | 'suspicious' | 'never';

/** `rules.disable` and `rules.severity` of rampart.yaml, for guard; scans apply them to findings instead. */
export interface SignalRuleSettings {
  disabled(ruleId: string): boolean;
  severity(ruleId: string, severity: Severity): Severity;
}

export interface AssessContext {
  settings: SupplyChainSettings;
  thresholds: SignalThresholds;
  popular(ecosystem: SupplyEcosystem): PopularIndex;
  /** OSV records of the package from the advisory database; undefined when there is no database. */
  records(ecosystem: SupplyEcosystem, name: string): Promise<OsvRecord[] | undefined>;
  /** Undefined when registry checks are off. */
  registry?: RegistryClient;
  inspector: ContentInspector;
  inspection: InspectionPolicy;
  rules?: SignalRuleSettings;
}

/** Check whether `name` matches an allow-list entry, where `*` matches any run of characters. */
export function isAllowed(name: string, allow: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return allow.some((pattern) => {
    const parts = pattern.toLowerCase().split('*');
    if (parts.length === 1) return parts[0] === lower;
    let position = 0;
    for (const [index, part] of parts.entries()) {
      let found = lower.indexOf(part, position);
      if (index === 0) found = lower.startsWith(part) ? 0 : -1;
      if (found < 0) return false;
      position = found + part.length;
    }
    return parts.at(-1) === '' || lower.endsWith(parts.at(-1)!);
  });
}

/** Assess one package. Network trouble becomes an `unknown` entry, not an exception; only a bug in Rampart throws. */
export async function assessPackage(request: PackageRequest, context: AssessContext): Promise<Assessment> {
  const base = { ecosystem: request.ecosystem, name: request.name };
  const allowedBy = context.settings.allow.find((pattern) => isAllowed(request.name, [pattern]));
  if (allowedBy !== undefined) {
    return withVersion({ ...base, verdict: 'allow', signals: [], unknown: [], allowedBy }, request.version);
  }
  const signals: Signal[] = [...typosquatSignals(request.ecosystem, request.name, context.popular(request.ecosystem))];
  const unknown: string[] = [];
  let version = request.version;
  let registryUnknown = false;
  let contentUnknown = false;
  if (!context.registry) {
    unknown.push('registry: checks turned off');
    registryUnknown = true;
  } else {
    const pkg = await context.registry.lookup(request.ecosystem, request.name, request.version);
    if (pkg.presence === 'unknown') {
      unknown.push(`registry: ${pkg.error ?? 'no answer'}`);
      registryUnknown = true;
    } else {
      const resolved =
        request.version ??
        (request.range !== undefined && pkg.presence === 'present' ? resolveRange(pkg, request.range, request.prerelease === true) : undefined) ??
        (request.prerelease && pkg.presence === 'present' ? highestVersion(pkg, true)?.version : undefined);
      if (request.range !== undefined && request.version === undefined && pkg.presence === 'present' && resolved === undefined) {
        signals.push({ id: 'not-found', severity: 'high', message: `no version of "${request.name}" matches "${request.range}" on the registry` });
      } else {
        signals.push(...registrySignals(pkg, resolved, context.thresholds).map((signal) => popularAbsence(signal, pkg, context)));
        if (pkg.presence === 'present' && pkg.created === undefined && !pkg.versions.some((entry) => entry.published !== undefined)) {
          unknown.push('age: the registry gives no publication times, so new packages and releases cannot be told');
        }
        const judged = pkg.presence === 'present' ? judgedVersion(pkg, resolved) : undefined;
        version ??= judged?.version;
        if (judged && !pkg.placeholder) contentUnknown = await inspect(pkg, judged, signals, unknown, context);
      }
    }
  }
  // Listed after the registry entry, which matters more when both are missing.
  const records = await context.records(request.ecosystem, request.name);
  if (records === undefined) unknown.push('malware records: no advisory database');
  else signals.push(...maliciousSignals(request.ecosystem, request.name, request.version, records));

  const kept = context.rules ? applyRuleSettings(signals, context.rules) : signals;
  const assessment: Assessment = {
    ...base,
    verdict: verdictOf(kept, registryUnknown || contentUnknown, context.settings),
    signals: sortSignals(dedupe(kept)),
    unknown,
  };
  return withVersion(assessment, version);
}

/**
 * Downgrade a missing popular package: it was not invented, so the registry
 * is a mirror that lacks it, which is worth a warning, not an alarm.
 */
function popularAbsence(signal: Signal, pkg: RegistryPackage, context: AssessContext): Signal {
  if (signal.id !== 'not-found' || pkg.presence !== 'absent') return signal;
  if (!context.popular(pkg.ecosystem).byCanonical.has(canonicalName(pkg.ecosystem, pkg.name))) return signal;
  return {
    id: 'not-found',
    severity: 'medium',
    message:
      `"${pkg.name}" is not on ${pkg.registry}, though it is one of the most downloaded ${pkg.ecosystem} packages: ` +
      'the registry is probably a mirror that lacks it; point Rampart at the registry you install from',
  };
}

function applyRuleSettings(signals: Signal[], rules: SignalRuleSettings): Signal[] {
  return signals
    .filter((signal) => !rules.disabled(signalRuleId(signal, false)))
    .map((signal) => ({ ...signal, severity: rules.severity(signalRuleId(signal, false), signal.severity) }));
}

function withVersion(assessment: Assessment, version: string | undefined): Assessment {
  if (version !== undefined) assessment.version = version;
  return assessment;
}

/**
 * Decide the verdict. A signal at or above the configured severity blocks.
 * Otherwise an unanswered registry or an unread archive makes it `unknown`
 * (a block when so configured), and medium signals warn.
 */
export function verdictOf(signals: readonly Signal[], registryUnknown: boolean, settings: SupplyChainSettings): Verdict {
  if (signals.some((signal) => atOrAbove(signal.severity, settings.blockAt))) return 'block';
  if (registryUnknown) return settings.unknown === 'block' ? 'block' : 'unknown';
  if (signals.some((signal) => atOrAbove(signal.severity, 'medium'))) return 'warn';
  return 'allow';
}

function sortSignals(signals: Signal[]): Signal[] {
  return signals.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}

function dedupe(signals: Signal[]): Signal[] {
  const seen = new Set<string>();
  return signals.filter((signal) => {
    const key = `${signal.id}\0${signal.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Pick the archive to read: the npm tarball, an sdist for Python (where setup hooks live), else a wheel. */
function pickArtifact(version: RegistryVersion): RegistryArtifact | undefined {
  return (
    version.artifacts.find((artifact) => artifact.kind === 'npm-tarball') ??
    version.artifacts.find((artifact) => artifact.kind === 'sdist') ??
    version.artifacts.find((artifact) => artifact.kind === 'wheel')
  );
}

function isSuspicious(version: RegistryVersion, signals: readonly Signal[]): boolean {
  if (version.installScripts && Object.keys(version.installScripts).length > 0) return true;
  if (version.artifacts.length > 0 && version.artifacts.every((artifact) => artifact.kind === 'sdist')) return true;
  return signals.some((signal) => ['typosquat', 'new-package', 'few-versions', 'maintainer-change', 'out-of-order'].includes(signal.id));
}

/** Read install scripts and, when warranted, the archive; returns true when a wanted archive could not be read. */
async function inspect(
  pkg: RegistryPackage,
  version: RegistryVersion,
  signals: Signal[],
  unknown: string[],
  context: AssessContext,
): Promise<boolean> {
  const source = `${pkg.name}@${version.version}`;
  const fromMetadata = version.installScripts ? context.inspector.scripts(version.installScripts, source) : undefined;
  const wanted =
    context.settings.inspectContent &&
    (context.inspection === 'always' || (context.inspection === 'suspicious' && isSuspicious(version, signals)));
  const artifact = wanted ? pickArtifact(version) : undefined;
  let report = fromMetadata;
  let failed = false;
  if (artifact && context.registry) {
    try {
      const bytes = await context.registry.download(artifact, MAX_ARCHIVE_BYTES);
      report = await context.inspector.archive(bytes, artifact.kind);
      // Scripts the registry lists but the archive's manifest lacks still run at install time.
      if (fromMetadata) report = mergeReports(fromMetadata, report);
    } catch (error) {
      // A bug in Rampart must not pass for an unreadable archive and let the package through.
      if (error instanceof TypeError || error instanceof ReferenceError || error instanceof RangeError) throw error;
      unknown.push(`content of ${artifact.filename}: ${error instanceof Error ? error.message : String(error)}`);
      failed = true;
    }
  }
  if (report) signals.push(...contentSignals(report));
  // A cut-short reading could have missed the hook: as unknown as no reading at all.
  for (const reason of report?.incomplete ?? []) {
    unknown.push(`content of ${artifact?.filename ?? source}: ${reason}`);
    failed = true;
  }
  return failed;
}

function mergeReports(a: ContentReport, b: ContentReport): ContentReport {
  const hookKeys = new Set(b.hooks.map((hook) => `${hook.name}\0${hook.command}`));
  const merged: ContentReport = {
    hooks: [...b.hooks, ...a.hooks.filter((hook) => !hookKeys.has(`${hook.name}\0${hook.command}`))],
    issues: [...b.issues, ...a.issues],
    warnings: [...b.warnings, ...a.warnings],
  };
  const incomplete = [...(b.incomplete ?? []), ...(a.incomplete ?? [])];
  if (incomplete.length > 0) merged.incomplete = incomplete;
  return merged;
}

/** Install hooks are a medium signal (a native build alone is low); content issues above info keep their rule's severity. */
export function contentSignals(report: ContentReport): Signal[] {
  const signals: Signal[] = report.hooks.map((hook) => {
    const where = `${hook.file}${hook.line ? `:${hook.line}` : ''}`;
    const message =
      hook.name === 'setup.py cmdclass'
        ? `setup.py replaces a setuptools command with its own code, which runs at install time (${hook.command}, ${where})`
        : `runs "${hook.command}" at install time (${hook.name}, ${where})`;
    return { id: 'install-script', severity: /^node-gyp rebuild\s*$/.test(hook.command) ? 'low' : 'medium', message, detail: hook.name };
  });
  // Info-level observations (a hook runs a file, a native addon) add nothing to the hook signal itself.
  for (const issue of report.issues.filter((entry) => entry.severity !== 'info')) {
    signals.push({
      id: 'content',
      severity: issue.severity,
      message: `${issue.file}${issue.line ? `:${issue.line}` : ''}: ${issue.message}${issue.excerpt ? ` (${issue.excerpt})` : ''}`,
      detail: issue.rule,
    });
  }
  return signals;
}
