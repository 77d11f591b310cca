import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfigText } from '../../src/core/config.js';
import { defaultConfig, type RampartConfig } from '../../src/core/config-types.js';
import type { Finding } from '../../src/core/finding.js';
import {
  applySuppressions,
  directiveKey,
  hasDirectiveMarker,
  parseDirectives,
  parseSourceDirectives,
  type Directive,
} from '../../src/core/suppression.js';

const TODAY = '2026-03-15';

function finding(overrides: {
  ruleId?: string;
  path?: string;
  line?: number;
  tags?: string[];
  commit?: string;
}): Finding {
  const ruleId = overrides.ruleId ?? 'secrets/jwt';
  const line = overrides.line ?? 2;
  const result: Finding = {
    ruleId,
    scanner: ruleId.startsWith('iac/') ? 'iac' : 'secrets',
    severity: 'high',
    confidence: 'high',
    title: 'Test finding',
    message: 'Test finding',
    location: {
      path: overrides.path ?? 'app.js',
      startLine: line,
      startColumn: 1,
      endLine: line,
      endColumn: 5,
    },
    fingerprint: `fp-${ruleId}-${line}`,
  };
  if (overrides.tags) result.tags = overrides.tags;
  if (overrides.commit) {
    result.commit = {
      sha: overrides.commit,
      author: 'A',
      email: 'a@example.com',
      date: '2026-01-01',
      summary: 's',
    };
  }
  return result;
}

/** Parses `text` as app.js and applies the directives to `findings`. */
function apply(
  text: string,
  findings: Finding[],
  config: RampartConfig = defaultConfig(),
  today = TODAY,
) {
  const directives = new Map([[directiveKey('app.js'), parseDirectives('app.js', text)]]);
  return applySuppressions(findings, directives, config, today);
}

function only(text: string): Directive {
  const directives = parseDirectives('app.js', text);
  assert.equal(directives.length, 1, `expected one directive in ${JSON.stringify(text)}`);
  return directives[0] as Directive;
}

