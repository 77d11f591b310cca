import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../../../src/core/errors.js';
import { loadIacRules, parseIacRuleText } from '../../../../src/scanners/iac/rules/load.js';
import { tempDir, writeTree } from '../../../helpers/tmp.js';

const dir = tempDir('rampart-iac-rules-');

const RULE = (assertText: string, extra = '') => `
- id: custom-team-tag
  title: Buckets carry a team tag
  severity: low
  provider: aws
  rationale: Untagged buckets have no owner to ask when they leak data.
  remediation:
    text: Add a team tag to every bucket.
    snippet: 'tags = { team = "payments" }'
  references: []
  cwe: [CWE-1059]
  controls: { nist-800-53: [CM-8] }${extra}
  match:
    - format: terraform
      type: aws_s3_bucket
      assert: ${assertText}
`;

function problem(text: string): string {
  try {
    parseIacRuleText(text, 'team-rules.yaml');
  } catch (error) {
    assert.ok(error instanceof UsageError);
    return error.message;
  }
  return 'no error';
}

describe('iac rule loading', () => {
  it('loads the built-in rules with full ids and sources', () => {
    const rules = loadIacRules();
    assert.ok(rules.length > 0);
    for (const rule of rules) {
      assert.equal(rule.fullId, `iac/${rule.id}`);
      assert.equal(rule.source, 'built-in');
    }
  });

  it('loads a valid custom rule file', () => {
    const [rule] = parseIacRuleText(RULE('{ path: tags.team, exists: true }'), 'team-rules.yaml');
    assert.equal(rule?.fullId, 'iac/custom-team-tag');
    assert.equal(rule?.source, 'team-rules.yaml');
  });

  it('names the exact condition that is wrong', () => {
    assert.equal(problem(RULE('{ path: tags.team, exist: true }')), 'team-rules.yaml: rule "custom-team-tag": match[0].assert: unknown key "exist"; did you mean "exists"?');
    assert.match(problem(RULE('{ path: tags.team, zzzzzz: true }')), /unknown key "zzzzzz"; a condition uses all, any, .* or an operator \(equals, /);
    assert.match(problem(RULE('{ path: a, equals: 1, in: [1] }')), /match\[0\]\.assert: equals and in in one condition; split them with all/);
    assert.match(problem(RULE('{ all: [{ path: "a..b", exists: true }] }')), /match\[0\]\.assert\.all\[0\]\.path: path "a\.\.b": empty segment/);
    assert.match(problem(RULE('{ builtin: no-such-check }')), /unknown builtin "no-such-check"/);
    assert.match(problem(RULE('{ related: { type: aws_kms_key, direction: incoming } }')), /needs attribute/);
  });

  it('rejects regular expressions that can backtrack catastrophically', () => {
    assert.match(problem(RULE("{ path: name, matches: '^(a+)+$' }")), /may take exponential time/);
    assert.match(problem(RULE("{ path: name, matches: '(' }")), /invalid regular expression/);
  });

  it('checks the rule fields with the schema', () => {
    assert.match(problem(RULE('{ path: a, exists: true }').replace('severity: low', 'severity: urgent')), /severity must be one of critical, high, medium, low, info/);
    assert.match(problem(RULE('{ path: a, exists: true }').replace('id: custom-team-tag', 'id: Custom_Tag')), /must be lower-case words/);
    assert.match(problem(RULE('{ path: a, exists: true }', '\n  colour: red')), /unknown key "colour"/);
    assert.match(problem('{}'), /must be a YAML list of rules/);
    assert.match(problem('- [unclosed'), /invalid YAML/);
  });

  it('suggests the key or value a custom rule misspelt', () => {
    assert.match(problem(RULE('{ path: a, exists: true }').replace('severity: low', 'severty: low')), /missing required key "severity" \(is "severty" a misspelling of it\?\)$/);
    assert.match(problem(RULE('{ path: a, exists: true }').replace('format: terraform', 'format: terrafrom')), /match\[0\]\.format must be one of terraform, .*; did you mean "terraform"\?$/);
    assert.match(problem(RULE('{ path: a, exists: true }').replace('rationale: Untagged buckets have no owner to ask when they leak data.', 'rationale: short')), /rationale must be at least 20 characters long$/);
  });

  it('refuses a custom rule that reuses a built-in id', () => {
    writeTree(dir, { 'rules/dup.yaml': RULE('{ path: a, exists: true }').replace('custom-team-tag', 'aws-s3-public-acl') });
    assert.throws(() => loadIacRules([join(dir, 'rules')], dir), /rules\/dup\.yaml: rule "aws-s3-public-acl": duplicate id, already defined in built-in/);
  });

  it('refuses a symbolic link in a custom rule folder', () => {
    writeTree(dir, { 'outside/r.yaml': RULE('{ path: a, exists: true }').replace('custom-team-tag', 'linked-rule') });
    mkdirSync(join(dir, 'linked'), { recursive: true });
    symlinkSync(join(dir, 'outside', 'r.yaml'), join(dir, 'linked', 'r.yaml'));
    assert.throws(() => loadIacRules([join(dir, 'linked')], dir), /linked\/r\.yaml: not a regular file; a custom rule folder may contain only regular YAML files/);
  });

  it('limits a custom rule to one unbounded repetition', () => {
    assert.match(problem(RULE("{ path: name, matches: 'a*b*c' }")), /has 2 unbounded repetitions/);
    assert.match(problem(RULE("{ path: name, matches: 'a{0,64}a{0,64}c' }")), /has 2 unbounded repetitions/);
    assert.equal(problem(RULE("{ path: name, matches: '^team-[a-z]{1,16}-[a-z]+$' }")), 'no error');
  });

  it('reads every YAML file of a custom rule folder', () => {
    writeTree(dir, { 'team/a.yaml': RULE('{ path: a, exists: true }'), 'team/notes.txt': 'not a rule' });
    const rules = loadIacRules([join(dir, 'team')], dir);
    assert.equal(rules.at(-1)?.source, 'team/a.yaml');
  });
});
