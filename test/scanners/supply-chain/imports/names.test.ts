import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isNodeBuiltin,
  isValidNpmName,
  npmPackageOfSpecifier,
  typesPackageOf,
} from '../../../../src/scanners/supply-chain/imports/npm-names.js';
import {
  distributionOfModule,
  isStandardLibraryModule,
  loadPythonNameTables,
  parseDistributionTable,
  parseStandardLibrary,
} from '../../../../src/scanners/supply-chain/imports/python-names.js';

describe('npmPackageOfSpecifier', () => {
  const cases: Array<[string, string | undefined]> = [
    ['lodash', 'lodash'],
    ['lodash/fp', 'lodash'],
    ['@scope/name', '@scope/name'],
    ['@scope/name/sub/path.js', '@scope/name'],
    ['@types/node', '@types/node'],
    ['npm:left-pad@1.3.0/index.js', 'left-pad'],
    ['npm:@scope/pkg@^2', '@scope/pkg'],
    ['./local', undefined],
    ['../up', undefined],
    ['/absolute/path', undefined],
    ['https://esm.sh/react', undefined],
    ['node:fs', undefined],
    ['node:test', undefined],
    ['fs', undefined],
    ['fs/promises', undefined],
    ['child_process', undefined],
    ['@/components/Button', undefined],
    ['~/utils', undefined],
    ['#internal/x', undefined],
    ['React', undefined],
    ['has space', undefined],
    ['virtual:pwa-register', undefined],
    ['data:text/javascript,1', undefined],
    ['@scope', undefined],
    ['C:\\path\\file.js', undefined],
    ['', undefined],
  ];
  for (const [specifier, expected] of cases) {
    it(`maps "${specifier}"`, () => {
      assert.equal(npmPackageOfSpecifier(specifier), expected);
    });
  }
});

describe('npm name helpers', () => {
  it('validates npm names', () => {
    assert.equal(isValidNpmName('a'.repeat(214)), true);
    assert.equal(isValidNpmName('a'.repeat(215)), false);
    assert.equal(isValidNpmName('.hidden'), false);
    assert.equal(isValidNpmName('_under'), false);
    assert.equal(isValidNpmName('@s/_ok'), false);
    assert.equal(isValidNpmName('dots.and-dashes_ok'), true);
  });

  it('recognises node built-ins', () => {
    assert.equal(isNodeBuiltin('path'), true);
    assert.equal(isNodeBuiltin('stream/web'), true);
    assert.equal(isNodeBuiltin('node:sqlite'), true);
    assert.equal(isNodeBuiltin('express'), false);
  });

  it('names DefinitelyTyped packages', () => {
    assert.equal(typesPackageOf('lodash'), '@types/lodash');
    assert.equal(typesPackageOf('@babel/core'), '@types/babel__core');
  });
});

describe('Python name tables', () => {
  const tables = loadPythonNameTables();

  it('ships enough mismatch rows', () => {
    assert.ok(tables.distributions.size >= 150, `${tables.distributions.size} rows`);
  });

  it('maps import names to distributions', () => {
    const cases: Array<[string, string]> = [
      ['yaml', 'PyYAML'],
      ['cv2', 'opencv-python'],
      ['sklearn.svm', 'scikit-learn'],
      ['PIL.Image', 'Pillow'],
      ['bs4', 'beautifulsoup4'],
      ['dateutil.parser', 'python-dateutil'],
      ['jwt', 'PyJWT'],
      ['Crypto.Cipher', 'pycryptodome'],
      ['google.protobuf.json_format', 'protobuf'],
      ['attr', 'attrs'],
      ['dotenv', 'python-dotenv'],
      ['magic', 'python-magic'],
      ['serial', 'pyserial'],
      ['zmq', 'pyzmq'],
      ['git', 'GitPython'],
      ['docx', 'python-docx'],
      ['google.cloud.pubsub_v1', 'google-cloud-pubsub'],
      ['google.cloud.spanner', 'google-cloud-spanner'],
      ['azure.storage.queue', 'azure-storage-queue'],
      ['azure.servicebus', 'azure-servicebus'],
      ['zope.event', 'zope.event'],
      ['requests.adapters', 'requests'],
    ];
    for (const [module, distribution] of cases) {
      assert.equal(distributionOfModule(module, tables).name, distribution, module);
    }
  });

  it('lists alternative distributions', () => {
    assert.deepEqual(distributionOfModule('cv2', tables).alternatives, [
      'opencv-python-headless',
      'opencv-contrib-python',
      'opencv-contrib-python-headless',
    ]);
  });

  it('reports match depth', () => {
    assert.equal(distributionOfModule('google.cloud.storage.blob', tables).depth, 3);
    assert.equal(distributionOfModule('numpy.linalg', tables).depth, 0);
  });

  it('recognises standard-library modules', () => {
    for (const module of ['os', 'os.path', 'asyncio', 'tomllib', '__future__', 'distutils.core', 'imp', 'asynchat', 'urllib2', 'ConfigParser', '_typeshed']) {
      assert.equal(isStandardLibraryModule(module, tables), true, module);
    }
    for (const module of ['numpy', 'typing_extensions', 'yaml', 'setuptools']) {
      assert.equal(isStandardLibraryModule(module, tables), false, module);
    }
  });

  it('rejects malformed table rows', () => {
    assert.throws(() => parseDistributionTable('module\tdistribution\nonly-one-column\n', 'x.tsv'), /invalid row 1 in x\.tsv/);
    assert.throws(() => parseDistributionTable('h\nm\td\ta\textra\n', 'x.tsv'), /invalid row 1/);
  });

  it('parses comments and blank lines', () => {
    assert.deepEqual([...parseStandardLibrary('# header\n\nos\r\nsys\n')], ['os', 'sys']);
    const parsed = parseDistributionTable('# c\nmodule\tdistribution\talternatives\nyaml\tPyYAML\n\nns.*\tns-*\n', 'x');
    assert.deepEqual([...parsed.distributions], [['yaml', ['PyYAML']]]);
    assert.deepEqual([...parsed.namespaces], [['ns', 'ns-*']]);
  });
});