describe('parseDirectives', () => {
  const commentStyles = [
    '# rampart:ignore[secrets/jwt] reason="fixture"',
    '// rampart:ignore[secrets/jwt] reason="fixture"',
    '/* rampart:ignore[secrets/jwt] reason="fixture" */',
    '/* rampart:ignore[secrets/jwt] reason="fixture"*/',
    '<!-- rampart:ignore[secrets/jwt] reason="fixture" -->',
    '-- rampart:ignore[secrets/jwt] reason="fixture"',
    '; rampart:ignore[secrets/jwt] reason="fixture"',
    'REM rampart:ignore[secrets/jwt] reason="fixture"',
    '{# rampart:ignore[secrets/jwt] reason="fixture" #}',
  ];
  for (const text of commentStyles) {
    it(`reads ${text.slice(0, 4).trim()} comments`, () => {
      const directive = only(text);
      assert.deepEqual(directive.rules, ['secrets/jwt']);
      assert.equal(directive.reason, 'fixture');
      assert.equal(directive.problem, undefined);
      assert.equal(directive.directive, 'rampart:ignore[secrets/jwt] reason="fixture"');
    });
  }

  it('reads single quotes, lists and until', () => {
    const directive = only(
      `x = 1 # rampart:ignore[jwt, secrets/aws-access-key-id] reason='the "demo" key' until=2026-12-31`,
    );
    assert.deepEqual(directive.rules, ['jwt', 'secrets/aws-access-key-id']);
    assert.equal(directive.reason, 'the "demo" key');
    assert.equal(directive.until, '2026-12-31');
    assert.equal(directive.scope, 'same-line');
  });

  it('covers the next line only from a line of its own', () => {
    assert.equal(only('  # rampart:ignore reason="x"').scope, 'same-or-next-line');
    assert.equal(only('// rampart:ignore reason="x"').scope, 'same-or-next-line');
    assert.equal(only('<!-- rampart:ignore reason="x" -->').scope, 'same-or-next-line');
    assert.equal(only('token = "a" # rampart:ignore reason="x"').scope, 'same-line');
  });

  it('covers every rule without a list', () => {
    assert.equal(only('# rampart:ignore reason="x"').rules, '*');
  });

  it('numbers lines from 1', () => {
    const lines = parseDirectives('app.js', 'a\r\nb\r\n# rampart:ignore reason="x"\r\n').map(
      (d) => d.line,
    );
    assert.deepEqual(lines, [3]);
  });

  const invalid: [string, string][] = [
    ['# rampart:ignore[] reason="x"', 'the rule list is empty; leave out [] to cover every rule'],
    ['# rampart:ignore[jwt,] reason="x"', 'the rule list contains an empty entry'],
    ['# rampart:ignore[jwt reason="x"', 'the rule list has no closing ]'],
    ['# rampart:ignore[j$t] reason="x"', 'invalid rule id "j$t"'],
    ['# rampart:ignore reason=x', 'reason must be quoted, as in reason="..."'],
    ['# rampart:ignore reason="x', 'reason has no closing "'],
    [
      '# rampart:ignore reason="x" until=2026-02-30',
      'invalid date "2026-02-30" in until=; use YYYY-MM-DD',
    ],
    [
      '# rampart:ignore reason="x" until=31/12/2026',
      'invalid date "31/12/2026" in until=; use YYYY-MM-DD',
    ],
    [
      '# rampart:ignore reason="x" untill=2026-12-31',
      'unknown token "untill=2026-12-31" (did you mean until=?); expected reason="..." or until=YYYY-MM-DD',
    ],
    [
      '# rampart:ignore reason="x" please',
      'unknown token "please"; expected reason="..." or until=YYYY-MM-DD',
    ],
    ['# rampart:ignore reason="x" reason="y"', 'reason= is given twice'],
    ['# rampart:ignore: reason="x"', 'expected a space after the directive'],
  ];
  for (const [text, message] of invalid) {
    it(`rejects ${text.slice(17)}`, () => {
      const directive = only(text);
      assert.equal(directive.problem, 'invalid');
      assert.equal(directive.message, `invalid rampart:ignore directive: ${message}`);
    });
  }

  it('flags rampart:ignore without a reason', () => {
    const directive = only('// rampart:ignore[secrets/jwt]');
    assert.equal(directive.problem, 'missing-reason');
    assert.equal(directive.reason, undefined);
  });

  it('ignores markers inside other words', () => {
    assert.deepEqual(parseDirectives('a', 'rampart:ignored; xgitleaks:allow; nosemgrepx'), []);
  });

  const aliases: [string, Partial<Directive>][] = [
    [
      'key = "v" # gitleaks:allow',
      { rules: '*', scope: 'same-line', reason: 'gitleaks:allow (no reason given)' },
    ],
    [
      'key = "v" # gitleaks:allow reason="example key"',
      { rules: '*', scope: 'same-line', reason: 'example key' },
    ],
    [
      '// nosemgrep',
      { rules: '*', scope: 'same-or-next-line', reason: 'nosemgrep (no reason given)' },
    ],
    [
      '// nosemgrep: js.lang.eval, jwt-hardcode',
      { rules: ['js.lang.eval', 'jwt-hardcode'], reason: 'nosemgrep (no reason given)' },
    ],
    [
      '#checkov:skip=CKV_AWS_20:Public website bucket',
      { rules: ['CKV_AWS_20'], reason: 'Public website bucket' },
    ],
    [
      '#checkov:skip=CKV_AWS_20',
      { rules: ['CKV_AWS_20'], reason: 'checkov:skip (no reason given)' },
    ],
    [
      '# kics-scan ignore-line',
      { rules: '*', scope: 'same-or-next-line', reason: 'kics-scan ignore-line (no reason given)' },
    ],
    [
      '#trivy:ignore:AVD-AWS-0086',
      { rules: ['AVD-AWS-0086'], reason: 'trivy:ignore (no reason given)' },
    ],
    [
      '#trivy:ignore:AVD-AWS-0086:exp:2026-06-01',
      { rules: ['AVD-AWS-0086'], until: '2026-06-01', reason: 'trivy:ignore (no reason given)' },
    ],
  ];
  for (const [text, expected] of aliases) {
    it(`reads ${text.replace(/^.*?(#|\/\/) ?/, '')}`, () => {
      const directive = only(text);
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(directive[key as keyof Directive], value, key);
      }
      const hasReason = !String(directive.reason).endsWith('(no reason given)');
      assert.equal(directive.problem, hasReason ? undefined : 'missing-reason');
    });
  }

  it('parses a hostile 1 MB line in under 100 ms', () => {
    const lines = [
      'rampart:ignore['.repeat(70_000),
      '# rampart:ignore reason="'.repeat(40_000),
      'gitleaks:allow '.repeat(70_000),
      `# nosemgrep: ${'a,'.repeat(500_000)}`,
      `// rampart:ignore[${'x'.repeat(1_000_000)}`,
      `# rampart:ignore reason="x" until=${'9'.repeat(1_000_000)}`,
      `#checkov:skip=${'C'.repeat(1_000_000)}`,
      '#trivy:ignore:A:exp:'.repeat(50_000),
      'x'.repeat(1_000_000),
    ];
    for (const line of lines) {
      assert.ok(line.length >= 1_000_000);
      const start = performance.now();
      parseDirectives('big.js', line);
      const elapsed = performance.now() - start;
      assert.ok(elapsed < 100, `${line.slice(0, 20)}... took ${elapsed.toFixed(1)} ms`);
    }
  });

  it('caps directives per line', () => {
    const directives = parseDirectives('a.js', 'k = 1 # gitleaks:allow '.repeat(30));
    assert.equal(directives.length, 21);
    assert.equal(
      directives[20]?.message,
      'invalid gitleaks:allow directive: more than 20 directives on one line; the rest is ignored',
    );
  });

  it('caps rule lists', () => {
    const directive = only(
      `// nosemgrep: ${Array.from({ length: 101 }, (_, i) => `r${i}`).join(', ')}`,
    );
    assert.equal(directive.message, 'invalid nosemgrep directive: more than 100 rule ids');
  });

  it('parses many directive lines in linear time', () => {
    // Compares two sizes instead of a fixed budget, so a loaded CI machine does not fail it:
    // doubling the input roughly doubles a linear parse and quadruples a quadratic one.
    const time = (lines: number): number => {
      const text = '# rampart:ignore[jwt\n'.repeat(lines);
      const start = performance.now();
      const directives = parseDirectives('many.js', text);
      const elapsed = performance.now() - start;
      assert.equal(directives.length, lines);
      assert.equal(directives.at(-1)?.line, lines);
      return elapsed;
    };
    time(5_000);
    const small = Math.min(time(50_000), time(50_000));
    const large = Math.min(time(100_000), time(100_000));
    assert.ok(large < small * 3.2, `50,000 lines took ${small.toFixed(1)} ms, 100,000 took ${large.toFixed(1)} ms`);
  });
});

