import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.js';
import type { SastLanguage } from '../../../src/scanners/sast/languages.js';
import { parseSource } from '../../../src/scanners/sast/pattern/parse-code.js';
import { evaluateFormula, PatternCache } from '../../../src/scanners/sast/rules/formula.js';
import { parseSastRules } from '../../../src/scanners/sast/rules/load.js';

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
