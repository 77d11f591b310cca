import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { pipfileLockParser } from '../../../../src/scanners/deps/parsers/pipfile-lock.js';
import { LockfileError, type LockfileParseResult } from '../../../../src/scanners/deps/types.js';

const FIXTURE = new URL(
  '../../../../../test/fixtures/deps/python/pipenv-project/',
  import.meta.url,
);
const LOCK = readFileSync(new URL('Pipfile.lock', FIXTURE), 'utf8');
const PIPFILE = readFileSync(new URL('Pipfile', FIXTURE), 'utf8');

function parse(
  text: string,
  files: Record<string, string> = {},
  path = 'app/Pipfile.lock',
): LockfileParseResult {
  return pipfileLockParser.parse(text, { path, readFile: (relativePath) => files[relativePath] });
}

describe('pipfileLockParser.matches', () => {
  it('matches Pipfile.lock only', () => {
    assert.equal(pipfileLockParser.matches('Pipfile.lock'), true);
    assert.equal(pipfileLockParser.matches('services/api/Pipfile.lock'), true);
    assert.equal(pipfileLockParser.matches('Pipfile'), false);
    assert.equal(pipfileLockParser.matches('myPipfile.lock'), false);
  });
});

describe('pipfileLockParser with Pipfile', () => {
  const result = parse(LOCK, { 'app/Pipfile': PIPFILE });
  const byName = new Map(result.packages.map((entry) => [entry.name, entry]));

  it('reads both sections', () => {
    assert.equal(result.ecosystem, 'PyPI');
    assert.equal(result.packages.length, 24);
    assert.equal(result.manifest, 'app/Pipfile');
    assert.equal(byName.get('django')?.version, '4.2.7');
    assert.equal(byName.get('pytz')?.version, '2023.3.post1');
    assert.equal(byName.get('pytest-django')?.key, 'pytest-django@4.7.0');
  });

  it('keeps lines and hashes', () => {
    const charset = byName.get('charset-normalizer');
    assert.equal(charset?.line, 37);
    assert.equal(charset?.hashes?.length, 3);
    assert.equal(charset?.hashes?.[0]?.algorithm, 'SHA-256');
    assert.match(charset?.hashes?.[0]?.value ?? '', /^[0-9a-f]{64}$/);
    assert.equal(byName.get('pytest')?.line, 226);
  });

  it('sets dev flags', () => {
    assert.equal(byName.get('django')?.dev, false);
    assert.equal(byName.get('black')?.dev, true);
    assert.equal(byName.get('packaging')?.dev, false, 'in both sections');
    assert.equal(byName.get('packaging')?.line, 93);
  });

  it('takes direct deps from Pipfile', () => {
    assert.deepEqual(result.direct, [
      { key: 'django@4.2.7', scope: 'production' },
      { key: 'djangorestframework@3.14.0', scope: 'production' },
      { key: 'django-environ@0.11.2', scope: 'production' },
      { key: 'gunicorn@21.2.0', scope: 'production' },
      { key: 'psycopg2-binary@2.9.9', scope: 'production' },
      { key: 'requests@2.31.0', scope: 'production' },
      { key: 'pytest@7.4.3', scope: 'development' },
      { key: 'pytest-django@4.7.0', scope: 'development' },
      { key: 'black@23.11.0', scope: 'development' },
      { key: 'coverage@7.3.2', scope: 'development' },
    ]);
  });

  it('warns about git and missing', () => {
    assert.deepEqual(result.warnings, [
      'app/Pipfile.lock: default.internal-auth from git+https://github.com/example/internal-auth.git@9f1c2e3d4b5a69788796a5b4c3d2e1f0a9b8c7d6 has no exact version; skipped',
      'app/Pipfile: "flake8" is not in app/Pipfile.lock; run "pipenv lock" to update it',
    ]);
  });

  it('has no graph', () => {
    assert.ok(result.packages.every((entry) => entry.dependencies.length === 0));
  });
});

describe('pipfileLockParser without Pipfile', () => {
  it('marks every entry direct', () => {
    const result = parse(LOCK);
    assert.equal(result.manifest, undefined);
    assert.equal(result.direct.length, 24);
    assert.deepEqual(
      result.direct.find((entry) => entry.key === 'pluggy@1.3.0'),
      { key: 'pluggy@1.3.0', scope: 'development' },
    );
    assert.deepEqual(
      result.direct.find((entry) => entry.key === 'packaging@23.2'),
      { key: 'packaging@23.2', scope: 'production' },
    );
    assert.equal(
      result.warnings.at(-1),
      'app/Pipfile.lock: no Pipfile next to it; every locked package is reported as direct',
    );
  });

  it('falls back on broken Pipfile', () => {
    const result = parse(LOCK, { 'app/Pipfile': '[packages\nDjango = "*"\n' });
    assert.equal(result.direct.length, 24);
    assert.match(
      result.warnings.at(-1) ?? '',
      /^app\/Pipfile: invalid TOML at line 1, column \d+: .*every locked package is reported as direct$/,
    );
  });
});

describe('pipfileLockParser edge cases', () => {
  it('reads custom categories and indexes', () => {
    const lock = JSON.stringify({
      _meta: {
        sources: [
          { name: 'internal', url: 'https://pypi.internal.example.com/simple', verify_ssl: true },
        ],
      },
      default: { Flask_Login: { version: '==0.6.3', index: 'internal' } },
      develop: {},
      docs: {
        sphinx: {
          version: '==7.2.6',
          hashes: ['sha256:ZZZ', 'md5:0cc175b9c0f1b6a831c399e269772661'],
        },
      },
    });
    const result = parse(lock);
    assert.deepEqual(
      result.packages.map((entry) => [entry.key, entry.source]),
      [
        ['flask-login@0.6.3', 'https://pypi.internal.example.com/simple'],
        ['sphinx@7.2.6', undefined],
      ],
    );
    assert.deepEqual(result.packages[1]?.hashes, [
      { algorithm: 'MD5', value: '0cc175b9c0f1b6a831c399e269772661' },
    ]);
    assert.deepEqual(result.direct[1], { key: 'sphinx@7.2.6', scope: 'development' });
  });

  it('rejects malformed lockfiles', () => {
    assert.throws(
      () => parse('{"default": '),
      (error: unknown) => error instanceof LockfileError && /invalid JSON/.test(error.message),
    );
    assert.throws(() => parse('[]'), /not a Pipfile.lock/);
    assert.throws(() => parse('{"default": []}'), /section "default" must be an object/);
    assert.throws(
      () => parse(`{"default": ${'['.repeat(100_000)}`),
      /nested deeper than 64 levels/,
    );
  });

  it('warns on odd entries', () => {
    const result = parse('{"default": {"six": "1.16.0", "attrs": {"version": ">=23"}}}');
    assert.deepEqual(result.warnings.slice(0, 2), [
      'app/Pipfile.lock: default.six is not an object; skipped',
      'app/Pipfile.lock: default.attrs has no exact version; skipped',
    ]);
    assert.equal(result.packages.length, 0);
  });
});
