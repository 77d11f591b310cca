import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { pnpmLockParser } from '../../../../src/scanners/deps/parsers/pnpm-lock.js';
import { parsePackageKey } from '../../../../src/scanners/deps/parsers/pnpm-keys.js';
import { MAX_WARNINGS } from '../../../../src/scanners/deps/parsers/pnpm-bun-warnings.js';
import type { LockfileParseResult, LockedPackage } from '../../../../src/scanners/deps/types.js';
import { LockfileError } from '../../../../src/scanners/deps/types.js';

const FIXTURES = fileURLToPath(new URL('../../../../../test/fixtures/deps/', import.meta.url));

/** Parse a fixture folder under test/fixtures/deps/pnpm/, reading siblings from the fixture tree. */
function parseFixture(folder: string): { result: LockfileParseResult; text: string } {
  const path = `pnpm/${folder}/pnpm-lock.yaml`;
  const text = readFileSync(join(FIXTURES, path), 'utf8');
  const result = pnpmLockParser.parse(text, {
    path,
    readFile: (relative) => {
      try {
        return readFileSync(join(FIXTURES, relative), 'utf8');
      } catch {
        return undefined;
      }
    },
  });
  return { result, text };
}

function parseText(text: string, files: Record<string, string> = {}): LockfileParseResult {
  return pnpmLockParser.parse(text, { path: 'pnpm-lock.yaml', readFile: (path) => files[path] });
}

/** key, version, dev, optional, dependencies (sorted) */
type Row = [string, string, boolean | undefined, boolean, string[]];

function rows(packages: LockedPackage[]): Row[] {
  return packages
    .map((p): Row => [p.key, p.version, p.dev, p.optional === true, [...p.dependencies].sort()])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

function byKey(result: LockfileParseResult, key: string): LockedPackage {
  const found = result.packages.find((p) => p.key === key);
  assert.ok(found, `package ${key} is missing`);
  return found;
}

/** Find the line of `  <quoted or bare key>:` in the text by plain search. */
function keyLineInText(text: string, key: string): number | undefined {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line === `  ${key}:` || line === `  '${key}':`);
  return index === -1 ? undefined : index + 1;
}

/** The one project behind every `*-single` fixture, so all lockfile versions must agree. */
function singleRows(localLibVersion: string): Row[] {
  return [
    ['@sindresorhus/is@4.6.0', '4.6.0', false, false, []],
    ['debug@4.3.4', '4.3.4', false, false, ['ms@2.1.2']],
    ['is-buffer@1.1.6', '1.1.6', false, true, []],
    ['is-even@1.0.0', '1.0.0', false, true, ['is-odd@0.1.2']],
    ['is-number@3.0.0', '3.0.0', false, true, ['kind-of@3.2.2']],
    ['is-number@6.0.0', '6.0.0', false, false, []],
    ['is-number@7.0.0', '7.0.0', true, false, []],
    ['is-odd@0.1.2', '0.1.2', false, true, ['is-number@3.0.0']],
    ['is-odd@3.0.1', '3.0.1', false, false, ['is-number@6.0.0']],
    ['js-tokens@4.0.0', '4.0.0', false, false, []],
    ['kind-of@3.2.2', '3.2.2', false, true, ['is-buffer@1.1.6']],
    ['left-pad@1.3.0', '1.3.0', false, false, []],
    ['local-lib@file:local-lib', localLibVersion, false, false, ['ms@2.0.0']],
    ['loose-envify@1.4.0', '1.4.0', false, false, ['js-tokens@4.0.0']],
    ['ms@2.0.0', '2.0.0', false, false, []],
    ['ms@2.1.2', '2.1.2', false, false, []],
    ['react-dom@18.2.0', '18.2.0', false, false, ['loose-envify@1.4.0', 'react@18.2.0', 'scheduler@0.23.2']],
    ['react@18.2.0', '18.2.0', false, false, ['loose-envify@1.4.0']],
    ['scheduler@0.23.2', '0.23.2', false, false, ['loose-envify@1.4.0']],
  ];
}

const SINGLE_DIRECT = [
  { key: '@sindresorhus/is@4.6.0', scope: 'production' },
  { key: 'debug@4.3.4', scope: 'production' },
  { key: 'is-even@1.0.0', scope: 'production' },
  { key: 'is-number@7.0.0', scope: 'development' },
  { key: 'is-odd@3.0.1', scope: 'production' },
  { key: 'left-pad@1.3.0', scope: 'production' },
  { key: 'local-lib@file:local-lib', scope: 'production' },
  { key: 'ms@2.0.0', scope: 'production' },
  { key: 'react-dom@18.2.0', scope: 'production' },
  { key: 'react@18.2.0', scope: 'production' },
];

