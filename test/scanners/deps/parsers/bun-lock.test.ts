import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bunLockbParser, bunLockParser } from '../../../../src/scanners/deps/parsers/bun-lock.js';
import { versionFromTarballUrl } from '../../../../src/scanners/deps/parsers/bun-entries.js';
import { MAX_WARNINGS } from '../../../../src/scanners/deps/parsers/pnpm-bun-warnings.js';
import type { LockfileParseResult, LockedPackage } from '../../../../src/scanners/deps/types.js';
import { LockfileError } from '../../../../src/scanners/deps/types.js';

const FIXTURES = fileURLToPath(new URL('../../../../../test/fixtures/deps/', import.meta.url));

function parseFixture(folder: string): LockfileParseResult {
  const path = `bun/${folder}/bun.lock`;
  return bunLockParser.parse(readFileSync(join(FIXTURES, path), 'utf8'), {
    path,
    readFile: (relative) => {
      try {
        return readFileSync(join(FIXTURES, relative), 'utf8');
      } catch {
        return undefined;
      }
    },
  });
}

function parseText(text: string, files: Record<string, string> = {}): LockfileParseResult {
  return bunLockParser.parse(text, { path: 'app/bun.lock', readFile: (path) => files[path] });
}

/** Write a bun.lock with the given workspaces and packages sections. */
function lockText(workspaces: object, packages: object): string {
  return JSON.stringify({ lockfileVersion: 1, workspaces, packages }, null, 2);
}

const SRI = `sha512-${Buffer.alloc(64, 1).toString('base64')}`;

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

function sortedDirect(result: LockfileParseResult): Array<{ key: string; scope: string }> {
  return [...result.direct].sort((a, b) => a.key.localeCompare(b.key));
}

const MS_200_SHA512 =
  '4e9a7ad0fe885090d3b8eabfe59f1c76c93326e8dfc2a7ce4e4af02308fb211212a679099d3e92c89e0f08f9c63281630bd75d85a979295218b40b7dee2c74e4';

