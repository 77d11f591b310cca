import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  requirementsParser,
  isDevelopmentRequirementsPath,
} from '../../../../src/scanners/deps/parsers/requirements.js';
import {
  LockfileError,
  type LockfileParseResult,
  type ParseContext,
} from '../../../../src/scanners/deps/types.js';

const FIXTURES = new URL('../../../../../test/fixtures/deps/python/', import.meta.url);

/** A context that reads files of one fixture folder. */
function fixtureContext(folder: string, path: string): ParseContext {
  return {
    path,
    readFile(relativePath) {
      const url = new URL(`${folder}/${relativePath}`, FIXTURES);
      return existsSync(url) ? readFileSync(url, 'utf8') : undefined;
    },
  };
}

/** A context over in-memory files. */
function memoryContext(path: string, files: Record<string, string> = {}): ParseContext {
  return { path, readFile: (relativePath) => files[relativePath] };
}

function parseFixture(folder: string, path: string): LockfileParseResult {
  const context = fixtureContext(folder, path);
  const text = context.readFile(path);
  assert.ok(text !== undefined, `fixture ${folder}/${path} missing`);
  return requirementsParser.parse(text, context);
}

function parseText(
  text: string,
  path = 'requirements.txt',
  files: Record<string, string> = {},
): LockfileParseResult {
  return requirementsParser.parse(text, memoryContext(path, files));
}

describe('requirementsParser.matches', () => {
  it('accepts requirements file names', () => {
    for (const path of [
      'requirements.txt',
      'api/requirements.txt',
      'requirements-dev.txt',
      'requirements_test.txt',
      'dev-requirements.txt',
      'requirements/base.txt',
      'backend/requirements/prod.txt',
      'Requirements.txt',
    ]) {
      assert.equal(requirementsParser.matches(path), true, path);
    }
  });

  it('rejects other text files', () => {
    for (const path of [
      'notes.txt',
      'requirements.in',
      'requirements/nested/base.txt',
      'docs/requirements.md',
      'constraints.txt',
    ]) {
      assert.equal(requirementsParser.matches(path), false, path);
    }
  });
});

describe('isDevelopmentRequirementsPath', () => {
  it('reads development words', () => {
    assert.equal(isDevelopmentRequirementsPath('requirements-dev.txt'), true);
    assert.equal(isDevelopmentRequirementsPath('dev-requirements.txt'), true);
    assert.equal(isDevelopmentRequirementsPath('requirements/test.txt'), true);
    assert.equal(isDevelopmentRequirementsPath('requirements_docs.txt'), true);
    assert.equal(isDevelopmentRequirementsPath('tests/requirements.txt'), true);
  });

  it('treats other names as production', () => {
    assert.equal(isDevelopmentRequirementsPath('requirements.txt'), false);
    assert.equal(isDevelopmentRequirementsPath('requirements/prod.txt'), false);
    assert.equal(isDevelopmentRequirementsPath('devops/requirements.txt'), false);
    assert.equal(isDevelopmentRequirementsPath('requirements-latest.txt'), false);
  });
});

describe('requirementsParser on pip-compile output', () => {
  const result = parseFixture('pip-compiled', 'requirements.txt');

  it('reads every pinned package', () => {
    assert.equal(result.ecosystem, 'PyPI');
    assert.equal(result.packages.length, 22);
    assert.deepEqual(result.warnings, []);
    const keys = result.packages.map((entry) => entry.key);
    assert.equal(keys[0], 'asgiref@3.7.2');
    assert.ok(keys.includes('pytz@2023.3.post1'));
    assert.ok(keys.includes('charset-normalizer@3.3.2'));
    assert.equal(keys[keys.length - 1], 'urllib3@2.0.7');
  });

  it('keeps lines and hashes', () => {
    const cffi = result.packages.find((entry) => entry.name === 'cffi');
    assert.equal(cffi?.line, 25);
    assert.equal(cffi?.hashes?.length, 3);
    assert.deepEqual(cffi?.hashes?.[0], {
      algorithm: 'SHA-256',
      value: 'aec9f84e169b4bfa0988b61b1f7c820c2313bdbf92b8cb7907af0eff70205aa9',
    });
    const urllib3 = result.packages.find((entry) => entry.name === 'urllib3');
    assert.equal(urllib3?.line, 99);
  });

  it('marks all as direct production', () => {
    assert.equal(result.direct.length, 22);
    assert.ok(result.direct.every((entry) => entry.scope === 'production'));
    assert.ok(result.packages.every((entry) => entry.dependencies.length === 0));
    assert.ok(result.packages.every((entry) => entry.dev === false));
  });
});

