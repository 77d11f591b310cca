import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importsOfJavaScript, isJavaScriptPath } from '../../../../src/scanners/supply-chain/imports/js-imports.js';

function modules(path: string, text: string): string[] {
  return importsOfJavaScript(path, text).map((found) => found.module);
}

describe('importsOfJavaScript', () => {
  it('finds every import form', () => {
    const text = [
      "import a, { b } from 'alpha';",
      "import 'side-effect';",
      "import * as ns from 'namespace';",
      "export * from 'pkg';",
      "export { x as y } from 'reexport';",
      "const c = require('cjs');",
      "const r = require.resolve('resolved/package.json');",
      "const m = module.require('via-module');",
      "const d = await import('dynamic');",
      "import json from 'data-pkg' with { type: 'json' };",
    ].join('\n');
    assert.deepEqual(modules('a.mjs', text), [
      'alpha', 'side-effect', 'namespace', 'pkg', 'reexport', 'cjs', 'resolved/package.json', 'via-module', 'dynamic', 'data-pkg',
    ]);
  });

  it('reports lines and columns', () => {
    const found = importsOfJavaScript('a.js', "\n  const x = require('left-pad');\nimport y from \"yaml\";");
    assert.deepEqual(found, [
      { module: 'left-pad', line: 2, column: 22, typeOnly: false },
      { module: 'yaml', line: 3, column: 16, typeOnly: false },
    ]);
  });

  it('skips non-literal require', () => {
    assert.deepEqual(modules('a.js', 'const x = require("a" + b);\nconst y = require(name);'), []);
  });

  it('skips commented imports', () => {
    const text = "// require('commented')\n/* import x from 'block' */\nrequire('real'); /* unterminated require('no')";
    assert.deepEqual(modules('a.js', text), ['real']);
  });

  it('skips imports inside strings', () => {
    const text = `const s = 'import x from "in-string"';\nconst t = "require('in-double')";\nrequire('after');`;
    assert.deepEqual(modules('a.js', text), ['after']);
  });

  it('skips template text, reads substitutions', () => {
    const text = "const t = `require('y') ${require('inner')} ${`${require('nested')}`} import('z')`;\nrequire('after');";
    assert.deepEqual(modules('a.js', text), ['inner', 'nested', 'after']);
  });

  it('counts template without substitutions', () => {
    assert.deepEqual(modules('a.js', 'import(`pkg`); require(`cjs-tpl`); import(`tpl-${x}`);'), ['pkg', 'cjs-tpl']);
  });

  it('skips regular-expression literals', () => {
    const text = "const r = /require\\('z'\\)/;\nconst s = x.replace(/[/'\"]/g, '');\nrequire('after');";
    assert.deepEqual(modules('a.js', text), ['after']);
  });

  it('treats slash after operand as division', () => {
    assert.deepEqual(modules('a.js', "const q = a / b / require('real');\nconst w = (c) / 2 / require('second');"), [
      'real',
      'second',
    ]);
  });

  it('reads regex after return keyword', () => {
    assert.deepEqual(modules('a.js', "function f() { return /'/.test(s) && require('after-regex'); }"), ['after-regex']);
  });

  it('skips JSX text', () => {
    const text = [
      'const el = (',
      '  <div className="note" title=\'import x from "attr"\'>',
      "    Please import the file; don't require('jsx-text') here.",
      "    <Child>{require('in-expression')}</Child>",
      '    <br />',
      '  </div>',
      ');',
      "const ratio = el / 2; require('after-jsx');",
    ].join('\n');
    assert.deepEqual(modules('a.jsx', text), ['in-expression', 'after-jsx']);
  });

  it('reads JSX fragments and nesting', () => {
    const text = "const f = <><A b={<B c={require('deep')} />} />It's text</>;\nrequire('after');";
    assert.deepEqual(modules('a.tsx', text), ['deep', 'after']);
  });

  it('keeps TSX generic arrows as code', () => {
    const text = "const id = <T,>(x: T) => x;\nconst g = <T extends object>(x: T) => x;\nrequire('after-generic');";
    assert.deepEqual(modules('a.tsx', text), ['after-generic']);
  });

  it('reads type assertions in ts', () => {
    assert.deepEqual(modules('a.ts', "const n = <number>value; const m = require('after-cast');"), ['after-cast']);
  });

  it('marks type-only imports', () => {
    const text = [
      "import type { X } from '@types/node';",
      "import type Y from 'typed-default';",
      "export type { Z } from 'typed-export';",
      "import type from 'default-named-type';",
      "import { type W, v } from 'mixed';",
      "import fs = require('fs-extra');",
    ].join('\n');
    assert.deepEqual(
      importsOfJavaScript('a.ts', text).map((found) => [found.module, found.typeOnly]),
      [
        ['@types/node', true],
        ['typed-default', true],
        ['typed-export', true],
        ['default-named-type', false],
        ['mixed', false],
        ['fs-extra', false],
      ],
    );
  });

  it('decodes escapes in specifiers', () => {
    assert.deepEqual(modules('a.js', "require('lo\\x64ash'); require('\\u{6d}s');"), ['lodash', 'ms']);
  });

  it('ignores lookalike calls', () => {
    const text = "foo.require('no'); obj.import('no'); import.meta.url; x.from 'no'; from('no'); requireX('no');";
    assert.deepEqual(modules('a.js', text), []);
  });

  it('skips a hashbang line', () => {
    assert.deepEqual(modules('cli.js', "#!/usr/bin/env node require('no')\nrequire('yes');"), ['yes']);
  });

  it('survives unterminated constructs', () => {
    for (const text of ["require('open", 'const t = `${require("a")', '/* never closed', '<div>{', "'abc\nrequire('next-line');", '`${`${`${']) {
      assert.doesNotThrow(() => importsOfJavaScript('a.jsx', text));
    }
    assert.deepEqual(modules('a.js', "const s = 'abc\nrequire('next-line');"), ['next-line']);
  });

  it('survives random token soup', () => {
    const alphabet = ['require', 'import', 'export', 'from', 'type', '(', ')', '{', '}', '${', '`', "'", '"', '/', '/*', '*/', '//', '<', '>', '</', '/>', '\\', '\n', ' ', 'x', '=', ',', ';', '.', '#', '1'];
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let round = 0; round < 2000; round += 1) {
      const length = next() % 60;
      const text = Array.from({ length }, () => alphabet[next() % alphabet.length]).join('');
      for (const path of ['a.js', 'a.tsx', 'a.ts']) {
        const found = importsOfJavaScript(path, text);
        for (const entry of found) assert.ok(entry.line >= 1 && entry.column >= 1, text);
      }
    }
  });

  it('stops at hostile nesting depth', () => {
    const text = '`${'.repeat(200_000) + "require('deep')";
    const started = performance.now();
    assert.deepEqual(modules('a.js', text), []);
    assert.ok(performance.now() - started < 2000);
  });

  it('handles a huge minified line', () => {
    const chunk = "var a=b/c,d=/x\\/y/g,e='s',f=`t${g}`;require('m');";
    const text = chunk.repeat(200_000);
    const started = performance.now();
    const found = importsOfJavaScript('bundle.min.js', text);
    const elapsed = performance.now() - started;
    assert.equal(found.length, 200_000);
    assert.equal(found[199_999]?.column, chunk.length * 199_999 + chunk.indexOf("'m'") + 2);
    assert.ok(elapsed < 5000, `took ${elapsed} ms`);
  });

  it('scans 100k lines quickly', () => {
    const lines = [
      "import { thing } from 'some-package';",
      'const value = compute(a / b, /re[/]gex/g, `tpl ${x} text`);',
      "// a comment with require('nothing')",
      "export const item = { key: 'value', other: require('dep') };",
    ];
    const text = Array.from({ length: 25_000 }, () => lines.join('\n')).join('\n');
    const started = performance.now();
    const found = importsOfJavaScript('big.js', text);
    const elapsed = performance.now() - started;
    assert.equal(found.length, 50_000);
    assert.ok(elapsed < 1000, `100k lines took ${elapsed} ms`);
  });
});

describe('isJavaScriptPath', () => {
  it('accepts source extensions only', () => {
    assert.deepEqual(
      ['a.js', 'a.MJS', 'b.cjs', 'c.jsx', 'd.ts', 'e.tsx', 'f.mts', 'g.cts', 'h.json', 'i.py', 'j.d.ts'].map(isJavaScriptPath),
      [true, true, true, true, true, true, true, true, false, false, true],
    );
  });
});
