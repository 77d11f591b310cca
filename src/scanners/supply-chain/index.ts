/**
 * The supply-chain scanner: every npm and PyPI package of the lockfiles, and
 * every module that source code imports without a manifest declaring it,
 * checked for malware records, look-alike names, registry history and
 * install-time code. This module stays small; the work loads on use.
 */
import type { RampartConfig } from '../../core/config-types.js';
import type { ProjectContext, ProjectScanResult, Scanner } from '../../core/scanner.js';
import { isLockfilePath, isPackageManifest } from '../deps/lockfile-names.js';
import { CONTENT_RULE_IDS } from './content/rule-ids.js';
import { SIGNAL_RULES } from './rules.js';

const SOURCE_EXTENSIONS = /\.(?:[cm]?[jt]sx?|pyi?)$/i;
const MANIFESTS = /(?:^|\/)(?:requirements[^/]*\.(?:txt|in)|pyproject\.toml|setup\.cfg|setup\.py|Pipfile|[jt]sconfig(?:\.[^/]*)?\.json)$/;

/** Whether the supply-chain scanner reads the file: lockfiles, manifests and JavaScript, TypeScript or Python source. */
export function claimsSupplyChainFile(path: string): boolean {
  return isLockfilePath(path) || isPackageManifest(path) || MANIFESTS.test(path) || SOURCE_EXTENSIONS.test(path);
}

export function createSupplyChainScanner(_config: RampartConfig): Scanner {
  return {
    id: 'supply-chain',
    claims: claimsSupplyChainFile,
    ruleIds: () => [
      ...Object.keys(SIGNAL_RULES).filter((id) => id !== 'content').map((id) => `supply-chain/${id}`),
      ...CONTENT_RULE_IDS.map((id) => `supply-chain/${id}`),
    ],
    scanProject: async (context: ProjectContext): Promise<ProjectScanResult> => {
      const { scanSupplyChain } = await import('./scan.js');
      return scanSupplyChain(context);
    },
  };
}
