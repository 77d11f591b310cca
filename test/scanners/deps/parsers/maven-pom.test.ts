import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { mavenPomParser } from '../../../../src/scanners/deps/parsers/maven-pom.js';
import { PomProperties } from '../../../../src/scanners/deps/parsers/maven-properties.js';
import { LockfileError, type ParseContext } from '../../../../src/scanners/deps/types.js';

const FIXTURES = fileURLToPath(new URL('../../../../../test/fixtures/deps/maven/', import.meta.url));

function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

function contextOf(path: string, files: Record<string, string> = {}): ParseContext {
  return { path, readFile: (relative) => files[relative] };
}

function parse(text: string, files: Record<string, string> = {}, path = 'pom.xml') {
  return mavenPomParser.parse(text, contextOf(path, files));
}

/** Wraps inner XML in a minimal POM. */
function pom(inner: string): string {
  return `<?xml version="1.0"?>\n<project>\n  <modelVersion>4.0.0</modelVersion>\n${inner}\n</project>\n`;
}

function dependency(groupId: string, artifactId: string, extra = ''): string {
  return `<dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId>${extra}</dependency>`;
}

describe('mavenPomParser', () => {
  it('matches pom.xml by name', () => {
    assert.equal(mavenPomParser.matches('pom.xml'), true);
    assert.equal(mavenPomParser.matches('services/api/pom.xml'), true);
    assert.equal(mavenPomParser.matches('pom.xml.orig'), false);
    assert.equal(mavenPomParser.matches('build.gradle'), false);
  });

  it('parses realistic module with parent', () => {
    const files = { 'java/pom.xml': fixture('pom.xml') };
    const result = parse(fixture('shop-service/pom.xml'), files, 'java/shop-service/pom.xml');
    assert.equal(result.ecosystem, 'Maven');
    assert.equal(result.projectName, 'com.example.shop:shop-service');
    assert.equal(result.projectVersion, '1.4.0-SNAPSHOT');
    assert.equal(result.manifest, 'java/shop-service/pom.xml');
    assert.deepEqual(
      result.packages.map((entry) => [entry.key, entry.line, entry.dev, entry.optional]),
      [
        ['com.fasterxml.jackson.core:jackson-databind@2.17.2', 22, undefined, undefined],
        ['org.apache.logging.log4j:log4j-core@2.14.1', 27, undefined, undefined],
        ['org.apache.logging.log4j:log4j-api@2.14.1', 31, undefined, undefined],
        ['com.google.guava:guava@32.1.3-jre', 35, undefined, undefined],
        ['org.apache.commons:commons-text@1.9', 40, undefined, true],
        ['javax.servlet:javax.servlet-api@4.0.1', 46, undefined, undefined],
        ['com.example.shop:shop-common@1.4.0-SNAPSHOT', 52, undefined, undefined],
        ['org.junit.jupiter:junit-jupiter@5.10.2', 57, true, undefined],
        ['org.mockito:mockito-core@5.11.0', 61, true, undefined],
        ['org.slf4j:slf4j-api@2.0.13', undefined, undefined, undefined],
      ],
    );
    assert.deepEqual(result.packages[0], {
      key: 'com.fasterxml.jackson.core:jackson-databind@2.17.2',
      name: 'com.fasterxml.jackson.core:jackson-databind',
      version: '2.17.2',
      ecosystem: 'Maven',
      dependencies: [],
      line: 22,
    });
    assert.deepEqual(
      result.direct.filter((entry) => entry.scope === 'development').map((entry) => entry.key),
      ['org.junit.jupiter:junit-jupiter@5.10.2', 'org.mockito:mockito-core@5.11.0'],
    );
    assert.equal(result.direct.length, 10);
    assert.deepEqual(result.warnings, [
      'BOM com.fasterxml.jackson:jackson-bom:2.17.2 is imported; the versions it manages are unknown without downloading it',
      'dependencies of profile "metrics" are not scanned because its activation is unknown',
    ]);
  });

  it('parses parent POM itself', () => {
    const result = parse(fixture('pom.xml'));
    assert.equal(result.projectName, 'com.example.shop:shop-parent');
    assert.deepEqual(result.packages.map((entry) => [entry.key, entry.line]), [['org.slf4j:slf4j-api@2.0.13', 53]]);
  });

  it('warns on parent outside repository', () => {
    const text = pom(`  <parent>\n    <groupId>org.springframework.boot</groupId>\n    <artifactId>spring-boot-starter-parent</artifactId>\n    <version>3.2.5</version>\n    <relativePath/>\n  </parent>\n  <artifactId>web</artifactId>\n  <dependencies>\n    ${dependency('org.springframework.boot', 'spring-boot-starter-web')}\n    ${dependency('org.yaml', 'snakeyaml', '<version>${snakeyaml.version}</version>')}\n  </dependencies>`);
    const result = parse(text, { 'pom.xml': 'unused' }, 'web/pom.xml');
    assert.equal(result.projectName, 'org.springframework.boot:web');
    assert.equal(result.projectVersion, '3.2.5');
    assert.deepEqual(result.packages, []);
    assert.deepEqual(result.warnings, [
      'parent org.springframework.boot:spring-boot-starter-parent:3.2.5 of web/pom.xml is not in the repository; properties and managed versions it defines are unknown',
      'org.springframework.boot:spring-boot-starter-web (line 12) has no version and no managed version; skipped',
      'version of org.yaml:snakeyaml (line 13) has an unresolved property (${snakeyaml.version}); skipped',
    ]);
  });

  it('rejects parent with other coordinates', () => {
    const parent = pom('<groupId>com.other</groupId><artifactId>other</artifactId><version>1</version><properties><v>9</v></properties>');
    const child = pom('<parent><groupId>com.example</groupId><artifactId>base</artifactId><version>1</version></parent><artifactId>c</artifactId>');
    const result = parse(child, { 'pom.xml': parent }, 'c/pom.xml');
    assert.match(result.warnings[0]!, /^parent com.example:base:1 of c\/pom.xml is not in the repository/);
  });

  it('follows relativePath and grandparents', () => {
    const root = pom('<groupId>org.acme</groupId><artifactId>root</artifactId><version>7</version><properties><netty.version>4.1.100.Final</netty.version><netty>${netty.version}</netty></properties><dependencyManagement><dependencies>' + dependency('io.netty', 'netty-codec-http', '<version>${netty}</version><scope>runtime</scope><optional>true</optional>') + '</dependencies></dependencyManagement>');
    const middle = pom('<parent><groupId>org.acme</groupId><artifactId>root</artifactId><version>7</version><relativePath>../../build</relativePath></parent><artifactId>middle</artifactId><properties><netty.version>4.1.108.Final</netty.version></properties>');
    const leaf = pom('<parent><groupId>org.acme</groupId><artifactId>middle</artifactId><version>7</version></parent><artifactId>leaf</artifactId><dependencies>' + dependency('io.netty', 'netty-codec-http') + dependency('${project.parent.groupId}', 'sibling', '<version>${project.parent.version}</version>') + '</dependencies>');
    const files = { 'build/pom.xml': root, 'mods/a/pom.xml': middle };
    const result = parse(leaf, files, 'mods/a/leaf/pom.xml');
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(result.packages.map((entry) => [entry.key, entry.optional]), [
      ['io.netty:netty-codec-http@4.1.108.Final', true],
      ['org.acme:sibling@7', undefined],
    ]);
    assert.deepEqual(result.direct[0], { key: 'io.netty:netty-codec-http@4.1.108.Final', scope: 'production' });
  });

  it('guards parent cycles', () => {
    const a = pom('<parent><groupId>g</groupId><artifactId>b</artifactId><version>1</version><relativePath>../b/pom.xml</relativePath></parent><artifactId>a</artifactId>');
    const b = pom('<parent><groupId>g</groupId><artifactId>a</artifactId><version>1</version><relativePath>../a/pom.xml</relativePath></parent><artifactId>b</artifactId>');
    const result = parse(a, { 'a/pom.xml': a, 'b/pom.xml': b }, 'a/pom.xml');
    assert.deepEqual(result.warnings, ['parent POM a/pom.xml is its own ancestor; the cycle is ignored']);
  });

  it('skips ranges and unresolved versions', () => {
    const text = pom([
      '<groupId>g</groupId><artifactId>a</artifactId><version>1.0</version>',
      '<properties><a>${b}</a><b>${a}</b><deep>${deep}</deep></properties>',
      '<dependencies>',
      dependency('org.apache.commons', 'commons-lang3', '<version>[3.0,4.0)</version>'),
      dependency('commons-io', 'commons-io', '<version>(,2.7]</version>'),
      dependency('org.example', 'cyclic', '<version>${a}</version>'),
      dependency('org.example', 'latest', '<version>LATEST</version>'),
      dependency('', 'no-group', '<version>1</version>'),
      dependency('com.h2database', 'h2', '<version>2.2.224</version><scope>system</scope><systemPath>${project.basedir}/lib/h2.jar</systemPath>'),
      dependency('junit', 'junit', '<version>4.13.2</version><scope>test</scope>'),
      dependency('junit', 'junit', '<version>4.13.2</version><classifier>sources</classifier>'),
      '</dependencies>',
    ].join('\n'));
    const result = parse(text);
    assert.deepEqual(result.warnings, [
      'version of org.apache.commons:commons-lang3 (line 7) is a version range ([3.0,4.0)), which only a resolver can pin; skipped',
      'version of commons-io:commons-io (line 8) is a version range ((,2.7]), which only a resolver can pin; skipped',
      'version of org.example:cyclic (line 9) has an unresolved property (${a}); skipped',
      'version of org.example:latest (line 10) is LATEST, which only a resolver can pin; skipped',
      'dependency at line 11 has no groupId or artifactId; skipped',
    ]);
    assert.deepEqual(result.packages.map((entry) => [entry.key, entry.source, entry.dev]), [
      ['com.h2database:h2@2.2.224', '${project.basedir}/lib/h2.jar', undefined],
      ['junit:junit@4.13.2', undefined, undefined],
    ]);
    assert.deepEqual(result.direct, [
      { key: 'com.h2database:h2@2.2.224', scope: 'production' },
      { key: 'junit:junit@4.13.2', scope: 'production' },
    ]);
  });

  it('finds lines with comments and CRLF', () => {
    const text = [
      '<project>',
      '  <!-- <dependency><artifactId>commented</artifactId></dependency> -->',
      '  <dependencyManagement><dependencies>',
      '    <dependency><groupId>x</groupId><artifactId>managed</artifactId><version>1</version></dependency>',
      '  </dependencies></dependencyManagement>',
      '  <dependencies>',
      '    <dependency><groupId>x</groupId><artifactId>managed</artifactId></dependency><dependency>',
      '      <groupId>x</groupId><artifactId>second</artifactId><version>2&amp;3</version>',
      '    </dependency>',
      '  </dependencies>',
      '</project>',
    ].join('\r\n');
    const result = parse(text);
    assert.deepEqual(result.packages.map((entry) => [entry.key, entry.line]), [
      ['x:managed@1', 7],
      ['x:second@2&3', 7],
    ]);
  });

  it('interpolates nested properties', () => {
    const properties = new PomProperties(new Map([
      ['major', '2'],
      ['minor', '${major}.17'],
      ['full', '${minor}.${patch}'],
      ['patch', '1'],
      ['self', '${self}'],
    ]));
    assert.equal(properties.interpolate('${full}'), '2.17.1');
    assert.equal(properties.interpolate('v${full}-${missing}'), 'v2.17.1-${missing}');
    assert.equal(properties.interpolate('${self}'), '${self}');
    assert.equal(properties.interpolate('${unclosed'), '${unclosed');
  });

  it('bounds property expansion', () => {
    const values = new Map<string, string>();
    for (let i = 0; i < 40; i++) values.set(`p${i}`, `\${p${i + 1}}\${p${i + 1}}`);
    values.set('p40', 'x');
    const started = Date.now();
    assert.equal(new PomProperties(values).interpolate('${p0}'), '${p0}');
    assert.ok(Date.now() - started < 1000);
  });

  it('rejects malformed and hostile XML', () => {
    const cases: Array<[string, RegExp]> = [
      ['<project><dependencies></project>', /invalid XML at line 1/],
      ['{"not": "xml"}', /invalid XML/],
      ['<settings><x/></settings>', /root element is not <project>/],
      ['<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n<project><version>&lol2;</version></project>', /DOCTYPE and ENTITY declarations are not allowed/],
      ['<project><properties><constructor>1</constructor></properties></project>', /invalid XML/],
      [`${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`, /invalid XML/],
    ];
    for (const [text, message] of cases) {
      assert.throws(() => parse(text), (error: unknown) => error instanceof LockfileError && message.test(error.message), text.slice(0, 60));
    }
  });

  it('parses large POM quickly', () => {
    const deps: string[] = [];
    for (let i = 0; i < 20_000; i++) deps.push(dependency('org.example', `lib${i}`, `<version>1.${i}</version>`));
    const text = pom(`<groupId>g</groupId><artifactId>big</artifactId><version>1</version><dependencies>\n${deps.join('\n')}\n</dependencies>`);
    const started = Date.now();
    const result = parse(text);
    assert.equal(result.packages.length, 20_000);
    assert.equal(result.packages[19_999]?.line, 20_004);
    assert.ok(Date.now() - started < 5000);
  });
});