describe('hasDirectiveMarker', () => {
  it('finds each marker', () => {
    for (const text of [
      'rampart:ignore',
      'gitleaks:allow',
      'nosemgrep',
      'checkov:skip=',
      'kics-scan ignore-line',
      'trivy:ignore:',
    ]) {
      assert.equal(hasDirectiveMarker(`x ${text} y`), true, text);
    }
    assert.equal(hasDirectiveMarker('const rampart = ignore;'), false);
  });
});

describe('applySuppressions', () => {
  it('suppresses its own line after code, and the line below from a line of its own', () => {
    const text = 'a = 1\nb = 2 // rampart:ignore[jwt] reason="fixture token"\nc = 3\n// rampart:ignore[jwt] reason="next"\nd = 4\n';
    const findings = [finding({ line: 2 }), finding({ line: 3 }), finding({ line: 1 }), finding({ line: 5 })];
    const result = apply(text, findings);
    assert.deepEqual(result.findings[0]?.suppressed, {
      kind: 'inline',
      reason: 'fixture token',
      directive: 'rampart:ignore',
    });
    assert.equal(result.findings[1]?.suppressed, undefined, 'a trailing directive reached the next line');
    assert.equal(result.findings[2]?.suppressed, undefined);
    assert.equal(result.findings[3]?.suppressed?.reason, 'next');
    assert.deepEqual(result.problems, []);
  });

  it('keeps findings in the list', () => {
    const input = [finding({ line: 2 })];
    const result = apply('# rampart:ignore reason="r"\nkey\n', input);
    assert.equal(result.findings.length, 1);
    assert.equal(input[0]?.suppressed, undefined, 'input findings are not modified');
  });

  it('matches full, short and pattern ids only', () => {
    const text = [
      '# rampart:ignore[secrets/jwt] reason="r"',
      'x',
      '# rampart:ignore[generic-password] reason="r"',
      'x',
      '# rampart:ignore[secrets/*] reason="r"',
      'x',
    ].join('\n');
    const result = apply(text, [
      finding({ line: 2, ruleId: 'secrets/jwt' }),
      finding({ line: 4, ruleId: 'secrets/jwt' }),
      finding({ line: 6, ruleId: 'secrets/slack-token' }),
    ]);
    assert.equal(result.findings[0]?.suppressed?.kind, 'inline');
    assert.equal(result.findings[1]?.suppressed, undefined);
    assert.equal(result.findings[2]?.suppressed?.kind, 'inline');
    assert.deepEqual(
      result.problems.map((p) => [p.line, p.problem]),
      [[3, 'unused']],
    );
  });

  it('matches peer ids through alias tags', () => {
    const text = '#checkov:skip=CKV_AWS_20:Public website\nresource "aws_s3_bucket" "site" {\n';
    const tagged = finding({
      ruleId: 'iac/aws-s3-public-read',
      line: 2,
      tags: ['alias:CKV_AWS_20'],
    });
    const untagged = finding({ ruleId: 'iac/aws-s3-no-logging', line: 2 });
    const result = apply(text, [tagged, untagged]);
    assert.deepEqual(result.findings[0]?.suppressed, {
      kind: 'inline',
      reason: 'Public website',
      directive: 'checkov:skip',
    });
    assert.equal(result.findings[1]?.suppressed, undefined);
  });

  it('lets reasonless aliases suppress with a problem', () => {
    const result = apply('token = "v" # gitleaks:allow\n', [finding({ line: 1 })]);
    assert.equal(result.findings[0]?.suppressed?.reason, 'gitleaks:allow (no reason given)');
    assert.equal(result.findings[0]?.suppressed?.directive, 'gitleaks:allow');
    assert.deepEqual(result.problems, [
      {
        path: 'app.js',
        line: 1,
        directive: 'gitleaks:allow',
        problem: 'missing-reason',
        message: 'gitleaks:allow has no reason; it still suppresses, but add reason="..." after it',
      },
    ]);
  });

  it('applies gitleaks:allow to its own line only', () => {
    const result = apply('# gitleaks:allow\ntoken = "v"\n', [finding({ line: 2 })]);
    assert.equal(result.findings[0]?.suppressed, undefined);
    assert.deepEqual(
      result.problems.map((p) => p.problem),
      ['unused'],
    );
    assert.equal(
      result.problems[0]?.message,
      'gitleaks:allow matches no finding on its line; remove it',
    );
  });

  it('does not suppress without a reason', () => {
    const result = apply('token = "v" // rampart:ignore[jwt]\n', [finding({ line: 1 })]);
    assert.equal(result.findings[0]?.suppressed, undefined);
    assert.deepEqual(result.problems, [
      {
        path: 'app.js',
        line: 1,
        directive: 'rampart:ignore[jwt]',
        problem: 'missing-reason',
        message: 'rampart:ignore has no reason, so it suppresses nothing; add reason="..."',
      },
    ]);
  });

  it('does not suppress with an invalid directive', () => {
    const result = apply('token = "v" // rampart:ignore reason="r" until=tomorrow\n', [
      finding({ line: 1 }),
    ]);
    assert.equal(result.findings[0]?.suppressed, undefined);
    assert.deepEqual(
      result.problems.map((p) => p.problem),
      ['invalid'],
    );
  });

  it('expires after the until date', () => {
    const text = 'token = "v" // rampart:ignore reason="rotating soon" until=2026-03-14\n';
    const expired = apply(text, [finding({ line: 1 })], defaultConfig(), '2026-03-15');
    assert.equal(expired.findings[0]?.suppressed, undefined);
    assert.deepEqual(expired.problems, [
      {
        path: 'app.js',
        line: 1,
        directive: 'rampart:ignore reason="rotating soon" until=2026-03-14',
        problem: 'expired',
        message:
          'rampart:ignore expired on 2026-03-14, so the finding is reported again; fix it or extend until=',
      },
    ]);

    const lastDay = apply(text, [finding({ line: 1 })], defaultConfig(), '2026-03-14');
    assert.deepEqual(lastDay.findings[0]?.suppressed, {
      kind: 'inline',
      reason: 'rotating soon',
      until: '2026-03-14',
      directive: 'rampart:ignore',
    });
    assert.deepEqual(lastDay.problems, []);
  });

  it('expires trivy directives with exp', () => {
    const text = '#trivy:ignore:AVD-AWS-0086:exp:2026-01-01\nresource "x" "y" {\n';
    const tagged = finding({
      ruleId: 'iac/aws-s3-block-public',
      line: 2,
      tags: ['alias:AVD-AWS-0086'],
    });
    const result = apply(text, [tagged]);
    assert.equal(result.findings[0]?.suppressed, undefined);
    assert.deepEqual(
      result.problems.map((p) => p.problem),
      ['expired'],
    );
  });

  it('reports unused directives', () => {
    const text =
      '// rampart:ignore[secrets/jwt] reason="old fixture"\nconst a = 1;\n// nosemgrep\n';
    const result = apply(text, []);
    assert.deepEqual(
      result.problems.map((p) => [p.line, p.problem, p.message]),
      [
        [1, 'unused', 'rampart:ignore matches no finding on its line or the next; remove it'],
        [3, 'unused', 'nosemgrep matches no finding on its line or the next; remove it'],
      ],
    );
  });

  it('never crosses files', () => {
    const directives = new Map([
      [directiveKey('a.js'), parseDirectives('a.js', '# rampart:ignore reason="r"\nx\n')],
    ]);
    const result = applySuppressions(
      [finding({ path: 'b.js', line: 2 })],
      directives,
      defaultConfig(),
      TODAY,
    );
    assert.equal(result.findings[0]?.suppressed, undefined);
    assert.deepEqual(
      result.problems.map((p) => [p.path, p.problem]),
      [['a.js', 'unused']],
    );
  });

  it('keys history directives by commit', () => {
    const text = '# rampart:ignore reason="r"\nx\n';
    const directives = new Map([[directiveKey('app.js', 'c1'), parseDirectives('app.js', text)]]);
    const sameCommit = finding({ line: 2, commit: 'c1' });
    const otherCommit = finding({ line: 2, commit: 'c2' });
    const result = applySuppressions([sameCommit, otherCommit], directives, defaultConfig(), TODAY);
    assert.equal(result.findings[0]?.suppressed?.kind, 'inline');
    assert.equal(result.findings[1]?.suppressed, undefined);
  });

  it('maps partial texts to real lines', () => {
    const source = { path: 'app.js', text: 'a\n# rampart:ignore reason="r"\n', lineMap: [10, 41] };
    assert.deepEqual(
      parseSourceDirectives(source).map((d) => d.line),
      [41],
    );
  });
});

