import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';

import { toSpdx } from '../../src/report/spdx.js';
import type { ProjectInventory } from '../../src/scanners/deps/types.js';
import { META, SHA1, SHA512, pkg, purl, sampleProjects } from './sbom-sample.js';

const addFormats = (formatsModule as unknown as { default: (ajv: object) => void }).default;

/** The parts of an SPDX document that the tests read. */
interface Document {
  spdxVersion: string;
  dataLicense: string;
  SPDXID: string;
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  packages: Package[];
  relationships: Relationship[];
  hasExtractedLicensingInfos?: { licenseId: string; name: string; extractedText: string }[];
}
interface Package {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: string;
  filesAnalyzed: boolean;
  checksums?: { algorithm: string; checksumValue: string }[];
  licenseConcluded: string;
  licenseDeclared: string;
  externalRefs?: { referenceCategory: string; referenceType: string; referenceLocator: string }[];
  primaryPackagePurpose: string;
  annotations?: { annotationType: string; annotator: string; annotationDate: string; comment: string }[];
}
interface Relationship {
  spdxElementId: string;
  relationshipType: string;
  relatedSpdxElement: string;
}

/** Compile the official SPDX 2.3 schema. It is draft-07, so ajv's default class handles it. */
function spdxValidator() {
  const schema = JSON.parse(
    readFileSync(new URL('../../../test/fixtures/sbom/spdx-schema-2.3.json', import.meta.url), 'utf8'),
  ) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

const validate = spdxValidator();

function documentOf(projects: ProjectInventory[] = sampleProjects()): { doc: Document; text: string } {
  const text = toSpdx(projects, META);
  return { doc: JSON.parse(text) as Document, text };
}

function assertValid(doc: Document): void {
  assert.equal(validate(doc), true, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

function projectPackage(doc: Document, path: string): Package {
  const found = doc.packages.find((entry) =>
    entry.annotations?.some((annotation) => annotation.comment === `rampart:lockfile=${path}`),
  );
  assert.ok(found, `no package for ${path}`);
  return found;
}

/** Find the package of `packagePurl` that the lockfile package CONTAINS. */
function packageIn(doc: Document, path: string, packagePurl: string): Package {
  const projectId = projectPackage(doc, path).SPDXID;
  const contained = new Set(
    doc.relationships
      .filter((entry) => entry.spdxElementId === projectId && entry.relationshipType === 'CONTAINS')
      .map((entry) => entry.relatedSpdxElement),
  );
  const found = doc.packages.find(
    (entry) => contained.has(entry.SPDXID) && entry.externalRefs?.[0]?.referenceLocator === packagePurl,
  );
  assert.ok(found, `no package ${packagePurl} in ${path}`);
  return found;
}

function related(doc: Document, from: string, type: string): string[] {
  return doc.relationships
    .filter((entry) => entry.spdxElementId === from && entry.relationshipType === type)
    .map((entry) => entry.relatedSpdxElement);
}

describe('toSpdx', () => {
  it('passes the 2.3 schema', () => {
    assertValid(documentOf().doc);
    assertValid(documentOf([]).doc);
  });

  it('schema check can fail', () => {
    const broken = documentOf().doc;
    (broken.relationships[0] as { relationshipType: string }).relationshipType = 'USES';
    assert.equal(validate(broken), false);
  });

  it('writes the document header', () => {
    const { doc } = documentOf();
    assert.equal(doc.spdxVersion, 'SPDX-2.3');
    assert.equal(doc.dataLicense, 'CC0-1.0');
    assert.equal(doc.SPDXID, 'SPDXRef-DOCUMENT');
    assert.equal(doc.name, 'shop');
    assert.equal(doc.documentNamespace, 'https://rampart.invalid/spdx/shop-3e671687-395b-41f5-a30f-a58921a69b79');
    assert.deepEqual(doc.creationInfo, { created: '2025-03-04T05:06:07Z', creators: ['Tool: rampart-0.1.0'] });
  });

  it('namespace is unique by default', () => {
    const meta = { toolVersion: '1', rootName: 'my app/é' };
    const first = JSON.parse(toSpdx([], meta)) as Document;
    const second = JSON.parse(toSpdx([], meta)) as Document;
    assert.match(first.documentNamespace, /^https:\/\/rampart\.invalid\/spdx\/my-app---[0-9a-f-]{36}$/);
    assert.notEqual(first.documentNamespace, second.documentNamespace);
    assert.equal(first.name, 'my app/é');
  });

  it('output is byte-identical when repeated', () => {
    const reversed = sampleProjects().reverse();
    for (const project of reversed) project.packages.reverse();
    assert.equal(toSpdx(reversed, META), documentOf().text);
  });

  it('identifiers are valid and unique', () => {
    const { doc } = documentOf();
    const ids = doc.packages.map((entry) => entry.SPDXID);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^SPDXRef-[A-Za-z0-9.-]+$/);
    assert.equal(doc.packages.length, 1 + 4 + 6 + 2 + 2 + 1);
    assert.deepEqual(ids.slice(0, 3), ['SPDXRef-Root', 'SPDXRef-Lockfile-api-pom.xml', 'SPDXRef-Package-Maven-org.apache.logging.log4j-log4j-api-2.14.1']);
  });

  it('clashing identifiers get a suffix', () => {
    const project: ProjectInventory = {
      path: 'package-lock.json',
      ecosystem: 'npm',
      packages: ['a_b', 'a-b', 'a b'].map((name) =>
        pkg('npm', { name, version: '1.0.0', direct: true, scope: 'production', path: [`${name}@1.0.0`] }),
      ),
    };
    const { doc } = documentOf([project]);
    assert.deepEqual(doc.packages.slice(2).map((entry) => [entry.name, entry.SPDXID]), [
      ['a b', 'SPDXRef-Package-npm-a-b-1.0.0'],
      ['a-b', 'SPDXRef-Package-npm-a-b-1.0.0-2'],
      ['a_b', 'SPDXRef-Package-npm-a-b-1.0.0-3'],
    ]);
    assertValid(doc);
  });

  it('writes package fields', () => {
    const express = packageIn(documentOf().doc, 'web/package-lock.json', purl.express);
    assert.deepEqual(express, {
      SPDXID: 'SPDXRef-Package-npm-express-4.18.2-2',
      name: 'express',
      versionInfo: '4.18.2',
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      checksums: [{ algorithm: 'SHA512', checksumValue: SHA512 }],
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'MIT',
      externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl.express }],
      primaryPackagePurpose: 'LIBRARY',
    });
  });

  it('names checksum algorithms', () => {
    const { doc } = documentOf();
    assert.deepEqual(packageIn(doc, 'web/package-lock.json', purl.debug).checksums, [
      { algorithm: 'SHA1', checksumValue: SHA1 },
    ]);
    assert.deepEqual(packageIn(doc, 'svc/go.mod', purl.gin).checksums, [
      { algorithm: 'SHA256', checksumValue: 'cd'.repeat(32) },
    ]);
  });

  it('declares valid licences or LicenseRefs', () => {
    const { doc } = documentOf();
    const web = 'web/package-lock.json';
    assert.equal(packageIn(doc, web, purl.leftPad).licenseDeclared, 'WTFPL OR MIT');
    assert.equal(packageIn(doc, web, purl.babelHelper).licenseDeclared, 'NOASSERTION');
    assert.equal(packageIn(doc, web, purl.ms).licenseDeclared, 'LicenseRef-SEE-LICENSE-IN-LICENSE.md');
    assert.deepEqual(doc.hasExtractedLicensingInfos, [
      {
        licenseId: 'LicenseRef-SEE-LICENSE-IN-LICENSE.md',
        name: 'SEE LICENSE IN LICENSE.md',
        extractedText: 'SEE LICENSE IN LICENSE.md',
      },
    ]);
  });

  it('no extracted licences when unneeded', () => {
    const { doc } = documentOf([sampleProjects()[1]!]);
    assert.equal(doc.hasExtractedLicensingInfos, undefined);
  });

  it('source as location or annotation', () => {
    const { doc } = documentOf();
    const leftPad = packageIn(doc, 'web/package-lock.json', purl.leftPad);
    assert.equal(leftPad.downloadLocation, 'git+https://git.example.invalid/left-pad.git');
    const local = packageIn(doc, 'tools/package-lock.json', purl.localLib);
    assert.equal(local.downloadLocation, 'NOASSERTION');
    assert.deepEqual(local.annotations?.map((annotation) => annotation.comment), ['rampart:source=../vendor/local-lib']);
  });

  it('lockfile packages carry annotations', () => {
    const web = projectPackage(documentOf().doc, 'web/package-lock.json');
    assert.equal(web.name, 'web');
    assert.equal(web.versionInfo, '2.0.0');
    assert.equal(web.primaryPackagePurpose, 'APPLICATION');
    assert.deepEqual(web.annotations?.map((annotation) => annotation.comment), [
      'rampart:lockfile=web/package-lock.json',
      'rampart:ecosystem=npm',
      'rampart:manifest=web/package.json',
    ]);
    assert.equal(web.annotations?.[0]?.annotator, 'Tool: rampart-0.1.0');
    assert.equal(web.annotations?.[0]?.annotationDate, '2025-03-04T05:06:07Z');
    assert.equal(projectPackage(documentOf().doc, 'api/pom.xml').name, 'api/pom.xml');
  });

  it('writes the relationships', () => {
    const { doc } = documentOf();
    const web = projectPackage(doc, 'web/package-lock.json').SPDXID;
    const id = (packagePurl: string) => packageIn(doc, 'web/package-lock.json', packagePurl).SPDXID;
    assert.deepEqual(related(doc, 'SPDXRef-DOCUMENT', 'DESCRIBES'), ['SPDXRef-Root']);
    assert.equal(related(doc, 'SPDXRef-Root', 'DEPENDS_ON').length, 4);
    assert.ok(related(doc, 'SPDXRef-Root', 'DEPENDS_ON').includes(web));
    assert.deepEqual(related(doc, web, 'DEPENDS_ON'), [id(purl.express), id(purl.leftPad)]);
    assert.deepEqual(related(doc, id(purl.babelCore), 'DEV_DEPENDENCY_OF'), [web]);
    assert.equal(related(doc, web, 'CONTAINS').length, 6);
    assert.deepEqual(related(doc, id(purl.express), 'DEPENDS_ON'), [id(purl.debug)]);
    assert.deepEqual(related(doc, id(purl.babelCore), 'DEPENDS_ON'), [id(purl.babelHelper)]);
    assert.deepEqual(related(doc, id(purl.babelHelper), 'DEV_DEPENDENCY_OF'), []);
    assert.deepEqual(related(doc, id(purl.ms), 'DEPENDS_ON'), []);
  });

  it('same purl in two lockfiles', () => {
    const { doc } = documentOf();
    const inWeb = packageIn(doc, 'web/package-lock.json', purl.express).SPDXID;
    const inTools = packageIn(doc, 'tools/package-lock.json', purl.express).SPDXID;
    // tools/ sorts before web/, so its copy is written first and keeps the plain id.
    assert.equal(inTools, 'SPDXRef-Package-npm-express-4.18.2');
    assert.equal(inWeb, 'SPDXRef-Package-npm-express-4.18.2-2');
    assert.deepEqual(related(doc, projectPackage(doc, 'tools/package-lock.json').SPDXID, 'DEPENDS_ON'), [inTools]);
  });
});
