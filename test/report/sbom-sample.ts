/** Hand-made inventories for the SBOM writer and reader tests. */
import { purlOf } from '../../src/scanners/deps/purl.js';
import type { Ecosystem, InventoryPackage, ProjectInventory } from '../../src/scanners/deps/types.js';
import type { SbomMeta } from '../../src/report/sbom-common.js';

export const META: SbomMeta = {
  toolVersion: '0.1.0',
  rootName: 'shop',
  timestamp: new Date('2025-03-04T05:06:07.890Z'),
  serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
};

export const SHA512 = 'ab'.repeat(64);
export const SHA1 = '5d128515df134ff327e90a4c93f4e077a536341f';

type PackageInput = Omit<InventoryPackage, 'purl' | 'ecosystem' | 'dependsOn'> & { dependsOn?: string[] };

/** Build a package with its purl made the way the lockfile inventory makes it. */
export function pkg(ecosystem: Ecosystem, fields: PackageInput): InventoryPackage {
  return {
    ecosystem,
    purl: purlOf(ecosystem, fields.name, fields.version),
    ...fields,
    dependsOn: fields.dependsOn ?? [],
  };
}

export const purl = {
  express: purlOf('npm', 'express', '4.18.2'),
  debug: purlOf('npm', 'debug', '2.6.9'),
  ms: purlOf('npm', 'ms', '2.1.3'),
  babelCore: purlOf('npm', '@babel/core', '7.24.0'),
  babelHelper: purlOf('npm', '@babel/helper-plugin-utils', '7.24.0'),
  leftPad: purlOf('npm', 'left-pad', '1.3.0'),
  log4jCore: purlOf('Maven', 'org.apache.logging.log4j:log4j-core', '2.14.1'),
  log4jApi: purlOf('Maven', 'org.apache.logging.log4j:log4j-api', '2.14.1'),
  gin: purlOf('Go', 'github.com/gin-gonic/gin', '1.9.1'),
  localLib: purlOf('npm', 'local-lib', '1.0.0'),
};

function webProject(): ProjectInventory {
  return {
    path: 'web/package-lock.json',
    manifest: 'web/package.json',
    ecosystem: 'npm',
    name: 'web',
    version: '2.0.0',
    packages: [
      pkg('npm', {
        name: '@babel/core',
        version: '7.24.0',
        direct: true,
        scope: 'development',
        path: ['@babel/core@7.24.0'],
        dependsOn: [purl.babelHelper],
        license: 'MIT',
      }),
      pkg('npm', {
        name: '@babel/helper-plugin-utils',
        version: '7.24.0',
        direct: false,
        scope: 'development',
        path: ['@babel/core@7.24.0', '@babel/helper-plugin-utils@7.24.0'],
      }),
      pkg('npm', {
        name: 'debug',
        version: '2.6.9',
        direct: false,
        scope: 'production',
        path: ['express@4.18.2', 'debug@2.6.9'],
        dependsOn: [purl.ms],
        hashes: [{ algorithm: 'SHA-1', value: SHA1 }],
      }),
      pkg('npm', {
        name: 'express',
        version: '4.18.2',
        direct: true,
        scope: 'production',
        path: ['express@4.18.2'],
        dependsOn: [purl.debug],
        license: 'MIT',
        hashes: [{ algorithm: 'SHA-512', value: SHA512 }],
      }),
      pkg('npm', {
        name: 'left-pad',
        version: '1.3.0',
        direct: true,
        scope: 'production',
        path: ['left-pad@1.3.0'],
        license: 'WTFPL OR MIT',
        source: 'git+https://git.example.invalid/left-pad.git',
      }),
      pkg('npm', {
        name: 'ms',
        version: '2.1.3',
        direct: false,
        scope: 'production',
        path: ['express@4.18.2', 'debug@2.6.9', 'ms@2.1.3'],
        license: 'SEE LICENSE IN LICENSE.md',
      }),
    ],
  };
}

function apiProject(): ProjectInventory {
  return {
    path: 'api/pom.xml',
    ecosystem: 'Maven',
    packages: [
      pkg('Maven', {
        name: 'org.apache.logging.log4j:log4j-api',
        version: '2.14.1',
        direct: false,
        scope: 'production',
        path: ['org.apache.logging.log4j:log4j-core@2.14.1', 'org.apache.logging.log4j:log4j-api@2.14.1'],
        license: 'Apache-2.0',
      }),
      pkg('Maven', {
        name: 'org.apache.logging.log4j:log4j-core',
        version: '2.14.1',
        direct: true,
        scope: 'production',
        path: ['org.apache.logging.log4j:log4j-core@2.14.1'],
        dependsOn: [purl.log4jApi],
        license: 'Apache-2.0',
      }),
    ],
  };
}

/** Holds express again, at the same purl as in the web project. */
function toolsProject(): ProjectInventory {
  return {
    path: 'tools/package-lock.json',
    ecosystem: 'npm',
    name: 'tools',
    packages: [
      pkg('npm', {
        name: 'express',
        version: '4.18.2',
        direct: true,
        scope: 'production',
        path: ['express@4.18.2'],
      }),
      pkg('npm', {
        name: 'local-lib',
        version: '1.0.0',
        direct: true,
        scope: 'development',
        path: ['local-lib@1.0.0'],
        source: '../vendor/local-lib',
      }),
    ],
  };
}

function goProject(): ProjectInventory {
  return {
    path: 'svc/go.mod',
    ecosystem: 'Go',
    name: 'example.com/svc',
    packages: [
      pkg('Go', {
        name: 'github.com/gin-gonic/gin',
        version: '1.9.1',
        direct: true,
        scope: 'production',
        path: ['github.com/gin-gonic/gin@1.9.1'],
        hashes: [{ algorithm: 'SHA-256', value: 'cd'.repeat(32) }],
      }),
    ],
  };
}

/** Four projects: npm with development dependencies, Maven, npm sharing a purl, and Go. */
export function sampleProjects(): ProjectInventory[] {
  return [webProject(), apiProject(), toolsProject(), goProject()];
}
