import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { declaredPackages } from '../../../../src/scanners/supply-chain/imports/declared.js';
import { buildLocalModules, findUndeclaredImports } from '../../../../src/scanners/supply-chain/imports/undeclared.js';

const tree: Record<string, string> = {
  'package.json': JSON.stringify({
    name: '@acme/app',
    imports: { '#config': './src/config.js' },
    dependencies: { react: '^18' },
    devDependencies: { '@types/express': '^4', typescript: '^5' },
  }),
  'packages/ui/package.json': JSON.stringify({ name: '@acme/ui' }),
  'tsconfig.json': [
    '{',
    '  // comments and trailing commas are allowed here',
    '  "compilerOptions": {',
    '    "baseUrl": "src",',
    '    "paths": { "@/*": ["src/*"], "$lib": ["src/lib/index.ts"], },',
    '  },',
    '}',
  ].join('\n'),
  'src/components/Header.tsx': 'export const Header = 1;',
  'src/components/Button.tsx': [
    "import React from 'react';",
    "import { Card } from '@acme/ui';",
    "import { cn } from '@/lib/cn';",
    "import lib from '$lib';",
    "import config from '#config';",
    "import { Header } from 'components/Header';",
    "import fp from 'lodash/fp';",
    "import { readFile } from 'node:fs';",
    "import path from 'path';",
    "import type { Request } from 'express';",
    "import session from 'express-session';",
    "import type { Options } from 'type-only-undeclared';",
    "const local = require('./local');",
  ].join('\n'),
  'src/index.ts': "import _ from 'lodash';\nimport ts from 'typescript';",
  'pyproject.toml': [
    '[project]',
    'name = "my-service"',
    'dependencies = ["PyYAML", "requests"]',
    '[dependency-groups]',
    'test = ["pytest"]',
  ].join('\n'),
  'setup.cfg': '[options]\npackages =\n    legacy_mod\n',
  'src/mypkg/__init__.py': '',
  'src/mypkg/util.py': '',
  'src/mypkg/core.py': [
    'import os, sys',
    'import yaml',
    'import cv2',
    'from sklearn.svm import SVC',
    'from mypkg import util',
    'import mypkg.util as u',
    'import requests',
    'import my_service',
    'import legacy_mod',
    'from . import sibling',
    'try:',
    '    import numpy as np',
    'except ImportError:',
    '    np = None',
    'from google.cloud import storage, bigquery',
    'import PIL.Image',
  ].join('\n'),
  'scripts/helper.py': '',
  'scripts/tool.py': 'import helper\nimport click',
  'tests/conftest_helpers.py': '',
  'tests/unit/test_core.py': 'import pytest\nimport conftest_helpers\nimport Pillow_not_real',
  'README.md': 'import nothing from here',
};

const files = Object.keys(tree);
const readFile = (path: string): string | undefined => tree[path];
const sources = files.map((path) => ({ path, text: tree[path] as string }));

function undeclared(options: { includeOptional?: boolean } = {}): Array<[string, string, string, string, number, number]> {
  const warnings: string[] = [];
  const declared = declaredPackages(files, readFile, warnings);
  const local = buildLocalModules(files, readFile, warnings);
  assert.deepEqual(warnings, []);
  return findUndeclaredImports(sources, declared, local, options).map((entry) => [
    entry.ecosystem,
    entry.packageName,
    entry.module,
    entry.path,
    entry.line,
    entry.column,
  ]);
}

describe('findUndeclaredImports', () => {
  it('lists only undeclared external packages', () => {
    assert.deepEqual(undeclared(), [
      ['PyPI', 'click', 'click', 'scripts/tool.py', 2, 8],
      ['npm', 'lodash', 'lodash/fp', 'src/components/Button.tsx', 7, 17],
      ['npm', 'express-session', 'express-session', 'src/components/Button.tsx', 11, 22],
      ['npm', 'type-only-undeclared', 'type-only-undeclared', 'src/components/Button.tsx', 12, 31],
      ['PyPI', 'opencv-python', 'cv2', 'src/mypkg/core.py', 3, 8],
      ['PyPI', 'scikit-learn', 'sklearn.svm', 'src/mypkg/core.py', 4, 6],
      ['PyPI', 'google-cloud-storage', 'google.cloud.storage', 'src/mypkg/core.py', 15, 6],
      ['PyPI', 'google-cloud-bigquery', 'google.cloud.bigquery', 'src/mypkg/core.py', 15, 6],
      ['PyPI', 'Pillow', 'PIL.Image', 'src/mypkg/core.py', 16, 8],
      ['PyPI', 'Pillow_not_real', 'Pillow_not_real', 'tests/unit/test_core.py', 3, 8],
    ]);
  });

  it('includes optional imports on request', () => {
    const numpy = undeclared({ includeOptional: true }).filter((entry) => entry[1] === 'numpy');
    assert.deepEqual(numpy, [['PyPI', 'numpy', 'numpy', 'src/mypkg/core.py', 12, 12]]);
  });

  it('accepts alternative distributions', () => {
    const declared = new Map([
      ['npm', new Set<string>()],
      ['PyPI', new Set(['opencv-python-headless', 'cv2-wrapper'])],
    ] as const);
    const local = buildLocalModules([], () => undefined);
    const result = findUndeclaredImports([{ path: 'a.py', text: 'import cv2\nimport cv2_wrapper' }], declared, local);
    assert.deepEqual(result, []);
  });

  it('keeps the first occurrence per package', () => {
    const declared = new Map([
      ['npm', new Set<string>()],
      ['PyPI', new Set<string>()],
    ] as const);
    const local = buildLocalModules([], () => undefined);
    const result = findUndeclaredImports(
      [
        { path: 'b.js', text: "require('dup')" },
        { path: 'a.js', text: "\n\nimport x from 'dup/sub';\nrequire('dup');" },
        { path: 'c.py', text: 'import yaml\nimport _yaml' },
      ],
      declared,
      local,
    );
    assert.deepEqual(
      result.map((entry) => [entry.packageName, entry.path, entry.line]),
      [
        ['dup', 'a.js', 3],
        ['PyYAML', 'c.py', 1],
      ],
    );
  });

  it('reads manifest package lists', () => {
    const layout: Record<string, string> = {
      'pyproject.toml': [
        '[tool.setuptools]',
        'py-modules = ["single_module"]',
        '[tool.setuptools.packages.find]',
        'where = ["lib"]',
        '[tool.poetry]',
        'name = "poetry.named"',
        'packages = [{ include = "poetry_pkg", from = "source" }, { include = "extra_mod.py" }]',
      ].join('\n'),
      'lib/found_pkg/__init__.py': '',
      'source/poetry_pkg/__init__.py': '',
      'service/setup.py': '',
      'service/src/service_pkg/api.py': '',
    };
    const paths = Object.keys(layout);
    const local = buildLocalModules(paths, (path) => layout[path]);
    const expected = ['extra_mod', 'found_pkg', 'lib', 'poetry_named', 'poetry_pkg', 'service', 'service_pkg', 'setup', 'single_module', 'source', 'src'];
    assert.deepEqual([...local.python.roots].sort(), expected);
  });

  it('warns about a broken tsconfig', () => {
    const warnings: string[] = [];
    const local = buildLocalModules(['tsconfig.json'], () => '{ "compilerOptions": { "paths": ', warnings);
    assert.equal(local.javascript.aliases.length, 0);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /^tsconfig\.json: invalid JSON with comments at offset \d+ \(\w+\); its local names are not known/);
  });
});
