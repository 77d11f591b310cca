/**
 * Signals read from a registry's record of one package: whether it
 * exists, whether it was taken down, how old it and the judged version are,
 * how many versions it has, who published the version, deprecation, and
 * versions published out of the usual order. Pure: the time is passed in.
 */
import { maxSatisfying as maxPep440, satisfies as satisfiesPep440 } from '@renovatebot/pep440';
import semver from 'semver';
import { compareVersions, isValidVersion, majorOf } from '../deps/versions/index.js';
import type { RegistryPackage, RegistryVersion, Signal } from './types.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A major version this far above every earlier one looks like a dependency-confusion upload. */
export const MAJOR_JUMP = 10;
/** A release after this many days without one is a revival of a dormant package. */
export const DORMANT_DAYS = 730;
/** A version published this many days after a higher version of its major line is out of order. */
export const LATE_DAYS = 30;
/**
 * Revivals and late releases matter while they are recent: one from years
 * ago has had its review. The same goes for few versions, which only matter
 * for a young package.
 */
export const RECENT_DAYS = 365;

export interface SignalThresholds {
  newPackageDays: number;
  newVersionDays: number;
  minVersions: number;
  now: Date;
}

/**
 * Resolve a range or tag to the version the installer would pick. npm takes
 * `latest` when it satisfies the range, else the highest match. pip takes
 * the highest match that is not yanked. Undefined when nothing matches.
 */
