import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { goModParser } from '../../../../src/scanners/deps/parsers/go-mod.js';
import { osvGoReleaseVersion } from '../../../../src/scanners/deps/parsers/go-versions.js';
import { LockfileError, type ParseContext } from '../../../../src/scanners/deps/types.js';

const FIXTURES = fileURLToPath(new URL('../../../../../test/fixtures/deps/go/', import.meta.url));

/** Builds a context whose files are the given map, keyed by relative path. */
function contextOf(path: string, files: Record<string, string> = {}): ParseContext {
  return { path, readFile: (relative) => files[relative] };
}

function parse(text: string, files: Record<string, string> = {}, path = 'go.mod') {
  return goModParser.parse(text, contextOf(path, files));
}

describe('goModParser', () => {
  it('matches go.mod by name', () => {
    assert.equal(goModParser.matches('go.mod'), true);
    assert.equal(goModParser.matches('services/api/go.mod'), true);
    assert.equal(goModParser.matches('go.sum'), false);
    assert.equal(goModParser.matches('go.mod.bak'), false);
  });

  it('parses realistic gin project', () => {
    const goMod = readFileSync(join(FIXTURES, 'go.mod'), 'utf8');
    const goSum = readFileSync(join(FIXTURES, 'go.sum'), 'utf8');
    const result = parse(goMod, { 'svc/go.sum': goSum }, 'svc/go.mod');
    assert.equal(result.ecosystem, 'Go');
    assert.equal(result.projectName, 'github.com/example/ginservice');
    assert.equal(result.manifest, 'svc/go.mod');
    assert.deepEqual(result.warnings, []);
    // 25 modules plus the standard library.
    assert.equal(result.packages.length, 26);
    const gin = result.packages.find((entry) => entry.name === 'github.com/gin-gonic/gin');
    assert.deepEqual(gin, {
      key: 'github.com/gin-gonic/gin@1.9.1',
      name: 'github.com/gin-gonic/gin',
      version: '1.9.1',
      ecosystem: 'Go',
      dependencies: [],
      line: 8,
      hashes: [{ algorithm: 'SHA-256', value: 'e227440277109d4e5c07b05e3a43edc637c24b27b40009b547445522a27e2668' }],
    });
    const pseudo = result.packages.find((entry) => entry.name === 'github.com/chenzhuoyu/base64x');
    assert.equal(pseudo?.version, '0.0.0-20221115062448-fe3a3abad311');
    assert.equal(pseudo?.line, 14);
    assert.equal(result.packages.every((entry) => entry.hashes?.length === 1 || entry.name === 'stdlib'), true);
    assert.deepEqual(result.direct, [
      { key: 'github.com/gin-gonic/gin@1.9.1', scope: 'production' },
      { key: 'golang.org/x/net@0.11.0', scope: 'production' },
      { key: 'stdlib@1.21.5', scope: 'production' },
    ]);
  });

  it('reports stdlib at toolchain version', () => {
    const result = parse('module example.com/a\n\ngo 1.22.1\ntoolchain go1.22.4\n');
    assert.deepEqual(result.packages, [
      { key: 'stdlib@1.22.4', name: 'stdlib', version: '1.22.4', ecosystem: 'Go', dependencies: [], line: 4 },
    ]);
  });

  it('reports stdlib at go version', () => {
    const result = parse('module example.com/a\ngo 1.19\n');
    assert.equal(result.packages[0]?.key, 'stdlib@1.19.0');
    assert.equal(result.packages[0]?.line, 2);
  });

  it('converts Go release names', () => {
    assert.equal(osvGoReleaseVersion('go1.21.5'), '1.21.5');
    assert.equal(osvGoReleaseVersion('1.20'), '1.20.0');
    assert.equal(osvGoReleaseVersion('go1.21rc2'), '1.21.0-rc.2');
    assert.equal(osvGoReleaseVersion('go1.22.0'), '1.22.0');
    assert.equal(osvGoReleaseVersion('default'), undefined);
    assert.equal(osvGoReleaseVersion('go1'), undefined);
  });

  it('warns on unusable toolchain name', () => {
    const result = parse('module example.com/a\ngo 1.21\ntoolchain local\n');
    assert.deepEqual(result.packages.map((entry) => [entry.key, entry.line]), [['stdlib@1.21.0', 2]]);
    assert.deepEqual(result.warnings, ['line 3: Go version "local" is not a release name, so it is not used for the standard library']);
    assert.deepEqual(parse('module example.com/a\ngo banana\n').packages, []);
  });

  it('ignores toolchain below go version', () => {
    const result = parse('module example.com/a\ngo 1.22.3\ntoolchain go1.21.0\n');
    assert.deepEqual(result.packages.map((entry) => [entry.key, entry.line]), [['stdlib@1.22.3', 2]]);
  });

  it('reads single-line requires and indirect', () => {
    const text = [
      'module example.com/a',
      'require github.com/google/uuid v1.6.0',
      'require github.com/pkg/errors v0.9.1 // indirect',
      'require github.com/docker/docker v24.0.7+incompatible // indirect; needed by testcontainers',
      'require golang.org/x/sys v0.20.0 // keep in sync',
    ].join('\n');
    const result = parse(text);
    assert.deepEqual(
      result.packages.map((entry) => [entry.key, entry.line]),
      [
        ['github.com/google/uuid@1.6.0', 2],
        ['github.com/pkg/errors@0.9.1', 3],
        ['github.com/docker/docker@24.0.7+incompatible', 4],
        ['golang.org/x/sys@0.20.0', 5],
      ],
    );
    assert.deepEqual(
      result.direct.map((entry) => entry.key),
      ['github.com/google/uuid@1.6.0', 'golang.org/x/sys@0.20.0'],
    );
  });

  it('applies module replacements', () => {
    const text = [
      'module example.com/a',
      'require (',
      '\tgolang.org/x/net v0.17.0',
      '\tgithub.com/sirupsen/logrus v1.9.0',
      '\tgithub.com/gorilla/mux v1.8.0',
      ')',
      'replace golang.org/x/net => golang.org/x/net v0.23.0',
      'replace (',
      '\tgithub.com/sirupsen/logrus v1.9.0 => github.com/example/logrus v1.9.3-fork',
      '\tgithub.com/sirupsen/logrus v1.8.0 => github.com/example/logrus v1.8.9',
      '\tgithub.com/gorilla/mux v1.7.0 => github.com/gorilla/mux v1.7.4',
      ')',
    ].join('\n');
    const goSum = 'golang.org/x/net v0.23.0 h1:4idEAncQnU5cB7BeOkPtxjfCSye0AAm1R0RVIqJ+Jmg=\n';
    const result = parse(text, { 'go.sum': goSum });
    assert.deepEqual(
      result.packages.map((entry) => entry.key),
      ['golang.org/x/net@0.23.0', 'github.com/example/logrus@1.9.3-fork', 'github.com/gorilla/mux@1.8.0'],
    );
    assert.equal(result.packages[0]?.hashes?.[0]?.value, 'e227440277109d4e5c07b05e3a43edc637c24b27b40009b547445522a27e2668');
    assert.equal(result.packages[0]?.line, 3);
    assert.deepEqual(result.warnings, []);
  });

  it('keeps local replacement as source', () => {
    const text = 'module example.com/a\nrequire example.com/shared v0.3.0\nreplace example.com/shared => ../shared\n';
    const result = parse(text);
    assert.equal(result.packages[0]?.key, 'example.com/shared@0.3.0');
    assert.equal(result.packages[0]?.source, '../shared');
    assert.deepEqual(result.warnings, [
      'example.com/shared v0.3.0 is replaced by local directory ../shared; the version of that code is unknown, so the required version is checked',
    ]);
  });

  it('warns on excluded required version', () => {
    const text = 'module example.com/a\nrequire golang.org/x/text v0.3.7\nexclude golang.org/x/text v0.3.7\nretract v1.0.0\n';
    const result = parse(text);
    assert.deepEqual(result.warnings, [
      'line 2: golang.org/x/text v0.3.7 is both required and excluded; the go command would pick a later version',
    ]);
  });

  it('ignores go.sum go.mod lines', () => {
    const text = 'module example.com/a\nrequire gopkg.in/yaml.v3 v3.0.1\n';
    const goSum = 'gopkg.in/yaml.v3 v3.0.1/go.mod h1:K4uyk7z7BCEPqu6E+C64Yfv1cQ7kz7rIZviUmN+EgEM=\n';
    const result = parse(text, { 'go.sum': goSum });
    assert.equal(result.packages[0]?.hashes, undefined);
  });

  it('reads quoted paths and comments', () => {
    const text = 'module "example.com/quoted" // the module\n\nrequire (\n\t// a comment line\n\t"github.com/google/uuid" v1.6.0\n\t`github.com/pkg/errors` v0.9.1 // indirect\n)\ntool golang.org/x/tools/cmd/stringer\n';
    const result = parse(text);
    assert.equal(result.projectName, 'example.com/quoted');
    assert.deepEqual(
      result.packages.map((entry) => [entry.key, entry.line]),
      [
        ['github.com/google/uuid@1.6.0', 5],
        ['github.com/pkg/errors@0.9.1', 6],
      ],
    );
    assert.deepEqual(result.direct, [{ key: 'github.com/google/uuid@1.6.0', scope: 'production' }]);
  });

  it('rejects malformed go.mod', () => {
    const cases: Array<[string, RegExp]> = [
      ['require golang.org/x/net v0.1.0\n', /no module directive/],
      ['module a\nrequire (\n\tgolang.org/x/net v0.1.0\n', /line 2: require block is never closed/],
      ['module a\nrequire golang.org/x/net 0.1.0\n', /line 2: invalid module version "0.1.0"/],
      ['module a\nrequire golang.org/x/net\n', /line 2: require directive expects 2 argument/],
      ['module a\nreplace golang.org/x/net => golang.org/x/net\n', /line 2: replacement module golang.org\/x\/net needs a version/],
      ['module a\nreplace => b v1.0.0\n', /line 2: invalid replace directive/],
      ['module "a\n', /line 1: unterminated quoted string/],
      ['module a\n)\n', /line 2: unexpected "\)"/],
      ['<html><body>not go</body></html>\n', /no module directive/],
    ];
    for (const [text, message] of cases) {
      assert.throws(() => parse(text), (error: unknown) => error instanceof LockfileError && message.test(error.message), text);
    }
  });

  it('parses huge hostile input quickly', () => {
    const lines = ['module example.com/big', 'require ('];
    for (let i = 0; i < 50_000; i++) lines.push(`\texample.com/m${i} v1.0.${i} // indirect`);
    lines.push(')', `// ${'/'.repeat(200_000)}`, `require example.com/long v1.0.0 // ${'"'.repeat(100_000)}`);
    const started = Date.now();
    const result = parse(lines.join('\n'));
    assert.equal(result.packages.length, 50_001);
    assert.ok(Date.now() - started < 3000);
    assert.throws(() => parse(`module a\nrequire ${'('.repeat(100_000)}\n`), LockfileError);
  });
});