describe('config suppressions', () => {
  const yaml = [
    'suppressions:',
    '  - rule: secrets/jwt',
    '    paths: ["test/fixtures/**"]',
    '    reason: "test tokens"',
    '  - rule: "iac/*"',
    '    paths: ["legacy/"]',
    '    reason: "being replaced"',
    '    until: 2026-01-31',
    '  - rule: sast/eval',
    '    reason: "nothing matches this"',
  ].join('\n');
  const config = parseConfigText(yaml, 'rampart.yaml', '/');

  it('suppresses by rule and path', () => {
    const inFixtures = finding({ path: 'test/fixtures/tokens.txt', line: 3 });
    const elsewhere = finding({ path: 'src/tokens.txt', line: 3 });
    const result = applySuppressions([inFixtures, elsewhere], new Map(), config, TODAY);
    assert.deepEqual(result.findings[0]?.suppressed, {
      kind: 'config',
      reason: 'test tokens',
      directive: 'rampart.yaml suppressions[0]',
    });
    assert.equal(result.findings[1]?.suppressed, undefined);
  });

  it('reports unused and expired entries at their lines', () => {
    const legacy = finding({ ruleId: 'iac/aws-s3-public-read', path: 'legacy/main.tf', line: 1 });
    const inFixtures = finding({ path: 'test/fixtures/tokens.txt', line: 3 });
    const result = applySuppressions([legacy, inFixtures], new Map(), config, TODAY);
    assert.equal(result.findings[0]?.suppressed, undefined);
    assert.deepEqual(result.problems, [
      {
        path: 'rampart.yaml',
        line: 5,
        directive: 'suppressions[1]: rule iac/*',
        problem: 'expired',
        message: 'suppression for iac/* expired on 2026-01-31, so its findings are reported again',
      },
      {
        path: 'rampart.yaml',
        line: 9,
        directive: 'suppressions[2]: rule sast/eval',
        problem: 'unused',
        message: 'suppression for sast/eval matches no finding; remove it',
      },
    ]);
  });

  it('lets inline directives take precedence', () => {
    const text = 'x\ny # rampart:ignore reason="inline reason"\n';
    const directives = new Map([
      [directiveKey('test/fixtures/a.txt'), parseDirectives('test/fixtures/a.txt', text)],
    ]);
    const result = applySuppressions(
      [finding({ path: 'test/fixtures/a.txt', line: 2 })],
      directives,
      config,
      TODAY,
    );
    assert.equal(result.findings[0]?.suppressed?.reason, 'inline reason');
    assert.ok(!result.problems.some((p) => p.line === 2 && p.path === 'rampart.yaml'));
  });
});
