/**
 * Applying suppressions to findings: inline directives (parsed by
 * directive-parser.ts) and the `suppressions` entries of rampart.yaml.
 * Suppressed findings stay in the list with `suppressed` set, and every
 * wrong or unused suppression becomes a SuppressionProblem.
 */
import ignore, { type Ignore } from 'ignore';
import { matchesRulePattern, type LocatedSuppression } from './config.js';
import type { ConfigSuppression, RampartConfig } from './config-types.js';
import { directiveName, parseDirectives, type Directive } from './directive-parser.js';
import { ruleIdsOf, type Finding, type Suppression } from './finding.js';
import type { SuppressionProblem } from './report-types.js';
import { realLine, type SourceText } from './source.js';

export { hasDirectiveMarker, parseDirectives, type Directive } from './directive-parser.js';

/**
 * Returns the key under which applySuppressions looks up the directives for
 * a finding: the path, prefixed by the commit for history findings. Callers
 * build the map passed to applySuppressions with the same function, so a
 * directive only applies to findings from the text it was parsed from.
 */
export function directiveKey(path: string, commitSha?: string): string {
  return commitSha === undefined ? path : `${commitSha}:${path}`;
}

/**
 * Parses the directives of a source text. For partial texts (the added lines
 * of a commit or of the index), directive lines are mapped to lines of the
 * real file, like the lines of findings.
 */
export function parseSourceDirectives(source: SourceText): Directive[] {
  const directives = parseDirectives(source.path, source.text);
  if (!source.lineMap) return directives;
  return directives.map((directive) => ({ ...directive, line: realLine(source, directive.line) }));
}

/** Whether a directive's rule id names the finding's rule. */
function ruleMatches(id: string, finding: Finding): boolean {
  if (id.includes('/')) return ruleIdsOf(finding).some((ruleId) => matchesRulePattern(id, ruleId));

  const shortId = finding.ruleId.slice(finding.ruleId.indexOf('/') + 1);
  if (id === shortId) return true;
  return finding.tags?.includes(`alias:${id}`) ?? false;
}

/**
 * Whether a directive's position puts the finding in its reach. Besides
 * its own line (and the next, for a comment on a line of its own), a
 * directive reaches the whole declaration that holds the finding
 * (`location.context`, such as a Terraform resource) when it is written as
 * the tools that own it expect: `checkov:skip` anywhere inside it, any
 * other directive on the line just above it or on its first line, and
 * `kics-scan ignore-block` just above it.
 */
function directiveReaches(directive: Directive, finding: Finding): boolean {
  const { startLine, endLine, context } = finding.location;
  if (directive.scope === 'file') return true;
  if (directive.scope === 'block') {
    return directive.line + 1 === startLine || context?.startLine === directive.line + 1;
  }
  const onLine = directive.line >= startLine && directive.line <= Math.max(startLine, endLine);
  const above = directive.scope === 'same-or-next-line' && directive.line === startLine - 1;
  if (onLine || above || context === undefined) return onLine || above;
  if (markerOf(directive) === 'checkov:skip') {
    return directive.line >= context.startLine && directive.line <= context.endLine;
  }
  if (directive.line === context.startLine) return true;
  return directive.scope === 'same-or-next-line' && directive.line === context.startLine - 1;
}

function directiveCovers(directive: Directive, finding: Finding): boolean {
  if (!directiveReaches(directive, finding)) return false;
  if (directive.rules === '*') return true;
  return directive.rules.some((id) => ruleMatches(id, finding));
}

function markerOf(directive: Directive): string {
  return directiveName(directive.directive);
}

function isExpired(until: string | undefined, today: string): boolean {
  return until !== undefined && until < today;
}

/** Whether a directive suppresses what it covers: valid, with a reason, not expired. */
function isEffective(directive: Directive, today: string): boolean {
  if (directive.problem === 'invalid') return false;
  if (directive.reason === undefined) return false;
  return !isExpired(directive.until, today);
}

/**
 * Finds the inline suppression of `finding`, marking every covering
 * directive as used. Directives with a written reason win over aliases
 * without one.
 */
function inlineSuppression(
  finding: Finding,
  directives: Directive[],
  used: Set<Directive>,
  today: string,
): Suppression | undefined {
  let chosen: Directive | undefined;
  for (const directive of directives) {
    if (!directiveCovers(directive, finding)) continue;
    used.add(directive);
    if (!isEffective(directive, today)) continue;
    if (chosen === undefined || (chosen.problem === 'missing-reason' && !directive.problem)) {
      chosen = directive;
    }
  }
  if (chosen === undefined) return undefined;

  const suppression: Suppression = {
    kind: 'inline',
    reason: chosen.reason as string,
    directive: markerOf(chosen),
  };
  if (chosen.until !== undefined) suppression.until = chosen.until;
  return suppression;
}