describe('requirementsParser with includes', () => {
  const result = parseFixture('pip-project', 'requirements.txt');
  const byName = new Map(result.packages.map((entry) => [entry.name, entry]));

  it('collects exact pins from all files', () => {
    assert.deepEqual(
      result.packages.map((entry) => entry.key),
      [
        'certifi@2023.11.17',
        'charset-normalizer@3.3.2',
        'idna@3.6',
        'urllib3@2.1.0',
        'django@4.2.7',
        'djangorestframework@3.14.0',
        'requests@2.31.0',
        'celery@5.3.4',
        'gunicorn@21.2.0',
        'psycopg2-binary@2.9.9',
        'pyyaml@6.0.1',
        'zope-interface@6.1',
      ],
    );
  });

  it('keeps lines of parsed file only', () => {
    assert.equal(byName.get('certifi')?.line, undefined);
    assert.equal(byName.get('django')?.line, 7);
    assert.equal(byName.get('requests')?.line, 9);
    assert.equal(byName.get('gunicorn')?.line, 11);
    assert.equal(byName.get('psycopg2-binary')?.line, 12);
    assert.equal(byName.get('zope-interface')?.line, 19);
  });

  it('reads continued hash lines', () => {
    assert.deepEqual(
      byName.get('psycopg2-binary')?.hashes?.map((hash) => hash.value.slice(0, 8)),
      ['ca978112', '3e23e816'],
    );
  });

  it('takes versions from constraints', () => {
    assert.equal(byName.get('gunicorn')?.version, '21.2.0');
    assert.equal(byName.has('sqlparse'), false, 'constraints add no packages');
    assert.equal(byName.has('pillow'), false, 'a range in constraints pins nothing');
  });

  it('warns about skipped lines', () => {
    assert.deepEqual(result.warnings, [
      'requirements/base.txt:7: requirements file "../requirements.txt" includes itself through a cycle; not read again',
      'requirements.txt:15: "Pillow~=10.1" has no exact version; pin it with == or in a constraints file; skipped',
      'requirements.txt:16: editable requirement "-e git+https://github.com/example/internal-lib.git#egg=internal-lib" skipped; it has no registry version',
      'requirements.txt:17: URL or path requirement "https://files.example.com/packages/legacy_tool-1.0-py3-none-any.whl" skipped',
      'requirements.txt:20: "Markdown" has no exact version; pin it with == or in a constraints file; skipped',
      'requirements.txt:21: requirements file "../outside.txt" is a URL or lies outside the project; not read',
      'requirements.txt:22: requirements file "missing.txt" not found or outside the project; not read',
    ]);
  });

  it('marks everything direct production', () => {
    assert.equal(result.direct.length, 12);
    assert.ok(result.direct.every((entry) => entry.scope === 'production'));
  });
});

describe('requirementsParser development scope', () => {
  it('scopes a dev file as development', () => {
    const result = parseFixture('pip-project', 'requirements-dev.txt');
    const pytest = result.direct.find((entry) => entry.key === 'pytest@7.4.3');
    assert.equal(pytest?.scope, 'development');
    const django = result.direct.find((entry) => entry.key === 'django@4.2.7');
    assert.equal(django?.scope, 'development', 'included by a dev file');
    assert.equal(result.packages.find((entry) => entry.name === 'pytest')?.line, 2);
    assert.equal(result.packages.find((entry) => entry.name === 'django')?.line, undefined);
    assert.equal(result.packages.length, 15);
  });

  it('keeps production for included base', () => {
    const result = parseText('-r requirements/test.txt\nflask==3.0.0\n', 'requirements.txt', {
      'requirements/test.txt': 'pytest==7.4.3\nflask==3.0.0\n',
    });
    assert.deepEqual(result.direct, [
      { key: 'pytest@7.4.3', scope: 'development' },
      { key: 'flask@3.0.0', scope: 'production' },
    ]);
  });
});

