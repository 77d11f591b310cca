import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { npmLockParser } from '../../../../src/scanners/deps/parsers/npm-lock.js';
import { visitJsonKeys } from '../../../../src/scanners/deps/parsers/npm-json-lines.js';
import { lookupFolders } from '../../../../src/scanners/deps/parsers/npm-node-modules.js';
import { hashesFromIntegrity, isDefaultRegistryUrl } from '../../../../src/scanners/deps/parsers/npm-sri.js';
import { MAX_V1_DEPTH } from '../../../../src/scanners/deps/parsers/npm-v1-tree.js';
import { matchesAnyWorkspace } from '../../../../src/scanners/deps/parsers/npm-workspaces.js';
import {
  LockfileError,
  type LockedPackage,
  type LockfileParseResult,
  type ParseContext,
} from '../../../../src/scanners/deps/types.js';

const FIXTURES = fileURLToPath(new URL('../../../../../test/fixtures/deps/npm/', import.meta.url));

/** Parses `file` of a fixture folder, with the folder as the scan root. */
function parseFixture(folder: string, file = 'package-lock.json'): LockfileParseResult {
  const root = join(FIXTURES, folder);
  const context: ParseContext = {
    path: file,
    readFile: (relative) => {
      try {
        return readFileSync(join(root, relative), 'utf8');
      } catch {
        return undefined;
      }
    },
  };
  return npmLockParser.parse(readFileSync(join(root, file), 'utf8'), context);
}

/** Parses `text` as `package-lock.json` at the root, with the given other files. */
function parseText(text: string, files: Record<string, string> = {}): LockfileParseResult {
  return npmLockParser.parse(text, { path: 'package-lock.json', readFile: (path) => files[path] });
}

function byKey(result: LockfileParseResult, key: string): LockedPackage {
  const found = result.packages.find((item) => item.key === key);
  assert.ok(found, `package ${key} missing`);
  return found;
}

/** `key name@version` plus flags, one string per package, sorted. */
function summary(result: LockfileParseResult): string[] {
  return result.packages
    .map((item) => {
      const flags = [item.dev === true ? ' dev' : '', item.optional === true ? ' optional' : ''].join('');
      return `${item.key} ${item.name}@${item.version}${flags}`;
    })
    .sort();
}

function edges(result: LockfileParseResult): Record<string, string[]> {
  return Object.fromEntries(result.packages.map((item) => [item.key, [...item.dependencies].sort()]));
}

function directMap(result: LockfileParseResult): Record<string, string> {
  return Object.fromEntries(result.direct.map((item) => [item.key, item.scope]));
}

function lines(result: LockfileParseResult): Record<string, number | undefined> {
  return Object.fromEntries(result.packages.map((item) => [item.key, item.line]));
}

const BASIC_SUMMARY = [
  'node_modules/@tootallnate/once @tootallnate/once@2.0.0',
  'node_modules/colorette colorette@2.0.20 optional',
  'node_modules/debug debug@2.6.9',
  'node_modules/debug/node_modules/ms ms@2.0.0',
  'node_modules/is-number is-number@6.0.0 dev',
  'node_modules/is-odd is-odd@3.0.1 dev',
  'node_modules/ms ms@2.1.3',
  'node_modules/my-ms ms@2.1.2',
];

const BASIC_EDGES = {
  'node_modules/@tootallnate/once': [],
  'node_modules/colorette': [],
  'node_modules/debug': ['node_modules/debug/node_modules/ms'],
  'node_modules/debug/node_modules/ms': [],
  'node_modules/is-number': [],
  'node_modules/is-odd': ['node_modules/is-number'],
  'node_modules/ms': [],
  'node_modules/my-ms': [],
};

const BASIC_DIRECT = {
  'node_modules/@tootallnate/once': 'production',
  'node_modules/debug': 'production',
  'node_modules/ms': 'production',
  'node_modules/my-ms': 'production',
  'node_modules/colorette': 'production',
  'node_modules/is-odd': 'development',
};

