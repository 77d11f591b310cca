/** The registry of scanners: the single place that maps a scanner id to its implementation. */
import { isScannerEnabled } from '../core/config.js';
import type { RampartConfig } from '../core/config-types.js';
import type { ScannerId } from '../core/finding.js';
import type { Scanner } from '../core/scanner.js';
import { createDepsScanner } from './deps/index.js';
import { createIacScanner } from './iac/index.js';
import { createSastScanner } from './sast/index.js';
import { createSecretsScanner } from './secrets/index.js';
import { createSupplyChainScanner } from './supply-chain/index.js';

const FACTORIES: Partial<Record<ScannerId, (config: RampartConfig) => Scanner>> = {
  secrets: createSecretsScanner,
  deps: createDepsScanner,
  'supply-chain': createSupplyChainScanner,
  iac: createIacScanner,
  sast: createSastScanner,
};

/** Ids of the scanners that are implemented, in run order. */
export function availableScanners(): ScannerId[] {
  return Object.keys(FACTORIES) as ScannerId[];
}

/** Create the scanners named in `ids` (default: every enabled one). */
export function createScanners(config: RampartConfig, ids?: readonly ScannerId[]): Scanner[] {
  const wanted = ids ?? availableScanners().filter((id) => isScannerEnabled(config, id));
  return wanted.map((id) => {
    const factory = FACTORIES[id];
    if (!factory) throw new Error(`scanner "${id}" is not implemented`);
    return factory(config);
  });
}
