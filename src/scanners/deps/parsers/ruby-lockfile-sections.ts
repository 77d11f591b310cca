/**
 * A reader for the sections of Bundler's Gemfile.lock. Section names start
 * at column 0: `GEM`, `GIT`, `PATH`, `PLUGIN SOURCE`, `PLATFORMS`,
 * `DEPENDENCIES`, `CHECKSUMS`, `RUBY VERSION` and `BUNDLED WITH`. Inside a
 * source section, two spaces indent an option, four a locked spec
 * `name (version[-platform])` and six one dependency of that spec.
 */
import type { PackageHash } from '../types.js';
import { LockfileError } from '../types.js';

export interface GemSource {
  type: 'GEM' | 'GIT' | 'PATH' | 'PLUGIN SOURCE';
  /** Options such as `remote`, `revision`, `branch`. */
  options: Map<string, string>;
}

export interface GemSpec {
  name: string;
  /** Version without the platform suffix. */
  version: string;
  platform?: string;
  line: number;
  /** Names of the gems this spec depends on, as listed (duplicates possible in hand-edited files). */
  dependencies: string[];
  source: GemSource;
}

export interface GemDeclaration {
  name: string;
  line: number;
}

export interface GemLockfile {
  specs: GemSpec[];
  /** The DEPENDENCIES section: the gems the Gemfile names. */
  declarations: GemDeclaration[];
  /** CHECKSUMS entries keyed `name@version`. */
  checksums: Map<string, PackageHash[]>;
  warnings: string[];
}

const SOURCE_SECTIONS = new Set(['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE']);
const KNOWN_SECTIONS = new Set([
  ...SOURCE_SECTIONS,
  'PLATFORMS',
  'DEPENDENCIES',
  'CHECKSUMS',
  'RUBY VERSION',
  'BUNDLED WITH',
]);

/** Splits `name (inner)` into name and inner text, or returns undefined for other shapes. */
export function splitNameAndParens(
  text: string,
): { name: string; inner?: string; rest: string } | undefined {
  const open = text.indexOf(' (');
  if (open < 0) {
    const space = text.indexOf(' ');
    const name = space < 0 ? text : text.slice(0, space);
    return isGemName(name) ? { name, rest: space < 0 ? '' : text.slice(space + 1) } : undefined;
  }
  const close = text.indexOf(')', open);
  const name = text.slice(0, open);
  if (close < 0 || !isGemName(name)) return undefined;
  return { name, inner: text.slice(open + 2, close), rest: text.slice(close + 1).trim() };
}

function isGemName(name: string): boolean {
  return name !== '' && /^[A-Za-z0-9_.-]+!?$/.test(name);
}

function indentOf(line: string): number {
  let count = 0;
  while (line.charCodeAt(count) === 0x20) count += 1;
  return count;
}

/**
 * Splits `1.15.4-x86_64-linux` into version and platform. RubyGems rewrites
 * a `-` in a version as `.pre.`, so the first `-` starts the platform.
 */
export function splitPlatform(text: string): { version: string; platform?: string } {
  const dash = text.indexOf('-');
  return dash < 0
    ? { version: text }
    : { version: text.slice(0, dash), platform: text.slice(dash + 1) };
}

interface ReaderState {
  path: string;
  lock: GemLockfile;
  section: string | undefined;
  source: GemSource | undefined;
  spec: GemSpec | undefined;
}

