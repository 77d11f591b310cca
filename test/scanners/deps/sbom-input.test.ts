import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { toCycloneDx } from '../../../src/report/cyclonedx.js';
import { toSpdx } from '../../../src/report/spdx.js';
import { SbomFormatError, parseSbom, readSbom } from '../../../src/scanners/deps/sbom-input.js';
import type { InventoryPackage, ProjectInventory } from '../../../src/scanners/deps/types.js';
import { META, sampleProjects } from '../../report/sbom-sample.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../../../../test/fixtures/sbom/${name}`, import.meta.url), 'utf8');
}

/** Projects in a comparable form: sorted by path, edge lists sorted. */
function normalised(projects: ProjectInventory[]): ProjectInventory[] {
  return [...projects]
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((project) => ({
      ...project,
      packages: project.packages.map((entry) => ({ ...entry, dependsOn: [...entry.dependsOn].sort() })),
    }));
}

function byName(project: ProjectInventory | undefined, name: string): InventoryPackage {
  const found = project?.packages.find((entry) => entry.name === name);
  assert.ok(found, `no package ${name}`);
  return found;
}

function cycloneDx(components: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', components, ...extra });
}

function formatError(text: string): SbomFormatError {
  try {
    readSbom(text, 'sbom.json');
  } catch (error) {
    assert.ok(error instanceof SbomFormatError, `not an SbomFormatError: ${String(error)}`);
    return error;
  }
  assert.fail('readSbom did not throw');
}

describe('readSbom round trip', () => {
  it('CycloneDX gives back the projects', () => {
    const result = parseSbom(toCycloneDx(sampleProjects(), META), 'bom.cdx.json');
    assert.equal(result.format, 'CycloneDX');
    assert.equal(result.specVersion, '1.6');
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(normalised(result.projects), normalised(sampleProjects()));
  });

  it('SPDX gives back the projects', () => {
    const result = parseSbom(toSpdx(sampleProjects(), META), 'bom.spdx.json');
    assert.equal(result.format, 'SPDX');
    assert.equal(result.specVersion, 'SPDX-2.3');
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(normalised(result.projects), normalised(sampleProjects()));
  });

  it('keeps empty projects', () => {
    const empty: ProjectInventory = { path: 'Cargo.lock', ecosystem: 'crates.io', packages: [] };
    assert.deepEqual(readSbom(toCycloneDx([empty], META), 'bom.json'), [empty]);
    assert.deepEqual(readSbom(toSpdx([empty], META), 'bom.json'), [empty]);
  });

  it('empty SBOM gives no projects', () => {
    assert.deepEqual(readSbom(toCycloneDx([], META), 'bom.json'), []);
    assert.deepEqual(readSbom(toSpdx([], META), 'bom.json'), []);
  });
});

describe('readSbom Trivy-style CycloneDX 1.4', () => {
  const result = parseSbom(fixture('trivy-style-1.4.cdx.json'), 'sbom/trivy.json');
  const project = result.projects[0];

  it('one project at the SBOM path', () => {
    assert.equal(result.projects.length, 1);
    assert.equal(project?.path, 'sbom/trivy.json');
    assert.equal(project?.ecosystem, 'npm');
    assert.equal(project?.name, undefined);
    assert.deepEqual(
      project?.packages.map((entry) => `${entry.ecosystem}:${entry.name}@${entry.version}`),
      [
        'npm:@types/node@20.11.0',
        'npm:debug@2.6.9',
        'npm:express@4.18.2',
        'Go:github.com/gin-gonic/gin@1.9.1',
        'npm:ms@2.0.0',
        'Maven:org.apache.logging.log4j:log4j-core@2.14.1',
      ],
    );
  });

  it('direct through lockfile components', () => {
    const direct = project?.packages.filter((entry) => entry.direct).map((entry) => entry.name);
    assert.deepEqual(direct, ['@types/node', 'express', 'github.com/gin-gonic/gin', 'org.apache.logging.log4j:log4j-core']);
  });

  it('reads edges, chains and scope', () => {
    const ms = byName(project, 'ms');
    assert.deepEqual(ms.path, ['express@4.18.2', 'debug@2.6.9', 'ms@2.0.0']);
    assert.equal(ms.scope, 'production');
    assert.deepEqual(byName(project, 'express').dependsOn, ['pkg:npm/debug@2.6.9']);
    assert.equal(byName(project, '@types/node').scope, 'development');
    assert.equal(byName(project, '@types/node').purl, 'pkg:npm/%40types/node@20.11.0');
  });

  it('reads hashes and licences', () => {
    assert.deepEqual(byName(project, 'debug').hashes, [
      { algorithm: 'SHA-1', value: '5d128515df134ff327e90a4c93f4e077a536341f' },
    ]);
    assert.deepEqual(byName(project, 'github.com/gin-gonic/gin').hashes, [{ algorithm: 'SHA-256', value: 'ab'.repeat(32) }]);
    assert.equal(byName(project, 'express').license, 'MIT');
    assert.equal(byName(project, 'debug').license, 'MIT');
    assert.equal(byName(project, 'org.apache.logging.log4j:log4j-core').license, 'Apache-2.0');
    assert.equal(byName(project, 'ms').license, undefined);
  });

  it('warns about skipped types', () => {
    assert.deepEqual(result.warnings, [
      'sbom/trivy.json: skipped 1 packages of purl types Rampart does not check (deb)',
    ]);
  });
});

