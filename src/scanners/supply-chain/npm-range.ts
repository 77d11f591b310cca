/** Where an npm dependency range points. */

/** Ranges that name a path, a URL, git or a workspace instead of a registry version. */
const NON_REGISTRY_RANGE = /^(?:file:|link:|workspace:|portal:|patch:|git|github:|gitlab:|bitbucket:|https?:|\.{0,2}\/)/;

/** Check whether npm installs `range` from the registry (aliases `npm:name@range` included). */
export function isRegistryRange(range: string): boolean {
  return !NON_REGISTRY_RANGE.test(range.trim());
}

/**
 * Return the package and range npm installs for a dependency entry: the
 * entry itself, or for an alias `npm:real@range` the real package. An empty
 * range is `*`.
 */
export function installedPackage(name: string, range: string): { name: string; range: string } {
  const text = range.trim();
  if (!text.startsWith('npm:')) return { name, range: text === '' ? '*' : text };
  const target = text.slice(4);
  const at = target.indexOf('@', 1);
  return at < 0 ? { name: target, range: '*' } : { name: target.slice(0, at), range: target.slice(at + 1) || '*' };
}
