import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.js';
import { packageRoot } from '../../../src/core/package-root.js';
import { builtinSastRules, checkPatterns, sastBundlePath } from '../../../src/scanners/sast/rules/builtin.js';
import type { SastLanguage } from '../../../src/scanners/sast/languages.js';
import { parseSource } from '../../../src/scanners/sast/pattern/parse-code.js';
import { evaluateFormula, PatternCache } from '../../../src/scanners/sast/rules/formula.js';
import { messageWithPlaceholders, parseSastRules } from '../../../src/scanners/sast/rules/load.js';
import { runCli } from '../../helpers/cli.js';
import { tempDir, writeTree } from '../../helpers/tmp.js';

const cache = new PatternCache();

async function run(ruleYaml: string, language: SastLanguage, code: string): Promise<string[]> {
  const [rule] = parseSastRules(ruleYaml, 'rules.yaml');
  assert.ok(rule);
  const parsed = await parseSource(language, code);
  assert.ok(parsed);
  assert.ok(rule.formula);
  const matches = await evaluateFormula(rule.formula, { language, root: parsed.root, text: code }, cache);
  return matches.map((match) => code.slice(match.node.start, match.node.end)).sort();
}

function problem(ruleYaml: string): string {
  try {
    parseSastRules(ruleYaml, 'team.yaml');
  } catch (error) {
    assert.ok(error instanceof UsageError);
    return error.message;
  }
  return 'no error';
}

