import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { poetryLockParser } from '../../../../src/scanners/deps/parsers/poetry-lock.js';
import { LockfileError, type LockfileParseResult } from '../../../../src/scanners/deps/types.js';

const FIXTURE = new URL(
  '../../../../../test/fixtures/deps/python/poetry-project/',
  import.meta.url,
);
const LOCK = readFileSync(new URL('poetry.lock', FIXTURE), 'utf8');
const PYPROJECT = readFileSync(new URL('pyproject.toml', FIXTURE), 'utf8');

function parse(
  text: string,
  files: Record<string, string> = {},
  path = 'poetry.lock',
): LockfileParseResult {
  return poetryLockParser.parse(text, { path, readFile: (relativePath) => files[relativePath] });
}

/** A lockfile in the Poetry 1.1 layout: `category`, and hashes under `[metadata.files]`. */
const LEGACY_LOCK = `[[package]]
name = "Django"
version = "3.2.23"
description = "A high-level Python Web framework that encourages rapid development and clean, pragmatic design."
category = "main"
optional = false
python-versions = ">=3.6"

[package.dependencies]
asgiref = ">=3.3.2,<4"
pytz = "*"
sqlparse = ">=0.2.2"

[package.extras]
argon2 = ["argon2-cffi (>=19.1.0)"]
bcrypt = ["bcrypt"]

[[package]]
name = "asgiref"
version = "3.7.2"
description = "ASGI specs, helper code, and adapters"
category = "main"
optional = false
python-versions = ">=3.7"

[[package]]
name = "pytz"
version = "2023.3.post1"
description = "World timezone definitions, modern and historical"
category = "main"
optional = false
python-versions = "*"

[[package]]
name = "sqlparse"
version = "0.4.4"
description = "A non-validating SQL parser."
category = "main"
optional = false
python-versions = ">=3.5"

[[package]]
name = "flake8"
version = "6.1.0"
description = "the modular source code checker: pep8 pyflakes and co"
category = "dev"
optional = false
python-versions = ">=3.8.1"

[metadata]
lock-version = "1.1"
python-versions = "^3.9"
content-hash = "8d2fbd2a8b4f7a4ab1f4e1c1f3d0b5c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7"

[metadata.files]
Django = [
    {file = "Django-3.2.23-py3-none-any.whl", hash = "sha256:d48608d5f62f2c1e260986835db089fa3b79d6f58510881d316b8d88345ae6e1"},
    {file = "Django-3.2.23.tar.gz", hash = "sha256:82968f3640e29ef4a773af2c28448f5f7a08d001c6ac05b32d02aeee6509508b"},
]
asgiref = [
    {file = "asgiref-3.7.2-py3-none-any.whl", hash = "sha256:89b2ef2247e3b562a16eef663bc0e2e703ec6468e2fa8a5cd61cd449786d4f6e"},
]
pytz = []
sqlparse = []
flake8 = []
`;

describe('poetryLockParser.matches', () => {
  it('matches poetry.lock only', () => {
    assert.equal(poetryLockParser.matches('poetry.lock'), true);
    assert.equal(poetryLockParser.matches('backend/poetry.lock'), true);
    assert.equal(poetryLockParser.matches('poetry.lock.bak'), false);
    assert.equal(poetryLockParser.matches('mypoetry.lock'), false);
  });
});