const WORKSPACE_ROWS: Row[] = [
  ['debug@4.3.4', '4.3.4', false, false, ['ms@2.1.2']],
  ['is-number@7.0.0', '7.0.0', true, false, []],
  ['js-tokens@4.0.0', '4.0.0', false, false, []],
  ['loose-envify@1.4.0', '1.4.0', false, false, ['js-tokens@4.0.0']],
  ['ms@2.0.0', '2.0.0', true, false, []],
  ['ms@2.1.2', '2.1.2', false, false, []],
  ['react@18.2.0', '18.2.0', false, false, ['loose-envify@1.4.0']],
  ['react@18.3.1', '18.3.1', false, false, ['loose-envify@1.4.0']],
  ['use-sync-external-store@1.2.0', '1.2.0', false, false, ['react@18.2.0', 'react@18.3.1']],
];

const WORKSPACE_DIRECT = [
  { key: 'debug@4.3.4', scope: 'production' },
  { key: 'is-number@7.0.0', scope: 'development' },
  { key: 'ms@2.0.0', scope: 'development' },
  { key: 'react@18.2.0', scope: 'production' },
  { key: 'react@18.3.1', scope: 'production' },
  { key: 'use-sync-external-store@1.2.0', scope: 'production' },
];

const MS_200_SHA512 =
  '4e9a7ad0fe885090d3b8eabfe59f1c76c93326e8dfc2a7ce4e4af02308fb211212a679099d3e92c89e0f08f9c63281630bd75d85a979295218b40b7dee2c74e4';

function sortedDirect(result: LockfileParseResult): Array<{ key: string; scope: string }> {
  return [...result.direct].sort((a, b) => a.key.localeCompare(b.key));
}

/** Lines of selected packages in each single fixture, read off the files. */
const SINGLE_LINES: Record<string, Record<string, number>> = {
  'v5-single': { '@sindresorhus/is@4.6.0': 33, 'ms@2.0.0': 124, 'react-dom@18.2.0': 132, 'local-lib@file:local-lib': 155 },
  'v6-single': { '@sindresorhus/is@4.6.0': 45, 'ms@2.0.0': 136, 'react-dom@18.2.0': 144, 'local-lib@file:local-lib': 167 },
  'v9-single': { '@sindresorhus/is@4.6.0': 46, 'ms@2.0.0': 103, 'react-dom@18.2.0': 109, 'local-lib@file:local-lib': 96 },
  'v10-single': { '@sindresorhus/is@4.6.0': 46, 'ms@2.0.0': 103, 'react-dom@18.2.0': 109, 'local-lib@file:local-lib': 96 },
};

describe('pnpm-lock single projects', () => {
  for (const folder of ['v5-single', 'v6-single', 'v9-single', 'v10-single']) {
    it(`${folder} packages and flags`, () => {
      const { result } = parseFixture(folder);
      assert.equal(result.ecosystem, 'npm');
      assert.deepEqual(rows(result.packages), singleRows(folder === 'v5-single' ? '0.1.0' : 'file:local-lib'));
      assert.deepEqual(result.warnings, []);
    });

    it(`${folder} direct dependencies`, () => {
      const { result } = parseFixture(folder);
      assert.deepEqual(sortedDirect(result), SINGLE_DIRECT);
    });

    it(`${folder} hashes and sources`, () => {
      const { result } = parseFixture(folder);
      assert.deepEqual(byKey(result, 'ms@2.0.0').hashes, [{ algorithm: 'SHA-512', value: MS_200_SHA512 }]);
      for (const pkg of result.packages) {
        if (pkg.name === 'local-lib') continue;
        assert.equal(pkg.hashes?.length, 1, pkg.key);
        assert.match(pkg.hashes?.[0]?.value ?? '', /^[0-9a-f]{128}$/, pkg.key);
        assert.equal(pkg.source, undefined, pkg.key);
        assert.equal(pkg.license, undefined, pkg.key);
      }
      const local = byKey(result, 'local-lib@file:local-lib');
      assert.equal(local.hashes, undefined);
      assert.equal(local.source, 'file:local-lib');
    });

    it(`${folder} package lines`, () => {
      const { result, text } = parseFixture(folder);
      for (const [key, line] of Object.entries(SINGLE_LINES[folder] ?? {})) {
        assert.equal(byKey(result, key).line, line, key);
      }
      for (const pkg of result.packages) {
        assert.ok(pkg.line !== undefined, pkg.key);
        assert.ok(text.split('\n')[pkg.line - 1]?.startsWith('  '), pkg.key);
      }
    });

    it(`${folder} project from manifest`, () => {
      const { result } = parseFixture(folder);
      assert.equal(result.projectName, 'lockfile-fixture');
      assert.equal(result.projectVersion, '1.0.0');
      assert.equal(result.manifest, `pnpm/${folder}/package.json`);
    });
  }
});

