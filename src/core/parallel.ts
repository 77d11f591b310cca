/** Splitting scans into batches for the worker pool. */
import type { DiscoveredFile } from './discovery.js';
import { emptyResult, mergeResult, type TextScanResult } from './file-scan.js';
import type { Scanner } from './scanner.js';
import type { SourceText } from './source.js';
import { WorkerPool, defaultPoolSize } from './worker-pool.js';
import type { ScanProgress, ScanRequest } from './engine.js';

/** Below these sizes, starting workers costs more than it saves. */
const POOL_MIN_BYTES = 4 * 1024 * 1024;
const POOL_MIN_FILES = 64;
const BATCH_MAX_FILES = 128;
const BATCH_MAX_BYTES = 2 * 1024 * 1024;

export function shouldUsePool(workers: number | undefined, files: number, bytes: number): boolean {
  if (workers !== undefined) return workers > 0;
  return defaultPoolSize() > 1 && files >= POOL_MIN_FILES && bytes >= POOL_MIN_BYTES;
}

/** Whether a scan with this `--workers` value may use the pool at all. */
export function mayUsePool(workers: number | undefined): boolean {
  return workers === undefined ? defaultPoolSize() > 1 : workers > 0;
}

/**
 * Start the worker threads for the per-file scanners in `scanners`. Workers
 * load rules while the caller walks the tree, so the two overlap.
 */
export function createPool(request: ScanRequest, scanners: readonly Scanner[]): WorkerPool {
  const scannerIds = scanners.filter((scanner) => scanner.scanText).map((scanner) => scanner.id);
  const init = {
    config: request.config,
    root: request.root,
    showSecrets: request.showSecrets,
    scannerIds,
  };
  return new WorkerPool(init, request.workers || defaultPoolSize());
}

/** Group files into batches of bounded count and size, largest files first. */
function batchFiles(files: readonly DiscoveredFile[]): DiscoveredFile[][] {
  const sorted = [...files].sort((a, b) => b.size - a.size);
  const batches: DiscoveredFile[][] = [];
  let current: DiscoveredFile[] = [];
  let bytes = 0;
  for (const file of sorted) {
    if (current.length > 0 && (current.length >= BATCH_MAX_FILES || bytes + file.size > BATCH_MAX_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function reporter(total: TextScanResult, onProgress?: (progress: ScanProgress) => void) {
  return (part: TextScanResult): void => {
    mergeResult(total, part);
    onProgress?.({ files: total.filesScanned, bytes: total.bytesScanned });
  };
}

/** Scan `files` in `pool`, which this call closes. */
export async function runFilesInPool(
  files: readonly DiscoveredFile[],
  pool: WorkerPool,
  onProgress?: (progress: ScanProgress) => void,
): Promise<TextScanResult> {
  const total = emptyResult();
  const add = reporter(total, onProgress);
  try {
    await Promise.all(batchFiles(files).map((files) => pool.submit({ kind: 'files', files }).then(add)));
  } finally {
    await pool.close();
  }
  return total;
}

export async function runHistoryInPool(
  history: AsyncIterable<SourceText>,
  pool: WorkerPool,
  onProgress?: (progress: ScanProgress) => void,
): Promise<TextScanResult> {
  const total = emptyResult();
  const add = reporter(total, onProgress);
  const inFlight = new Set<Promise<void>>();
  let batch: SourceText[] = [];
  let bytes = 0;

  const flush = async (): Promise<void> => {
    const task = pool.submit({ kind: 'texts', texts: batch }).then(add);
    batch = [];
    bytes = 0;
    const tracked = task.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    // Back-pressure: keep at most two batches per worker in flight while git streams.
    if (inFlight.size >= pool.size * 2) await Promise.race(inFlight);
  };

  try {
    for await (const source of history) {
      batch.push(source);
      bytes += source.text.length;
      if (batch.length >= BATCH_MAX_FILES || bytes >= BATCH_MAX_BYTES) await flush();
    }
    if (batch.length > 0) await flush();
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
  return total;
}
