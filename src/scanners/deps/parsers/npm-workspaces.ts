/**
 * Workspace patterns from a package.json or lockfile root entry, and a
 * small glob matcher for them (`*`, `?` and `**`, without braces or classes).
 */

/**
 * Returns the workspace patterns of a manifest's `workspaces` field: an
 * array of globs, or yarn's `{ packages: [...] }` form. Non-strings are dropped.
 */
export function workspacePatterns(field: unknown): string[] {
  const list =
    field !== null && typeof field === 'object' && !Array.isArray(field)
      ? (field as { packages?: unknown }).packages
      : field;
  if (!Array.isArray(list)) return [];
  return list.filter((item): item is string => typeof item === 'string').map(normalizeFolder);
}

/** Strips `./`, duplicate and trailing slashes from a relative folder. */
export function normalizeFolder(folder: string): string {
  return folder
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
}

/** Checks whether `pattern` contains glob syntax that only a directory listing can expand. */
export function hasGlob(pattern: string): boolean {
  return /[*?[\]{}!]/.test(pattern);
}

/**
 * Checks whether `folder` (relative, `/`-separated) matches one of `patterns`.
 * NOTE: negated patterns (`!packages/legacy`) are ignored rather than
 * subtracted, so a folder they exclude still counts as a workspace.
 */
export function matchesAnyWorkspace(folder: string, patterns: readonly string[]): boolean {
  const segments = normalizeFolder(folder).split('/');
  return patterns.some(
    (pattern) => !pattern.startsWith('!') && matchSegments(segments, pattern.split('/')),
  );
}

/** Matches path segments against pattern segments, where `**` spans any number of segments. */
function matchSegments(path: readonly string[], pattern: readonly string[]): boolean {
  // reachable[j]: the segments consumed so far match the first j pattern segments.
  let reachable = new Array<boolean>(pattern.length + 1).fill(false);
  reachable[0] = true;
  skipEmptyGlobstars(reachable, pattern);
  for (const segment of path) {
    const next = new Array<boolean>(pattern.length + 1).fill(false);
    for (let j = 0; j < pattern.length; j++) {
      if (reachable[j] !== true) continue;
      const part = pattern[j] ?? '';
      if (part === '**') next[j] = true;
      else if (matchWildcard(segment, part)) next[j + 1] = true;
    }
    skipEmptyGlobstars(next, pattern);
    reachable = next;
  }
  return reachable[pattern.length] === true;
}

/** Lets each reachable `**` also match zero segments. */
function skipEmptyGlobstars(reachable: boolean[], pattern: readonly string[]): void {
  for (let j = 0; j < pattern.length; j++) {
    if (reachable[j] === true && pattern[j] === '**') reachable[j + 1] = true;
  }
}

/** Matches one segment against `*` and `?` wildcards, backtracking only to the last `*`. */
function matchWildcard(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const char = pattern[p];
    if (char === '?' || (char !== undefined && char !== '*' && char === text[t])) {
      t++;
      p++;
    } else if (char === '*') {
      starP = p++;
      starT = t;
    } else if (starP !== -1) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