describe('readSbom Syft-style SPDX 2.2', () => {
  const result = parseSbom(fixture('syft-style-2.2.spdx.json'), 'syft.json');
  const project = result.projects[0];

  it('reads the packages', () => {
    assert.equal(result.specVersion, 'SPDX-2.2');
    assert.equal(result.projects.length, 1);
    assert.equal(project?.ecosystem, 'PyPI');
    assert.deepEqual(
      project?.packages.map((entry) => [entry.ecosystem, entry.name, entry.version, entry.direct, entry.scope]),
      [
        ['PyPI', 'flask', '2.3.2', true, 'production'],
        ['PyPI', 'pytest', '7.4.0', true, 'development'],
        ['crates.io', 'serde', '1.0.188', true, 'production'],
        ['PyPI', 'werkzeug', '2.3.6', false, 'production'],
      ],
    );
  });

  it('reads relationships in reverse', () => {
    assert.deepEqual(byName(project, 'flask').dependsOn, ['pkg:pypi/werkzeug@2.3.6']);
    assert.deepEqual(byName(project, 'werkzeug').path, ['flask@2.3.2', 'werkzeug@2.3.6']);
    assert.deepEqual(byName(project, 'pytest').dependsOn, []);
  });

  it('reads checksums and licences', () => {
    assert.deepEqual(byName(project, 'flask').hashes, [{ algorithm: 'SHA-256', value: '0f'.repeat(32) }]);
    assert.equal(byName(project, 'flask').license, 'BSD-3-Clause');
    assert.equal(byName(project, 'werkzeug').license, 'BSD-3-Clause');
    assert.equal(byName(project, 'serde').license, 'MIT OR Apache-2.0');
    assert.equal(byName(project, 'pytest').hashes, undefined);
  });

  it('ignores other tools locations', () => {
    assert.equal(byName(project, 'flask').source, undefined);
  });

  it('warns about skipped types', () => {
    assert.deepEqual(result.warnings, ['syft.json: skipped 1 packages of purl types Rampart does not check (apk)']);
  });
});

