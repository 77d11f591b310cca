import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { composerLockParser } from '../../../../src/scanners/deps/parsers/composer-lock.js';
import {
  isPlatformPackage,
  normalizeComposerVersion,
} from '../../../../src/scanners/deps/parsers/php-composer.js';
import { LockfileError, type LockfileParseResult } from '../../../../src/scanners/deps/types.js';

const FIXTURE = new URL('../../../../../test/fixtures/deps/php/symfony-app/', import.meta.url);
const LOCK = readFileSync(new URL('composer.lock', FIXTURE), 'utf8');
const MANIFEST = readFileSync(new URL('composer.json', FIXTURE), 'utf8');

function parse(
  text: string,
  files: Record<string, string> = {},
  path = 'composer.lock',
): LockfileParseResult {
  return composerLockParser.parse(text, { path, readFile: (relativePath) => files[relativePath] });
}

describe('composerLockParser.matches', () => {
  it('matches composer.lock only', () => {
    assert.equal(composerLockParser.matches('composer.lock'), true);
    assert.equal(composerLockParser.matches('web/composer.lock'), true);
    assert.equal(composerLockParser.matches('composer.json'), false);
    assert.equal(composerLockParser.matches('old-composer.lock'), false);
  });
});

describe('composer helpers', () => {
  it('recognises platform packages', () => {
    for (const name of ['php', 'php-64bit', 'ext-json', 'lib-icu', 'composer-plugin-api', 'hhvm'])
      assert.equal(isPlatformPackage(name), true, name);
    assert.equal(isPlatformPackage('psr/log'), false);
  });

  it('strips the tag prefix', () => {
    assert.equal(normalizeComposerVersion('v6.4.0'), '6.4.0');
    assert.equal(normalizeComposerVersion('6.4.0'), '6.4.0');
    assert.equal(normalizeComposerVersion('dev-main'), 'dev-main');
    assert.equal(normalizeComposerVersion('vendor-fork'), 'vendor-fork');
  });
});

describe('composerLockParser on a Symfony app', () => {
  const result = parse(LOCK, { 'composer.json': MANIFEST });
  const byName = new Map(result.packages.map((entry) => [entry.name, entry]));

  it('reads packages and packages-dev', () => {
    assert.equal(result.ecosystem, 'Packagist');
    assert.equal(result.packages.length, 30);
    assert.equal(result.projectName, 'example/storefront');
    assert.equal(result.manifest, 'composer.json');
    assert.equal(byName.get('symfony/http-kernel')?.key, 'symfony/http-kernel@6.4.1');
    assert.equal(byName.get('psr/http-message')?.version, '2.0');
    assert.equal(byName.get('symfony/http-kernel')?.dev, false);
    assert.equal(byName.get('phpunit/phpunit')?.dev, true);
  });

  it('keeps lines of names', () => {
    assert.equal(byName.get('guzzlehttp/guzzle')?.line, 10);
    assert.equal(byName.get('symfony/http-kernel')?.line, 682);
    assert.equal(byName.get('phpunit/phpunit')?.line, 1151);
  });

  it('reads licences and checksums', () => {
    assert.equal(byName.get('twig/twig')?.license, 'BSD-3-Clause');
    assert.equal(byName.get('example/legacy-helpers')?.license, 'MIT OR GPL-2.0-or-later');
    assert.deepEqual(byName.get('monolog/monolog')?.hashes, [
      { algorithm: 'SHA-1', value: '9b39a1e2c4e5b0f1d3c7a8e6f2b4d9c0a1e3f5b7' },
    ]);
    assert.equal(byName.get('guzzlehttp/guzzle')?.hashes, undefined, 'empty shasum');
  });

  it('records non-Packagist sources', () => {
    assert.equal(byName.get('guzzlehttp/guzzle')?.source, undefined);
    assert.match(
      byName.get('example/billing-sdk')?.source ?? '',
      /^git\+https:\/\/github\.com\/example\/billing-sdk\.git@[0-9a-f]{40}$/,
    );
    assert.equal(byName.get('example/billing-sdk')?.version, 'dev-main');
    assert.equal(byName.get('example/legacy-helpers')?.source, '../packages/legacy-helpers');
  });

  it('builds the require graph', () => {
    assert.deepEqual(byName.get('guzzlehttp/guzzle')?.dependencies, [
      'guzzlehttp/promises@2.0.2',
      'guzzlehttp/psr7@2.6.2',
      'psr/http-client@1.0.3',
      'symfony/deprecation-contracts@3.4.0',
    ]);
    assert.deepEqual(byName.get('symfony/http-kernel')?.dependencies, [
      'psr/log@3.0.0',
      'symfony/deprecation-contracts@3.4.0',
      'symfony/error-handler@6.4.0',
      'symfony/event-dispatcher@6.4.0',
      'symfony/http-foundation@6.4.0',
      'symfony/polyfill-ctype@1.28.0',
    ]);
    assert.deepEqual(byName.get('example/legacy-helpers')?.dependencies, []);
  });

  it('takes direct deps from composer.json', () => {
    assert.deepEqual(result.direct, [
      { key: 'guzzlehttp/guzzle@7.8.1', scope: 'production' },
      { key: 'monolog/monolog@3.5.0', scope: 'production' },
      { key: 'symfony/http-kernel@6.4.1', scope: 'production' },
      { key: 'twig/twig@3.8.0', scope: 'production' },
      { key: 'example/billing-sdk@dev-main', scope: 'production' },
      { key: 'phpunit/phpunit@10.5.2', scope: 'development' },
      { key: 'example/legacy-helpers@1.2.0', scope: 'development' },
    ]);
    assert.deepEqual(result.warnings, [
      'composer.lock: composer.json requires friendsofphp/php-cs-fixer, which is not locked; run "composer update --lock"',
    ]);
  });
});

