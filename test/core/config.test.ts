import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  effectiveSeverity,
  findConfigFile,
  isRuleEnabled,
  isScannerEnabled,
  loadConfig,
  parseConfigText,
  parseSize,
  scannerFailOn,
} from '../../src/core/config.js';
import { defaultConfig, type RampartConfig } from '../../src/core/config-types.js';
import { UsageError } from '../../src/core/errors.js';
import { SCANNER_IDS } from '../../src/core/finding.js';
import { packageRoot, packageVersion } from '../../src/core/package-root.js';

const workDir = mkdtempSync(join(tmpdir(), 'rampart-config-'));
after(() => rmSync(workDir, { recursive: true, force: true }));

function tempDir(name: string): string {
  const dir = join(workDir, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Returns the message of the UsageError that `action` throws. */
function usageMessage(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected a UsageError, but nothing was thrown');
}

function parse(text: string, dir = workDir): RampartConfig {
  return parseConfigText(text, 'rampart.yaml', dir);
}

describe('loadConfig', () => {
  it('returns the defaults when no file exists', () => {
    const dir = tempDir('empty');
    assert.equal(findConfigFile(dir), undefined);
    assert.deepEqual(loadConfig({ root: dir }), defaultConfig());
  });

  it('reads rampart.yml and records the source', () => {
    const dir = tempDir('yml');
    writeFileSync(join(dir, 'rampart.yml'), 'fail-on: low\n');
    const config = loadConfig({ root: dir });
    assert.equal(config.failOn, 'low');
    assert.equal(config.source, join(dir, 'rampart.yml'));
  });

  it('rejects both rampart.yaml and rampart.yml', () => {
    const dir = tempDir('both');
    writeFileSync(join(dir, 'rampart.yaml'), 'fail-on: low\n');
    writeFileSync(join(dir, 'rampart.yml'), 'fail-on: low\n');
    assert.equal(
      usageMessage(() => loadConfig({ root: dir })),
      `both rampart.yaml and rampart.yml exist in ${dir}; remove one of them`,
    );
  });

  it('names a missing --config file', () => {
    const missing = join(workDir, 'nowhere', 'custom.yaml');
    assert.equal(
      usageMessage(() => loadConfig({ root: workDir, configPath: missing })),
      `config file not found: ${missing}; check the --config path`,
    );
  });

  it('rejects a directory as --config', () => {
    const dir = tempDir('as-dir');
    assert.equal(
      usageMessage(() => loadConfig({ root: workDir, configPath: dir })),
      `config path ${dir} is a directory; give the path of a rampart.yaml file`,
    );
  });

  it('labels errors with the path relative to the root', () => {
    const dir = tempDir('label');
    writeFileSync(join(dir, 'rampart.yaml'), '\nseverity: hihg\n');
    assert.equal(
      usageMessage(() => loadConfig({ root: dir })),
      'invalid configuration in rampart.yaml (1 problem):\n' +
        'rampart.yaml:2: severity: must be one of critical, high, medium, low, info ' +
        '(got "hihg"); did you mean "high"?',
    );
  });

  it('resolves custom rules next to a --config file', () => {
    const dir = tempDir('custom');
    mkdirSync(join(dir, '.rampart'));
    writeFileSync(join(dir, '.rampart', 'secret-rules.yaml'), 'rules: []\n');
    const file = join(dir, 'ci.yaml');
    writeFileSync(file, 'secrets:\n  custom-rules: [.rampart/secret-rules.yaml]\n');
    const config = loadConfig({ root: workDir, configPath: file });
    assert.deepEqual(config.secrets.customRules, [join(dir, '.rampart', 'secret-rules.yaml')]);
    assert.equal(config.source, file);
  });
});

describe('parseConfigText', () => {
  it('maps every documented key', () => {
    const dir = tempDir('full');
    mkdirSync(join(dir, '.rampart'));
    writeFileSync(join(dir, '.rampart', 'secret-rules.yaml'), 'rules: []\n');
    const text = [
      'version: 1',
      'fail-on: medium',
      'severity: low',
      'max-file-size: 2MB',
      'include-vendored: true',
      'exclude: ["docs/**", "*.min.js"]',
      'scanners:',
      '  secrets: { enabled: true, fail-on: low }',
      '  dast: { enabled: false }',
      'rules:',
      '  disable: [secrets/generic-password, iac/*]',
      '  severity: { secrets/jwt: low }',
      'suppressions:',
      '  - rule: secrets/jwt',
      '    paths: ["test/fixtures/**"]',
      '    reason: "test tokens signed with a throwaway key"',
      '    until: 2027-06-30',
      '  - rule: "*"',
      '    reason: vendored copy',
      'secrets:',
      '  custom-rules: [.rampart/secret-rules.yaml]',
      '  allow-values: ["^test_[a-z]+$"]',
      'deps:',
      '  db: cache/advisories.sqlite',
      '  offline: true',
      '  max-db-age-days: 3',
      '  include-dev: false',
      '  licenses: { allow: [MIT, Apache-2.0], deny: [GPL-3.0-only] }',
      'supply-chain:',
      '  allow: ["@acme/*", internal-tool]',
      '  new-package-days: 14',
      '  new-version-days: 2',
      '  min-versions: 5',
      '  block-at: critical',
      '  unknown: block',
      '  inspect-content: false',
      '  check-imports: false',
      '  cache-hours: 6',
      'iac:',
      '  unknown: ignore',
    ].join('\n');
    const expected: RampartConfig = {
      failOn: 'medium',
      severity: 'low',
      maxFileSize: 2 * 1024 * 1024,
      includeVendored: true,
      exclude: ['docs/**', '*.min.js'],
      scanners: { secrets: { enabled: true, failOn: 'low' }, dast: { enabled: false } },
      disabledRules: ['secrets/generic-password', 'iac/*'],
      severityOverrides: { 'secrets/jwt': 'low' },
      suppressions: [
        {
          rule: 'secrets/jwt',
          paths: ['test/fixtures/**'],
          reason: 'test tokens signed with a throwaway key',
          until: '2027-06-30',
          file: 'rampart.yaml',
          line: 14,
        },
        { rule: '*', paths: [], reason: 'vendored copy', file: 'rampart.yaml', line: 18 },
      ] as unknown as RampartConfig['suppressions'],
      secrets: {
        customRules: [join(dir, '.rampart', 'secret-rules.yaml')],
        allowValues: ['^test_[a-z]+$'],
      },
      deps: {
        db: join(dir, 'cache', 'advisories.sqlite'),
        offline: true,
        online: false,
        autoUpdate: true,
        maxDbAgeDays: 3,
        includeDev: false,
        licenses: { allow: ['MIT', 'Apache-2.0'], deny: ['GPL-3.0-only'] },
      },
      supplyChain: {
        allow: ['@acme/*', 'internal-tool'],
        newPackageDays: 14,
        newVersionDays: 2,
        minVersions: 5,
        blockAt: 'critical',
        unknown: 'block',
        inspectContent: false,
        checkImports: false,
        cacheHours: 6,
      },
      iac: { customRules: [], unknown: 'ignore' },
      sast: { customRules: [] },
    };
    assert.deepEqual(parse(text, dir), expected);
  });

  it('returns defaults for an empty or comment-only file', () => {
    assert.deepEqual(parse(''), defaultConfig());
    assert.deepEqual(parse('# nothing configured yet\n'), defaultConfig());
  });

  it('lists every problem with its line', () => {
    const text = [
      'version: 2', //                                   1
      'failOn: high', //                                 2
      'scanners:', //                                    3
      '  secret: {}', //                                 4
      '  secrets: { enabled: yes, fail-on: hgh }', //    5
      'rules:', //                                       6
      '  disable: [secret/jwt, jwt, secrets/*a*]', //    7
      '  severity: { secrets/jwt: lo, bad: low }', //    8
      'suppressions:', //                                9
      '  - rule: secrets/jwt', //                        10
      '    until: 2027-02-30', //                        11
      '  - rule: "*"', //                                12
      '    reason: "  "', //                             13
      '    until: 2027-6-1', //                          14
      'secrets:', //                                     15
      '  allow-values: ["(", "^ok$"]', //                16
      'exclude: "docs/**"', //                           17
      'max-file-size: 300MB', //                         18
    ].join('\n');
    const expected = [
      'invalid configuration in rampart.yaml (17 problems):',
      'rampart.yaml:1: version: must be 1 (got 2)',
      'rampart.yaml:2: failOn: unknown key; did you mean "fail-on"?',
      'rampart.yaml:4: scanners.secret: unknown key; did you mean "secrets"?',
      'rampart.yaml:5: scanners.secrets.enabled: must be true or false (got "yes")',
      'rampart.yaml:5: scanners.secrets.fail-on: must be one of critical, high, medium, low, ' +
        'info, none (got "hgh"); did you mean "high"?',
      'rampart.yaml:7: rules.disable[0]: rule id "secret/jwt" does not start with a known ' +
        `scanner (${SCANNER_IDS.join(', ')}); did you mean "secrets/jwt"?`,
      'rampart.yaml:7: rules.disable[1]: must be a full rule id such as "secrets/jwt" (got "jwt")',
      'rampart.yaml:7: rules.disable[2]: may contain at most one "*" (got "secrets/*a*")',
      'rampart.yaml:8: rules.severity.secrets/jwt: must be one of critical, high, medium, low, ' +
        'info (got "lo"); did you mean "low"?',
      'rampart.yaml:8: rules.severity.bad: must be a full rule id such as "secrets/jwt" (got "bad")',
      'rampart.yaml:10: suppressions[0]: missing required key "reason"',
      'rampart.yaml:11: suppressions[0].until: is not a valid calendar date (got "2027-02-30")',
      'rampart.yaml:13: suppressions[1].reason: must not be empty',
      'rampart.yaml:14: suppressions[1].until: must be a date in the form YYYY-MM-DD (got "2027-6-1")',
      'rampart.yaml:16: secrets.allow-values[0]: invalid regular expression: /(/: Unterminated group',
      'rampart.yaml:17: exclude: must be a list (got "docs/**")',
      'rampart.yaml:18: max-file-size: must be at most 256MB (got "300MB")',
    ];
    assert.equal(
      usageMessage(() => parse(text)),
      expected.join('\n'),
    );
  });

  it('lists allowed keys when no key is close', () => {
    assert.equal(
      usageMessage(() => parse('scanners:\n  secrets:\n    threshold: 3\n')),
      'invalid configuration in rampart.yaml (1 problem):\n' +
        'rampart.yaml:3: scanners.secrets.threshold: unknown key; allowed keys are enabled, fail-on',
    );
  });

  it('names file and line of YAML syntax errors', () => {
    assert.equal(
      usageMessage(() => parseConfigText('fail-on: low\n\tseverity: high\n', 'x.yaml', workDir)),
      'invalid configuration in x.yaml (1 problem):\n' +
        'x.yaml:2: invalid YAML: Tabs are not allowed as indentation',
    );
    assert.equal(
      usageMessage(() => parseConfigText('a:\n  - b\n c: d\n', 'x.yaml', workDir)),
      'invalid configuration in x.yaml (1 problem):\n' +
        'x.yaml:3: invalid YAML: All mapping items must start at the same column',
    );
    assert.equal(
      usageMessage(() => parseConfigText('fail-on: low\nfail-on: high\n', 'x.yaml', workDir)),
      'invalid configuration in x.yaml (1 problem):\nx.yaml:2: invalid YAML: Map keys must be unique',
    );
  });

  it('accepts the documented example', () => {
    const doc = readFileSync(join(packageRoot(), 'docs', 'configuration.md'), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const dir = tempDir('documented');
    mkdirSync(join(dir, '.rampart'));
    writeFileSync(join(dir, '.rampart', 'secret-rules.yaml'), 'rules: []\n');
    mkdirSync(join(dir, 'policies', 'iac'), { recursive: true });
    const config = parse(example, dir);
    assert.equal(config.failOn, 'high');
    assert.equal(config.scanners.secrets?.failOn, 'medium');
    assert.equal(config.suppressions.length, 1);
  });

  it('rejects alias expansion attacks', () => {
    const level = (name: string, ref: string) =>
      `${name}: &${name} [${Array(10).fill(ref).join(', ')}]`;
    const text = [
      level('a', 'x'),
      level('b', '*a'),
      level('c', '*b'),
      level('d', '*c'),
      'e: [*d, *d]',
    ];
    assert.equal(
      usageMessage(() => parse(text.join('\n'))),
      'invalid configuration in rampart.yaml (1 problem):\n' +
        'rampart.yaml:1: invalid YAML: Excessive alias count indicates a resource exhaustion attack',
    );
  });

  it('rejects a top level that is not a mapping', () => {
    assert.equal(
      usageMessage(() => parse('- fail-on: low\n')),
      'invalid configuration in rampart.yaml (1 problem):\n' +
        'rampart.yaml:1: top level: must be a mapping (got a list)',
    );
  });

  it('reports missing custom rule files', () => {
    const dir = tempDir('no-rules');
    assert.equal(
      usageMessage(() => parse('secrets:\n  custom-rules: [rules/extra.yaml]\n', dir)),
      'invalid configuration in rampart.yaml (1 problem):\n' +
        `rampart.yaml:2: secrets.custom-rules[0]: file not found: ${join(dir, 'rules', 'extra.yaml')} ` +
        "(paths are relative to the config file's directory)",
    );
  });

  it('reports an unknown scanner in a suppression rule', () => {
    assert.equal(
      usageMessage(() => parse('suppressions:\n  - rule: sats/eval\n    reason: legacy\n')),
      'invalid configuration in rampart.yaml (1 problem):\n' +
        'rampart.yaml:2: suppressions[0].rule: rule id "sats/eval" does not start with a known ' +
        `scanner (${SCANNER_IDS.join(', ')}); did you mean "sast/eval"?`,
    );
  });
});

describe('parseSize', () => {
  const valid: [string | number, number][] = [
    [1, 1],
    [4096, 4096],
    ['512', 512],
    ['512B', 512],
    ['1KB', 1024],
    ['1.5KB', 1536],
    ['10MB', 10 * 1024 * 1024],
    ['10 mb', 10 * 1024 * 1024],
    ['256MB', 256 * 1024 * 1024],
    [268435456, 268435456],
  ];
  for (const [input, bytes] of valid) {
    it(`converts ${JSON.stringify(input)}`, () => {
      assert.equal(parseSize(input, 'max-file-size'), bytes);
    });
  }

  const unitHint =
    'use a number of bytes or a number with the unit B, KB, MB or GB (1024-based), such as 10MB';
  const invalid: [string | number, string][] = [
    ['10MiB', `--max-file-size: invalid size "10MiB"; ${unitHint}`],
    ['ten', `--max-file-size: invalid size "ten"; ${unitHint}`],
    [1.5, `--max-file-size: invalid size 1.5; ${unitHint}`],
    [0, '--max-file-size: must be at least 1 byte (got 0)'],
    ['1GB', '--max-file-size: must be at most 256MB (got "1GB")'],
    [268435457, '--max-file-size: must be at most 256MB (got 268435457)'],
  ];
  for (const [input, message] of invalid) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      assert.equal(
        usageMessage(() => parseSize(input, '--max-file-size')),
        message,
      );
    });
  }

  it('checks sizes in the file', () => {
    assert.equal(parse('max-file-size: 1KB\n').maxFileSize, 1024);
    assert.equal(parse('max-file-size: 2048\n').maxFileSize, 2048);
    assert.equal(
      usageMessage(() => parse('max-file-size: 0\n')),
      'invalid configuration in rampart.yaml (1 problem):\n' +
        'rampart.yaml:1: max-file-size: must be at least 1 byte (got 0)',
    );
    assert.equal(
      usageMessage(() => parse('max-file-size: 12 parsecs\n')),
      'invalid configuration in rampart.yaml (1 problem):\n' +
        `rampart.yaml:1: max-file-size: invalid size "12 parsecs"; ${unitHint}`,
    );
  });
});

