/**
 * The `iac` scanner: insecure cloud and container configuration in
 * Terraform (source, plans and state), CloudFormation, ARM, Kubernetes,
 * Compose and Dockerfiles, judged by the rules of rules/iac and the
 * user's custom rule files.
 */
import type { RampartConfig } from '../../core/config-types.js';
import type { ProjectContext, ProjectScanResult, Scanner } from '../../core/scanner.js';
import { collectIacResources, isIacCandidate } from './collect.js';
import { findingsOf, runIacRules } from './run-rules.js';
import { loadIacRules } from './rules/load.js';
import type { IacRule } from './rules/types.js';

export function createIacScanner(config: RampartConfig): Scanner {
  let rules: IacRule[] | undefined;
  const allRules = (): IacRule[] => (rules ??= loadIacRules(config.iac.customRules, config.source === undefined ? undefined : dirnameOf(config.source)));
  return {
    id: 'iac',
    claims: isIacCandidate,
    ruleIds: () => allRules().map((rule) => rule.fullId),
    async scanProject(context: ProjectContext): Promise<ProjectScanResult> {
      const active = allRules();
      const collection = await collectIacResources({ files: context.files, readText: (path) => context.readText(path) });
      let results = runIacRules(collection.resources, active);
      if (config.iac.unknown === 'ignore') results = results.filter((result) => result.outcome.result !== 'unknown');
      return {
        findings: findingsOf(results, collection.texts),
        errors: collection.errors,
        warnings: collection.warnings,
      };
    },
  };
}

function dirnameOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}