/** Reads the sections of `text`; throws a `LockfileError` when it is not a Gemfile.lock. */
export function readGemLockfile(text: string, path: string): GemLockfile {
  const state: ReaderState = {
    path,
    lock: { specs: [], declarations: [], checksums: new Map(), warnings: [] },
    section: undefined,
    source: undefined,
    spec: undefined,
  };
  let sawSection = false;
  text.split('\n').forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('<<<<<<<') || line.startsWith('>>>>>>>')) {
      throw new LockfileError(
        path,
        `unresolved merge conflict at line ${index + 1}; resolve it and run "bundle lock"`,
      );
    }
    if (line.trim() === '') return;
    if (indentOf(line) === 0) {
      state.section = line.trim();
      sawSection ||= KNOWN_SECTIONS.has(state.section);
      state.source = SOURCE_SECTIONS.has(state.section)
        ? { type: state.section as GemSource['type'], options: new Map() }
        : undefined;
      state.spec = undefined;
      return;
    }
    readSectionLine(state, line, index + 1);
  });
  if (!sawSection)
    throw new LockfileError(
      path,
      'not a Gemfile.lock: no GEM, GIT, PATH or DEPENDENCIES section found',
    );
  return state.lock;
}

function readSectionLine(state: ReaderState, line: string, lineNumber: number): void {
  const indent = indentOf(line);
  const content = line.trim();
  if (state.source !== undefined) {
    if (indent === 2) readSourceOption(state.source, content);
    else if (indent === 4) readSpec(state, content, lineNumber);
    else if (indent === 6 && state.spec !== undefined)
      readSpecDependency(state, state.spec, content, lineNumber);
    else warnLine(state, lineNumber, content);
  } else if (state.section === 'DEPENDENCIES' && indent === 2) {
    const parsed = splitNameAndParens(content);
    if (parsed === undefined) warnLine(state, lineNumber, content);
    else state.lock.declarations.push({ name: parsed.name.replace(/!$/, ''), line: lineNumber });
  } else if (state.section === 'CHECKSUMS' && indent === 2) {
    readChecksum(state, content, lineNumber);
  }
}

function readSourceOption(source: GemSource, content: string): void {
  const colon = content.indexOf(':');
  if (colon > 0) source.options.set(content.slice(0, colon), content.slice(colon + 1).trim());
}

function readSpec(state: ReaderState, content: string, lineNumber: number): void {
  const parsed = splitNameAndParens(content);
  if (parsed?.inner === undefined || parsed.inner === '' || state.source === undefined) {
    state.spec = undefined;
    warnLine(state, lineNumber, content);
    return;
  }
  const { version, platform } = splitPlatform(parsed.inner);
  const spec: GemSpec = {
    name: parsed.name,
    version,
    line: lineNumber,
    dependencies: [],
    source: state.source,
  };
  if (platform !== undefined) spec.platform = platform;
  state.lock.specs.push(spec);
  state.spec = spec;
}

function readSpecDependency(
  state: ReaderState,
  spec: GemSpec,
  content: string,
  lineNumber: number,
): void {
  const parsed = splitNameAndParens(content);
  if (parsed === undefined) warnLine(state, lineNumber, content);
  else spec.dependencies.push(parsed.name);
}

/** Reads `name (version[-platform]) sha256=hex[,algo=hex]`; entries without a checksum are allowed. */
function readChecksum(state: ReaderState, content: string, lineNumber: number): void {
  const parsed = splitNameAndParens(content);
  if (parsed?.inner === undefined) {
    warnLine(state, lineNumber, content);
    return;
  }
  const key = `${parsed.name}@${splitPlatform(parsed.inner).version}`;
  for (const item of parsed.rest.split(',')) {
    const [algorithm, hex] = item.trim().split('=');
    if (algorithm !== 'sha256' || hex === undefined || !/^[0-9a-fA-F]{64}$/.test(hex)) continue;
    const hashes = state.lock.checksums.get(key) ?? [];
    if (!hashes.some((hash) => hash.value === hex.toLowerCase()))
      hashes.push({ algorithm: 'SHA-256', value: hex.toLowerCase() });
    state.lock.checksums.set(key, hashes);
  }
}

function warnLine(state: ReaderState, lineNumber: number, content: string): void {
  const shown = content.length > 80 ? `${content.slice(0, 80)}...` : content;
  state.lock.warnings.push(
    `${state.path}:${lineNumber}: unexpected line "${shown}" in ${state.section ?? 'the preamble'}; ignored`,
  );
}
