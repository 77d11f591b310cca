/** The index settings of pip configuration files (pip.conf). */
import { join } from 'node:path';
import { parsePipConf } from './ini.js';

/** Index settings from one pip.conf. An undefined field keeps the earlier file's value. */
export interface PipConfLayer {
  indexUrl?: string;
  extraIndexUrls?: string[];
  warnings: string[];
}

/** Splits pip's whitespace-separated URL list (spaces or continuation lines). */
export function splitUrlList(value: string): string[] {
  return value.split(/\s+/).filter((part) => part !== '');
}

/**
 * Reads `index-url` and `extra-index-url` from `[global]`, then from
 * `[install]`, which overrides it because pip reads the section named after
 * the command last.
 */
export function readPipConfLayer(text: string, file: string): PipConfLayer {
  const document = parsePipConf(text, file);
  const layer: PipConfLayer = { warnings: document.warnings };
  for (const section of ['global', 'install']) {
    for (const entry of document.entries) {
      if (entry.section !== section) continue;
      if (entry.key === 'index-url') layer.indexUrl = entry.value.trim();
      if (entry.key === 'extra-index-url') layer.extraIndexUrls = splitUrlList(entry.value);
    }
  }
  return layer;
}

/**
 * Lists the pip.conf files pip reads on Linux and macOS, in the order they
 * are applied, so later ones override earlier ones. The order is: the
 * site-wide files, then the user files (the legacy ~/.pip/pip.conf before
 * ~/.config/pip/pip.conf), then the active virtual environment's, then
 * PIP_CONFIG_FILE. The user files are skipped when PIP_CONFIG_FILE names an
 * existing file.
 */
export function pipConfFiles(env: NodeJS.ProcessEnv, home: string, etcDir: string, configFileExists: boolean): string[] {
  const files = [join(etcDir, 'pip.conf'), join(etcDir, 'xdg', 'pip', 'pip.conf')];
  if (!configFileExists) {
    const configHome = env.XDG_CONFIG_HOME?.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
    files.push(join(home, '.pip', 'pip.conf'), join(configHome, 'pip', 'pip.conf'));
  }
  if (env.VIRTUAL_ENV) files.push(join(env.VIRTUAL_ENV, 'pip.conf'));
  if (env.PIP_CONFIG_FILE) files.push(env.PIP_CONFIG_FILE);
  return files;
}
