/**
 * A reader for PEP 508 dependency specifiers (`name[extra]>=1,<2; marker`
 * or `name @ url`), written with string scans rather than one large regex
 * so that hostile lines cannot make it backtrack.
 */

export interface Requirement {
  /** The name as written (not normalised). */
  name: string;
  extras: string[];
  /** Version clauses without spaces or parentheses, such as `>=1.0,<2`; empty when none. */
  specifier: string;
  /** Environment marker after `;`, kept as text because the scanner does not evaluate it. */
  marker?: string;
  /** Direct reference after `@`. */
  url?: string;
}

const OPERATORS = ['===', '==', '!=', '<=', '>=', '~=', '<', '>'];

function isNameChar(char: string): boolean {
  return /^[A-Za-z0-9._-]$/.test(char);
}

function isAlphanumeric(char: string | undefined): boolean {
  return char !== undefined && /^[A-Za-z0-9]$/.test(char);
}

/** Parses one specifier; returns an error message instead when it is not valid PEP 508. */
export function parseRequirement(text: string): Requirement | string {
  const input = text.trim();
  let index = 0;
  while (index < input.length && isNameChar(input.charAt(index))) index += 1;
  const name = input.slice(0, index);
  if (name === '' || !isAlphanumeric(name[0]) || !isAlphanumeric(name[name.length - 1])) {
    return 'not a valid package name';
  }
  let rest = input.slice(index).trimStart();
  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return 'unclosed "[" in extras';
    extras = rest
      .slice(1, close)
      .split(',')
      .map((extra) => extra.trim())
      .filter((extra) => extra !== '');
    rest = rest.slice(close + 1).trimStart();
  }
  if (rest.startsWith('@')) return parseUrlRequirement(name, extras, rest.slice(1));
  const semicolon = rest.indexOf(';');
  const versionPart = semicolon < 0 ? rest : rest.slice(0, semicolon);
  const specifier = compactSpecifier(versionPart);
  const problem = checkSpecifier(specifier);
  if (problem !== undefined) return problem;
  const requirement: Requirement = { name, extras, specifier };
  if (semicolon >= 0) requirement.marker = rest.slice(semicolon + 1).trim();
  return requirement;
}

function parseUrlRequirement(name: string, extras: string[], rest: string): Requirement | string {
  // A marker after a URL must follow whitespace, because `;` may occur in URLs.
  const markerAt = rest.search(/\s;/);
  const url = (markerAt < 0 ? rest : rest.slice(0, markerAt)).trim();
  if (url === '') return 'missing URL after "@"';
  const requirement: Requirement = { name, extras, specifier: '', url };
  if (markerAt >= 0) requirement.marker = rest.slice(markerAt + 2).trim();
  return requirement;
}

/** Drops whitespace and the optional parentheses around the clauses (`(>=1.0, <2)`). */
function compactSpecifier(text: string): string {
  let compact = text.replace(/\s/g, '');
  if (compact.startsWith('(') && compact.endsWith(')')) compact = compact.slice(1, -1);
  return compact;
}

function checkSpecifier(specifier: string): string | undefined {
  if (specifier === '') return undefined;
  for (const clause of specifier.split(',')) {
    const operator = OPERATORS.find((candidate) => clause.startsWith(candidate));
    if (operator === undefined) return `invalid version clause "${clause.slice(0, 40)}"`;
    const version = clause.slice(operator.length);
    if (version === '' || !/^[A-Za-z0-9.*+!_-]+$/.test(version)) {
      return `invalid version in "${clause.slice(0, 40)}"`;
    }
  }
  return undefined;
}

/**
 * Returns the one version that `specifier` allows (`==1.2.3` or `===1.2.3`),
 * or undefined for ranges, wildcards (`==1.2.*`) and clauses that disagree.
 */
export function exactVersion(specifier: string): string | undefined {
  let pinned: string | undefined;
  for (const clause of specifier.split(',')) {
    let version: string | undefined;
    if (clause.startsWith('===')) version = clause.slice(3);
    else if (clause.startsWith('==') && !clause.includes('*')) version = clause.slice(2);
    if (version === undefined) continue;
    if (pinned !== undefined && pinned !== version) return undefined;
    pinned = version;
  }
  return pinned;
}
