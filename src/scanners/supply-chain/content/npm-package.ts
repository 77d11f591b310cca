/**
 * npm specifics: the lifecycle scripts in `package.json`, the implicit
 * `node-gyp rebuild` of packages with a `binding.gyp`, and the files those
 * scripts run.
 */
import type { ContentReport, InstallHook } from '../types.js';
import { joinInside } from './entry-path.js';
import { analyseScripts } from './install-scripts.js';
import { PackageFiles, withImports } from './package-files.js';

export interface EcosystemAnalysis extends ContentReport {
  /** Files that run at install time, by archive path. */
  installFiles: Set<string>;
  incomplete: string[];
}

/**
 * Find the folder whose package.json npm uses. npm strips the first path
 * component of every entry, whatever it is, and a later entry overwrites an
 * earlier one, so with several top folders the last package.json wins.
 */
function packageRoot(files: PackageFiles): string | undefined {
  const manifests = files.entries.filter((entry) => entry.type === 'file' && /^[^/]+\/package\.json$/.test(entry.path));
  return manifests.at(-1)?.path.split('/')[0];
}

/** Find the line of the first `"key":` in a JSON text. */
function lineOfKey(text: string, key: string): number | undefined {
  const quoted = `"${key}"`;
  let index = text.indexOf(quoted);
  while (index !== -1 && !/^\s{0,20}:/.test(text.slice(index + quoted.length, index + quoted.length + 21))) index = text.indexOf(quoted, index + 1);
  if (index === -1) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function stringScripts(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Find the hooks and install-time files of an npm package archive. */
export function analyseNpmPackage(files: PackageFiles): EcosystemAnalysis {
  const result: EcosystemAnalysis = { hooks: [], issues: [], warnings: [], installFiles: new Set(), incomplete: [] };
  const root = packageRoot(files);
  if (root === undefined) {
    result.incomplete.push('no package.json found at the top of the npm tarball, so its install scripts are unknown');
    return result;
  }
  const manifestPath = `${root}/package.json`;
  const raw = files.text(manifestPath);
  if (raw === undefined) {
    result.incomplete.push(`${manifestPath} is too large to read, so its install scripts are unknown`);
    return result;
  }
  // npm strips a byte order mark before parsing.
  const text = raw.replace(/^\uFEFF/, '');
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    result.incomplete.push(`${manifestPath} is not valid JSON (${(error as Error).message}), so its install scripts are unknown`);
    return result;
  }
  const scripts = stringScripts(manifest['scripts']);
  const analysis = analyseScripts(scripts, manifestPath, (name) => lineOfKey(text, name));
  result.hooks.push(...analysis.hooks);
  result.issues.push(...analysis.issues);

  // npm runs `node-gyp rebuild` for a package with binding.gyp and neither an install nor a preinstall script.
  if (files.get(`${root}/binding.gyp`) && scripts['install'] === undefined && scripts['preinstall'] === undefined && manifest['gypfile'] !== false) {
    const hook: InstallHook = { name: 'install', command: 'node-gyp rebuild (implicit, binding.gyp)', file: `${root}/binding.gyp` };
    result.hooks.push(hook);
  }

  const runFiles: string[] = [];
  const main = typeof manifest['main'] === 'string' && manifest['main'] !== '' ? manifest['main'] : 'index.js';
  for (const { file } of analysis.runs) {
    const inside = joinInside(root, file === '.' ? main : file);
    const resolved = inside === undefined ? undefined : files.resolveScript(inside);
    if (resolved !== undefined) runFiles.push(resolved);
  }
  result.installFiles = withImports(files, runFiles);
  return result;
}
