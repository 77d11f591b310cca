import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { highestVersion, judgedVersion, registrySignals, resolveRange, type SignalThresholds } from '../../../src/scanners/supply-chain/registry-signals.js';
import type { RegistryPackage, RegistryVersion } from '../../../src/scanners/supply-chain/types.js';

const NOW = new Date('2026-12-04T12:00:00Z');
const limits: SignalThresholds = { newPackageDays: 30, newVersionDays: 7, minVersions: 3, now: NOW };

function version(value: string, published: string, extra: Partial<RegistryVersion> = {}): RegistryVersion {
  return { version: value, published, artifacts: [], ...extra };
}

function pkg(versions: RegistryVersion[], extra: Partial<RegistryPackage> = {}): RegistryPackage {
  return {
    ecosystem: 'npm',
    name: 'left-pad',
    registry: 'https://registry.npmjs.org/',
    presence: 'present',
    created: versions[0]?.published,
    versions,
    latest: versions.at(-1)?.version,
    fetchedAt: NOW.toISOString(),
    ...extra,
  };
}

const SETTLED = [
  version('1.0.0', '2019-01-01T00:00:00Z', { maintainers: ['alice'] }),
  version('1.1.0', '2019-06-01T00:00:00Z', { maintainers: ['alice', 'bob'] }),
  version('1.2.0', '2020-01-01T00:00:00Z', { maintainers: ['bob', 'alice'] }),
];

function ids(signals: { id: string; severity: string }[]): string[] {
  return signals.map((signal) => `${signal.id}:${signal.severity}`);
}

