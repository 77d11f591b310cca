import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MAX_DEPENDENCY_REFERENCES } from '../../../../src/scanners/deps/parsers/yarn-graph.js';
import { splitHeader } from '../../../../src/scanners/deps/parsers/yarn-lines.js';
import { yarnLockParser } from '../../../../src/scanners/deps/parsers/yarn-lock.js';
import {
  LockfileError,
  type LockedPackage,
  type LockfileParseResult,
  type ParseContext,
} from '../../../../src/scanners/deps/types.js';

const FIXTURES = fileURLToPath(new URL('../../../../../test/fixtures/deps/yarn/', import.meta.url));

function readFixture(folder: string, file = 'yarn.lock'): string {
  return readFileSync(join(FIXTURES, folder, file), 'utf8');
}

/** Parses a fixture's yarn.lock with the fixture folder as the scan root. */
function parseFixture(folder: string, packageManifests?: string[]): LockfileParseResult {
  const root = join(FIXTURES, folder);
  const context: ParseContext = {
    ...(packageManifests ? { packageManifests } : {}),
    path: 'yarn.lock',
    readFile: (relative) => {
      try {
        return readFileSync(join(root, relative), 'utf8');
      } catch {
        return undefined;
      }
    },
  };
  return yarnLockParser.parse(readFixture(folder), context);
}

/** Parses `text` as a root yarn.lock, with the given other files. */
function parseText(text: string, files: Record<string, string> = {}): LockfileParseResult {
  return yarnLockParser.parse(text, { path: 'yarn.lock', readFile: (path) => files[path] });
}

function parseError(text: string): LockfileError {
  try {
    parseText(text);
  } catch (error) {
    assert.ok(error instanceof LockfileError, String(error));
    return error;
  }
  assert.fail('expected a LockfileError');
}

function byKey(result: LockfileParseResult, key: string): LockedPackage {
  const found = result.packages.find((item) => item.key === key);
  assert.ok(found, `package ${key} missing`);
  return found;
}

function keys(result: LockfileParseResult): string[] {
  return result.packages.map((item) => item.key).sort();
}

