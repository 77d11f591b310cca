/**
 * Reads the JSON form of a simple-index project page (PEP 691, with the
 * PEP 700 `versions` and `upload-time` fields and the PEP 792
 * `project-status` object). Fields of the wrong type are ignored.
 */
import { isObject, isoTime } from './json-fields.js';
import { MAX_FILES_PER_PAGE, resolveFileUrl, sha256Hex, type SimpleFile, type SimplePage } from './simple-page.js';

/** PEP 691 `yanked`: `false`, `true`, or the reason as a string (an empty string still means yanked). */
function yankedValue(value: unknown): string | true | undefined {
  if (value === true) return true;
  if (typeof value === 'string') return value === '' ? true : value;
  return undefined;
}

function readFile(entry: unknown, pageUrl: string): SimpleFile | undefined {
  if (!isObject(entry) || typeof entry.filename !== 'string' || typeof entry.url !== 'string') return undefined;
  const resolved = resolveFileUrl(entry.url, pageUrl);
  if (resolved === undefined) return undefined;
  const file: SimpleFile = { filename: entry.filename, url: resolved.url };
  const sha256 = (isObject(entry.hashes) ? sha256Hex(entry.hashes.sha256) : undefined) ?? resolved.sha256;
  if (sha256 !== undefined) file.sha256 = sha256;
  const yanked = yankedValue(entry.yanked);
  if (yanked !== undefined) file.yanked = yanked;
  const uploadTime = isoTime(entry['upload-time']);
  if (uploadTime !== undefined) file.uploadTime = uploadTime;
  return file;
}

/** Parses a PEP 691 project page. Throws SyntaxError for invalid JSON and TypeError when it is not an object. */
export function parseSimpleJson(text: string, pageUrl: string): SimplePage {
  const document: unknown = JSON.parse(text);
  if (!isObject(document)) throw new TypeError('simple API JSON is not an object');
  const files: SimpleFile[] = [];
  const entries = Array.isArray(document.files) ? document.files.slice(0, MAX_FILES_PER_PAGE) : [];
  for (const entry of entries) {
    const file = readFile(entry, pageUrl);
    if (file !== undefined) files.push(file);
  }
  const page: SimplePage = { files };
  if (Array.isArray(document.versions)) {
    page.versions = document.versions.filter((value): value is string => typeof value === 'string' && value !== '');
  }
  const status = document['project-status'];
  if (isObject(status)) {
    if (typeof status.status === 'string') page.status = status.status;
    if (typeof status.reason === 'string' && status.reason !== '') page.statusReason = status.reason;
  }
  return page;
}