const MS_213_SHA512 =
  'e85973b9b4cb646dc9d9afcd542025784863ceae68c601f268253dc985ef70bb2fa1568726afece715c8ebf5d73fab73ed1f7100eb479d23bfb57b45dd645394';

describe('npmLockParser.matches', () => {
  it('accepts lockfile names', () => {
    assert.equal(npmLockParser.matches('package-lock.json'), true);
    assert.equal(npmLockParser.matches('npm-shrinkwrap.json'), true);
    assert.equal(npmLockParser.matches('apps/web/package-lock.json'), true);
  });

  it('rejects other names', () => {
    assert.equal(npmLockParser.matches('package.json'), false);
    assert.equal(npmLockParser.matches('yarn.lock'), false);
    assert.equal(npmLockParser.matches('package-lock.json.bak'), false);
    assert.equal(npmLockParser.matches('old-package-lock.json'), false);
  });
});

describe('npm lockfile version 3 from npm', () => {
  const result = parseFixture('basic-v3');

  it('lists every package', () => {
    assert.deepEqual(summary(result), BASIC_SUMMARY);
    assert.equal(result.ecosystem, 'npm');
    assert.equal(result.projectName, 'basic-app');
    assert.equal(result.projectVersion, '1.2.3');
    assert.deepEqual(result.warnings, []);
    assert.equal(result.manifest, undefined);
  });

  it('resolves nested duplicate edges', () => {
    assert.deepEqual(edges(result), BASIC_EDGES);
  });

  it('scopes direct dependencies', () => {
    assert.deepEqual(directMap(result), BASIC_DIRECT);
    assert.equal(result.direct.length, 6);
  });

  it('records lines of keys', () => {
    assert.deepEqual(lines(result), {
      'node_modules/@tootallnate/once': 24,
      'node_modules/colorette': 33,
      'node_modules/debug': 40,
      'node_modules/debug/node_modules/ms': 49,
      'node_modules/is-number': 55,
      'node_modules/is-odd': 65,
      'node_modules/ms': 78,
      'node_modules/my-ms': 84,
    });
  });

  it('converts integrity to hex', () => {
    assert.deepEqual(byKey(result, 'node_modules/ms').hashes, [
      { algorithm: 'SHA-512', value: MS_213_SHA512 },
    ]);
    for (const item of result.packages) assert.equal(item.hashes?.length, 1, item.key);
  });

  it('keeps licence, drops registry source', () => {
    const once = byKey(result, 'node_modules/@tootallnate/once');
    assert.equal(once.license, 'MIT');
    assert.equal(once.source, undefined);
    assert.equal(once.dev, undefined);
  });

  it('names aliases by their package', () => {
    const alias = byKey(result, 'node_modules/my-ms');
    assert.equal(alias.name, 'ms');
    assert.equal(alias.version, '2.1.2');
  });
});

describe('npm lockfile version 2 from npm', () => {
  it('matches the version 3 result', () => {
    const v2 = parseFixture('basic-v2');
    const v3 = parseFixture('basic-v3');
    assert.deepEqual(v2.packages, v3.packages);
    assert.deepEqual(v2.direct, v3.direct);
    assert.deepEqual(v2.warnings, []);
  });
});

