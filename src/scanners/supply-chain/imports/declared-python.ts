/**
 * Names of the PyPI packages that Python manifests declare: requirements
 * and constraints files, pyproject.toml, setup.cfg, Pipfile and the literal
 * lists of setup.py. Only names are read; versions, markers and URLs are
 * ignored. Readers throw a one-line error for a manifest they cannot parse.
 */
import { parseRequirement } from '../../deps/parsers/python-pep508.js';
import { classifyLine, readLogicalLines } from '../../deps/parsers/python-requirement-lines.js';
import { parseTomlDocument } from '../../deps/parsers/python-toml.js';
import { PY_NAME, PY_OPERATOR, PY_STRING, tokenizePython, type PythonToken } from './python-lexer.js';

/** Adds the name of a PEP 508 requirement string; strings that are not one are ignored. */
function addRequirement(names: string[], text: string): void {
  const parsed = parseRequirement(text);
  if (typeof parsed !== 'string') names.push(parsed.name);
}

/** Returns the `#egg=name` of a VCS or archive URL, as pip reads it. */
function eggName(url: string): string | undefined {
  const at = url.indexOf('#egg=');
  if (at < 0) return undefined;
  const name = url.slice(at + '#egg='.length).split('&')[0] ?? '';
  return name === '' ? undefined : name;
}

/** Reads requirements or constraints text: requirement lines, and `#egg=` names of URLs and editable installs. */
export function requirementsNames(text: string): string[] {
  const names: string[] = [];
  for (const line of readLogicalLines(text)) {
    const classified = classifyLine(line.text);
    if (classified.kind === 'editable') {
      const egg = eggName(classified.target);
      if (egg !== undefined) addRequirement(names, egg);
    } else if (classified.kind === 'requirement') {
      const egg = eggName(classified.spec);
      if (egg !== undefined) addRequirement(names, egg);
      else addRequirement(names, classified.spec);
    }
  }
  return names;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function addRequirementList(names: string[], list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const item of list) if (typeof item === 'string') addRequirement(names, item);
}

function addTableKeys(names: string[], table: unknown): void {
  if (!isRecord(table)) return;
  for (const name of Object.keys(table)) if (name.toLowerCase() !== 'python') names.push(name);
}

function addListsOfTable(names: string[], table: unknown): void {
  if (!isRecord(table)) return;
  for (const list of Object.values(table)) addRequirementList(names, list);
}

function table(parent: unknown, key: string): unknown {
  return isRecord(parent) ? parent[key] : undefined;
}

/**
 * Reads pyproject.toml: PEP 621 `[project]` dependencies and extras, PEP 735
 * `[dependency-groups]`, `[build-system] requires`, Poetry's dependency
 * tables and groups, and the development lists of PDM and uv.
 */
export function pyprojectNames(text: string, path: string): string[] {
  const document = parseTomlDocument(text, path);
  const names: string[] = [];
  const project = document['project'];
  addRequirementList(names, table(project, 'dependencies'));
  addListsOfTable(names, table(project, 'optional-dependencies'));
  addListsOfTable(names, document['dependency-groups']);
  addRequirementList(names, table(document['build-system'], 'requires'));
  const tool = document['tool'];
  const poetry = table(tool, 'poetry');
  addTableKeys(names, table(poetry, 'dependencies'));
  addTableKeys(names, table(poetry, 'dev-dependencies'));
  const groups = table(poetry, 'group');
  if (isRecord(groups)) {
    for (const group of Object.values(groups)) addTableKeys(names, table(group, 'dependencies'));
  }
  addListsOfTable(names, table(table(tool, 'pdm'), 'dev-dependencies'));
  addRequirementList(names, table(table(tool, 'uv'), 'dev-dependencies'));
  return names;
}

/** Pipfile tables that are settings rather than package categories. */
const PIPFILE_SETTINGS = new Set(['source', 'requires', 'scripts', 'pipenv']);

/** Reads a Pipfile: the keys of `[packages]`, `[dev-packages]` and custom categories. */
export function pipfileNames(text: string, path: string): string[] {
  const document = parseTomlDocument(text, path);
  const names: string[] = [];
  for (const [name, value] of Object.entries(document)) {
    if (!PIPFILE_SETTINGS.has(name)) addTableKeys(names, value);
  }
  return names;
}

/** One `key = value` of an INI file, with the indented continuation lines joined by `\n`. */
interface IniEntry {
  section: string;
  key: string;
  value: string;
}

