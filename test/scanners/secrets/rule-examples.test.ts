import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectSecrets } from '../../../src/scanners/secrets/detector.js';
import { loadSecretRules, type CompiledSecretRule } from '../../../src/scanners/secrets/rules.js';

const rules = loadSecretRules();

/** Build a path the rule searches from its first `paths` pattern, wildcards filled in. */
function pathFor(rule: CompiledSecretRule): string {
  const first = rule.paths?.[0];
  if (first === undefined) return 'src/settings.txt';
  return first.replace(/^\*\*\//, '').replace(/\*/g, 'app');
}

function findingsOf(rule: CompiledSecretRule, text: string): number {
  const findings = detectSecrets({ path: pathFor(rule), text }, rules, { showSecrets: false });
  return findings.filter((finding) => finding.ruleId === rule.fullId).length;
}

// Each example runs through the detector with every rule loaded, as in a real scan.
describe('rule examples', () => {
  for (const rule of rules) {
    test(rule.id, () => {
      assert.equal(rule.pathFilter?.(pathFor(rule)) ?? true, true, 'example path is filtered out');
      for (const example of rule.examples.match) {
        const shown = JSON.stringify(example.slice(0, 120));
        assert.equal(findingsOf(rule, example), 1, `match: ${shown}`);
      }
      for (const example of rule.examples.noMatch) {
        const shown = JSON.stringify(example.slice(0, 120));
        assert.equal(findingsOf(rule, example), 0, `noMatch: ${shown}`);
      }
    });
  }
});

test('redacted findings never contain the example secret', () => {
  const rule = rules.find((candidate) => candidate.id === 'stripe-secret-key');
  const example = rule?.examples.match[0] ?? '';
  const [finding] = detectSecrets({ path: 'a.env', text: example }, rules, { showSecrets: false });
  const secret = /sk_live_[A-Za-z0-9]+/.exec(example)?.[0] ?? '';
  assert.ok(secret.length > 20);
  assert.ok(finding);
  assert.ok(!JSON.stringify(finding).includes(secret));
});
