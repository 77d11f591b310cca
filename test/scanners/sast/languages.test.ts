import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWithLimit } from '../../../src/core/tree-sitter.js';
import { isMinified, languageOf, parserFor, type SastLanguage } from '../../../src/scanners/sast/languages.js';

describe('sast languages', () => {
  it('picks the language by file name', () => {
    assert.equal(languageOf('src/app.js'), 'javascript');
    assert.equal(languageOf('src/App.JSX'), 'javascript');
    assert.equal(languageOf('lib/index.mjs'), 'javascript');
    assert.equal(languageOf('src/server.ts'), 'typescript');
    assert.equal(languageOf('src/page.tsx'), 'tsx');
    assert.equal(languageOf('worker/app.py'), 'python');
    assert.equal(languageOf('types/index.d.ts'), undefined);
    assert.equal(languageOf('README.md'), undefined);
  });

  const samples: Array<[SastLanguage, string, string]> = [
    ['javascript', 'const cp = require("child_process");\ncp.exec(req.query.cmd);\n', 'call_expression'],
    ['typescript', 'import { exec as run } from "node:child_process";\nconst x: string = req.body.a;\nrun(x);\n', 'import_specifier'],
    ['tsx', 'const A = () => <div dangerouslySetInnerHTML={{ __html: props.x }} />;\n', 'jsx_self_closing_element'],
    ['python', 'from subprocess import run as r\nr(request.args["c"], shell=True)\n', 'aliased_import'],
  ];
  for (const [language, code, nodeType] of samples) {
    it(`parses ${language} without errors`, async () => {
      const parser = await parserFor(language);
      assert.equal(await parserFor(language), parser, 'one parser per language and thread');
      const tree = parseWithLimit(parser, code, 1_000);
      assert.ok(tree);
      try {
        assert.equal(tree.rootNode.hasError, false);
        assert.ok(tree.rootNode.descendantsOfType(nodeType).length > 0, `no ${nodeType} in ${tree.rootNode.toString()}`);
      } finally {
        tree.delete();
      }
    });
  }
});

describe('sast minified files', () => {
  it('skips minified names and long-line bundles', () => {
    assert.equal(isMinified('static/jquery-3.2.1.min.js', 'var a;\n'), true);
    assert.equal(isMinified('lib/app-min.js', 'var a;\n'), true);
    assert.equal(isMinified('dist/bundle.js', `${'var a=1;'.repeat(1000)}\n`), true);
    assert.equal(isMinified('src/app.js', 'const a = 1;\n'.repeat(1000)), false);
    assert.equal(isMinified('src/app.ts', 'const a = 1;'.repeat(1000)), false);
  });
});
