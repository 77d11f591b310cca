import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gradleLockParser, isTestConfiguration } from '../../../../src/scanners/deps/parsers/gradle-lock.js';
import { LockfileError, type ParseContext } from '../../../../src/scanners/deps/types.js';

const FIXTURES = fileURLToPath(new URL('../../../../../test/fixtures/deps/gradle/', import.meta.url));

function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

function parse(text: string, path = 'gradle.lockfile') {
  const context: ParseContext = { path, readFile: () => undefined };
  return gradleLockParser.parse(text, context);
}

describe('gradleLockParser', () => {
  it('matches lockfile names and folders', () => {
    assert.equal(gradleLockParser.matches('gradle.lockfile'), true);
    assert.equal(gradleLockParser.matches('app/gradle.lockfile'), true);
    assert.equal(gradleLockParser.matches('gradle/dependency-locks/compileClasspath.lockfile'), true);
    assert.equal(gradleLockParser.matches('lib/gradle/dependency-locks/testRuntimeClasspath.lockfile'), true);
    assert.equal(gradleLockParser.matches('other/compileClasspath.lockfile'), false);
    assert.equal(gradleLockParser.matches('build.gradle'), false);
  });

  it('parses realistic gradle.lockfile', () => {
    const result = parse(fixture('gradle.lockfile'), 'service/gradle.lockfile');
    assert.equal(result.ecosystem, 'Maven');
    assert.deepEqual(result.warnings, []);
    assert.equal(result.packages.length, 25);
    assert.equal(result.direct.length, 25);

    assert.deepEqual(result.packages[2], {
      key: 'com.fasterxml.jackson.core:jackson-databind@2.15.2',
      name: 'com.fasterxml.jackson.core:jackson-databind',
      version: '2.15.2',
      ecosystem: 'Maven',
      dependencies: [],
      line: 6,
    });
    const log4j = result.packages.find((entry) => entry.name === 'org.apache.logging.log4j:log4j-core');
    assert.equal(log4j?.version, '2.17.1');
    assert.equal(log4j?.dev, undefined);

    const dev = result.packages.filter((entry) => entry.dev === true).map((entry) => entry.name);
    assert.deepEqual(dev, [
      'net.bytebuddy:byte-buddy-agent',
      'net.bytebuddy:byte-buddy',
      'org.apiguardian:apiguardian-api',
      'org.junit.jupiter:junit-jupiter-api',
      'org.junit.jupiter:junit-jupiter-engine',
      'org.junit.jupiter:junit-jupiter-params',
      'org.junit.jupiter:junit-jupiter',
      'org.junit.platform:junit-platform-commons',
      'org.junit.platform:junit-platform-engine',
      'org.junit:junit-bom',
      'org.mockito:mockito-core',
      'org.objenesis:objenesis',
      'org.opentest4j:opentest4j',
    ]);
    assert.deepEqual(result.direct.find((entry) => entry.key === 'org.mockito:mockito-core@5.3.1'), {
      key: 'org.mockito:mockito-core@5.3.1',
      scope: 'development',
    });
    assert.deepEqual(result.direct[0], { key: 'com.fasterxml.jackson.core:jackson-annotations@2.15.2', scope: 'production' });
  });

  it('parses legacy per-configuration files', () => {
    const compile = parse(fixture('legacy/gradle/dependency-locks/compileClasspath.lockfile'), 'gradle/dependency-locks/compileClasspath.lockfile');
    assert.deepEqual(compile.packages.map((entry) => [entry.key, entry.line, entry.dev]), [
      ['commons-codec:commons-codec@1.11', 4, undefined],
      ['org.apache.httpcomponents:httpclient@4.5.13', 5, undefined],
      ['org.apache.httpcomponents:httpcore@4.4.13', 6, undefined],
    ]);
    const test = parse(fixture('legacy/gradle/dependency-locks/testRuntimeClasspath.lockfile'), 'gradle/dependency-locks/testRuntimeClasspath.lockfile');
    assert.equal(test.packages.length, 5);
    assert.equal(test.packages.every((entry) => entry.dev === true), true);
    assert.equal(test.direct.every((entry) => entry.scope === 'development'), true);
  });

  it('classifies test configurations', () => {
    assert.equal(isTestConfiguration('testCompileClasspath'), true);
    assert.equal(isTestConfiguration('testFixturesRuntimeClasspath'), true);
    assert.equal(isTestConfiguration('debugUnitTestRuntimeClasspath'), true);
    assert.equal(isTestConfiguration('releaseAndroidTestCompileClasspath'), true);
    assert.equal(isTestConfiguration('runtimeClasspath'), false);
    assert.equal(isTestConfiguration('annotationProcessor'), false);
    assert.equal(isTestConfiguration('integrationTestRuntimeClasspath'), false);
  });

  it('merges duplicate lines and tolerates CRLF', () => {
    const text = 'org.yaml:snakeyaml:1.33=testRuntimeClasspath\r\norg.yaml:snakeyaml:1.33=runtimeClasspath\r\nempty=\r\n';
    const result = parse(text);
    assert.deepEqual(result.packages, [
      { key: 'org.yaml:snakeyaml@1.33', name: 'org.yaml:snakeyaml', version: '1.33', ecosystem: 'Maven', dependencies: [], line: 1 },
    ]);
    assert.deepEqual(result.direct, [{ key: 'org.yaml:snakeyaml@1.33', scope: 'production' }]);
  });

  it('accepts comment-only lockfile', () => {
    const result = parse('# This is a Gradle generated file for dependency locking.\nempty=compileClasspath\n');
    assert.deepEqual(result.packages, []);
    assert.deepEqual(result.direct, []);
  });

  it('rejects malformed lines', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['gradle.lockfile', 'org.yaml:snakeyaml:1.33\n', /line 1: expected "group:artifact:version=configurations"/],
      ['gradle.lockfile', '# c\norg.yaml:snakeyaml=runtimeClasspath\n', /line 2: expected "group:artifact:version", found "org.yaml:snakeyaml"/],
      ['gradle.lockfile', 'a:b:c:d=runtimeClasspath\n', /line 1: expected "group:artifact:version"/],
      ['gradle.lockfile', 'a::1=runtimeClasspath\n', /line 1: expected "group:artifact:version"/],
      ['gradle.lockfile', 'a:b:1=\n', /line 1: no configuration after "="/],
      ['gradle.lockfile', '<html>\n', /line 1: expected/],
      ['gradle/dependency-locks/x.lockfile', 'not coordinates\n', /line 1: expected "group:artifact:version"/],
    ];
    for (const [path, text, message] of cases) {
      assert.throws(() => parse(text, path), (error: unknown) => error instanceof LockfileError && message.test(error.message), text);
    }
  });

  it('parses huge lockfile quickly', () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) lines.push(`org.example:lib${i}:1.0.${i}=runtimeClasspath,testRuntimeClasspath`);
    lines.push(`a:b:c=${'x,'.repeat(200_000)}`);
    const started = Date.now();
    const result = parse(lines.join('\n'));
    assert.equal(result.packages.length, 100_001);
    assert.ok(Date.now() - started < 5000);
    assert.throws(() => parse(`${'a:'.repeat(500_000)}=x`), /expected "group:artifact:version", found "a:a:/);
  });
});
