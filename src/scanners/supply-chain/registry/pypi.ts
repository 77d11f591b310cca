/**
 * Looks up one project on the configured PyPI simple indexes (PEP 503
 * HTML and PEP 691 JSON). Every index is queried, as pip queries its index
 * and extra indexes, and the results are merged.
 */
import { toOneLine } from '../../../core/redact.js';
import type { Presence, RegistryPackage } from '../types.js';
import type { PypiIndexSettings } from './config.js';
import { UNUSABLE_INDEX } from './pypi-config.js';
import { normalisePypiName } from './pypi-files.js';
import { pypiFields } from './pypi-versions.js';
import { discardBody, readRegistryText, registryGet, type RegistryRequestOptions } from './registry-http.js';
import { isFileUrl, readFileUrl } from './file-index.js';
import { parseSimpleHtml } from './simple-html.js';
import { parseSimpleJson } from './simple-json.js';
import type { SimplePage } from './simple-page.js';

/** JSON preferred, HTML accepted, as PEP 691 recommends for clients that read both. */
export const SIMPLE_ACCEPT = 'application/vnd.pypi.simple.v1+json, text/html;q=0.1';

/** Largest project page read, in bytes; the largest pages on pypi.org, with tens of thousands of files, stay well below it. */
export const MAX_SIMPLE_PAGE_BYTES = 64 * 1024 * 1024;

export type PypiLookupOptions = Omit<RegistryRequestOptions, 'accept' | 'auth'> & { maxBytes?: number };

/** A RegistryPackage from PyPI, with the indexes that list the project. */
export interface PypiRegistryPackage extends RegistryPackage {
  /**
   * Every configured index that has the project, primary first. A project
   * found only on extra indexes has `registry` set to the first of them.
   */
  indexes?: string[];
}

type IndexAnswer = { index: string; presence: Presence; page?: SimplePage; error?: string };

function parsePage(text: string, contentType: string, url: string): SimplePage {
  const looksJson = contentType.includes('json') || (contentType === '' && text.trimStart().startsWith('{'));
  return looksJson ? parseSimpleJson(text, url) : parseSimpleHtml(text, url);
}

async function askIndex(index: string, project: string, settings: PypiIndexSettings, options: PypiLookupOptions): Promise<IndexAnswer> {
  if (index === UNUSABLE_INDEX) return { index, presence: 'unknown', error: 'the configured Python index is not a usable URL (see the warning about it)' };
  const url = `${index}${encodeURIComponent(normalisePypiName(project))}/`;
  if (isFileUrl(index)) return askFileIndex(index, url, options);
  try {
    const sent = await registryGet(url, { ...options, accept: SIMPLE_ACCEPT, auth: settings.auth });
    const status = sent.response.status;
    if (status === 404) {
      await discardBody(sent);
      return { index, presence: 'absent' };
    }
    if (status < 200 || status >= 300) {
      await discardBody(sent);
      return { index, presence: 'unknown', error: `${url} returned HTTP ${status}` };
    }
    const contentType = (sent.response.headers.get('content-type') ?? '').toLowerCase();
    const text = await readRegistryText(sent, options.maxBytes ?? MAX_SIMPLE_PAGE_BYTES, options.signal);
    try {
      return { index, presence: 'present', page: parsePage(text, contentType, sent.url) };
    } catch (error) {
      return { index, presence: 'unknown', error: `${url} returned an invalid page: ${(error as Error).message}` };
    }
  } catch (error) {
    return { index, presence: 'unknown', error: (error as Error).message };
  }
}

/** Read a project from a local mirror folder (`<project>/index.html`), or report it absent. */
function askFileIndex(index: string, url: string, options: PypiLookupOptions): IndexAnswer {
  try {
    const page = readFileUrl(`${url}index.html`, options.maxBytes ?? MAX_SIMPLE_PAGE_BYTES);
    if (page === undefined) return { index, presence: 'absent' };
    return { index, presence: 'present', page: parseSimpleHtml(page.toString('utf8'), `${url}index.html`) };
  } catch (error) {
    return { index, presence: 'unknown', error: toOneLine((error as Error).message) };
  }
}

/** Returns whether a name could be a PyPI project: PEP 508 allows letters, digits, `.`, `-` and `_`. */
function validProjectName(name: string): boolean {
  return name.length > 0 && name.length <= 214 && /^[A-Za-z0-9._-]+$/.test(name) && /[A-Za-z0-9]/.test(name);
}

/**
 * Queries every index and merges the results: `present` when any index
 * has the project, `absent` when all return 404, else `unknown` with the
 * first error. Registry and network problems never throw.
 */
export async function lookupPypi(
  name: string,
  settings: PypiIndexSettings,
  options: PypiLookupOptions,
): Promise<Omit<PypiRegistryPackage, 'fetchedAt'>> {
  const base = { ecosystem: 'PyPI' as const, name, registry: settings.index, versions: [] };
  if (!validProjectName(name)) {
    return { ...base, presence: 'unknown', error: `invalid PyPI project name ${JSON.stringify(toOneLine(name).slice(0, 250))}` };
  }
  const indexes = [settings.index, ...settings.extraIndexes];
  const answers = await Promise.all(indexes.map((index) => askIndex(index, name, settings, options)));
  const found = answers.filter((answer) => answer.presence === 'present');
  const failed = answers.find((answer) => answer.presence === 'unknown');
  if (found.length === 0) {
    return failed === undefined
      ? { ...base, presence: 'absent' }
      : { ...base, presence: 'unknown', error: toOneLine(failed.error ?? 'unknown error') };
  }
  const pages = found.map((answer) => answer.page).filter((page): page is SimplePage => page !== undefined);
  const result: Omit<PypiRegistryPackage, 'fetchedAt'> = {
    ...base,
    registry: found[0]?.index ?? settings.index,
    presence: 'present',
    indexes: found.map((answer) => answer.index),
    ...pypiFields(name, pages),
  };
  // NOTE: an index that failed may list versions the others lack, so `error` marks the result as incomplete.
  if (failed !== undefined) result.error = toOneLine(`incomplete: ${failed.error ?? 'unknown error'}`);
  return result;
}
