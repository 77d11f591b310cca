/**
 * Reading an install command (`npm install X`, `pip install Y==1.0`, yarn,
 * pnpm, uv) for the packages it would fetch from a registry, so that
 * `rampart guard -- COMMAND` can vet them before running it. Nothing here
 * runs the command.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import type { PackageRequest } from './assess.js';
import { isRegistryRange } from './npm-range.js';
import type { SupplyEcosystem } from './types.js';

export interface InstallPlan {
  ecosystem: SupplyEcosystem;
  /** Packages the command names that come from the registry. */
  packages: PackageRequest[];
  /** Arguments that name something other than a registry package (paths, URLs, git), not checked. */
  skipped: string[];
  /** A registry or index the command itself names (`--registry`, `--index-url`). */
  registry?: string;
  /** Extra Python indexes the command or its requirements files name; pip takes the highest version across all. */
  extraIndexes?: string[];
  /** The command only installs what manifests already list; nothing is named. */
  installsManifest: boolean;
}

const NPM_INSTALL = new Set(['install', 'i', 'add', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall']);
/** npm, yarn and pnpm options that take a value as the next argument. */
const NPM_VALUE_OPTIONS = new Set([
  '--registry', '--tag', '--prefix', '-w', '--workspace', '--omit', '--include', '--install-strategy', '--cache',
  '--userconfig', '--globalconfig', '--before', '--filter', '-F', '--dir', '-C', '--cwd', '--loglevel', '--reporter',
  '--network-concurrency', '--mutex', '--modules-folder', '--cache-folder', '--store-dir', '--virtual-store-dir',
]);
/** pip and uv options that take a value as the next argument. */
const PIP_VALUE_OPTIONS = new Set([
  '-i', '--index-url', '--extra-index-url', '-c', '--constraint', '-t', '--target', '--prefix', '--root', '-f',
  '--find-links', '--platform', '--python-version', '--implementation', '--abi', '--no-binary', '--only-binary',
  '--progress-bar', '--log', '--cache-dir', '--src', '--upgrade-strategy', '--trusted-host', '--proxy', '--retries',
  '--timeout', '--exists-action', '--cert', '--client-cert', '-C', '--config-settings', '--global-option',
  '--report', '--python', '-p', '--index', '--default-index', '--group', '--extra', '--optional', '--dev-group',
]);

/** Read `argv` (the command after `--`); throws a UsageError for a command guard cannot vet. */
export function parseInstallCommand(argv: readonly string[], cwd: string): InstallPlan {
  const [tool, ...rest] = argv;
  if (tool === undefined) throw new UsageError('nothing after "--": give an install command, such as -- npm install left-pad');
  const base = tool.split(/[\\/]/).at(-1)!.replace(/\.(exe|cmd)$/i, '');
  if (base === 'npm' || base === 'pnpm' || base === 'yarn') return parseNodeInstall(base, rest);
  if (/^pip(3(\.\d+)?)?$/.test(base)) return parsePipInstall(rest, cwd, base);
  if (/^python(3(\.\d+)?)?$/.test(base) && rest[0] === '-m' && rest[1] === 'pip') return parsePipInstall(rest.slice(2), cwd, base);
  if (base === 'uv' && rest[0] === 'pip') return parsePipInstall(rest.slice(1), cwd, 'uv pip');
  if (base === 'uv' && rest[0] === 'add') return parsePipArguments(rest.slice(1), cwd);
  throw new UsageError(`rampart guard cannot vet "${tool}" commands; use npm, yarn, pnpm, pip, python -m pip or uv`);
}

/** Drop the options written before the subcommand (`npm --loglevel warn install x`). */
function withoutLeadingOptions(args: string[]): string[] {
  let index = 0;
  while (index < args.length && args[index]!.startsWith('-')) {
    index += NPM_VALUE_OPTIONS.has(args[index]!) && !args[index]!.includes('=') ? 2 : 1;
  }
  return args.slice(index);
}

function parseNodeInstall(tool: string, args: string[]): InstallPlan {
  const rest = withoutLeadingOptions(args);
  const words = rest[0] === 'global' && tool === 'yarn' ? rest.slice(1) : rest;
  const subcommand = words[0];
  const plan: InstallPlan = { ecosystem: 'npm', packages: [], skipped: [], installsManifest: false };
  if (subcommand === undefined && tool !== 'yarn') {
    throw new UsageError(`"${tool}" without a subcommand installs nothing; give ${tool} install NAME`);
  }
  if (subcommand === undefined) {
    plan.installsManifest = true;
    return plan;
  }
  if (!NPM_INSTALL.has(subcommand) && !(tool === 'npm' && subcommand === 'ci')) {
    throw new UsageError(`"${tool} ${subcommand}" is not an install command; rampart guard vets ${tool} install and ${tool} add`);
  }
  // pnpm's and yarn's -w is a flag (workspace root); yarn's -C and -F are --caret and --fixed.
  const flags = tool === 'yarn' ? ['-w', '-C', '-F'] : tool === 'pnpm' ? ['-w'] : [];
  const valueOptions = new Set([...NPM_VALUE_OPTIONS].filter((option) => !flags.includes(option)));
  let tag: string | undefined;
  for (const operand of operands(words.slice(1), valueOptions, (option, value) => {
    if (option === '--registry') plan.registry = value;
    if (option === '--tag') tag = value;
    if (option === '--before') {
      throw new UsageError(`rampart guard cannot vet "${tool} install --before": it would judge other versions than ${tool} installs; name exact versions instead`);
    }
  })) {
    const request = npmSpec(operand);
    // `--tag beta` makes npm install the `beta` tag of every package named without a version or range.
    if (request && tag !== undefined && request.version === undefined && request.range === undefined) request.range = tag;
    if (request) plan.packages.push(request);
    else plan.skipped.push(operand);
  }
  plan.installsManifest = plan.packages.length === 0 && plan.skipped.length === 0;
  return plan;
}

/** Positional arguments, skipping options and the values of options that take one. */
function operands(args: string[], valueOptions: Set<string>, onOption: (option: string, value: string) => void): string[] {
  const found: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === '--') {
      found.push(...args.slice(index + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      found.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    if (equals > 0) {
      onOption(arg.slice(0, equals), arg.slice(equals + 1));
      continue;
    }
    if (valueOptions.has(arg) && index + 1 < args.length) {
      onOption(arg, args[index + 1]!);
      index += 1;
    }
  }
  return found;
}

const NPM_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/i;
const EXACT_SEMVER = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** Read an npm package spec: `name`, `name@1.2.3`, `name@^1`, `alias@npm:real@1`; undefined for paths, URLs and git. */
export function npmSpec(spec: string): PackageRequest | undefined {
  const at = spec.indexOf('@', 1);
  const name = at < 0 ? spec : spec.slice(0, at);
  const range = at < 0 ? undefined : spec.slice(at + 1);
  if (!NPM_NAME.test(name)) return undefined;
  if (range?.startsWith('npm:')) return npmSpec(range.slice(4));
  if (range !== undefined && !isRegistryRange(range)) return undefined;
  const request: PackageRequest = { ecosystem: 'npm', name };
  if (range !== undefined && EXACT_SEMVER.test(range.replace(/^=/, ''))) request.version = range.replace(/^=?v?/, '');
  else if (range !== undefined && range !== '' && range !== 'latest') request.range = range;
  return request;
}

function parsePipInstall(args: string[], cwd: string, tool: string): InstallPlan {
  if (args[0] !== 'install') {
    throw new UsageError(`"${tool} ${args[0] ?? ''}" is not an install command; rampart guard vets ${tool} install`.replace('  ', ' '));
  }
  return parsePipArguments(args.slice(1), cwd);
}

/** pip's one-letter options that take a value, which may be written attached (`-rreq.txt`, `-ihttps://...`). */
const PIP_SHORT_VALUE = /^-([rceitfCp])(.+)$/;

function parsePipArguments(rawArgs: string[], cwd: string): InstallPlan {
  const args = rawArgs.flatMap((arg) => {
    const attached = PIP_SHORT_VALUE.exec(arg);
    return attached && !arg.startsWith('--') ? [`-${attached[1]}`, attached[2]!] : [arg];
  });
  const plan: InstallPlan = { ecosystem: 'PyPI', packages: [], skipped: [], installsManifest: false, extraIndexes: [] };
  const files: RequirementFile = { lines: [], indexes: [], extraIndexes: [], pre: args.includes('--pre') };
  const requirementFiles: string[] = [];
  const names = operands(args, new Set([...PIP_VALUE_OPTIONS, '-r', '--requirement', '-e', '--editable']), (option, value) => {
    if (option === '-i' || option === '--index-url' || option === '--index' || option === '--default-index') plan.registry = value;
    if (option === '--extra-index-url' || option === '--extra-index') plan.extraIndexes!.push(value);
    if (option === '-r' || option === '--requirement') requirementFiles.push(value);
    if (option === '-e' || option === '--editable') plan.skipped.push(value);
  });
  for (const file of requirementFiles) requirementLines(file, cwd, files);
  names.push(...files.lines);
  // The command line wins over a requirements file for the primary index, as in pip.
  plan.registry ??= files.indexes.at(-1);
  plan.extraIndexes!.push(...files.extraIndexes);
  for (const operand of names) {
    const request = pipSpec(operand);
    if (request && files.pre && request.version === undefined) request.prerelease = true;
    if (request) plan.packages.push(request);
    else plan.skipped.push(operand);
  }
  plan.installsManifest = plan.packages.length === 0 && plan.skipped.length === 0;
  return plan;
}

/** Nested `-r` files read at most this deep, as a loop guard. */
const MAX_REQUIREMENT_DEPTH = 10;

/** The contents of a requirements file: requirement lines and the index options pip also reads from it. */
interface RequirementFile {
  lines: string[];
  /** `-i`/`--index-url` values, last one wins as in pip. */
  indexes: string[];
  extraIndexes: string[];
  pre: boolean;
}

/**
 * Requirement lines of a `-r` file and of the files it includes, read as
 * pip reads them: comment lines dropped first, a line ending in `\` joined
 * directly to the next, and `-r`, `-i`, `--extra-index-url` and `--pre`
 * honoured (attached values such as `-rfile` too).
 */
function requirementLines(file: string, cwd: string, into: RequirementFile, depth = 0, seen = new Set<string>()): void {
  const path = resolve(cwd, file);
  if (seen.has(path) || depth > MAX_REQUIREMENT_DEPTH) return;
  seen.add(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    let reason = code ?? String(error);
    if (code === 'ENOENT') reason = 'no such file';
    if (code === 'EISDIR') reason = 'it is a directory';
    throw new UsageError(`cannot read the requirements file ${file}: ${reason}`);
  }
  const joined = text
    .split(/\r?\n/)
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, '');
  for (const raw of joined.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    const option = /^(-r|--requirement|-i|--index-url|--extra-index-url)(?:\s*=\s*|\s+|(?<=^-[ri]))(\S+)/.exec(line);
    if (option) {
      const [, name, value] = option as unknown as [string, string, string];
      if (name === '-r' || name === '--requirement') requirementLines(value, dirname(path), into, depth + 1, seen);
      else if (name === '--extra-index-url') into.extraIndexes.push(value);
      else into.indexes.push(value);
    } else if (line === '--pre') {
      into.pre = true;
    } else if (line !== '' && !line.startsWith('-')) {
      into.lines.push(line);
    }
  }
}

const PEP508_NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/;

/** Read a pip requirement: `name`, `name==1.0`, `name[extra]>=2`; undefined for paths, URLs and `name @ url`. */
export function pipSpec(spec: string): PackageRequest | undefined {
  const text = spec.split(';')[0]!.trim();
  if (text.includes('://') || text.startsWith('.') || text.startsWith('/') || text.includes('\\')) return undefined;
  if (/\.(whl|tar\.gz|zip)$/i.test(text)) return undefined;
  const match = PEP508_NAME.exec(text);
  if (!match) return undefined;
  const specifier = match[3]!.trim();
  if (specifier.startsWith('@')) return undefined;
  const request: PackageRequest = { ecosystem: 'PyPI', name: match[1]! };
  const exact = /^===?\s*([A-Za-z0-9._+!-]+)$/.exec(specifier);
  if (exact && !exact[1]!.includes('*')) request.version = exact[1]!;
  else if (specifier !== '') request.range = specifier;
  return request;
}