describe('poetryLockParser on Poetry 1.7 lock', () => {
  const result = parse(LOCK, { 'pyproject.toml': PYPROJECT });
  const byName = new Map(result.packages.map((entry) => [entry.name, entry]));

  it('reads all packages', () => {
    assert.equal(result.ecosystem, 'PyPI');
    assert.equal(result.packages.length, 32);
    assert.equal(result.projectName, 'inventory-api');
    assert.equal(result.projectVersion, '1.4.0');
    assert.equal(result.manifest, 'pyproject.toml');
    assert.equal(byName.get('pytz')?.key, 'pytz@2023.3.post1');
  });

  it('keeps lines of package tables', () => {
    assert.equal(result.packages[0]?.line, 3);
    assert.equal(byName.get('internal-utils')?.line, 155);
    assert.equal(byName.get('pandas')?.line, 234);
    assert.equal(byName.get('zipp')?.line, 447);
  });

  it('builds the dependency graph', () => {
    assert.deepEqual(byName.get('flask')?.dependencies, [
      'blinker@1.7.0',
      'click@8.1.7',
      'importlib-metadata@7.0.0',
      'itsdangerous@2.1.2',
      'jinja2@3.1.2',
      'werkzeug@3.0.1',
    ]);
    assert.deepEqual(byName.get('pandas')?.dependencies, [
      'numpy@1.26.2',
      'python-dateutil@2.8.2',
      'pytz@2023.3.post1',
      'tzdata@2023.3',
    ]);
    assert.deepEqual(byName.get('werkzeug')?.dependencies, ['markupsafe@2.1.3']);
    assert.deepEqual(byName.get('zipp')?.dependencies, []);
  });

  it('reads hashes and sources', () => {
    const flask = byName.get('flask');
    assert.equal(flask?.hashes?.length, 2);
    assert.equal(flask?.hashes?.[0]?.algorithm, 'SHA-256');
    assert.match(flask?.hashes?.[0]?.value ?? '', /^[0-9a-f]{64}$/);
    assert.equal(byName.get('internal-utils')?.hashes, undefined);
    assert.equal(
      byName.get('internal-utils')?.source,
      'git+https://github.com/example/internal-utils.git@3b1f2a9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a',
    );
    assert.equal(flask?.source, undefined);
    assert.equal(byName.get('psycopg2-binary')?.optional, true);
    assert.equal(flask?.dev, undefined, 'lock 2.0 has no category');
  });

  it('takes direct deps from pyproject', () => {
    assert.deepEqual(result.direct, [
      { key: 'flask@3.0.0', scope: 'production' },
      { key: 'requests@2.31.0', scope: 'production' },
      { key: 'sqlalchemy@2.0.23', scope: 'production' },
      { key: 'pandas@2.1.3', scope: 'production' },
      { key: 'gunicorn@21.2.0', scope: 'production' },
      { key: 'internal-utils@0.4.0', scope: 'production' },
      { key: 'psycopg2-binary@2.9.9', scope: 'production' },
      { key: 'pytest@7.4.3', scope: 'development' },
      { key: 'ruff@0.1.6', scope: 'development' },
    ]);
  });

  it('warns about unlocked declarations', () => {
    assert.deepEqual(result.warnings, [
      'pyproject.toml: "mypy" is not in poetry.lock; run "poetry lock" to update it',
    ]);
  });
});

describe('poetryLockParser on Poetry 1.1 lock', () => {
  const result = parse(LEGACY_LOCK);

  it('reads categories and metadata hashes', () => {
    const django = result.packages[0];
    assert.equal(django?.key, 'django@3.2.23');
    assert.equal(django?.line, 1);
    assert.equal(django?.dev, false);
    assert.deepEqual(django?.dependencies, [
      'asgiref@3.7.2',
      'pytz@2023.3.post1',
      'sqlparse@0.4.4',
    ]);
    assert.deepEqual(
      django?.hashes?.map((hash) => hash.value.slice(0, 8)),
      ['d48608d5', '82968f36'],
    );
    assert.equal(result.packages[1]?.hashes?.length, 1);
    assert.equal(result.packages[4]?.dev, true);
  });

  it('guesses direct deps without pyproject', () => {
    assert.deepEqual(result.direct, [
      { key: 'django@3.2.23', scope: 'production' },
      { key: 'flake8@6.1.0', scope: 'development' },
    ]);
    assert.deepEqual(result.warnings, [
      'poetry.lock: no pyproject.toml next to it; packages that nothing depends on are reported as direct',
    ]);
  });
});

