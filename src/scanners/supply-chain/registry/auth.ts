/**
 * Credentials for registry requests, each bound to the URLs it may be sent
 * to. A request gets a credential only when its URL falls under the rule's
 * host and path, so a packument that points tarballs at another host never
 * receives the token.
 */

/** One credential and the URLs it applies to. */
export interface AuthRule {
  /**
   * Host and path prefix in npm's "nerf dart" form, `//host[:port]/path/`,
   * always ending in `/`. The host is lower case and the port is omitted
   * when it is the scheme's default.
   */
  prefix: string;
  /** Restricts the rule to one scheme (`https:`); npm rules apply to either, as npm does. */
  scheme?: 'http:' | 'https:';
  /** The whole `Authorization` header value, such as `Bearer abc` or `Basic dXNlcjpwdw==`. */
  authorization: string;
}

/**
 * Returns the nerf dart of an http(s) URL: `//host[:port]/path/` without
 * scheme, credentials, query or fragment, and with the path cut after its
 * last `/`. Returns undefined for other schemes and invalid URLs.
 */
export function nerfDart(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const path = parsed.pathname.slice(0, parsed.pathname.lastIndexOf('/') + 1);
  return `//${parsed.host}${path}`;
}

/**
 * Returns the Authorization header for `url`: the rule with the longest
 * prefix that covers the URL, or undefined when none does. Prefixes end in
 * `/`, so `//host/a/` never matches `//host/ab/`.
 */
export function authorizationFor(url: string, rules: readonly AuthRule[]): string | undefined {
  const target = nerfDart(url);
  if (target === undefined) return undefined;
  const scheme = new URL(url).protocol;
  let best: AuthRule | undefined;
  for (const rule of rules) {
    if (rule.scheme !== undefined && rule.scheme !== scheme) continue;
    if (!target.startsWith(rule.prefix)) continue;
    if (best === undefined || rule.prefix.length > best.prefix.length) best = rule;
  }
  return best?.authorization;
}

/** Returns the HTTP Basic header value for a user name and password. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/**
 * Splits `https://user:pass@host/path/` into the URL without credentials
 * and a Basic auth rule for the URL's origin (pip sends index credentials
 * to every URL on the index's host). Returns the URL unchanged and no rule
 * when it carries no credentials; throws TypeError when it is not a URL.
 */
export function splitUrlCredentials(url: string): { url: string; rule?: AuthRule } {
  const parsed = new URL(url);
  if (parsed.username === '' && parsed.password === '') return { url: parsed.href };
  const username = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  const scheme = parsed.protocol === 'https:' ? 'https:' : 'http:';
  const rule: AuthRule = { prefix: `//${parsed.host}/`, scheme, authorization: basicAuthorization(username, password) };
  return { url: parsed.href, rule };
}
