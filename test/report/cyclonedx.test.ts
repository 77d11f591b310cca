import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Spec, Validation } from '@cyclonedx/cyclonedx-library';

import { toCycloneDx } from '../../src/report/cyclonedx.js';
import type { ProjectInventory } from '../../src/scanners/deps/types.js';
import { META, SHA1, SHA512, pkg, purl, sampleProjects } from './sbom-sample.js';

/** The parts of a CycloneDX BOM that the tests read. */
interface Bom {
  bomFormat: string;
  specVersion: string;
  serialNumber: string;
  metadata: {
    timestamp: string;
    tools: { components: { name: string; version: string }[] };
    component: Component;
  };
  components: Component[];
  dependencies: { ref: string; dependsOn?: string[] }[];
}
interface Component {
  type: string;
  name: string;
  group?: string;
  version?: string;
  'bom-ref': string;
  purl?: string;
  scope?: string;
  hashes?: { alg: string; content: string }[];
  licenses?: ({ license: { id?: string; name?: string } } | { expression: string })[];
  properties?: { name: string; value: string }[];
  components?: Component[];
}

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

function bomOf(projects: ProjectInventory[] = sampleProjects()): { bom: Bom; text: string } {
  const text = toCycloneDx(projects, META);
  return { bom: JSON.parse(text) as Bom, text };
}

function projectNode(bom: Bom, path: string): Component {
  const found = bom.components.find((component) => component['bom-ref'] === `project:${path}`);
  assert.ok(found, `no project component for ${path}`);
  return found;
}

function packageNode(bom: Bom, path: string, packagePurl: string): Component {
  const found = projectNode(bom, path).components?.find((component) => component.purl === packagePurl);
  assert.ok(found, `no component ${packagePurl} in ${path}`);
  return found;
}

function property(component: Component, name: string): string | undefined {
  return component.properties?.find((entry) => entry.name === name)?.value;
}

function dependsOn(bom: Bom, ref: string): string[] | undefined {
  return bom.dependencies.find((entry) => entry.ref === ref)?.dependsOn;
}