interface ConfigEntry {
  entry: ConfigSuppression & Partial<LocatedSuppression>;
  index: number;
  matcher: Ignore | undefined;
  used: boolean;
}

function configEntries(config: RampartConfig): ConfigEntry[] {
  return config.suppressions.map((entry, index) => ({
    entry,
    index,
    matcher: entry.paths.length > 0 ? ignore().add(entry.paths) : undefined,
    used: false,
  }));
}

function pathMatches(matcher: Ignore | undefined, path: string): boolean {
  if (matcher === undefined) return true;
  try {
    return matcher.ignores(path);
  } catch {
    // ignore() rejects absolute and `./` paths; findings never carry those.
    return false;
  }
}

function configSuppression(
  finding: Finding,
  entries: ConfigEntry[],
  today: string,
): Suppression | undefined {
  let suppression: Suppression | undefined;
  for (const item of entries) {
    const { entry } = item;
    if (!ruleIdsOf(finding).some((ruleId) => matchesRulePattern(entry.rule, ruleId))) continue;
    if (!pathMatches(item.matcher, finding.location.path)) continue;
    item.used = true;
    if (suppression !== undefined || isExpired(entry.until, today)) continue;

    const file = entry.file ?? 'rampart.yaml';
    suppression = {
      kind: 'config',
      reason: entry.reason,
      directive: `${file} suppressions[${item.index}]`,
    };
    if (entry.until !== undefined) suppression.until = entry.until;
  }
  return suppression;
}

function directiveProblem(
  directive: Directive,
  used: boolean,
  today: string,
): SuppressionProblem | undefined {
  const base = { path: directive.path, line: directive.line, directive: directive.directive };
  if (directive.problem === 'invalid') {
    return { ...base, problem: 'invalid', message: directive.message ?? 'invalid directive' };
  }
  if (!used) {
    const where =
      directive.scope === 'same-line'
        ? 'on its line'
        : directive.scope === 'file'
          ? 'in its file'
          : directive.scope === 'block'
            ? 'in the block that follows it'
            : 'on its line or the next';
    return {
      ...base,
      problem: 'unused',
      message: `${markerOf(directive)} matches no finding ${where}; remove it`,
    };
  }
  if (isExpired(directive.until, today)) {
    const message =
      `${markerOf(directive)} expired on ${directive.until}, so the finding is reported ` +
      'again; fix it or extend until=';
    return { ...base, problem: 'expired', message };
  }
  if (directive.problem === 'missing-reason') {
    return { ...base, problem: 'missing-reason', message: directive.message ?? 'no reason given' };
  }
  return undefined;
}

function configProblem(item: ConfigEntry, today: string): SuppressionProblem | undefined {
  const { entry } = item;
  const base = {
    path: entry.file ?? 'rampart.yaml',
    line: entry.line ?? 0,
    directive: `suppressions[${item.index}]: rule ${entry.rule}`,
  };
  if (!item.used) {
    return {
      ...base,
      problem: 'unused',
      message: `suppression for ${entry.rule} matches no finding; remove it`,
    };
  }
  if (isExpired(entry.until, today)) {
    const message =
      `suppression for ${entry.rule} expired on ${entry.until}, ` +
      'so its findings are reported again';
    return { ...base, problem: 'expired', message };
  }
  return undefined;
}

/**
 * Marks the findings that an inline directive or a config entry suppresses
 * and lists the suppressions that are invalid, unused, expired or lack a
 * reason. `directivesByPath` is keyed with directiveKey; `today` is the
 * current date as YYYY-MM-DD, and an `until` date is the last day a
 * suppression applies. Inline directives take precedence over config.
 */
export function applySuppressions(
  findings: Finding[],
  directivesByPath: Map<string, Directive[]>,
  config: RampartConfig,
  today: string,
): { findings: Finding[]; problems: SuppressionProblem[] } {
  const used = new Set<Directive>();
  const entries = configEntries(config);

  const result = findings.map((finding) => {
    const key = directiveKey(finding.location.path, finding.commit?.sha);
    const directives = directivesByPath.get(key) ?? [];
    const inline = inlineSuppression(finding, directives, used, today);
    const fromConfig = configSuppression(finding, entries, today);
    const suppressed = inline ?? fromConfig;
    return suppressed === undefined ? finding : { ...finding, suppressed };
  });

  const problems: SuppressionProblem[] = [];
  for (const directives of directivesByPath.values()) {
    for (const directive of directives) {
      const problem = directiveProblem(directive, used.has(directive), today);
      if (problem) problems.push(problem);
    }
  }
  for (const item of entries) {
    const problem = configProblem(item, today);
    if (problem) problems.push(problem);
  }
  problems.sort((a, b) => a.path.localeCompare(b.path, 'en') || a.line - b.line);
  return { findings: result, problems };
}