describe('pnpm-lock workspaces', () => {
  for (const folder of ['v5-workspace', 'v6-workspace', 'v9-workspace', 'v10-workspace']) {
    it(`${folder} merges peer variants`, () => {
      const { result } = parseFixture(folder);
      assert.deepEqual(rows(result.packages), WORKSPACE_ROWS);
      assert.deepEqual(result.warnings, []);
    });

    it(`${folder} direct from every importer`, () => {
      const { result } = parseFixture(folder);
      assert.deepEqual(sortedDirect(result), WORKSPACE_DIRECT);
      assert.equal(result.projectName, 'ws-root');
    });

    it(`${folder} lines of first variant`, () => {
      const { result, text } = parseFixture(folder);
      const prefix = folder === 'v5-workspace' ? '/use-sync-external-store/1.2.0_react@18.2.0' : undefined;
      const key =
        prefix ??
        (folder === 'v6-workspace' ? '/use-sync-external-store@1.2.0(react@18.2.0)' : 'use-sync-external-store@1.2.0');
      assert.equal(byKey(result, 'use-sync-external-store@1.2.0').line, keyLineInText(text, key));
      assert.ok((byKey(result, 'use-sync-external-store@1.2.0').line ?? 0) > 0);
    });
  }

  it('v9-workspace exact lines', () => {
    const { result } = parseFixture('v9-workspace');
    assert.equal(byKey(result, 'debug@4.3.4').line, 45);
    assert.equal(byKey(result, 'use-sync-external-store@1.2.0').line, 79);
  });
});

describe('pnpm-lock parsePackageKey', () => {
  it('reads keys of each format', () => {
    assert.deepEqual(parsePackageKey('v5', '/@scope/name/1.2.3_peer@1.0.0'), { name: '@scope/name', rawVersion: '1.2.3' });
    assert.deepEqual(parsePackageKey('v5', '/name/1.2.3'), { name: 'name', rawVersion: '1.2.3' });
    assert.deepEqual(parsePackageKey('v5', '/a_b/1.0.0_react@18.0.0+@types+react@18.0.0'), { name: 'a_b', rawVersion: '1.0.0' });
    assert.deepEqual(parsePackageKey('v6', '/@scope/name@1.2.3(peer@1.0.0)(@types/x@2.0.0)'), {
      name: '@scope/name',
      rawVersion: '1.2.3',
    });
    assert.deepEqual(parsePackageKey('v9', 'name@1.2.3(peer@1)'), { name: 'name', rawVersion: '1.2.3' });
    assert.deepEqual(parsePackageKey('v6', 'github.com/o/r/abc123', 'r'), { name: 'r', rawVersion: 'github.com/o/r/abc123' });
  });

  it('rejects malformed keys', () => {
    for (const key of ['', '/', '/name', '/@scope', '/@scope/name', '//1.0.0', '/@/x/1.0.0']) {
      assert.equal(parsePackageKey('v5', key), undefined, `v5 ${key}`);
    }
    for (const key of ['', 'name', '@scope/name', 'name@', '@@1.0.0', '@scope/@1.0.0']) {
      assert.equal(parsePackageKey('v9', key), undefined, `v9 ${key}`);
    }
    assert.equal(parsePackageKey('v6', 'github.com/o/r/abc123'), undefined);
  });
});

