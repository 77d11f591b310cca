/**
 * A fixed pool of worker threads that scan batches of files or texts, so a
 * large scan uses every core. Batches go to whichever worker is free.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DiscoveredFile } from './discovery.js';
import type { TextScanResult } from './file-scan.js';
import type { WorkerInit } from './scan-worker.js';
import type { SourceText } from './source.js';

type Batch = { kind: 'files'; files: DiscoveredFile[] } | { kind: 'texts'; texts: SourceText[] };

interface Pending {
  id: number;
  batch: Batch;
  resolve: (result: TextScanResult) => void;
  reject: (error: Error) => void;
}

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly running = new Map<Worker, Pending>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(init: WorkerInit, size = defaultPoolSize()) {
    const script = new URL('./scan-worker.js', import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData: init });
      worker.on('message', (message: { id: number; result: TextScanResult }) =>
        this.finish(worker, message.result),
      );
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`scan worker exited with code ${code}`));
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Queue a batch; resolves with its result. */
  submit(batch: Batch): Promise<TextScanResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, batch, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const pending = this.queue.shift() as Pending;
      this.running.set(worker, pending);
      worker.postMessage({ id: pending.id, ...pending.batch });
    }
  }

  private finish(worker: Worker, result: TextScanResult): void {
    const pending = this.running.get(worker);
    this.running.delete(worker);
    this.idle.push(worker);
    pending?.resolve(result);
    this.dispatch();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const pending of [...this.running.values(), ...this.queue]) pending.reject(error);
    this.running.clear();
    this.queue.length = 0;
  }
}

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}
