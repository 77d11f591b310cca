/**
 * Names that Rampart writes into its SBOMs and recognises when it reads
 * them back, so that a Rampart SBOM turns into the same projects again.
 */

/** CycloneDX property names in Rampart's own namespace. */
export const RAMPART_PROPERTY = {
  /** On project and package components: relative path of the lockfile. */
  lockfile: 'rampart:lockfile',
  /** On project components: the OSV ecosystem name. */
  ecosystem: 'rampart:ecosystem',
  /** On project components: relative path of the manifest, when one was read. */
  manifest: 'rampart:manifest',
  /** On package components: `true` or `false`. */
  direct: 'rampart:direct',
  /** On package components: a git URL, path or tarball URL outside the default registry. */
  source: 'rampart:source',
} as const;

/**
 * Property of the CycloneDX property taxonomy (cyclonedx-property-taxonomy,
 * `cdx:npm` namespace) that marks an npm package as a development dependency.
 */
export const NPM_DEVELOPMENT_PROPERTY = 'cdx:npm:package:development';

/**
 * Prefix of SPDX annotation comments on project packages, written as
 * `rampart:lockfile=package-lock.json`. SPDX 2.3 has no key-value
 * properties, and annotations of type OTHER are its place for tool data.
 */
export const SPDX_ANNOTATION_PREFIX = 'rampart:';

/** Creator prefix of SPDX documents that Rampart wrote (`Tool: rampart-0.1.0`). */
export const SPDX_CREATOR_PREFIX = 'Tool: rampart-';