export function resolveRange(pkg: RegistryPackage, range: string, prerelease = false): string | undefined {
  const tagged = pkg.tags?.[range];
  if (tagged !== undefined) return tagged;
  const candidates = pkg.versions.filter((entry) => !entry.yanked).map((entry) => entry.version);
  if (pkg.ecosystem === 'npm') {
    if (semver.validRange(range) === null) return undefined;
    if (pkg.latest !== undefined && semver.satisfies(pkg.latest, range)) return pkg.latest;
    return semver.maxSatisfying(candidates, range) ?? undefined;
  }
  try {
    const matching = candidates.filter((version) => satisfiesPep440(version, range, { prereleases: prerelease }));
    return maxPep440(matching, range, { prereleases: prerelease }) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The version a check judges: the one asked for, else the registry's
 * latest, else (no latest, or a latest that names no version) the one an
 * installer would pick: the highest stable release.
 */
export function judgedVersion(pkg: RegistryPackage, asked: string | undefined): RegistryVersion | undefined {
  if (asked !== undefined) return pkg.versions.find((entry) => entry.version === asked);
  const latest = pkg.latest === undefined ? undefined : pkg.versions.find((entry) => entry.version === pkg.latest);
  return latest ?? highestVersion(pkg, false) ?? pkg.versions.at(-1);
}

/** The highest installable version: stable releases only unless `prerelease`, or every one when there is no stable release. */
export function highestVersion(pkg: RegistryPackage, prerelease: boolean): RegistryVersion | undefined {
  const installable = pkg.versions.filter((entry) => !entry.yanked && isValidVersion(pkg.ecosystem, entry.version));
  const stable = prerelease ? installable : installable.filter((entry) => !isPrerelease(pkg.ecosystem, entry.version));
  const pool = stable.length > 0 ? stable : installable;
  if (pool.length === 0) return undefined;
  return pool.reduce((best, entry) => (compareVersions(pkg.ecosystem, entry.version, best.version) > 0 ? entry : best));
}

function isPrerelease(ecosystem: RegistryPackage['ecosystem'], version: string): boolean {
  if (ecosystem === 'npm') return version.split('+')[0]!.includes('-');
  // PEP 440: a, b, rc (with or without separators), and dev releases; post releases are final.
  return /(?:a|b|c|rc|alpha|beta|pre|preview|dev)[-_.]?\d*/i.test(version.replace(/post[-_.]?\d*/gi, ''));
}

/** Return the signals in a registry record, or none when the registry could not be queried. */
export function registrySignals(pkg: RegistryPackage, asked: string | undefined, limits: SignalThresholds): Signal[] {
  if (pkg.presence === 'unknown') return [];
  const where = `${pkg.ecosystem === 'npm' ? 'the npm registry' : 'the Python package index'} at ${pkg.registry}`;
  if (pkg.presence === 'absent') {
    const why = pkg.error ? ` (${pkg.error})` : '';
    return [
      {
        id: 'not-found',
        severity: 'critical',
        message:
          `"${pkg.name}" is not on ${where}${why}: the name may have been invented, ` +
          'and anyone can register it and publish code under it',
      },
    ];
  }
  const takenDown = takedownSignals(pkg);
  if (takenDown.length > 0) return takenDown;

  const version = judgedVersion(pkg, asked);
  if (asked !== undefined && !version) {
    return [
      {
        id: 'not-found',
        severity: 'high',
        message: `version ${asked} of "${pkg.name}" is not on ${where}: it was removed or never published`,
      },
    ];
  }
  return [
    ...ageSignals(pkg, version, limits),
    ...maintainerSignals(pkg, version),
    ...deprecationSignals(pkg, version),
    ...orderSignals(pkg, version, limits.now),
  ];
}

function takedownSignals(pkg: RegistryPackage): Signal[] {
  const signals: Signal[] = [];
  if (pkg.placeholder) {
    signals.push({
      id: 'placeholder',
      severity: 'critical',
      message: `the registry replaced "${pkg.name}" with a security holding package: it was taken down, usually for malware`,
    });
  }
  if (pkg.quarantined) {
    signals.push({
      id: 'quarantined',
      severity: 'critical',
      message: `the index quarantined "${pkg.name}": it is considered unsafe, usually for malware, and offers no files`,
    });
  }
  return signals;
}

function daysBetween(earlier: string | undefined, later: Date): number | undefined {
  if (earlier === undefined) return undefined;
  const time = Date.parse(earlier);
  return Number.isNaN(time) ? undefined : (later.getTime() - time) / DAY_MS;
}

function ageSignals(pkg: RegistryPackage, version: RegistryVersion | undefined, limits: SignalThresholds): Signal[] {
  const signals: Signal[] = [];
  const packageAge = daysBetween(pkg.created ?? pkg.versions[0]?.published, limits.now);
  if (packageAge !== undefined && packageAge < limits.newPackageDays) {
    signals.push({
      id: 'new-package',
      severity: 'medium',
      message: `"${pkg.name}" was first published ${describeAge(packageAge)} (${day(pkg.created ?? pkg.versions[0]?.published)})`,
    });
  }
  const versionAge = daysBetween(version?.published, limits.now);
  if (version && versionAge !== undefined && versionAge < limits.newVersionDays && packageAge !== undefined && packageAge >= limits.newPackageDays) {
    signals.push({
      id: 'new-version',
      severity: 'low',
      message: `version ${version.version} was published ${describeAge(versionAge)} (${day(version.published)}); new releases are where hijacked accounts publish`,
    });
  }
  const count = pkg.versions.length;
  // A package that has lived for a year with one release is settled, not suspicious.
  if (count < limits.minVersions && (packageAge === undefined || packageAge < RECENT_DAYS)) {
    signals.push({
      id: 'few-versions',
      severity: 'low',
      message: `"${pkg.name}" has only ${count} published version${count === 1 ? '' : 's'}`,
    });
  }
  return signals;
}

function describeAge(days: number): string {
  if (days < 1) return 'less than a day ago';
  const whole = Math.floor(days);
  return `${whole} day${whole === 1 ? '' : 's'} ago`;
}

function day(iso: string | undefined): string {
  return iso === undefined ? 'date unknown' : iso.slice(0, 10);
}

/** Versions that have a publication time, oldest first. */
function byPublication(pkg: RegistryPackage): RegistryVersion[] {
  return pkg.versions
    .filter((entry) => entry.published !== undefined && !Number.isNaN(Date.parse(entry.published)))
    .sort((a, b) => Date.parse(a.published!) - Date.parse(b.published!));
}

function previousRelease(pkg: RegistryPackage, version: RegistryVersion): RegistryVersion | undefined {
  const ordered = byPublication(pkg);
  const index = ordered.indexOf(version);
  return index > 0 ? ordered[index - 1] : undefined;
}

/**
 * The account that published the judged version did not maintain the
 * release before it: the pattern of a hijacked or transferred package.
 */
function maintainerSignals(pkg: RegistryPackage, version: RegistryVersion | undefined): Signal[] {
  if (!version?.maintainers?.length) return [];
  const previous = previousRelease(pkg, version);
  if (!previous?.maintainers?.length) return [];
  const publisher = version.maintainers[0]!;
  const before = new Set(previous.maintainers);
  if (before.has(publisher)) return [];
  return [
    {
      id: 'maintainer-change',
      severity: 'medium',
      message:
        `version ${version.version} was published by "${publisher}", who did not maintain the previous release ` +
        `${previous.version} (maintainers then: ${previous.maintainers.join(', ')})`,
    },
  ];
}

function deprecationSignals(pkg: RegistryPackage, version: RegistryVersion | undefined): Signal[] {
  const signals: Signal[] = [];
  if (pkg.deprecated !== undefined) {
    signals.push({ id: 'deprecated', severity: 'low', message: `"${pkg.name}" is marked as ${pkg.deprecated}` });
  }
  if (version?.deprecated !== undefined) {
    const why = version.deprecated === true ? '' : `: ${version.deprecated}`;
    signals.push({ id: 'deprecated', severity: 'low', message: `version ${version.version} is deprecated${why}` });
  }
  if (version?.yanked !== undefined) {
    const why = version.yanked === true ? '' : `: ${version.yanked}`;
    signals.push({ id: 'deprecated', severity: 'low', message: `version ${version.version} was yanked${why}` });
  }
  return signals;
}

/**
 * Report three release patterns that honest projects rarely show. The first
 * is a major version far above every earlier one (dependency confusion).
 * The others count only while the release is recent: a release after years
 * of silence (a revived, possibly taken-over package), and a lower version
 * published long after a higher one of the same major line.
 */
function orderSignals(pkg: RegistryPackage, version: RegistryVersion | undefined, now: Date): Signal[] {
  if (!version || !isValidVersion(pkg.ecosystem, version.version)) return [];
  const others = pkg.versions.filter((entry) => entry !== version && isValidVersion(pkg.ecosystem, entry.version));
  const signals: Signal[] = [];
  const jump = majorJump(pkg, version, others);
  if (jump) signals.push(jump);
  const age = daysBetween(version.published, now);
  if (age === undefined || age >= RECENT_DAYS) return signals;
  const previous = previousRelease(pkg, version);
  const gap = previous ? daysBetween(previous.published, new Date(version.published!)) : undefined;
  if (previous && gap !== undefined && gap >= DORMANT_DAYS) {
    signals.push({
      id: 'out-of-order',
      severity: 'medium',
      message: `version ${version.version} came ${Math.floor(gap / 365)} years after the previous release ${previous.version}: a dormant package revived, possibly by a new owner`,
    });
  }
  const late = lateRelease(pkg, version, others);
  if (late) signals.push(late);
  return signals;
}

function majorJump(pkg: RegistryPackage, version: RegistryVersion, others: RegistryVersion[]): Signal | undefined {
  const major = Number(majorOf(pkg.ecosystem, version.version));
  const earlier = others.filter((entry) => compareVersions(pkg.ecosystem, entry.version, version.version) < 0);
  if (earlier.length === 0 || earlier.length < others.length || !Number.isFinite(major)) return undefined;
  // A reduce, not Math.max(...list), because a registry record can list hundreds of thousands of versions.
  const highest = earlier.reduce((top, entry) => {
    const value = Number(majorOf(pkg.ecosystem, entry.version));
    return Number.isFinite(value) && value > top ? value : top;
  }, Number.NEGATIVE_INFINITY);
  if (!Number.isFinite(highest) || major < highest + MAJOR_JUMP) return undefined;
  return {
    id: 'out-of-order',
    severity: 'medium',
    message: `version ${version.version} jumps from major version ${highest} to ${major}, a pattern of dependency-confusion uploads`,
  };
}

function lateRelease(pkg: RegistryPackage, version: RegistryVersion, others: RegistryVersion[]): Signal | undefined {
  if (version.published === undefined) return undefined;
  const major = majorOf(pkg.ecosystem, version.version);
  const published = new Date(version.published);
  const higher = others.find((entry) => {
    if (majorOf(pkg.ecosystem, entry.version) !== major) return false;
    if (compareVersions(pkg.ecosystem, entry.version, version.version) <= 0) return false;
    const lead = daysBetween(entry.published, published);
    return lead !== undefined && lead >= LATE_DAYS;
  });
  if (!higher) return undefined;
  return {
    id: 'out-of-order',
    severity: 'low',
    message: `version ${version.version} was published on ${day(version.published)}, after the higher ${higher.version} (${day(higher.published)})`,
  };
}