describe('composerLockParser without composer.json', () => {
  it('marks all packages direct', () => {
    const result = parse(LOCK);
    assert.equal(result.direct.length, 30);
    assert.deepEqual(result.direct[0], { key: 'guzzlehttp/guzzle@7.8.1', scope: 'production' });
    assert.deepEqual(result.direct[29], {
      key: 'example/legacy-helpers@1.2.0',
      scope: 'development',
    });
    assert.deepEqual(result.warnings, [
      'composer.lock: no composer.json next to it; packages and packages-dev are all reported as direct',
    ]);
  });

  it('survives a broken composer.json', () => {
    const result = parse(LOCK, { 'composer.json': '{"require": ' });
    assert.equal(result.direct.length, 30);
    assert.match(
      result.warnings[0] ?? '',
      /^composer\.json: invalid JSON: .*; packages and packages-dev are all reported as direct$/,
    );
  });
});

describe('composerLockParser edge cases', () => {
  it('resolves replaced and provided names', () => {
    const lock = JSON.stringify({
      packages: [
        {
          name: 'laravel/framework',
          version: 'v10.35.0',
          require: {
            'illuminate/support': '*',
            'psr/log-implementation': '1.0',
            'symfony/polyfill-iconv': '*',
            'ext-mbstring': '*',
          },
          replace: { 'illuminate/support': 'self.version' },
        },
        {
          name: 'Monolog/Monolog',
          version: '3.5.0',
          provide: { 'psr/log-implementation': '3.0.0' },
          license: 'MIT',
        },
        { name: 'broken/entry' },
      ],
    });
    const result = parse(lock, {
      'composer.json':
        '{"require": {"laravel/framework": "^10.0"}, "replace": {"symfony/polyfill-iconv": "*"}}',
    });
    assert.deepEqual(result.packages[0]?.dependencies, ['monolog/monolog@3.5.0']);
    assert.equal(result.packages[1]?.license, 'MIT');
    assert.equal(result.packages[1]?.line, 1, 'single-line JSON');
    assert.deepEqual(result.warnings, [
      'composer.lock: packages[2] has no name or version; skipped',
    ]);
  });

  it('warns about unlocked requires', () => {
    const result = parse(
      JSON.stringify(
        { packages: [{ name: 'acme/a', version: '1.0.0', require: { 'acme/missing': '^1' } }] },
        null,
        4,
      ),
    );
    assert.equal(result.packages[0]?.line, 4);
    assert.deepEqual(result.warnings, [
      'composer.lock: no composer.json next to it; packages and packages-dev are all reported as direct',
      'composer.lock: acme/a@1.0.0 requires acme/missing, which is not locked',
    ]);
  });

  it('rejects malformed lockfiles', () => {
    assert.throws(
      () => parse('{"packages": [}'),
      (error: unknown) => error instanceof LockfileError && /invalid JSON/.test(error.message),
    );
    assert.throws(() => parse('{"content-hash": "x"}'), /not a composer.lock/);
    assert.throws(
      () => parse('{"packages": [], "packages-dev": {}}'),
      /"packages-dev" must be an array/,
    );
    assert.throws(
      () => parse(`{"packages": [${'{"a":['.repeat(40_000)}`),
      /nested deeper than 64 levels/,
    );
  });
});
