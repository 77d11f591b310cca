/** Package identity from a purl found in an SBOM: ecosystem, name and version as OSV spells them. */
import { PackageURL } from 'packageurl-js';
import { ecosystemOfPurlType } from './purl.js';
import type { Ecosystem } from './types.js';

export interface PurlIdentity {
  ecosystem: Ecosystem;
  name: string;
  version: string;
}

/** Reason that a purl gave no identity, so callers can count each reason in one warning. */
export type PurlRejection =
  | { reason: 'invalid' }
  | { reason: 'unsupported-type'; type: string }
  | { reason: 'no-version' };

/**
 * Join namespace and name the way each ecosystem names packages: Maven
 * `group:artifact`, npm `@scope/name`, Go and Composer `namespace/name`.
 */
function packageName(ecosystem: Ecosystem, namespace: string | undefined, name: string): string {
  if (namespace === undefined || namespace === '') return name;
  return ecosystem === 'Maven' ? `${namespace}:${name}` : `${namespace}/${name}`;
}

/**
 * Go purls carry the `v` of module versions, while the inventory stores Go
 * versions without it (as OSV ranges do), the reverse of `purlOf`.
 */
function inventoryVersion(ecosystem: Ecosystem, version: string): string {
  const second = version.charCodeAt(1);
  const digitFollows = second >= 48 && second <= 57;
  return ecosystem === 'Go' && version.startsWith('v') && digitFollows ? version.slice(1) : version;
}

/** Parse `purl` into the identity Rampart matches advisories on. */
export function identityOfPurl(purl: string): PurlIdentity | PurlRejection {
  let parsed: PackageURL;
  try {
    parsed = PackageURL.fromString(purl);
  } catch {
    return { reason: 'invalid' };
  }
  const ecosystem = ecosystemOfPurlType(parsed.type);
  if (ecosystem === undefined) return { reason: 'unsupported-type', type: parsed.type };
  if (parsed.version === undefined || parsed.version === '') return { reason: 'no-version' };
  return {
    ecosystem,
    name: packageName(ecosystem, parsed.namespace, parsed.name),
    version: inventoryVersion(ecosystem, parsed.version),
  };
}
