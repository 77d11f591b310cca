/**
 * The `iac` scanner: insecure cloud and container configuration in
 * Terraform (source, plans and state), CloudFormation, ARM, Kubernetes,
 * Compose and Dockerfiles, judged by the rules of rules/iac and the
 * user's custom rule files.
 */
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RampartConfig } from '../../core/config-types.js';
import type { ProjectContext, ProjectScanResult, Scanner } from '../../core/scanner.js';
import { collectIacResources, isIacCandidate } from './collect.js';
import { findingsOf, runIacRules } from './run-rules.js';
import { loadIacRules } from './rules/load.js';
import type { IacRule } from './rules/types.js';

export function createIacScanner(config: RampartConfig): Scanner {
  let rules: IacRule[] | undefined;
  const allRules = (): IacRule[] => (rules ??= loadIacRules(config.iac.customRules, config.source === undefined ? undefined : dirname(config.source)));
  return {
    id: 'iac',
    claims: isIacCandidate,
    ruleIds: () => allRules().map((rule) => rule.fullId),
    async scanProject(context: ProjectContext): Promise<ProjectScanResult> {
      const active = allRules();
      const { files, skipped } = withinSizeLimit(context.files, context.root, config.maxFileSize);
      const collection = await collectIacResources({ files, readText: (path) => context.readText(path) });
      if (skipped > 0) {
        collection.warnings.push(`${skipped} infrastructure file${skipped === 1 ? ' is' : 's are'} over max-file-size (${config.maxFileSize} bytes) and not scanned`);
      }
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

/** The files no larger than `limit` bytes; files that cannot be read stay, so that reading them reports the error. */
function withinSizeLimit(files: readonly string[], root: string, limit: number): { files: string[]; skipped: number } {
  const kept: string[] = [];
  let skipped = 0;
  for (const path of files) {
    let size: number | undefined;
    try {
      size = statSync(join(root, path)).size;
    } catch {
      size = undefined;
    }
    if (size !== undefined && size > limit) skipped++;
    else kept.push(path);
  }
  return { files: kept, skipped };
}
