import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig } from '../../../src/core/config-types.js';
import { createSecretsScanner } from '../../../src/scanners/secrets/index.js';
import { loadSecretRules, ruleBundlePath, rulesDigest, builtinRuleFiles } from '../../../src/scanners/secrets/rules.js';
import { existsSync, readFileSync } from 'node:fs';

const KEY_ID = 'AKIAIO5A4TH6UEFAKWWQ';
const SECRET = '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';
const scanner = createSecretsScanner(defaultConfig());
const options = { config: defaultConfig(), root: '/', showSecrets: false };

function scan(path: string, text: string) {
  return scanner.scanText?.({ path, text }, options) ?? [];
}

test('snippets redact every secret on the line', () => {
  const findings = scan('deploy.sh', `aws_access_key_id=${KEY_ID} aws_secret_access_key=${SECRET}\n`);

  assert.ok(findings.length >= 2, `expected key ID and secret, got ${findings.map((f) => f.ruleId).join(', ')}`);
  for (const finding of findings) {
    assert.ok(!finding.location.snippet?.includes(KEY_ID.slice(4)), `${finding.ruleId} snippet leaks the key ID`);
    assert.ok(!finding.location.snippet?.includes(SECRET.slice(4)), `${finding.ruleId} snippet leaks the secret`);
  }
});

test('AWS secret on the next line is located on its own line', () => {
  const findings = scan('providers.tf', `provider "aws" {\n  access_key = "${KEY_ID}"\n  secret_key = "${SECRET}"\n}\n`);

  const secret = findings.find((f) => f.secret?.length === SECRET.length);
  assert.equal(secret?.location.startLine, 3);
});

test('generic rules skip lockfiles but provider rules do not', () => {
  const integrity = '"integrity": "sha512-k8Vq2mZp9XwL4rT1Xb7eF2s0N10hUWWRgZUAhoNE3FFM8gjlJjaSHniKCblAKEQrmTQJjfKOi"';
  const token = 'resolved "https://npm_token:ghp_eauowE1t7F3jAKeCAlRL8KTdfimOqy4EjZDF@registry.example.org/x.tgz"';

  assert.equal(scan('package-lock.json', `{ "token": "Xk9mP2qR7sT4vW8yZ1aB3cD5eF" }\n${integrity}`).length, 0);
  assert.equal(scan('yarn.lock', token).length, 1);
});

test('rule bundle matches the YAML sources when present', () => {
  const files = builtinRuleFiles();
  const digest = rulesDigest(files, files.map((file) => readFileSync(file, 'utf8')));

  assert.ok(existsSync(ruleBundlePath()), 'npm run build writes the bundle');
  const bundle = JSON.parse(readFileSync(ruleBundlePath(), 'utf8')) as { digest: string; rules: unknown[] };
  assert.equal(bundle.digest, digest);
  assert.equal(bundle.rules.length, loadSecretRules().length);
});

test('long JWT on one line is found whole', () => {
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'k'.repeat(40) })).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ sub: 'user-4711', scope: 'x'.repeat(300), exp: 1900000000 })).toString('base64url');
  const signature = 'Qm9vZ3VzU2lnbmF0dXJlRm9yVGVzdGluZ09ubHk'.repeat(9);
  const token = `${header}.${payload}.${signature}`;

  const findings = scan('orders.http', `@token = ${token}\n`);

  assert.equal(findings.length, 1);
  assert.equal(findings[0]?.ruleId, 'secrets/jwt');
  assert.equal(findings[0]?.secret?.length, token.length);
});

test('private key deep inside a long minified line is found', () => {
  const body = Array.from({ length: 20 }, (_, i) => `MIIEpAIBAAKCAQEA${String(i).padStart(4, '0')}x7Vq2mZp9XwL4rT1Xb7eF2s0N10hUWWRg`).join('\\n');
  const text = `${'var a=1;'.repeat(100_000)}var k="-----BEGIN RSA PRIVATE KEY-----\\n${body}\\n-----END RSA PRIVATE KEY-----";\n`;

  const findings = scan('bundle.min.js', text);

  assert.deepEqual(findings.map((f) => f.ruleId), ['secrets/private-key-rsa']);
});
