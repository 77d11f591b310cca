/** One project page of a PyPI simple index, as either the JSON or the HTML form describes it. */

export interface SimpleFile {
  filename: string;
  /** Absolute URL, resolved against the page URL. */
  url: string;
  /** Lower-case hex SHA-256, when the index gives it. */
  sha256?: string;
  /** Yank reason, or `true` when the file is yanked without one. */
  yanked?: string | true;
  /** ISO 8601 upload time (PEP 700; the JSON form only). */
  uploadTime?: string;
}

export interface SimplePage {
  files: SimpleFile[];
  /** PEP 700 list of every version the project has, including ones without files. */
  versions?: string[];
  /** PEP 792 project status: `active`, `archived`, `quarantined` or `deprecated`. */
  status?: string;
  statusReason?: string;
}

/** Pages describing more files than this are cut off, bounding memory for hostile indexes. */
export const MAX_FILES_PER_PAGE = 200_000;

/** Returns a lower-case SHA-256 hex digest, or undefined when `value` is not one. */
export function sha256Hex(value: unknown): string | undefined {
  return typeof value === 'string' && /^[0-9a-fA-F]{64}$/.test(value) ? value.toLowerCase() : undefined;
}

/**
 * Resolves a file link against the page URL and splits off a `#sha256=`
 * fragment. Returns undefined for links that are not http(s), except
 * that a page read from a local mirror (`file:`) may link to local files; a
 * page from the network never can, so it cannot make Rampart read a file.
 */
export function resolveFileUrl(href: string, pageUrl: string): { url: string; sha256?: string } | undefined {
  let url: URL;
  try {
    url = new URL(href, pageUrl);
  } catch {
    return undefined;
  }
  const local = url.protocol === 'file:' && pageUrl.startsWith('file:');
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && !local) return undefined;
  const fragment = url.hash.slice(1);
  url.hash = '';
  url.username = '';
  url.password = '';
  const sha256 = fragment.startsWith('sha256=') ? sha256Hex(fragment.slice('sha256='.length)) : undefined;
  return sha256 === undefined ? { url: url.href } : { url: url.href, sha256 };
}
