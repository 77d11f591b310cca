import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { gemfileLockParser } from '../../../../src/scanners/deps/parsers/gemfile-lock.js';
import { readGemfileScopes } from '../../../../src/scanners/deps/parsers/ruby-gemfile-groups.js';
import { LockfileError, type LockfileParseResult } from '../../../../src/scanners/deps/types.js';

const FIXTURE = new URL('../../../../../test/fixtures/deps/ruby/rails-app/', import.meta.url);
const LOCK = readFileSync(new URL('Gemfile.lock', FIXTURE), 'utf8');
const GEMFILE = readFileSync(new URL('Gemfile', FIXTURE), 'utf8');

function parse(
  text: string,
  files: Record<string, string> = {},
  path = 'Gemfile.lock',
): LockfileParseResult {
  return gemfileLockParser.parse(text, { path, readFile: (relativePath) => files[relativePath] });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A gem's own lockfile: `gemspec` in the Gemfile locks the gem itself under `PATH remote: .`. */
const GEMSPEC_LOCK = `PATH
  remote: .
  specs:
    http_signer (0.3.0)
      faraday (~> 2.7)

GEM
  remote: https://gems.example.com/
  specs:
    faraday (2.7.12)
      base64
      faraday-net_http (>= 2.0, < 3.1)
      ruby2_keywords (>= 0.0.4)
    faraday-net_http (3.0.2)
    rake (13.1.0)

PLATFORMS
  ruby

DEPENDENCIES
  http_signer!
  rake (~> 13.0)
  webmock

BUNDLED WITH
   2.4.22
`;

describe('gemfileLockParser.matches', () => {
  it('matches Bundler lockfiles', () => {
    assert.equal(gemfileLockParser.matches('Gemfile.lock'), true);
    assert.equal(gemfileLockParser.matches('apps/web/Gemfile.lock'), true);
    assert.equal(gemfileLockParser.matches('gems.locked'), true);
    assert.equal(gemfileLockParser.matches('Gemfile'), false);
    assert.equal(gemfileLockParser.matches('OldGemfile.lock'), false);
  });
});

describe('gemfileLockParser on a Rails app', () => {
  const result = parse(LOCK, { Gemfile: GEMFILE });
  const byName = new Map(result.packages.map((entry) => [entry.name, entry]));

  it('reads every gem once', () => {
    assert.equal(result.ecosystem, 'RubyGems');
    assert.equal(result.packages.length, 43);
    assert.equal(result.manifest, 'Gemfile');
    assert.deepEqual(result.warnings, []);
    assert.equal(byName.get('psych')?.version, '5.1.1.1');
  });

  it('merges platform variants', () => {
    const nokogiri = result.packages.filter((entry) => entry.name === 'nokogiri');
    assert.equal(nokogiri.length, 1);
    assert.equal(nokogiri[0]?.key, 'nokogiri@1.15.5');
    assert.equal(nokogiri[0]?.line, 68);
    assert.deepEqual(nokogiri[0]?.dependencies, ['racc@1.7.3']);
    assert.deepEqual(nokogiri[0]?.hashes, [
      { algorithm: 'SHA-256', value: sha256('nokogiri1.15.5-arm64-darwin') },
      { algorithm: 'SHA-256', value: sha256('nokogiri1.15.5-x86_64-linux') },
    ]);
  });

  it('builds the dependency graph', () => {
    assert.deepEqual(byName.get('actionview')?.dependencies, [
      'activesupport@7.1.2',
      'builder@3.2.4',
      'erubi@1.12.0',
      'rails-dom-testing@2.2.0',
      'rails-html-sanitizer@1.6.0',
    ]);
    assert.deepEqual(byName.get('audit_trail')?.dependencies, ['activerecord@7.1.2']);
    assert.deepEqual(byName.get('pg')?.dependencies, []);
  });

  it('records sources and lines', () => {
    assert.equal(
      byName.get('audit_trail')?.source,
      'git+https://github.com/example/audit_trail.git@5d41402abc4b2a76b9719d911017c592ae0f8c1e',
    );
    assert.equal(byName.get('audit_trail')?.line, 6);
    assert.equal(byName.get('audit_trail')?.hashes, undefined);
    assert.equal(byName.get('puma')?.source, undefined);
    assert.equal(byName.get('puma')?.line, 75);
    assert.deepEqual(byName.get('puma')?.hashes, [
      { algorithm: 'SHA-256', value: sha256('puma6.4.0') },
    ]);
  });

  it('scopes direct gems by group', () => {
    assert.deepEqual(result.direct, [
      { key: 'actionpack@7.1.2', scope: 'production' },
      { key: 'activerecord@7.1.2', scope: 'production' },
      { key: 'audit_trail@0.9.1', scope: 'production' },
      { key: 'debug@1.8.0', scope: 'development' },
      { key: 'pg@1.5.4', scope: 'production' },
      { key: 'puma@6.4.0', scope: 'production' },
      { key: 'rspec-core@3.12.2', scope: 'development' },
      { key: 'rspec-expectations@3.12.3', scope: 'development' },
      { key: 'rspec-mocks@3.12.6', scope: 'development' },
      { key: 'tzinfo@2.0.6', scope: 'production' },
    ]);
  });

  it('defaults to production without Gemfile', () => {
    const bare = parse(LOCK);
    assert.equal(bare.manifest, undefined);
    assert.ok(bare.direct.every((entry) => entry.scope === 'production'));
    assert.deepEqual(bare.warnings, [
      'Gemfile.lock: no Gemfile next to it; every direct gem is reported as production',
    ]);
  });
});

describe('gemfileLockParser on a gem project', () => {
  const result = parse(GEMSPEC_LOCK, {}, 'gems.locked');

  it('excludes the project gem', () => {
    assert.equal(result.projectName, 'http_signer');
    assert.equal(result.projectVersion, '0.3.0');
    assert.deepEqual(
      result.packages.map((entry) => entry.key),
      ['faraday@2.7.12', 'faraday-net_http@3.0.2', 'rake@13.1.0'],
    );
    assert.equal(result.packages[0]?.source, 'https://gems.example.com/');
  });

  it('adds gemspec dependencies as direct', () => {
    assert.deepEqual(result.direct, [
      { key: 'rake@13.1.0', scope: 'production' },
      { key: 'faraday@2.7.12', scope: 'production' },
    ]);
    assert.deepEqual(result.packages[0]?.dependencies, ['faraday-net_http@3.0.2']);
  });

  it('warns about unlocked dependencies', () => {
    assert.deepEqual(result.warnings, [
      'gems.locked: no gems.rb next to it; every direct gem is reported as production',
      'gems.locked:23: dependency webmock has no locked spec; run "bundle lock"',
    ]);
  });
});

describe('readGemfileScopes', () => {
  it('reads blocks and options', () => {
    const scopes = readGemfileScopes(
      [
        'gem "rails", "~> 7.1"',
        'group :production, :staging do',
        '  gem "lograge"',
        'end',
        'group(:test) do',
        "  gem 'capybara' # browser tests",
        '  if ENV["CI"]',
        '    gem "simplecov", require: false',
        '  end',
        '  gem "webmock"',
        'end',
        'gem "bootsnap", require: false',
        'gem "rubocop", :group => :development',
        'gem "pry", groups: %w[development]',
        'group :docs, optional: true do',
        '  gem "yard"',
        'end',
        'gem "capybara"',
        'gem "hash#in-name", group: :test',
      ].join('\n'),
    );
    assert.deepEqual(
      [...scopes],
      [
        ['rails', 'production'],
        ['lograge', 'production'],
        ['capybara', 'production'],
        ['simplecov', 'development'],
        ['webmock', 'development'],
        ['bootsnap', 'production'],
        ['rubocop', 'development'],
        ['pry', 'production'],
        ['yard', 'development'],
        ['hash#in-name', 'development'],
      ],
    );
  });
});

describe('readGemfileScopes on hostile input', () => {
  it('bounds deep blocks quickly', () => {
    const started = Date.now();
    const groups = Array.from({ length: 50_000 }, (_, index) => `:g${index}`).join(', ');
    const lines = [
      `group ${groups} do`,
      ...Array.from({ length: 20_000 }, () => 'platforms :mri do'),
    ];
    for (let index = 0; index < 20_000; index += 1) lines.push(`gem "gem${index}"`);
    lines.push(...Array.from({ length: 20_001 }, () => 'end'), 'gem "rails"');
    const scopes = readGemfileScopes(lines.join('\n'));
    assert.equal(scopes.get('gem0'), 'development');
    assert.equal(scopes.get('rails'), 'production', 'every block closed');
    assert.ok(Date.now() - started < 2000);
  });
});

describe('gemfileLockParser edge cases', () => {
  it('rejects non-lockfiles', () => {
    assert.throws(
      () => parse('hello world\n'),
      (error: unknown) =>
        error instanceof LockfileError && /not a Gemfile.lock/.test(error.message),
    );
    assert.throws(() => parse(''), /not a Gemfile.lock/);
  });

  it('rejects merge conflicts', () => {
    const conflicted =
      'GEM\n  remote: https://rubygems.org/\n  specs:\n<<<<<<< HEAD\n    rack (3.0.8)\n=======\n    rack (3.0.9)\n>>>>>>> main\n';
    assert.throws(() => parse(conflicted), /unresolved merge conflict at line 4/);
  });

  it('warns on odd lines', () => {
    const text =
      'GEM\r\n  remote: https://rubygems.org/\r\n  specs:\r\n    rack 3.0.8\r\n    rake (13.1.0)\r\n        weird\r\n\r\nDEPENDENCIES\r\n  rake\r\n';
    const result = parse(text);
    assert.deepEqual(
      result.packages.map((entry) => [entry.key, entry.line]),
      [['rake@13.1.0', 5]],
    );
    assert.deepEqual(result.warnings.slice(0, 2), [
      'Gemfile.lock:4: unexpected line "rack 3.0.8" in GEM; ignored',
      'Gemfile.lock:6: unexpected line "weird" in GEM; ignored',
    ]);
  });

  it('survives hostile input quickly', () => {
    const started = Date.now();
    const specs = Array.from(
      { length: 20_000 },
      (_, index) => `    gem${index} (1.0.${index})\n      gem${index + 1} (>= 1)`,
    ).join('\n');
    const longLine = `    ${'a'.repeat(500_000)} (${'('.repeat(100_000)}`;
    const result = parse(
      `GEM\n  remote: https://rubygems.org/\n  specs:\n${specs}\n${longLine}\n\nDEPENDENCIES\n  gem0\n`,
    );
    assert.equal(result.packages.length, 20_000);
    assert.deepEqual(result.packages[0]?.dependencies, ['gem1@1.0.1']);
    assert.equal(result.warnings.length, 2);
    assert.ok(Date.now() - started < 3000);
  });
});
