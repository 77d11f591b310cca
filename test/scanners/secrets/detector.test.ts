import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SourceText } from '../../../src/core/source.js';
import { detectSecrets } from '../../../src/scanners/secrets/detector.js';
import type { SecretRuleSpec } from '../../../src/scanners/secrets/rule-types.js';
import type { CompiledSecretRule } from '../../../src/scanners/secrets/rules.js';

function compile(spec: Partial<SecretRuleSpec> & Pick<SecretRuleSpec, 'id' | 'pattern' | 'keywords'>): CompiledSecretRule {
  const full: SecretRuleSpec = {
    title: spec.id,
    description: 'test rule',
    family: 'source-hosting',
    severity: 'high',
    confidence: 'high',
    remediation: 'rotate it',
    references: [],
    cwe: ['CWE-798'],
    examples: { match: [], noMatch: [] },
    ...spec,
  };
  return {
    ...full,
    fullId: `secrets/${full.id}`,
    regex: new RegExp(full.pattern, full.caseInsensitive ? 'gi' : 'g'),
    allowRegexes: (full.allow ?? []).map((source) => new RegExp(source)),
  };
}

const TOKEN = 'ghp_eauowE1t7F3jAKeCAlRL8KTdfimOqy4EjZDF';
const rules = [
  compile({ id: 'test-token', pattern: '\\b(ghp_[A-Za-z0-9]{36})\\b', keywords: ['ghp_'], secretGroup: 1, minEntropy: 3 }),
  compile({
    id: 'test-generic',
    family: 'generic',
    pattern: '([a-z_]*token)\\s*=\\s*"([^"\\s]{8,100})"',
    keywords: ['token'],
    caseInsensitive: true,
    secretGroup: 2,
    filter: 'generic-assignment',
  }),
];

function scan(text: string, extra: Partial<SourceText> = {}, showSecrets = false) {
  return detectSecrets({ path: 'src/app.js', text, ...extra }, rules, { showSecrets });
}

test('detector reports exact position and redacts', () => {
  const findings = scan(`const a = 1;\nconst key = "${TOKEN}";\n`);

  assert.equal(findings.length, 1);
  const [finding] = findings;
  assert.equal(finding?.ruleId, 'secrets/test-token');
  assert.deepEqual(
    [finding?.location.startLine, finding?.location.startColumn, finding?.location.endColumn],
    [2, 14, 14 + TOKEN.length],
  );
  assert.equal(finding?.secret?.redacted, 'ghp_****');
  assert.equal(finding?.location.snippet, 'const key = "ghp_****";');
  assert.ok(!JSON.stringify(findings).includes(TOKEN.slice(4)));
});

test('detector shows the secret only when asked', () => {
  const [finding] = scan(`key = "${TOKEN}"`, {}, true);

  assert.equal(finding?.secret?.redacted, TOKEN);
});

test('detector prefers the provider rule over the generic one', () => {
  const findings = scan(`github_token = "${TOKEN}"`);

  assert.deepEqual(findings.map((f) => f.ruleId), ['secrets/test-token']);
});

test('generic filter rejects code and placeholders', () => {
  assert.equal(scan('auth_token = "getToken(user)"').length, 0);
  assert.equal(scan('auth_token = "your_token_here1"').length, 0);
  assert.equal(scan('auth_token = "${AUTH_TOKEN}"').length, 0);
  assert.equal(scan('token_type = "Bearer123abc"').length, 0);
  assert.equal(scan('auth_token = "k8Vq2mZp9XwL4rT1"').length, 1);
});

test('detector maps lines of partial texts to real lines', () => {
  const [finding] = scan(`first added line\nkey = "${TOKEN}"`, { lineMap: [10, 42] });

  assert.equal(finding?.location.startLine, 42);
});

test('fingerprint ignores line moves and detects a changed secret', () => {
  const before = scan(`key = "${TOKEN}"`)[0]?.fingerprint;
  const moved = scan(`// a new comment\n\nkey = "${TOKEN}"`)[0]?.fingerprint;
  const other = scan(`key = "ghp_Zb3xq9LmN2pR7tV5wY8zA1cD4fG6hJ0kM3nQ"`)[0]?.fingerprint;

  assert.ok(before);
  assert.equal(moved, before);
  assert.notEqual(other, before);
});

test('same secret twice in a file gets two fingerprints', () => {
  const findings = scan(`a = "${TOKEN}"\nb = "${TOKEN}"`);

  assert.equal(findings.length, 2);
  assert.notEqual(findings[0]?.fingerprint, findings[1]?.fingerprint);
});

test('keyword on a long minified line still finds the secret', () => {
  const filler = 'x'.repeat(500_000);
  const findings = scan(`${filler};var t="${TOKEN}";${filler}`);

  assert.equal(findings.length, 1);
  assert.equal(findings[0]?.location.startColumn, 500_000 + 9);
});

test('adversarial input with many keywords stays fast', () => {
  const hostile = 'ghp_'.repeat(250_000) + 'token="'.repeat(100_000);
  const started = performance.now();

  scan(hostile);

  assert.ok(performance.now() - started < 5000, 'scan of 1.7 MB of keywords took over 5 s');
});

test('generic filter keeps random values that contain dots', () => {
  assert.equal(scan('auth_token = "EajjrR_O_.Mw3RGFHgtRrByT"').length, 1);
  assert.equal(scan('auth_token = "FflajN.d3uevdeJVhwHU"').length, 1);
  assert.equal(scan('auth_token = "process.env.AUTH_TOKEN2"').length, 0);
  assert.equal(scan('auth_token = "config.auth.refreshToken"').length, 0);
});
