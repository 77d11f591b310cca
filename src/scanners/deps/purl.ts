/** Package URLs (purl) for inventory packages, built with packageurl-js. */
import { PackageURL } from 'packageurl-js';
import type { Ecosystem } from './types.js';

const PURL_TYPES: Record<Ecosystem, string> = {
  npm: 'npm',
  PyPI: 'pypi',
  Go: 'golang',
  'crates.io': 'cargo',
  RubyGems: 'gem',
  Packagist: 'composer',
  Maven: 'maven',
  NuGet: 'nuget',
  Pub: 'pub',
};

/** The ecosystem of a purl type, or undefined for types Rampart cannot match. */
export function ecosystemOfPurlType(type: string): Ecosystem | undefined {
  const entry = Object.entries(PURL_TYPES).find(([, purlType]) => purlType === type);
  return entry?.[0] as Ecosystem | undefined;
}

/** Split a package name into purl namespace and name, per ecosystem. */
function splitName(ecosystem: Ecosystem, name: string): [string | undefined, string] {
  if (ecosystem === 'npm' && name.startsWith('@') && name.includes('/')) {
    const slash = name.indexOf('/');
    return [name.slice(0, slash), name.slice(slash + 1)];
  }
  if (ecosystem === 'Maven' && name.includes(':')) {
    const colon = name.indexOf(':');
    return [name.slice(0, colon), name.slice(colon + 1)];
  }
  if ((ecosystem === 'Go' || ecosystem === 'Packagist') && name.includes('/')) {
    const slash = name.lastIndexOf('/');
    return [name.slice(0, slash), name.slice(slash + 1)];
  }
  return [undefined, name];
}

/**
 * Build the purl of a package. Go versions are stored without the leading
 * `v` (as OSV ranges spell them) but Go purls carry it, as Go tooling
 * writes module versions.
 */
export function purlOf(ecosystem: Ecosystem, name: string, version: string): string {
  const [namespace, shortName] = splitName(ecosystem, name);
  const purlVersion = ecosystem === 'Go' && /^\d/.test(version) ? `v${version}` : version;
  try {
    return new PackageURL(PURL_TYPES[ecosystem], namespace, shortName, purlVersion || undefined).toString();
  } catch {
    // A name the purl library rejects (empty segments and similar) still needs an identifier.
    return `pkg:${PURL_TYPES[ecosystem]}/${encodeURIComponent(name)}@${encodeURIComponent(version)}`;
  }
}
