import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import { checkSync } from 'recheck';
import { UsageError } from '../../../src/core/errors.js';
import { CONFIDENCES, SEVERITIES } from '../../../src/core/finding.js';
import { packageRoot } from '../../../src/core/package-root.js';
import { SECRET_FAMILIES, SECRET_FILTERS } from '../../../src/scanners/secrets/rule-types.js';
import {
  builtinRuleFiles,
  loadSecretRules,
  unportableConstruct,
  type CompiledSecretRule,
} from '../../../src/scanners/secrets/rules.js';
import { tempDir, writeTree } from '../../helpers/tmp.js';

const rules = loadSecretRules();

describe('built-in secret rules', () => {
  test('files load from rules/secrets, one per family', () => {
    const names = builtinRuleFiles().map((file) => basename(file, '.yaml'));
    assert.deepEqual(names, [...SECRET_FAMILIES].sort());
  });

  test('at least 135 rules with unique ids', () => {
    assert.ok(rules.length >= 135, `only ${rules.length} rules`);
    const ids = rules.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  test('every family has rules, each in its own file', () => {
    for (const family of SECRET_FAMILIES) {
      assert.ok(
        rules.some((rule) => rule.family === family),
        `no rule of family ${family}`,
      );
    }
    for (const file of builtinRuleFiles()) {
      const family = basename(file, '.yaml');
      const text = readFileSync(file, 'utf8');
      const families = [...text.matchAll(/^ {2}family: (\S+)$/gm)].map((m) => m[1]);
      assert.ok(families.length > 0, `${file} has no rules`);
      assert.deepEqual(new Set(families), new Set([family]), `${file} mixes families`);
    }
  });

  test('compiled fields follow the spec', () => {
    for (const rule of rules) {
      assert.equal(rule.fullId, `secrets/${rule.id}`);
      assert.equal(rule.regex.flags, rule.caseInsensitive ? 'gi' : 'g', rule.id);
      assert.equal(rule.allowRegexes.length, rule.allow?.length ?? 0, rule.id);
      assert.equal(rule.pathFilter !== undefined, rule.paths !== undefined, rule.id);
    }
  });

  test('every rule has complete metadata', () => {
    for (const rule of rules) {
      assert.ok(rule.title.length > 5, `${rule.id}: title`);
      assert.ok(rule.description.length > 20, `${rule.id}: description`);
      assert.ok(rule.remediation.length > 20, `${rule.id}: remediation`);
      assert.ok(rule.references.length > 0, `${rule.id}: references`);
      for (const url of rule.references) assert.match(url, /^https:\/\//, `${rule.id}: ${url}`);
      assert.ok(rule.cwe.length > 0, `${rule.id}: cwe`);
      assert.ok(rule.examples.match.length >= 2, `${rule.id}: fewer than 2 match examples`);
      assert.ok(rule.examples.noMatch.length >= 2, `${rule.id}: fewer than 2 noMatch examples`);
      assert.equal(unportableConstruct(rule.pattern), undefined, rule.id);
    }
  });

  test('severity and confidence follow the family policy', () => {
    for (const rule of rules) {
      if (rule.family === 'private-key') assert.equal(rule.severity, 'critical', rule.id);
      if (rule.family === 'generic') {
        assert.equal(rule.severity, 'high', rule.id);
        assert.equal(rule.confidence, 'medium', rule.id);
        const narrowed = rule.filter !== undefined || rule.paths !== undefined;
        assert.ok(narrowed, `${rule.id}: generic rules need a filter or paths`);
      }
      if (rule.family === 'connection-string') assert.equal(rule.filter, 'connection-string');
      if (rule.family === 'jwt') assert.equal(rule.filter, 'jwt');
    }
  });

  test('capturing patterns set secretGroup', () => {
    for (const rule of rules) {
      const groups = (new RegExp(`${rule.pattern}|`).exec('') ?? []).length - 1;
      if (groups > 0) assert.ok((rule.secretGroup ?? 0) > 0, `${rule.id}: secretGroup missing`);
    }
  });

  test('schema enums match the TypeScript constants', () => {
    const schemaFile = join(packageRoot(), 'schemas', 'secret-rule.schema.json');
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as {
      definitions: { rule: { properties: Record<string, { enum?: string[] }> } };
    };
    const properties = schema.definitions.rule.properties;
    assert.deepEqual(properties.family?.enum, [...SECRET_FAMILIES]);
    assert.deepEqual(properties.severity?.enum, [...SEVERITIES]);
    assert.deepEqual(properties.confidence?.enum, [...CONFIDENCES]);
    assert.deepEqual(properties.filter?.enum, [...SECRET_FILTERS]);
  });

  test('path filters use gitignore semantics', () => {
    const envRule = rules.find((rule) => rule.id === 'generic-env-assignment');
    assert.ok(envRule?.pathFilter);
    assert.equal(envRule.pathFilter('.env'), true);
    assert.equal(envRule.pathFilter('services/api/.env.production'), true);
    assert.equal(envRule.pathFilter('./config/app.properties'), true);
    assert.equal(envRule.pathFilter('src/env.ts'), false);
    assert.equal(envRule.pathFilter(''), false);
  });

  test('rules doc is up to date', () => {
    const root = packageRoot();
    const script = join(root, 'dist', 'scripts', 'gen-secret-rules-doc.js');
    const generated = execFileSync(process.execPath, [script], { encoding: 'utf8' });
    const committed = readFileSync(join(root, 'docs', 'rules', 'secrets.md'), 'utf8');
    assert.equal(committed, generated, 'run the generator to update docs/rules/secrets.md');
  });

  test('each rule loads fresh RegExp objects', () => {
    const again = loadSecretRules();
    assert.equal(again.length, rules.length);
    assert.notEqual(again[0]?.regex, rules[0]?.regex);
  });
});

describe('keywords', () => {
  /** Smart case, as the keyword prefilter matches. */
  function containsKeyword(text: string, keyword: string): boolean {
    return /[A-Z]/.test(keyword) ? text.includes(keyword) : text.toLowerCase().includes(keyword);
  }

  test('every match example contains a keyword', () => {
    for (const rule of rules) {
      for (const example of rule.examples.match) {
        assert.ok(
          rule.keywords.some((keyword) => containsKeyword(example, keyword)),
          `${rule.id}: no keyword in ${JSON.stringify(example.slice(0, 80))}`,
        );
      }
    }
  });

  test('a keyword occurs within the search window of each match', () => {
    const span = 320;
    for (const rule of rules) {
      const regex = new RegExp(rule.pattern, rule.caseInsensitive ? 'i' : '');
      for (const example of rule.examples.match) {
        const match = regex.exec(example);
        const shown = JSON.stringify(example.slice(0, 80));
        assert.ok(match, `${rule.id}: pattern does not match ${shown}`);
        const around = example.slice(Math.max(0, match.index - span), match.index + match[0].length + span);
        assert.ok(
          rule.keywords.some((keyword) => containsKeyword(around, keyword)),
          `${rule.id}: no keyword near the match in ${shown}`,
        );
      }
    }
  });

  test('keywords are printable ASCII', () => {
    for (const rule of rules) {
      for (const keyword of rule.keywords) assert.match(keyword, /^[\x20-\x7e]+$/, rule.id);
    }
  });
});

/**
 * recheck's automaton checker decides from the NFA whether backtracking can
 * grow faster than linearly. The default `auto` mode hands patterns with
 * large bounded repetitions such as {20,80} to its fuzzer, which reports the
 * bounded rescans as "2nd degree polynomial" and takes seconds per pattern;
 * the timing test below covers the constant factor of those repetitions.
 */
describe('ReDoS safety', () => {
  test('recheck rates every pattern safe', () => {
    for (const rule of rules) {
      const flags = rule.caseInsensitive ? 'gi' : 'g';
      const sources: Array<[string, string]> = [[rule.pattern, flags]];
      for (const allow of rule.allow ?? []) sources.push([allow, '']);
      for (const [source, sourceFlags] of sources) {
        const diagnostics = checkSync(source, sourceFlags, { checker: 'automaton' });
        assert.equal(diagnostics.status, 'safe', `${rule.id}: ${source}`);
      }
    }
  });

  test('adversarial text under 50 ms per exec', (t) => {
    const timings: Array<{ ms: number; what: string }> = [];
    for (const rule of rules) {
      const regex = new RegExp(rule.pattern, rule.caseInsensitive ? 'gi' : 'g');
      for (const [name, text] of adversarialTexts(rule)) {
        const ms = stableMaxExecMs(regex, text);
        timings.push({ ms, what: `${rule.id} on ${name}` });
        assert.ok(ms < 50, `${rule.id}: ${ms.toFixed(1)} ms on ${name}`);
      }
    }
    const slowest = timings.sort((a, b) => b.ms - a.ms).slice(0, 3);
    const summary = slowest.map((timing) => `${timing.ms.toFixed(1)} ms ${timing.what}`);
    t.diagnostic(`slowest execs: ${summary.join('; ')}`);
  });

  test('timer catches catastrophic backtracking', () => {
    const text = `${'a'.repeat(25)}!`;
    assert.ok(stableMaxExecMs(/^(a+)+$/g, text) > 50);
  });
});

const LENGTH = 100_000;

function fill(unit: string): string {
  return unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);
}

/** Texts built from the rule's own alphabet that come close to matching without matching. */
function adversarialTexts(rule: CompiledSecretRule): Array<[string, string]> {
  const texts: Array<[string, string]> = [
    ['alphanumeric run', fill('aZ3kQ9')],
    ['"=" run', fill('=')],
    ['"-" run', fill('-')],
    ['whitespace run', fill(' \t')],
    ['newline run', fill('\n')],
    ['escaped newlines', fill('\\n')],
    ['base64 lines', fill('QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo+/abc\n')],
  ];
  for (const keyword of rule.keywords) {
    texts.push([`"${keyword}" repeated`, fill(keyword)]);
    texts.push([`"${keyword}" then a run`, keyword + fill('Ab1_-').slice(keyword.length)]);
    texts.push([`"${keyword}" assignments`, fill(`${keyword}_key = "`)]);
    texts.push([`"${keyword}" with separators`, fill(`${keyword}:x@`)]);
  }
  for (const example of rule.examples.match) {
    const cut = example.slice(0, Math.max(1, Math.floor(example.length * 0.75)));
    texts.push(['truncated example repeated', fill(cut)]);
    texts.push(['example without separators', fill(example.replace(/[\s"'=:]/g, ''))]);
  }
  return texts;
}

/**
 * The slowest exec of a scan, as the best of up to three scans: a busy CI
 * machine can pause any one scan, while catastrophic backtracking is slow
 * every time.
 */
function stableMaxExecMs(regex: RegExp, text: string): number {
  let best = maxExecMs(regex, text);
  for (let attempt = 1; attempt < 3 && best >= 50; attempt++) {
    best = Math.min(best, maxExecMs(regex, text));
  }
  return best;
}

/** The slowest single exec while scanning `text` (at most 2,000 matches). */
function maxExecMs(regex: RegExp, text: string): number {
  regex.lastIndex = 0;
  let slowest = 0;
  for (let count = 0; count < 2000; count++) {
    const start = performance.now();
    const match = regex.exec(text);
    slowest = Math.max(slowest, performance.now() - start);
    if (!match) break;
    if (match[0].length === 0) regex.lastIndex++;
  }
  return slowest;
}

describe('custom rule files', () => {
  const valid = `
- id: zpm-internal-token
  title: ZPM internal API token
  description: Token for the ZPM internal API.
  family: saas
  severity: high
  confidence: high
  keywords: [zpmt_]
  pattern: '\\b(zpmt_[a-f0-9]{32})\\b'
  secretGroup: 1
  paths: ['*.env']
  remediation: Revoke it in the ZPM admin console.
  references: [https://zpm.example/tokens]
  cwe: [CWE-798]
  examples:
    match: ['ZPM_TOKEN=zpmt_0123456789abcdef0123456789abcdef']
    noMatch: ['ZPM_TOKEN=zpmt_short']
`;

  function writeRules(name: string, text: string): string {
    const dir = tempDir();
    writeTree(dir, { [name]: text });
    return join(dir, name);
  }

  function assertUsageError(file: string, ...parts: RegExp[]): void {
    assert.throws(
      () => loadSecretRules([file]),
      (error: unknown) => {
        assert.ok(error instanceof UsageError, String(error));
        assert.ok(error.message.includes(basename(file)), error.message);
        for (const part of parts) assert.match(error.message, part);
        assert.ok(!error.message.includes('\n'), 'message must be one line');
        return true;
      },
    );
  }

  test('a valid file adds its rules after the built-in ones', () => {
    const file = writeRules('custom-rules.yaml', valid);
    const loaded = loadSecretRules([file]);
    assert.equal(loaded.length, rules.length + 1);
    const custom = loaded.at(-1);
    assert.equal(custom?.fullId, 'secrets/zpm-internal-token');
    assert.equal(custom?.pathFilter?.('deploy/prod.env'), true);
    assert.equal(custom?.pathFilter?.('src/app.ts'), false);
  });

  test('invalid regular expression', () => {
    const file = writeRules('bad-regex.yaml', valid.replace('[a-f0-9]{32})', '[a-f0-9]{32}'));
    assertUsageError(
      file,
      /rule "zpm-internal-token"/,
      /not a valid regular expression \(Unterminated group\)/,
      /fix the pattern/,
    );
  });

  test('unknown key', () => {
    const text = valid.replace('  secretGroup: 1', '  secretgroup: 1');
    const file = writeRules('unknown-key.yaml', text);
    assertUsageError(file, /rule "zpm-internal-token"/, /unknown key "secretgroup"/);
  });

  test('missing required field', () => {
    const file = writeRules('missing.yaml', valid.replace(/ {2}remediation: .*\n/, ''));
    assertUsageError(file, /rule "zpm-internal-token"/, /missing required key "remediation"/);
  });

  test('duplicate id inside a file', () => {
    const file = writeRules('duplicate.yaml', valid + valid);
    assertUsageError(file, /rule "zpm-internal-token"/, /duplicate id/);
  });

  test('duplicate of a built-in id', () => {
    const file = writeRules('clash.yaml', valid.replace('zpm-internal-token', 'aws-access-key-id'));
    assertUsageError(
      file,
      /rule "aws-access-key-id"/,
      /already defined in rules\/secrets\/cloud\.yaml/,
    );
  });

  test('lookahead is rejected for ripgrep', () => {
    const file = writeRules('lookahead.yaml', valid.replace("'\\b(zpmt_", "'(?=z)\\b(zpmt_"));
    assertUsageError(file, /lookahead/, /ripgrep/);
  });

  test('secretGroup beyond the capture groups', () => {
    const file = writeRules('group.yaml', valid.replace('secretGroup: 1', 'secretGroup: 2'));
    assertUsageError(file, /secretGroup is 2 but the pattern has 1 capture groups/);
  });

  test('bad enum value and id format', () => {
    const text = valid
      .replace('family: saas', 'family: crypto')
      .replace('id: zpm-internal-token', 'id: ZPM_Token');
    const file = writeRules('enum.yaml', text);
    assertUsageError(file, /family must be one of cloud, source-hosting/, /id must be kebab-case/);
  });

  test('non-ASCII keyword', () => {
    const file = writeRules('keyword.yaml', valid.replace('[zpmt_]', '[zpmt_é]'));
    assertUsageError(file, /keywords\.0 must be printable ASCII/);
  });

  test('YAML syntax error', () => {
    const file = writeRules('syntax.yaml', valid.replace('  family: saas', '  family: [saas'));
    assertUsageError(file, /invalid YAML/);
  });

  test('not a list', () => {
    const file = writeRules('mapping.yaml', 'id: x\n');
    assertUsageError(file, /must be a YAML list of rules/);
  });

  test('empty file', () => {
    const file = writeRules('empty.yaml', '# nothing yet\n');
    assertUsageError(file, /empty/);
  });

  test('missing file', () => {
    const file = join(tempDir(), 'absent.yaml');
    assertUsageError(file, /not found/);
  });
});

describe('unportableConstruct', () => {
  test('names constructs that ripgrep rejects', () => {
    assert.match(unportableConstruct('a(?!b)') ?? '', /lookahead/);
    assert.match(unportableConstruct('(?<=a)b') ?? '', /lookbehind/);
    assert.match(unportableConstruct('(?<tok>a)') ?? '', /named group/);
    assert.match(unportableConstruct('(a)\\1') ?? '', /backreference/);
    assert.match(unportableConstruct('(?i)abc') ?? '', /inline flags/);
  });

  test('accepts escapes and character classes', () => {
    assert.equal(unportableConstruct('\\(?=x'), undefined);
    assert.equal(unportableConstruct('[(?=]x'), undefined);
    assert.equal(unportableConstruct('(?:a|b)\\.\\d{2}'), undefined);
  });
});