describe('poetryLockParser edge cases', () => {
  it('reads PEP 621 and groups', () => {
    const pyproject = [
      '[project]',
      'name = "reports"',
      'version = "2.0.0"',
      'dependencies = ["Django (>=4.2,<5.0)", "celery[redis]>=5.3; python_version >= \'3.8\'", "not a requirement!"]',
      '[project.optional-dependencies]',
      'docs = ["sphinx>=7"]',
      '[dependency-groups]',
      'test = ["pytest>=7", {include-group = "lint"}]',
      'lint = ["ruff"]',
    ].join('\n');
    const lock = ['django', 'celery', 'sphinx', 'pytest', 'ruff']
      .map(
        (name) =>
          `[[package]]\nname = "${name}"\nversion = "1.0"\noptional = false\npython-versions = "*"\nfiles = []\n`,
      )
      .join('\n');
    const result = parse(`${lock}\n[metadata]\nlock-version = "2.1"\n`, {
      'pyproject.toml': pyproject,
    });
    assert.equal(result.projectName, 'reports');
    assert.deepEqual(result.direct, [
      { key: 'django@1.0', scope: 'production' },
      { key: 'celery@1.0', scope: 'production' },
      { key: 'sphinx@1.0', scope: 'production' },
      { key: 'pytest@1.0', scope: 'development' },
      { key: 'ruff@1.0', scope: 'development' },
    ]);
  });

  it('links duplicate names to all versions', () => {
    const lock = `[[package]]
name = "app-lib"
version = "1.0"
[package.dependencies]
numpy = [{version = "<2", markers = "python_version < '3.9'"}, {version = ">=2", markers = "python_version >= '3.9'"}]
Missing-Pkg = ">=1"
Optional-Pkg = {version = ">=1", optional = true}

[[package]]
name = "numpy"
version = "1.24.4"
files = [{file = "numpy-1.24.4.tar.gz", hash = "sha256:${'a'.repeat(64)}"}]

[[package]]
name = "numpy"
version = "2.0.1"
files = [{file = "numpy-2.0.1.tar.gz", hash = "sha256:${'b'.repeat(64)}"}]

[metadata]
lock-version = "2.0"
`;
    const result = parse(lock);
    assert.deepEqual(result.packages[0]?.dependencies, ['numpy@1.24.4', 'numpy@2.0.1']);
    assert.deepEqual(
      result.warnings[0],
      'poetry.lock: app-lib@1.0 depends on missing-pkg, which is not locked',
    );
    assert.equal(result.warnings.length, 2);
    assert.equal(result.packages[2]?.hashes?.[0]?.value, 'b'.repeat(64));
  });

  it('skips entries without version', () => {
    const result = parse(
      '[[package]]\nname = "six"\n\n[[package]]\nname = "idna"\nversion = "3.6"\n\n[metadata]\n',
    );
    assert.deepEqual(
      result.packages.map((entry) => [entry.key, entry.line]),
      [['idna@3.6', 4]],
    );
    assert.equal(
      result.warnings[0],
      'poetry.lock: [[package]] number 1 has no name or version; skipped',
    );
  });

  it('warns on duplicate entries', () => {
    const entry = '[[package]]\nname = "idna"\nversion = "3.6"\n';
    const result = parse(`${entry}\n${entry}\n[metadata]\n`);
    assert.equal(result.packages.length, 1);
    assert.equal(result.packages[0]?.line, 1);
    assert.equal(
      result.warnings[0],
      'poetry.lock: idna@3.6 is locked twice; the first entry is used',
    );
  });

  it('rejects malformed lockfiles', () => {
    assert.throws(
      () => parse('[[package]\nname = "x"\n'),
      (error: unknown) =>
        error instanceof LockfileError && /invalid TOML at line 1/.test(error.message),
    );
    assert.throws(() => parse('title = "not a lock"\n'), /not a poetry.lock/);
    assert.throws(() => parse('package = "flask"\n[metadata]\n'), /not a poetry.lock/);
    assert.throws(() => parse(`x = ${'['.repeat(50_000)}`), /invalid TOML/);
  });

  it('survives a broken pyproject', () => {
    const result = parse('[[package]]\nname = "idna"\nversion = "3.6"\n[metadata]\n', {
      'pyproject.toml': '[tool.poetry\n',
    });
    assert.deepEqual(result.direct, [{ key: 'idna@3.6', scope: 'production' }]);
    assert.match(result.warnings[0] ?? '', /^pyproject.toml: invalid TOML at line 1/);
  });
});