describe('sast rules in Semgrep syntax', () => {
  it('reads a rule with patterns, pattern-inside and pattern-not', async () => {
    const rule = `rules:
  - id: express-send-query
    message: Response echoes $V from the request
    severity: ERROR
    languages: [javascript, typescript]
    metadata:
      cwe: ["CWE-79: Improper Neutralization of Input During Web Page Generation"]
      owasp: ["A03:2021 - Injection"]
      confidence: HIGH
    patterns:
      - pattern-inside: |
          app.get($PATH, function ($REQ, $RES) { ... })
      - pattern: $RES.send($V)
      - pattern-not: $RES.send("...")
`;
    const [parsed] = parseSastRules(rule, 'rules.yaml');
    assert.equal(parsed?.severity, 'high');
    assert.equal(parsed?.confidence, 'high');
    assert.deepEqual(parsed?.cwe, ['CWE-79']);
    assert.deepEqual(parsed?.languages, ['javascript', 'typescript', 'tsx']);
    const code = 'app.get("/a", function (req, res) {\n  res.send(req.query.q);\n  res.send("ok");\n});\nother.send(x);\n';
    assert.deepEqual(await run(rule, 'javascript', code), ['res.send(req.query.q)']);
  });

  it('filters with metavariable-regex and reports a focused metavariable', async () => {
    const rule = `rules:
  - id: weak-hash
    message: weak hash
    severity: WARNING
    languages: [python]
    patterns:
      - pattern: hashlib.$ALG($DATA)
      - metavariable-regex:
          metavariable: $ALG
          regex: (md5|sha1)$
      - focus-metavariable: $DATA
`;
    const code = 'import hashlib\nhashlib.md5(password)\nhashlib.sha256(password)\nhashlib.sha1(token)\n';
    assert.deepEqual(await run(rule, 'python', code), ['password', 'token']);
  });

  it('unites pattern-either and excludes pattern-not-inside', async () => {
    const rule = `rules:
  - id: code-eval
    message: eval
    severity: ERROR
    languages: [js]
    patterns:
      - pattern-either:
          - pattern: eval($X)
          - pattern: new Function($X)
      - pattern-not-inside: |
          if (trusted) { ... }
`;
    const code = 'eval(a);\nnew Function(b);\nif (trusted) { eval(c); }\n';
    assert.deepEqual(await run(rule, 'javascript', code), ['eval(a)', 'new Function(b)']);
  });

  it('checks a metavariable with metavariable-pattern', async () => {
    const rule = `rules:
  - id: shell-true
    message: shell
    severity: ERROR
    languages: [python]
    patterns:
      - pattern: subprocess.run($ARGS, shell=$S)
      - metavariable-pattern:
          metavariable: $S
          pattern: "True"
`;
    const code = 'subprocess.run(c, shell=True)\nsubprocess.run(c, shell=False)\n';
    assert.deepEqual(await run(rule, 'python', code), ['subprocess.run(c, shell=True)']);
  });

  it('filters each binding of an ellipsis', async () => {
    const rule = `rules:
  - id: secret-argument
    message: secret
    severity: WARNING
    languages: [javascript]
    patterns:
      - pattern: configure(..., $ARG, ...)
      - metavariable-regex:
          metavariable: $ARG
          regex: secret
      - focus-metavariable: $ARG
`;
    const code = 'configure(name, port, secretKey);\nconfigure(name, port);\n';
    assert.deepEqual(await run(rule, 'javascript', code), ['secretKey']);
  });

  it('keeps bindings that pass every filter', async () => {
    const rule = `rules:
  - id: request-in-exec
    message: exec
    severity: ERROR
    languages: [javascript]
    patterns:
      - pattern: exec(..., $ARG, ...)
      - pattern-not: exec(..., "...", ...)
      - metavariable-pattern:
          metavariable: $ARG
          pattern: req.query.$F
`;
    const code = 'exec(opts, req.query.cmd);\nexec("ls", req.query.dir);\nexec(opts, other);\n';
    assert.deepEqual(await run(rule, 'javascript', code), ['exec(opts, req.query.cmd)']);
  });

  it('focuses the pattern binding, not the context', async () => {
    const rule = `rules:
  - id: sent-after-make
    message: sent
    severity: WARNING
    languages: [javascript]
    patterns:
      - pattern-inside: |
          const $P = make(...);
          ...
      - pattern: send($P)
      - focus-metavariable: $P
`;
    const code = 'function f() {\n  const p = make();\n  send(p);\n}\n';
    const [parsed] = parseSastRules(rule, 'rules.yaml');
    assert.ok(parsed?.formula);
    const tree = await parseSource('javascript', code);
    assert.ok(tree);
    const found = await evaluateFormula(parsed.formula, { language: 'javascript', root: tree.root, text: code }, cache);
    assert.deepEqual(found.map((match) => match.node.start), [code.indexOf('send(p)') + 'send('.length]);
  });

  it('accepts pattern-inside as an item of pattern-either', async () => {
    const rule = `rules:
  - id: eval-in-handler
    message: eval
    severity: ERROR
    languages: [javascript]
    patterns:
      - pattern-either:
          - pattern-inside: |
              function $F(...) { ... }
          - pattern-inside: |
              class $C { ... }
      - pattern: eval($X)
`;
    const code = 'eval(top);\nfunction f() { eval(inFunction); }\nclass K { m() { eval(inClass); } }\n';
    assert.deepEqual(await run(rule, 'javascript', code), ['eval(inClass)', 'eval(inFunction)']);
  });

  it('mixes patterns and contexts in one pattern-either', async () => {
    const rule = `rules:
  - id: eval-anywhere-or-in-function
    message: eval
    severity: ERROR
    languages: [javascript]
    patterns:
      - pattern: $E($X)
      - pattern-either:
          - pattern: eval($X)
          - patterns:
              - pattern-inside: |
                  function unsafe(...) { ... }
              - pattern-inside: |
                  if ($COND) { ... }
      - metavariable-regex:
          metavariable: $E
          regex: (eval|run)$
`;
    const code = 'eval(a);\nrun(b);\nfunction unsafe() { run(c); if (x) { run(d); } }\n';
    assert.deepEqual(await run(rule, 'javascript', code), ['eval(a)', 'run(d)']);
  });

  it('reads a leading (?i) flag', async () => {
    const rule = `rules:
  - id: weak-hash-name
    message: weak hash
    severity: WARNING
    languages: [javascript]
    patterns:
      - pattern: crypto.createHash($ALG)
      - metavariable-regex:
          metavariable: $ALG
          regex: (?i)['"](md5|sha1)['"]
`;
    const code = 'crypto.createHash("MD5");\ncrypto.createHash("Sha1");\ncrypto.createHash("sha256");\n';
    assert.deepEqual(await run(rule, 'javascript', code), ['crypto.createHash("MD5")', 'crypto.createHash("Sha1")']);
    const [parsed] = parseSastRules(rule.replace('(?i)', '(?is)'), 'rules.yaml');
    const term = parsed?.formula?.kind === 'all' ? parsed.formula.terms[1] : undefined;
    assert.equal(term?.kind === 'metavariable-regex' ? term.regex.flags : undefined, 'is');
  });

  it('rewrites PCRE named groups for JavaScript', async () => {
    const rule = `rules:
  - id: repeated-word
    message: repeated
    severity: INFO
    languages: [javascript]
    patterns:
      - pattern: label($S)
      - metavariable-regex:
          metavariable: $S
          regex: "'(?P<word>[a-z]+) (?P=word)'"
`;
    const [parsed] = parseSastRules(rule, 'rules.yaml');
    const term = parsed?.formula?.kind === 'all' ? parsed.formula.terms[1] : undefined;
    assert.equal(term?.kind === 'metavariable-regex' ? term.regex.source : undefined, "^(?:'(?<word>[a-z]+) \\k<word>')");
    assert.deepEqual(await run(rule, 'javascript', "label('go go');\nlabel('go on');\n"), ["label('go go')"]);
  });

  it('rejects other inline regex flags', () => {
    const base = 'rules:\n  - id: r2\n    message: m\n    severity: ERROR\n    languages: [python]\n    patterns:\n      - pattern: f($X)\n      - metavariable-regex:\n          metavariable: $X\n          regex: ';
    assert.equal(problem(`${base}"(?x)a b"\n`), 'team.yaml: rule "r2": patterns[1].metavariable-regex.regex: the inline flag (?x) is not supported; only a leading (?i), (?s) or (?m) is');
    assert.match(problem(`${base}"a(?i)b"\n`), /rule "r2": patterns\[1\]\.metavariable-regex\.regex: the inline flag group \(\?i\) is not supported/);
    assert.match(problem(`${base}"(?i:ab)"\n`), /rule "r2": .*the inline flag group \(\?i:/);
    assert.match(problem(`${base}"(?-i)ab"\n`), /rule "r2": .*the inline flag group \(\?-i\)/);
    // Escaped parentheses, character classes and ordinary groups are not flags.
    assert.equal(problem(`${base}'\\(?i\\)|[(?i)]|(?:a)|(?=b)|(?<n>c)'\n`), 'no error');
  });

  it('rejects negations in pattern-either', () => {
    const base = 'rules:\n  - id: r3\n    message: m\n    severity: ERROR\n    languages: [javascript]\n    patterns:\n      - pattern: f($X)\n      - pattern-either:\n          - pattern: f(1)\n';
    assert.equal(
      problem(`${base}          - pattern-not: f(2)\n`),
      'team.yaml: rule "r3": patterns[1].pattern-either[1].pattern-not: is not allowed in pattern-either, because a negation there would match almost everything; move it to the enclosing patterns',
    );
    assert.match(problem(`${base}          - pattern-not-inside: g(...)\n`), /rule "r3": patterns\[1\]\.pattern-either\[1\]\.pattern-not-inside: is not allowed in pattern-either/);
    assert.match(problem(`${base}          - metavariable-regex: {metavariable: $X, regex: a}\n`), /rule "r3": patterns\[1\]\.pattern-either\[1\]: must have exactly one of pattern, patterns, pattern-either/);
    // The lists of a taint rule take formulas only.
    assert.match(
      problem('rules:\n  - id: r4\n    message: m\n    severity: ERROR\n    languages: [javascript]\n    mode: taint\n    pattern-sources: [{pattern-inside: a}]\n    pattern-sinks: [{pattern: b}]\n'),
      /rule "r4": pattern-sources\[0\]: must have exactly one of pattern, patterns, pattern-either/,
    );
  });

  it('rejects what it does not support, naming the rule and key', () => {
    const base = 'rules:\n  - id: r1\n    message: m\n    severity: ERROR\n    languages: [python]\n';
    assert.equal(problem(`${base}    pattern: a\n    mode: taint\n`), 'team.yaml: rule "r1": pattern: a taint rule uses pattern-sources and pattern-sinks instead');
    assert.equal(problem(`${base}    pattern: a\n    mode: join\n`), 'team.yaml: rule "r1": mode: "join" is not supported; use search or taint');
    assert.match(problem(`${base}    mode: taint\n    pattern-sources: [{pattern: a}]\n    pattern-sinks: [{pattern: b}]\n    pattern-propagators: [{pattern: c}]\n`), /pattern-propagators\[0\]\.from: must be a metavariable such as \$X/);
    assert.match(problem(`${base}    mode: taint\n    pattern-sources: [{pattern: a}]\n`), /pattern-sinks: must be a non-empty list of patterns/);
    assert.match(problem(`${base}    patterns:\n      - pattern-where-python: x\n`), /rule "r1": patterns\[0\]\.pattern-where-python: unsupported operator/);
    assert.match(problem(`${base}    pattern: a\n    colour: red\n`), /rule "r1": colour: unknown key/);
    assert.match(problem(base.replace('[python]', '[ruby]') + '    pattern: a\n'), /languages: "ruby" is not supported/);
    assert.match(problem(`${base}    patterns:\n      - metavariable-regex: {metavariable: $X, regex: "(a+)+"}\n`), /may take exponential time/);
    assert.match(problem(base.replace('ERROR', 'FATAL') + '    pattern: a\n'), /severity: must be one of ERROR, WARNING, INFO/);
    assert.match(problem('rules: 3\n'), /a sast rule file is a mapping with a "rules" list/);
  });
});

/** Builds a rule file whose metavariable-regex is `regex`, written as a YAML single-quoted string. */
function regexRule(regex: string): string {
  return [
    'rules:',
    '  - id: hostile-name',
    '    message: name matches',
    '    severity: ERROR',
    '    languages: [javascript]',
    '    patterns:',
    '      - pattern: $F($X)',
    '      - metavariable-regex:',
    '          metavariable: $F',
    `          regex: '${regex}'`,
    '',
  ].join('\n');
}

describe('sast custom regex limits', () => {
  const hostile = '^a*a*a*a*a*a*a*a*a*a*a*a*c$';

  it('rejects many unbounded repetitions', () => {
    assert.equal(
      problem(regexRule(hostile)),
      'team.yaml: rule "hostile-name": patterns[1].metavariable-regex.regex: has 12 unbounded repetitions (*, +, {n,} or a bound over 16), which can take minutes on a long name; a custom rule may have 2, so bound the others to 16 or fewer ({0,16})',
    );
    assert.match(problem(regexRule('a*b+c{2,}')), /has 3 unbounded repetitions/);
    assert.match(problem(regexRule('(?i)a{0,17}b*c*')), /has 3 unbounded repetitions/);
  });

  it('accepts two repetitions and bounded ones', () => {
    assert.equal(problem(regexRule('^[a-z]+_[0-9]*$')), 'no error');
    assert.equal(problem(regexRule('^a*b{0,16}c{1,16}d?\\*[+*]x+$')), 'no error');
  });

  it('rejects nested repetitions', () => {
    assert.match(problem(regexRule('(a+)+b')), /patterns\[1\]\.metavariable-regex\.regex: may take exponential time because it nests a repeated group/);
    assert.match(problem(regexRule('(?:a*b)*')), /may take exponential time/);
    // A metavariable that no pattern binds used to load and silently never match.
    const header = 'rules:\n  - id: r1\n    message: m\n    severity: ERROR\n    languages: [python]\n';
    assert.match(problem(`${header}    patterns:\n      - pattern: f($X)\n      - focus-metavariable: $Y\n`), /rule "r1": focus-metavariable: \$Y is not bound by any pattern of the rule/);
    assert.match(problem(`${header}    patterns:\n      - pattern: f($X)\n      - metavariable-regex: {metavariable: $Z, regex: a}\n`), /metavariable-regex: \$Z is not bound/);
    // An unterminated class used to be reported as a slow regex.
    assert.match(problem(regexRule('[a-z')), /metavariable-regex\.regex: invalid regular expression: /);
    assert.match(problem(regexRule('([a-z')), /invalid regular expression: /);
  });

  it('leaves built-in rules to review', () => {
    const [rule] = parseSastRules(regexRule(hostile), 'rules/sast/test.yaml', 'built-in');
    const term = rule?.formula?.kind === 'all' ? rule.formula.terms[1] : undefined;
    assert.equal(term?.kind === 'metavariable-regex' ? term.regex.source : undefined, `^(?:${hostile})`);
  });

  it('stops a scan with a hostile custom regex', async () => {
    const root = tempDir('rampart-sast-regex-');
    writeTree(root, {
      'rampart.yaml': 'sast:\n  custom-rules: [rules.yaml]\n',
      'rules.yaml': regexRule(hostile),
      'a.js': `${'a'.repeat(30)}(1);\n`,
    });
    const started = Date.now();
    const result = await runCli(['scan', '.', '--scanners', 'sast'], root);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^rampart: rules\.yaml: rule "hostile-name": patterns\[1\]\.metavariable-regex\.regex: has 12 unbounded repetitions/m);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.ok(Date.now() - started < 10_000, 'the rule is rejected before it runs');
  });
});