describe('requirementsParser edge cases', () => {
  it('normalises names per PEP 503', () => {
    const result = parseText(
      'Flask_SQLAlchemy==3.1.1\nruamel.yaml.clib==0.2.8\nTyping--Extensions==4.8.0\n',
    );
    assert.deepEqual(
      result.packages.map((entry) => entry.key),
      ['flask-sqlalchemy@3.1.1', 'ruamel-yaml-clib@0.2.8', 'typing-extensions@4.8.0'],
    );
  });

  it('handles markers, extras and options', () => {
    const text = [
      '-i https://pypi.org/simple',
      '--require-hashes',
      'uvicorn[standard]==0.24.0.post1; sys_platform != "win32"',
      'importlib-metadata==6.8.0 ; python_version < "3.8"',
      'requests==2.31.0 --hash sha256:942c5a758f98d790eaed1a29cb6eefc7ffb0d1cf7af05c3d2791656dbd6ad1e1',
      'wheel==0.41.3  # build tool',
      '',
    ].join('\n');
    const result = parseText(text);
    assert.deepEqual(
      result.packages.map((entry) => [entry.key, entry.line]),
      [
        ['uvicorn@0.24.0.post1', 3],
        ['importlib-metadata@6.8.0', 4],
        ['requests@2.31.0', 5],
        ['wheel@0.41.3', 6],
      ],
    );
    assert.equal(result.packages[2]?.hashes?.[0]?.value.slice(0, 6), '942c5a');
    assert.deepEqual(result.warnings, []);
  });

  it('skips wildcards and name-at-URL', () => {
    const result = parseText(
      'numpy==1.26.*\npip @ https://github.com/pypa/pip/archive/22.0.2.zip\n./vendor/localpkg\n',
    );
    assert.equal(result.packages.length, 0);
    assert.deepEqual(result.warnings, [
      'requirements.txt:1: "numpy==1.26.*" has no exact version; pin it with == or in a constraints file; skipped',
      'requirements.txt:2: URL or path requirement "pip @ https://github.com/pypa/pip/archive/22.0.2.zip" skipped',
      'requirements.txt:3: URL or path requirement "./vendor/localpkg" skipped',
    ]);
  });

  it('reports invalid lines', () => {
    const result = parseText('<<<<<<< HEAD\nflask=3.0.0\nflask==3.0.0 --hash=sha256:abc\n');
    assert.deepEqual(result.warnings, [
      'requirements.txt:1: invalid requirement (not a valid package name) "<<<<<<< HEAD" skipped',
      'requirements.txt:2: invalid requirement (invalid version clause "=3.0.0") "flask=3.0.0" skipped',
      'requirements.txt:3: invalid --hash value "sha256:abc" ignored',
    ]);
    assert.deepEqual(
      result.packages.map((entry) => entry.key),
      ['flask@3.0.0'],
    );
  });

  it('warns on conflicting pins', () => {
    const result = parseText('-c c.txt\nrequests==2.31.0\nrequests==2.28.0\n', 'requirements.txt', {
      'c.txt': 'requests==2.30.0\n',
    });
    assert.equal(result.packages.length, 2);
    assert.equal(result.warnings.length, 3);
    assert.match(result.warnings[0] ?? '', /conflicts with the constraint ==2\.30\.0/);
    assert.match(result.warnings[2] ?? '', /pinned to both 2\.31\.0 and 2\.28\.0/);
  });

  it('resolves includes relative to file', () => {
    const result = parseText('-r ../common/base.txt\n', 'services/api/requirements.txt', {
      'services/common/base.txt': '--requirement=./pins.txt\n',
      'services/common/pins.txt': 'attrs==23.1.0\n',
    });
    assert.deepEqual(
      result.packages.map((entry) => entry.key),
      ['attrs@23.1.0'],
    );
  });

  it('stops deep include chains', () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 40; index += 1)
      files[`r${index}.txt`] = `-r r${index + 1}.txt\nsix==1.16.0\n`;
    const result = parseText('-r r0.txt\n', 'requirements.txt', files);
    assert.equal(result.packages.length, 1);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0] ?? '', /deeper than 16 levels/);
  });

  it('survives hostile lines quickly', () => {
    const started = Date.now();
    const long = `${'a'.repeat(200_000)}==${'1.'.repeat(100_000)}0`;
    const continued = `six==1.16.0 ${'\\\n'.repeat(50_000)}--hash=sha256:${'0'.repeat(64)}`;
    const brackets = `x${'['.repeat(100_000)}`;
    const result = parseText(
      [long, continued, brackets, '#'.repeat(100_000), ' #'.repeat(50_000)].join('\n'),
    );
    assert.ok(Date.now() - started < 2000);
    assert.equal(result.packages.length, 2);
    assert.equal(result.packages[1]?.key, 'six@1.16.0');
    assert.equal(result.warnings.length, 1);
  });

  it('rejects binary content', () => {
    assert.throws(() => parseText('flask==3.0.0\u0000\u0001'), LockfileError);
  });
});