describe('npm lockfile version 1 from npm', () => {
  const result = parseFixture('basic-v1');

  it('lists the same packages', () => {
    assert.deepEqual(summary(result), BASIC_SUMMARY);
    assert.deepEqual(edges(result), BASIC_EDGES);
    assert.deepEqual(result.warnings, []);
  });

  it('takes direct dependencies from package.json', () => {
    assert.deepEqual(directMap(result), BASIC_DIRECT);
    assert.equal(result.manifest, 'package.json');
  });

  it('records lines of nested keys', () => {
    assert.deepEqual(lines(result), {
      'node_modules/@tootallnate/once': 7,
      'node_modules/colorette': 12,
      'node_modules/debug': 18,
      'node_modules/debug/node_modules/ms': 26,
      'node_modules/is-number': 33,
      'node_modules/is-odd': 39,
      'node_modules/ms': 48,
      'node_modules/my-ms': 53,
    });
  });

  it('reads alias versions', () => {
    const alias = byKey(result, 'node_modules/my-ms');
    assert.equal(alias.name, 'ms');
    assert.equal(alias.version, '2.1.2');
    assert.deepEqual(alias.hashes?.map((hash) => hash.algorithm), ['SHA-512']);
  });

  it('guesses direct without package.json', () => {
    const text = readFileSync(join(FIXTURES, 'basic-v1', 'package-lock.json'), 'utf8');
    const guessed = parseText(text);
    assert.deepEqual(directMap(guessed), {
      'node_modules/@tootallnate/once': 'production',
      'node_modules/colorette': 'production',
      'node_modules/debug': 'production',
      'node_modules/is-odd': 'development',
      'node_modules/ms': 'production',
      'node_modules/my-ms': 'production',
    });
    assert.equal(guessed.manifest, undefined);
    assert.equal(guessed.warnings.length, 1);
    assert.match(guessed.warnings[0] ?? '', /^package\.json not readable; direct dependencies guessed/);
  });
});

describe('npm workspaces from npm', () => {
  const result = parseFixture('workspaces-v3');

  it('leaves workspaces out of packages', () => {
    assert.deepEqual(summary(result), [
      'node_modules/debug debug@2.6.9',
      'node_modules/debug/node_modules/ms ms@2.0.0',
      'node_modules/function-bind function-bind@1.1.2',
      'node_modules/hasown hasown@2.0.4',
      'node_modules/is-core-module is-core-module@2.18.0',
      'node_modules/is-number is-number@6.0.0 dev',
      'node_modules/is-odd is-odd@3.0.1 dev',
      'node_modules/ms ms@2.1.3',
      'node_modules/path-parse path-parse@1.0.7',
      'node_modules/resolve resolve@1.22.8',
      'node_modules/supports-preserve-symlinks-flag supports-preserve-symlinks-flag@1.0.0',
      'packages/web/node_modules/debug debug@4.3.7',
    ]);
    assert.deepEqual(result.warnings, []);
    assert.equal(result.projectName, 'ws-root');
  });

  it('makes member dependencies direct', () => {
    assert.deepEqual(directMap(result), {
      'node_modules/is-odd': 'development',
      'node_modules/debug': 'production',
      'node_modules/ms': 'production',
      'node_modules/resolve': 'production',
      'packages/web/node_modules/debug': 'production',
    });
  });

  it('resolves from workspace folders upward', () => {
    assert.deepEqual(byKey(result, 'packages/web/node_modules/debug').dependencies, ['node_modules/ms']);
    assert.equal(byKey(result, 'packages/web/node_modules/debug').line, 155);
    assert.deepEqual([...byKey(result, 'node_modules/resolve').dependencies].sort(), [
      'node_modules/is-core-module',
      'node_modules/path-parse',
      'node_modules/supports-preserve-symlinks-flag',
    ]);
  });
});

describe('npm file dependency from npm', () => {
  it('follows the link to the folder', () => {
    const result = parseFixture('local-v3');
    assert.deepEqual(summary(result), ['node_modules/ms ms@2.1.3', 'vendor/filedep filedep@2.0.0']);
    const local = byKey(result, 'vendor/filedep');
    assert.equal(local.source, 'vendor/filedep');
    assert.equal(local.line, 24);
    assert.deepEqual(local.dependencies, ['node_modules/ms']);
    assert.deepEqual(directMap(result), { 'vendor/filedep': 'production' });
    assert.deepEqual(result.warnings, []);
  });
});

