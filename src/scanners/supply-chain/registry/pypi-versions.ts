/**
 * Turns simple-index pages into RegistryPackage fields: versions with
 * their files, publication times and yank state, the project status, and
 * the version pip would pick as latest.
 */
import { explain } from '@renovatebot/pep440';
import { pypiScheme } from '../../deps/versions/pypi.js';
import type { RegistryArtifact, RegistryPackage, RegistryVersion } from '../types.js';
import { distributionKind, distributionVersion } from './pypi-files.js';
import type { SimpleFile, SimplePage } from './simple-page.js';

export type PypiFields = Pick<RegistryPackage, 'created' | 'versions' | 'latest' | 'quarantined' | 'deprecated'>;

interface VersionGroup {
  entry: RegistryVersion;
  files: SimpleFile[];
}

function artifactOf(file: SimpleFile): RegistryArtifact {
  const artifact: RegistryArtifact = { url: file.url, filename: file.filename, kind: distributionKind(file.filename) ?? 'other' };
  if (file.sha256 !== undefined) artifact.sha256 = file.sha256;
  return artifact;
}

function groupFor(groups: Map<string, VersionGroup>, version: string): VersionGroup {
  const key = pypiScheme.normalize(version);
  let group = groups.get(key);
  if (group === undefined) {
    group = { entry: { version, artifacts: [] }, files: [] };
    groups.set(key, group);
  }
  return group;
}

/**
 * A version is yanked when every one of its files is (pip ignores a yanked
 * release unless pinned exactly). The reason is the first one given.
 */
function finishVersion(group: VersionGroup): RegistryVersion {
  const { entry, files } = group;
  const times = files.map((file) => file.uploadTime).filter((time): time is string => time !== undefined).sort();
  if (times[0] !== undefined) entry.published = times[0];
  if (files.length > 0 && files.every((file) => file.yanked !== undefined)) {
    entry.yanked = files.map((file) => file.yanked).find((reason) => typeof reason === 'string') ?? true;
  }
  return entry;
}

/**
 * Returns the version pip would install without a pin: the highest valid
 * PEP 440 version that is not yanked and not a pre-release, else the
 * highest one that is not yanked. The simple API has no "latest" field.
 */
function pickLatest(versions: RegistryVersion[]): string | undefined {
  const candidates = versions.filter((entry) => entry.yanked === undefined && pypiScheme.isValid(entry.version));
  const stable = candidates.filter((entry) => explain(pypiScheme.normalize(entry.version))?.is_prerelease === false);
  const pool = stable.length > 0 ? stable : candidates;
  let best: string | undefined;
  for (const entry of pool) {
    if (best === undefined || pypiScheme.compare(entry.version, best) > 0) best = entry.version;
  }
  return best;
}

function applyStatus(fields: PypiFields, page: SimplePage): void {
  const status = page.status?.toLowerCase();
  if (status === 'quarantined') fields.quarantined = true;
  if (status === 'deprecated' || status === 'archived') fields.deprecated = page.statusReason ?? status;
}

/**
 * Merges the pages of every index that has the project, in index order, as
 * pip merges candidates from its index and extra indexes. Versions come
 * from PEP 700 `versions` when a page lists them, else from file names;
 * files whose names carry no version (eggs, installers) are dropped.
 */
export function pypiFields(project: string, pages: SimplePage[]): PypiFields {
  const groups = new Map<string, VersionGroup>();
  for (const page of pages) {
    for (const version of page.versions ?? []) groupFor(groups, version);
    for (const file of page.files) {
      const version = distributionVersion(file.filename, project);
      if (version === undefined) continue;
      const group = groupFor(groups, version);
      group.files.push(file);
      group.entry.artifacts.push(artifactOf(file));
    }
  }
  const versions = [...groups.values()].map(finishVersion);
  const fields: PypiFields = { versions };
  const created = versions.map((entry) => entry.published).filter((time): time is string => time !== undefined).sort()[0];
  if (created !== undefined) fields.created = created;
  const latest = pickLatest(versions);
  if (latest !== undefined) fields.latest = latest;
  for (const page of pages) applyStatus(fields, page);
  return fields;
}