describe('config accessors', () => {
  const config = parse(
    [
      'fail-on: high',
      'scanners:',
      '  iac: { fail-on: critical }',
      '  dast: { enabled: false }',
      'rules:',
      '  disable: [secrets/generic-password, sast/*-eval]',
      '  severity: { secrets/*: low, secrets/jwt: medium }',
    ].join('\n'),
  );

  it('scannerFailOn prefers the scanner level', () => {
    assert.equal(scannerFailOn(config, 'iac'), 'critical');
    assert.equal(scannerFailOn(config, 'secrets'), 'high');
  });

  it('isScannerEnabled defaults to true', () => {
    assert.equal(isScannerEnabled(config, 'dast'), false);
    assert.equal(isScannerEnabled(config, 'secrets'), true);
  });

  it('effectiveSeverity prefers exact ids', () => {
    assert.equal(effectiveSeverity(config, 'secrets/jwt', 'high'), 'medium');
    assert.equal(effectiveSeverity(config, 'secrets/aws-access-key-id', 'critical'), 'low');
    assert.equal(effectiveSeverity(config, 'iac/aws-s3-public-read', 'high'), 'high');
  });

  it('isRuleEnabled honours ids, patterns and scanners', () => {
    assert.equal(isRuleEnabled(config, 'secrets/generic-password'), false);
    assert.equal(isRuleEnabled(config, 'secrets/generic-password-2'), true);
    assert.equal(isRuleEnabled(config, 'sast/js-eval'), false);
    assert.equal(isRuleEnabled(config, 'sast/js-eval-call'), true);
    assert.equal(isRuleEnabled(config, 'dast/sql-injection'), false);
  });
});

