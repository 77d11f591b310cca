/**
 * Run the test suite with the network sources of the dependency scanner
 * pointed at a closed loopback port and its cache in a temporary folder,
 * so that no test can reach a real advisory server or touch the user's
 * cache, whatever a test forgets to set.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cache = mkdtempSync(join(tmpdir(), 'rampart-test-cache-'));
// Port 9 (discard) is closed on loopback, so any request fails at once.
const closed = 'http://127.0.0.1:9';
const env = {
  ...process.env,
  RAMPART_CACHE_DIR: cache,
  RAMPART_OSV_DOWNLOAD_URL: closed,
  RAMPART_OSV_API_URL: closed,
};
const args = ['--test', '--test-concurrency=2', ...(process.argv.slice(2).length ? process.argv.slice(2) : ['dist/test/'])];
const run = spawnSync(process.execPath, args, { stdio: 'inherit', env });
rmSync(cache, { recursive: true, force: true });
process.exit(run.status ?? 1);
