import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { startPypiIndex, type PypiIndex } from '../helpers/pypi-index.js';
import { tempDir } from '../helpers/tmp.js';
import { buildZip } from '../store/zip-writer.js';

const SETTLED = '2019-05-01T00:00:00.000Z';

/** The smallest wheel pip installs: one module and the dist-info files. */
function tinyWheel(): Buffer {
  const info = 'tiny_lib-1.0.0.dist-info';
  return buildZip([
    { name: 'tiny_lib/__init__.py', content: 'VALUE = 42\n' },
    { name: `${info}/METADATA`, content: 'Metadata-Version: 2.1\nName: tiny-lib\nVersion: 1.0.0\n' },
    { name: `${info}/WHEEL`, content: 'Wheel-Version: 1.0\nGenerator: rampart-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n' },
    { name: `${info}/RECORD`, content: `tiny_lib/__init__.py,,\n${info}/METADATA,,\n${info}/WHEEL,,\n${info}/RECORD,,\n` },
  ]);
}

let index: PypiIndex;

before(async () => {
  const versions = ['0.8.0', '0.9.0', '1.0.0'];
  index = await startPypiIndex([
    {
      name: 'tiny-lib',
      files: versions.map((version, position) => ({
        filename: `tiny_lib-${version}-py3-none-any.whl`,
        uploadTime: `201${7 + position}-05-01T00:00:00.000Z`,
        content: version === '1.0.0' ? tinyWheel() : Buffer.from('old'),
      })),
    },
    { name: 'reqeusts', files: [{ filename: 'reqeusts-0.0.1-py3-none-any.whl', uploadTime: SETTLED }] },
  ]);
});

after(async () => {
  await index.stop();
});

function pipEnv(): NodeJS.ProcessEnv {
  const home = tempDir();
  return { HOME: home, PATH: process.env.PATH, RAMPART_CACHE_DIR: join(home, 'cache'), PIP_CONFIG_FILE: '/dev/null', PIP_NO_CACHE_DIR: '1', PIP_BREAK_SYSTEM_PACKAGES: '1' };
}

describe('rampart guard -- pip install', () => {
  it('installs an allowed package', async () => {
    const target = join(tempDir(), 'site');
    const args = ['guard', '--', 'python3', '-m', 'pip', 'install', '--index-url', index.url, '--target', target, '--no-deps', '--disable-pip-version-check', 'tiny-lib==1.0.0'];
    const result = await runCli(args, tempDir(), pipEnv());
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.equal(readFileSync(join(target, 'tiny_lib', '__init__.py'), 'utf8'), 'VALUE = 42\n');
  });

  it('does not run pip for a look-alike', async () => {
    const target = join(tempDir(), 'site');
    const result = await runCli(['guard', '--', 'pip', 'install', '-i', index.url, '--target', target, 'reqeusts'], tempDir(), pipEnv());
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^block {4}reqeusts@0\.0\.1 {2}high typosquat: "reqeusts" swaps two adjacent characters of the PyPI package "requests"/m);
    assert.equal(existsSync(target), false);
  });
});
