import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectAliases } from '../../../src/scanners/sast/aliases.js';
import type { SastLanguage } from '../../../src/scanners/sast/languages.js';
import { compilePattern, findMatches, NodeIndex, PatternError, rewritePattern } from '../../../src/scanners/sast/pattern/match.js';
import { parseSource } from '../../../src/scanners/sast/pattern/parse-code.js';
import type { SyntaxNode } from '../../../src/scanners/sast/pattern/syntax-tree.js';

/** Lists the matched code, one string per match, with the metavariables it bound; `imports` resolves import aliases as a scan does. */
async function matches(language: SastLanguage, pattern: string, code: string, imports = false): Promise<string[]> {
  const compiled = await compilePattern(pattern, language);
  const parsed = await parseSource(language, code);
  assert.ok(parsed);
  const aliases = imports ? collectAliases(language, parsed.root, code) : undefined;
  const index = imports ? new NodeIndex(parsed.root) : undefined;
  return findMatches(compiled, parsed.root, code, aliases, index).map((match) => {
    const bound = [...match.bindings].map(([name, value]) => `${name}=${value.text}`).join(' ');
    return `${code.slice(match.node.start, match.node.end)}${bound === '' ? '' : ` [${bound}]`}`;
  });
}

describe('sast patterns', () => {
  it('rewrites metavariables and free-standing ellipses only', () => {
    assert.equal(rewritePattern('f($X, ...)'), 'f(__RAMPART_MV_X, __RAMPART_ELLIPSIS)');
    assert.equal(rewritePattern('g(...args)'), 'g(...args)');
    assert.equal(rewritePattern('"..."'), '"__RAMPART_ELLIPSIS"');
  });

  it('binds a metavariable to any expression', async () => {
    const code = 'cp.exec(req.query.cmd);\ncp.exec("ls");\nother(1);\n';
    assert.deepEqual(await matches('javascript', 'cp.exec($CMD)', code), ['cp.exec(req.query.cmd) [$CMD=req.query.cmd]', 'cp.exec("ls") [$CMD="ls"]']);
  });

  it('requires a repeated metavariable to match the same code', async () => {
    const code = 'a = a + 1;\nb = c + 1;\n';
    assert.deepEqual(await matches('javascript', '$X = $X + 1', code), ['a = a + 1 [$X=a]']);
  });

  it('lets an ellipsis take any run of arguments', async () => {
    const code = 'db.query(sql);\ndb.query(sql, params, cb);\ndb.query();\n';
    assert.deepEqual(await matches('javascript', 'db.query($Q, ...)', code), ['db.query(sql) [$Q=sql]', 'db.query(sql, params, cb) [$Q=sql]']);
    assert.equal((await matches('javascript', 'db.query(...)', code)).length, 3);
  });

  it('lets an ellipsis take statements in a body', async () => {
    const code = 'function h(req, res) {\n  const id = req.params.id;\n  log(id);\n  res.send(id);\n}\n';
    const found = await matches('javascript', 'function $F(...) { ... res.send($V); }', code);
    assert.equal(found.length, 1);
    assert.match(found[0] ?? '', /\[\$F=h \$V=id\]$/);
  });

  it('lets a lone metavariable match any expression', async () => {
    const found = await matches('javascript', '$R', 'const re = /^(a+)+$/;\n');
    assert.ok(found.includes('/^(a+)+$/ [$R=/^(a+)+$/]'), found.join('\n'));
  });

  it('matches any string with "..."', async () => {
    assert.deepEqual(await matches('javascript', 'eval("...")', 'eval("1+1");\neval(x);\n'), ['eval("1+1")']);
  });

  it('matches Python calls with keyword arguments', async () => {
    const code = 'import subprocess\nsubprocess.run(cmd, shell=True)\nsubprocess.run(cmd)\n';
    assert.deepEqual(await matches('python', 'subprocess.run($C, shell=True)', code), ['subprocess.run(cmd, shell=True) [$C=cmd]']);
  });

  it('matches TypeScript and TSX code', async () => {
    assert.deepEqual(await matches('typescript', 'exec($X)', 'const run = (x: string) => exec(x);\n'), ['exec(x) [$X=x]']);
    const tsx = 'const A = (p: P) => <div dangerouslySetInnerHTML={{ __html: p.html }} />;\n';
    assert.equal((await matches('tsx', '<$T dangerouslySetInnerHTML={$V} />', tsx)).length, 1);
  });

  it('returns each binding as a match', async () => {
    assert.deepEqual(await matches('javascript', 'bar(..., $X, ...)', 'bar(a, b.c, 3);\n'), [
      'bar(a, b.c, 3) [$X=a]',
      'bar(a, b.c, 3) [$X=b.c]',
      'bar(a, b.c, 3) [$X=3]',
    ]);
  });

  it('finds a repeated metavariable across an ellipsis', async () => {
    const code = 'foo(a, b, a);\nfoo(a, b, c);\nfoo(b, a, c, a);\n';
    assert.deepEqual(await matches('javascript', 'foo($X, ..., $X)', code), ['foo(a, b, a) [$X=a]']);
    assert.deepEqual(await matches('javascript', 'foo(..., $X, ..., $X)', code), ['foo(a, b, a) [$X=a]', 'foo(b, a, c, a) [$X=a]']);
  });

  it('binds metavariables in statement sequences', async () => {
    const code = 'function f() {\n  x = a + b;\n  y = c + d;\n  use(x);\n}\n';
    const found = await matches('javascript', '$V = $A + $B;\n...\nuse($V);', code);
    assert.equal(found.length, 1);
    assert.match(found[0] ?? '', /\[\$V=x \$A=a \$B=b\]$/);
  });

  it('tries each binding across statements', async () => {
    const code = 'function f() {\n  send(a, b);\n  log(b);\n}\n';
    const found = await matches('javascript', 'send(..., $X, ...);\nlog($X);', code);
    assert.deepEqual(found, ['send(a, b);\n  log(b); [$X=b]']);
  });

  it('matches object fields in any order', async () => {
    const code = 'a({ httpOnly: true, secure: false });\nb({ secure: false });\nc({ secure: true, path: "/" });\n';
    assert.deepEqual(await matches('javascript', '{secure: false, ...}', code), ['{ httpOnly: true, secure: false }', '{ secure: false }']);
    assert.deepEqual(await matches('javascript', '{secure: false}', code), ['{ secure: false }']);
    assert.deepEqual(await matches('javascript', '{path: $P, secure: $S}', code), ['{ secure: true, path: "/" } [$P="/" $S=true]']);
    assert.deepEqual(await matches('javascript', 'a({secure: false, httpOnly: $H})', code), ['a({ httpOnly: true, secure: false }) [$H=true]']);
  });

  it('matches JSX attributes in any order', async () => {
    const code = 'const a = <div className="x" {...rest} dangerouslySetInnerHTML={h} />;\nconst b = <p title={t}>text</p>;\nconst c = <div className="y" />;\n';
    assert.deepEqual(await matches('javascript', '<$T dangerouslySetInnerHTML={$V} />', code), ['<div className="x" {...rest} dangerouslySetInnerHTML={h} /> [$V=h $T=div]']);
    assert.deepEqual(await matches('javascript', '<div dangerouslySetInnerHTML={$V} className="x" />', code), ['<div className="x" {...rest} dangerouslySetInnerHTML={h} /> [$V=h]']);
    assert.deepEqual(await matches('javascript', '<p title={$X}>...</p>', code), ['<p title={t}>text</p> [$X=t]']);
    assert.deepEqual(await matches('tsx', '<div className="y" />', code), ['<div className="y" />']);
  });

  it('matches Python dictionary entries in any order', async () => {
    const code = 'a = {"httponly": True, "secure": False}\nb = {"secure": True}\n';
    assert.deepEqual(await matches('python', '{"secure": False, ...}', code), ['{"httponly": True, "secure": False}']);
    assert.deepEqual(await matches('python', '{"secure": $S}', code), ['{"secure": True} [$S=True]']);
  });

  it('matches Python keyword arguments in any order', async () => {
    const code = 'subprocess.run(c, check=True, shell=True)\nsubprocess.run(c, shell=True)\nrequests.get(u, timeout=5, verify=False)\n';
    assert.deepEqual(await matches('python', 'subprocess.run($C, shell=True, check=True)', code), ['subprocess.run(c, check=True, shell=True) [$C=c]']);
    assert.deepEqual(await matches('python', 'subprocess.run($C, shell=True)', code), ['subprocess.run(c, shell=True) [$C=c]']);
    assert.deepEqual(await matches('python', 'subprocess.run(..., shell=True)', code), ['subprocess.run(c, check=True, shell=True)', 'subprocess.run(c, shell=True)']);
    assert.deepEqual(await matches('python', 'requests.get(..., verify=False, ...)', code), ['requests.get(u, timeout=5, verify=False)']);
    // A metavariable stands for a positional argument, not a keyword argument.
    assert.deepEqual(await matches('python', 'requests.get($U, $V)', code), []);
  });

  it('names hyphenated modules through require()', async () => {
    const pattern = "require('node-serialize').unserialize($X)";
    const required = "const s = require('node-serialize');\ns.unserialize(a);\nother.unserialize(b);\nrequire('node-serialize').unserialize(c);\n";
    assert.deepEqual(await matches('javascript', pattern, required, true), ['s.unserialize(a) [$X=a]', "require('node-serialize').unserialize(c) [$X=c]"]);
    const imported = "import { unserialize as load } from 'node-serialize';\nimport * as ns from 'node-serialize';\nload(d);\nns.unserialize(e);\nunserialize(f);\n";
    assert.deepEqual(await matches('javascript', pattern, imported, true), ['load(d) [$X=d]', 'ns.unserialize(e) [$X=e]']);
    const scoped = "import { render } from '@acme/tpl-engine';\nrender(g);\n";
    assert.deepEqual(await matches('typescript', "require('@acme/tpl-engine').render($T)", scoped, true), ['render(g) [$T=g]']);
    // A bare require() call is matched as written, not as every use of the module.
    assert.deepEqual(await matches('javascript', "require('node-serialize')", required, true), ["require('node-serialize')", "require('node-serialize')"]);
  });

  it('prefilters files by whole words', async () => {
    const code = 'class A {\n  #secret = 1;\n  m() { return this.#secret + this.secretive; }\n}\n';
    assert.deepEqual((await compilePattern('this.#secret', 'javascript')).words, ['secret']);
    assert.deepEqual(await matches('javascript', 'this.#secret', code), ['this.#secret']);
    assert.deepEqual(await matches('javascript', 'this.secret', code), []);
  });

  it('copies trees without punctuation or comments', async () => {
    const code = 'a.b(c + 1); // note\n';
    const parsed = await parseSource('javascript', code);
    assert.ok(parsed);
    const shape = (node: SyntaxNode): string =>
      node.children.length === 0 ? `${node.field ?? ''}${node.field ? ':' : ''}${node.text}` : `${node.field ?? ''}${node.field ? ':' : ''}${node.type}(${node.children.map(shape).join(' ')})`;
    assert.equal(shape(parsed.root), 'program(expression_statement(call_expression(function:member_expression(object:a property:b) arguments:arguments(binary_expression(left:c + right:1)))))');
    const call = parsed.root.children[0]?.children[0];
    assert.equal(call?.start, 0);
    assert.equal(call?.end, 10);
  });

  it('reports code cut for nesting too deep', async () => {
    const nested = (depth: number): string => `${'if (a) {\n'.repeat(depth)}eval(req.query.q);\n${'}\n'.repeat(depth)}`;
    const deep = await parseSource('javascript', nested(250));
    assert.ok(deep);
    assert.equal(deep.truncated, true);
    assert.equal(deep.hasErrors, false);
    // The cut is why the call goes unmatched.
    assert.deepEqual(await matches('javascript', 'eval($X)', nested(250)), []);
    const shallow = await parseSource('javascript', nested(100));
    assert.equal(shallow?.truncated, false);
    assert.deepEqual(await matches('javascript', 'eval($X)', nested(100)), ['eval(req.query.q) [$X=req.query.q]']);
    const python = Array.from({ length: 300 }, (_, depth) => `${' '.repeat(depth)}if a:\n`).join('') + `${' '.repeat(300)}eval(q)\n`;
    assert.equal((await parseSource('python', python))?.truncated, true);
  });

  it('rejects a pattern that does not parse', async () => {
    await assert.rejects(compilePattern('exec(', 'javascript'), PatternError);
    await assert.rejects(compilePattern('', 'python'), /is empty/);
  });

  it('finds a sequence of statements, with the rest of the block after a trailing ellipsis', async () => {
    const code = 'function f() {\n  const cp = require("child_process");\n  log(1);\n  cp.exec(cmd);\n  done();\n}\n';
    const found = await matches('javascript', 'const $CP = require("child_process");\n...', code);
    assert.equal(found.length, 1);
    assert.match(found[0] ?? '', /^const cp = require\("child_process"\);\n {2}log\(1\);\n {2}cp\.exec\(cmd\);\n {2}done\(\); \[\$CP=cp\]$/);
  });

  it('stays fast on a pattern with many ellipses', async () => {
    const code = `f(${Array.from({ length: 2_000 }, (_, i) => `a${i}`).join(', ')});\n`;
    const started = performance.now();
    await matches('javascript', 'f(..., $A, ..., $B, ..., $C, ..., zzz)', code);
    assert.ok(performance.now() - started < 5_000);
  });
});