/** Splits INI text as configparser does for setup.cfg: `[section]`, `key = value` or `key: value`, indented continuations, `#` and `;` comment lines. */
export function iniEntries(text: string): IniEntry[] {
  const entries: IniEntry[] = [];
  let section = '';
  let current: IniEntry | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    if (/^\s/.test(line) && current !== undefined) {
      current.value += `\n${trimmed}`;
    } else if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
      section = trimmed.slice(1, -1).trim().toLowerCase();
      current = undefined;
    } else {
      const separator = [trimmed.indexOf('='), trimmed.indexOf(':')].filter((at) => at > 0).sort((a, b) => a - b)[0];
      if (separator === undefined) throw new Error(`line "${trimmed.slice(0, 60)}" is neither a [section] nor a key = value`);
      current = { section, key: trimmed.slice(0, separator).trim().toLowerCase(), value: trimmed.slice(separator + 1).trim() };
      entries.push(current);
    }
  }
  return entries;
}

const SETUP_CFG_KEYS = new Set(['install_requires', 'setup_requires', 'tests_require']);

/**
 * Reads setup.cfg: `[options] install_requires`, `setup_requires`,
 * `tests_require` and every list of `[options.extras_require]`. A one-line
 * value is a `;`-separated list, as setuptools reads it. `file:` values are
 * skipped, because the requirements file they name is read on its own.
 */
export function setupCfgNames(text: string): string[] {
  const names: string[] = [];
  for (const entry of iniEntries(text)) {
    const isRequirementList =
      (entry.section === 'options' && SETUP_CFG_KEYS.has(entry.key)) || entry.section === 'options.extras_require';
    if (!isRequirementList || entry.value.startsWith('file:')) continue;
    const items = entry.value.includes('\n') ? entry.value.split('\n') : entry.value.split(';');
    for (const item of items) if (item.trim() !== '') addRequirement(names, item);
  }
  return names;
}

const SETUP_PY_KEYWORDS = new Set(['install_requires', 'setup_requires', 'tests_require', 'extras_require']);
/** setup.py files larger than this are not read: real ones are a few kilobytes. */
export const MAX_SETUP_PY_LENGTH = 1_000_000;

/**
 * Reads the string literals of `install_requires=[…]` and its siblings in
 * setup.py without running it. A keyword bound to a name
 * (`install_requires=REQUIRES`) is followed to a `REQUIRES = [...]`
 * assignment in the same file. Dictionary keys of `extras_require` (the
 * extra names) are left out.
 */
export function setupPyNames(text: string): string[] {
  if (text.length > MAX_SETUP_PY_LENGTH) throw new Error(`larger than ${MAX_SETUP_PY_LENGTH} characters, the limit for reading setup.py`);
  const tokens: PythonToken[] = [];
  tokenizePython(text, (token) => tokens.push(token));
  const names: string[] = [];
  tokens.forEach((token, index) => {
    if (token.kind !== PY_NAME || !SETUP_PY_KEYWORDS.has(token.text) || tokens[index + 1]?.text !== '=') return;
    const value = tokens[index + 2];
    if (value?.kind === PY_NAME) {
      const assigned = assignmentOf(tokens, value.text);
      if (assigned !== undefined) collectStrings(text, tokens, assigned, names);
    } else {
      collectStrings(text, tokens, index + 2, names);
    }
  });
  return names;
}

/** Index of the value token in the first top-level `name = …` assignment. */
function assignmentOf(tokens: PythonToken[], name: string): number | undefined {
  const at = tokens.findIndex(
    (token, index) => token.kind === PY_NAME && token.text === name && token.depth === 0 && tokens[index + 1]?.text === '=',
  );
  return at < 0 ? undefined : at + 2;
}

/** Adds the requirement strings inside the bracketed value that starts at `tokens[start]`. */
function collectStrings(text: string, tokens: PythonToken[], start: number, names: string[]): void {
  const open = tokens[start];
  if (open?.kind !== PY_OPERATOR || !'([{'.includes(open.text)) return;
  for (let index = start + 1; index < tokens.length; index += 1) {
    const token = tokens[index] as PythonToken;
    if (token.depth <= open.depth && token.kind === PY_OPERATOR) return;
    if (token.kind !== PY_STRING || /[bft]/.test(token.prefix) || tokens[index + 1]?.text === ':') continue;
    const body = text.slice(token.start + token.prefix.length + token.quoteLength, token.end - token.quoteLength);
    for (const line of body.split('\n')) if (line.trim() !== '') addRequirement(names, line);
  }
}
