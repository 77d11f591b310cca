import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalPath, collectAliases } from '../../../src/scanners/sast/aliases.js';
import type { SastLanguage } from '../../../src/scanners/sast/languages.js';
import { parseSource } from '../../../src/scanners/sast/pattern/parse-code.js';
import type { SyntaxNode } from '../../../src/scanners/sast/pattern/syntax-tree.js';

async function aliases(language: SastLanguage, code: string): Promise<Array<[string, string]>> {
  const parsed = await parseSource(language, code);
  assert.ok(parsed);
  return [...collectAliases(language, parsed.root, code)].sort((a, b) => a[0].localeCompare(b[0]));
}

describe('sast import aliases', () => {
  it('reads require, default, namespace and named imports', async () => {
    const code = [
      'import cp2, { exec as run } from "node:child_process";',
      'import * as fsp from "fs/promises";',
      'const { execSync, spawn: sp } = require("child_process");',
      'const cp = require("child_process");',
      'const readFile = require("fs").readFile;',
    ].join('\n');
    assert.deepEqual(await aliases('javascript', code), [
      ['cp', 'child_process'],
      ['cp2', 'child_process'],
      ['execSync', 'child_process.execSync'],
      ['fsp', 'fs.promises'],
      ['readFile', 'fs.readFile'],
      ['run', 'child_process.exec'],
      ['sp', 'child_process.spawn'],
    ]);
  });

  it('reads modules whose names are not identifiers', async () => {
    const code = [
      "const s = require('node-serialize');",
      "import { render as draw } from '@acme/tpl-engine';",
      "import yaml from 'js-yaml';",
    ].join('\n');
    assert.deepEqual(await aliases('javascript', code), [
      ['draw', '@acme.tpl-engine.render'],
      ['s', 'node-serialize'],
      ['yaml', 'js-yaml'],
    ]);
  });

  it('resolves a member of require() to the module path', async () => {
    const code = "require('node-serialize').unserialize;\nrequire('node:fs').promises.readFile;\nrequire(name).x;\nrequire('fs');\n";
    const parsed = await parseSource('javascript', code);
    assert.ok(parsed);
    const paths = parsed.root.children.map((statement) => canonicalPath(statement.children[0] as SyntaxNode, code, new Map()));
    assert.deepEqual(paths, ['node-serialize.unserialize', 'fs.promises.readFile', undefined, undefined]);
  });

  it('reads Python imports and from-imports', async () => {
    const code = 'import subprocess as sp, os\nimport os.path\nfrom subprocess import run as r, call\n';
    assert.deepEqual(await aliases('python', code), [
      ['call', 'subprocess.call'],
      ['os', 'os'],
      ['r', 'subprocess.run'],
      ['sp', 'subprocess'],
    ]);
  });
});
