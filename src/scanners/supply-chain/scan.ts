/**
 * The work of the supply-chain scanner: collect the packages to judge
 * (lockfile entries from the shared inventory, and undeclared imports),
 * assess each once, and report every signal as a finding at each place the
 * package appears.
 */
import semver from 'semver';
import type { ProjectContext, ProjectScanResult } from '../../core/scanner.js';
import { normalisePackageName } from '../../store/package-name.js';
import { packageAnchor, packageEvidence, packageLocation } from '../deps/finding-parts.js';
import { projectInventory } from '../deps/inventory.js';
import type { ProjectInventory } from '../deps/types.js';
import { assessPackage, type AssessContext, type PackageRequest } from './assess.js';
import { assessmentFindings, type Subject } from './findings.js';
import { collectImports } from './import-candidates.js';
import { openSession } from './session.js';
import type { Assessment, SupplyEcosystem } from './types.js';

/** Packages assessed at once; the registry client bounds its own requests further. */
const CONCURRENCY = 16;

interface Candidate {
  request: PackageRequest;
  subjects: Subject[];
  /** From a lockfile, where the dependency scanner already reports malware records. */
  locked: boolean;
}

function isSupplyEcosystem(ecosystem: string): ecosystem is SupplyEcosystem {
  return ecosystem === 'npm' || ecosystem === 'PyPI';
}

function candidateKey(ecosystem: SupplyEcosystem, name: string, version: string | undefined): string {
  return `${ecosystem}\0${normalisePackageName(ecosystem, name)}\0${version ?? ''}`;
}

/** npm registry tarballs are `<registry>/<name>/-/<file>.tgz`, on any mirror. */
const NPM_REGISTRY_TARBALL = /^https?:\/\/[^\s]+\/-\/[^/\s]+\.tgz$/;

/**
 * Check whether a locked package came from a registry (the default or a
 * mirror). Git, path and plain tarball sources are not the registry's to judge.
 */
export function isRegistrySource(ecosystem: SupplyEcosystem, source: string | undefined): boolean {
  if (source === undefined) return true;
  if (ecosystem === 'npm') return NPM_REGISTRY_TARBALL.test(source);
  return /^https?:\/\//.test(source) && !/\.(?:whl|zip|tar\.gz|tgz)(?:[#?].*)?$/i.test(source);
}

/** Lockfile packages from a registry, keyed so that each name and version is assessed once. */
function lockedCandidates(projects: ProjectInventory[], into: Map<string, Candidate>): void {
  for (const project of projects) {
    for (const pkg of project.packages) {
      if (!isSupplyEcosystem(pkg.ecosystem) || !isRegistrySource(pkg.ecosystem, pkg.source)) continue;
      const key = candidateKey(pkg.ecosystem, pkg.name, pkg.version);
      let candidate = into.get(key);
      if (!candidate) {
        candidate = { request: { ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version }, subjects: [], locked: true };
        into.set(key, candidate);
      }
      candidate.subjects.push({
        location: packageLocation(project, pkg),
        anchor: packageAnchor(pkg),
        package: packageEvidence(pkg),
        tags: [pkg.scope],
      });
    }
  }
}

/** A package known by name only (an import or an unlocked declaration), judged at the registry's latest version. */
function addByName(into: Map<string, Candidate>, ecosystem: SupplyEcosystem, name: string, subject: Subject, range?: string): void {
  const key = `${candidateKey(ecosystem, name, undefined)}\0${range ?? ''}`;
  const existing = into.get(key);
  if (existing) {
    existing.subjects.push(subject);
    return;
  }
  const request: PackageRequest = { ecosystem, name };
  // An exact pin in package.json is judged at that version, a range at what npm would pick.
  if (range !== undefined && semver.valid(range) !== null) request.version = semver.clean(range)!;
  else if (range !== undefined && semver.validRange(range) !== null) request.range = range;
  into.set(key, { request, subjects: [subject], locked: false });
}

async function mapLimited<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await run(items[index]!);
    }
  });
  await Promise.all(workers);
  return results;
}

