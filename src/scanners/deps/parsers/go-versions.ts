/**
 * Version spelling for Go packages in OSV. The Go vulnerability database
 * publishes module versions without the leading `v` (`0.23.0`, not
 * `v0.23.0`) and standard library versions as semver (`1.21.0-rc.2` for
 * go1.21rc2), so the parser stores versions in that form.
 */

/** Strips the leading `v` of a module version: `v0.0.0-2021...-abcdef` becomes `0.0.0-2021...-abcdef`. */
export function osvModuleVersion(version: string): string {
  return version.startsWith('v') ? version.slice(1) : version;
}

/**
 * Converts a Go release name (`go1.22.3`, `1.21`, `go1.21rc2`) to the
 * semver form that vulndb uses for `stdlib`, or undefined when it is not a
 * release name. A two-part version such as `1.20` means the first release
 * of that line, `1.20.0`.
 */
export function osvGoReleaseVersion(release: string): string | undefined {
  const text = release.startsWith('go') ? release.slice(2) : release;
  let core = text;
  let prerelease = '';
  for (const tag of ['rc', 'beta', 'alpha']) {
    const at = text.indexOf(tag);
    if (at > 0) {
      core = text.slice(0, at);
      prerelease = `-${tag}.${text.slice(at + tag.length)}`;
      break;
    }
  }
  const parts = core.split('.');
  if (parts.length < 2 || parts.length > 3 || !parts.every((part) => /^\d+$/.test(part))) {
    return undefined;
  }
  if (prerelease !== '' && !/^-[a-z]+\.\d+$/.test(prerelease)) return undefined;
  if (parts.length === 2) parts.push('0');
  return parts.join('.') + prerelease;
}
