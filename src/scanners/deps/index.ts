/**
 * The dependency scanner. This module stays small: deciding which files to
 * claim needs only their names, and the parsers, the advisory database and
 * their libraries load when a scan has lockfiles to read.
 */
import type { RampartConfig } from '../../core/config-types.js';
import type { ProjectContext, ProjectScanResult, Scanner } from '../../core/scanner.js';
import { isLockfilePath, isPackageManifest } from './lockfile-names.js';

export function createDepsScanner(_config: RampartConfig): Scanner {
  return {
    id: 'deps',
    claims: (path) => isLockfilePath(path) || isPackageManifest(path),
    scanProject: async (context: ProjectContext): Promise<ProjectScanResult> => {
      const hasInput = context.sbom !== undefined || context.files.some(isLockfilePath);
      if (!hasInput) return { findings: [], inventory: [] };
      const { scanDependencies } = await import('./scan.js');
      return scanDependencies(context);
    },
  };
}