describe('pnpm-lock hand-written cases', () => {
  it('5.4 scoped peers and aliases', () => {
    const result = parseText(
      [
        'lockfileVersion: 5.4',
        'specifiers:',
        '  hooks: ^8.0.1',
        '  alias: npm:@scope/lib@2.0.0',
        'dependencies:',
        '  hooks: 8.0.1_@scope+lib@2.0.0',
        '  alias: /@scope/lib/2.0.0',
        'packages:',
        '  /hooks/8.0.1_@scope+lib@2.0.0:',
        `    resolution: {integrity: sha1-${'A'.repeat(27)}=}`,
        '    dependencies:',
        '      \'@scope/lib\': 2.0.0',
        '  /@scope/lib/2.0.0:',
        `    resolution: {integrity: sha256-${'A'.repeat(43)}=}`,
        '    dev: false',
      ].join('\n'),
    );
    assert.deepEqual(rows(result.packages), [
      ['@scope/lib@2.0.0', '2.0.0', false, false, []],
      ['hooks@8.0.1', '8.0.1', false, false, ['@scope/lib@2.0.0']],
    ]);
    assert.deepEqual(byKey(result, 'hooks@8.0.1').hashes, [{ algorithm: 'SHA-1', value: '00'.repeat(20) }]);
    assert.deepEqual(byKey(result, '@scope/lib@2.0.0').hashes, [{ algorithm: 'SHA-256', value: '00'.repeat(32) }]);
    assert.equal(byKey(result, 'hooks@8.0.1').line, 9);
    assert.deepEqual(sortedDirect(result), [
      { key: '@scope/lib@2.0.0', scope: 'production' },
      { key: 'hooks@8.0.1', scope: 'production' },
    ]);
    assert.deepEqual(result.warnings, []);
  });

  it('production wins across importers', () => {
    const result = parseText(
      [
        "lockfileVersion: '9.0'",
        'importers:',
        '  .:',
        '    devDependencies:',
        '      a: {specifier: 1.0.0, version: 1.0.0}',
        '  packages/x:',
        '    dependencies:',
        '      a: {specifier: 1.0.0, version: 1.0.0}',
        '    devDependencies:',
        '      b: {specifier: 1.0.0, version: 1.0.0}',
        'packages:',
        '  a@1.0.0: {resolution: {integrity: sha512-AA==}}',
        '  b@1.0.0: {resolution: {}}',
        'snapshots:',
        '  a@1.0.0: {}',
        '  b@1.0.0:',
        '    dependencies:',
        '      a: 1.0.0',
      ].join('\n'),
    );
    assert.deepEqual(sortedDirect(result), [
      { key: 'a@1.0.0', scope: 'production' },
      { key: 'b@1.0.0', scope: 'development' },
    ]);
    assert.deepEqual(rows(result.packages), [
      ['a@1.0.0', '1.0.0', false, false, []],
      ['b@1.0.0', '1.0.0', true, false, ['a@1.0.0']],
    ]);
    assert.deepEqual(result.warnings, ['package "a@1.0.0" has an invalid integrity value "sha512-AA=="']);
  });

  it('git and tarball sources', () => {
    const result = parseText(
      [
        "lockfileVersion: '6.0'",
        'dependencies:',
        '  gitdep: {specifier: github:o/gitdep, version: github.com/o/gitdep/abc123}',
        '  tar: {specifier: https://example.test/tar/-/tar-0.0.1.tgz, version: example.test/tar/-/tar-0.0.1.tgz}',
        'packages:',
        '  github.com/o/gitdep/abc123:',
        '    resolution: {commit: abc123, repo: https://github.com/o/gitdep.git, type: git}',
        '    name: gitdep',
        '    version: 3.1.0',
        '    dependencies:',
        '      tar: example.test/tar/-/tar-0.0.1.tgz',
        '  example.test/tar/-/tar-0.0.1.tgz:',
        '    resolution: {tarball: https://example.test/tar/-/tar-0.0.1.tgz}',
        '    name: tar',
        '    version: 0.0.1',
      ].join('\n'),
    );
    assert.deepEqual(rows(result.packages), [
      ['gitdep@github.com/o/gitdep/abc123', '3.1.0', false, false, ['tar@example.test/tar/-/tar-0.0.1.tgz']],
      ['tar@example.test/tar/-/tar-0.0.1.tgz', '0.0.1', false, false, []],
    ]);
    assert.equal(byKey(result, 'gitdep@github.com/o/gitdep/abc123').source, 'https://github.com/o/gitdep.git#abc123');
    assert.equal(byKey(result, 'tar@example.test/tar/-/tar-0.0.1.tgz').source, 'https://example.test/tar/-/tar-0.0.1.tgz');
    assert.deepEqual(result.warnings, []);
  });

  it('warns on unresolved references', () => {
    const result = parseText(
      [
        "lockfileVersion: '9.0'",
        'importers:',
        '  .:',
        '    dependencies:',
        '      gone: {specifier: ^1.0.0, version: 1.0.0}',
        '      broken: {specifier: ^1.0.0}',
        '      local: {specifier: workspace:*, version: link:../local}',
        'packages:',
        '  a@1.0.0: {resolution: {integrity: sha512-AA}}',
        'snapshots:',
        '  a@1.0.0:',
        '    dependencies:',
        '      missing: 2.0.0',
        '  b@1.0.0: {}',
      ].join('\n'),
    );
    assert.deepEqual(result.warnings, [
      'snapshot "b@1.0.0" has no entry under packages; its hash is unknown',
      'package "a@1.0.0" has an invalid integrity value "sha512-AA"',
      'package "a@1.0.0" depends on missing 2.0.0, which is not in the lockfile',
      'importer "." depends on gone 1.0.0, which is not in the lockfile',
      'importer "." has no version for dependencies broken',
    ]);
    assert.deepEqual(rows(result.packages), [
      ['a@1.0.0', '1.0.0', undefined, false, []],
      ['b@1.0.0', '1.0.0', undefined, false, []],
    ]);
    assert.deepEqual(result.direct, []);
  });

  it('skips invalid package entries', () => {
    const result = parseText(
      [
        "lockfileVersion: '6.0'",
        'packages:',
        '  /ok@1.0.0: {}',
        '  /noversion: {}',
        '  plain-text: {}',
        '  /list@1.0.0: [1, 2]',
        '  /scalar@1.0.0: hello',
      ].join('\n'),
    );
    assert.deepEqual(
      result.packages.map((p) => p.key),
      ['ok@1.0.0'],
    );
    assert.deepEqual(result.warnings, [
      'package key "/noversion" is not a valid pnpm key; skipped',
      'package key "plain-text" is not a valid pnpm key; skipped',
      'package "/list@1.0.0" is not a mapping; skipped',
      'package "/scalar@1.0.0" is not a mapping; skipped',
    ]);
  });

  it('prototype keys stay data', () => {
    const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
    const result = parseText(
      [
        "lockfileVersion: '9.0'",
        'importers:',
        '  .:',
        '    dependencies:',
        '      __proto__: {specifier: 1.0.0, version: 1.0.0}',
        '      constructor: {specifier: 1.0.0, version: 1.0.0}',
        'packages:',
        '  __proto__@1.0.0: {resolution: {}}',
        '  constructor@1.0.0: {resolution: {}}',
        'snapshots:',
        '  __proto__@1.0.0:',
        '    dependencies:',
        '      constructor: 1.0.0',
        '  constructor@1.0.0: {}',
      ].join('\n'),
    );
    assert.deepEqual(rows(result.packages), [
      ['__proto__@1.0.0', '1.0.0', false, false, ['constructor@1.0.0']],
      ['constructor@1.0.0', '1.0.0', false, false, []],
    ]);
    assert.equal(result.direct.length, 2);
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeNames);
  });

  it('caps the warning list', () => {
    const lines = ["lockfileVersion: '9.0'", 'packages:'];
    for (let index = 0; index < MAX_WARNINGS + 50; index += 1) lines.push(`  bad${index}: {}`);
    const result = parseText(lines.join('\n'));
    assert.equal(result.warnings.length, MAX_WARNINGS + 1);
    assert.equal(result.warnings.at(-1), '50 more warnings not shown');
  });

  it('warns on invalid manifest', () => {
    const result = parseText("lockfileVersion: '9.0'\n", { 'package.json': '{ not json' });
    assert.equal(result.projectName, undefined);
    assert.equal(result.manifest, undefined);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0] ?? '', /^package\.json: invalid JSON, project name not read/);
  });

  it('uses the last YAML document', () => {
    const result = parseText(
      ['---', "lockfileVersion: '9.0'", 'packages:', '  tool@1.0.0: {}', '---', "lockfileVersion: '9.0'", 'packages:', '  app@2.0.0: {}'].join('\n'),
    );
    assert.deepEqual(
      result.packages.map((p) => [p.key, p.line]),
      [['app@2.0.0', 8]],
    );
  });

  it('lockfile versions and warnings', () => {
    assert.deepEqual(parseText('lockfileVersion: 4\n').warnings, ['lockfileVersion 4 is older than 5.x; read with the 5.x format']);
    assert.deepEqual(parseText("lockfileVersion: '7.0'\nsnapshots: {}\n").warnings, [
      'lockfileVersion 7.0 is unknown; read with the 9.0 format',
    ]);
    assert.deepEqual(parseText("lockfileVersion: '10.0'\n").warnings, ['lockfileVersion 10.0 is unknown; read with the 6.0 format']);
    assert.deepEqual(parseText("lockfileVersion: '6.1'\n").warnings, []);
  });
});

