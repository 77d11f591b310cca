import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importsOfPython, isPythonPath } from '../../../../src/scanners/supply-chain/imports/python-imports.js';

function modules(text: string): string[] {
  return importsOfPython('a.py', text).map((found) => found.module);
}

function optionalFlags(text: string): Array<[string, boolean]> {
  return importsOfPython('a.py', text).map((found) => [found.module, found.optional]);
}

describe('importsOfPython', () => {
  it('reads import statements', () => {
    const found = importsOfPython('a.py', 'import os, numpy as np\nfrom sklearn.svm import SVC\nimport a.b.c as d');
    assert.deepEqual(found, [
      { module: 'os', line: 1, column: 8, optional: false, names: [] },
      { module: 'numpy', line: 1, column: 12, optional: false, names: [] },
      { module: 'sklearn.svm', line: 2, column: 6, optional: false, names: ['SVC'] },
      { module: 'a.b.c', line: 3, column: 8, optional: false, names: [] },
    ]);
  });

  it('skips relative imports', () => {
    assert.deepEqual(modules('from . import x\nfrom .sibling import y\nfrom ..parent.mod import z\nfrom ... import w'), []);
  });

  it('reads parenthesised and continued forms', () => {
    const text = 'from pkg.sub import (\n    first,\n    second as alias,  # comment\n)\nimport alpha, \\\n    beta\nfrom gamma \\\n    import delta';
    const found = importsOfPython('a.py', text);
    assert.deepEqual(
      found.map((entry) => [entry.module, entry.line, entry.names]),
      [
        ['pkg.sub', 1, ['first', 'second']],
        ['alpha', 5, []],
        ['beta', 6, []],
        ['gamma', 7, ['delta']],
      ],
    );
  });

  it('skips strings, docstrings and comments', () => {
    const text = [
      '"""Module docs.',
      'import evil',
      '"""',
      "x = 'import not_this'",
      "y = r'''from raw import no'''",
      'z = b"import bytes_no"',
      "w = f'{value} import fstring_no'",
      '# import commented',
      'def f():',
      "    '''import in_function_doc'''",
      '    import real',
    ].join('\n');
    assert.deepEqual(modules(text), ['real']);
  });

  it('reads semicolons and one-line blocks', () => {
    assert.deepEqual(modules('x = 1; import first; from second import s\nif x: import third\nfor i in y: import fourth'), [
      'first',
      'second',
      'third',
      'fourth',
    ]);
  });

  it('reads dynamic imports with literals', () => {
    const text = [
      "a = __import__('dyn')",
      'b = importlib.import_module("dyn2.sub")',
      "c = import_module('bare_call')",
      'd = importlib.import_module(name)',
      "e = importlib.import_module('.relative', 'pkg')",
      "f = __import__(f'{x}')",
      "g = other.import_module('not_importlib')",
    ].join('\n');
    assert.deepEqual(modules(text), ['dyn', 'dyn2.sub', 'bare_call']);
  });

  it('marks try ImportError as optional', () => {
    const text = 'try:\n    import ujson as json\nexcept ImportError:\n    import json\nimport after';
    assert.deepEqual(optionalFlags(text), [
      ['ujson', true],
      ['json', false],
      ['after', false],
    ]);
  });

  it('reads handler variants', () => {
    const text = [
      'try: import one',
      'except (ValueError, ModuleNotFoundError) as error: pass',
      'try:',
      '    import two',
      'except:',
      '    pass',
      'try:',
      '    import three',
      'except ValueError:',
      '    pass',
      'finally:',
      '    pass',
      'try:',
      '    import four',
      'except KeyError:',
      '    pass',
      'except builtins.ImportError:',
      '    pass',
      'try:',
      '    import five',
      'finally:',
      '    pass',
    ].join('\n');
    assert.deepEqual(optionalFlags(text), [
      ['one', true],
      ['two', true],
      ['three', false],
      ['four', true],
      ['five', false],
    ]);
  });

  it('tracks nested blocks', () => {
    const text = [
      'try:',
      '    if sys.platform == "win32":',
      '        import winreg_helper',
      '    else:',
      '        import posix_helper',
      'except ImportError:',
      '    pass',
      'def load():',
      '    import lazy_one',
      'try:',
      '    def inner():',
      '        import in_def',
      '    import in_try',
      'except ImportError:',
      '    pass',
    ].join('\n');
    assert.deepEqual(optionalFlags(text), [
      ['winreg_helper', true],
      ['posix_helper', true],
      ['lazy_one', false],
      ['in_def', false],
      ['in_try', true],
    ]);
  });

  it('marks TYPE_CHECKING imports optional', () => {
    const text = [
      'from typing import TYPE_CHECKING',
      'if TYPE_CHECKING:',
      '    from pandas import DataFrame',
      'if typing.TYPE_CHECKING:',
      '    import numpy',
      'else:',
      '    import runtime_only',
      'if not TYPE_CHECKING:',
      '    import also_runtime',
    ].join('\n');
    assert.deepEqual(optionalFlags(text), [
      ['typing', false],
      ['pandas', true],
      ['numpy', true],
      ['runtime_only', false],
      ['also_runtime', false],
    ]);
  });

  it('counts tab indentation', () => {
    const text = 'try:\n\timport tabbed\n        import spaced\nexcept ImportError:\n\tpass\nimport outside';
    assert.deepEqual(optionalFlags(text), [
      ['tabbed', true],
      ['spaced', true],
      ['outside', false],
    ]);
  });

  it('recovers from an unclosed bracket', () => {
    assert.deepEqual(modules('x = foo(\n\nimport after_typo\n'), ['after_typo']);
  });

  it('survives malformed input', () => {
    for (const text of ["'''never closed\nimport no", 'from', 'import', 'from x import', "__import__('", '\\', 'try:\nexcept:', ')))']) {
      assert.doesNotThrow(() => importsOfPython('a.py', text));
    }
    assert.deepEqual(modules("'''never closed\nimport no"), []);
    assert.deepEqual(modules("s = 'unterminated\nimport next_line"), ['next_line']);
  });

  it('survives random token soup', () => {
    const alphabet = ['import', 'from', 'try', 'except', 'if', 'TYPE_CHECKING', ':', '(', ')', '.', ',', ';', "'", '"', '"""', "r'", '#', '\\', '\n', '    ', '\t', 'x', 'as', '__import__', 'importlib', 'import_module'];
    let seed = 54321;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let round = 0; round < 2000; round += 1) {
      const length = next() % 60;
      const text = Array.from({ length }, () => alphabet[next() % alphabet.length]).join(' ');
      const found = importsOfPython('a.py', text);
      for (const entry of found) assert.ok(entry.line >= 1 && entry.column >= 1, text);
    }
  });

  it('handles CRLF line endings', () => {
    assert.deepEqual(optionalFlags('try:\r\n    import crlf\r\nexcept ImportError:\r\n    pass\r\nimport after\r\n'), [
      ['crlf', true],
      ['after', false],
    ]);
  });

  it('scans 100k lines quickly', () => {
    const block = [
      'import os, sys',
      'from package.module import (name_one,',
      '    name_two)',
      'def function(argument):',
      '    """Docstring with import words."""',
      "    return {'key': argument[1:2], 'other': f'{argument}'}  # comment",
      'try:',
      '    import optional_dep',
      'except ImportError:',
      '    optional_dep = None',
    ];
    const text = Array.from({ length: 10_000 }, () => block.join('\n')).join('\n');
    const started = performance.now();
    const found = importsOfPython('big.py', text);
    const elapsed = performance.now() - started;
    assert.equal(found.length, 40_000);
    assert.equal(found.filter((entry) => entry.optional).length, 10_000);
    assert.ok(elapsed < 1000, `100k lines took ${elapsed} ms`);
  });

  it('handles a huge single line', () => {
    const text = 'x = [' + "'a', 1, (b), ".repeat(500_000) + ']; import tail_module';
    const started = performance.now();
    assert.deepEqual(modules(text), ['tail_module']);
    assert.ok(performance.now() - started < 5000);
  });
});

describe('isPythonPath', () => {
  it('accepts py and pyi', () => {
    assert.deepEqual(['a.py', 'b.pyi', 'c.PY', 'd.pyc', 'e.js'].map(isPythonPath), [true, true, true, false, false]);
  });
});
