/**
 * Checks that rule ids named in the configuration exist. A misspelt id in
 * `rules.disable` would otherwise silently disable nothing.
 */
import type { RampartConfig } from './config-types.js';
import { closestMatch } from './did-you-mean.js';
import { UsageError } from './errors.js';
import type { Scanner } from './scanner.js';

/**
 * Throws a UsageError listing every exact rule id in the config that names
 * a rule of a scanner in `scanners` but matches none of its rules. Patterns
 * with `*` and ids of scanners not in the list are left alone.
 */
export function checkRuleReferences(config: RampartConfig, scanners: readonly Scanner[]): void {
  const known = new Map<string, string[]>();
  for (const scanner of scanners) {
    if (scanner.ruleIds) known.set(scanner.id, scanner.ruleIds());
  }

  const referenced = [
    ...config.disabledRules.map((id) => ['rules.disable', id]),
    ...Object.keys(config.severityOverrides).map((id) => ['rules.severity', id]),
    ...config.suppressions.map((entry) => ['suppressions', entry.rule]),
  ];
  const problems: string[] = [];
  for (const [key, id] of referenced as [string, string][]) {
    if (id.includes('*')) continue;
    const ids = known.get(id.slice(0, id.indexOf('/')));
    if (!ids || ids.includes(id)) continue;
    const suggestion = closestMatch(id, ids);
    problems.push(`${key}: unknown rule "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`);
  }
  if (problems.length === 0) return;

  const file = config.source ?? 'configuration';
  throw new UsageError(`invalid configuration in ${file}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}