describe('pnpm-lock invalid and hostile input', () => {
  it('matches by base name', () => {
    assert.equal(pnpmLockParser.matches('pnpm-lock.yaml'), true);
    assert.equal(pnpmLockParser.matches('apps/web/pnpm-lock.yaml'), true);
    assert.equal(pnpmLockParser.matches('node_modules/.pnpm-lock.yaml'), false);
    assert.equal(pnpmLockParser.matches('apps/my-pnpm-lock.yaml'), false);
  });

  const invalid: Array<[string, string, RegExp]> = [
    ['empty file', '', /the file is empty/],
    ['top-level list', '- a\n- b\n', /top level is not a mapping/],
    ['missing version', 'packages: {}\n', /lockfileVersion is missing/],
    ['text version', 'lockfileVersion: abc\n', /unsupported lockfileVersion "abc"/],
    ['ancient version', 'lockfileVersion: 2\n', /unsupported lockfileVersion 2/],
    ['broken flow', "lockfileVersion: '9.0'\npackages:\n  a: [\n", /invalid YAML: Flow sequence/],
    ['duplicate package', "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {}\n  a@1.0.0: {}\n", /duplicate key "a@1\.0\.0" under packages at line 4/],
    ['tab indentation', "lockfileVersion: '9.0'\npackages:\n\ta@1.0.0: {}\n", /invalid YAML/],
  ];
  for (const [name, text, message] of invalid) {
    it(`rejects ${name}`, () => {
      assert.throws(
        () => parseText(text),
        (error: unknown) => error instanceof LockfileError && error.path === 'pnpm-lock.yaml' && message.test(error.message),
      );
    });
  }

  it('rejects alias bombs', () => {
    const lines = ["lockfileVersion: '9.0'", 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 10; level += 1) {
      lines.push(`a${level}: &a${level} [${Array(10).fill(`*a${level - 1}`).join(', ')}]`);
    }
    const started = Date.now();
    assert.throws(() => parseText(lines.join('\n')), /Excessive alias count/);
    assert.ok(Date.now() - started < 5000);
  });

  it('rejects deep flow nesting', () => {
    const text = `lockfileVersion: '9.0'\npackages: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    assert.throws(() => parseText(text), (error: unknown) => error instanceof LockfileError && /invalid YAML/.test(error.message));
  });

  it('survives a 20 MB scalar', () => {
    const text = `lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    resolution: {integrity: sha512-${'A'.repeat(20_000_000)}}\n`;
    const result = parseText(text);
    assert.deepEqual(
      result.packages.map((p) => [p.key, p.hashes]),
      [['a@1.0.0', undefined]],
    );
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0] ?? '', /^package "a@1\.0\.0" has an invalid integrity value "sha512-A{73}"$/);
  });

  it('parses a 20 MB lockfile', { timeout: 600_000 }, () => {
    const sri = `sha512-${Buffer.alloc(64, 7).toString('base64')}`;
    const notice = 'x'.repeat(120);
    const count = 70_000;
    const parts = ["lockfileVersion: '9.0'", 'importers:', '  .:', '    dependencies:', '      p0: {specifier: 1.0.0, version: 1.0.0}', 'packages:'];
    for (let index = 0; index < count; index += 1) {
      parts.push(`  p${index}@1.0.0:\n    resolution: {integrity: ${sri}}\n    deprecated: ${notice}`);
    }
    parts.push('snapshots:');
    // One long chain, so the graph walk goes 70,000 levels deep.
    for (let index = 0; index < count; index += 1) {
      parts.push(index + 1 < count ? `  p${index}@1.0.0:\n    dependencies:\n      p${index + 1}: 1.0.0` : `  p${index}@1.0.0: {}`);
    }
    const text = parts.join('\n');
    assert.ok(text.length > 20_000_000, `${text.length} characters`);
    const result = parseText(text);
    assert.equal(result.packages.length, count);
    assert.equal(result.packages.filter((p) => p.dev === false).length, count);
    assert.deepEqual(result.warnings, []);
    assert.equal(byKey(result, 'p69999@1.0.0').line, 7 + 3 * 69_999);
    assert.deepEqual(byKey(result, 'p69998@1.0.0').dependencies, ['p69999@1.0.0']);
  });
});