describe('readSbom without a graph', () => {
  it('marks all direct and warns', () => {
    const text = cycloneDx([
      { type: 'library', name: 'a', purl: 'pkg:npm/a@1.0.0' },
      { type: 'library', name: 'b', purl: 'pkg:cargo/b@2.0.0', scope: 'excluded' },
    ]);
    const result = parseSbom(text, 'x.json');
    assert.deepEqual(
      result.projects[0]?.packages.map((entry) => [entry.name, entry.direct, entry.scope, entry.path]),
      [
        ['a', true, 'production', ['a@1.0.0']],
        ['b', true, 'development', ['b@2.0.0']],
      ],
    );
    assert.deepEqual(result.warnings, [
      'x.json: the SBOM does not say which packages the project depends on directly, so all 2 are marked direct',
    ]);
  });

  it('SPDX with only CONTAINS', () => {
    const text = JSON.stringify({
      spdxVersion: 'SPDX-2.3',
      packages: [
        { SPDXID: 'SPDXRef-root', name: 'root' },
        {
          SPDXID: 'SPDXRef-a',
          name: 'a',
          externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:gem/rails@7.1.0' }],
        },
      ],
      relationships: [
        { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-root' },
        { spdxElementId: 'SPDXRef-root', relationshipType: 'CONTAINS', relatedSpdxElement: 'SPDXRef-a' },
      ],
    });
    const result = parseSbom(text, 'x.json');
    assert.equal(result.projects[0]?.ecosystem, 'RubyGems');
    assert.equal(result.projects[0]?.packages[0]?.direct, true);
    assert.equal(result.warnings.length, 1);
  });
});

describe('readSbom package details', () => {
  it('merges components sharing a purl', () => {
    const text = cycloneDx(
      [
        { type: 'library', 'bom-ref': 'x1', name: 'x', purl: 'pkg:npm/x@1.0.0' },
        { type: 'library', 'bom-ref': 'x2', name: 'x', purl: 'pkg:npm/x@1.0.0', hashes: [{ alg: 'MD5', content: 'AA'.repeat(16) }] },
        { type: 'library', 'bom-ref': 'y', name: 'y', purl: 'pkg:npm/y@1.0.0' },
      ],
      {
        metadata: { component: { type: 'application', name: 'app', 'bom-ref': 'app' } },
        dependencies: [
          { ref: 'app', dependsOn: ['x1'] },
          { ref: 'x2', dependsOn: ['y', 'x1'] },
        ],
      },
    );
    const packages = readSbom(text, 'x.json')[0]?.packages;
    assert.equal(packages?.length, 2);
    assert.deepEqual(packages?.[0]?.hashes, [{ algorithm: 'MD5', value: 'aa'.repeat(16) }]);
    assert.deepEqual(packages?.[0]?.dependsOn, ['pkg:npm/y@1.0.0']);
    assert.deepEqual(packages?.[1]?.path, ['x@1.0.0', 'y@1.0.0']);
    assert.equal(packages?.[1]?.direct, false);
  });

  it('names from purl per ecosystem', () => {
    const purls = [
      'pkg:golang/github.com/foo/bar/v2@v2.0.1',
      'pkg:composer/laravel/framework@v10.0.0',
      'pkg:nuget/Newtonsoft.Json@13.0.1',
      'pkg:pub/http@1.1.0',
      'pkg:pypi/Django_Rest@3.0',
      'pkg:maven/org.example/lib@1.0?type=jar',
    ];
    const text = cycloneDx(purls.map((purl, index) => ({ type: 'library', name: `c${index}`, purl })));
    const packages = readSbom(text, 'x.json')[0]?.packages ?? [];
    assert.deepEqual(
      packages.map((entry) => [entry.ecosystem, entry.name, entry.version]),
      [
        ['NuGet', 'Newtonsoft.Json', '13.0.1'],
        ['PyPI', 'django-rest', '3.0'],
        ['Go', 'github.com/foo/bar/v2', '2.0.1'],
        ['Pub', 'http', '1.1.0'],
        ['Packagist', 'laravel/framework', 'v10.0.0'],
        ['Maven', 'org.example:lib', '1.0'],
      ],
    );
    assert.equal(packages.find((entry) => entry.ecosystem === 'Maven')?.purl, 'pkg:maven/org.example/lib@1.0?type=jar');
  });

  it('counts invalid and versionless purls', () => {
    const text = cycloneDx([
      { type: 'library', name: 'a', purl: 'not a purl' },
      { type: 'library', name: 'b', purl: 'pkg:npm/b' },
      { type: 'library', name: 'c', purl: 'pkg:oci/c@sha256%3Aabc' },
      { type: 'library', name: 'd', purl: 'pkg:oci/d@1' },
      { type: 'library', name: 'e' },
    ]);
    const result = parseSbom(text, 'x.json');
    assert.deepEqual(result.projects, []);
    assert.deepEqual(result.warnings, [
      'x.json: skipped 2 packages of purl types Rampart does not check (oci)',
      'x.json: skipped 1 packages with an invalid purl',
      'x.json: skipped 1 packages whose purl has no version',
    ]);
  });

  it('joins several CycloneDX licences', () => {
    const text = cycloneDx([
      {
        type: 'library',
        name: 'a',
        purl: 'pkg:npm/a@1.0.0',
        licenses: [{ license: { id: 'MIT' } }, { license: { name: 'Custom Terms' } }],
      },
    ]);
    assert.equal(readSbom(text, 'x.json')[0]?.packages[0]?.license, 'MIT AND (Custom Terms)');
  });

  it('accepts a byte order mark', () => {
    assert.equal(readSbom(`\uFEFF${cycloneDx([])}`, 'x.json').length, 0);
  });

  it('accepts spec 1.2', () => {
    const text = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.2',
      components: [{ type: 'library', name: 'a', version: '1', purl: 'pkg:cargo/a@1.0.0' }],
    });
    assert.equal(readSbom(text, 'x.json')[0]?.packages[0]?.ecosystem, 'crates.io');
  });
});

