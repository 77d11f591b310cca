import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { nugetLockParser } from '../../../../src/scanners/deps/parsers/nuget-lock.js';
import { LockfileError, type ParseContext } from '../../../../src/scanners/deps/types.js';

const FIXTURES = fileURLToPath(new URL('../../../../../test/fixtures/deps/nuget/', import.meta.url));
const NEWTONSOFT_SHA512 =
  '1eb0b9057765d3420ff73795fb467ce3c4163c0a02afd3f76c311982e23e8242dc04a00ec62c7fb4b1000070be52f0cd3efe1ad9dd7c94e45e1cc39a80f6becd';

function parse(text: string, path = 'packages.lock.json') {
  const context: ParseContext = { path, readFile: () => undefined };
  return nugetLockParser.parse(text, context);
}

describe('nugetLockParser', () => {
  it('matches packages.lock.json by name', () => {
    assert.equal(nugetLockParser.matches('packages.lock.json'), true);
    assert.equal(nugetLockParser.matches('src/Shop.Api/packages.lock.json'), true);
    assert.equal(nugetLockParser.matches('package-lock.json'), false);
    assert.equal(nugetLockParser.matches('packages.config'), false);
  });

  it('parses realistic multi-target lockfile', () => {
    const result = parse(readFileSync(join(FIXTURES, 'packages.lock.json'), 'utf8'));
    assert.equal(result.ecosystem, 'NuGet');
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(
      result.packages.map((entry) => [entry.key, entry.line]),
      [
        ['Newtonsoft.Json@13.0.3', 5],
        ['System.IdentityModel.Tokens.Jwt@8.0.1', 11],
        ['Microsoft.IdentityModel.Abstractions@8.0.1', 21],
        ['Microsoft.IdentityModel.JsonWebTokens@8.0.1', 26],
        ['Microsoft.IdentityModel.Logging@8.0.1', 34],
        ['Microsoft.IdentityModel.Tokens@8.0.1', 42],
        ['Mono.TextTemplating@3.0.0', 56],
        ['System.CodeDom@6.0.0', 64],
        ['Humanizer.Core@2.14.1', 87],
      ],
    );
    assert.deepEqual(result.packages[0], {
      key: 'Newtonsoft.Json@13.0.3',
      name: 'Newtonsoft.Json',
      version: '13.0.3',
      ecosystem: 'NuGet',
      dependencies: [],
      line: 5,
      hashes: [{ algorithm: 'SHA-512', value: NEWTONSOFT_SHA512 }],
    });
    assert.deepEqual(result.packages[1]?.dependencies, [
      'Microsoft.IdentityModel.JsonWebTokens@8.0.1',
      'Microsoft.IdentityModel.Tokens@8.0.1',
    ]);
    assert.deepEqual(result.direct, [
      { key: 'Newtonsoft.Json@13.0.3', scope: 'production' },
      { key: 'System.IdentityModel.Tokens.Jwt@8.0.1', scope: 'production' },
      { key: 'Mono.TextTemplating@3.0.0', scope: 'production' },
      { key: 'Humanizer.Core@2.14.1', scope: 'production' },
    ]);
  });

  it('keeps versions per framework', () => {
    const text = JSON.stringify({
      version: 2,
      dependencies: {
        'net6.0': {
          'System.Text.Json': { type: 'Direct', requested: '[6.0.0, )', resolved: '6.0.0' },
          'System.Text.Encodings.Web': { type: 'Transitive', resolved: '6.0.0' },
          'system.text.json': { type: 'Transitive', resolved: '6.0.0', dependencies: { 'SYSTEM.TEXT.ENCODINGS.WEB': '6.0.0' } },
        },
        'net8.0': {
          'System.Text.Json': { type: 'CentralTransitive', requested: '[8.0.5, )', resolved: '8.0.5', dependencies: { 'System.Text.Encodings.Web': '8.0.0' } },
          'System.Text.Encodings.Web': { type: 'Transitive', resolved: '8.0.0' },
        },
      },
    }, null, 2);
    const result = parse(text);
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(result.packages.map((entry) => [entry.key, entry.dependencies]), [
      ['System.Text.Json@6.0.0', ['System.Text.Encodings.Web@6.0.0']],
      ['System.Text.Encodings.Web@6.0.0', []],
      ['System.Text.Json@8.0.5', ['System.Text.Encodings.Web@8.0.0']],
      ['System.Text.Encodings.Web@8.0.0', []],
    ]);
    assert.deepEqual(result.direct, [{ key: 'System.Text.Json@6.0.0', scope: 'production' }]);
  });

  it('warns on odd entries', () => {
    const text = JSON.stringify({
      version: 3,
      dependencies: {
        net8: {
          Serilog: { type: 'Direct', requested: '[3.1.1, )' },
          'Serilog.Sinks.Console': { type: 'Pinned', resolved: '5.0.1', contentHash: 'not-a-sha512', dependencies: { Serilog: '3.1.1', 'Microsoft.NETCore.Platforms': '1.1.0' } },
        },
      },
    });
    const result = parse(text);
    assert.deepEqual(result.packages.map((entry) => [entry.key, entry.hashes]), [['Serilog.Sinks.Console@5.0.1', undefined]]);
    assert.deepEqual(result.direct, []);
    assert.deepEqual(result.warnings, [
      'lockfile version 3 is not 1 or 2; read as version 2',
      'net8: Serilog has no resolved version; skipped',
      'net8: Serilog.Sinks.Console has unknown type "Pinned"; read as transitive',
      'dependencies not listed in the same framework were dropped: Serilog (from Serilog.Sinks.Console in net8), Microsoft.NETCore.Platforms (from Serilog.Sinks.Console in net8)',
    ]);
  });

  it('rejects malformed lockfiles', () => {
    const cases: Array<[string, RegExp]> = [
      ['{"version": 1, "dependencies": {', /invalid JSON at line 1/],
      ['{\n  "version": 1,\n  // comment\n  "dependencies": {}\n}', /invalid JSON at line 3: InvalidCommentToken/],
      ['', /invalid JSON at line 1: ValueExpected/],
      ['[1, 2]', /not a NuGet lockfile/],
      ['{"version": "1", "dependencies": {}}', /not a NuGet lockfile/],
      ['{"version": 1, "dependencies": []}', /not a NuGet lockfile/],
      [`${'['.repeat(100_000)}${']'.repeat(100_000)}`, /JSON nests deeper than 64 levels/],
    ];
    for (const [text, message] of cases) {
      assert.throws(() => parse(text), (error: unknown) => error instanceof LockfileError && message.test(error.message), text.slice(0, 40));
    }
  });

  it('ignores brackets inside strings', () => {
    const name = `Weird${'['.repeat(100)}Name`;
    const text = JSON.stringify({ version: 1, dependencies: { net8: { [name]: { type: 'Direct', resolved: '1.0.0' } } } });
    assert.equal(parse(text).packages[0]?.name, name);
  });

  it('parses huge lockfile quickly', () => {
    const section: Record<string, unknown> = {};
    for (let i = 0; i < 30_000; i++) {
      section[`Package${i}`] = { type: i < 10 ? 'Direct' : 'Transitive', resolved: `1.0.${i}`, dependencies: { [`Package${i + 1}`]: `1.0.${i + 1}` } };
    }
    const started = Date.now();
    const result = parse(JSON.stringify({ version: 1, dependencies: { 'net8.0': section } }));
    assert.equal(result.packages.length, 30_000);
    assert.equal(result.direct.length, 10);
    assert.deepEqual(result.packages[7]?.dependencies, ['Package8@1.0.8']);
    assert.ok(Date.now() - started < 5000);
  });
});
