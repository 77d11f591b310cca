/** PyPI index settings from pip.conf files and the pip and uv environment variables. */
import { normaliseFileIndexUrl } from './file-index.js';
import { existsSync } from 'node:fs';
import { stripUrlCredentials, toOneLine } from '../../../core/redact.js';
import { splitUrlCredentials, type AuthRule } from './auth.js';
import type { PypiIndexSettings } from './config.js';
import { readConfigFile } from './config-file.js';
import { pipConfFiles, readPipConfLayer, splitUrlList } from './pip-conf.js';
import { normaliseRegistryUrl } from './urls.js';

const DEFAULT_INDEX = 'https://pypi.org/simple/';

interface IndexChoice {
  index: string;
  extras: string[];
}

function applyPipConfFiles(env: NodeJS.ProcessEnv, home: string, etcDir: string, choice: IndexChoice, warnings: string[]): void {
  const configFile = env.PIP_CONFIG_FILE;
  const configFileExists = configFile !== undefined && configFile !== '' && existsSync(configFile);
  for (const path of pipConfFiles(env, home, etcDir, configFileExists)) {
    const file = readConfigFile(path);
    if (file === undefined) continue;
    if ('warning' in file) {
      warnings.push(file.warning);
      continue;
    }
    const layer = readPipConfLayer(file.text, path);
    warnings.push(...layer.warnings);
    if (layer.indexUrl !== undefined) choice.index = layer.indexUrl;
    if (layer.extraIndexUrls !== undefined) choice.extras = layer.extraIndexUrls;
  }
}

/**
 * Applies the environment. PIP_INDEX_URL and PIP_EXTRA_INDEX_URL replace
 * the pip.conf values, as in pip. Then uv's UV_DEFAULT_INDEX (or the older
 * UV_INDEX_URL) replaces the primary index, and UV_INDEX and
 * UV_EXTRA_INDEX_URL add extra indexes.
 */
function applyEnvironment(env: NodeJS.ProcessEnv, choice: IndexChoice): void {
  if (env.PIP_INDEX_URL) choice.index = env.PIP_INDEX_URL;
  if (env.PIP_EXTRA_INDEX_URL) choice.extras = splitUrlList(env.PIP_EXTRA_INDEX_URL);
  const uvIndex = env.UV_DEFAULT_INDEX || env.UV_INDEX_URL;
  if (uvIndex) choice.index = uvIndex;
  for (const name of ['UV_INDEX', 'UV_EXTRA_INDEX_URL']) {
    const value = env[name];
    if (value) choice.extras.push(...splitUrlList(value));
  }
}

/** Normalises an index URL and moves its credentials into `auth`; undefined (with a warning) when it is invalid. */
function acceptIndex(value: string, auth: AuthRule[], warnings: string[]): string | undefined {
  const local = normaliseFileIndexUrl(value);
  if (local !== undefined) return local;
  const url = normaliseRegistryUrl(value);
  if (url === undefined) {
    const display = toOneLine(value).slice(0, 200);
    warnings.push(`PyPI index ${JSON.stringify(stripUrlCredentials(display))} is not an http(s) or file URL, so it cannot be asked`);
    return undefined;
  }
  const split = splitUrlCredentials(url);
  if (split.rule) auth.push(split.rule);
  return split.url;
}

/** Stands for a configured primary index that is not a usable URL: every lookup is then unknown. */
export const UNUSABLE_INDEX = 'unusable:';

/**
 * Resolves the primary and extra PyPI indexes: pip.conf files in pip's
 * order, then the environment, then `explicitIndex`. Credentials in an
 * index URL become a Basic auth rule for that URL's origin, as pip sends
 * them to every URL on the index's host.
 */
export function resolvePypiSettings(
  env: NodeJS.ProcessEnv,
  home: string,
  etcDir: string,
  explicitIndex: string | undefined,
  warnings: string[],
): PypiIndexSettings {
  const choice: IndexChoice = { index: DEFAULT_INDEX, extras: [] };
  applyPipConfFiles(env, home, etcDir, choice, warnings);
  applyEnvironment(env, choice);
  if (explicitIndex !== undefined) choice.index = explicitIndex;

  const auth: AuthRule[] = [];
  // A configured index that is not a URL must not send private project names to the public index instead.
  const index = acceptIndex(choice.index, auth, warnings) ?? UNUSABLE_INDEX;
  const extraIndexes: string[] = [];
  for (const extra of choice.extras) {
    const url = acceptIndex(extra, auth, warnings);
    if (url !== undefined && url !== index && !extraIndexes.includes(url)) extraIndexes.push(url);
  }
  return { index, extraIndexes, auth };
}
