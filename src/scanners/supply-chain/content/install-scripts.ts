/**
 * npm lifecycle scripts that run when a package is installed: the hooks
 * themselves and what their commands do, judged from the command text
 * alone, so it works on registry metadata before anything is downloaded.
 */
import type { ContentIssue, ContentReport, InstallHook } from '../types.js';
import { filesRunBy, runScriptTarget, splitCommands } from './command-parse.js';
import { shorten } from './excerpt.js';
import { scanIndicators } from './indicator-scan.js';
import { applyReplacements, matchRules, ruleIssue, type HitMap } from './rule-match.js';
import { ruleById } from './rules.js';

/** Scripts npm runs on `npm install` of a registry package; `prepare` runs only for git and local installs. */
export const INSTALL_HOOK_NAMES = ['preinstall', 'install', 'postinstall'] as const;

/** `npm run` indirections followed from a hook, such as `postinstall: npm run setup`. */
const MAX_SCRIPT_DEPTH = 3;

/** Append to `command` the scripts it runs through `npm run`, joined by ` && `. */
function expandCommand(scripts: Record<string, string>, command: string, depth = 0): string {
  if (depth >= MAX_SCRIPT_DEPTH) return command;
  const parts = [command];
  for (const words of splitCommands(command)) {
    const target = runScriptTarget(words);
    const script = target === undefined ? undefined : scripts[target];
    if (typeof script === 'string') parts.push(expandCommand(scripts, script, depth + 1));
  }
  return parts.join(' && ');
}

/** Scan a command with every language's indicators, since `node -e` and `python -c` embed code. */
function commandHits(command: string): HitMap {
  const hits: HitMap = new Map();
  for (const language of ['shell', 'javascript', 'python'] as const) {
    for (const [id, list] of scanIndicators(command, language)) hits.set(id, [...(hits.get(id) ?? []), ...list]);
  }
  for (const list of hits.values()) list.sort((a, b) => a.start - b.start);
  return hits;
}

export interface ScriptAnalysis extends ContentReport {
  /** Package files run by each hook, relative to the package root. */
  runs: { hook: string; file: string }[];
}

/**
 * Analyse the install scripts in `scripts`, reporting against `source`
 * (such as `package/package.json`). `lineOf` returns the line of a script
 * name in that file, when it is known.
 */
export function analyseScripts(scripts: Record<string, string>, source: string, lineOf: (name: string) => number | undefined = () => undefined): ScriptAnalysis {
  const hooks: InstallHook[] = [];
  const issues: ContentIssue[] = [];
  const runs: { hook: string; file: string }[] = [];
  for (const name of INSTALL_HOOK_NAMES) {
    const command = scripts[name];
    if (typeof command !== 'string' || command.trim() === '') continue;
    const line = lineOf(name);
    const hook: InstallHook = { name, command: shorten(command), file: source };
    if (line !== undefined) hook.line = line;
    hooks.push(hook);

    const expanded = expandCommand(scripts, command);
    const found = matchRules(expanded, expanded, 'command', 'install', source, commandHits(expanded));
    for (const file of filesRunBy(expanded)) {
      runs.push({ hook: name, file });
      const issue = ruleIssue(ruleById('install-runs-file'), 'install', source, line, shorten(command), `${name} runs ${file}`);
      if (issue) found.push(issue);
    }
    for (const issue of applyReplacements(found)) {
      if (line !== undefined) issue.line = line;
      else delete issue.line;
      issue.message = `${name}: ${issue.message}`;
      issues.push(issue);
    }
  }
  return { hooks, issues, warnings: [], runs };
}

/**
 * Analyse npm lifecycle scripts known from registry metadata. The report has
 * a hook for each of preinstall, install and postinstall, and issues for
 * commands that download, pipe into a shell, decode data or run a package
 * file. Issues name `source` as their file.
 */
export function analyseInstallScripts(scripts: Record<string, string>, source: string): ContentReport {
  const { hooks, issues, warnings } = analyseScripts(scripts, source);
  return { hooks, issues, warnings };
}
