import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { uvLockParser } from '../../../../src/scanners/deps/parsers/uv-lock.js';
import { LockfileError, type LockfileParseResult } from '../../../../src/scanners/deps/types.js';

const LOCK = readFileSync(
  new URL('../../../../../test/fixtures/deps/python/uv-project/uv.lock', import.meta.url),
  'utf8',
);

function parse(text: string, path = 'uv.lock'): LockfileParseResult {
  return uvLockParser.parse(text, { path, readFile: () => undefined });
}

/** A workspace: an app at the root and a library member, both locked as local sources. */
const WORKSPACE_LOCK = `version = 1
requires-python = ">=3.11"

[manifest]
members = [
    "billing-app",
    "billing-core",
]

[[package]]
name = "billing-app"
version = "1.0.0"
source = { virtual = "." }
dependencies = [
    { name = "billing-core" },
    { name = "flask" },
]

[package.dev-dependencies]
dev = [
    { name = "flask" },
    { name = "pytest" },
]

[[package]]
name = "billing-core"
version = "0.2.0"
source = { editable = "packages/core" }
dependencies = [
    { name = "requests" },
    { name = "numpy", version = "1.26.4", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version < '3.12'" },
]

[[package]]
name = "flask"
version = "3.0.3"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "werkzeug" }]

[[package]]
name = "numpy"
version = "1.26.4"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "numpy"
version = "2.1.2"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pytest"
version = "8.3.3"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "requests"
version = "2.32.3"
source = { registry = "https://mirror.example.com/simple/" }

[[package]]
name = "werkzeug"
version = "3.0.4"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "local-helper"
source = { directory = "../helper" }
`;

describe('uvLockParser.matches', () => {
  it('matches uv.lock only', () => {
    assert.equal(uvLockParser.matches('uv.lock'), true);
    assert.equal(uvLockParser.matches('services/api/uv.lock'), true);
    assert.equal(uvLockParser.matches('myuv.lock'), false);
    assert.equal(uvLockParser.matches('uv.lock.json'), false);
  });
});

describe('uvLockParser on a FastAPI project', () => {
  const result = parse(LOCK);
  const byName = new Map(result.packages.map((entry) => [entry.name, entry]));

  it('reads registry and git packages', () => {
    assert.equal(result.ecosystem, 'PyPI');
    assert.equal(result.packages.length, 31);
    assert.equal(byName.has('orders-service'), false, 'the project is not a package');
    assert.equal(result.projectName, 'orders-service');
    assert.equal(result.projectVersion, '0.3.0');
    assert.equal(byName.get('anyio')?.key, 'anyio@4.6.2.post1');
    assert.deepEqual(result.warnings, []);
  });

  it('keeps lines of package tables', () => {
    assert.equal(byName.get('annotated-types')?.line, 5);
    assert.equal(byName.get('internal-auth')?.line, 159);
    assert.equal(byName.get('uvicorn')?.line, 348);
  });

  it('reads sdist and wheel hashes', () => {
    const asyncpg = byName.get('asyncpg');
    assert.equal(asyncpg?.hashes?.length, 4);
    assert.ok(
      asyncpg?.hashes?.every(
        (hash) => hash.algorithm === 'SHA-256' && /^[0-9a-f]{64}$/.test(hash.value),
      ),
    );
    assert.equal(byName.get('internal-auth')?.hashes, undefined);
    assert.equal(
      byName.get('internal-auth')?.source,
      'git+https://github.com/example/internal-auth?rev=v1.2.0#4f5e6d7c8b9a0f1e2d3c4b5a69788796a5b4c3d2',
    );
    assert.equal(byName.get('anyio')?.source, undefined);
  });

  it('builds the graph with extras', () => {
    assert.deepEqual(byName.get('httpx')?.dependencies, [
      'anyio@4.6.2.post1',
      'certifi@2024.8.30',
      'httpcore@1.0.6',
      'idna@3.10',
      'sniffio@1.3.1',
    ]);
    assert.deepEqual(byName.get('uvicorn')?.dependencies, [
      'click@8.1.7',
      'h11@0.14.0',
      'colorama@0.4.6',
      'httptools@0.6.4',
      'python-dotenv@1.0.1',
      'pyyaml@6.0.2',
      'uvloop@0.21.0',
      'watchfiles@0.24.0',
      'websockets@13.1',
    ]);
    assert.deepEqual(byName.get('sqlalchemy')?.dependencies, [
      'greenlet@3.1.1',
      'typing-extensions@4.12.2',
    ]);
  });

  it('reads direct deps from project', () => {
    assert.deepEqual(result.direct, [
      { key: 'fastapi@0.115.4', scope: 'production' },
      { key: 'httpx@0.27.2', scope: 'production' },
      { key: 'internal-auth@1.2.0', scope: 'production' },
      { key: 'sqlalchemy@2.0.36', scope: 'production' },
      { key: 'uvicorn@0.32.0', scope: 'production' },
      { key: 'asyncpg@0.30.0', scope: 'production' },
      { key: 'pytest@8.3.3', scope: 'development' },
      { key: 'ruff@0.7.2', scope: 'development' },
    ]);
  });
});

