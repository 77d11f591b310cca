/**
 * Reads the HTML form of a simple-index project page (PEP 503): one `<a>`
 * per file, with the SHA-256 in the link's `#sha256=` fragment, the yank
 * reason in `data-yanked`, and PEP 792's `pypi:project-status` and
 * `pypi:project-status-reason` meta elements. This is not a general HTML
 * parser. It finds only `<a>`, `<meta>` and `<base>` start tags with
 * string searches, so any input is read in linear time.
 */
import { MAX_FILES_PER_PAGE, resolveFileUrl, type SimpleFile, type SimplePage } from './simple-page.js';

interface Tag {
  name: string;
  attributes: Map<string, string>;
  /** Index just after the closing `>`. */
  end: number;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Maximum length of a character reference, in characters between `&` and `;` (`#x10FFFF` is 8). */
const MAX_REFERENCE_LENGTH = 10;

/** Decodes the character references that index pages use: the basic named ones and numeric ones. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  let out = '';
  let i = 0;
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', i)) {
    // The `;` is searched for in a bounded window, because an unbounded search would make long runs of `&` quadratic.
    const semi = text.slice(amp + 1, amp + 1 + MAX_REFERENCE_LENGTH).indexOf(';');
    const replacement = semi < 0 ? undefined : referencedText(text.slice(amp + 1, amp + 1 + semi));
    if (replacement === undefined) {
      out += text.slice(i, amp + 1);
      i = amp + 1;
      continue;
    }
    out += text.slice(i, amp) + replacement;
    i = amp + semi + 2;
  }
  return out + text.slice(i);
}

function referencedText(name: string): string | undefined {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return NAMED_ENTITIES[name.toLowerCase()];
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f';
}

/** Reads one attribute value starting at `start` and returns the raw value and the index after it. */
function readValue(html: string, start: number): { value: string; next: number } {
  const quote = html[start];
  if (quote === '"' || quote === "'") {
    const close = html.indexOf(quote, start + 1);
    const end = close < 0 ? html.length : close;
    return { value: html.slice(start + 1, end), next: end + 1 };
  }
  let end = start;
  while (end < html.length && !isSpace(html[end]) && html[end] !== '>') end++;
  return { value: html.slice(start, end), next: end };
}

/** Reads the attributes of a start tag whose name ends at `from`. */
function readTag(html: string, name: string, from: number): Tag {
  const attributes = new Map<string, string>();
  let i = from;
  while (i < html.length) {
    while (isSpace(html[i]) || html[i] === '/') i++;
    if (i >= html.length || html[i] === '>') break;
    let end = i;
    while (end < html.length && !isSpace(html[end]) && html[end] !== '=' && html[end] !== '>') end++;
    const key = html.slice(i, Math.max(end, i + 1)).toLowerCase();
    i = Math.max(end, i + 1);
    while (isSpace(html[i])) i++;
    let value = '';
    if (html[i] === '=') {
      i++;
      while (isSpace(html[i])) i++;
      const read = readValue(html, i);
      value = decodeEntities(read.value);
      i = read.next;
    }
    if (!attributes.has(key)) attributes.set(key, value);
  }
  return { name, attributes, end: i + 1 };
}

function tagNameAt(html: string, start: number): { name: string; end: number } {
  let end = start;
  while (end < html.length && /[a-zA-Z]/.test(html[end] ?? '')) end++;
  return { name: html.slice(start, end).toLowerCase(), end };
}

function anchorFile(tag: Tag, html: string, baseUrl: string): SimpleFile | undefined {
  const href = tag.attributes.get('href');
  if (href === undefined) return undefined;
  const resolved = resolveFileUrl(href, baseUrl);
  if (resolved === undefined) return undefined;
  const textEnd = html.indexOf('<', tag.end);
  const filename = decodeEntities(html.slice(tag.end, textEnd < 0 ? undefined : textEnd)).trim();
  if (filename === '') return undefined;
  const file: SimpleFile = { filename, url: resolved.url };
  if (resolved.sha256 !== undefined) file.sha256 = resolved.sha256;
  const yanked = tag.attributes.get('data-yanked');
  if (yanked !== undefined) file.yanked = yanked.trim() === '' ? true : yanked;
  return file;
}

function applyMeta(tag: Tag, page: SimplePage): void {
  const name = tag.attributes.get('name')?.toLowerCase();
  const content = tag.attributes.get('content');
  if (content === undefined) return;
  if (name === 'pypi:project-status') page.status ??= content.trim();
  if (name === 'pypi:project-status-reason' && content.trim() !== '') page.statusReason ??= content.trim();
}

/** Parses a PEP 503 project page fetched from `pageUrl`. Relative links resolve against it or against a `<base href>`. */
export function parseSimpleHtml(html: string, pageUrl: string): SimplePage {
  const page: SimplePage = { files: [] };
  let baseUrl = pageUrl;
  let i = html.indexOf('<');
  while (i >= 0 && page.files.length < MAX_FILES_PER_PAGE) {
    const { name, end } = tagNameAt(html, i + 1);
    if (name === 'a' || name === 'meta' || name === 'base') {
      const tag = readTag(html, name, end);
      if (name === 'a') {
        const file = anchorFile(tag, html, baseUrl);
        if (file !== undefined) page.files.push(file);
      } else if (name === 'meta') {
        applyMeta(tag, page);
      } else {
        const href = tag.attributes.get('href');
        if (href !== undefined) baseUrl = resolveBase(href, baseUrl, pageUrl);
      }
      i = html.indexOf('<', tag.end);
    } else {
      i = html.indexOf('<', i + 1);
    }
  }
  return page;
}

/**
 * A `<base href>` may move relative links elsewhere on the web, but never
 * from a page fetched over the network to local files: only a page read
 * from a `file:` mirror may have a `file:` base.
 */
function resolveBase(href: string, current: string, pageUrl: string): string {
  try {
    const base = new URL(href, current);
    if (base.protocol === 'file:' && !pageUrl.startsWith('file:')) return current;
    if (base.protocol !== 'file:' && base.protocol !== 'http:' && base.protocol !== 'https:') return current;
    return base.href;
  } catch {
    return current;
  }
}