describe('npm shrinkwrap with links', () => {
  const result = parseFixture('shrinkwrap-links', 'npm-shrinkwrap.json');

  it('lists packages and local folders', () => {
    assert.deepEqual(summary(result), [
      '../local-lib local-lib@0.1.0',
      'apps/site/web/node_modules/@s/b @s/b@2.0.0',
      'node_modules/@s/a @s/a@1.0.0 dev',
      'node_modules/@s/a/node_modules/@s/b @s/b@1.5.0 optional',
      'node_modules/@s/b @s/b@1.0.0',
      'node_modules/gitpkg gitpkg@1.2.0',
      'node_modules/peer-only peer-only@1.0.0',
      'node_modules/renamed @real/pkg@3.1.4',
      'node_modules/vendored vendored@1.0.0',
    ]);
    assert.equal(result.projectName, 'linked-app');
    assert.equal(result.projectVersion, '2.0.0');
  });

  it('resolves scoped and peer edges', () => {
    assert.deepEqual(edges(result), {
      '../local-lib': ['node_modules/@s/b'],
      'apps/site/web/node_modules/@s/b': [],
      'node_modules/@s/a': ['node_modules/@s/a/node_modules/@s/b', 'node_modules/peer-only'],
      'node_modules/@s/a/node_modules/@s/b': [],
      'node_modules/@s/b': [],
      'node_modules/gitpkg': [],
      'node_modules/peer-only': [],
      'node_modules/renamed': [],
      'node_modules/vendored': [],
    });
  });

  it('scopes root and workspace dependencies', () => {
    assert.deepEqual(directMap(result), {
      '../local-lib': 'production',
      'node_modules/renamed': 'production',
      'node_modules/gitpkg': 'production',
      'node_modules/vendored': 'production',
      'node_modules/peer-only': 'production',
      'node_modules/@s/a': 'development',
      'apps/site/web/node_modules/@s/b': 'production',
    });
  });

  it('reports non-registry sources', () => {
    assert.equal(byKey(result, '../local-lib').source, '../local-lib');
    assert.equal(
      byKey(result, 'node_modules/gitpkg').source,
      'git+ssh://git@github.com/example/gitpkg.git#89abcdef0123456789abcdef0123456789abcdef',
    );
    assert.equal(byKey(result, 'node_modules/vendored').source, 'https://example.com/vendored-1.0.0.tgz');
    assert.equal(byKey(result, 'node_modules/@s/b').source, undefined);
  });

  it('reads several and invalid hashes', () => {
    assert.deepEqual(byKey(result, 'apps/site/web/node_modules/@s/b').hashes, [
      { algorithm: 'SHA-256', value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
      { algorithm: 'SHA-1', value: 'a9435827c914ef06c69b624b068e84233d504f89' },
    ]);
    assert.equal(byKey(result, 'node_modules/vendored').hashes, undefined);
  });

  it('records licences and lines', () => {
    assert.equal(byKey(result, '../local-lib').license, 'MIT');
    assert.equal(byKey(result, 'node_modules/@s/b').license, 'Apache-2.0');
    assert.deepEqual(lines(result), {
      '../local-lib': 29,
      'apps/site/web/node_modules/@s/b': 48,
      'node_modules/@s/a': 53,
      'node_modules/@s/a/node_modules/@s/b': 66,
      'node_modules/@s/b': 70,
      'node_modules/gitpkg': 78,
      'node_modules/peer-only': 86,
      'node_modules/renamed': 90,
      'node_modules/vendored': 95,
    });
  });

  it('warns about broken entries', () => {
    assert.deepEqual(result.warnings, [
      'packages["node_modules/no-version"] has no version; skipped',
      'root project: dependencies entry ghost not found in the lockfile',
      'workspace tools/cli: dependencies entry dangling not found in the lockfile',
    ]);
  });
});

describe('npm lockfile version 1 nested', () => {
  const result = parseFixture('v1-nested');

  it('flattens the tree to install paths', () => {
    assert.deepEqual(summary(result), [
      'node_modules/@scope/alias @real/pkg@3.1.4',
      'node_modules/alpha alpha@1.0.0',
      'node_modules/alpha/node_modules/beta beta@1.0.0',
      'node_modules/alpha/node_modules/beta/node_modules/gamma gamma@2.0.0',
      'node_modules/beta beta@2.0.0 dev',
      'node_modules/gamma gamma@1.0.0',
      'node_modules/git-dep git-dep@git+https://github.com/example/git-dep.git#0123456789abcdef0123456789abcdef01234567',
      'node_modules/local-lib local-lib@file:../local-lib optional',
    ]);
    assert.equal(result.projectName, 'nested-app');
    assert.equal(result.projectVersion, '0.3.0');
  });

  it('resolves requires up the tree', () => {
    assert.deepEqual(edges(result), {
      'node_modules/@scope/alias': [],
      'node_modules/alpha': ['node_modules/alpha/node_modules/beta', 'node_modules/gamma'],
      'node_modules/alpha/node_modules/beta': ['node_modules/alpha/node_modules/beta/node_modules/gamma'],
      'node_modules/alpha/node_modules/beta/node_modules/gamma': [],
      'node_modules/beta': ['node_modules/gamma'],
      'node_modules/gamma': [],
      'node_modules/git-dep': [],
      'node_modules/local-lib': [],
    });
  });

  it('scopes direct from package.json', () => {
    assert.deepEqual(directMap(result), {
      'node_modules/beta': 'development',
      'node_modules/alpha': 'production',
      'node_modules/git-dep': 'production',
      'node_modules/@scope/alias': 'production',
      'node_modules/local-lib': 'production',
    });
    assert.equal(result.manifest, 'package.json');
  });

  it('reads sources, hashes, licences, lines', () => {
    const gitDep = byKey(result, 'node_modules/git-dep');
    assert.equal(gitDep.source, 'git+https://github.com/example/git-dep.git#0123456789abcdef0123456789abcdef01234567');
    assert.equal(byKey(result, 'node_modules/local-lib').source, 'file:../local-lib');
    assert.deepEqual(byKey(result, 'node_modules/alpha').hashes, [
      { algorithm: 'SHA-1', value: 'a9435827c914ef06c69b624b068e84233d504f89' },
    ]);
    assert.deepEqual(byKey(result, 'node_modules/@scope/alias').hashes, [
      { algorithm: 'SHA-512', value: '00'.repeat(64) },
    ]);
    assert.equal(byKey(result, 'node_modules/gamma').license, 'ISC');
    assert.deepEqual(lines(result), {
      'node_modules/alpha': 7,
      'node_modules/beta': 29,
      'node_modules/gamma': 36,
      'node_modules/git-dep': 42,
      'node_modules/local-lib': 46,
      'node_modules/@scope/alias': 50,
      'node_modules/alpha/node_modules/beta': 16,
      'node_modules/alpha/node_modules/beta/node_modules/gamma': 22,
    });
  });

  it('warns about broken references', () => {
    assert.deepEqual(result.warnings, [
      'node_modules/broken: entry has no version; skipped',
      'node_modules/@scope/alias: required nowhere not found in the lockfile',
      'package.json: dependency absent-dev not found in the lockfile',
    ]);
  });

  it('uses the lockfile folder for package.json', () => {
    const text = readFileSync(join(FIXTURES, 'v1-nested', 'package-lock.json'), 'utf8');
    const manifest = readFileSync(join(FIXTURES, 'v1-nested', 'package.json'), 'utf8');
    const nested = npmLockParser.parse(text, {
      path: 'apps/api/package-lock.json',
      readFile: (path) => (path === 'apps/api/package.json' ? manifest : undefined),
    });
    assert.equal(nested.manifest, 'apps/api/package.json');
    assert.equal(nested.direct.length, 5);
  });
});

describe('npm lockfile malformed input', () => {
  function parseError(text: string): LockfileError {
    try {
      parseText(text);
    } catch (error) {
      assert.ok(error instanceof LockfileError, String(error));
      return error;
    }
    assert.fail('expected a LockfileError');
  }

  it('rejects truncated JSON', () => {
    const text = readFileSync(join(FIXTURES, 'basic-v3', 'package-lock.json'), 'utf8');
    const error = parseError(text.slice(0, 500));
    assert.match(error.message, /^package-lock\.json: invalid JSON \(.+\); regenerate it with npm install$/);
    assert.equal(error.path, 'package-lock.json');
  });

  it('rejects non-object top levels', () => {
    assert.match(parseError('[]').message, /the top level is not a JSON object/);
    assert.match(parseError('"text"').message, /the top level is not a JSON object/);
    assert.match(parseError('null').message, /the top level is not a JSON object/);
  });

  it('rejects missing or bad versions', () => {
    assert.match(parseError('{}').message, /no lockfileVersion, packages or dependencies/);
    assert.match(parseError('{"lockfileVersion":"3"}').message, /invalid lockfileVersion "3"/);
    assert.match(parseError('{"lockfileVersion":0}').message, /invalid lockfileVersion 0/);
    assert.match(parseError('{"lockfileVersion":3,"packages":[]}').message, /"packages" or "dependencies" is not an object/);
  });

  it('reads newer versions with warning', () => {
    const result = parseText('{"lockfileVersion":4,"packages":{"":{"name":"x"},"node_modules/a":{"version":"1.0.0"}}}');
    assert.deepEqual(summary(result), ['node_modules/a a@1.0.0']);
    assert.deepEqual(result.warnings, ['lockfileVersion 4 is newer than this parser knows; read as version 3']);
  });

  it('falls back to the v1 tree', () => {
    const result = parseText('{"lockfileVersion":2,"dependencies":{"a":{"version":"1.0.0"}}}');
    assert.deepEqual(summary(result), ['node_modules/a a@1.0.0']);
    assert.equal(result.warnings[0], 'lockfileVersion 2 without "packages"; read as version 1');
  });

  it('reads a lockfile without packages', () => {
    const result = parseText('{"name":"empty","version":"1.0.0","lockfileVersion":3}');
    assert.deepEqual(result.packages, []);
    assert.deepEqual(result.direct, []);
    assert.deepEqual(result.warnings, []);
    assert.equal(result.projectName, 'empty');
  });

  it('reads packages under version 1', () => {
    const result = parseText('{"lockfileVersion":1,"packages":{"node_modules/a":{"version":"1.0.0"}}}');
    assert.deepEqual(summary(result), ['node_modules/a a@1.0.0']);
  });

  it('skips entries of the wrong type', () => {
    const result = parseText(
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { dependencies: { a: '1', b: '1' }, devDependencies: 'x' },
          'node_modules/a': 'not an object',
          'node_modules/b': { version: 7 },
          'node_modules/c': { version: '1.0.0', dependencies: ['a'], integrity: 42, license: 3 },
          'node_modules/a/b/c': { version: '1.0.0' },
        },
      }),
    );
    assert.deepEqual(summary(result), ['node_modules/a/b/c c@1.0.0', 'node_modules/c c@1.0.0']);
    assert.equal(byKey(result, 'node_modules/c').hashes, undefined);
    assert.equal(byKey(result, 'node_modules/c').license, undefined);
    assert.deepEqual(result.warnings, [
      'packages["node_modules/a"] is not an object; skipped',
      'packages["node_modules/b"] has no version; skipped',
      'root project: dependencies entry a not found in the lockfile',
      'root project: dependencies entry b not found in the lockfile',
    ]);
  });

  it('strips a byte order mark', () => {
    const result = parseText('\uFEFF{"lockfileVersion":3,"packages":{"node_modules/a":{"version":"1.0.0"}}}');
    assert.deepEqual(summary(result), ['node_modules/a a@1.0.0']);
    assert.equal(byKey(result, 'node_modules/a').line, 1);
  });

  it('ignores prototype keys', () => {
    const result = parseText(
      '{"lockfileVersion":3,"packages":{"__proto__":{"version":"1.0.0"},"node_modules/constructor":{"version":"2.0.0"},"":{"dependencies":{"constructor":"2","toString":"1"}}}}',
    );
    assert.deepEqual(summary(result), ['__proto__ __proto__@1.0.0', 'node_modules/constructor constructor@2.0.0']);
    assert.deepEqual(directMap(result), { 'node_modules/constructor': 'production' });
    assert.deepEqual(result.warnings, ['root project: dependencies entry toString not found in the lockfile']);
  });
});

