/**
 * Maps an npm packument (the registry's JSON document for one package
 * name) to the normalised RegistryPackage fields. The document comes from
 * the network, so every field is type-checked before use and anything
 * unexpected is left out instead of failing the lookup.
 */
import type { RegistryArtifact, RegistryPackage, RegistryVersion } from '../types.js';
import { isObject, isoTime, stringField, type JsonObject as Json } from './json-fields.js';
import { withoutUserinfo } from './urls.js';

/** Lifecycle scripts npm runs when a package is installed. */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'] as const;

/** Phrase npm puts in the description of the packages it takes over for security reasons. */
const HOLDING_PHRASE = 'security holding package';

/** The version numbers npm gives those placeholder packages: `0.0.1-security`, and `0.0.2-security` on recent ones. */
const HOLDING_VERSION = /^0\.0\.\d+-security$/;

function installScripts(manifest: Json): Record<string, string> | undefined {
  const scripts = isObject(manifest.scripts) ? manifest.scripts : {};
  const found: Record<string, string> = {};
  for (const name of INSTALL_SCRIPTS) {
    const command = stringField(scripts[name]);
    if (command !== undefined) found[name] = command;
  }
  // npm runs `node-gyp rebuild` for a package with binding.gyp and no install script; the registry records that as gypfile.
  if (manifest.gypfile === true && found.install === undefined) found.install = 'node-gyp rebuild';
  return Object.keys(found).length > 0 ? found : undefined;
}

function maintainers(manifest: Json): string[] | undefined {
  const names: string[] = [];
  const add = (value: unknown) => {
    const name = isObject(value) ? stringField(value.name) : undefined;
    if (name !== undefined && !names.includes(name)) names.push(name);
  };
  add(manifest._npmUser);
  if (Array.isArray(manifest.maintainers)) manifest.maintainers.forEach(add);
  return names.length > 0 ? names : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Converts npm's hex SHA-1 `shasum` to a Subresource Integrity string. */
function shasumIntegrity(shasum: string): string | undefined {
  return /^[0-9a-f]{40}$/i.test(shasum) ? `sha1-${Buffer.from(shasum, 'hex').toString('base64')}` : undefined;
}

function tarballArtifact(manifest: Json, registry: string): RegistryArtifact[] {
  const dist = isObject(manifest.dist) ? manifest.dist : {};
  const tarball = stringField(dist.tarball);
  if (tarball === undefined) return [];
  let url: URL;
  try {
    url = new URL(tarball, registry);
  } catch {
    return [];
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return [];
  const filename = safeDecode(url.pathname.slice(url.pathname.lastIndexOf('/') + 1));
  const artifact: RegistryArtifact = { url: withoutUserinfo(url.href), filename, kind: 'npm-tarball' };
  const integrity = stringField(dist.integrity) ?? (typeof dist.shasum === 'string' ? shasumIntegrity(dist.shasum) : undefined);
  if (integrity !== undefined) artifact.integrity = integrity;
  return [artifact];
}

function mapVersion(version: string, manifest: Json, times: Json, registry: string): RegistryVersion {
  const entry: RegistryVersion = { version, artifacts: tarballArtifact(manifest, registry) };
  const published = isoTime(times[version]);
  if (published !== undefined) entry.published = published;
  const deprecated = stringField(manifest.deprecated);
  if (deprecated !== undefined) entry.deprecated = deprecated;
  const scripts = installScripts(manifest);
  if (scripts !== undefined) entry.installScripts = scripts;
  const people = maintainers(manifest);
  if (people !== undefined) entry.maintainers = people;
  const dependencies = installedDependencies(manifest);
  if (dependencies !== undefined) entry.dependencies = dependencies;
  return entry;
}

/** Most dependencies kept per version; a real package has far fewer. */
const MAX_DEPENDENCIES = 1000;

/**
 * What npm installs along with the version: `dependencies`,
 * `optionalDependencies`, and `peerDependencies` that are not marked
 * optional (npm 7 and later install those too).
 */
function installedDependencies(manifest: Json): Record<string, string> | undefined {
  const found: Record<string, string> = {};
  const optionalPeers = isObject(manifest.peerDependenciesMeta) ? manifest.peerDependenciesMeta : {};
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies'] as const) {
    const entries = isObject(manifest[field]) ? manifest[field] : {};
    for (const [name, range] of Object.entries(entries).slice(0, MAX_DEPENDENCIES)) {
      const meta = optionalPeers[name];
      if (field === 'peerDependencies' && isObject(meta) && meta.optional === true) continue;
      if (typeof range === 'string' && name !== '__proto__') found[name] = range;
    }
  }
  return Object.keys(found).length > 0 ? found : undefined;
}

/** Fields of a RegistryPackage that the packument determines. */
export type PackumentFields = Pick<RegistryPackage, 'presence' | 'error' | 'created' | 'versions' | 'latest' | 'tags' | 'placeholder' | 'deprecated'>;

/** Describes a packument whose versions were all unpublished: `time.unpublished` is `{ time, versions }`. */
function unpublishedError(times: Json): string | undefined {
  const record = times.unpublished;
  if (record === undefined) return undefined;
  const when = isObject(record) ? isoTime(record.time) : undefined;
  return when === undefined ? 'unpublished' : `unpublished on ${when}`;
}

/**
 * Maps a parsed packument. Versions keep the document's order, which is
 * publication order on the npm registry and Verdaccio. A packument without
 * versions but with `time.unpublished` means the package was removed:
 * presence `absent`, with the removal time in `error`.
 */
export function mapPackument(document: unknown, registry: string): PackumentFields {
  if (!isObject(document)) return { presence: 'unknown', error: 'registry returned JSON that is not an object', versions: [] };
  const times = isObject(document.time) ? document.time : {};
  const manifests = isObject(document.versions) ? document.versions : {};
  const versions: RegistryVersion[] = [];
  for (const [version, manifest] of Object.entries(manifests)) {
    if (isObject(manifest)) versions.push(mapVersion(version, manifest, times, registry));
  }
  const created = isoTime(times.created);
  const unpublished = versions.length === 0 ? unpublishedError(times) : undefined;
  if (unpublished !== undefined) {
    return created === undefined ? { presence: 'absent', error: unpublished, versions } : { presence: 'absent', error: unpublished, created, versions };
  }

  const fields: PackumentFields = { presence: 'present', versions };
  if (created !== undefined) fields.created = created;
  const tags = isObject(document['dist-tags']) ? document['dist-tags'] : {};
  const latest = stringField(tags.latest);
  if (latest !== undefined) fields.latest = latest;
  const named: Record<string, string> = {};
  for (const [tag, version] of Object.entries(tags).slice(0, 100)) {
    const text = stringField(version);
    if (text !== undefined && tag !== '__proto__') named[tag] = text;
  }
  if (Object.keys(named).length > 0) fields.tags = named;
  const description = stringField(document.description) ?? '';
  if ((latest !== undefined && HOLDING_VERSION.test(latest)) || description.toLowerCase().includes(HOLDING_PHRASE)) fields.placeholder = true;
  const lastDeprecation = versions.at(-1)?.deprecated;
  if (versions.length > 0 && versions.every((entry) => entry.deprecated !== undefined) && typeof lastDeprecation === 'string') {
    fields.deprecated = lastDeprecation;
  }
  return fields;
}
