/** npm registry settings from the environment, the global npmrc and the user's ~/.npmrc. */
import { join } from 'node:path';
import { nerfDart, splitUrlCredentials, type AuthRule } from './auth.js';
import type { NpmRegistrySettings } from './config.js';
import { readConfigFile } from './config-file.js';
import { credentialRules, readNpmrcLayer, type NpmrcLayer } from './npmrc.js';
import { normaliseRegistryUrl } from './urls.js';

const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

/** Reads an npm setting from the environment, where npm accepts `npm_config_x` in either case. */
export function npmEnv(env: NodeJS.ProcessEnv, key: string): string | undefined {
  return env[`npm_config_${key}`] || env[`NPM_CONFIG_${key.toUpperCase()}`] || undefined;
}

function loadLayer(path: string, env: NodeJS.ProcessEnv, warnings: string[]): NpmrcLayer | undefined {
  const file = readConfigFile(path);
  if (file === undefined) return undefined;
  if ('warning' in file) {
    warnings.push(file.warning);
    return undefined;
  }
  const layer = readNpmrcLayer(file.text, path, env);
  warnings.push(...layer.warnings);
  return layer;
}

/**
 * Moves credentials written into a registry URL (`https://user:pw@host/`)
 * into a Basic rule for that URL's host and path, and returns the URL
 * without them.
 */
function detachCredentials(url: string, rules: AuthRule[]): string {
  const split = splitUrlCredentials(url);
  const prefix = nerfDart(split.url);
  if (split.rule && prefix !== undefined) rules.push({ ...split.rule, prefix });
  return split.url;
}

/**
 * Resolves npm's settings as npm 10 layers them: the global config
 * (NPM_CONFIG_GLOBALCONFIG, read only when set), then the user config
 * (NPM_CONFIG_USERCONFIG or ~/.npmrc), then `npm_config_registry` from the
 * environment, then `explicitRegistry`.
 */
export function resolveNpmSettings(
  env: NodeJS.ProcessEnv,
  home: string,
  explicitRegistry: string | undefined,
  warnings: string[],
): NpmRegistrySettings {
  const layers: NpmrcLayer[] = [];
  const globalPath = npmEnv(env, 'globalconfig');
  const userPath = npmEnv(env, 'userconfig') ?? join(home, '.npmrc');
  for (const path of globalPath ? [globalPath, userPath] : [userPath]) {
    const layer = loadLayer(path, env, warnings);
    if (layer) layers.push(layer);
  }

  let registry = DEFAULT_REGISTRY;
  const scopes = new Map<string, string>();
  const credentials: NpmrcLayer['credentials'] = new Map();
  for (const layer of layers) {
    if (layer.registry) registry = layer.registry;
    for (const [scope, url] of layer.scopes) scopes.set(scope, url);
    for (const [prefix, fields] of layer.credentials) credentials.set(prefix, { ...credentials.get(prefix), ...fields });
  }
  const envRegistry = npmEnv(env, 'registry');
  if (envRegistry !== undefined) {
    const url = normaliseRegistryUrl(envRegistry);
    if (url === undefined) warnings.push(`npm_config_registry ${JSON.stringify(envRegistry.slice(0, 200))} is not an http(s) URL; ignored`);
    else registry = url;
  }
  if (explicitRegistry !== undefined) registry = explicitRegistry;

  const auth = credentialRules(credentials, warnings);
  registry = detachCredentials(registry, auth);
  const scopeRecord: Record<string, string> = {};
  for (const [scope, url] of scopes) scopeRecord[scope] = detachCredentials(url, auth);
  return { registry, scopes: scopeRecord, auth };
}