describe('sast pattern-propagators', () => {
  const base = [
    'rules:',
    '  - id: queue-taint',
    '    message: $ITEM reaches a sink',
    '    severity: ERROR',
    '    languages: [javascript]',
    '    mode: taint',
    '    pattern-sources: [{pattern: source()}]',
    '    pattern-sinks: [{pattern: sink($ITEM)}]',
    '    pattern-propagators:',
    '',
  ].join('\n');

  it('reads a propagator whose metavariables appear in its pattern', () => {
    const [rule] = parseSastRules(`${base}      - {pattern: $Q.add($I), from: $I, to: $Q}\n`, 'team.yaml');
    assert.deepEqual(
      rule?.taint?.propagators.map((propagator) => [propagator.from, propagator.to]),
      [['$I', '$Q']],
    );
  });

  it('rejects from or to missing from the pattern', () => {
    assert.equal(
      problem(`${base}      - {pattern: $Q.add($I), from: $ITEM, to: $Q}\n`),
      'team.yaml: rule "queue-taint": pattern-propagators[0].from: $ITEM does not appear in the propagator\'s pattern, so it never binds; use a metavariable of the pattern',
    );
    assert.match(problem(`${base}      - {pattern: $Q.add($I), from: $I, to: $QUEUE}\n`), /pattern-propagators\[0\]\.to: \$QUEUE does not appear in the propagator's pattern/);
    // A metavariable only in a pattern-not binds nothing.
    assert.match(
      problem(`${base}      - {patterns: [{pattern: $Q.add($I)}, {pattern-not: "$Q.add($I, $OPT)"}], from: $I, to: $OPT}\n`),
      /pattern-propagators\[0\]\.to: \$OPT does not appear/,
    );
    // $...ARGS is not $ARGS.
    assert.match(problem(`${base}      - {pattern: $Q.add($...ARGS), from: $ARGS, to: $Q}\n`), /from: \$ARGS does not appear/);
  });

  it('names an unsupported propagator key', () => {
    for (const key of ['bogus', 'by-side-effect']) {
      assert.equal(
        problem(`${base}      - {pattern: $Q.add($I), from: $I, to: $Q, ${key}: true}\n`),
        `team.yaml: rule "queue-taint": pattern-propagators[0].${key}: is not supported; a propagator has one of pattern, patterns, pattern-either, plus from and to`,
      );
    }
  });

  it('stops on an unparseable propagator pattern', async () => {
    const rules = parseSastRules(`${base}      - {pattern: "$Q.add($I", from: $I, to: $Q}\n`, 'team.yaml');
    await assert.rejects(checkPatterns(rules, new PatternCache()), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.match(error.message, /^team\.yaml: rule "queue-taint": /);
      return true;
    });
    const root = tempDir('rampart-sast-propagator-');
    writeTree(root, {
      'rampart.yaml': 'sast:\n  custom-rules: [rules.yaml]\n',
      'rules.yaml': `${base}      - {pattern: "$Q.add($I", from: $I, to: $Q}\n`,
      'a.js': 'sink(source());\n',
    });
    const result = await runCli(['scan', '.', '--scanners', 'sast'], root);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /rules\.yaml: rule "queue-taint": /);
  });
});