describe('bun-lock single project', () => {
  it('packages and derived flags', () => {
    const result = parseFixture('single');
    assert.equal(result.ecosystem, 'npm');
    assert.deepEqual(rows(result.packages), [
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
      ['local-lib@file:local-lib', 'file:local-lib', false, false, ['ms@2.0.0']],
      ['loose-envify@1.4.0', '1.4.0', false, false, ['js-tokens@4.0.0']],
      ['ms@2.0.0', '2.0.0', false, false, []],
      ['ms@2.1.2', '2.1.2', false, false, []],
      ['react-dom@18.2.0', '18.2.0', false, false, ['loose-envify@1.4.0', 'react@18.2.0', 'scheduler@0.23.2']],
      ['react@18.2.0', '18.2.0', false, false, ['loose-envify@1.4.0']],
      ['scheduler@0.23.2', '0.23.2', false, false, ['loose-envify@1.4.0']],
    ]);
    assert.deepEqual(result.warnings, []);
  });

  it('direct dependencies by section', () => {
    assert.deepEqual(sortedDirect(parseFixture('single')), [
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
    ]);
  });

  it('hashes and sources', () => {
    const result = parseFixture('single');
    assert.deepEqual(byKey(result, 'ms@2.0.0').hashes, [{ algorithm: 'SHA-512', value: MS_200_SHA512 }]);
    for (const pkg of result.packages) {
      if (pkg.name === 'local-lib') continue;
      assert.equal(pkg.hashes?.length, 1, pkg.key);
      assert.match(pkg.hashes?.[0]?.value ?? '', /^[0-9a-f]{128}$/, pkg.key);
      assert.equal(pkg.license, undefined, pkg.key);
    }
    assert.equal(byKey(result, 'left-pad@1.3.0').source, 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz');
    assert.equal(byKey(result, 'local-lib@file:local-lib').source, 'file:local-lib');
    assert.equal(byKey(result, 'local-lib@file:local-lib').hashes, undefined);
    assert.equal(byKey(result, 'ms@2.0.0').source, undefined);
  });

  it('lines of package keys', () => {
    const result = parseFixture('single');
    assert.equal(byKey(result, '@sindresorhus/is@4.6.0').line, 26);
    assert.equal(byKey(result, 'local-lib@file:local-lib').line, 44);
    assert.equal(byKey(result, 'ms@2.0.0').line, 48);
    assert.equal(byKey(result, 'is-odd@3.0.1').line, 50);
    assert.equal(byKey(result, 'ms@2.1.2').line, 58);
    assert.equal(byKey(result, 'is-number@6.0.0').line, 62);
  });

  it('project from lockfile and manifest', () => {
    const result = parseFixture('single');
    assert.equal(result.projectName, 'lockfile-fixture');
    assert.equal(result.projectVersion, '1.0.0');
    assert.equal(result.manifest, 'bun/single/package.json');
  });
});

describe('bun-lock workspace', () => {
  it('nested copies resolve first', () => {
    const result = parseFixture('workspace');
    assert.deepEqual(rows(result.packages), [
      ['debug@4.3.4', '4.3.4', false, false, ['ms@2.1.2']],
      ['is-number@7.0.0', '7.0.0', true, false, []],
      ['js-tokens@4.0.0', '4.0.0', false, false, []],
      ['loose-envify@1.4.0', '1.4.0', false, false, ['js-tokens@4.0.0']],
      ['ms@2.0.0', '2.0.0', true, false, []],
      ['ms@2.1.2', '2.1.2', false, false, []],
      ['react@18.2.0', '18.2.0', false, false, ['loose-envify@1.4.0']],
      ['react@18.3.1', '18.3.1', false, false, ['loose-envify@1.4.0']],
      // bun installs one copy at the top, whose peer is the top-level react.
      ['use-sync-external-store@1.2.0', '1.2.0', false, false, ['react@18.3.1']],
    ]);
    assert.deepEqual(result.warnings, []);
  });

  it('direct from every member', () => {
    const result = parseFixture('workspace');
    assert.deepEqual(sortedDirect(result), [
      { key: 'debug@4.3.4', scope: 'production' },
      { key: 'is-number@7.0.0', scope: 'development' },
      { key: 'ms@2.0.0', scope: 'development' },
      { key: 'react@18.2.0', scope: 'production' },
      { key: 'react@18.3.1', scope: 'production' },
      { key: 'use-sync-external-store@1.2.0', scope: 'production' },
    ]);
    assert.equal(result.projectName, 'ws-root');
    assert.equal(byKey(result, 'react@18.2.0').line, 52);
  });
});

describe('bun-lock hand-written cases', () => {
  it('node lookup order', () => {
    const result = parseText(
      lockText(
        { '': { dependencies: { a: '1', '@s/x': '1' } } },
        {
          a: ['a@1.0.0', '', { dependencies: { b: '1' } }, SRI],
          'a/b': ['b@1.0.0', '', { dependencies: { c: '1', d: '1' } }, SRI],
          'a/b/c': ['c@3.0.0', '', {}, SRI],
          'a/d': ['d@2.0.0', '', {}, SRI],
          c: ['c@1.0.0', '', {}, SRI],
          d: ['d@1.0.0', '', {}, SRI],
          '@s/x': ['@s/x@1.0.0', '', { dependencies: { '@t/y': '1' } }, SRI],
          '@s/x/@t/y': ['@t/y@2.0.0', '', { dependencies: { c: '1' } }, SRI],
          '@t/y': ['@t/y@1.0.0', '', {}, SRI],
        },
      ),
    );
    assert.deepEqual(byKey(result, 'b@1.0.0').dependencies, ['c@3.0.0', 'd@2.0.0']);
    assert.deepEqual(byKey(result, '@s/x@1.0.0').dependencies, ['@t/y@2.0.0']);
    assert.deepEqual(byKey(result, '@t/y@2.0.0').dependencies, ['c@1.0.0']);
    assert.equal(byKey(result, 'c@1.0.0').dev, false);
    assert.equal(byKey(result, 'd@1.0.0').dev, undefined);
    assert.deepEqual(result.warnings, []);
  });

  it('merges copies of one version', () => {
    const result = parseText(
      lockText(
        { '': { dependencies: { a: '1', b: '1', ms: '2.0.0' } } },
        {
          a: ['a@1.0.0', '', { dependencies: { ms: '^2.1.0' } }, SRI],
          b: ['b@1.0.0', '', { dependencies: { ms: '^2.1.0' } }, SRI],
          ms: ['ms@2.0.0', '', {}, SRI],
          'a/ms': ['ms@2.1.2', '', {}, SRI],
          'b/ms': ['ms@2.1.2', '', {}, SRI],
        },
      ),
    );
    assert.deepEqual(
      result.packages.map((p) => [p.key, p.line]),
      [
        ['a@1.0.0', 13],
        ['b@1.0.0', 23],
        ['ms@2.0.0', 33],
        ['ms@2.1.2', 39],
      ],
    );
    assert.deepEqual(byKey(result, 'b@1.0.0').dependencies, ['ms@2.1.2']);
  });

  it('git, tarball and registry sources', () => {
    const result = parseText(
      lockText(
        { '': { dependencies: { g: 'github:o/g', t: 'https://x.test/t.tgz', r: '1.0.0', w: 'workspace:*' } } },
        {
          g: ['g@github:o/g#abc1234', { dependencies: { t: '*' } }, 'o-g-abc1234'],
          t: ['t@https://x.test/t.tgz', {}, SRI],
          r: ['r@1.0.0', 'https://npm.example.test/', {}, SRI],
          w: ['w@workspace:packages/w'],
        },
      ),
    );
    assert.deepEqual(rows(result.packages), [
      ['g@github:o/g#abc1234', 'github:o/g#abc1234', false, false, ['t@https://x.test/t.tgz']],
      ['r@1.0.0', '1.0.0', false, false, []],
      ['t@https://x.test/t.tgz', 'https://x.test/t.tgz', false, false, []],
    ]);
    assert.equal(byKey(result, 'g@github:o/g#abc1234').source, 'github:o/g#abc1234');
    assert.equal(byKey(result, 'g@github:o/g#abc1234').hashes, undefined);
    assert.equal(byKey(result, 'r@1.0.0').source, 'https://npm.example.test/');
    assert.equal(byKey(result, 't@https://x.test/t.tgz').hashes?.[0]?.value, '01'.repeat(64));
    assert.equal(result.direct.length, 3);
    assert.deepEqual(result.warnings, []);
  });

  it('tarball URL versions', () => {
    assert.equal(versionFromTarballUrl('left-pad', 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz'), '1.3.0');
    assert.equal(versionFromTarballUrl('@s/n', 'https://r.test/@s/n/-/n-2.0.0-beta.1.tgz'), '2.0.0-beta.1');
    assert.equal(versionFromTarballUrl('n', 'https://r.test/other/-/other-1.0.0.tgz'), undefined);
    assert.equal(versionFromTarballUrl('n', 'https://r.test/n/-/n-1.0.0.zip'), undefined);
    assert.equal(versionFromTarballUrl('n', 'file:n/-/n-1.0.0.tgz'), undefined);
    assert.equal(versionFromTarballUrl('n', 'https://r.test/n/-/n-a/b.tgz'), undefined);
  });

  it('member dependencies resolve nested', () => {
    const result = parseText(
      lockText(
        {
          '': { name: 'root', devDependencies: { x: '1' } },
          'packages/m': { name: 'm', dependencies: { x: '2', root: 'workspace:*' }, peerDependencies: { p: '1' } },
        },
        {
          m: ['m@workspace:packages/m'],
          x: ['x@1.0.0', '', {}, SRI],
          'm/x': ['x@2.0.0', '', { optionalDependencies: { gone: '1' }, peerDependencies: { p: '1' } }, SRI],
          p: ['p@1.0.0', '', {}, SRI],
        },
      ),
    );
    assert.deepEqual(sortedDirect(result), [
      { key: 'p@1.0.0', scope: 'production' },
      { key: 'x@1.0.0', scope: 'development' },
      { key: 'x@2.0.0', scope: 'production' },
    ]);
    assert.deepEqual(byKey(result, 'x@2.0.0').dependencies, ['p@1.0.0']);
    assert.equal(result.projectName, 'root');
    assert.deepEqual(result.warnings, ['workspace "packages/m" depends on root, which is not in the lockfile']);
  });

  it('optional only through optionals', () => {
    const result = parseText(
      lockText(
        { '': { dependencies: { a: '1' }, optionalDependencies: { o: '1' } } },
        {
          a: ['a@1.0.0', '', { optionalDependencies: { b: '1' }, peerDependencies: { c: '1' }, optionalPeers: ['c'] }, SRI],
          b: ['b@1.0.0', '', { dependencies: { d: '1' } }, SRI],
          c: ['c@1.0.0', '', {}, SRI],
          d: ['d@1.0.0', '', {}, SRI],
          o: ['o@1.0.0', '', { dependencies: { a: '1' } }, SRI],
        },
      ),
    );
    assert.deepEqual(rows(result.packages), [
      ['a@1.0.0', '1.0.0', false, false, ['b@1.0.0', 'c@1.0.0']],
      ['b@1.0.0', '1.0.0', false, true, ['d@1.0.0']],
      ['c@1.0.0', '1.0.0', false, true, []],
      ['d@1.0.0', '1.0.0', false, true, []],
      ['o@1.0.0', '1.0.0', false, true, ['a@1.0.0']],
    ]);
  });

  it('warns on missing dependencies', () => {
    const result = parseText(
      lockText(
        { '': { dependencies: { a: '1', nope: '1' }, optionalDependencies: { maybe: '1' } } },
        {
          a: ['a@1.0.0', '', { dependencies: { lost: '1' }, optionalDependencies: { fsevents: '2' }, peerDependencies: { peer: '1' } }, SRI],
        },
      ),
    );
    assert.deepEqual(result.warnings, [
      'package "a" depends on lost, which is not in the lockfile',
      'workspace "" depends on nope, which is not in the lockfile',
    ]);
  });

  it('warns beside a binary lockfile', () => {
    const result = parseText(lockText({}, {}), { 'app/bun.lockb': '\u0000binary' });
    assert.deepEqual(result.warnings, ['bun.lockb next to bun.lock was not read: the binary lockfile format is not supported']);
  });

  it('comments and trailing commas', () => {
    const text = [
      '// written by hand',
      '{',
      '  "lockfileVersion": 0,',
      '  /* no workspaces */',
      '  "packages": {',
      '    "a": ["a@1.0.0", "", {}, "' + SRI + '",],',
      '  },',
      '}',
    ].join('\n');
    const result = parseText(text);
    assert.deepEqual(
      result.packages.map((p) => [p.key, p.line]),
      [['a@1.0.0', 6]],
    );
    assert.deepEqual(result.warnings, []);
  });

  it('skips malformed package entries', () => {
    const result = parseText(
      lockText(
        {},
        {
          ok: ['ok@1.0.0', '', {}, 'sha512-notbase64!'],
          object: { name: 'object' },
          empty: [],
          number: [42],
          noversion: ['noversion'],
          bare: ['bare@1.0.0'],
          [`${'a/'.repeat(65)}z`]: ['z@1.0.0', '', {}, SRI],
          '': ['blank@1.0.0', '', {}, SRI],
        },
      ),
    );
    assert.deepEqual(
      result.packages.map((p) => p.key),
      ['ok@1.0.0', 'bare@1.0.0'],
    );
    assert.deepEqual(result.warnings, [
      'package "object" is not a ["name@version", ...] array; skipped',
      'package "empty" is not a ["name@version", ...] array; skipped',
      'package "number" is not a ["name@version", ...] array; skipped',
      'package "noversion" is not a ["name@version", ...] array; skipped',
      `package "${'a/'.repeat(58)}a..." has an install path longer than bun writes; skipped`,
      'package "" is not a ["name@version", ...] array; skipped',
      'package "ok@1.0.0" has an invalid integrity value "sha512-notbase64!"',
    ]);
    assert.equal(byKey(result, 'ok@1.0.0').hashes, undefined);
  });

  it('prototype keys stay data', () => {
    const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
    const text =
      '{"lockfileVersion": 1, "workspaces": {"": {"dependencies": {"__proto__": "1"}}}, ' +
      `"packages": {"__proto__": ["__proto__@1.0.0", "", {"dependencies": {"constructor": "1"}}, "${SRI}"], ` +
      `"constructor": ["constructor@1.0.0", "", {}, "${SRI}"]}}`;
    const result = parseText(text);
    assert.deepEqual(rows(result.packages), [
      ['__proto__@1.0.0', '1.0.0', false, false, ['constructor@1.0.0']],
      ['constructor@1.0.0', '1.0.0', false, false, []],
    ]);
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeNames);
  });

  it('caps the warning list', () => {
    const packages: Record<string, unknown> = {};
    for (let index = 0; index < MAX_WARNINGS + 7; index += 1) packages[`bad${index}`] = {};
    const result = parseText(lockText({}, packages));
    assert.equal(result.warnings.length, MAX_WARNINGS + 1);
    assert.equal(result.warnings.at(-1), '7 more warnings not shown');
  });

  it('warns on unknown version', () => {
    const result = parseText('{"lockfileVersion": 7, "packages": {}}');
    assert.deepEqual(result.warnings, ['lockfileVersion 7 is unknown; read like version 2']);
  });
});

describe('bun-lock invalid and hostile input', () => {
  const invalid: Array<[string, string, RegExp]> = [
    ['empty file', '', /the file is empty/],
    ['missing comma', '{\n  "lockfileVersion": 1\n  "packages": {}\n}', /invalid JSONC at line 3: CommaExpected/],
    ['top-level array', '[1, 2]', /top level is not an object/],
    ['missing version', '{"packages": {}}', /lockfileVersion is missing or not a number/],
    ['text version', '{"lockfileVersion": "1", "packages": {}}', /lockfileVersion is missing or not a number/],
    ['missing packages', '{"lockfileVersion": 1}', /"packages" is missing or not an object/],
    ['array packages', '{"lockfileVersion": 1, "packages": []}', /"packages" is missing or not an object/],
    ['deep nesting', `{"lockfileVersion": 1, "packages": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`, /nested deeper than 64 levels/],
  ];
  for (const [name, text, message] of invalid) {
    it(`rejects ${name}`, () => {
      assert.throws(
        () => parseText(text),
        (error: unknown) => error instanceof LockfileError && error.path === 'app/bun.lock' && message.test(error.message),
      );
    });
  }

  it('rejects the binary lockfile', () => {
    assert.equal(bunLockbParser.matches('a/bun.lockb'), true);
    assert.equal(bunLockbParser.matches('a/bun.lock'), false);
    assert.throws(
      () => bunLockbParser.parse('\u0000', { path: 'a/bun.lockb', readFile: () => undefined }),
      (error: unknown) =>
        error instanceof LockfileError && /binary bun\.lockb format is not supported; run `bun install --save-text-lockfile/.test(error.message),
    );
  });

  it('matches by base name', () => {
    assert.equal(bunLockParser.matches('bun.lock'), true);
    assert.equal(bunLockParser.matches('web/bun.lock'), true);
    assert.equal(bunLockParser.matches('web/bun.lockb'), false);
    assert.equal(bunLockParser.matches('web/notbun.lock'), false);
  });

  it('survives a 20 MB string', () => {
    const text = `{"lockfileVersion": 1, "packages": {"a": ["a@1.0.0", "${'x'.repeat(20_000_000)}", {}, "${SRI}"]}}`;
    const result = parseText(text);
    assert.deepEqual(
      result.packages.map((p) => [p.key, p.source?.length]),
      [['a@1.0.0', 20_000_000]],
    );
  });

  it('parses a 20 MB lockfile', { timeout: 600_000 }, () => {
    const count = 115_000;
    const lines = ['{', '  "lockfileVersion": 1,', '  "workspaces": { "": { "dependencies": { "p0": "1" } } },', '  "packages": {'];
    // One long chain, so the graph walk goes 115,000 levels deep.
    for (let index = 0; index < count; index += 1) {
      const dependencies = index + 1 < count ? `{ "dependencies": { "p${index + 1}": "1.0.0" } }` : '{}';
      lines.push(`    "p${index}": ["p${index}@1.0.0", "", ${dependencies}, "${SRI}"],`);
    }
    lines.push('  }', '}');
    const text = lines.join('\n');
    assert.ok(text.length > 20_000_000, `${text.length} characters`);
    const result = parseText(text);
    assert.equal(result.packages.length, count);
    assert.equal(result.packages.filter((p) => p.dev === false).length, count);
    assert.equal(byKey(result, 'p114999@1.0.0').line, 5 + 114_999);
    assert.deepEqual(result.warnings, []);
  });
});
