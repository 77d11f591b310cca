/**
 * Registry documents (packuments) for every package of a generated npm
 * lockfile, as Verdaccio stores them: each name gets the versions the
 * lockfile pins plus a few more, publication times in 2016 to 2018, and one
 * maintainer throughout, so no registry signal fires and a scan downloads
 * archives only where it has a reason. A seeded share of the names declares
 * a `postinstall` script; those, the names the name checks flag, and the
 * packages the guard runs judge get real archives. Every other document
 * points at an archive that does not exist, which the benchmark never fetches.
 */
import { createHash } from 'node:crypto';
import semver from 'semver';
import type { GeneratedPackage } from '../fixtures-deps/npm-lockfile.js';
import { SeededRandom } from '../fixtures-deps/random.js';
import { packageArchive, POSTINSTALL_COMMAND } from './package-files.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** First publication of the oldest package; every time lies years before any run of the benchmark. */
const EPOCH = Date.UTC(2016, 0, 1);
const RELEASE_GAP_DAYS = 45;

export interface RegistryOptions {
  seed: number;
  /** Share of the names whose versions declare a `postinstall` script. */
  hookShare: number;
  /** Packages `rampart guard` judges, two of them hooked; they get archives, as guard reads every archive. */
  guardCount: number;
  /** Further names that need archives, such as those the look-alike check flags. */
  archiveNames: ReadonlySet<string>;
}

/** One archive to place in Verdaccio's storage folder at `<name>/<filename>`. */
export interface PlannedArchive {
  name: string;
  filename: string;
  bytes: Buffer;
}

export interface RegistryPlan {
  /** Packuments keyed by package name, for `startVerdaccio({ seed })`. */
  documents: Record<string, object>;
  archives: PlannedArchive[];
  /** Names whose versions declare `postinstall`. */
  hooked: string[];
  /** Names for `rampart guard`, in lockfile order. */
  guardNames: string[];
  /** Versions over all documents. */
  versions: number;
}

/** Return the versions of one name, oldest first: the pinned ones, two newer patches, and one older release when there is room. */
export function versionList(pinned: readonly string[]): string[] {
  const sorted = [...new Set(pinned)].sort(semver.compare);
  const lowest = semver.parse(sorted[0])!;
  const highest = sorted.at(-1)!;
  const versions = new Set(sorted);
  if (lowest.patch > 0) versions.add(`${lowest.major}.${lowest.minor}.0`);
  else if (lowest.minor > 0) versions.add(`${lowest.major}.0.0`);
  const next = semver.inc(highest, 'patch')!;
  versions.add(next);
  versions.add(semver.inc(next, 'patch')!);
  return [...versions].sort(semver.compare);
}

function archiveFilename(name: string, version: string): string {
  return `${name.slice(name.lastIndexOf('/') + 1)}-${version}.tgz`;
}

function integrityOf(bytes: Buffer): { integrity: string; shasum: string } {
  return {
    integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
    shasum: createHash('sha1').update(bytes).digest('hex'),
  };
}

interface NameEntry {
  name: string;
  index: number;
  hooked: boolean;
  withArchives: boolean;
}

/** The package.json of one version, as its archive holds it. */
function versionManifest(entry: NameEntry, version: string): Record<string, unknown> & { name: string; version: string } {
  const base = entry.name.replace(/^@[^/]+\//, '');
  const scripts: Record<string, string> = { test: 'node --test' };
  if (entry.hooked) scripts.postinstall = POSTINSTALL_COMMAND;
  return {
    name: entry.name,
    version,
    description: `Configuration helpers (${base})`,
    license: 'MIT',
    main: 'index.js',
    scripts,
    repository: { type: 'git', url: `git+https://github.com/example/${base}.git` },
    engines: { node: '>=14' },
  };
}

async function buildDocument(entry: NameEntry, pinned: readonly string[], archives: PlannedArchive[]): Promise<object> {
  const maintainer = { name: `maintainer-${entry.index % 997}`, email: `maintainer-${entry.index % 997}@example.com` };
  const created = EPOCH + (entry.index % 700) * DAY_MS;
  const versions = versionList(pinned);
  const time: Record<string, string> = { created: new Date(created).toISOString() };
  const manifests: Record<string, object> = {};
  for (const [position, version] of versions.entries()) {
    time[version] = new Date(created + (position + 1) * RELEASE_GAP_DAYS * DAY_MS).toISOString();
    const manifest = versionManifest(entry, version);
    const filename = archiveFilename(entry.name, version);
    let digests = integrityOf(Buffer.from(`${entry.name}@${version}: no archive`));
    if (entry.withArchives) {
      const bytes = await packageArchive(manifest, entry.hooked);
      archives.push({ name: entry.name, filename, bytes });
      digests = integrityOf(bytes);
    }
    const tarball = `https://registry.npmjs.org/${entry.name}/-/${filename}`;
    manifests[version] = {
      ...manifest,
      _id: `${entry.name}@${version}`,
      _npmUser: maintainer,
      maintainers: [maintainer],
      dist: { tarball, ...digests, fileCount: entry.hooked ? 6 : 5 },
    };
  }
  time.modified = time[versions.at(-1)!]!;
  return {
    name: entry.name,
    description: `Configuration helpers (${entry.name})`,
    'dist-tags': { latest: versions.at(-1) },
    maintainers: [maintainer],
    license: 'MIT',
    time,
    versions: manifests,
  };
}

/** Pick the guard's names: the first hooked two and the first plain ones, in lockfile order. */
function pickGuardNames(names: readonly string[], hooked: ReadonlySet<string>, count: number): string[] {
  const withHook = names.filter((name) => hooked.has(name)).slice(0, Math.min(2, count));
  const plain = names.filter((name) => !hooked.has(name)).slice(0, count - withHook.length);
  return names.filter((name) => withHook.includes(name) || plain.includes(name));
}

/** Build the packuments and archives for the names and versions of `packages`. */
export async function planRegistry(packages: readonly GeneratedPackage[], options: RegistryOptions): Promise<RegistryPlan> {
  const pinned = new Map<string, string[]>();
  for (const pkg of packages) {
    const list = pinned.get(pkg.name) ?? [];
    list.push(pkg.version);
    pinned.set(pkg.name, list);
  }
  const random = new SeededRandom(options.seed);
  const names = [...pinned.keys()];
  const hooked = new Set(names.filter(() => random.chance(options.hookShare)));
  const guardNames = pickGuardNames(names, hooked, options.guardCount);
  const plan: RegistryPlan = { documents: {}, archives: [], hooked: [...hooked], guardNames, versions: 0 };
  for (const [index, name] of names.entries()) {
    const withArchives = hooked.has(name) || guardNames.includes(name) || options.archiveNames.has(name);
    const entry = { name, index, hooked: hooked.has(name), withArchives };
    const document = await buildDocument(entry, pinned.get(name)!, plan.archives);
    plan.documents[name] = document;
    plan.versions += Object.keys((document as { versions: object }).versions).length;
  }
  return plan;
}
