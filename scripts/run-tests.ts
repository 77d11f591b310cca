/**
 * Run the test suite with the network sources of the dependency and
 * supply-chain scanners (advisories, npm registry, Python index) pointed at
 * a closed loopback port and their caches in a temporary folder, so that no
 * test can reach a real server or touch the user's cache, whatever a test
 * forgets to set.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cache = mkdtempSync(join(tmpdir(), 'rampart-test-cache-'));
// Port 9 (discard) is closed on loopback, so any request fails at once.
const closed = 'http://127.0.0.1:9';
const home = join(cache, 'home');
mkdirSync(home);
const env = {
  ...process.env,
  // An empty home: the user's ~/.npmrc and pip.conf (private mirrors, local indexes) must not change results.
  HOME: home,
  RAMPART_CACHE_DIR: cache,
  RAMPART_OSV_DOWNLOAD_URL: closed,
  RAMPART_OSV_API_URL: closed,
  // Registry lookups of scans and guard runs go nowhere unless a test starts its own registry.
  npm_config_registry: `${closed}/npm/`,
  PIP_INDEX_URL: `${closed}/simple/`,
};
const args = ['--test', '--test-concurrency=2', ...(process.argv.slice(2).length ? process.argv.slice(2) : ['dist/test/'])];
const run = spawnSync(process.execPath, args, { stdio: 'inherit', env });
rmSync(cache, { recursive: true, force: true });
process.exit(run.status ?? 1);
