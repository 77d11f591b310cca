/**
 * Walks a pip requirements file and the files it names with `-r` and `-c`,
 * collecting requirements, constraint pins and warnings. Nothing is
 * installed or fetched: URL includes and editable requirements are skipped
 * with a warning.
 */
import type { ParseContext } from '../types.js';
import { normalizePythonName } from './python-common.js';
import { exactVersion, parseRequirement } from './python-pep508.js';
import { classifyLine, readLogicalLines } from './python-requirement-lines.js';

/** Include chains deeper than this are cut off with a warning (projects typically use two or three). */
const MAX_INCLUDE_DEPTH = 16;
/** Files read per parse, bounding the work a fan-out of includes can cause. */
const MAX_FILES = 200;

export interface DeclaredRequirement {
  /** PEP 503 normalised name. */
  name: string;
  /** The requirement as written, for messages. */
  spec: string;
  /** Exact version from `==` or `===`, when the line pins one. */
  version?: string;
  file: string;
  line: number;
  hashes: string[];
  /** Position among requirements and warnings in reading order, to keep messages in file order. */
  sequence: number;
}

/** A problem found while reading, with its position in reading order. */
export interface ReaderWarning {
  sequence: number;
  text: string;
}

export interface ConstraintPin {
  version: string;
  hashes: string[];
}

export interface RequirementsTree {
  requirements: DeclaredRequirement[];
  /** Exact pins from constraint files, by normalised name. */
  constraints: Map<string, ConstraintPin>;
  warnings: ReaderWarning[];
}

interface WalkState {
  context: ParseContext;
  tree: RequirementsTree;
  /** Files on the current include chain, to tell a cycle from a file included twice. */
  chain: Set<string>;
  seen: Set<string>;
  sequence: number;
}

function warn(state: WalkState, text: string): void {
  state.sequence += 1;
  state.tree.warnings.push({ sequence: state.sequence, text });
}

/** Reads the requirements file at `context.path` (text `text`) and everything it includes. */
export function readRequirementsTree(text: string, context: ParseContext): RequirementsTree {
  const tree: RequirementsTree = { requirements: [], constraints: new Map(), warnings: [] };
  const state: WalkState = { context, tree, chain: new Set(), seen: new Set(), sequence: 0 };
  walkFile(state, context.path, text, false, 0);
  return tree;
}

function walkFile(
  state: WalkState,
  file: string,
  text: string,
  constraint: boolean,
  depth: number,
): void {
  state.seen.add(`${constraint}:${file}`);
  state.chain.add(file);
  for (const logical of readLogicalLines(text)) {
    const where = `${file}:${logical.line}`;
    const entry = classifyLine(logical.text);
    if (entry.kind === 'include' || entry.kind === 'constraint') {
      // A `-r` inside a constraints file names more constraints, as in pip.
      const nestedConstraint = entry.kind === 'constraint' || constraint;
      followInclude(state, file, where, entry.target, nestedConstraint, depth);
    } else if (entry.kind === 'editable') {
      warn(
        state,
        `${where}: editable requirement "-e ${entry.target}" skipped; it has no registry version`,
      );
    } else if (entry.kind === 'requirement') {
      addRequirement(state, file, logical.line, entry.spec, entry.hashes, constraint);
    }
  }
  state.chain.delete(file);
}

function followInclude(
  state: WalkState,
  from: string,
  where: string,
  target: string,
  constraint: boolean,
  depth: number,
): void {
  const label = constraint ? 'constraints file' : 'requirements file';
  const resolved = resolveIncludePath(from, target);
  if (resolved === undefined) {
    warn(state, `${where}: ${label} "${target}" is a URL or lies outside the project; not read`);
    return;
  }
  if (state.chain.has(resolved)) {
    warn(state, `${where}: ${label} "${target}" includes itself through a cycle; not read again`);
    return;
  }
  if (state.seen.has(`${constraint}:${resolved}`)) return;
  if (depth + 1 > MAX_INCLUDE_DEPTH || state.seen.size >= MAX_FILES) {
    warn(
      state,
      `${where}: ${label} "${target}" not read; includes nest deeper than ${MAX_INCLUDE_DEPTH} levels or exceed ${MAX_FILES} files`,
    );
    return;
  }
  const included = state.context.readFile(resolved);
  if (included === undefined) {
    warn(state, `${where}: ${label} "${resolved}" not found or outside the project; not read`);
    return;
  }
  walkFile(state, resolved, included, constraint, depth + 1);
}

/**
 * Resolves `target` against the folder of `from`, both relative to the scan
 * root. Returns undefined for URLs, absolute paths and paths that climb
 * above the root.
 */
export function resolveIncludePath(from: string, target: string): string | undefined {
  const cleaned = target.replace(/\\/g, '/');
  if (
    cleaned === '' ||
    cleaned.includes('://') ||
    cleaned.startsWith('/') ||
    /^[A-Za-z]:/.test(cleaned)
  ) {
    return undefined;
  }
  const segments = from.split('/').slice(0, -1);
  for (const segment of cleaned.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else {
      segments.push(segment);
    }
  }
  return segments.join('/');
}

/** Checks whether a requirement names a URL, archive or local path instead of a project on an index. */
function isUrlOrPath(spec: string): boolean {
  return (
    spec.includes('://') ||
    spec.startsWith('.') ||
    spec.includes('/') ||
    spec.includes('\\') ||
    spec.startsWith('file:')
  );
}

function addRequirement(
  state: WalkState,
  file: string,
  line: number,
  spec: string,
  hashes: string[],
  constraint: boolean,
): void {
  const where = `${file}:${line}`;
  const shown = spec.length > 120 ? `${spec.slice(0, 120)}...` : spec;
  const parsed = parseRequirement(spec);
  if (typeof parsed === 'string' || parsed.url !== undefined) {
    const reason =
      typeof parsed !== 'string' || isUrlOrPath(spec)
        ? 'URL or path requirement'
        : `invalid requirement (${parsed})`;
    warn(state, `${where}: ${reason} "${shown}" skipped`);
    return;
  }

  const name = normalizePythonName(parsed.name);
  const version = exactVersion(parsed.specifier);
  const tree = state.tree;
  if (constraint) {
    if (version !== undefined && !tree.constraints.has(name))
      tree.constraints.set(name, { version, hashes });
    return;
  }

  state.sequence += 1;
  const declared: DeclaredRequirement = {
    name,
    spec: shown,
    file,
    line,
    hashes,
    sequence: state.sequence,
  };
  if (version !== undefined) declared.version = version;
  tree.requirements.push(declared);
}