describe('toCycloneDx', () => {
  it('passes the 1.6 strict schema', async () => {
    const error = await validator.validate(bomOf().text);
    assert.equal(error, null, JSON.stringify(error, null, 2));
  });

  it('schema check can fail', async () => {
    const broken = JSON.parse(bomOf().text) as Bom;
    (broken.components[0] as { scope?: string }).scope = 'dev-only';
    assert.notEqual(await validator.validate(JSON.stringify(broken)), null);
  });

  it('passes the schema when empty', async () => {
    const { bom, text } = bomOf([]);
    assert.deepEqual(bom.components, []);
    assert.equal(await validator.validate(text), null);
  });

  it('writes header and metadata', () => {
    const { bom } = bomOf();
    assert.equal(bom.bomFormat, 'CycloneDX');
    assert.equal(bom.specVersion, '1.6');
    assert.equal(bom.serialNumber, META.serialNumber);
    assert.equal(bom.metadata.timestamp, '2025-03-04T05:06:07.890Z');
    assert.deepEqual(bom.metadata.tools.components.map((tool) => [tool.name, tool.version]), [['rampart', '0.1.0']]);
    assert.equal(bom.metadata.component.name, 'shop');
    assert.equal(bom.metadata.component.type, 'application');
    assert.equal(bom.metadata.component['bom-ref'], 'root');
  });

  it('output is byte-identical when repeated', () => {
    const reversed = sampleProjects().reverse();
    for (const project of reversed) project.packages.reverse();
    assert.equal(toCycloneDx(reversed, META), bomOf().text);
  });

  it('random serial number by default', () => {
    const first = JSON.parse(toCycloneDx([], { toolVersion: '1', rootName: 'x' })) as Bom;
    const second = JSON.parse(toCycloneDx([], { toolVersion: '1', rootName: 'x' })) as Bom;
    assert.match(first.serialNumber, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(first.serialNumber, second.serialNumber);
  });

  it('one application per lockfile', () => {
    const { bom } = bomOf();
    assert.deepEqual(
      bom.components.map((component) => [component.type, component.name, component['bom-ref']]),
      [
        ['application', 'api/pom.xml', 'project:api/pom.xml'],
        ['application', 'example.com/svc', 'project:svc/go.mod'],
        ['application', 'tools', 'project:tools/package-lock.json'],
        ['application', 'web', 'project:web/package-lock.json'],
      ],
    );
    const web = projectNode(bom, 'web/package-lock.json');
    assert.equal(web.version, '2.0.0');
    assert.equal(property(web, 'rampart:lockfile'), 'web/package-lock.json');
    assert.equal(property(web, 'rampart:ecosystem'), 'npm');
    assert.equal(property(web, 'rampart:manifest'), 'web/package.json');
    assert.equal(web.components?.length, 6);
    assert.equal(property(projectNode(bom, 'api/pom.xml'), 'rampart:manifest'), undefined);
  });

  it('npm scope becomes the group', () => {
    const babel = packageNode(bomOf().bom, 'web/package-lock.json', purl.babelCore);
    assert.equal(babel.type, 'library');
    assert.equal(babel.group, '@babel');
    assert.equal(babel.name, 'core');
    assert.equal(babel.version, '7.24.0');
    assert.equal(babel.purl, 'pkg:npm/%40babel/core@7.24.0');
    assert.equal(babel['bom-ref'], 'web/package-lock.json|pkg:npm/%40babel/core@7.24.0');
  });

  it('Maven groupId becomes the group', () => {
    const log4j = packageNode(bomOf().bom, 'api/pom.xml', purl.log4jCore);
    assert.equal(log4j.group, 'org.apache.logging.log4j');
    assert.equal(log4j.name, 'log4j-core');
    assert.equal(log4j.purl, 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1');
  });

  it('Go module keeps its full name', () => {
    const gin = packageNode(bomOf().bom, 'svc/go.mod', purl.gin);
    assert.equal(gin.group, undefined);
    assert.equal(gin.name, 'github.com/gin-gonic/gin');
    assert.equal(gin.purl, 'pkg:golang/github.com/gin-gonic/gin@v1.9.1');
    assert.deepEqual(gin.hashes, [{ alg: 'SHA-256', content: 'cd'.repeat(32) }]);
  });

  it('development scope is excluded', () => {
    const { bom } = bomOf();
    const babel = packageNode(bom, 'web/package-lock.json', purl.babelCore);
    assert.equal(babel.scope, 'excluded');
    assert.equal(property(babel, 'cdx:npm:package:development'), 'true');
    const helper = packageNode(bom, 'web/package-lock.json', purl.babelHelper);
    assert.equal(helper.scope, 'excluded');
    const express = packageNode(bom, 'web/package-lock.json', purl.express);
    assert.equal(express.scope, 'required');
    assert.equal(property(express, 'cdx:npm:package:development'), undefined);
  });

  it('direct and lockfile properties', () => {
    const { bom } = bomOf();
    const express = packageNode(bom, 'web/package-lock.json', purl.express);
    assert.equal(property(express, 'rampart:direct'), 'true');
    assert.equal(property(express, 'rampart:lockfile'), 'web/package-lock.json');
    assert.equal(property(packageNode(bom, 'web/package-lock.json', purl.debug), 'rampart:direct'), 'false');
    const leftPad = packageNode(bom, 'web/package-lock.json', purl.leftPad);
    assert.equal(property(leftPad, 'rampart:source'), 'git+https://git.example.invalid/left-pad.git');
  });

  it('writes hashes', () => {
    const { bom } = bomOf();
    assert.deepEqual(packageNode(bom, 'web/package-lock.json', purl.express).hashes, [
      { alg: 'SHA-512', content: SHA512 },
    ]);
    assert.deepEqual(packageNode(bom, 'web/package-lock.json', purl.debug).hashes, [{ alg: 'SHA-1', content: SHA1 }]);
    assert.equal(packageNode(bom, 'web/package-lock.json', purl.ms).hashes, undefined);
  });

  it('licence id, expression or name', () => {
    const { bom } = bomOf();
    const web = 'web/package-lock.json';
    assert.deepEqual(packageNode(bom, web, purl.express).licenses, [{ license: { id: 'MIT' } }]);
    assert.deepEqual(packageNode(bom, web, purl.leftPad).licenses, [{ expression: 'WTFPL OR MIT' }]);
    assert.deepEqual(packageNode(bom, web, purl.ms).licenses, [{ license: { name: 'SEE LICENSE IN LICENSE.md' } }]);
    assert.equal(packageNode(bom, web, purl.babelHelper).licenses, undefined);
  });

  it('writes the dependency graph', () => {
    const { bom } = bomOf();
    const web = 'web/package-lock.json';
    assert.deepEqual(dependsOn(bom, 'root'), [
      'project:api/pom.xml',
      'project:svc/go.mod',
      'project:tools/package-lock.json',
      'project:web/package-lock.json',
    ]);
    assert.deepEqual(dependsOn(bom, `project:${web}`), [
      `${web}|${purl.babelCore}`,
      `${web}|${purl.express}`,
      `${web}|${purl.leftPad}`,
    ]);
    assert.deepEqual(dependsOn(bom, `${web}|${purl.express}`), [`${web}|${purl.debug}`]);
    assert.deepEqual(dependsOn(bom, `${web}|${purl.debug}`), [`${web}|${purl.ms}`]);
    assert.equal(dependsOn(bom, `${web}|${purl.ms}`), undefined);
    assert.deepEqual(dependsOn(bom, `project:api/pom.xml`), [`api/pom.xml|${purl.log4jCore}`]);
    assert.equal(bom.dependencies.length, 1 + 4 + 6 + 2 + 2 + 1);
  });

  it('same purl in two lockfiles', () => {
    const { bom } = bomOf();
    const refs = [
      packageNode(bom, 'web/package-lock.json', purl.express)['bom-ref'],
      packageNode(bom, 'tools/package-lock.json', purl.express)['bom-ref'],
    ];
    assert.deepEqual(refs, [`web/package-lock.json|${purl.express}`, `tools/package-lock.json|${purl.express}`]);
    assert.deepEqual(dependsOn(bom, 'project:tools/package-lock.json'), [
      `tools/package-lock.json|${purl.express}`,
      `tools/package-lock.json|${purl.localLib}`,
    ]);
    assert.equal(dependsOn(bom, `tools/package-lock.json|${purl.express}`), undefined);
  });

  it('merges a purl listed twice', async () => {
    const copy = (direct: boolean, scope: 'production' | 'development', dependsOnList: string[]) =>
      pkg('npm', { name: 'ms', version: '2.1.3', direct, scope, path: ['ms@2.1.3'], dependsOn: dependsOnList });
    const project: ProjectInventory = {
      path: 'package-lock.json',
      ecosystem: 'npm',
      packages: [
        copy(false, 'development', [purl.debug]),
        copy(true, 'production', []),
        pkg('npm', { name: 'debug', version: '2.6.9', direct: false, scope: 'production', path: [] }),
      ],
    };
    const { bom, text } = bomOf([project]);
    assert.equal(projectNode(bom, 'package-lock.json').components?.length, 2);
    const ms = packageNode(bom, 'package-lock.json', purl.ms);
    assert.equal(ms.scope, 'required');
    assert.equal(property(ms, 'rampart:direct'), 'true');
    assert.deepEqual(dependsOn(bom, `package-lock.json|${purl.ms}`), [`package-lock.json|${purl.debug}`]);
    assert.equal(await validator.validate(text), null);
  });

  it('skips edges to unknown purls', () => {
    const project: ProjectInventory = {
      path: 'package-lock.json',
      ecosystem: 'npm',
      packages: [
        pkg('npm', {
          name: 'ms',
          version: '2.1.3',
          direct: true,
          scope: 'production',
          path: ['ms@2.1.3'],
          dependsOn: ['pkg:npm/missing@1.0.0', purl.ms],
        }),
      ],
    };
    assert.equal(dependsOn(bomOf([project]).bom, `package-lock.json|${purl.ms}`), undefined);
  });
});