describe('npm lockfile hostile input', () => {
  it('parses a 20 MB lockfile', () => {
    const packages: Record<string, unknown> = { '': { name: 'big', dependencies: { 'pkg-0': '1.0.0' } } };
    const integrity = `sha512-${Buffer.alloc(64, 7).toString('base64')}`;
    let count = 0;
    for (let size = 0; size < 20_000_000; count++) {
      const entry = {
        version: `1.0.${count}`,
        resolved: `https://registry.npmjs.org/pkg-${count}/-/pkg-${count}-1.0.${count}.tgz`,
        integrity,
        license: 'MIT',
        dependencies: { [`pkg-${count + 1}`]: '^1.0.0', 'pkg-0': '*' },
      };
      packages[`node_modules/pkg-${count}`] = entry;
      size += 300;
    }
    const text = JSON.stringify({ lockfileVersion: 3, packages }, null, 2);
    assert.ok(text.length > 20_000_000);
    const started = Date.now();
    const result = parseText(text);
    assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
    assert.equal(result.packages.length, count);
    assert.deepEqual(byKey(result, 'node_modules/pkg-5').dependencies, ['node_modules/pkg-6', 'node_modules/pkg-0']);
    assert.equal(byKey(result, 'node_modules/pkg-0').line, 10);
    // The last package's `pkg-<count>` dependency does not exist.
    assert.deepEqual(result.warnings, [`node_modules/pkg-${count - 1}: dependency pkg-${count} not found in the lockfile`]);
  });

  it('survives deeply nested v1 dependencies', () => {
    const depth = 200_000;
    const text = `{"lockfileVersion":1,"dependencies":${'{"a":{"version":"1.0.0","requires":{"a":"1"},"dependencies":'.repeat(depth)}{}${'}}'.repeat(depth)}}`;
    const result = parseText(text);
    assert.equal(result.packages.length, MAX_V1_DEPTH);
    const deepest = `node_modules/a${'/node_modules/a'.repeat(MAX_V1_DEPTH - 1)}`;
    assert.equal(byKey(result, deepest).line, 1);
    // Each `a` requires `a`, which resolves to the nearest one: its own child.
    assert.deepEqual(byKey(result, 'node_modules/a').dependencies, ['node_modules/a/node_modules/a']);
    assert.deepEqual(byKey(result, deepest).dependencies, []);
    assert.ok(result.warnings.includes(`dependencies nested deeper than ${MAX_V1_DEPTH} levels were skipped`));
  });

  it('survives deep nesting elsewhere', () => {
    const depth = 1_000_000;
    const text = `{"lockfileVersion":3,"x":${'['.repeat(depth)}${']'.repeat(depth)},"packages":{"node_modules/a":{"version":"1.0.0"}}}`;
    const result = parseText(text);
    assert.deepEqual(summary(result), ['node_modules/a a@1.0.0']);
    assert.equal(byKey(result, 'node_modules/a').line, 1);
  });

  it('skips overlong and deep keys', () => {
    const longName = 'x'.repeat(2000);
    const deepKey = `node_modules/a${'/node_modules/a'.repeat(100)}`;
    const result = parseText(
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          [`node_modules/${longName}`]: { version: '1.0.0' },
          [deepKey]: { version: '1.0.0' },
          'node_modules/ok': { version: '1.0.0' },
          '': {},
        },
      }),
    );
    assert.deepEqual(summary(result), ['node_modules/ok ok@1.0.0']);
    assert.equal(result.warnings.length, 2);
    assert.match(result.warnings[0] ?? '', /^packages key is longer or deeper than npm writes; skipped: node_modules\/x+…$/);
    assert.match(result.warnings[1] ?? '', /^packages key is longer or deeper than npm writes; skipped: node_modules\/a\/node_modules/);
  });

  it('caps the number of warnings', () => {
    const dependencies: Record<string, string> = {};
    for (let i = 0; i < 10_000; i++) dependencies[`missing-${i}`] = '1.0.0';
    const result = parseText(
      JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/a': { version: '1.0.0', dependencies } } }),
    );
    assert.equal(result.warnings.length, 51);
    assert.equal(result.warnings[0], 'no root entry (packages[""]); direct dependencies unknown');
    assert.equal(result.warnings[1], 'node_modules/a: dependency missing-0 not found in the lockfile');
    assert.equal(result.warnings[50], '9951 more warnings not shown');
  });
});

