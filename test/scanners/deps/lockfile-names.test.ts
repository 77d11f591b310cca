import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLockfilePath, LOCKFILE_MATCHERS } from '../../../src/scanners/deps/lockfile-names.js';
import { PARSERS } from '../../../src/scanners/deps/parsers/index.js';

const SAMPLE_PATHS = [
  'package-lock.json',
  'apps/web/npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  'requirements.txt',
  'requirements-dev.txt',
  'requirements_test.txt',
  'ci-requirements.txt',
  'requirements/base.txt',
  'docs/requirements.in',
  'notes.txt',
  'Pipfile.lock',
  'Pipfile',
  'poetry.lock',
  'uv.lock',
  'go.mod',
  'go.sum',
  'Cargo.lock',
  'Cargo.toml',
  'Gemfile.lock',
  'gems.locked',
  'composer.lock',
  'pom.xml',
  'gradle.lockfile',
  'gradle/dependency-locks/compileClasspath.lockfile',
  'app/gradle/dependency-locks/runtime.lockfile',
  'other/runtime.lockfile',
  'packages.lock.json',
  'pubspec.lock',
  'package.json',
  'src/index.ts',
];

describe('lockfile names', () => {
  it('has a matcher for every parser', () => {
    assert.deepEqual(Object.keys(LOCKFILE_MATCHERS).sort(), PARSERS.map((parser) => parser.id).sort());
  });

  it('agrees with each parser', () => {
    for (const parser of PARSERS) {
      for (const path of SAMPLE_PATHS) {
        assert.equal(LOCKFILE_MATCHERS[parser.id]!(path), parser.matches(path), `${parser.id} on ${path}`);
      }
    }
  });

  it('claims lockfiles only', () => {
    assert.equal(isLockfilePath('apps/api/poetry.lock'), true);
    assert.equal(isLockfilePath('package.json'), false);
    assert.equal(isLockfilePath('README.md'), false);
  });
});
