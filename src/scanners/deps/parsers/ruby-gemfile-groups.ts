/**
 * Bundler groups from a Gemfile, read line by line without running Ruby.
 * It understands `group :development, :test do ... end` blocks and the
 * `group:` / `groups:` options of `gem` lines, which covers Gemfiles as
 * `bundle init` and `rails new` write them.
 */
import type { DependencyScope } from '../types.js';

/** Groups whose gems are installed in production. */
const PRODUCTION_GROUPS = new Set(['default', 'production']);
/** Open blocks tracked at most; deeper ones are only counted, which bounds the work per `gem` line. */
const MAX_BLOCK_DEPTH = 64;
/** Keywords that open a block closed by `end` when they start a line. */
const BLOCK_KEYWORDS = [
  'if ',
  'unless ',
  'case ',
  'begin',
  'while ',
  'until ',
  'for ',
  'def ',
  'class ',
  'module ',
];

/** Cuts a `#` comment that is outside quotes. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let index = 0; index < line.length; index += 1) {
    const char = line.charAt(index);
    if (quote !== undefined) {
      if (char === '\\') index += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '#') {
      return line.slice(0, index);
    }
  }
  return line;
}

/** Group names in `:test, "development"` or `[:development, :test]`, ignoring options such as `optional: true`. */
function groupNames(text: string): string[] {
  return text
    .replace(/[[\]]/g, '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => !item.includes(':', 1) && !item.includes('=>'))
    .map((item) => item.replace(/^:/, '').replace(/^["']|["']$/g, ''))
    .filter((item) => /^[A-Za-z0-9_]+$/.test(item));
}

/** Groups named by a `group: :test` or `groups: [...]` option on a `gem` line. */
function inlineGroups(line: string): string[] {
  const match = /(?:^|[\s,]):?groups?(?::|\s*=>)\s*/.exec(line);
  if (match === null) return [];
  const rest = line.slice(match.index + match[0].length);
  const value = rest.startsWith('[')
    ? rest.slice(0, rest.indexOf(']') + 1 || rest.length)
    : (rest.split(',')[0] ?? '');
  return groupNames(value);
}

/** Returns the gem name of a `gem "name", ...` line. */
function gemName(line: string): string | undefined {
  if (!/^gem[\s(]/.test(line)) return undefined;
  const quote = line.search(/["']/);
  if (quote < 0) return undefined;
  const end = line.indexOf(line.charAt(quote), quote + 1);
  return end < 0 ? undefined : line.slice(quote + 1, end);
}

/** `do` or `do |args|` at the end of a line. */
const BLOCK_OPENER = /\bdo(\s*\|[^|]*\|)?$/;

function opensBlock(line: string): boolean {
  return (
    BLOCK_OPENER.test(line) ||
    BLOCK_KEYWORDS.some((keyword) => line.startsWith(keyword) || line === keyword.trim())
  );
}

/** Groups a block or `gem` line adds: whether it names any, and whether one of them is a production group. */
interface GroupMembership {
  named: boolean;
  production: boolean;
}

function membership(groups: string[]): GroupMembership {
  return {
    named: groups.length > 0,
    production: groups.some((group) => PRODUCTION_GROUPS.has(group)),
  };
}

function scopeOf(memberships: GroupMembership[]): DependencyScope {
  const named = memberships.some((entry) => entry.named);
  const production = memberships.some((entry) => entry.production);
  return !named || production ? 'production' : 'development';
}

/**
 * Maps each gem the Gemfile names to its scope: production when it is in
 * no group or in `:default` or `:production`, else development. A gem named
 * more than once is production if any mention is.
 */
export function readGemfileScopes(text: string): Map<string, DependencyScope> {
  const scopes = new Map<string, DependencyScope>();
  // One entry per open block; blocks other than `group` name no groups.
  const blocks: GroupMembership[] = [];
  let untrackedDepth = 0;
  const open = (groups: string[]): void => {
    if (blocks.length < MAX_BLOCK_DEPTH) blocks.push(membership(groups));
    else untrackedDepth += 1;
  };

  for (const raw of text.split('\n')) {
    const line = stripComment(raw).trim();
    if (line === '') continue;
    if (line === 'end' || line.startsWith('end ') || line.startsWith('end.')) {
      if (untrackedDepth > 0) untrackedDepth -= 1;
      else blocks.pop();
      continue;
    }
    const name = gemName(line);
    if (name !== undefined) {
      const scope = scopeOf([...blocks, membership(inlineGroups(line))]);
      if (scopes.get(name) !== 'production') scopes.set(name, scope);
      if (opensBlock(line)) open([]);
    } else if (/^group[\s(]/.test(line) && opensBlock(line)) {
      const list = line.slice('group'.length).replace(BLOCK_OPENER, '').replace(/[()]/g, '');
      open(groupNames(list));
    } else if (opensBlock(line)) {
      open([]);
    }
  }
  return scopes;
}
