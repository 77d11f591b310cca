import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSupplyChainSettings, type SupplyChainSettings } from '../../../src/core/config-types.js';
import { assessPackage, isAllowed, verdictOf, type AssessContext } from '../../../src/scanners/supply-chain/assess.js';
import { loadPopularIndex } from '../../../src/scanners/supply-chain/typosquat.js';
import type { ContentReport, RegistryClient, RegistryPackage } from '../../../src/scanners/supply-chain/types.js';
import type { OsvRecord } from '../../../src/scanners/deps/osv-types.js';

const NOW = new Date('2026-12-04T12:00:00Z');
const npmIndex = loadPopularIndex('npm');
const pypiIndex = loadPopularIndex('PyPI');

function present(name: string, extra: Partial<RegistryPackage> = {}): RegistryPackage {
  return {
    ecosystem: 'npm',
    name,
    registry: 'http://127.0.0.1:4873/',
    presence: 'present',
    created: '2018-01-01T00:00:00Z',
    latest: '2.0.0',
    versions: ['1.0.0', '1.5.0', '2.0.0'].map((version, index) => ({
      version,
      published: `201${8 + index}-01-01T00:00:00Z`,
      artifacts: [{ url: `http://127.0.0.1:4873/${name}/-/${name}-${version}.tgz`, filename: `${name}-${version}.tgz`, kind: 'npm-tarball' as const }],
    })),
    fetchedAt: NOW.toISOString(),
    ...extra,
  };
}

class FakeRegistry implements RegistryClient {
  downloads: string[] = [];
  constructor(private readonly answers: Map<string, RegistryPackage>) {}
  async lookup(_ecosystem: 'npm' | 'PyPI', name: string): Promise<RegistryPackage> {
    return (
      this.answers.get(name) ?? {
        ecosystem: 'npm',
        name,
        registry: 'http://127.0.0.1:4873/',
        presence: 'unknown',
        error: 'connect ECONNREFUSED 127.0.0.1:9',
        versions: [],
        fetchedAt: NOW.toISOString(),
      }
    );
  }
  async download(artifact: { filename: string }): Promise<Buffer> {
    this.downloads.push(artifact.filename);
    return Buffer.from('archive');
  }
  close(): void {}
}

const EMPTY: ContentReport = { hooks: [], issues: [], warnings: [] };

function context(registry: RegistryClient | undefined, options: { settings?: Partial<SupplyChainSettings>; records?: OsvRecord[]; content?: ContentReport } = {}): AssessContext {
  const built: AssessContext = {
    settings: { ...defaultSupplyChainSettings(), ...options.settings },
    thresholds: { newPackageDays: 30, newVersionDays: 7, minVersions: 3, now: NOW },
    popular: (ecosystem) => (ecosystem === 'npm' ? npmIndex : pypiIndex),
    records: async () => options.records,
    inspector: {
      scripts: (scripts, source) => ({
        hooks: Object.entries(scripts).map(([name, command]) => ({ name, command, file: `${source} package.json` })),
        issues: [],
        warnings: [],
      }),
      archive: async () => options.content ?? EMPTY,
    },
    inspection: 'always',
  };
  if (registry) built.registry = registry;
  return built;
}

const MALWARE: OsvRecord = {
  id: 'MAL-2022-1',
  modified: '2022-01-01T00:00:00Z',
  summary: 'Malicious code in crossenv (npm)',
  affected: [{ package: { ecosystem: 'npm', name: 'crossenv' }, versions: ['6.1.1'] }],
};

