/**
 * Python specifics. In an sdist, pip runs `setup.py` (its cmdclass
 * overrides and its top-level code) or an in-tree build backend. In a
 * wheel, `.pth` files in the installation root run their `import` lines at
 * every interpreter start, and `*.data/scripts` become commands.
 */
import { parse as parseToml } from 'smol-toml';
import type { InstallHook } from '../types.js';
import { baseName, joinInside } from './entry-path.js';
import { shorten } from './excerpt.js';
import { scanIndicators } from './indicator-scan.js';
import { maskComments } from './mask-comments.js';
import type { EcosystemAnalysis } from './npm-package.js';
import { PackageFiles, withImports } from './package-files.js';

/** setuptools commands whose override runs during `pip install` of an sdist. */
const INSTALL_COMMANDS = new Set(['install', 'develop', 'egg_info', 'build', 'build_py', 'build_ext', 'build_clib', 'build_scripts', 'install_lib', 'install_scripts', 'install_data', 'bdist_wheel', 'bdist_egg', 'easy_install', 'sdist']);
const MAX_TOP_LEVEL_HOOKS = 10;

function lines(text: string): string[] {
  return text.split('\n');
}

/** Hooks for classes deriving from setuptools commands, in a setup.py that passes `cmdclass`. */
function cmdclassHooks(text: string, path: string): InstallHook[] {
  if (!text.includes('cmdclass')) return [];
  const hooks: InstallHook[] = [];
  lines(text).forEach((line, index) => {
    const match = /^[ \t]{0,40}class[ \t]{1,8}\w{1,100}[ \t]{0,8}\(([^)]{0,300})\)/.exec(line);
    if (!match) return;
    const bases = (match[1] as string).split(',').map((base) => (base.trim().split('.').pop() ?? '').replace(/^_+/, '').toLowerCase());
    if (bases.some((base) => INSTALL_COMMANDS.has(base))) hooks.push({ name: 'setup.py cmdclass', command: shorten(line.trim()), file: path, line: index + 1 });
  });
  return hooks;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Hooks for module-level lines of setup.py (outside any def or class) that use the network, a shell or a decoder. */
