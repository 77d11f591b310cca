/** `rampart sbom`: write a CycloneDX or SPDX SBOM of every lockfile in a tree. */
import { basename, resolve } from 'node:path';
import { loadConfig } from '../core/config.js';
import { discover } from '../core/discovery.js';
import { UsageError } from '../core/errors.js';
import { packageVersion } from '../core/package-root.js';
import { toCycloneDx } from '../report/cyclonedx.js';
import { toSpdx } from '../report/spdx.js';
import { readInventories } from '../scanners/deps/inventory.js';
import { isPackageManifest } from '../scanners/deps/lockfile-names.js';
import { parserFor } from '../scanners/deps/parsers/index.js';
import type { CliIo } from './io.js';
import { checkOutputTargets, writeReports } from './output.js';
import { resolveTarget } from './scan.js';

export const SBOM_FORMATS = ['cyclonedx', 'spdx'] as const;
export type SbomFormat = (typeof SBOM_FORMATS)[number];

export interface SbomFlags {
  format?: string;
  output?: string;
  config?: string;
  exclude?: string[];
}

function parseSbomFormat(value: string): SbomFormat {
  if ((SBOM_FORMATS as readonly string[]).includes(value)) return value as SbomFormat;
  throw new UsageError(`--format ${value}: unknown SBOM format; use cyclonedx or spdx`);
}

/** Run `rampart sbom` and return the exit code; throws UsageError on bad input. */
export async function runSbomCommand(pathArg: string | undefined, flags: SbomFlags, io: CliIo): Promise<number> {
  const format = parseSbomFormat(flags.format ?? 'cyclonedx');
  const root = resolveTarget(pathArg, io.cwd);
  const output = flags.output === undefined ? undefined : resolve(io.cwd, flags.output);
  const target = output ? { format: 'json' as const, file: output, label: flags.output! } : undefined;
  if (target) checkOutputTargets([target]);

  const config = loadConfig({ root, configPath: flags.config && resolve(io.cwd, flags.config) });
  config.exclude = [...config.exclude, ...(flags.exclude ?? [])];
  const { files, tooLarge } = discover(root, config);
  const lockfiles = [...files, ...tooLarge]
    .map((file) => file.path)
    .filter((path) => parserFor(path) !== undefined || isPackageManifest(path));
  const inventory = readInventories(root, lockfiles);
  for (const error of inventory.errors) io.stderr.write(`rampart: warning: ${error.path}: ${error.message}\n`);
  for (const warning of inventory.warnings) io.stderr.write(`rampart: warning: ${warning}\n`);

  const meta = { toolVersion: packageVersion(), rootName: basename(root) };
  const text = format === 'cyclonedx' ? toCycloneDx(inventory.projects, meta) : toSpdx(inventory.projects, meta);
  const content = text.endsWith('\n') ? text : `${text}\n`;
  if (target) writeReports([{ target, content }]);
  else io.stdout.write(content);
  if (inventory.projects.length === 0) {
    io.stderr.write('rampart: warning: no lockfile or manifest found; the SBOM lists no packages\n');
  }
  return 0;
}
