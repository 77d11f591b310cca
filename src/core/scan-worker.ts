/** Worker-thread entry: builds its own scanners from the config and scans batches. */
import { parentPort, workerData } from 'node:worker_threads';
import { createScanners } from '../scanners/index.js';
import type { RampartConfig } from './config-types.js';
import type { DiscoveredFile } from './discovery.js';
import type { ScannerId } from './finding.js';
import { scanFiles, scanTexts } from './file-scan.js';
import type { ScannerOptions } from './scanner.js';
import type { SourceText } from './source.js';

export interface WorkerInit {
  config: RampartConfig;
  root: string;
  showSecrets: boolean;
  scannerIds: ScannerId[];
}

export type WorkerTask =
  | { id: number; kind: 'files'; files: DiscoveredFile[] }
  | { id: number; kind: 'texts'; texts: SourceText[] };

const init = workerData as WorkerInit;
const scanners = createScanners(init.config, init.scannerIds);
const options: ScannerOptions = {
  config: init.config,
  root: init.root,
  showSecrets: init.showSecrets,
};

parentPort?.on('message', (task: WorkerTask) => {
  const result =
    task.kind === 'files'
      ? scanFiles(task.files, scanners, options)
      : scanTexts(task.texts, scanners, options);
  parentPort?.postMessage({ id: task.id, result });
});
