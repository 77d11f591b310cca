import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SastLanguage } from '../../../src/scanners/sast/languages.js';
import { compilePattern, findMatches, PatternError, rewritePattern } from '../../../src/scanners/sast/pattern/match.js';
import { parseSource } from '../../../src/scanners/sast/pattern/parse-code.js';

/** The matched code, one string per match, with the metavariables it bound. */
async function matches(language: SastLanguage, pattern: string, code: string): Promise<string[]> {
  const compiled = await compilePattern(pattern, language);
  const parsed = await parseSource(language, code);
  assert.ok(parsed);
  return findMatches(compiled, parsed.root, code).map((match) => {
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
