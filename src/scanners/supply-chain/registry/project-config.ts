/**
 * Warnings about the scanned project's own .npmrc and pip.conf. Rampart
 * does not use them (see config.ts). When they select a registry other
 * than the one Rampart queries, its results may not match what the project
 * installs, so the warning says how to align the two.
 */
import { isAbsolute, join, relative, sep } from 'node:path';
import { stripUrlCredentials, toOneLine } from '../../../core/redact.js';
import type { NpmRegistrySettings, PypiIndexSettings } from './config.js';
import { readConfigFile } from './config-file.js';
import { readProjectNpmrc } from './npmrc.js';
import { readPipConfLayer } from './pip-conf.js';
import { normaliseRegistryUrl, withoutUserinfo } from './urls.js';

/** Returns a project URL as it may appear in a warning: one line, short, without credentials. */
function displayUrl(value: string): string {
  return stripUrlCredentials(toOneLine(value)).slice(0, 200);
}

function displayPath(path: string, displayRoot: string): string {
  const rel = relative(displayRoot, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return path;
  return rel.split(sep).join('/');
}

/** Returns whether a project's URL selects `inUse`, comparing without credentials. */
function sameRegistry(value: string, inUse: string): boolean {
  const url = normaliseRegistryUrl(value);
  return url !== undefined && withoutUserinfo(url) === inUse;
}

function readProjectFile(path: string, warnings: string[]): string | undefined {
  const file = readConfigFile(path, { refuseSymlink: true });
  if (file === undefined) return undefined;
  if ('warning' in file) {
    warnings.push(file.warning);
    return undefined;
  }
  return file.text;
}

function npmrcWarnings(root: string, displayRoot: string, npm: NpmRegistrySettings, warnings: string[]): void {
  const path = join(root, '.npmrc');
  const text = readProjectFile(path, warnings);
  if (text === undefined) return;
  const displayName = displayPath(path, displayRoot);
  const project = readProjectNpmrc(text, displayName);
  warnings.push(...project.warnings);
  if (project.registry !== undefined && !sameRegistry(project.registry, npm.registry)) {
    warnings.push(
      `${displayName} sets registry ${displayUrl(project.registry)}; Rampart asks ${npm.registry}: pass --npm-registry or set it in ~/.npmrc`,
    );
  }
  for (const [scope, value] of project.scopes) {
    const inUse = npm.scopes[scope] ?? npm.registry;
    if (sameRegistry(value, inUse)) continue;
    warnings.push(
      `${displayName} sets ${toOneLine(scope).slice(0, 100)}:registry ${displayUrl(value)}; Rampart asks ${inUse}: set ${toOneLine(scope).slice(0, 100)}:registry in ~/.npmrc`,
    );
  }
}

function pipConfWarnings(root: string, displayRoot: string, pypi: PypiIndexSettings, warnings: string[]): void {
  const path = join(root, 'pip.conf');
  const text = readProjectFile(path, warnings);
  if (text === undefined) return;
  const displayName = displayPath(path, displayRoot);
  const layer = readPipConfLayer(text, displayName);
  warnings.push(...layer.warnings);
  if (layer.indexUrl !== undefined && !sameRegistry(layer.indexUrl, pypi.index)) {
    warnings.push(
      `${displayName} sets index-url ${displayUrl(layer.indexUrl)}; Rampart asks ${pypi.index}: pass --pypi-index or set it in ~/.config/pip/pip.conf`,
    );
  }
  const queried = [pypi.index, ...pypi.extraIndexes];
  for (const extra of layer.extraIndexUrls ?? []) {
    if (queried.some((inUse) => sameRegistry(extra, inUse))) continue;
    warnings.push(
      `${displayName} sets extra-index-url ${displayUrl(extra)}, which Rampart does not ask: add it to extra-index-url in ~/.config/pip/pip.conf`,
    );
  }
}

/**
 * Compares the project's .npmrc and pip.conf at `root` with the settings
 * in use and returns one warning per registry they select differently.
 * Files are read without following symbolic links and nothing in them is
 * expanded or sent anywhere.
 */
export function projectConfigWarnings(
  root: string,
  displayRoot: string,
  npm: NpmRegistrySettings,
  pypi: PypiIndexSettings,
): string[] {
  const warnings: string[] = [];
  npmrcWarnings(root, displayRoot, npm, warnings);
  pipConfWarnings(root, displayRoot, pypi, warnings);
  return warnings;
}
