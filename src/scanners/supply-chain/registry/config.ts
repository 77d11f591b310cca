/**
 * The registries Rampart queries and the credentials it sends, from the
 * user's own npm and pip configuration. The scanned project's .npmrc and
 * pip.conf are never used for addresses or credentials, because a hostile
 * repository could otherwise send Rampart's requests, and the user's
 * tokens, to a server of its choosing. They only produce a warning when
 * they select a different registry.
 */
import { normaliseFileIndexUrl } from './file-index.js';
import { UsageError } from '../../../core/errors.js';
import type { AuthRule } from './auth.js';
import { resolveNpmSettings } from './npm-config.js';
import { projectConfigWarnings } from './project-config.js';
import { resolvePypiSettings } from './pypi-config.js';
import { normaliseRegistryUrl } from './urls.js';

export type { AuthRule } from './auth.js';

export interface NpmRegistrySettings {
  /** Default registry URL, ending in `/`, without credentials. */
  registry: string;
  /** Registry URL per scope, such as `@corp` → `https://npm.corp.example/`. */
  scopes: Record<string, string>;
  auth: AuthRule[];
}

export interface PypiIndexSettings {
  /** Primary simple-API index URL, ending in `/`, without credentials. */
  index: string;
  /** Further indexes asked as well, as pip's `extra-index-url`. */
  extraIndexes: string[];
  auth: AuthRule[];
}

export interface RegistrySettings {
  npm: NpmRegistrySettings;
  pypi: PypiIndexSettings;
  /** One line each: skipped configuration lines, unset variables, project settings Rampart did not use. */
  warnings: string[];
}

export interface ResolveRegistriesOptions {
  /** Extra Python indexes an install command names, asked along with the configured ones. */
  pypiExtraIndexes?: string[];
  env: NodeJS.ProcessEnv;
  /** The user's home folder, for ~/.npmrc and ~/.config/pip/pip.conf. */
  home: string;
  /** Root of the scanned project, whose .npmrc and pip.conf are only compared, never used. */
  projectRoot?: string;
  /** `--npm-registry`: overrides every configured default registry (scoped registries stay). */
  npmRegistry?: string;
  /** `--pypi-index`: overrides the configured primary index (extra indexes stay). */
  pypiIndex?: string;
  /** Folder holding the system-wide pip.conf files; `/etc` unless a test sets it. */
  etcDir?: string;
  /** Folder that project file names in warnings are relative to; `projectRoot` by default. */
  displayRoot?: string;
}

export const DEFAULT_NPM_REGISTRY = 'https://registry.npmjs.org/';
export const DEFAULT_PYPI_INDEX = 'https://pypi.org/simple/';

function explicitUrl(value: string | undefined, option: string, example: string, allowFile = false): string | undefined {
  if (value === undefined) return undefined;
  const url = normaliseRegistryUrl(value) ?? (allowFile ? normaliseFileIndexUrl(value) : undefined);
  if (url === undefined) {
    const kinds = allowFile ? 'an http(s) or file URL' : 'an http(s) URL';
    throw new UsageError(`${option} ${JSON.stringify(value)} is not ${kinds}; pass a URL such as ${example}`);
  }
  return url;
}

/**
 * Resolves the npm registries and PyPI indexes from the environment and the
 * user's configuration files. Reads files only, with no network access.
 * Throws UsageError only for an invalid `npmRegistry` or `pypiIndex`; every
 * problem in a configuration file becomes a warning.
 */
export function resolveRegistries(options: ResolveRegistriesOptions): RegistrySettings {
  const warnings: string[] = [];
  const npm = resolveNpmSettings(options.env, options.home, explicitUrl(options.npmRegistry, '--npm-registry', 'https://npm.example.com/'), warnings);
  const pypi = resolvePypiSettings(
    options.env,
    options.home,
    options.etcDir ?? '/etc',
    explicitUrl(options.pypiIndex, '--pypi-index', 'https://pypi.example.com/simple/', true),
    warnings,
  );
  for (const extra of options.pypiExtraIndexes ?? []) {
    const url = explicitUrl(extra, '--extra-index-url', 'https://pypi.example.com/simple/', true)!;
    if (url !== pypi.index && !pypi.extraIndexes.includes(url)) pypi.extraIndexes.push(url);
  }
  if (options.projectRoot !== undefined) {
    warnings.push(...projectConfigWarnings(options.projectRoot, options.displayRoot ?? options.projectRoot, npm, pypi));
  }
  return { npm, pypi, warnings };
}
