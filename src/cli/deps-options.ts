/** Command-line and environment settings of the dependency scanner, merged over rampart.yaml. */
import { resolve } from 'node:path';
import type { RampartConfig } from '../core/config-types.js';
import { UsageError } from '../core/errors.js';
import { defaultAdvisoryDbPath } from '../store/cache-dir.js';

export interface DepsFlags {
  db?: string;
  offline?: boolean;
  online?: boolean;
  npmRegistry?: string;
  pypiIndex?: string;
}

/** Apply --npm-registry and --pypi-index, which win over .npmrc, pip.conf and the environment. */
export function applySupplyChainFlags(config: RampartConfig, flags: DepsFlags): RampartConfig {
  if (flags.npmRegistry === undefined && flags.pypiIndex === undefined) return config;
  const supplyChain = { ...config.supplyChain };
  if (flags.npmRegistry !== undefined) supplyChain.npmRegistry = flags.npmRegistry;
  if (flags.pypiIndex !== undefined) supplyChain.pypiIndex = flags.pypiIndex;
  return { ...config, supplyChain };
}

/**
 * Apply --db, --offline and --online, and the environment variables that
 * point the downloads elsewhere (RAMPART_OSV_DOWNLOAD_URL, RAMPART_OSV_API_URL,
 * RAMPART_CACHE_DIR), to a copy of `config`.
 */
export function applyDepsFlags(
  config: RampartConfig,
  flags: DepsFlags,
  env: NodeJS.ProcessEnv,
  cwd: string,
): RampartConfig {
  if (flags.offline && flags.online) {
    throw new UsageError('--offline and --online cannot be combined: --online queries the OSV API over the network');
  }
  const deps = { ...config.deps };
  if (flags.db !== undefined) deps.db = resolve(cwd, flags.db);
  deps.db ??= defaultAdvisoryDbPath(env);
  if (flags.offline) {
    deps.offline = true;
    deps.online = false;
  }
  if (flags.online) deps.online = true;
  const downloadUrl = env['RAMPART_OSV_DOWNLOAD_URL'];
  if (downloadUrl) deps.downloadUrl = checkedUrl(downloadUrl, 'RAMPART_OSV_DOWNLOAD_URL');
  const apiUrl = env['RAMPART_OSV_API_URL'];
  if (apiUrl) deps.apiUrl = checkedUrl(apiUrl, 'RAMPART_OSV_API_URL');
  return { ...config, deps };
}

function checkedUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${name}=${value}: not a URL; give an http or https base URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${name}=${value}: only http and https URLs are supported`);
  }
  return value.replace(/\/+$/, '');
}
