import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { packageRoot } from '../../../src/core/package-root.js';
import type { Finding } from '../../../src/core/finding.js';
import { runCli } from '../../helpers/cli.js';
import { startPypiIndex, type PypiIndex } from '../../helpers/pypi-index.js';
import { tempDir } from '../../helpers/tmp.js';
import { startVerdaccio, type VerdaccioRegistry } from '../../helpers/verdaccio.js';

const DEMO = join(packageRoot(), 'examples', 'zpm');
const SETTLED = '2018-03-01T00:00:00.000Z';

/**
 * Registry documents for every package of the demo's lockfile, as an
 * established registry would hold them: published years ago, no install
 * scripts. The planted invented name is left out, as npm has no such package.
 */
function seedFromLockfile(): Record<string, object> {
  const lock = JSON.parse(readFileSync(join(DEMO, 'api', 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  const seed: Record<string, { versions: Record<string, object>; time: Record<string, string>; 'dist-tags': Record<string, string> }> = {};
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || !entry.version) continue;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const doc = (seed[name] ??= { versions: {}, time: { created: SETTLED, modified: SETTLED }, 'dist-tags': {} });
    doc.versions[entry.version] = { name, version: entry.version, dist: { tarball: `http://127.0.0.1:9/${name}/-/x-${entry.version}.tgz` } };
    doc.time[entry.version] = SETTLED;
    doc['dist-tags'].latest = entry.version;
  }
  return seed;
}

let registry: VerdaccioRegistry;
let index: PypiIndex;

before(async () => {
  registry = await startVerdaccio({ seed: seedFromLockfile() });
  const wheel = (name: string, version: string) => ({ filename: `${name}-${version}-py3-none-any.whl`, uploadTime: SETTLED });
  index = await startPypiIndex([
    { name: 'psycopg2-binary', files: [wheel('psycopg2_binary', '2.9.9')] },
    { name: 'PyYAML', files: [wheel('PyYAML', '5.3.1')] },
    { name: 'requests', files: [wheel('requests', '2.25.1')] },
    { name: 'sendgrid', files: [wheel('sendgrid', '6.9.7')] },
    { name: 'Flask', files: [wheel('flask', '3.0.3')] },
  ]);
});

after(async () => {
  await registry.stop();
  await index.stop();
});

describe('supply-chain scan of the demo', () => {
  it('finds only the invented dependency', async () => {
    const home = tempDir();
    const env = { HOME: home, RAMPART_CACHE_DIR: join(home, 'cache'), npm_config_registry: registry.url, PIP_INDEX_URL: index.url };
    const result = await runCli(['scan', DEMO, '--scanners', 'supply-chain', '--format', 'json'], DEMO, env);
    const report = JSON.parse(result.stdout) as { findings: Finding[]; warnings?: string[] };
    const listed = report.findings.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.location.path}:${finding.location.startLine}`);
    assert.deepEqual(listed, ['supply-chain/not-found critical api/package.json:21']);
    assert.match(report.findings[0]!.message, /^stripe-webhook-signature-verifier: "stripe-webhook-signature-verifier" is not on the npm registry at http:\/\/127\.0\.0\.1:\d+\/: the name may have been invented/);
    assert.deepEqual(report.warnings ?? [], []);
    assert.equal(result.code, 1);
  });
});
