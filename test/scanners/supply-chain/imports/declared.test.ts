import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { declaredPackages, isRequirementsPath } from '../../../../src/scanners/supply-chain/imports/declared.js';

function declare(tree: Record<string, string>): { npm: string[]; pypi: string[]; warnings: string[] } {
  const warnings: string[] = [];
  const declared = declaredPackages(Object.keys(tree), (path) => tree[path], warnings);
  return {
    npm: [...(declared.get('npm') ?? [])].sort(),
    pypi: [...(declared.get('PyPI') ?? [])].sort(),
    warnings,
  };
}

describe('declaredPackages', () => {
  it('reads package.json fields', () => {
    const manifest = {
      name: 'app',
      dependencies: { Express: '^4' },
      devDependencies: { '@types/node': '20' },
      peerDependencies: { react: '*' },
      optionalDependencies: { fsevents: '2' },
      bundleDependencies: ['bundled-one'],
      bundledDependencies: ['bundled-two', 3],
    };
    const result = declare({ 'package.json': `\uFEFF${JSON.stringify(manifest)}` });
    assert.deepEqual(result.npm, ['@types/node', 'bundled-one', 'bundled-two', 'express', 'fsevents', 'react']);
    assert.deepEqual(result.warnings, []);
  });

  it('reads requirements files', () => {
    const text = [
      '# comment',
      '-r base.txt',
      '-c constraints.txt',
      '--index-url https://example.invalid/simple',
      '-e .',
      '-e git+https://example.invalid/repo.git#egg=editable_pkg',
      'Django>=4.2,<5 ; python_version >= "3.10"',
      'requests[socks]==2.31.0 \\',
      '    --hash=sha256:aaaa',
      'PyYAML',
      'my-lib @ https://example.invalid/my_lib-1.0.whl',
      'https://example.invalid/archive.zip#egg=from-url',
      './local/path',
      'numpy  # trailing comment',
    ].join('\n');
    const result = declare({ 'requirements-dev.txt': text, 'requirements/prod.in': 'Flask', 'constraints.txt': 'urllib3<2' });
    assert.deepEqual(result.pypi, ['django', 'editable-pkg', 'flask', 'from-url', 'my-lib', 'numpy', 'pyyaml', 'requests', 'urllib3']);
  });

  it('reads pyproject tables', () => {
    const text = [
      '[build-system]',
      'requires = ["setuptools>=61", "wheel"]',
      '[project]',
      'name = "demo"',
      'dependencies = ["httpx>=0.27", "Pydantic[email]"]',
      '[project.optional-dependencies]',
      'cli = ["rich"]',
      '[dependency-groups]',
      'test = ["pytest", {include-group = "lint"}]',
      'lint = ["ruff"]',
      '[tool.poetry.dependencies]',
      'python = "^3.11"',
      'poetry_main = "*"',
      '[tool.poetry.dev-dependencies]',
      'old-dev = "*"',
      '[tool.poetry.group.docs.dependencies]',
      'mkdocs = "*"',
      '[tool.pdm.dev-dependencies]',
      'pdm = ["pdm-dev-tool"]',
      '[tool.uv]',
      'dev-dependencies = ["uv-dev-tool"]',
    ].join('\n');
    assert.deepEqual(declare({ 'pyproject.toml': text }).pypi, [
      'httpx', 'mkdocs', 'old-dev', 'pdm-dev-tool', 'poetry-main', 'pydantic', 'pytest', 'rich', 'ruff', 'setuptools', 'uv-dev-tool', 'wheel',
    ]);
  });

  it('reads setup.cfg lists', () => {
    const text = [
      '[metadata]',
      'name = demo',
      '[options]',
      'install_requires =',
      '    click>=8',
      '    importlib-metadata; python_version<"3.8"',
      'setup_requires = setuptools_scm; wheel',
      'tests_require = file: requirements-test.txt',
      '[options.extras_require]',
      'yaml = ruamel.yaml',
      'all =',
      '    orjson',
    ].join('\n');
    assert.deepEqual(declare({ 'setup.cfg': text }).pypi, ['click', 'importlib-metadata', 'orjson', 'ruamel-yaml', 'setuptools-scm', 'wheel']);
  });

  it('reads Pipfile categories', () => {
    const text = '[[source]]\nurl = "https://pypi.org/simple"\n[packages]\nrequests = "*"\n[dev-packages]\nblack = "*"\n[docs]\nsphinx = "*"\n[requires]\npython_version = "3.12"';
    assert.deepEqual(declare({ Pipfile: text }).pypi, ['black', 'requests', 'sphinx']);
  });

  it('reads setup.py literals', () => {
    const text = [
      'from setuptools import setup',
      'REQUIRES = ["tqdm>=4", "colorama"]',
      'setup(',
      '    name="demo",',
      '    install_requires=REQUIRES,',
      "    setup_requires=['cython'],",
      "    extras_require={'dev': ['pytest-cov', 'mypy'], 'docs': ['sphinx']},",
      '    tests_require=[f"{name}-x"],',
      ')',
    ].join('\n');
    assert.deepEqual(declare({ 'setup.py': text }).pypi, ['colorama', 'cython', 'mypy', 'pytest-cov', 'sphinx', 'tqdm']);
  });

  it('warns on malformed manifests', () => {
    const result = declare({
      'package.json': '{ "dependencies": ',
      'web/package.json': '[1, 2]',
      'pyproject.toml': '[project\ndependencies = [',
      'Pipfile': 'packages = = =',
      'setup.cfg': 'no section or key here',
      'requirements.txt': 'good-one\n!!! not a requirement',
      'big/setup.py': `install_requires = ['${'x'.repeat(1_000_000)}']`,
    });
    assert.deepEqual(result.pypi, ['good-one']);
    assert.equal(result.warnings.length, 6);
    assert.match(result.warnings[0] ?? '', /^package\.json: invalid JSON \(.+\); skipped, so imports of the packages it declares/);
    assert.match(result.warnings[1] ?? '', /^web\/package\.json: not a JSON object;/);
    assert.match(result.warnings[2] ?? '', /^pyproject\.toml: invalid TOML at line 1/);
    assert.match(result.warnings[3] ?? '', /^Pipfile: invalid TOML/);
    assert.match(result.warnings[4] ?? '', /^setup\.cfg: line "no section or key here" is neither/);
    assert.match(result.warnings[5] ?? '', /^big\/setup\.py: larger than 1000000 characters/);
  });

  it('skips unreadable and unrelated files', () => {
    const result = declaredPackages(['package.json', 'src/index.js', 'README.md'], () => undefined);
    assert.deepEqual([...result.keys()], ['npm', 'PyPI']);
    assert.equal(result.get('npm')?.size, 0);
  });
});

describe('isRequirementsPath', () => {
  it('matches requirement file names', () => {
    const paths = ['requirements.txt', 'dev-requirements.txt', 'requirements/base.txt', 'reqs/requirements-test.in', 'constraints.txt', 'notes.txt', 'requirements.md'];
    assert.deepEqual(paths.map(isRequirementsPath), [true, true, true, true, true, false, false]);
  });
});
