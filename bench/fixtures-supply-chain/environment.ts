/**
 * The environment the measured Rampart processes inherit: an empty HOME and
 * npm pointed at the benchmark's Verdaccio. Every other address Rampart
 * could reach (PyPI, the OSV download and API URLs) points at port 9 of
 * 127.0.0.1, where nothing listens, so no request leaves the machine. The
 * measure helpers spawn children with `process.env`, so the settings are
 * written there.
 */
import { availableParallelism, cpus, totalmem } from 'node:os';

/** An address where nothing listens: a request to it fails at once. */
export const CLOSED_PORT_URL = 'http://127.0.0.1:9';

/** Variables that could point npm, pip or uv at another registry or configuration file. */
const REDIRECTING_PREFIXES = ['npm_config_', 'NPM_CONFIG_', 'PIP_', 'UV_'];
const REDIRECTING_NAMES = ['VIRTUAL_ENV', 'HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy'];

/** Replace the registry settings of this process's environment with the benchmark's own. */
export function isolateEnvironment(home: string, npmRegistry: string): void {
  for (const key of Object.keys(process.env)) {
    if (REDIRECTING_PREFIXES.some((prefix) => key.startsWith(prefix)) || REDIRECTING_NAMES.includes(key)) delete process.env[key];
  }
  process.env.HOME = home;
  process.env.npm_config_registry = npmRegistry;
  process.env.PIP_INDEX_URL = `${CLOSED_PORT_URL}/simple/`;
  process.env.RAMPART_OSV_DOWNLOAD_URL = CLOSED_PORT_URL;
  process.env.RAMPART_OSV_API_URL = CLOSED_PORT_URL;
}

/** Point the measured processes at another npm registry, such as the counting proxy. */
export function useNpmRegistry(url: string): void {
  process.env.npm_config_registry = url;
}

/** Point the measured processes at a registry cache folder. */
export function useCacheDir(dir: string): void {
  process.env.RAMPART_CACHE_DIR = dir;
}

export interface Machine {
  cores: number;
  model: string;
  memoryGiB: number;
  node: string;
}

export function describeMachine(): Machine {
  return {
    cores: availableParallelism(),
    model: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
  };
}