function topLevelHooks(text: string, path: string): InstallHook[] {
  const masked = maskComments(text, 'python');
  const hits = scanIndicators(masked, 'python');
  const flagged = new Set<number>();
  const lineStarts = [0];
  for (let i = masked.indexOf('\n'); i !== -1; i = masked.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  for (const id of ['network', 'shell', 'decode']) for (const hit of hits.get(id) ?? []) flagged.add(lineOf(hit.start));

  const hooks: InstallHook[] = [];
  const maskedLines = lines(masked);
  const originalLines = lines(text);
  let bodyIndent = -1;
  maskedLines.forEach((line, index) => {
    if (line.trim() === '') return;
    const indent = indentOf(line);
    if (bodyIndent !== -1 && indent > bodyIndent) return;
    bodyIndent = /^(?:async[ \t]+)?(?:def|class)[ \t]/.test(line.trimStart()) ? indent : -1;
    const trimmed = line.trim();
    if (!flagged.has(index) || /^(?:import|from)[ \t]/.test(trimmed) || hooks.length >= MAX_TOP_LEVEL_HOOKS) return;
    hooks.push({ name: 'setup.py top-level', command: shorten(originalLines[index]?.trim() ?? trimmed), file: path, line: index + 1 });
  });
  return hooks;
}

/** The in-tree build backend declared by pyproject.toml, as a hook and the files that implement it. */
function inTreeBackend(files: PackageFiles, root: string, result: EcosystemAnalysis): string[] {
  const path = `${root}/pyproject.toml`;
  const text = files.text(path);
  if (text === undefined) return [];
  let document: Record<string, unknown>;
  try {
    document = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    result.incomplete.push(`${path} is not valid TOML (${((error as Error).message.split('\n', 1)[0] ?? '').slice(0, 200)}), so its build backend is unknown`);
    return [];
  }
  const system = document['build-system'] as Record<string, unknown> | undefined;
  const backendPath = system?.['backend-path'];
  const backend = system?.['build-backend'];
  if (!Array.isArray(backendPath) || typeof backend !== 'string') return [];
  const line = lines(text).findIndex((candidate) => candidate.includes('backend-path')) + 1;
  result.hooks.push({ name: 'in-tree build backend', command: shorten(`build-backend = "${backend}", backend-path = ${JSON.stringify(backendPath)}`), file: path, line });
  const module = (backend.split(':')[0] ?? '').replace(/\./g, '/');
  const found: string[] = [];
  for (const folder of backendPath.filter((item): item is string => typeof item === 'string')) {
    const base = joinInside(root, folder);
    if (base === undefined) continue;
    const file = files.firstExisting([`${base}/${module}.py`, `${base}/${module}/__init__.py`].map((candidate) => candidate.replace(/^\//, '')));
    if (file !== undefined) found.push(file);
  }
  return found;
}

/** Hooks and install-time files of a Python sdist. */
export function analyseSdist(files: PackageFiles): EcosystemAnalysis {
  const result: EcosystemAnalysis = { hooks: [], issues: [], warnings: [], installFiles: new Set(), incomplete: [] };
  const first = files.entries.find((entry) => entry.path.includes('/'));
  const root = first?.path.split('/')[0];
  if (root === undefined) return result;
  const roots: string[] = [];
  const setupPath = `${root}/setup.py`;
  const setup = files.text(setupPath);
  if (setup === undefined && files.get(setupPath)) result.incomplete.push(`${setupPath} is too large to read, so what it runs at install time is unknown`);
  if (setup !== undefined) {
    roots.push(setupPath);
    result.hooks.push(...cmdclassHooks(setup, setupPath), ...topLevelHooks(setup, setupPath));
  }
  roots.push(...inTreeBackend(files, root, result));
  result.installFiles = withImports(files, roots);
  return result;
}

/** Check whether `path` is where a wheel installs into site-packages: the root or `*.data/purelib|platlib`. */
function inSitePackagesRoot(path: string): boolean {
  return !path.includes('/') || /^[^/]+\.data\/(?:purelib|platlib)\/[^/]+$/.test(path);
}

/** Hooks and start-up files of a wheel. */
export function analyseWheel(files: PackageFiles): EcosystemAnalysis {
  const result: EcosystemAnalysis = { hooks: [], issues: [], warnings: [], installFiles: new Set(), incomplete: [] };
  const startup: string[] = [];
  for (const entry of files.entries) {
    if (entry.type !== 'file') continue;
    if (entry.path.endsWith('.pth') && inSitePackagesRoot(entry.path)) {
      if (entry.content === undefined) result.incomplete.push(`${entry.path} is too large to read, so what it runs at start-up is unknown`);
      const text = entry.content?.toString('utf8') ?? '';
      lines(text).forEach((line, index) => {
        // site.py executes a .pth line that starts with `import` followed by a space or tab.
        if (/^import[ \t]/.test(line)) result.hooks.push({ name: '.pth import', command: shorten(line), file: entry.path, line: index + 1 });
      });
      if (result.hooks.some((hook) => hook.file === entry.path)) startup.push(entry.path);
    } else if (/^[^/]+\.data\/scripts\/[^/]+$/.test(entry.path)) {
      result.hooks.push({ name: 'wheel script', command: shorten(baseName(entry.path)), file: entry.path });
    }
  }
  result.installFiles = new Set(startup);
  for (const path of startup) {
    for (const hook of result.hooks.filter((candidate) => candidate.file === path)) {
      const name = /^import[ \t]+([\w.]{1,100})/.exec(hook.command)?.[1]?.split('.')[0];
      const module = name === undefined ? undefined : files.firstExisting([`${name}.py`, `${name}/__init__.py`]);
      if (module !== undefined) result.installFiles.add(module);
    }
  }
  return result;
}
