/**
 * Loaded with `node --import` into a measured Node program when GNU time is
 * missing: on exit it writes the process's peak RSS in KiB (worker threads
 * included, since they share the process) to $RAMPART_BENCH_RSS_FILE.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.RAMPART_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