export async function scanSupplyChain(context: ProjectContext): Promise<ProjectScanResult> {
  const depsRuns = context.scanners?.includes('deps') ?? false;
  const inventory = await projectInventory(context);
  const result: ProjectScanResult = { findings: [], warnings: [] };
  // The dependency scanner reports the inventory's file errors when it runs too. Its parse
  // warnings (versions it cannot match advisories against) do not concern this scanner.
  if (!depsRuns) result.errors = inventory.errors;
  const candidates = new Map<string, Candidate>();
  lockedCandidates(inventory.projects, candidates);
  if (context.config.supplyChain.checkImports && !context.sbom) {
    const found = await collectImports(context, inventory.projects);
    result.warnings!.push(...found.warnings);
    for (const entry of found.imports) {
      const location = { path: entry.path, startLine: entry.line, startColumn: entry.column, endLine: entry.line, endColumn: entry.column + entry.module.length };
      addByName(candidates, entry.ecosystem, entry.packageName, { location, anchor: `${entry.ecosystem}/${entry.packageName}`, imported: true, tags: ['import'] });
    }
    for (const entry of found.unlocked) {
      const location = { path: entry.path, startLine: entry.line, startColumn: 1, endLine: entry.line, endColumn: 1 };
      addByName(candidates, entry.ecosystem, entry.name, { location, anchor: `${entry.ecosystem}/${entry.name}`, tags: ['manifest'] }, entry.range);
    }
  }
  if (candidates.size === 0) return result;

  const session = openSession({
    config: context.config,
    env: context.env ?? process.env,
    cwd: context.root,
    projectRoot: context.root,
    inspection: 'suspicious',
  });
  try {
    result.warnings!.push(...session.warnings);
    const lockedContext: AssessContext = depsRuns ? { ...session.context, records: async () => [] } : session.context;
    const list = [...candidates.values()];
    const assessments = await mapLimited(list, CONCURRENCY, (candidate) =>
      assessPackage(candidate.request, candidate.locked ? lockedContext : session.context),
    );
    const mirrorWarning = partialMirror(list, assessments);
    if (mirrorWarning) result.warnings!.push(mirrorWarning.warning);
    list.forEach((candidate, index) => {
      const assessment = mirrorWarning?.drop.has(index) ? withoutNotFound(assessments[index]!) : assessments[index]!;
      for (const subject of candidate.subjects) {
        result.findings.push(...assessmentFindings(subject.imported ? importAssessment(assessment) : assessment, subject));
      }
    });
    const warning = unknownWarning(assessments);
    if (warning) result.warnings!.push(warning);
    const uninspected = assessments.filter((assessment) => assessment.unknown.some((entry) => entry.startsWith('content of '))).length;
    if (uninspected > 0) {
      result.warnings!.push(
        `the archives of ${uninspected} packages with install scripts or other warning signs could not be read, so their code was not inspected`,
      );
    }
  } finally {
    session.close();
  }
  return result;
}

/** Below this many missing locked packages, each one is reported; above it, a wrong registry is likelier. */
const MIRROR_MIN_MISSING = 10;

/**
 * When most locked packages of an ecosystem are missing from the registry,
 * the registry is the problem (a partial mirror, the wrong address), not the
 * packages: one warning replaces a flood of "invented" findings.
 */
function partialMirror(list: Candidate[], assessments: Assessment[]): { warning: string; drop: Set<number> } | undefined {
  for (const ecosystem of ['npm', 'PyPI'] as const) {
    const locked = list.map((candidate, index) => ({ candidate, index })).filter(({ candidate }) => candidate.locked && candidate.request.ecosystem === ecosystem);
    const missing = locked.filter(({ index }) => assessments[index]!.signals.some((signal) => signal.id === 'not-found'));
    if (missing.length >= MIRROR_MIN_MISSING && missing.length * 2 >= locked.length) {
      const registry = ecosystem === 'npm' ? '--npm-registry or ~/.npmrc' : '--pypi-index or pip.conf';
      return {
        warning:
          `${missing.length} of ${locked.length} locked ${ecosystem} packages are not on the registry Rampart asked, ` +
          `so it is probably a partial mirror or the wrong address; they were not reported one by one: set ${registry} to the registry you install from`,
        drop: new Set(missing.map(({ index }) => index)),
      };
    }
  }
  return undefined;
}

function withoutNotFound(assessment: Assessment): Assessment {
  return { ...assessment, signals: assessment.signals.filter((signal) => signal.id !== 'not-found') };
}

/**
 * An undeclared import matters when the registry lacks the package or lists
 * it as malware; the other signals belong to the declared dependency, once
 * someone adds it.
 */
function importAssessment(assessment: Assessment): Assessment {
  const kept = new Set(['not-found', 'malicious', 'placeholder', 'quarantined', 'typosquat']);
  return { ...assessment, signals: assessment.signals.filter((signal) => kept.has(signal.id)) };
}

/** Build one warning for every package the registry could not be queried about, instead of a finding each. */
function unknownWarning(assessments: Assessment[]): string | undefined {
  const unchecked = assessments.filter((assessment) => assessment.unknown.some((entry) => entry.startsWith('registry:')));
  if (unchecked.length === 0) return undefined;
  const reasons = [...new Set(unchecked.map((assessment) => assessment.unknown.find((entry) => entry.startsWith('registry:'))!.slice('registry: '.length)))];
  const shown = reasons.slice(0, 3).join('; ') + (reasons.length > 3 ? '; ...' : '');
  return (
    `registry checks could not run for ${unchecked.length} of ${assessments.length} packages (${shown}): ` +
    'whether they exist, their age, maintainers and install scripts are unknown, not safe'
  );
}