describe('registrySignals', () => {
  it('reports an absent package as critical', () => {
    const signals = registrySignals(pkg([], { presence: 'absent' }), undefined, limits);
    assert.deepEqual(ids(signals), ['not-found:critical']);
    assert.match(signals[0]!.message, /"left-pad" is not on the npm registry at https:\/\/registry\.npmjs\.org\//);
  });

  it('says nothing when the registry was not asked', () => {
    assert.deepEqual(registrySignals(pkg([], { presence: 'unknown', error: 'offline' }), undefined, limits), []);
  });

  it('finds nothing on a settled package', () => {
    assert.deepEqual(registrySignals(pkg(SETTLED), '1.2.0', limits), []);
  });

  it('reports a missing pinned version', () => {
    assert.deepEqual(ids(registrySignals(pkg(SETTLED), '9.9.9', limits)), ['not-found:high']);
  });

  it('reports placeholders and quarantine only', () => {
    const placeholder = pkg([version('0.0.1-security', '2021-01-01T00:00:00Z')], { placeholder: true });
    assert.deepEqual(ids(registrySignals(placeholder, undefined, limits)), ['placeholder:critical']);
    const quarantined = pkg(SETTLED, { quarantined: true, ecosystem: 'PyPI' });
    assert.deepEqual(ids(registrySignals(quarantined, undefined, limits)), ['quarantined:critical']);
  });

  it('reports a new package with one version', () => {
    const fresh = pkg([version('1.0.0', '2026-11-30T00:00:00Z')]);
    const signals = registrySignals(fresh, undefined, limits);
    assert.deepEqual(ids(signals), ['new-package:medium', 'few-versions:low']);
    assert.match(signals[0]!.message, /first published 4 days ago \(2026-11-30\)/);
    assert.equal(signals[1]!.message, '"left-pad" has only 1 published version');
  });

  it('reports a new version of an old package', () => {
    const released = pkg([...SETTLED, version('1.3.0', '2026-12-02T00:00:00Z', { maintainers: ['bob'] })]);
    const signals = registrySignals(released, '1.3.0', limits);
    assert.deepEqual(ids(signals), ['new-version:low', 'out-of-order:medium']);
    assert.match(signals[1]!.message, /came 6 years after the previous release 1\.2\.0/);
  });

  it('reports a publisher who did not maintain the previous release', () => {
    const hijacked = pkg([...SETTLED, version('1.2.1', '2020-02-01T00:00:00Z', { maintainers: ['mallory', 'bob'] })]);
    const signals = registrySignals(hijacked, '1.2.1', limits);
    assert.deepEqual(ids(signals), ['maintainer-change:medium']);
    assert.match(signals[0]!.message, /published by "mallory", who did not maintain the previous release 1\.2\.0 \(maintainers then: bob, alice\)/);
  });

  it('reports deprecation and yanking', () => {
    const deprecated = pkg([...SETTLED.slice(0, 2), version('1.2.0', '2020-01-01T00:00:00Z', { deprecated: 'use right-pad', maintainers: ['bob'] })]);
    assert.deepEqual(ids(registrySignals(deprecated, '1.2.0', limits)), ['deprecated:low']);
    const yanked = pkg([...SETTLED.slice(0, 2), version('1.2.0', '2020-01-01T00:00:00Z', { yanked: true })], { ecosystem: 'PyPI' });
    const signals = registrySignals(yanked, '1.2.0', limits);
    assert.equal(signals[0]!.message, 'version 1.2.0 was yanked');
  });

  it('reports a dependency-confusion major jump', () => {
    const confused = pkg([...SETTLED, version('99.0.0', '2020-03-01T00:00:00Z', { maintainers: ['bob'] })]);
    const signals = registrySignals(confused, '99.0.0', limits);
    assert.deepEqual(ids(signals), ['out-of-order:medium']);
    assert.match(signals[0]!.message, /jumps from major version 1 to 99/);
  });

  it('reports a lower version published late', () => {
    const late = pkg([...SETTLED, version('1.0.1', '2026-11-01T00:00:00Z', { maintainers: ['alice'] })]);
    const signals = registrySignals(late, '1.0.1', limits);
    assert.deepEqual(ids(signals), ['out-of-order:medium', 'out-of-order:low']);
    assert.match(signals[1]!.message, /after the higher 1\.1\.0 \(2019-06-01\)/);
  });

  it('ignores old late releases', () => {
    const backport = pkg([...SETTLED, version('1.0.1', '2020-06-01T00:00:00Z', { maintainers: ['alice'] })]);
    assert.deepEqual(registrySignals(backport, '1.0.1', limits), []);
  });

  it('ignores few versions of a settled package', () => {
    const settled = pkg([version('1.0.0', '2015-01-01T00:00:00Z')]);
    assert.deepEqual(registrySignals(settled, '1.0.0', limits), []);
  });

  it('survives 200,000 versions', () => {
    const many = Array.from({ length: 200_000 }, (_, index) => version(`1.0.${index}`, '2019-01-01T00:00:00Z'));
    many.push(version('99.0.0', '2019-02-01T00:00:00Z'));
    assert.deepEqual(ids(registrySignals(pkg(many), '99.0.0', limits)), ['out-of-order:medium']);
  });

  it('judges the highest stable release when latest is missing', () => {
    const odd = pkg([...SETTLED, version('1.3.0-beta.1', '2020-02-01T00:00:00Z')], { latest: '9.9.9' });
    assert.equal(judgedVersion(odd, undefined)?.version, '1.2.0');
  });

  it('includes pre-releases only when asked', () => {
    const python = pkg([version('1.2.0', '2019-01-01T00:00:00Z'), version('2.0.0rc1', '2019-02-01T00:00:00Z'), version('1.2.post1', '2019-03-01T00:00:00Z')], { ecosystem: 'PyPI', latest: undefined });
    assert.equal(highestVersion(python, false)?.version, '1.2.post1');
    assert.equal(highestVersion(python, true)?.version, '2.0.0rc1');
    assert.equal(resolveRange(python, '>=1.0', true), '2.0.0rc1');
    assert.equal(resolveRange(python, '>=1.0'), '1.2.post1');
  });

  it('judges the latest version by default', () => {
    assert.equal(judgedVersion(pkg(SETTLED, { latest: '1.1.0' }), undefined)?.version, '1.1.0');
    assert.equal(judgedVersion(pkg(SETTLED, { latest: undefined }), undefined)?.version, '1.2.0');
  });
});
