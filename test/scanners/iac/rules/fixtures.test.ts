/**
 * The table-driven check of every built-in iac rule: each rule has a
 * folder test/fixtures/iac/rules/<id>/ with a `fail` folder, in which every
 * file that declares a resource the rule judges must fail it, and a `pass`
 * folder that must give the rule no finding at all (no fail, no unknown).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../../../../src/core/package-root.js';
import { collectIacResources } from '../../../../src/scanners/iac/collect.js';
import { runIacRules } from '../../../../src/scanners/iac/run-rules.js';
import { loadIacRules } from '../../../../src/scanners/iac/rules/load.js';
import type { IacRule } from '../../../../src/scanners/iac/rules/types.js';

const FIXTURES = join(packageRoot(), 'test', 'fixtures', 'iac', 'rules');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function judgeFolder(rule: IacRule, dir: string) {
  const files = filesUnder(dir).map((path) => relative(dir, path).split('\\').join('/'));
  const collection = await collectIacResources({ files, readText: async (path) => readFileSync(join(dir, path), 'utf8') });
  assert.deepEqual(collection.errors, [], `${dir}: fixture files must parse`);
  const applicable = collection.resources.filter((resource) =>
    rule.match.some((match) => {
      const types = Array.isArray(match.type) ? match.type : [match.type];
      return types.some((type) => (type.includes('*') ? new RegExp(`^${type.split('*').join('.*')}$`).test(resource.type) : type === resource.type));
    }),
  );
  return { files, applicable, results: runIacRules(collection.resources, [rule]) };
}

const rules = loadIacRules();

describe('iac rule fixtures', () => {
  it('every rule has a fail and a pass folder', () => {
    const missing = rules.filter((rule) => !existsSync(join(FIXTURES, rule.id, 'fail')) || !existsSync(join(FIXTURES, rule.id, 'pass')));
    assert.deepEqual(missing.map((rule) => rule.id), []);
  });

  it('docs/rules/iac.md lists the rules as they are', () => {
    const script = join(packageRoot(), 'dist', 'scripts', 'gen-iac-rules-doc.js');
    const generated = execFileSync(process.execPath, [script], { encoding: 'utf8' });
    const committed = readFileSync(join(packageRoot(), 'docs', 'rules', 'iac.md'), 'utf8');
    assert.equal(committed, generated, 'run node dist/scripts/gen-iac-rules-doc.js > docs/rules/iac.md');
  });

  it('every fixture folder belongs to a rule', () => {
    const ids = new Set(rules.map((rule) => rule.id));
    assert.deepEqual(readdirSync(FIXTURES).filter((name) => !ids.has(name)), []);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('fails on each file of its fail fixture', async () => {
        const { applicable, results } = await judgeFolder(rule, join(FIXTURES, rule.id, 'fail'));
        assert.ok(applicable.length > 0, 'the fail fixture declares no resource the rule judges');
        const failedPaths = new Set(results.filter((result) => result.outcome.result === 'fail').map((result) => result.resource.path));
        const paths = new Set(applicable.map((resource) => resource.path));
        for (const path of paths) assert.ok(failedPaths.has(path), `${path} gives no failure of ${rule.id}`);
      });

      it('passes its pass fixture', async () => {
        const { applicable, results } = await judgeFolder(rule, join(FIXTURES, rule.id, 'pass'));
        assert.ok(applicable.length > 0, 'the pass fixture declares no resource the rule judges');
        const shown = results.map((result) => `${result.resource.path}:${result.outcome.span?.startLine}: ${result.outcome.result}: ${result.outcome.seen}`);
        assert.deepEqual(shown, []);
      });
    });
  }
});