describe('sast rule messages without code', () => {
  it('writes bound metavariables as placeholders', () => {
    const [rule] = parseSastRules(
      'rules:\n  - id: shell\n    message: $CMD reaches exec via $HOME. Quote it.\n    severity: ERROR\n    languages: [javascript]\n    patterns:\n      - pattern: exec($CMD)\n      - pattern-not: exec($HOME)\n',
      'team.yaml',
    );
    assert.ok(rule);
    // $HOME is only in a pattern-not, so it never binds and stays as written.
    assert.equal(messageWithPlaceholders(rule), '<CMD> reaches exec via $HOME. Quote it.');
    assert.equal(rule.title, '<CMD> reaches exec via $HOME.');
    assert.equal(rule.message, '$CMD reaches exec via $HOME. Quote it.');
  });

  it('keeps a metadata title as written', () => {
    const [rule] = parseSastRules('rules:\n  - id: t\n    message: $X runs\n    severity: ERROR\n    languages: [python]\n    metadata: {title: Uses $where}\n    pattern: eval($X)\n', 'team.yaml');
    assert.equal(rule?.title, 'Uses $where');
  });
});

describe('sast rule bundle', () => {
  it('gives the same rules as the YAML files', () => {
    const dir = join(packageRoot(), 'rules', 'sast');
    const fromYaml = readdirSync(dir)
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .flatMap((name) => parseSastRules(readFileSync(join(dir, name), 'utf8'), `rules/sast/${name}`, 'built-in'));
    assert.ok(existsSync(sastBundlePath()), 'the build writes dist/rules/sast.json');
    assert.deepEqual(builtinSastRules(), fromYaml);
  });
});