describe('uvLockParser on a workspace', () => {
  const result = parse(WORKSPACE_LOCK);

  it('treats members as roots', () => {
    assert.deepEqual(
      result.packages.map((entry) => [entry.key, entry.source]),
      [
        ['flask@3.0.3', undefined],
        ['numpy@1.26.4', undefined],
        ['numpy@2.1.2', undefined],
        ['pytest@8.3.3', undefined],
        ['requests@2.32.3', 'https://mirror.example.com/simple/'],
        ['werkzeug@3.0.4', undefined],
      ],
    );
    assert.equal(result.projectName, 'billing-app');
  });

  it('unions member dependencies', () => {
    assert.deepEqual(result.direct, [
      { key: 'flask@3.0.3', scope: 'production' },
      { key: 'requests@2.32.3', scope: 'production' },
      { key: 'numpy@1.26.4', scope: 'production' },
      { key: 'pytest@8.3.3', scope: 'development' },
    ]);
  });

  it('warns about versionless packages', () => {
    assert.deepEqual(result.warnings, [
      'uv.lock: package local-helper (line 65) has no version; skipped',
    ]);
  });
});

describe('uvLockParser edge cases', () => {
  it('falls back without a project', () => {
    const result = parse(
      `version = 1\n\n[[package]]\nname = "six"\nversion = "1.16.0"\nsource = { registry = "https://pypi.org/simple" }\n`,
    );
    assert.deepEqual(result.direct, [{ key: 'six@1.16.0', scope: 'production' }]);
    assert.match(result.warnings[0] ?? '', /no project package/);
  });

  it('warns on newer versions', () => {
    const result = parse(
      'version = 2\n[[package]]\nname = "app"\nversion = "1.0"\nsource = { virtual = "." }\n',
    );
    assert.deepEqual(result.warnings, [
      'uv.lock: lockfile version 2 is newer than the supported 1; read as version 1',
    ]);
    assert.equal(result.packages.length, 0);
  });

  it('rejects malformed lockfiles', () => {
    assert.throws(
      () => parse('version = 1\n[[package]\n'),
      (error: unknown) =>
        error instanceof LockfileError && /invalid TOML at line 2/.test(error.message),
    );
    assert.throws(() => parse('[[package]]\nname = "six"\n'), /not a uv.lock/);
    assert.throws(() => parse('version = 1\npackage = 3\n'), /not a uv.lock/);
    assert.throws(() => parse(`version = 1\nx = ${'{ a = '.repeat(10_000)}`), /invalid TOML/);
  });

  it('handles a huge package list', () => {
    const started = Date.now();
    const tables: string[] = [
      'version = 1',
      '[[package]]',
      'name = "root"',
      'source = { virtual = "." }',
      'dependencies = [',
    ];
    for (let index = 0; index < 3000; index += 1) tables.push(`  { name = "pkg-${index}" },`);
    tables.push(']');
    for (let index = 0; index < 3000; index += 1) {
      tables.push(
        '[[package]]',
        `name = "pkg-${index}"`,
        `version = "1.${index}"`,
        'source = { registry = "https://pypi.org/simple" }',
      );
    }
    const result = parse(tables.join('\n'));
    assert.equal(result.packages.length, 3000);
    assert.equal(result.direct.length, 3000);
    assert.ok(Date.now() - started < 3000);
  });
});
