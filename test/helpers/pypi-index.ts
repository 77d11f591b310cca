/**
 * A PyPI simple index on 127.0.0.1 for tests, served by node:http from an
 * in-memory description: the PEP 691 JSON form when the client accepts it
 * (with PEP 700 `versions` and `upload-time`, PEP 792 `project-status`),
 * else the PEP 503 HTML form. Every request is logged so tests can check
 * which URLs and Authorization headers were sent.
 *
 *     const index = await startPypiIndex([{ name: 'Demo_Pkg', files: [{ filename: 'demo_pkg-1.0-py3-none-any.whl' }] }]);
 *     // index.url is http://127.0.0.1:<port>/simple/; files are under /files/<project>/<filename>
 *     await index.stop();
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PypiIndexFile {
  filename: string;
  /** File body; `content of <filename>` when omitted. */
  content?: string | Buffer;
  /** ISO 8601 upload time, sent as PEP 700 `upload-time` (JSON form only). */
  uploadTime?: string;
  /** `true`, or the yank reason. */
  yanked?: boolean | string;
  /** SHA-256 to announce instead of the content's real one, to test mismatches. */
  sha256?: string;
}

export interface PypiIndexProject {
  /** Project name as published; the page lives at its PEP 503 normalised form. */
  name: string;
  files: PypiIndexFile[];
  /** PEP 700 `versions` list, sent only when given. */
  versions?: string[];
  /** PEP 792 status (`quarantined`, `archived`, `deprecated`), sent only when given. */
  status?: string;
  statusReason?: string;
}

export interface PypiIndexRequest {
  method: string;
  path: string;
  accept?: string;
  authorization?: string;
}

export interface PypiIndexOptions {
  /** Serve HTML whatever the client accepts, as older indexes do. */
  htmlOnly?: boolean;
  /** Respond with 401 to requests whose Authorization header is not exactly this value. */
  requireAuthorization?: string;
}

export interface PypiIndex {
  /** Simple index base URL, `http://127.0.0.1:<port>/simple/`. */
  url: string;
  /** `http://127.0.0.1:<port>`, for building file URLs. */
  origin: string;
  /** Requests received, in order. */
  requests: PypiIndexRequest[];
  /** The HTML-only switch; tests may flip it between requests. */
  options: PypiIndexOptions;
  /** Adds or replaces a project. */
  setProject(project: PypiIndexProject): void;
  stop(): Promise<void>;
}

const JSON_TYPE = 'application/vnd.pypi.simple.v1+json';

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

function fileBody(file: PypiIndexFile): Buffer {
  return Buffer.from(file.content ?? `content of ${file.filename}`);
}

function fileSha256(file: PypiIndexFile): string {
  return file.sha256 ?? createHash('sha256').update(fileBody(file)).digest('hex');
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function jsonPage(project: PypiIndexProject, origin: string): string {
  const files = project.files.map((file) => ({
    filename: file.filename,
    url: `${origin}/files/${normalise(project.name)}/${encodeURIComponent(file.filename)}`,
    hashes: { sha256: fileSha256(file) },
    ...(file.uploadTime === undefined ? {} : { 'upload-time': file.uploadTime }),
    yanked: file.yanked ?? false,
  }));
  const status = project.status === undefined ? {} : { 'project-status': { status: project.status, reason: project.statusReason } };
  const versions = project.versions === undefined ? {} : { versions: project.versions };
  return JSON.stringify({ meta: { 'api-version': '1.4' }, name: normalise(project.name), files, ...versions, ...status });
}

/** HTML page with relative file links (`../../files/...`), as many indexes write them. */
function htmlPage(project: PypiIndexProject): string {
  const meta = [`<meta name="pypi:repository-version" content="1.4">`];
  if (project.status !== undefined) meta.push(`<meta name="pypi:project-status" content="${escapeHtml(project.status)}">`);
  if (project.statusReason !== undefined) meta.push(`<meta name="pypi:project-status-reason" content="${escapeHtml(project.statusReason)}">`);
  const links = project.files.map((file) => {
    const href = `../../files/${normalise(project.name)}/${encodeURIComponent(file.filename)}#sha256=${fileSha256(file)}`;
    const yanked = file.yanked === undefined || file.yanked === false ? '' : ` data-yanked="${file.yanked === true ? '' : escapeHtml(file.yanked)}"`;
    return `<a href="${escapeHtml(href)}"${yanked}>${escapeHtml(file.filename)}</a><br/>`;
  });
  return `<!DOCTYPE html>\n<html><head>${meta.join('')}<title>Links for ${escapeHtml(project.name)}</title></head>\n<body><h1>Links for ${escapeHtml(project.name)}</h1>\n${links.join('\n')}\n</body></html>\n`;
}

function serveProject(request: IncomingMessage, response: ServerResponse, project: PypiIndexProject, origin: string, htmlOnly: boolean): void {
  const wantsJson = !htmlOnly && (request.headers.accept ?? '').includes(JSON_TYPE);
  if (wantsJson) response.writeHead(200, { 'Content-Type': JSON_TYPE }).end(jsonPage(project, origin));
  else response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(htmlPage(project));
}

/** Starts the index on a free port of 127.0.0.1. */
export async function startPypiIndex(projects: PypiIndexProject[], options: PypiIndexOptions = {}): Promise<PypiIndex> {
  const byName = new Map(projects.map((project) => [normalise(project.name), project]));
  const requests: PypiIndexRequest[] = [];
  let origin = '';
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ method: request.method ?? 'GET', path, accept: request.headers.accept, authorization: request.headers.authorization });
    if (options.requireAuthorization !== undefined && request.headers.authorization !== options.requireAuthorization) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="test"' }).end('unauthorised');
      return;
    }
    const [, area, name, filename] = path.split('?')[0]?.split('/') ?? [];
    const project = byName.get(normalise(decodeURIComponent(name ?? '')));
    if (area === 'simple' && project !== undefined && filename === '') {
      // PyPI redirects other spellings to the normalised page.
      if (name !== normalise(name ?? '')) response.writeHead(301, { Location: `/simple/${normalise(name ?? '')}/` }).end();
      else serveProject(request, response, project, origin, options.htmlOnly === true);
      return;
    }
    const file = area === 'files' ? project?.files.find((entry) => entry.filename === decodeURIComponent(filename ?? '')) : undefined;
    if (file !== undefined) response.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(fileBody(file));
    else response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/simple/`,
    origin,
    requests,
    options,
    setProject: (project) => byName.set(normalise(project.name), project),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
