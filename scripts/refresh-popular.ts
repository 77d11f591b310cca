/**
 * Refreshes data/popular/npm.tsv and data/popular/pypi.tsv from the
 * registries' public download statistics. Needs network access.
 *
 * npm has no public ranking, so the script requests from the downloads API
 * (`<npm-api>/downloads/point/last-month/<names>`) for the monthly downloads
 * of candidate names: the current list plus any names in --candidates (one a
 * line), then keeps the --top most downloaded. PyPI ranks come from the
 * public top-pypi-packages dataset, a JSON document with
 * `rows: [{ project, download_count }]`.
 *
 * Run: npx tsc -p . && node dist/scripts/refresh-popular.js [--top 10000]
 *      [--candidates FILE] [--out DIR] [--npm-api URL] [--pypi-url URL]
 * The URLs may also be set with RAMPART_NPM_API and RAMPART_PYPI_TOP_URL.
 * Exit code 0 on success, 2 on a bad option, an unreachable network or an
 * unexpected response; the lists are written only when both downloads succeed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/core/package-root.js';
import { canonicalName } from '../src/scanners/supply-chain/typosquat-names.js';

const DEFAULT_NPM_API = 'https://api.npmjs.org';
const DEFAULT_PYPI_URL = 'https://hugovk.github.io/top-pypi-packages/top-pypi-packages.min.json';
/** The bulk endpoint accepts at most 128 unscoped names per request and no scoped names. */
const NPM_BULK_SIZE = 128;
const TIMEOUT_MS = 30_000;

/** A failure that ends the script with exit code 2 and a one-line message. */
class RefreshError extends Error {}

async function getJson(url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new RefreshError(`network unreachable: request to ${url} failed (${detail}); check the connection or the URL option`);
  }
  if (response.status === 404) return undefined;
  if (!response.ok) throw new RefreshError(`request to ${url} failed with HTTP ${response.status}; retry later`);
  return response.json();
}

function readCandidates(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RefreshError(`candidate list ${file} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); pass --out or --candidates`);
  }
  return text
    .split('\n')
    .map((line) => line.split('\t')[0]?.trim() ?? '')
    .filter((name) => name !== '' && name !== 'name');
}

/** Reads one `{ downloads, package }` record from the downloads API. */
function downloadsOf(record: unknown): number {
  const downloads = (record as { downloads?: unknown } | null)?.downloads;
  return typeof downloads === 'number' && Number.isFinite(downloads) ? downloads : 0;
}

async function npmDownloads(api: string, names: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const unscoped = names.filter((name) => !name.startsWith('@'));
  for (let start = 0; start < unscoped.length; start += NPM_BULK_SIZE) {
    const batch = unscoped.slice(start, start + NPM_BULK_SIZE);
    const body = (await getJson(`${api}/downloads/point/last-month/${batch.join(',')}`)) as Record<string, unknown> | undefined;
    for (const name of batch) counts.set(name, batch.length === 1 ? downloadsOf(body) : downloadsOf(body?.[name]));
  }
  for (const name of names.filter((candidate) => candidate.startsWith('@'))) {
    counts.set(name, downloadsOf(await getJson(`${api}/downloads/point/last-month/${encodeURIComponent(name)}`)));
  }
  return counts;
}

function npmTsv(counts: Map<string, number>, top: number): string {
  const ranked = [...counts].filter(([, downloads]) => downloads > 0).sort((a, b) => b[1] - a[1]).slice(0, top);
  return ['name\tdownloads_per_month', ...ranked.map(([name, downloads]) => `${name}\t${downloads}`)].join('\n') + '\n';
}

function pypiTsv(body: unknown, url: string, top: number): string {
  const rows = (body as { rows?: unknown } | undefined)?.rows;
  if (!Array.isArray(rows)) throw new RefreshError(`unexpected response from ${url}: no "rows" array; pass the dataset URL with --pypi-url`);
  const names = rows
    .map((row) => (row as { project?: unknown }).project)
    .filter((project): project is string => typeof project === 'string' && project !== '')
    .slice(0, top);
  return ['name\trank', ...names.map((name, rank) => `${canonicalName('PyPI', name)}\t${rank + 1}`)].join('\n') + '\n';
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      top: { type: 'string', default: '10000' },
      candidates: { type: 'string' },
      out: { type: 'string' },
      'npm-api': { type: 'string' },
      'pypi-url': { type: 'string' },
    },
  });
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1) throw new RefreshError(`--top "${values.top}" must be a positive integer`);
  const outDir = values.out ?? join(packageRoot(), 'data', 'popular');
  const npmApi = (values['npm-api'] ?? process.env.RAMPART_NPM_API ?? DEFAULT_NPM_API).replace(/\/+$/, '');
  const pypiUrl = values['pypi-url'] ?? process.env.RAMPART_PYPI_TOP_URL ?? DEFAULT_PYPI_URL;

  const names = new Set(readCandidates(join(outDir, 'npm.tsv')));
  if (values.candidates) for (const name of readCandidates(values.candidates)) names.add(name);
  const pypi = pypiTsv(await getJson(pypiUrl), pypiUrl, top);
  const npm = npmTsv(await npmDownloads(npmApi, [...names]), top);
  writeFileSync(join(outDir, 'npm.tsv'), npm);
  writeFileSync(join(outDir, 'pypi.tsv'), pypi);
  console.log(`wrote ${npm.split('\n').length - 2} npm and ${pypi.split('\n').length - 2} PyPI names to ${outDir}`);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  const message = error instanceof RefreshError || error instanceof TypeError ? error.message : String(error);
  console.error(`refresh-popular: ${message}`);
  process.exitCode = 2;
}
