/** Looks up one package on an npm registry: GET `{registry}/{name}` for the full packument. */
import { toOneLine } from '../../../core/redact.js';
import type { RegistryPackage } from '../types.js';
import type { NpmRegistrySettings } from './config.js';
import { mapPackument } from './npm-packument.js';
import { discardBody, readRegistryText, registryGet, type RegistryRequestOptions } from './registry-http.js';

/**
 * Largest packument read, in bytes. Packuments of long-lived packages with
 * thousands of versions run to tens of megabytes (the full document
 * repeats every version's manifest), so the limit is generous but finite.
 */
export const MAX_PACKUMENT_BYTES = 64 * 1024 * 1024;

/** npm's limit on name length. */
const MAX_NAME_LENGTH = 214;

export type NpmLookupOptions = Omit<RegistryRequestOptions, 'accept' | 'auth'> & { maxBytes?: number };

/** Returns the registry a name is looked up on: its scope's registry, else the default. */
export function npmRegistryFor(name: string, settings: NpmRegistrySettings): string {
  if (name.startsWith('@')) {
    const scope = name.slice(0, name.indexOf('/'));
    return settings.scopes[scope] ?? settings.registry;
  }
  return settings.registry;
}

/**
 * Returns the URL path segment for a package name (`@scope%2fname` for
 * scoped names, as npm sends them). Returns undefined when the name cannot
 * be a package: empty parts, `.` or `..`, extra slashes, whitespace or
 * control characters. Such names could otherwise reach another registry path.
 */
export function npmNamePath(name: string): string | undefined {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return undefined;
  if (toOneLine(name) !== name || name.includes(' ') || name.includes('\\')) return undefined;
  const parts = name.startsWith('@') ? name.slice(1).split('/') : [name];
  if (name.startsWith('@') && parts.length !== 2) return undefined;
  if (!name.startsWith('@') && name.includes('/')) return undefined;
  if (parts.some((part) => part === '' || part.startsWith('.'))) return undefined;
  const encoded = parts.map((part) => encodeURIComponent(part));
  return name.startsWith('@') ? `@${encoded[0]}%2f${encoded[1]}` : (encoded[0] ?? '');
}

function unknown(name: string, registry: string, error: string): Omit<RegistryPackage, 'fetchedAt'> {
  return { ecosystem: 'npm', name, registry, presence: 'unknown', error: toOneLine(error), versions: [] };
}

/**
 * Fetches and maps a packument. Every failure becomes a result instead of
 * an exception: 404 gives `absent`, and network errors, other statuses
 * (401, 403, 5xx), oversized or malformed bodies give `unknown` with a
 * one-line `error`.
 */
export async function lookupNpm(
  name: string,
  settings: NpmRegistrySettings,
  options: NpmLookupOptions,
): Promise<Omit<RegistryPackage, 'fetchedAt'>> {
  const registry = npmRegistryFor(name, settings);
  const path = npmNamePath(name);
  if (path === undefined) return unknown(name, registry, `invalid npm package name ${JSON.stringify(name.slice(0, 250))}`);
  const url = `${registry}${path}`;
  try {
    const sent = await registryGet(url, { ...options, accept: 'application/json', auth: settings.auth });
    const status = sent.response.status;
    if (status === 404) {
      await discardBody(sent);
      return { ecosystem: 'npm', name, registry, presence: 'absent', versions: [] };
    }
    if (status < 200 || status >= 300) {
      await discardBody(sent);
      return unknown(name, registry, `${url} returned HTTP ${status}`);
    }
    const text = await readRegistryText(sent, options.maxBytes ?? MAX_PACKUMENT_BYTES, options.signal);
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      return unknown(name, registry, `${url} returned invalid JSON: ${(error as Error).message}`);
    }
    return { ecosystem: 'npm', name, registry, ...mapPackument(document, registry) };
  } catch (error) {
    return unknown(name, registry, (error as Error).message);
  }
}
