/**
 * Writing the generated benchmark inputs to disk: the npm project and the
 * advisory database, imported with AdvisoryDatabase as `rampart db import`
 * would, one source per ecosystem.
 */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AdvisoryDatabase } from '../../src/store/advisory-db.js';
import { DEFAULT_LOCKFILE_OPTIONS, generateNpmProject, readNameColumn, type GeneratedProject } from './npm-lockfile.js';
import { planAdvisories } from './osv-records.js';

/** Name lists read at run time: the most downloaded npm packages and PyPI projects, one per line after a header. */
export const DEFAULT_NPM_NAMES = '/work/shared/data/npm-popular.tsv';
export const DEFAULT_PYPI_NAMES = '/work/shared/data/pypi-popular.tsv';

export interface NameLists {
  npm: string[];
  pypi: string[];
}

export function readNameLists(npmFile: string, pypiFile: string): NameLists {
  const read = (file: string): string[] => {
    try {
      return readNameColumn(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new Error(`cannot read the name list ${file} (${code}): pass a TSV file whose first column is a package name`);
    }
  };
  return { npm: read(npmFile), pypi: read(pypiFile) };
}

export interface WrittenProject {
  dir: string;
  generated: GeneratedProject;
  lockfileBytes: number;
}

/** Write package.json and package-lock.json of a generated project with `topLevel` hoisted packages into `dir`. */
export function writeNpmProject(dir: string, names: readonly string[], topLevel: number): WrittenProject {
  const generated = generateNpmProject(names, { ...DEFAULT_LOCKFILE_OPTIONS, topLevel });
  writeFileSync(join(dir, 'package.json'), generated.packageJson);
  writeFileSync(join(dir, 'package-lock.json'), generated.packageLock);
  return { dir, generated, lockfileBytes: Buffer.byteLength(generated.packageLock) };
}

export interface WrittenDatabase {
  path: string;
  records: number;
  /** npm records about names of the lockfile. */
  lockfileRecords: number;
  /** Size of the database file. */
  bytes: number;
  importSeconds: number;
  byEcosystem: Record<string, number>;
}

/** Generate the advisory records for `project` and import them into a new database at `path`. */
export function writeAdvisoryDatabase(path: string, project: GeneratedProject, names: NameLists, total: number): WrittenDatabase {
  const used = new Set(project.packages.map((pkg) => pkg.name));
  const plan = planAdvisories({
    seed: 4_242,
    total,
    targetNames: 260,
    locked: project.packages,
    otherNpmNames: names.npm.filter((name) => !used.has(name)),
    pypiNames: names.pypi,
  });

  const started = performance.now();
  const db = AdvisoryDatabase.open(path);
  const byEcosystem: Record<string, number> = {};
  try {
    for (const block of plan.blocks) {
      const stats = db.replaceSource(block.records(), { name: `osv:${block.ecosystem}` });
      if (stats.invalid > 0) throw new Error(`${stats.invalid} generated ${block.ecosystem} records were rejected as invalid`);
      byEcosystem[block.ecosystem] = stats.added + stats.updated + stats.unchanged;
    }
  } finally {
    db.close();
  }
  const records = Object.values(byEcosystem).reduce((sum, count) => sum + count, 0);
  return {
    path,
    records,
    lockfileRecords: plan.targetRecords,
    bytes: statSync(path).size,
    importSeconds: (performance.now() - started) / 1000,
    byEcosystem,
  };
}
