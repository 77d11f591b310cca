/** Worker-thread entry of the sast scanner: loads the rules once and scans batches of files. */
import { parentPort, workerData } from 'node:worker_threads';
import type { CompiledPattern } from './pattern/compile.js';
import { PatternCache } from './rules/formula.js';
import { loadSastRules } from './rules/builtin.js';
import { scanSourceFile, type FileResult } from './run.js';

export interface SastWorkerInit {
  customRules: string[];
  /** Folder that relative custom rule paths start from. */
  configDir?: string;
  /** Patterns the main thread already compiled, so workers do not compile them again. */
  patterns?: Array<[string, CompiledPattern]>;
}

export interface SastTask {
  id: number;
  files: Array<{ path: string; text: string }>;
}

export interface SastTaskResult {
  id: number;
  results?: Array<{ path: string; result: FileResult }>;
  error?: string;
}

const init = workerData as SastWorkerInit;
const rules = loadSastRules(init.customRules, init.configDir);
const cache = new PatternCache();
if (init.patterns !== undefined) cache.seed(init.patterns);

parentPort?.on('message', (task: SastTask) => {
  void (async () => {
    try {
      const results: Array<{ path: string; result: FileResult }> = [];
      for (const file of task.files) results.push({ path: file.path, result: await scanSourceFile(file.path, file.text, rules, cache, { crossFile: true }) });
      parentPort?.postMessage({ id: task.id, results } satisfies SastTaskResult);
    } catch (error) {
      parentPort?.postMessage({ id: task.id, error: (error as Error).message } satisfies SastTaskResult);
    }
  })();
});