function names(result: LockfileParseResult): string[] {
  return result.packages.map((item) => `${item.name}@${item.version}`).sort();
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

const BASIC_KEYS = [
  '@tootallnate/once@2.0.0',
  'colorette@2.0.20',
  'debug@2.6.9',
  'is-number@6.0.0',
  'is-odd@3.0.1',
  'ms@2.0.0',
  'ms@2.1.2',
  'ms@2.1.3',
];

const BASIC_EDGES = {
  '@tootallnate/once@2.0.0': [],
  'colorette@2.0.20': [],
  'debug@2.6.9': ['ms@2.0.0'],
  'is-number@6.0.0': [],
  'is-odd@3.0.1': ['is-number@6.0.0'],
  'ms@2.0.0': [],
  'ms@2.1.2': [],
  'ms@2.1.3': [],
};

const BASIC_DIRECT = {
  '@tootallnate/once@2.0.0': 'production',
  'colorette@2.0.20': 'production',
  'debug@2.6.9': 'production',
  'is-odd@3.0.1': 'development',
  'ms@2.1.3': 'production',
  'ms@2.1.2': 'production',
};

const WORKSPACE_KEYS = [
  'debug@2.6.9',
  'debug@4.3.7',
  'function-bind@1.1.2',
  'hasown@2.0.4',
  'is-core-module@2.18.0',
  'is-number@6.0.0',
  'is-odd@3.0.1',
  'ms@2.0.0',
  'ms@2.1.3',
  'path-parse@1.0.7',
  'resolve@1.22.8',
  'supports-preserve-symlinks-flag@1.0.0',
];

const WORKSPACE_EDGES = {
  'debug@2.6.9': ['ms@2.0.0'],
  'debug@4.3.7': ['ms@2.1.3'],
  'function-bind@1.1.2': [],
  'hasown@2.0.4': ['function-bind@1.1.2'],
  'is-core-module@2.18.0': ['hasown@2.0.4'],
  'is-number@6.0.0': [],
  'is-odd@3.0.1': ['is-number@6.0.0'],
  'ms@2.0.0': [],
  'ms@2.1.3': [],
  'path-parse@1.0.7': [],
  'resolve@1.22.8': ['is-core-module@2.18.0', 'path-parse@1.0.7', 'supports-preserve-symlinks-flag@1.0.0'],
  'supports-preserve-symlinks-flag@1.0.0': [],
};

const MS_213_SHA512 =
  'e85973b9b4cb646dc9d9afcd542025784863ceae68c601f268253dc985ef70bb2fa1568726afece715c8ebf5d73fab73ed1f7100eb479d23bfb57b45dd645394';

describe('yarnLockParser.matches', () => {
  it('accepts yarn.lock only', () => {
    assert.equal(yarnLockParser.matches('yarn.lock'), true);
    assert.equal(yarnLockParser.matches('apps/web/yarn.lock'), true);
    assert.equal(yarnLockParser.matches('yarn.lock.orig'), false);
    assert.equal(yarnLockParser.matches('package-lock.json'), false);
    assert.equal(yarnLockParser.matches('my-yarn.lock'), false);
  });
});

describe('yarn 1 lockfile from yarn', () => {
  const result = parseFixture('basic-v1');

  it('lists every package', () => {
    assert.deepEqual(keys(result), BASIC_KEYS);
    assert.equal(result.ecosystem, 'npm');
    assert.deepEqual(result.warnings, []);
    for (const item of result.packages) assert.equal(item.dev, undefined, item.key);
  });

  it('resolves edges by descriptor', () => {
    assert.deepEqual(edges(result), BASIC_EDGES);
  });

  it('scopes direct from package.json', () => {
    assert.deepEqual(directMap(result), BASIC_DIRECT);
    assert.equal(result.manifest, 'package.json');
    assert.equal(result.projectName, 'basic-app');
    assert.equal(result.projectVersion, '1.2.3');
  });

  it('names the alias by its package', () => {
    const alias = byKey(result, 'ms@2.1.2');
    assert.equal(alias.name, 'ms');
    assert.equal(alias.line, 44);
  });

  it('converts integrity, drops registry source', () => {
    const ms = byKey(result, 'ms@2.1.3');
    assert.deepEqual(ms.hashes, [{ algorithm: 'SHA-512', value: MS_213_SHA512 }]);
    assert.equal(ms.source, undefined);
    assert.equal(ms.line, 39);
  });

  it('records header lines', () => {
    assert.deepEqual(lines(result), {
      '@tootallnate/once@2.0.0': 5,
      'colorette@2.0.20': 10,
      'debug@2.6.9': 15,
      'is-number@6.0.0': 22,
      'is-odd@3.0.1': 27,
      'ms@2.0.0': 34,
      'ms@2.1.3': 39,
      'ms@2.1.2': 44,
    });
  });

  it('guesses direct without package.json', () => {
    const guessed = parseText(readFixture('basic-v1'));
    assert.deepEqual(directMap(guessed), {
      '@tootallnate/once@2.0.0': 'production',
      'colorette@2.0.20': 'production',
      'debug@2.6.9': 'production',
      'is-odd@3.0.1': 'production',
      'ms@2.1.3': 'production',
      'ms@2.1.2': 'production',
    });
    assert.equal(guessed.manifest, undefined);
    assert.deepEqual(guessed.warnings, [
      'package.json not readable; direct dependencies guessed as the entries nothing depends on',
    ]);
  });

  it('reads package.json beside a nested lockfile', () => {
    const manifest = readFixture('basic-v1', 'package.json');
    const nested = yarnLockParser.parse(readFixture('basic-v1'), {
      path: 'apps/site/yarn.lock',
      readFile: (path) => (path === 'apps/site/package.json' ? manifest : undefined),
    });
    assert.equal(nested.manifest, 'apps/site/package.json');
    assert.deepEqual(directMap(nested), BASIC_DIRECT);
  });
});

describe('yarn 1 workspaces from yarn', () => {
  const result = parseFixture('workspaces-v1');

  it('merges descriptors into one entry', () => {
    assert.deepEqual(keys(result), WORKSPACE_KEYS);
    assert.deepEqual(edges(result), WORKSPACE_EDGES);
    assert.equal(byKey(result, 'ms@2.1.3').line, 55);
    assert.equal(byKey(result, 'resolve@1.22.8').line, 65);
  });

  it('guesses members from graph roots', () => {
    assert.deepEqual(directMap(result), {
      'is-odd@3.0.1': 'development',
      'debug@2.6.9': 'production',
      'debug@4.3.7': 'production',
      'resolve@1.22.8': 'production',
    });
    assert.deepEqual(result.warnings, [
      'workspace globs cannot be expanded from the lockfile; entries nothing depends on are taken as direct production dependencies',
    ]);
  });
});

describe('yarn 1 workspace globs with a file list', () => {
  it('expands packages/* from discovered manifests', () => {
    const manifests = ['package.json', 'packages/api/package.json', 'packages/web/package.json', 'other/package.json'];
    const result = parseFixture('workspaces-v1', manifests);
    assert.deepEqual(directMap(result), {
      'is-odd@3.0.1': 'development',
      'debug@2.6.9': 'production',
      'debug@4.3.7': 'production',
      'ms@2.1.3': 'production',
      'resolve@1.22.8': 'production',
    });
    assert.deepEqual(result.warnings, []);
  });
});

describe('yarn 1 local dependencies from yarn', () => {
  it('reports file and link sources', () => {
    const result = parseFixture('local-v1');
    assert.deepEqual(keys(result), ['filedep@2.0.0', 'ms@2.1.3', 'thing@0.0.0']);
    assert.equal(byKey(result, 'filedep@2.0.0').source, 'file:./vendor/filedep');
    assert.equal(byKey(result, 'thing@0.0.0').source, 'link:./vendor/thing');
    assert.equal(byKey(result, 'filedep@2.0.0').hashes, undefined);
    assert.deepEqual(byKey(result, 'filedep@2.0.0').dependencies, ['ms@2.1.3']);
    assert.deepEqual(directMap(result), { 'filedep@2.0.0': 'production', 'thing@0.0.0': 'production' });
    assert.deepEqual(result.warnings, []);
  });
});

describe('yarn 1 hand-written cases', () => {
  const result = parseFixture('v1-hand');

  it('merges aliases of one tarball', () => {
    assert.deepEqual(keys(result), [
      '@real/helper@1.2.0',
      '@real/pkg@3.1.4',
      'gitpkg@1.2.0',
      'gitpkg@1.2.0 (gitpkg@^1.2.0)',
      'mirror-pkg@2.0.0',
      'tool-dep@1.0.0',
    ]);
    const pkg = byKey(result, '@real/pkg@3.1.4');
    assert.equal(pkg.line, 5);
    assert.deepEqual(pkg.dependencies, ['@real/helper@1.2.0']);
  });

  it('keeps same version apart by source', () => {
    const git = byKey(result, 'gitpkg@1.2.0');
    assert.equal(git.source, 'https://codeload.github.com/example/gitpkg/tar.gz/89abcdef0123456789abcdef0123456789abcdef');
    assert.equal(git.hashes, undefined);
    const registry = byKey(result, 'gitpkg@1.2.0 (gitpkg@^1.2.0)');
    assert.equal(registry.source, undefined);
    assert.deepEqual(registry.hashes, [{ algorithm: 'SHA-1', value: 'a9435827c914ef06c69b624b068e84233d504f89' }]);
    assert.deepEqual(byKey(result, 'mirror-pkg@2.0.0').dependencies, ['gitpkg@1.2.0 (gitpkg@^1.2.0)']);
  });

  it('takes SHA-1 from old URLs', () => {
    assert.deepEqual(byKey(result, '@real/helper@1.2.0').hashes, [
      { algorithm: 'SHA-1', value: 'a9435827c914ef06c69b624b068e84233d504f89' },
    ]);
    const mirror = byKey(result, 'mirror-pkg@2.0.0');
    assert.equal(mirror.source, 'https://npm.example.com/mirror-pkg/-/mirror-pkg-2.0.0.tgz#a9435827c914ef06c69b624b068e84233d504f89');
    assert.deepEqual(mirror.hashes, [{ algorithm: 'SHA-1', value: 'a9435827c914ef06c69b624b068e84233d504f89' }]);
  });

  it('reads explicit workspace folders', () => {
    assert.deepEqual(directMap(result), {
      '@real/pkg@3.1.4': 'production',
      'gitpkg@1.2.0': 'production',
      'mirror-pkg@2.0.0': 'development',
      'tool-dep@1.0.0': 'development',
    });
    assert.equal(result.projectName, 'hand-v1');
    assert.equal(result.projectVersion, '4.5.6');
  });

  it('warns about missing entries', () => {
    assert.deepEqual(result.warnings, [
      '@real/helper@1.2.0: dependency missing-dep@^9.0.0 has no entry in the lockfile',
      'workspace libs/absent has no readable package.json; its direct dependencies are missing',
      'package.json: not-locked@^1.0.0 has no entry in the lockfile',
    ]);
  });
});

describe('yarn 4 lockfile from yarn', () => {
  const result = parseFixture('basic-berry');

  it('lists the same packages as yarn 1', () => {
    assert.deepEqual(keys(result), BASIC_KEYS);
    assert.deepEqual(edges(result), BASIC_EDGES);
    assert.deepEqual(result.warnings, []);
  });

  it('scopes workspace dependencies by package.json', () => {
    assert.deepEqual(directMap(result), BASIC_DIRECT);
    assert.equal(result.manifest, 'package.json');
    assert.equal(result.projectName, 'basic-app');
    assert.equal(result.projectVersion, '1.2.3');
  });

  it('leaves out cache checksums', () => {
    for (const item of result.packages) {
      assert.equal(item.hashes, undefined, item.key);
      assert.equal(item.source, undefined, item.key);
    }
  });

  it('names aliases by their resolution', () => {
    assert.equal(byKey(result, 'ms@2.1.2').name, 'ms');
    assert.deepEqual(lines(result), {
      '@tootallnate/once@2.0.0': 8,
      'colorette@2.0.20': 31,
      'debug@2.6.9': 38,
      'is-number@6.0.0': 47,
      'is-odd@3.0.1': 54,
      'ms@2.0.0': 63,
      'ms@2.1.3': 70,
      'ms@2.1.2': 77,
    });
  });

  it('counts all as production without package.json', () => {
    const bare = parseText(readFixture('basic-berry'));
    assert.equal(bare.direct.length, 6);
    assert.ok(bare.direct.every((item) => item.scope === 'production'));
    assert.equal(bare.projectName, 'basic-app');
    assert.equal(bare.projectVersion, undefined);
    assert.equal(bare.manifest, undefined);
    assert.deepEqual(bare.warnings, [
      'package.json of workspace basic-app not readable; its dependencies count as production',
    ]);
  });
});

describe('yarn 4 workspaces from yarn', () => {
  const result = parseFixture('workspaces-berry');

  it('merges the compat patch entry', () => {
    assert.deepEqual(keys(result), WORKSPACE_KEYS);
    assert.deepEqual(edges(result), WORKSPACE_EDGES);
    assert.equal(byKey(result, 'resolve@1.22.8').line, 102);
    assert.equal(byKey(result, 'resolve@1.22.8').source, undefined);
    assert.equal(byKey(result, 'ms@2.1.3').line, 88);
  });

  it('makes member dependencies direct', () => {
    assert.deepEqual(directMap(result), {
      'debug@2.6.9': 'production',
      'ms@2.1.3': 'production',
      'resolve@1.22.8': 'production',
      'debug@4.3.7': 'production',
      'is-odd@3.0.1': 'development',
    });
    assert.equal(result.projectName, 'ws-root');
    assert.deepEqual(result.warnings, []);
  });
});

describe('yarn 4 local dependencies from yarn', () => {
  it('binds relative descriptors to the workspace', () => {
    const result = parseFixture('local-berry');
    assert.deepEqual(keys(result), [
      'filedep@2.0.0',
      'ms@2.1.3',
      'portal-thing@0.0.0-use.local',
      'thing@0.0.0-use.local',
    ]);
    assert.equal(byKey(result, 'filedep@2.0.0').source, 'file:./vendor/filedep#./vendor/filedep');
    assert.equal(byKey(result, 'thing@0.0.0-use.local').source, 'link:./vendor/thing');
    assert.equal(byKey(result, 'portal-thing@0.0.0-use.local').source, 'portal:./vendor/thing');
    assert.deepEqual(byKey(result, 'filedep@2.0.0').dependencies, ['ms@2.1.3']);
    assert.deepEqual(directMap(result), {
      'filedep@2.0.0': 'production',
      'portal-thing@0.0.0-use.local': 'production',
      'thing@0.0.0-use.local': 'production',
    });
    assert.deepEqual(result.warnings, []);
  });
});

describe('yarn 4 hand-written cases', () => {
  const result = parseFixture('berry-hand');
  const archiveKey =
    'gitpkg@1.2.0 (gitpkg@npm:1.2.0::__archiveUrl=https%3A%2F%2Fnpm.example.com%2Fgitpkg%2F-%2Fgitpkg-1.2.0.tgz)';

  it('lists packages by resolution', () => {
    assert.deepEqual(keys(result), [
      '@real/pkg@3.1.4',
      'gitpkg@1.2.0',
      archiveKey,
      'local-thing@0.0.0-use.local',
      'patched@2.0.0',
      'tarball@0.5.0',
    ]);
    assert.deepEqual(names(result), [
      '@real/pkg@3.1.4',
      'gitpkg@1.2.0',
      'gitpkg@1.2.0',
      'local-thing@0.0.0-use.local',
      'patched@2.0.0',
      'tarball@0.5.0',
    ]);
  });

  it('reports git, tarball and mirror sources', () => {
    assert.equal(
      byKey(result, 'gitpkg@1.2.0').source,
      'https://github.com/example/gitpkg.git#commit=89abcdef0123456789abcdef0123456789abcdef',
    );
    assert.equal(byKey(result, archiveKey).source, 'https://npm.example.com/gitpkg/-/gitpkg-1.2.0.tgz');
    assert.equal(byKey(result, 'tarball@0.5.0').source, 'https://example.com/tarball-0.5.0.tgz');
    assert.equal(byKey(result, '@real/pkg@3.1.4').source, undefined);
  });

  it('keeps a user patch as its package', () => {
    const patched = byKey(result, 'patched@2.0.0');
    assert.equal(patched.name, 'patched');
    assert.equal(patched.source, undefined);
    assert.equal(patched.hashes, undefined);
    assert.equal(patched.line, 63);
    assert.deepEqual(patched.dependencies, ['@real/pkg@3.1.4']);
  });

  it('resolves edges and optional metadata', () => {
    assert.deepEqual(byKey(result, '@real/pkg@3.1.4').dependencies, ['gitpkg@1.2.0']);
    assert.equal(byKey(result, '@real/pkg@3.1.4').line, 8);
    assert.equal(byKey(result, 'tarball@0.5.0').line, 72);
  });

  it('scopes direct across workspaces', () => {
    assert.deepEqual(directMap(result), {
      '@real/pkg@3.1.4': 'production',
      [archiveKey]: 'development',
      'local-thing@0.0.0-use.local': 'production',
      'patched@2.0.0': 'production',
      'tarball@0.5.0': 'production',
    });
    assert.equal(result.projectName, 'hand-berry');
    assert.equal(result.projectVersion, '7.8.9');
  });

  it('warns about broken entries', () => {
    assert.deepEqual(result.warnings, [
      'entry broken@npm:1.0.0 has no resolution; skipped',
      '@real/pkg@3.1.4: dependency missing-dep@npm:^9.0.0 has no entry in the lockfile',
      'workspace hand-berry: not-locked@npm:^1.0.0 has no entry in the lockfile',
      'package.json of workspace lib not readable; its dependencies count as production',
    ]);
  });
});

describe('yarn lockfile malformed input', () => {
  it('rejects bad yarn 1 syntax', () => {
    const error = parseError('# yarn lockfile v1\n\n\nfoo@^1.0.0:\n  version "1.0.0\n');
    assert.match(error.message, /^yarn\.lock: invalid yarn\.lock: line 5: .+; regenerate it with yarn install$/);
  });

  it('rejects bad YAML', () => {
    const error = parseError('__metadata:\n  version: 8\n"a@npm:1.0.0":\n  version: [1, \n');
    assert.match(error.message, /^yarn\.lock: invalid yarn\.lock: .+; regenerate it with yarn install$/);
    assert.ok(!error.message.includes('\n'));
  });

  it('rejects files of another format', () => {
    assert.match(parseError('').message, /not a yarn lockfile/);
    assert.match(parseError('name: x\nversion: 1\n').message, /not a yarn lockfile/);
    assert.match(parseError('- a\n- b\n').message, /invalid yarn\.lock: Expected an indexed object, got an array/);
    assert.match(parseError('{"lockfileVersion": 3}').message, /not a yarn lockfile/);
  });

  it('rejects deep indentation', () => {
    let text = '# yarn lockfile v1\n\n\n';
    for (let level = 0; level < 20_000; level++) text += `${' '.repeat(level * 2)}k${level}:\n`;
    const error = parseError(text);
    // Level 17 (34 spaces) is the first level too deep, and it sits on line 4 + 17.
    assert.match(error.message, /^yarn\.lock: line 21 is indented more than 32 spaces, which yarn never writes/);
  });

  it('skips entries without version', () => {
    const result = parseText(
      '# yarn lockfile v1\n\n\na@^1.0.0:\n  resolved "https://registry.yarnpkg.com/a/-/a-1.0.0.tgz"\n\nb@^1.0.0:\n  version "1.0.0"\n  dependencies:\n    a "^1.0.0"\n',
      { 'package.json': '{"dependencies": {"b": "^1.0.0"}, "devDependencies": "oops"}' },
    );
    assert.deepEqual(keys(result), ['b@1.0.0']);
    assert.deepEqual(directMap(result), { 'b@1.0.0': 'production' });
    assert.deepEqual(result.warnings, [
      'entry a@^1.0.0 has no version; skipped',
      'b@1.0.0: dependency a@^1.0.0 has no entry in the lockfile',
    ]);
  });

  it('warns about an invalid package.json', () => {
    const result = parseText('# yarn lockfile v1\n\n\nb@^1.0.0:\n  version "1.0.0"\n', { 'package.json': '{oops' });
    assert.deepEqual(directMap(result), { 'b@1.0.0': 'production' });
    assert.equal(result.warnings.length, 2);
    assert.match(result.warnings[0] ?? '', /^package\.json: invalid JSON \(.+\); direct dependencies unknown$/);
  });

  it('ignores prototype keys', () => {
    const result = parseText(
      '# yarn lockfile v1\n\n\n__proto__:\n  version "1.0.0"\n\nconstructor@^1.0.0:\n  version "1.0.0"\n',
      { 'package.json': '{"dependencies": {"constructor": "^1.0.0", "toString": "1"}}' },
    );
    assert.deepEqual(keys(result), ['constructor@1.0.0']);
    assert.deepEqual(directMap(result), { 'constructor@1.0.0': 'production' });
    assert.deepEqual(result.warnings, ['package.json: toString@1 has no entry in the lockfile']);
  });

  it('handles CRLF and a byte order mark', () => {
    const text = `\uFEFF${readFixture('basic-v1').replaceAll('\n', '\r\n')}`;
    const result = parseText(text);
    assert.deepEqual(keys(result), BASIC_KEYS);
    assert.equal(byKey(result, 'ms@2.1.3').line, 39);
  });
});

describe('yarn lockfile hostile input', () => {
  it('parses a 20 MB yarn 1 lockfile', () => {
    const parts = ['# yarn lockfile v1\n\n\n'];
    let size = 0;
    let count = 0;
    for (; size < 20_000_000; count++) {
      const entry = `pkg-${count}@^1.0.0, pkg-${count}@~1.0.1:\n  version "1.0.${count}"\n  resolved "https://registry.yarnpkg.com/pkg-${count}/-/pkg-${count}-1.0.${count}.tgz#a9435827c914ef06c69b624b068e84233d504f89"\n  integrity sha1-qUNYJ8kU7wbGm2JLBo6EIz1QT4k=\n  dependencies:\n    pkg-${count + 1} "~1.0.1"\n\n`;
      parts.push(entry);
      size += entry.length;
    }
    const started = Date.now();
    const result = parseText(parts.join(''));
    // @yarnpkg/parsers' v1 grammar took 7 to 14 s for this input on a 2-core VM, so the bound only catches a hang.
    assert.ok(Date.now() - started < 60_000, `took ${Date.now() - started} ms`);
    assert.equal(result.packages.length, count);
    assert.deepEqual(byKey(result, 'pkg-7@1.0.7').dependencies, ['pkg-8@1.0.8']);
    assert.equal(byKey(result, 'pkg-1@1.0.1').line, 11);
    assert.deepEqual(result.warnings, [
      `pkg-${count - 1}@1.0.${count - 1}: dependency pkg-${count}@~1.0.1 has no entry in the lockfile`,
      'package.json not readable; direct dependencies guessed as the entries nothing depends on',
    ]);
    assert.deepEqual(result.direct, [{ key: 'pkg-0@1.0.0', scope: 'production' }]);
  });

  it('parses a 20 MB yarn 4 lockfile', () => {
    const parts = ['__metadata:\n  version: 8\n  cacheKey: 10c0\n\n'];
    let size = 0;
    let count = 0;
    for (; size < 20_000_000; count++) {
      const entry = `"pkg-${count}@npm:^1.0.0":\n  version: 1.0.${count}\n  resolution: "pkg-${count}@npm:1.0.${count}"\n  dependencies:\n    pkg-${count + 1}: "npm:^1.0.0"\n  checksum: 10c0/${'ab'.repeat(64)}\n  languageName: node\n  linkType: hard\n\n`;
      parts.push(entry);
      size += entry.length;
    }
    const started = Date.now();
    const result = parseText(parts.join(''));
    assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
    assert.equal(result.packages.length, count);
    assert.deepEqual(byKey(result, 'pkg-3@1.0.3').dependencies, ['pkg-4@1.0.4']);
    assert.equal(byKey(result, 'pkg-1@1.0.1').line, 14);
  });

  it('rejects an alias reference bomb', () => {
    const lines = ['__metadata:', '  version: 8', 'shared: &deps'];
    for (let i = 0; i < 3000; i++) lines.push(`  d${i}: "npm:1.0.0"`);
    for (let i = 0; i < 1000; i++) {
      lines.push(`"p${i}@npm:1.0.0":`, '  version: 1.0.0', `  resolution: "p${i}@npm:1.0.0"`, '  dependencies: *deps');
    }
    const text = `${lines.join('\n')}\n`;
    assert.ok(text.length < 200_000);
    const error = parseError(text);
    assert.match(error.message, new RegExp(`more than ${MAX_DEPENDENCY_REFERENCES} dependency references`));
  });

  it('rejects deep flow nesting', () => {
    const error = parseError(`__metadata:\n  version: 8\na: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    assert.match(error.message, /^yarn\.lock: invalid yarn\.lock: nesting exceeded maxDepth/);
  });

  it('caps the number of warnings', () => {
    const lines = ['# yarn lockfile v1', '', '', 'a@^1.0.0:', '  version "1.0.0"', '  dependencies:'];
    for (let i = 0; i < 5000; i++) lines.push(`    missing-${i} "^1.0.0"`);
    const result = parseText(`${lines.join('\n')}\n`);
    assert.equal(result.warnings.length, 51);
    assert.equal(result.warnings[50], '4951 more warnings not shown');
  });
});

describe('yarn header splitting', () => {
  it('splits v1 and Berry headers', () => {
    assert.deepEqual(splitHeader('a@^1.0.0, a@~1.0.1'), ['a@^1.0.0', 'a@~1.0.1']);
    assert.deepEqual(splitHeader('"@s/a@^1.0.0", "@s/a@^1.1.0"'), ['@s/a@^1.0.0', '@s/a@^1.1.0']);
    assert.deepEqual(splitHeader('"web@workspace:^, web@workspace:packages/web"'), [
      'web@workspace:^',
      'web@workspace:packages/web',
    ]);
    assert.deepEqual(splitHeader('""'), []);
  });
});
