import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildInventory } from '../../../src/scanners/deps/graph.js';
import type { LockedPackage, LockfileParseResult } from '../../../src/scanners/deps/types.js';

function pkg(key: string, dependencies: string[] = [], extra: Partial<LockedPackage> = {}): LockedPackage {
  const at = key.lastIndexOf('@');
  return { key, name: key.slice(0, at), version: key.slice(at + 1), ecosystem: 'npm', dependencies, ...extra };
}

function parsed(packages: LockedPackage[], direct: LockfileParseResult['direct']): LockfileParseResult {
  return { ecosystem: 'npm', packages, direct, warnings: [] };
}

describe('buildInventory', () => {
  const lock = parsed(
    [
      pkg('express@4.17.1', ['body-parser@1.19.0', 'qs@6.7.0']),
      pkg('body-parser@1.19.0', ['qs@6.7.0']),
      pkg('qs@6.7.0'),
      pkg('mocha@10.0.0', ['debug@4.3.4']),
      pkg('debug@4.3.4', ['ms@2.1.2']),
      pkg('ms@2.1.2'),
      pkg('orphan@1.0.0', [], { dev: true, line: 40 }),
    ],
    [
      { key: 'express@4.17.1', scope: 'production' },
      { key: 'mocha@10.0.0', scope: 'development' },
    ],
  );
  const inventory = buildInventory('package-lock.json', lock);
  const byName = new Map(inventory.packages.map((entry) => [entry.name, entry]));

  it('marks direct and transitive packages', () => {
    assert.equal(byName.get('express')?.direct, true);
    assert.equal(byName.get('mocha')?.direct, true);
    assert.equal(byName.get('qs')?.direct, false);
  });

  it('derives scope from reachability', () => {
    assert.equal(byName.get('qs')?.scope, 'production');
    assert.equal(byName.get('ms')?.scope, 'development');
    assert.equal(byName.get('orphan')?.scope, 'development');
  });

  it('records a shortest chain', () => {
    assert.deepEqual(byName.get('qs')?.path, ['express@4.17.1', 'qs@6.7.0']);
    assert.deepEqual(byName.get('ms')?.path, ['mocha@10.0.0', 'debug@4.3.4', 'ms@2.1.2']);
    assert.deepEqual(byName.get('orphan')?.path, ['orphan@1.0.0']);
  });

  it('lists purls of dependencies', () => {
    assert.equal(byName.get('express')?.purl, 'pkg:npm/express@4.17.1');
    assert.deepEqual(byName.get('express')?.dependsOn, ['pkg:npm/body-parser@1.19.0', 'pkg:npm/qs@6.7.0']);
  });

  it('merges copies of one version', () => {
    const copies = parsed(
      [
        pkg('node_modules/a', ['node_modules/b'], { name: 'a', version: '1.0.0', line: 5 }),
        pkg('node_modules/b', [], { name: 'b', version: '2.0.0', line: 9 }),
        pkg('node_modules/c/node_modules/b', [], { name: 'b', version: '2.0.0', line: 20 }),
        pkg('node_modules/c', ['node_modules/c/node_modules/b'], { name: 'c', version: '1.0.0', dev: true }),
      ],
      [
        { key: 'node_modules/a', scope: 'development' },
        { key: 'node_modules/c', scope: 'production' },
      ],
    );
    const merged = buildInventory('package-lock.json', copies).packages.filter((entry) => entry.name === 'b');
    assert.equal(merged.length, 1);
    assert.equal(merged[0]?.scope, 'production');
    assert.equal(merged[0]?.line, 9);
    assert.equal(merged[0]?.path.length, 2);
  });

  it('survives dependency cycles', () => {
    const cyclic = parsed(
      [pkg('a@1.0.0', ['b@1.0.0']), pkg('b@1.0.0', ['a@1.0.0'])],
      [{ key: 'a@1.0.0', scope: 'production' }],
    );
    const result = buildInventory('yarn.lock', cyclic);
    assert.deepEqual(result.packages.map((entry) => entry.path), [['a@1.0.0'], ['a@1.0.0', 'b@1.0.0']]);
  });

  it('writes Go purls with a v prefix', () => {
    const go: LockfileParseResult = {
      ecosystem: 'Go',
      packages: [{ key: 'golang.org/x/net@0.7.0', name: 'golang.org/x/net', version: '0.7.0', ecosystem: 'Go', dependencies: [] }],
      direct: [],
      warnings: [],
    };
    assert.equal(buildInventory('go.mod', go).packages[0]?.purl, 'pkg:golang/golang.org/x/net@v0.7.0');
  });
});

describe('buildInventory on a long chain', () => {
  it('bounds each recorded chain', () => {
    const count = 20_000;
    const packages = Array.from({ length: count }, (_, index) =>
      pkg(`p${index}@1.0.0`, index + 1 < count ? [`p${index + 1}@1.0.0`] : []),
    );
    const inventory = buildInventory('package-lock.json', parsed(packages, [{ key: 'p0@1.0.0', scope: 'production' }]));
    const last = inventory.packages.find((entry) => entry.name === `p${count - 1}`)!;
    assert.equal(last.path.length, 24);
    assert.equal(last.path[0], 'p0@1.0.0');
    assert.equal(last.path[1], '…');
    assert.equal(last.path.at(-1), `p${count - 1}@1.0.0`);
  });
});

describe('buildInventory with credentials', () => {
  it('strips tokens from versions and sources', () => {
    const lock = parsed(
      [
        pkg('private@1.0.0', [], {
          version: 'git+https://ghp_abcdefabcdefabcdef@github.com/acme/private.git#v1',
          source: 'https://bob:hunter2@registry.example/private.tgz',
        }),
      ],
      [{ key: 'private@1.0.0', scope: 'production' }],
    );
    const [entry] = buildInventory('package-lock.json', lock).packages;
    assert.equal(entry?.version, 'git+https://***@github.com/acme/private.git#v1');
    assert.equal(entry?.source, 'https://***@registry.example/private.tgz');
    assert.ok(!entry?.purl.includes('ghp_'));
  });
});

describe('buildInventory with many copies', () => {
  it('merges copies in linear time', () => {
    const count = 20_000;
    const packages: LockedPackage[] = [];
    for (let index = 0; index < count; index++) {
      packages.push(pkg(`node_modules/d${index}/node_modules/x`, [`dep${index}@1.0.0`], { name: 'x', version: '1.0.0' }));
      packages.push(pkg(`dep${index}@1.0.0`));
    }
    const inventory = buildInventory('package-lock.json', parsed(packages, []));
    const x = inventory.packages.find((entry) => entry.name === 'x');
    assert.equal(x?.dependsOn.length, count);
  });
});
