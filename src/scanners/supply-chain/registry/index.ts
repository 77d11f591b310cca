/** Public entry points of the registry layer: configuration, client and cache. */
export { resolveRegistries, DEFAULT_NPM_REGISTRY, DEFAULT_PYPI_INDEX } from './config.js';
export type { AuthRule, NpmRegistrySettings, PypiIndexSettings, RegistrySettings, ResolveRegistriesOptions } from './config.js';
export { createRegistryClient, type RegistryClientOptions } from './client.js';
export { RegistryCache, type RegistryCacheOptions } from './cache.js';
export { IntegrityError } from './download.js';
export type { PypiRegistryPackage } from './pypi.js';
