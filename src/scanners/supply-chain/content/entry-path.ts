/**
 * Entry names as strings only: nothing here touches the file system, so a
 * hostile name such as `../../.bashrc` can never reach a real path.
 */

export interface SanitisedPath {
  /** `/`-separated, relative, with `.` and `..` segments resolved inside the archive root. */
  path: string;
  /** The name was absolute, had a drive letter or a `..` segment, or contained NUL. */
  unsafe: boolean;
}

/** Turn an archive entry name into a relative path that stays inside the archive root. */
export function sanitiseEntryPath(raw: string): SanitisedPath {
  let unsafe = raw.includes('\0');
  let name = raw.replace(/\0/g, '').replace(/\\/g, '/');
  if (/^[A-Za-z]:/.test(name)) {
    unsafe = true;
    name = name.slice(2);
  }
  if (name.startsWith('/')) unsafe = true;
  const segments: string[] = [];
  for (const segment of name.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      unsafe = true;
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  return { path: segments.join('/'), unsafe };
}

/** Directory part of a `/`-separated path, `''` at the root. */
export function parentDirectory(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/**
 * Resolve `relative` (`./lib/x`, `../y`) against the directory `base`,
 * inside the archive. Returns undefined when it climbs above the root.
 */
export function joinInside(base: string, relative: string): string | undefined {
  const segments = base === '' ? [] : base.split('/');
  for (const segment of relative.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  return segments.join('/');
}

/** Last segment of a path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