describe('npm parser helpers', () => {
  it('finds key lines with escapes', () => {
    const found: string[] = [];
    visitJsonKeys('{\n "a\\"b": {\n  "c": "x\\\\",\n  "d": ["e:", {"f": 1}]\n }\n}', (parents, key, line) => {
      found.push(`${parents.slice(1).join('>')}|${key}|${line}`);
    });
    assert.deepEqual(found, ['|a"b|2', 'a"b|c|3', 'a"b|d|4', 'a"b>d>\u0000|f|4']);
  });

  it('converts SRI strings', () => {
    assert.deepEqual(hashesFromIntegrity('sha1-qUNYJ8kU7wbGm2JLBo6EIz1QT4k=?opt md5-AAAA sha512-short'), [
      { algorithm: 'SHA-1', value: 'a9435827c914ef06c69b624b068e84233d504f89' },
    ]);
    assert.deepEqual(hashesFromIntegrity(''), []);
    assert.deepEqual(hashesFromIntegrity('sha256-!!!!'), []);
  });

  it('recognises the default registries', () => {
    assert.equal(isDefaultRegistryUrl('https://registry.npmjs.org/a/-/a-1.0.0.tgz'), true);
    assert.equal(isDefaultRegistryUrl('https://registry.yarnpkg.com/a/-/a-1.0.0.tgz#abc'), true);
    assert.equal(isDefaultRegistryUrl('https://registry.npmjs.org.evil.example/a.tgz'), false);
    assert.equal(isDefaultRegistryUrl('git+https://registry.npmjs.org/a.git'), false);
    assert.equal(isDefaultRegistryUrl('not a url'), false);
  });

  it('matches workspace globs', () => {
    assert.equal(matchesAnyWorkspace('packages/web', ['packages/*']), true);
    assert.equal(matchesAnyWorkspace('packages/web/sub', ['packages/*']), false);
    assert.equal(matchesAnyWorkspace('apps/a/b/c', ['apps/**']), true);
    assert.equal(matchesAnyWorkspace('apps', ['apps/**']), true);
    assert.equal(matchesAnyWorkspace('x/apps/y', ['**/apps/*']), true);
    assert.equal(matchesAnyWorkspace('libs/ui-kit', ['libs/ui-?it']), true);
    assert.equal(matchesAnyWorkspace('libs/ui-kit', ['libs/*-kat']), false);
    assert.equal(matchesAnyWorkspace('tools/cli', ['tools/cli']), true);
    assert.equal(matchesAnyWorkspace('tools/cli', ['!tools/cli']), false);
    assert.equal(matchesAnyWorkspace(`a/${'b'.repeat(5000)}`, [`a/${'*b'.repeat(50)}c`]), false);
  });

  it('lists lookup folders nearest first', () => {
    assert.deepEqual(lookupFolders('node_modules/@s/a/node_modules/b'), [
      'node_modules/@s/a/node_modules/b',
      'node_modules/@s/a',
      '',
    ]);
    assert.deepEqual(lookupFolders('packages/web/node_modules/x'), [
      'packages/web/node_modules/x',
      'packages/web',
      'packages',
      '',
    ]);
  });
});