describe('readSbom malformed input', () => {
  it('invalid JSON names the file', () => {
    const error = formatError('{"bomFormat": "CycloneDX",\n  "components": [\n}');
    assert.match(error.message, /^sbom\.json: invalid JSON \(/);
    assert.equal(error.path, 'sbom.json');
    assert.equal(error.message.includes('\n'), false);
  });

  it('rejects unknown formats', () => {
    assert.equal(
      formatError('[1, 2]').message,
      'sbom.json: not a CycloneDX or SPDX JSON SBOM: the top-level value is not an object',
    );
    assert.equal(
      formatError('{"name": "x"}').message,
      'sbom.json: not a CycloneDX or SPDX JSON SBOM: found neither "bomFormat": "CycloneDX" nor "spdxVersion"',
    );
    assert.equal(formatError('null').name, 'SbomFormatError');
  });

  it('rejects unsupported versions', () => {
    assert.equal(
      formatError('{"bomFormat": "CycloneDX", "specVersion": "1.1"}').message,
      'sbom.json: unsupported CycloneDX specVersion "1.1"; supported: 1.2 to 1.7',
    );
    assert.match(formatError('{"bomFormat": "CycloneDX"}').message, /specVersion undefined;/);
    assert.equal(
      formatError('{"spdxVersion": "SPDX-3.0"}').message,
      'sbom.json: unsupported spdxVersion "SPDX-3.0"; supported: SPDX-2.2 and SPDX-2.3',
    );
    assert.match(formatError(`{"spdxVersion": "${'x'.repeat(500)}"}`).message, /"x{39}\.\.\.;/);
  });

  it('survives wrong field types', () => {
    const texts = [
      cycloneDx('x' as unknown as unknown[], { dependencies: 5, metadata: [] }),
      cycloneDx([null, 1, 'a', { purl: 7, components: 'no', hashes: {}, licenses: [null, { license: 3 }] }], {
        dependencies: [null, { ref: 1 }, { ref: 'a', dependsOn: [null, 3] }],
        metadata: { component: 'root' },
      }),
      JSON.stringify({
        spdxVersion: 'SPDX-2.3',
        packages: [null, { SPDXID: 3, externalRefs: 'x', checksums: [1], annotations: [{ comment: 5 }] }],
        relationships: [null, { spdxElementId: 1 }],
        documentDescribes: 'x',
        creationInfo: { creators: 'x' },
        hasExtractedLicensingInfos: [null],
      }),
    ];
    for (const text of texts) assert.deepEqual(readSbom(text, 'x.json'), []);
  });

  it('deep nesting does not overflow', () => {
    const depth = 100_000;
    const text = `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[${'{"type":"library","name":"n","purl":"pkg:npm/n@1.0.0","components":['.repeat(depth)}${']}'.repeat(depth)}]}`;
    const started = Date.now();
    const projects = readSbom(text, 'deep.json');
    assert.equal(projects[0]?.packages.length, 1);
    assert.ok(Date.now() - started < 10_000, 'took over 10 s');
  });

  it('bounds chains in a large graph', () => {
    const count = 50_000;
    const components = Array.from({ length: count }, (_, index) => ({
      type: 'library',
      'bom-ref': `r${index}`,
      name: `p${index}`,
      purl: `pkg:npm/p${index}@1.0.0`,
    }));
    const dependencies = components.map((_, index) => ({ ref: `r${index}`, dependsOn: [`r${index + 1}`, 'r0'] }));
    const text = cycloneDx(components, {
      metadata: { component: { type: 'application', name: 'app', 'bom-ref': 'app' } },
      dependencies: [{ ref: 'app', dependsOn: ['r0'] }, ...dependencies],
    });
    const packages = readSbom(text, 'big.json')[0]?.packages ?? [];
    assert.equal(packages.length, count);
    assert.equal(packages.filter((entry) => entry.direct).length, 1);
    const last = packages.find((entry) => entry.name === `p${count - 1}`);
    assert.equal(last?.path.length, 24);
    assert.equal(last?.path[0], 'p0@1.0.0');
    assert.equal(last?.path[1], `p${count - 23}@1.0.0`);
    assert.equal(last?.path[23], `p${count - 1}@1.0.0`);
    assert.deepEqual(packages.find((entry) => entry.name === 'p2')?.path, ['p0@1.0.0', 'p1@1.0.0', 'p2@1.0.0']);
  });
});
