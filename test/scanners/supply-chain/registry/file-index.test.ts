import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { createRegistryClient } from '../../../../src/scanners/supply-chain/registry/client.js';
import { resolveRegistries } from '../../../../src/scanners/supply-chain/registry/config.js';
import { parseSimpleHtml } from '../../../../src/scanners/supply-chain/registry/simple-html.js';
import { resolveFileUrl } from '../../../../src/scanners/supply-chain/registry/simple-page.js';
import { tempDir, writeTree } from '../../../helpers/tmp.js';

/** A local mirror laid out as pip reads one: simple/<project>/index.html and the files it links to. */
function localMirror(): string {
  const root = tempDir();
  const wheel = Buffer.from('not really a wheel');
  const digest = createHash('sha256').update(wheel).digest('hex');
  writeTree(root, {
    'simple/tiny-lib/index.html': `<html><body><a href="../../files/tiny_lib-1.0.0-py3-none-any.whl#sha256=${digest}">tiny_lib-1.0.0-py3-none-any.whl</a></body></html>`,
    'files/tiny_lib-1.0.0-py3-none-any.whl': wheel,
  });
  return root;
}

describe('file index', () => {
  it('reads a local mirror from pip.conf', async () => {
    const root = localMirror();
    const home = tempDir();
    writeTree(home, { '.config/pip/pip.conf': `[global]\nindex-url = ${pathToFileURL(join(root, 'simple'))}\n` });
    const settings = resolveRegistries({ env: {}, home, etcDir: tempDir() });
    assert.deepEqual(settings.warnings, []);
    const client = createRegistryClient({ settings, offline: false });
    try {
      const found = await client.lookup('PyPI', 'Tiny_Lib');
      assert.equal(found.presence, 'present');
      assert.deepEqual(found.versions.map((version) => version.version), ['1.0.0']);
      const artifact = found.versions[0]!.artifacts[0]!;
      assert.equal(artifact.url, pathToFileURL(join(root, 'files', 'tiny_lib-1.0.0-py3-none-any.whl')).href);
      assert.equal((await client.download(artifact, 1024)).toString(), 'not really a wheel');
      assert.equal((await client.lookup('PyPI', 'missing-lib')).presence, 'absent');
    } finally {
      client.close();
    }
  });

  it('ignores a file base on network pages', () => {
    const page = parseSimpleHtml('<base href="file:///etc/"><a href="passwd">passwd-1.0.tar.gz</a>', 'https://pypi.example.test/simple/p/');
    assert.deepEqual(page.files.map((file) => file.url), ['https://pypi.example.test/simple/p/passwd']);
  });

  it('ignores file links on network pages', () => {
    assert.equal(resolveFileUrl('file:///etc/passwd', 'https://pypi.example.test/simple/x/'), undefined);
    assert.equal(resolveFileUrl('../../files/x.whl', 'file:///mirror/simple/x/index.html')?.url, 'file:///mirror/files/x.whl');
  });
});
