import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../../../src/core/errors.js';
import { authorizationFor, basicAuthorization } from '../../../../src/scanners/supply-chain/registry/auth.js';
import { resolveRegistries, type ResolveRegistriesOptions } from '../../../../src/scanners/supply-chain/registry/config.js';
import { tempDir, writeTree } from '../../../helpers/tmp.js';

/** Resolves with an empty environment and an empty system folder unless the test sets them. */
function resolve(options: Partial<ResolveRegistriesOptions> & { home: string }) {
  return resolveRegistries({ env: {}, etcDir: join(options.home, 'no-etc'), ...options });
}

describe('resolveRegistries npm', () => {
  it('defaults without configuration', () => {
    const settings = resolve({ home: tempDir() });
    assert.equal(settings.npm.registry, 'https://registry.npmjs.org/');
    assert.deepEqual(settings.npm.scopes, {});
    assert.deepEqual(settings.npm.auth, []);
    assert.equal(settings.pypi.index, 'https://pypi.org/simple/');
    assert.deepEqual(settings.pypi.extraIndexes, []);
    assert.deepEqual(settings.warnings, []);
  });

  it('reads user npmrc settings', () => {
    const home = tempDir();
    writeTree(home, {
      '.npmrc': [
        '; comment',
        '# another comment',
        'registry = https://npm.corp.example/repo',
        '@corp:registry=https://npm.corp.example/corp/',
        '//npm.corp.example/repo/:_authToken=${CORP_TOKEN}',
        '//npm.corp.example/corp/:_auth="dXNlcjpwYXNz"',
        '//other.example/:username=bob',
        `//other.example/:_password=${Buffer.from('s3cret').toString('base64')}`,
        'always-auth=true',
      ].join('\n'),
    });
    const settings = resolve({ home, env: { CORP_TOKEN: 'tok-123' } });
    assert.deepEqual(settings.warnings, []);
    assert.equal(settings.npm.registry, 'https://npm.corp.example/repo/');
    assert.deepEqual(settings.npm.scopes, { '@corp': 'https://npm.corp.example/corp/' });
    assert.deepEqual(settings.npm.auth, [
      { prefix: '//npm.corp.example/repo/', authorization: 'Bearer tok-123' },
      { prefix: '//npm.corp.example/corp/', authorization: 'Basic dXNlcjpwYXNz' },
      { prefix: '//other.example/', authorization: basicAuthorization('bob', 's3cret') },
    ]);
  });

  it('layers global, user, env, option', () => {
    const home = tempDir();
    writeTree(home, {
      'global/npmrc': 'registry=https://global.example/\n@a:registry=https://a-global.example/\n@b:registry=https://b-global.example/\n',
      'custom/npmrc': 'registry=https://user.example/\n@a:registry=https://a-user.example/\n',
      '.npmrc': 'registry=https://ignored.example/\n',
    });
    const env = { NPM_CONFIG_GLOBALCONFIG: join(home, 'global/npmrc'), npm_config_userconfig: join(home, 'custom/npmrc') };
    const fromFiles = resolve({ home, env });
    assert.equal(fromFiles.npm.registry, 'https://user.example/');
    assert.deepEqual(fromFiles.npm.scopes, { '@a': 'https://a-user.example/', '@b': 'https://b-global.example/' });

    const fromEnv = resolve({ home, env: { ...env, npm_config_registry: 'https://env.example' } });
    assert.equal(fromEnv.npm.registry, 'https://env.example/');
    const fromOption = resolve({ home, env: { ...env, NPM_CONFIG_REGISTRY: 'https://env.example' }, npmRegistry: 'http://127.0.0.1:4873' });
    assert.equal(fromOption.npm.registry, 'http://127.0.0.1:4873/');
    assert.equal(fromOption.npm.scopes['@a'], 'https://a-user.example/');
  });

  it('rejects invalid explicit registry', () => {
    assert.throws(() => resolve({ home: tempDir(), npmRegistry: 'ftp://x.example/' }), UsageError);
    assert.throws(() => resolve({ home: tempDir(), pypiIndex: 'not a url' }), /--pypi-index "not a url" is not an http\(s\) or file URL; pass a URL such as https:\/\/pypi\.example\.com\/simple\//);
    assert.equal(resolve({ home: tempDir(), pypiIndex: 'file:///srv/mirror/simple' }).pypi.index, 'file:///srv/mirror/simple/');
  });

  it('skips lines naming unset variables', () => {
    const home = tempDir();
    writeTree(home, { '.npmrc': '//npm.example/:_authToken=${MISSING_TOKEN}\n//opt.example/:_authToken=a${EMPTY?}b\n' });
    const settings = resolve({ home });
    assert.deepEqual(settings.warnings, [`${join(home, '.npmrc')}:1: environment variable MISSING_TOKEN is not set; line skipped`]);
    assert.deepEqual(settings.npm.auth, [{ prefix: '//opt.example/', authorization: 'Bearer ab' }]);
  });

  it('warns on malformed and hostile lines', () => {
    const home = tempDir();
    const file = join(home, '.npmrc');
    writeTree(home, {
      '.npmrc': [
        '=no-key',
        'just-a-word',
        `registry=${'x'.repeat(20_000)}`,
        'registry=javascript:alert(1)',
        '@evil:registry=file:///etc/passwd',
        '_authToken=top-level-token',
        '//half.example/:username=only-user',
        '\u0000\u0001binary=\uFFFD',
        '[section',
        'registry=https://ok.example/',
      ].join('\n'),
    });
    const settings = resolve({ home });
    assert.equal(settings.npm.registry, 'https://ok.example/');
    assert.deepEqual(settings.npm.scopes, {});
    assert.deepEqual(settings.npm.auth, []);
    assert.deepEqual(settings.warnings, [
      `${file}:1: expected "key=value"; line skipped`,
      `${file}:2: expected "key=value"; line skipped`,
      `${file}:3: line is longer than 16384 characters; skipped`,
      `${file}:9: expected "key=value"; line skipped`,
      `${file}:4: registry "javascript:alert(1)" is not an http(s) URL; ignored`,
      `${file}:5: @evil:registry is not an http(s) URL; ignored`,
      `${file}:6: _authToken is not scoped to a registry (write //host/path/:_authToken); ignored`,
      'npm credentials for //half.example/ need both username and _password; ignored',
    ]);
  });

  it('reads FIFO config without hanging', () => {
    const home = tempDir();
    execFileSync('mkfifo', [join(home, '.npmrc')]);
    const settings = resolve({ home });
    assert.deepEqual(settings.warnings, [`${join(home, '.npmrc')} is not a regular file; skipped`]);
  });

  it('moves URL credentials into auth', () => {
    const home = tempDir();
    writeTree(home, { '.npmrc': 'registry=https://me:pa%40ss@npm.corp.example/r/\n' });
    const settings = resolve({ home });
    assert.equal(settings.npm.registry, 'https://npm.corp.example/r/');
    assert.deepEqual(settings.npm.auth, [{ prefix: '//npm.corp.example/r/', scheme: 'https:', authorization: basicAuthorization('me', 'pa@ss') }]);
  });
});

describe('authorizationFor', () => {
  const rules = [
    { prefix: '//npm.example/a/', authorization: 'Bearer a' },
    { prefix: '//npm.example/', authorization: 'Bearer root' },
    { prefix: '//npm.example:8443/', authorization: 'Bearer port' },
    { prefix: '//pypi.example/', scheme: 'https:' as const, authorization: 'Basic p' },
  ];

  it('picks the longest matching prefix', () => {
    assert.equal(authorizationFor('https://npm.example/a/pkg', rules), 'Bearer a');
    assert.equal(authorizationFor('https://npm.example/ab/pkg', rules), 'Bearer root');
    assert.equal(authorizationFor('http://NPM.example/a/pkg', rules), 'Bearer a');
    assert.equal(authorizationFor('https://npm.example:8443/x', rules), 'Bearer port');
  });

  it('sends nothing to other hosts', () => {
    assert.equal(authorizationFor('https://npm.example.evil.test/a/pkg', rules), undefined);
    assert.equal(authorizationFor('https://evil.test/npm.example/a/', rules), undefined);
    assert.equal(authorizationFor('https://npm.example:444/a/pkg', rules), undefined);
    assert.equal(authorizationFor('http://pypi.example/simple/', rules), undefined);
    assert.equal(authorizationFor('https://pypi.example/simple/', rules), 'Basic p');
    assert.equal(authorizationFor('not a url', rules), undefined);
  });
});

describe('resolveRegistries PyPI', () => {
  it('applies pip.conf files in order', () => {
    const home = tempDir();
    writeTree(home, {
      'etc/pip.conf': '[global]\nindex-url = https://etc.example/simple\n',
      'etc/xdg/pip/pip.conf': '[global]\nindex-url = https://xdg.example/simple\nextra-index-url = https://extra-xdg.example/simple\n',
      '.pip/pip.conf': '[global]\nindex-url = https://legacy.example/simple\n',
      '.config/pip/pip.conf': [
        '[global]',
        'index_url = https://user.example/simple',
        'extra-index-url =',
        '    https://one.example/simple',
        '    https://two.example/simple',
        '[install]',
        'index-url: https://install.example/simple/',
      ].join('\n'),
    });
    const settings = resolve({ home, etcDir: join(home, 'etc') });
    assert.deepEqual(settings.warnings, []);
    assert.equal(settings.pypi.index, 'https://install.example/simple/');
    assert.deepEqual(settings.pypi.extraIndexes, ['https://one.example/simple/', 'https://two.example/simple/']);
  });

  it('lets PIP_CONFIG_FILE replace user files', () => {
    const home = tempDir();
    writeTree(home, {
      '.config/pip/pip.conf': '[global]\nindex-url = https://user.example/simple\n',
      'venv/pip.conf': '[global]\nindex-url = https://venv.example/simple\nextra-index-url = https://venv-extra.example/simple\n',
      'chosen.conf': '[global]\nindex-url = https://chosen.example/simple\n',
    });
    const venvOnly = resolve({ home, env: { VIRTUAL_ENV: join(home, 'venv') } });
    assert.equal(venvOnly.pypi.index, 'https://venv.example/simple/');
    const chosen = resolve({ home, env: { VIRTUAL_ENV: join(home, 'venv'), PIP_CONFIG_FILE: join(home, 'chosen.conf') } });
    assert.equal(chosen.pypi.index, 'https://chosen.example/simple/');
    assert.deepEqual(chosen.pypi.extraIndexes, ['https://venv-extra.example/simple/']);
  });

  it('applies pip and uv variables', () => {
    const home = tempDir();
    const pip = resolve({ home, env: { PIP_INDEX_URL: 'https://pip.example/simple', PIP_EXTRA_INDEX_URL: 'https://e1.example/s https://e2.example/s' } });
    assert.equal(pip.pypi.index, 'https://pip.example/simple/');
    assert.deepEqual(pip.pypi.extraIndexes, ['https://e1.example/s/', 'https://e2.example/s/']);
    const uv = resolve({
      home,
      env: { PIP_INDEX_URL: 'https://pip.example/simple', UV_INDEX_URL: 'https://uv-old.example/simple', UV_DEFAULT_INDEX: 'https://uv.example/simple', UV_EXTRA_INDEX_URL: 'https://uv-extra.example/simple' },
    });
    assert.equal(uv.pypi.index, 'https://uv.example/simple/');
    assert.deepEqual(uv.pypi.extraIndexes, ['https://uv-extra.example/simple/']);
    const explicit = resolve({ home, env: { UV_DEFAULT_INDEX: 'https://uv.example/simple' }, pypiIndex: 'http://127.0.0.1:3141/root/pypi/+simple/' });
    assert.equal(explicit.pypi.index, 'http://127.0.0.1:3141/root/pypi/+simple/');
  });

  it('turns index credentials into Basic auth', () => {
    const settings = resolve({ home: tempDir(), env: { PIP_INDEX_URL: 'https://alice:p%3Ass@pypi.corp.example/simple/', PIP_EXTRA_INDEX_URL: 'https://__token__:tok@extra.example/simple' } });
    assert.equal(settings.pypi.index, 'https://pypi.corp.example/simple/');
    assert.deepEqual(settings.pypi.extraIndexes, ['https://extra.example/simple/']);
    assert.deepEqual(settings.pypi.auth, [
      { prefix: '//pypi.corp.example/', scheme: 'https:', authorization: basicAuthorization('alice', 'p:ss') },
      { prefix: '//extra.example/', scheme: 'https:', authorization: basicAuthorization('__token__', 'tok') },
    ]);
  });

  it('warns on malformed pip.conf lines', () => {
    const home = tempDir();
    const file = join(home, '.config/pip/pip.conf');
    writeTree(home, { '.config/pip/pip.conf': 'index-url = https://before-section.example/\n[global]\nno delimiter here\nindex-url = gopher://x\n' });
    const settings = resolve({ home, env: { PIP_EXTRA_INDEX_URL: 'https://user:secret@[bad' } });
    // An unusable configured index makes lookups unknown rather than falling back to pypi.org.
    assert.equal(settings.pypi.index, 'unusable:');
    assert.deepEqual(settings.warnings, [
      `${file}:1: setting before any [section]; line skipped`,
      `${file}:3: expected "key = value"; line skipped`,
      'PyPI index "gopher://x" is not an http(s) or file URL, so it cannot be asked',
      'PyPI index "https://***@[bad" is not an http(s) or file URL, so it cannot be asked',
    ]);
  });
});

describe('project configuration', () => {
  it('warns about project npmrc registry', () => {
    const root = tempDir();
    writeTree(root, {
      'examples/app/.npmrc': [
        'registry=https://npm.corp.example/',
        '@corp:registry=https://tok:en@npm.corp.example/corp/',
        '//npm.corp.example/:_authToken=${HOME}',
      ].join('\n'),
    });
    const settings = resolve({ home: tempDir(), projectRoot: join(root, 'examples/app'), displayRoot: root });
    assert.equal(settings.npm.registry, 'https://registry.npmjs.org/');
    assert.deepEqual(settings.npm.auth, []);
    assert.deepEqual(settings.warnings, [
      'examples/app/.npmrc sets registry https://npm.corp.example/; Rampart asks https://registry.npmjs.org/: pass --npm-registry or set it in ~/.npmrc',
      'examples/app/.npmrc sets @corp:registry https://***@npm.corp.example/corp/; Rampart asks https://registry.npmjs.org/: set @corp:registry in ~/.npmrc',
    ]);
  });

  it('stays quiet when registries agree', () => {
    const root = tempDir();
    const home = tempDir();
    writeTree(home, { '.npmrc': '@corp:registry=https://npm.corp.example/corp/\n' });
    writeTree(root, { '.npmrc': 'registry=https://registry.npmjs.org\n@corp:registry=https://npm.corp.example/corp/\n', 'pip.conf': '[global]\nindex-url = https://pypi.org/simple\n' });
    assert.deepEqual(resolve({ home, projectRoot: root }).warnings, []);
  });

  it('warns about project pip.conf', () => {
    const root = tempDir();
    writeTree(root, { 'pip.conf': '[global]\nindex-url = https://user:pw@pypi.corp.example/simple\nextra-index-url = https://pypi.org/simple https://evil.example/simple\n' });
    const settings = resolve({ home: tempDir(), projectRoot: root });
    assert.deepEqual(settings.pypi.auth, []);
    assert.deepEqual(settings.warnings, [
      'pip.conf sets index-url https://***@pypi.corp.example/simple; Rampart asks https://pypi.org/simple/: pass --pypi-index or set it in ~/.config/pip/pip.conf',
      'pip.conf sets extra-index-url https://evil.example/simple, which Rampart does not ask: add it to extra-index-url in ~/.config/pip/pip.conf',
    ]);
  });

  it('refuses symlinked project npmrc', () => {
    const root = tempDir();
    const home = tempDir();
    writeTree(home, { 'elsewhere.npmrc': 'registry=https://elsewhere.example/\n' });
    symlinkSync(join(home, 'elsewhere.npmrc'), join(root, '.npmrc'));
    const settings = resolve({ home, projectRoot: root });
    assert.deepEqual(settings.warnings, [`${join(root, '.npmrc')} is a symbolic link; Rampart does not follow it`]);
  });

  it('keeps project warnings on one line', () => {
    const root = tempDir();
    writeTree(root, { '.npmrc': 'registry="https://a.example/\u2028forged line"\n' });
    const [warning] = resolve({ home: tempDir(), projectRoot: root }).warnings;
    assert.ok(warning !== undefined);
    assert.ok(!/[\n\r\u2028]/.test(warning));
    assert.match(warning, /^\.npmrc sets registry https:\/\/a\.example\/ forged line;/);
  });
});