describe('rampart.schema.json', () => {
  const schema = JSON.parse(
    readFileSync(join(packageRoot(), 'schemas', 'rampart.schema.json'), 'utf8'),
  ) as Record<string, unknown>;

  /** Visits every sub-schema with its JSON pointer. */
  function visit(
    node: unknown,
    pointer: string,
    action: (node: Record<string, unknown>, pointer: string) => void,
  ) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
    const record = node as Record<string, unknown>;
    action(record, pointer);
    for (const key of ['properties', 'definitions']) {
      const children = (record[key] ?? {}) as Record<string, unknown>;
      for (const [name, child] of Object.entries(children))
        visit(child, `${pointer}/${key}/${name}`, action);
    }
    for (const key of ['items', 'additionalProperties', 'propertyNames']) {
      visit(record[key], `${pointer}/${key}`, action);
    }
  }

  it('describes every property', () => {
    const undocumented: string[] = [];
    visit(schema, '#', (node, pointer) => {
      const isProperty = /\/(properties|definitions)\/[^/]+$/.test(pointer);
      if (isProperty && typeof node.description !== 'string') undocumented.push(pointer);
    });
    assert.deepEqual(undocumented, []);
  });

  it('closes every object with additionalProperties', () => {
    const open: string[] = [];
    visit(schema, '#', (node, pointer) => {
      if (node.properties !== undefined && node.additionalProperties !== false) open.push(pointer);
    });
    assert.deepEqual(open, []);
  });

  it('lists exactly the scanner ids', () => {
    const properties = schema.properties as Record<string, { properties: object }>;
    assert.deepEqual(Object.keys(properties.scanners?.properties ?? {}), [...SCANNER_IDS]);
    const definitions = schema.definitions as Record<string, { pattern: string }>;
    assert.ok(definitions.ruleId?.pattern.includes(`(${SCANNER_IDS.join('|')})`));
  });

  it('is found through the package root', () => {
    assert.match(packageVersion(), /^\d+\.\d+\.\d+/);
  });
});
