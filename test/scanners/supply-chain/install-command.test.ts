import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.js';
import { npmSpec, parseInstallCommand, pipSpec } from '../../../src/scanners/supply-chain/install-command.js';
import { tempDir, writeTree } from '../../helpers/tmp.js';

describe('parseInstallCommand', () => {
  it('reads npm install with options', () => {
    const plan = parseInstallCommand(['npm', 'install', '-D', 'left-pad@1.3.0', '--registry', 'http://127.0.0.1:4873/', '@types/node', '--save-exact', 'express@^4'], '/');
    assert.equal(plan.ecosystem, 'npm');
    assert.deepEqual(plan.packages, [
      { ecosystem: 'npm', name: 'left-pad', version: '1.3.0' },
      { ecosystem: 'npm', name: '@types/node' },
      { ecosystem: 'npm', name: 'express', range: '^4' },
    ]);
    assert.equal(plan.registry, 'http://127.0.0.1:4873/');
    assert.equal(plan.installsManifest, false);
  });

  it('reads yarn, pnpm and aliases', () => {
    assert.deepEqual(parseInstallCommand(['yarn', 'add', 'lodash'], '/').packages, [{ ecosystem: 'npm', name: 'lodash' }]);
    assert.deepEqual(parseInstallCommand(['yarn', 'global', 'add', 'nodemon'], '/').packages, [{ ecosystem: 'npm', name: 'nodemon' }]);
    assert.deepEqual(parseInstallCommand(['pnpm', 'add', '--filter', 'web', 'my-pad@npm:left-pad@1.0.0'], '/').packages, [
      { ecosystem: 'npm', name: 'left-pad', version: '1.0.0' },
    ]);
    assert.deepEqual(parseInstallCommand(['/usr/bin/npm', 'i', 'x'], '/').packages, [{ ecosystem: 'npm', name: 'x' }]);
  });

  it('skips paths, URLs and git', () => {
    const plan = parseInstallCommand(['npm', 'install', './local.tgz', 'github:user/repo', 'https://example.test/x.tgz', 'a@file:../a'], '/');
    assert.deepEqual(plan.packages, []);
    assert.deepEqual(plan.skipped, ['./local.tgz', 'github:user/repo', 'https://example.test/x.tgz', 'a@file:../a']);
  });

  it('marks a bare install', () => {
    assert.equal(parseInstallCommand(['npm', 'install'], '/').installsManifest, true);
    assert.equal(parseInstallCommand(['yarn'], '/').installsManifest, true);
    assert.equal(parseInstallCommand(['npm', 'ci'], '/').installsManifest, true);
  });

  it('reads pip, python -m pip and uv', () => {
    const plan = parseInstallCommand(['pip', 'install', '-i', 'http://127.0.0.1:8080/simple/', 'requests==2.32.3', 'Flask[async]>=3', '--upgrade'], '/');
    assert.equal(plan.ecosystem, 'PyPI');
    assert.deepEqual(plan.packages, [
      { ecosystem: 'PyPI', name: 'requests', version: '2.32.3' },
      { ecosystem: 'PyPI', name: 'Flask', range: '>=3' },
    ]);
    assert.equal(plan.registry, 'http://127.0.0.1:8080/simple/');
    assert.deepEqual(parseInstallCommand(['python3', '-m', 'pip', 'install', 'numpy'], '/').packages, [{ ecosystem: 'PyPI', name: 'numpy' }]);
    assert.deepEqual(parseInstallCommand(['uv', 'pip', 'install', 'rich'], '/').packages, [{ ecosystem: 'PyPI', name: 'rich' }]);
    assert.deepEqual(parseInstallCommand(['uv', 'add', 'httpx==0.27.0'], '/').packages, [{ ecosystem: 'PyPI', name: 'httpx', version: '0.27.0' }]);
  });

  it('follows nested requirement files', () => {
    const dir = tempDir();
    writeTree(dir, {
      'req.txt': '-r more/base.txt\ngoodpy \\\n  ==1.0.0\n',
      'more/base.txt': '--requirement=../req.txt\nmade-up-lib-xyz\n',
    });
    const plan = parseInstallCommand(['pip', 'install', '-r', 'req.txt'], dir);
    assert.deepEqual(plan.packages, [
      { ecosystem: 'PyPI', name: 'made-up-lib-xyz' },
      { ecosystem: 'PyPI', name: 'goodpy', version: '1.0.0' },
    ]);
    assert.deepEqual(plan.skipped, []);
  });

  it('reads attached option values', () => {
    const dir = tempDir();
    writeTree(dir, { 'req.txt': 'evilpy==1.0\n' });
    const plan = parseInstallCommand(['pip', 'install', '-rreq.txt', '-ihttp://127.0.0.1:8080/simple/'], dir);
    assert.deepEqual(plan.packages, [{ ecosystem: 'PyPI', name: 'evilpy', version: '1.0' }]);
    assert.equal(plan.registry, 'http://127.0.0.1:8080/simple/');
    assert.deepEqual(parseInstallCommand(['pnpm', 'add', '-w', 'a-baseline'], '/').packages, [{ ecosystem: 'npm', name: 'a-baseline' }]);
  });

  it('reads index options as pip does', () => {
    const dir = tempDir();
    writeTree(dir, {
      'idx.txt': '-i http://127.0.0.1:8081/simple/\n--extra-index-url=http://127.0.0.1:8082/simple/\n# pinned \\\nevilpy\n-rmore.txt\n',
      'more.txt': '--pre\nevil\\\nsd==1.1.0\n',
    });
    const plan = parseInstallCommand(['pip', 'install', '-r', 'idx.txt', '--extra-index-url', 'http://127.0.0.1:8083/simple/'], dir);
    assert.deepEqual(plan.packages, [
      { ecosystem: 'PyPI', name: 'evilpy', prerelease: true },
      { ecosystem: 'PyPI', name: 'evilsd', version: '1.1.0' },
    ]);
    assert.equal(plan.registry, 'http://127.0.0.1:8081/simple/');
    assert.deepEqual(plan.extraIndexes, ['http://127.0.0.1:8083/simple/', 'http://127.0.0.1:8082/simple/']);
  });

  it('applies npm tags and refuses --before', () => {
    assert.deepEqual(parseInstallCommand(['npm', 'install', '--tag', 'beta', 'rangepkg', 'other@1.0.0'], '/').packages, [
      { ecosystem: 'npm', name: 'rangepkg', range: 'beta' },
      { ecosystem: 'npm', name: 'other', version: '1.0.0' },
    ]);
    assert.throws(() => parseInstallCommand(['npm', 'install', '--before', '2019-08-01', 'x'], '/'), /cannot vet "npm install --before"/);
    assert.deepEqual(parseInstallCommand(['yarn', 'add', '-C', 'stealer-dep'], '/').packages, [{ ecosystem: 'npm', name: 'stealer-dep' }]);
  });

  it('skips options before the subcommand', () => {
    assert.deepEqual(parseInstallCommand(['npm', '--loglevel', 'warn', 'install', 'x'], '/').packages, [{ ecosystem: 'npm', name: 'x' }]);
    assert.throws(() => parseInstallCommand(['npm'], '/'), /"npm" without a subcommand installs nothing/);
  });

  it('reads requirement files', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'req.txt'), '# pinned\nrequests==2.32.3\n--hash=sha256:00\nreqeusts  # typo\n-e .\n');
    const plan = parseInstallCommand(['pip', 'install', '-r', 'req.txt', '-e', './lib'], dir);
    assert.deepEqual(plan.packages, [
      { ecosystem: 'PyPI', name: 'requests', version: '2.32.3' },
      { ecosystem: 'PyPI', name: 'reqeusts' },
    ]);
    assert.deepEqual(plan.skipped, ['./lib']);
  });

  it('rejects other commands', () => {
    assert.throws(() => parseInstallCommand(['npm', 'run', 'build'], '/'), UsageError);
    assert.throws(() => parseInstallCommand(['pip', 'download', 'x'], '/'), /is not an install command/);
    assert.throws(() => parseInstallCommand(['cargo', 'add', 'serde'], '/'), /cannot vet "cargo" commands/);
    assert.throws(() => parseInstallCommand([], '/'), /nothing after "--"/);
    assert.throws(() => parseInstallCommand(['pip', 'install', '-r', 'missing.txt'], '/nonexistent'), /cannot read the requirements file missing\.txt: no such file/);
  });
});

