/**
 * npm's registry settings from one .npmrc: the default registry, per-scope
 * registries, and credentials keyed by nerf dart (`//host/path/:_authToken`).
 */
import { toOneLine } from '../../../core/redact.js';
import { basicAuthorization, nerfDart, type AuthRule } from './auth.js';
import { parseNpmrc } from './ini.js';
import { normaliseRegistryUrl } from './urls.js';

/** Settings from one .npmrc. Later layers override earlier ones key by key. */
export interface NpmrcLayer {
  registry?: string;
  /** `@scope` → registry URL. */
  scopes: Map<string, string>;
  /** Credential fields by nerf dart, such as `//npm.corp.example/` → `{ _authToken: '...' }`. */
  credentials: Map<string, Partial<Record<CredentialField, string>>>;
  warnings: string[];
}

type CredentialField = '_authToken' | '_auth' | 'username' | '_password';
const CREDENTIAL_FIELDS: ReadonlySet<string> = new Set(['_authToken', '_auth', 'username', '_password']);

/**
 * Replaces `${NAME}` with the environment variable, as npm does in .npmrc
 * keys and values; `${NAME?}` stands for an empty string when NAME is
 * unset. Returns the names of unset variables without `?`, which npm would
 * leave in the text literally.
 */
export function expandEnv(text: string, env: NodeJS.ProcessEnv): { text: string; unset: string[] } {
  const unset: string[] = [];
  const expanded = text.replace(/\$\{([^${}]{1,256})\}/g, (whole, inner: string) => {
    const optional = inner.endsWith('?');
    const name = optional ? inner.slice(0, -1) : inner;
    const value = env[name];
    if (value !== undefined) return value;
    if (optional) return '';
    unset.push(name);
    return whole;
  });
  return { text: expanded, unset };
}

/** Reads the nerf dart of a credential key such as `//host:8080/path/` (trailing slash added). */
function nerfKey(prefix: string): string | undefined {
  if (!prefix.startsWith('//')) return undefined;
  const withSlash = prefix.endsWith('/') ? prefix : `${prefix}/`;
  return nerfDart(`https:${withSlash}`);
}

function applyEntry(layer: NpmrcLayer, key: string, value: string, where: string): void {
  if (key === 'registry') {
    const url = normaliseRegistryUrl(value);
    if (url === undefined) layer.warnings.push(`${where}: registry ${JSON.stringify(toOneLine(value).slice(0, 200))} is not an http(s) URL; ignored`);
    else layer.registry = url;
    return;
  }
  if (key.startsWith('@') && key.endsWith(':registry')) {
    const url = normaliseRegistryUrl(value);
    if (url === undefined) layer.warnings.push(`${where}: ${key} is not an http(s) URL; ignored`);
    else layer.scopes.set(key.slice(0, -':registry'.length), url);
    return;
  }
  const colon = key.lastIndexOf(':');
  const field = key.slice(colon + 1);
  if (!CREDENTIAL_FIELDS.has(field)) return;
  const prefix = colon < 0 ? undefined : nerfKey(key.slice(0, colon));
  if (prefix === undefined) {
    layer.warnings.push(`${where}: ${field} is not scoped to a registry (write //host/path/:${field}); ignored`);
    return;
  }
  const fields = layer.credentials.get(prefix) ?? {};
  fields[field as CredentialField] = value;
  layer.credentials.set(prefix, fields);
}

/**
 * Reads one trusted .npmrc (the user's or the global one). `${VAR}` is
 * expanded from `env`; a line naming an unset variable is skipped with a
 * warning rather than sending the literal text as a token.
 */
export function readNpmrcLayer(text: string, file: string, env: NodeJS.ProcessEnv): NpmrcLayer {
  const document = parseNpmrc(text, file);
  const layer: NpmrcLayer = { scopes: new Map(), credentials: new Map(), warnings: [...document.warnings] };
  for (const entry of document.entries) {
    if (entry.section !== '') continue;
    const where = `${file}:${entry.line}`;
    const key = expandEnv(entry.key, env);
    const value = expandEnv(entry.value, env);
    const unset = [...key.unset, ...value.unset];
    if (unset.length > 0) {
      layer.warnings.push(`${where}: environment variable ${unset[0]} is not set; line skipped`);
      continue;
    }
    applyEntry(layer, key.text, value.text, where);
  }
  return layer;
}

/** Registry settings of a scanned project's .npmrc, as written. */
export interface ProjectNpmrc {
  registry?: string;
  scopes: Map<string, string>;
  warnings: string[];
}

/**
 * Reads the registry settings of an untrusted .npmrc (one in the scanned
 * project) without expanding variables and without credentials, only so
 * that a warning can name the registries it would select.
 */
export function readProjectNpmrc(text: string, file: string): ProjectNpmrc {
  const document = parseNpmrc(text, file);
  const result: ProjectNpmrc = { scopes: new Map(), warnings: document.warnings };
  for (const entry of document.entries) {
    if (entry.section !== '') continue;
    if (entry.key === 'registry') result.registry = entry.value;
    else if (entry.key.startsWith('@') && entry.key.endsWith(':registry')) {
      result.scopes.set(entry.key.slice(0, -':registry'.length), entry.value);
    }
  }
  return result;
}

/** Builds one Authorization rule per nerf dart from merged credential fields. */
export function credentialRules(
  credentials: Map<string, Partial<Record<CredentialField, string>>>,
  warnings: string[],
): AuthRule[] {
  const rules: AuthRule[] = [];
  for (const [prefix, fields] of credentials) {
    if (fields._authToken) {
      rules.push({ prefix, authorization: `Bearer ${fields._authToken}` });
    } else if (fields._auth) {
      rules.push({ prefix, authorization: `Basic ${fields._auth}` });
    } else if (fields.username && fields._password) {
      const password = Buffer.from(fields._password, 'base64').toString('utf8');
      rules.push({ prefix, authorization: basicAuthorization(fields.username, password) });
    } else if (fields.username || fields._password) {
      warnings.push(`npm credentials for ${prefix} need both username and _password; ignored`);
    }
  }
  return rules;
}
