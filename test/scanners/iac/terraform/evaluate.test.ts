import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateText, type Scope } from '../../../../src/scanners/iac/terraform/evaluate.js';
import { isUnknown, toJson, unknown, type Value } from '../../../../src/scanners/iac/terraform/values.js';

const VARIABLES = new Map<string, Value>([
  ['env', 'prod'],
  ['ports', [22, 443]],
  ['tags', new Map<string, Value>([['Team', 'ops']])],
  ['secret', unknown('var.secret')],
  ['unset', null],
]);

const SCOPE: Scope = {
  module: {
    variable: (name) => VARIABLES.get(name),
    local: () => undefined,
    modulePath: 'modules/net',
  },
  bindings: new Map(),
};

function json(text: string): string | undefined {
  const value = evaluateText(text, SCOPE);
  return isUnknown(value) ? undefined : toJson(value);
}

describe('evaluateText', () => {
  const known: Array<[string, string]> = [
    ['"${var.env}-logs"', '"prod-logs"'],
    ['"$${literal} ${1 + 2 * 3}"', '"${literal} 7"'],
    ['var.ports[1]', '443'],
    ['var.tags["Team"]', '"ops"'],
    ['var.tags.Team', '"ops"'],
    ['var.env == "prod" && !false', 'true'],
    ['var.env != "prod" || 2 >= 3', 'false'],
    ['-(4 - 10) % 4', '2'],
    ['var.env == "dev" ? 1 : 2', '2'],
    ['concat(var.ports, [8080])', '[22,443,8080]'],
    ['merge(var.tags, { Env = upper(var.env) }, null)', '{"Env":"PROD","Team":"ops"}'],
    ['tonumber("42")', '42'],
    ['tobool("true")', 'true'],
    ['tostring(5)', '"5"'],
    ['lower("ABC")', '"abc"'],
    ['toset(["b", "a", "b"])', '["a","b"]'],
    ['length(var.ports)', '2'],
    ['lookup(var.tags, "Owner", "none")', '"none"'],
    ['jsonencode({ b = [1, true], a = null })', '"{\\"a\\":null,\\"b\\":[1,true]}"'],
    ['concat([[1]]...)', '[1]'],
    ['path.module', '"modules/net"'],
    ['{ (var.env) = 1 }', '{"prod":1}'],
  ];
  for (const [text, expected] of known) {
    it(`evaluates ${text}`, () => {
      assert.equal(json(text), expected);
    });
  }

  const unknowns = [
    'var.secret',
    '"x-${var.secret}"',
    'var.missing',
    'local.anything',
    'aws_s3_bucket.logs.arn',
    'data.aws_caller_identity.current.account_id',
    'module.net.vpc_id',
    'var.ports[5]',
    'var.ports[*]',
    '[for p in var.ports : p]',
    'upper(var.ports)',
    'concat(var.ports, [var.secret])',
    'var.secret ? 1 : 2',
    '1 / 0',
    'timestamp()',
    'each.key',
    'count.index',
    '"unterminated',
    '"${',
    'var.',
    '1 +',
    '<<EOT\nx\nEOT',
    'provider::aws::arn_parse("x")',
    `${'['.repeat(5000)}`,
  ];
  for (const text of unknowns) {
    it(`leaves ${JSON.stringify(text.slice(0, 30))} unknown`, () => {
      const value = evaluateText(text, SCOPE);
      assert.ok(isUnknown(value));
      assert.equal(isUnknown(value) ? value.text : undefined, text);
    });
  }
});

describe('evaluateText: null values, try, can and coalesce', () => {
  const cases: Array<[string, string | undefined]> = [
    ['var.unset == null ? "private" : var.unset', '"private"'],
    ['var.unset != null', 'false'],
    ['coalesce(var.unset, "", "private")', '"private"'],
    ['try(var.tags["Missing"], "fallback")', '"fallback"'],
    ['try(var.tags["Team"], "fallback")', '"ops"'],
    ['try(var.ports[5], 0)', '0'],
    ['can(var.tags["Missing"])', 'false'],
    ['can(var.tags["Team"])', 'true'],
    // An unknown first argument might succeed at deploy time, so the result is unknown.
    ['try(var.secret, "fallback")', undefined],
    ['can(var.secret)', undefined],
    ['var.tags["Missing"]', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`evaluates ${text}`, () => assert.equal(json(text), expected));
  }
});

describe('evaluateText: join', () => {
  it('joins a list of literals', () => assert.equal(json('join("", ["AKIA", "EXAMPLE"])'), '"AKIAEXAMPLE"'));
  it('stays unknown with an unknown item', () => assert.equal(json('join("-", [var.secret, "x"])'), undefined));
});