describe('package specs', () => {
  it('reads npm specs', () => {
    assert.deepEqual(npmSpec('@scope/pkg@2.0.0-beta.1'), { ecosystem: 'npm', name: '@scope/pkg', version: '2.0.0-beta.1' });
    assert.deepEqual(npmSpec('pkg@latest'), { ecosystem: 'npm', name: 'pkg' });
    assert.deepEqual(npmSpec('pkg@next'), { ecosystem: 'npm', name: 'pkg', range: 'next' });
    assert.deepEqual(npmSpec('pkg@=1.2.0'), { ecosystem: 'npm', name: 'pkg', version: '1.2.0' });
    assert.equal(npmSpec('user/repo'), undefined);
    assert.equal(npmSpec('../x'), undefined);
  });

  it('reads pip specs', () => {
    assert.deepEqual(pipSpec('Django===4.2.1'), { ecosystem: 'PyPI', name: 'Django', version: '4.2.1' });
    assert.deepEqual(pipSpec('numpy==1.*'), { ecosystem: 'PyPI', name: 'numpy', range: '==1.*' });
    assert.deepEqual(pipSpec('pkg ; python_version < "3.9"'), { ecosystem: 'PyPI', name: 'pkg' });
    assert.equal(pipSpec('pkg @ https://example.test/pkg.whl'), undefined);
    assert.equal(pipSpec('./dist/pkg-1.0.tar.gz'), undefined);
  });
});
