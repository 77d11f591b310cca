/**
 * Packages the scan judges by name only, because no lockfile pins them:
 * modules that source code imports without any manifest declaring them, and
 * dependencies that a manifest declares but no lockfile resolves (a name an
 * assistant added to package.json or requirements before anyone installed
 * it).
 */
import type { ProjectContext } from '../../core/scanner.js';
import { confinedReader } from '../deps/inventory.js';
import type { ProjectInventory } from '../deps/types.js';
import { manifestReaderFor, normaliseDeclaredName } from './imports/declared.js';
import { buildLocalModules, declaredPackages, findUndeclaredImports, isJavaScriptPath, isPythonPath } from './imports/index.js';
import { installedPackage, isRegistryRange } from './npm-range.js';
import type { ImportedPackage, SupplyEcosystem } from './types.js';

/** A name a manifest declares, with where it is written. */
export interface DeclaredName {
  ecosystem: SupplyEcosystem;
  name: string;
  /** The range written in package.json, judged as npm would resolve it. */
  range?: string;
  path: string;
  line: number;
}

export interface ImportCandidates {
  /** Imports that no manifest declares. */
  imports: ImportedPackage[];
  /** Declared names that no lockfile of the scan pins. */
  unlocked: DeclaredName[];
  warnings: string[];
}

/** package.json dependencies whose range points at the registry, by name. */
function registryDependencies(text: string): Map<string, string> | undefined {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  const names = new Map<string, string>();
  if (typeof manifest !== 'object' || manifest === null) return names;
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const entries = (manifest as Record<string, unknown>)[field];
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) continue;
    for (const [name, range] of Object.entries(entries)) {
      if (typeof range !== 'string' || !isRegistryRange(range)) continue;
      const installed = installedPackage(name, range);
      names.set(installed.name, installed.range);
    }
  }
  return names;
}

/** 1-based line of the first line mentioning `name`, ignoring case; 1 when none does. */
function lineOf(text: string, name: string, quoted: boolean): number {
  const needle = (quoted ? `"${name}"` : name).toLowerCase();
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.toLowerCase().includes(needle));
  return index < 0 ? 1 : index + 1;
}

function unlockedNames(
  manifests: string[],
  readFile: (path: string) => string | undefined,
  locked: Map<SupplyEcosystem, Set<string>>,
  localNames: Set<string>,
): DeclaredName[] {
  const found: DeclaredName[] = [];
  for (const path of manifests) {
    const reader = manifestReaderFor(path);
    const text = reader ? readFile(path) : undefined;
    if (!reader || text === undefined) continue;
    let names: Map<string, string>;
    try {
      names = reader.ecosystem === 'npm' ? (registryDependencies(text) ?? new Map()) : new Map(reader.read(text, path).map((name) => [name, '']));
    } catch {
      continue;
    }
    for (const [name, range] of names) {
      const key = normaliseDeclaredName(reader.ecosystem, name);
      if (locked.get(reader.ecosystem)?.has(key) || (reader.ecosystem === 'npm' && localNames.has(key))) continue;
      const entry: DeclaredName = { ecosystem: reader.ecosystem, name, path, line: lineOf(text, name, reader.ecosystem === 'npm') };
      if (range !== '' && range !== '*' && range !== 'latest') entry.range = range;
      found.push(entry);
    }
  }
  return found;
}

/** Find undeclared imports and unlocked declarations among the scanner's files. */
export async function collectImports(context: ProjectContext, projects: ProjectInventory[]): Promise<ImportCandidates> {
  const warnings: string[] = [];
  const readFile = confinedReader(context.root);
  const locked = new Map<SupplyEcosystem, Set<string>>([
    ['npm', new Set()],
    ['PyPI', new Set()],
  ]);
  for (const project of projects) {
    const names = locked.get(project.ecosystem as SupplyEcosystem);
    for (const pkg of names ? project.packages : []) names!.add(normaliseDeclaredName(project.ecosystem as SupplyEcosystem, pkg.name));
  }
  const manifests = context.files.filter((path) => manifestReaderFor(path) !== undefined);
  const declared = declaredPackages(manifests, readFile, warnings);
  for (const [ecosystem, names] of locked) for (const name of names) declared.get(ecosystem)?.add(name);
  const local = buildLocalModules(context.files, readFile, warnings);

  const sources: Array<{ path: string; text: string }> = [];
  for (const path of context.files) {
    if (!isJavaScriptPath(path) && !isPythonPath(path)) continue;
    const text = readFile(path);
    if (text !== undefined) sources.push({ path, text });
  }
  return {
    imports: findUndeclaredImports(sources, declared, local),
    unlocked: unlockedNames(manifests, readFile, locked, local.javascript.packageNames),
    warnings,
  };
}
