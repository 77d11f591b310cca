/**
 * Worker threads for the sast scanner. Each worker loads the rules once;
 * batches of files go to whichever worker is free, largest files first so
 * the last batches are small.
 */
import { Worker } from 'node:worker_threads';
import { defaultPoolSize } from '../../core/worker-pool.js';
import type { FileResult } from './run.js';
import type { SastTask, SastTaskResult, SastWorkerInit } from './worker.js';

/** Below these sizes one thread finishes before workers have loaded their grammars. */
const MIN_FILES = 16;
const MIN_BYTES = 512 * 1024;
const BATCH_MAX_BYTES = 256 * 1024;
const BATCH_MAX_FILES = 64;

/** Decides whether to use worker threads: `--workers` when given (0 means none), else the scan's size. */
export function shouldUseWorkers(workers: number | undefined, files: number, bytes: number): boolean {
  if (workers !== undefined) return workers > 0;
  return defaultPoolSize() > 1 && files >= MIN_FILES && bytes >= MIN_BYTES;
}

type Source = { path: string; text: string };

function batches(sources: readonly Source[]): Source[][] {
  const sorted = [...sources].sort((a, b) => b.text.length - a.text.length);
  const result: Source[][] = [];
  let current: Source[] = [];
  let bytes = 0;
  for (const source of sorted) {
    if (current.length > 0 && (current.length >= BATCH_MAX_FILES || bytes + source.text.length > BATCH_MAX_BYTES)) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(source);
    bytes += source.text.length;
  }
  if (current.length > 0) result.push(current);
  return result;
}

/** Scans `sources` in worker threads; results come back in the order of `sources`. */
export async function scanInWorkers(sources: readonly Source[], init: SastWorkerInit, workers?: number): Promise<Array<{ path: string; result: FileResult }>> {
  const queue = batches(sources);
  const size = Math.max(1, Math.min(workers ?? defaultPoolSize(), queue.length));
  const script = new URL('./worker.js', import.meta.url);
  const byPath = new Map<string, FileResult>();
  const pool = Array.from({ length: size }, () => new Worker(script, { workerData: init }));
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let id = 0;
            const next = (): void => {
              const batch = queue.shift();
              if (batch === undefined) {
                resolve();
                return;
              }
              worker.postMessage({ id: ++id, files: batch } satisfies SastTask);
            };
            worker.on('message', (message: SastTaskResult) => {
              if (message.error !== undefined) {
                reject(new Error(`sast worker failed: ${message.error}`));
                return;
              }
              for (const { path, result } of message.results ?? []) byPath.set(path, result);
              next();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`sast worker exited with code ${code}`));
            });
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return sources.map((source) => ({ path: source.path, result: byPath.get(source.path) ?? { findings: [] } }));
}
