/**
 * Package keys and dependency references of pnpm lockfiles, by format:
 *
 * - 5.x: `/name/1.2.3`, `/@scope/name/1.2.3_peer@1.0.0`
 * - 6.0: `/name@1.2.3`, `/name@1.2.3(peer@1.0.0)`
 * - 9.0: `name@1.2.3`, `name@1.2.3(peer@1.0.0)`
 *
 * Git, tarball and directory packages have other keys (`github.com/o/r/sha`,
 * `file:lib` in 5.x and 6.0; `name@file:lib` in 9.0) and, before 9.0, carry
 * their name in the entry's `name` field.
 */

export type PnpmStyle = 'v5' | 'v6' | 'v9';

export interface PnpmKey {
  name: string;
  /** The version part of the key without the peer suffix: a semver version, or a URL or `file:` spec for other sources. */
  rawVersion: string;
}

/** Parse a package key, or return undefined when it does not fit the format. */
export function parsePackageKey(style: PnpmStyle, key: string, entryName?: string): PnpmKey | undefined {
  if (style === 'v9') return splitNameAtVersion(stripParenSuffix(key));
  if (!key.startsWith('/')) {
    if (entryName === undefined || entryName === '') return undefined;
    const rawVersion = style === 'v6' ? stripParenSuffix(key) : key;
    return rawVersion === '' ? undefined : { name: entryName, rawVersion };
  }
  if (style === 'v6') return splitNameAtVersion(stripParenSuffix(key.slice(1)));
  return parseV5RegistryKey(key.slice(1));
}

/**
 * Keys a dependency reference may stand for, most likely first. A reference
 * is a version with its peer suffix (`18.2.0(react@18.2.0)`), which is
 * joined with the dependency name, or a whole key when the dependency is an
 * alias or comes from outside the registry (`/is-odd@3.0.1`, `file:lib`).
 */
export function referenceCandidates(style: PnpmStyle, name: string, reference: string): string[] {
  switch (style) {
    case 'v5':
      return [`/${name}/${reference}`, reference];
    case 'v6':
      return [`/${name}@${reference}`, reference];
    case 'v9':
      return [`${name}@${reference}`, reference];
  }
}

/** Check whether a reference points at a workspace folder (`link:../lib`), which is not a package of the lockfile. */
export function isLinkReference(reference: string): boolean {
  return reference.startsWith('link:');
}

function stripParenSuffix(key: string): string {
  const paren = key.indexOf('(');
  return paren === -1 ? key : key.slice(0, paren);
}

/** Split `name@version` or `@scope/name@version`; the scope's `@` is skipped. */
function splitNameAtVersion(text: string): PnpmKey | undefined {
  const at = text.indexOf('@', 1);
  if (at <= 0 || at === text.length - 1) return undefined;
  const name = text.slice(0, at);
  if (name === '@' || name.endsWith('/')) return undefined;
  return { name, rawVersion: text.slice(at + 1) };
}

/** `name/1.2.3_peers` or `@scope/name/1.2.3_peers`. The version ends at `_`, which semver never contains. */
function parseV5RegistryKey(text: string): PnpmKey | undefined {
  const segments = text.split('/');
  const nameLength = segments[0]?.startsWith('@') ? 2 : 1;
  const nameSegments = segments.slice(0, nameLength);
  if (segments.length <= nameLength || nameSegments.some((segment) => segment === '' || segment === '@')) return undefined;
  const rest = segments.slice(nameLength).join('/');
  const underscore = rest.indexOf('_');
  const version = underscore === -1 ? rest : rest.slice(0, underscore);
  if (version === '' || version.includes('/')) return undefined;
  return { name: nameSegments.join('/'), rawVersion: version };
}