describe('assessPackage', () => {
  it('blocks an invented name', async () => {
    const registry = new FakeRegistry(new Map([['express-jwt-guard-pro', present('express-jwt-guard-pro', { presence: 'absent', versions: [] })]]));
    const result = await assessPackage({ ecosystem: 'npm', name: 'express-jwt-guard-pro' }, context(registry, { records: [] }));
    assert.equal(result.verdict, 'block');
    assert.deepEqual(result.signals.map((signal) => signal.id), ['not-found']);
    assert.deepEqual(result.unknown, []);
  });

  it('names the imitated package', async () => {
    const registry = new FakeRegistry(new Map([['crossenv', present('crossenv', { latest: '6.1.1', versions: [{ version: '6.1.1', published: '2017-07-19T00:00:00Z', artifacts: [] }] })]]));
    const result = await assessPackage({ ecosystem: 'npm', name: 'crossenv', version: '6.1.1' }, context(registry, { records: [MALWARE] }));
    assert.equal(result.verdict, 'block');
    assert.deepEqual(result.signals.map((signal) => `${signal.id}:${signal.severity}`), ['malicious:critical', 'typosquat:high']);
    assert.equal(result.signals[1]!.detail, 'cross-env');
    assert.match(result.signals[0]!.message, /MAL-2022-1/);
  });

  it('says unknown when offline', async () => {
    const result = await assessPackage({ ecosystem: 'npm', name: 'some-real-lib' }, context(new FakeRegistry(new Map()), { records: [] }));
    assert.equal(result.verdict, 'unknown');
    assert.deepEqual(result.unknown, ['registry: connect ECONNREFUSED 127.0.0.1:9']);
  });

  it('blocks unknown when configured', async () => {
    const result = await assessPackage({ ecosystem: 'npm', name: 'some-real-lib' }, context(new FakeRegistry(new Map()), { settings: { unknown: 'block' }, records: [] }));
    assert.equal(result.verdict, 'block');
  });

  it('still blocks a look-alike offline', async () => {
    const result = await assessPackage({ ecosystem: 'npm', name: 'lodahs' }, context(new FakeRegistry(new Map()), { records: [] }));
    assert.equal(result.verdict, 'block');
    assert.equal(result.signals[0]!.detail, 'lodash');
  });

  it('warns on install scripts and shows them', async () => {
    const withScript = present('native-thing');
    withScript.versions[2]!.installScripts = { postinstall: 'node setup.js' };
    const registry = new FakeRegistry(new Map([['native-thing', withScript]]));
    const result = await assessPackage({ ecosystem: 'npm', name: 'native-thing' }, context(registry, { records: [] }));
    assert.equal(result.verdict, 'warn');
    assert.equal(result.version, '2.0.0');
    assert.equal(result.signals[0]!.message, 'runs "node setup.js" at install time (postinstall, native-thing@2.0.0 package.json)');
    assert.deepEqual(registry.downloads, ['native-thing-2.0.0.tgz']);
  });

  it('blocks on a high content issue', async () => {
    const content: ContentReport = {
      hooks: [],
      issues: [{ rule: 'install-credential-exfiltration', severity: 'critical', message: 'reads ~/.npmrc and sends it', file: 'package/index.js', line: 3 }],
      warnings: [],
    };
    const registry = new FakeRegistry(new Map([['quiet-lib', present('quiet-lib')]]));
    const result = await assessPackage({ ecosystem: 'npm', name: 'quiet-lib' }, context(registry, { records: [], content }));
    assert.equal(result.verdict, 'block');
    assert.equal(result.signals[0]!.message, 'package/index.js:3: reads ~/.npmrc and sends it');
  });

  it('says unknown for a cut-short archive', async () => {
    const content: ContentReport = { hooks: [], issues: [], warnings: [], incomplete: ['npm tarball has more than 50000 entries'] };
    const registry = new FakeRegistry(new Map([['quiet-lib', present('quiet-lib')]]));
    const result = await assessPackage({ ecosystem: 'npm', name: 'quiet-lib' }, context(registry, { records: [], content }));
    assert.equal(result.verdict, 'unknown');
    assert.deepEqual(result.unknown, ['content of quiet-lib-2.0.0.tgz: npm tarball has more than 50000 entries']);
  });

  it('allows a settled package', async () => {
    const registry = new FakeRegistry(new Map([['quiet-lib', present('quiet-lib')]]));
    const result = await assessPackage({ ecosystem: 'npm', name: 'quiet-lib' }, context(registry, { records: [] }));
    assert.equal(result.verdict, 'allow');
    assert.deepEqual(result.signals, []);
  });

  it('skips allow-listed names', async () => {
    const result = await assessPackage({ ecosystem: 'npm', name: '@acme/lodahs' }, context(undefined, { settings: { allow: ['@acme/*'] } }));
    assert.equal(result.verdict, 'allow');
    assert.deepEqual(result.signals, []);
  });

  it('notes a missing advisory database', async () => {
    const registry = new FakeRegistry(new Map([['quiet-lib', present('quiet-lib')]]));
    const result = await assessPackage({ ecosystem: 'npm', name: 'quiet-lib' }, context(registry));
    assert.deepEqual(result.unknown, ['malware records: no advisory database']);
    assert.equal(result.verdict, 'allow');
  });
});

describe('isAllowed', () => {
  it('matches names and wildcards', () => {
    assert.equal(isAllowed('@acme/tools', ['@acme/*']), true);
    assert.equal(isAllowed('internal-db', ['internal-*']), true);
    assert.equal(isAllowed('my-internal-db', ['internal-*']), false);
    assert.equal(isAllowed('a-x-b', ['a*b']), true);
    assert.equal(isAllowed('a-x-c', ['a*b']), false);
    assert.equal(isAllowed('Left-Pad', ['left-pad']), true);
  });
});

describe('verdictOf', () => {
  const settings = defaultSupplyChainSettings();
  it('orders block, unknown, warn, allow', () => {
    assert.equal(verdictOf([{ id: 'typosquat', severity: 'high', message: '' }], true, settings), 'block');
    assert.equal(verdictOf([{ id: 'install-script', severity: 'medium', message: '' }], true, settings), 'unknown');
    assert.equal(verdictOf([{ id: 'install-script', severity: 'medium', message: '' }], false, settings), 'warn');
    assert.equal(verdictOf([{ id: 'new-version', severity: 'low', message: '' }], false, settings), 'allow');
    assert.equal(verdictOf([{ id: 'typosquat', severity: 'high', message: '' }], false, { ...settings, blockAt: 'critical' }), 'warn');
  });
});
