import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cargoLockParser } from '../../../../src/scanners/deps/parsers/cargo-lock.js';
import { LockfileError, type ParseContext } from '../../../../src/scanners/deps/types.js';

const FIXTURES = fileURLToPath(new URL('../../../../../test/fixtures/deps/cargo/', import.meta.url));
const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';

function fixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

function contextOf(path: string, files: Record<string, string> = {}): ParseContext {
  return { path, readFile: (relative) => files[relative] };
}

function parse(text: string, files: Record<string, string> = {}, path = 'Cargo.lock') {
  return cargoLockParser.parse(text, contextOf(path, files));
}

describe('cargoLockParser', () => {
  it('matches Cargo.lock by name', () => {
    assert.equal(cargoLockParser.matches('Cargo.lock'), true);
    assert.equal(cargoLockParser.matches('rust/app/Cargo.lock'), true);
    assert.equal(cargoLockParser.matches('cargo.lock'), false);
    assert.equal(cargoLockParser.matches('Cargo.toml'), false);
  });

  it('parses realistic v4 workspace', () => {
    const result = parse(fixture('Cargo.lock'), {
      'rust/Cargo.toml': fixture('Cargo.toml'),
      'rust/crates/webapp-core/Cargo.toml': fixture('crates/webapp-core/Cargo.toml'),
    }, 'rust/Cargo.lock');
    assert.equal(result.ecosystem, 'crates.io');
    assert.equal(result.projectName, 'webapp');
    assert.equal(result.projectVersion, '0.1.0');
    assert.equal(result.manifest, 'rust/Cargo.toml');
    assert.deepEqual(result.warnings, []);

    assert.equal(result.packages.length, 18);
    assert.equal(result.packages.some((entry) => entry.name.startsWith('webapp')), false);
    assert.deepEqual(result.direct, [
      { key: 'rustc_version@0.4.1', scope: 'development' },
      { key: 'serde@1.0.228', scope: 'production' },
      { key: 'tokio@1.50.0', scope: 'development' },
      { key: 'time@0.1.45', scope: 'production' },
    ]);
    const serde = result.packages.find((entry) => entry.name === 'serde');
    assert.deepEqual(serde, {
      key: 'serde@1.0.228',
      name: 'serde',
      version: '1.0.228',
      ecosystem: 'crates.io',
      dependencies: ['serde_core@1.0.228', 'serde_derive@1.0.228'],
      line: 50,
      hashes: [{ algorithm: 'SHA-256', value: '9a8e94ea7f378bd32cbbd37198a4a91436180c5bb472411e48b5ec2e2124ae9e' }],
    });

    const devOnly = result.packages.filter((entry) => entry.dev === true).map((entry) => entry.name);
    assert.deepEqual(devOnly, ['pin-project-lite', 'rustc_version', 'semver', 'tokio', 'tokio-macros']);
    const tokioMacros = result.packages.find((entry) => entry.name === 'tokio-macros');
    assert.deepEqual(tokioMacros?.dependencies, ['proc-macro2@1.0.107', 'quote@1.0.47', 'syn@2.0.117']);
    assert.equal(tokioMacros?.line, 112);
    const wasi = result.packages.find((entry) => entry.name === 'wasi');
    assert.equal(wasi?.key, 'wasi@0.10.0+wasi-snapshot-preview1');
  });

  it('reads version 1 metadata checksums', () => {
    const text = [
      '[[package]]',
      'name = "app"',
      'version = "0.1.0"',
      'dependencies = [',
      ` "log 0.4.8 (${CRATES_IO})",`,
      ']',
      '',
      '[[package]]',
      'name = "log"',
      'version = "0.4.8"',
      `source = "${CRATES_IO}"`,
      '',
      '[metadata]',
      `"checksum log 0.4.8 (${CRATES_IO})" = "14b6052be84e6b71ab17edffc2eeabf5c8d3e2b8a2a7b0bf6d1e1f3e4c8a8e4d"`,
    ].join('\n');
    const result = parse(text, { 'Cargo.toml': '[package]\nname = "app"\nversion = "0.1.0"\n[dependencies]\nlog = "0.4"\n' });
    assert.deepEqual(result.packages, [
      {
        key: 'log@0.4.8',
        name: 'log',
        version: '0.4.8',
        ecosystem: 'crates.io',
        dependencies: [],
        line: 8,
        hashes: [{ algorithm: 'SHA-256', value: '14b6052be84e6b71ab17edffc2eeabf5c8d3e2b8a2a7b0bf6d1e1f3e4c8a8e4d' }],
      },
    ]);
    assert.deepEqual(result.direct, [{ key: 'log@0.4.8', scope: 'production' }]);
  });

  it('reads legacy root table', () => {
    const text = `[root]\nname = "old"\nversion = "0.1.0"\ndependencies = ["libc 0.2.20 (${CRATES_IO})"]\n\n[[package]]\nname = "libc"\nversion = "0.2.20"\nsource = "${CRATES_IO}"\n`;
    const result = parse(text, { 'Cargo.toml': '[package]\nname = "old"\nversion = "0.1.0"\n' });
    assert.deepEqual(result.packages.map((entry) => [entry.key, entry.line]), [['libc@0.2.20', 6]]);
    assert.deepEqual(result.direct, [{ key: 'libc@0.2.20', scope: 'production' }]);
  });

  it('resolves versioned and git references', () => {
    const gitSource = 'git+https://github.com/serde-rs/json?branch=master#1e9f2e4d1f7c3bd5f1e2a3b4c5d6e7f8a9b0c1d2';
    const text = [
      'version = 3',
      '[[package]]\nname = "app"\nversion = "1.2.0"\ndependencies = [\n "helper",\n "serde_json 1.0.108 (' + CRATES_IO + ')",\n "serde_json 1.0.108 (' + gitSource + ')",\n "syn 1.0.109",\n]',
      '[[package]]\nname = "helper"\nversion = "0.3.0"\ndependencies = ["syn 2.0.117"]',
      `[[package]]\nname = "serde_json"\nversion = "1.0.108"\nsource = "${CRATES_IO}"\nchecksum = "3d1c7e3eac408d115102c4c24ad393e0821bb3a5df4d506a80f85f7a742a526b"`,
      `[[package]]\nname = "serde_json"\nversion = "1.0.108"\nsource = "${gitSource}"`,
      `[[package]]\nname = "syn"\nversion = "1.0.109"\nsource = "sparse+https://index.crates.io/"`,
      `[[package]]\nname = "syn"\nversion = "2.0.117"\nsource = "registry+https://my-registry.example.com/index"`,
    ].join('\n\n');
    const manifest = '[package]\nname = "app"\nversion = "1.2.0"\n[dependencies]\nhelper = { path = "../helper" }\njson = { package = "serde_json", version = "1" }\n[dev-dependencies]\nsyn = "1"\n[target.\'cfg(unix)\'.dependencies]\nserde_json = { git = "https://github.com/serde-rs/json" }\n';
    const result = parse(text, { 'app/Cargo.toml': manifest }, 'app/Cargo.lock');
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(
      result.packages.map((entry) => [entry.key, entry.source, entry.dependencies]),
      [
        ['helper@0.3.0', 'helper', ['syn@2.0.117']],
        [`serde_json@1.0.108 (${CRATES_IO})`, undefined, []],
        [`serde_json@1.0.108 (${gitSource})`, gitSource, []],
        ['syn@1.0.109', undefined, []],
        ['syn@2.0.117', 'registry+https://my-registry.example.com/index', []],
      ],
    );
    assert.deepEqual(result.direct, [
      { key: 'helper@0.3.0', scope: 'production' },
      { key: `serde_json@1.0.108 (${CRATES_IO})`, scope: 'production' },
      { key: `serde_json@1.0.108 (${gitSource})`, scope: 'production' },
      { key: 'syn@1.0.109', scope: 'development' },
    ]);
    assert.equal(result.packages.find((entry) => entry.key === 'syn@1.0.109')?.dev, true);
    assert.equal(result.packages.find((entry) => entry.key === 'syn@2.0.117')?.dev, undefined);
  });

  it('reads workspace dependency renames', () => {
    const text = `[[package]]\nname = "cli"\nversion = "0.1.0"\ndependencies = ["tokio"]\n\n[[package]]\nname = "tokio"\nversion = "1.37.0"\nsource = "${CRATES_IO}"\n`;
    const files = {
      'Cargo.toml': '[workspace]\nmembers = ["cli", "tools/*"]\n[workspace.dependencies]\nrt = { package = "tokio", version = "1" }\n',
      'cli/Cargo.toml': '[package]\nname = "cli"\nversion = "0.1.0"\n[dev-dependencies]\nrt = { workspace = true }\n',
    };
    const result = parse(text, files);
    assert.equal(result.projectName, undefined);
    assert.deepEqual(result.direct, [{ key: 'tokio@1.37.0', scope: 'development' }]);
    assert.deepEqual(result.warnings, [
      'workspace member pattern "tools/*" cannot be expanded; the dev and build dependencies of those crates count as production',
    ]);
  });

  it('warns without Cargo.toml', () => {
    const text = `[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["anyhow"]\n\n[[package]]\nname = "anyhow"\nversion = "1.0.75"\nsource = "${CRATES_IO}"\nchecksum = "a4668cab20f66d8d020e1fbc0ebe47217433c1b6c8f2040faf858554e394ace6"\n`;
    const result = parse(text);
    assert.deepEqual(result.direct, [{ key: 'anyhow@1.0.75', scope: 'production' }]);
    assert.equal(result.manifest, undefined);
    assert.deepEqual(result.warnings, [
      'Cargo.toml not found; every package without a source counts as a workspace crate and its dependencies as production',
    ]);
  });

  it('warns on bad member manifests', () => {
    const text = `[[package]]\nname = "app"\nversion = "0.1.0"\n`;
    const result = parse(text, { 'Cargo.toml': '[workspace]\nmembers = ["a", "b", "../outside"]\n', 'b/Cargo.toml': '[package\nname=' });
    assert.equal(result.warnings.length, 3);
    assert.equal(result.warnings[0], 'a/Cargo.toml of workspace member "a" not found; its dependencies count as production');
    assert.match(result.warnings[1]!, /^b\/Cargo.toml is not valid TOML/);
    assert.equal(result.warnings[2], 'workspace member "../outside" lies outside the scanned folder; its dependencies count as production');
  });

  it('warns on unresolved references', () => {
    const text = `[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["missing", "dup"]\n\n[[package]]\nname = "dup"\nversion = "1.0.0"\nsource = "${CRATES_IO}"\n\n[[package]]\nname = "dup"\nversion = "2.0.0"\nsource = "${CRATES_IO}"\n`;
    const result = parse(text, { 'Cargo.toml': '[package]\nname = "app"\nversion = "0.1.0"\n' });
    assert.deepEqual(result.direct, []);
    assert.deepEqual(result.warnings, [
      'dependencies that match no single [[package]] entry were dropped: "missing" of app 0.1.0, "dup" of app 0.1.0',
    ]);
  });

  it('rejects malformed lockfiles', () => {
    const cases: Array<[string, RegExp]> = [
      ['[[package]\nname = "a"', /invalid TOML/],
      ['version = 3\n', /no \[\[package\]\] entries/],
      ['package = "x"\n', /"package" is not an array/],
      ['[[package]]\nversion = "1.0.0"\n', /\[\[package\]\] entry 1 has no valid "name" string/],
      ['[[package]]\nname = "a"\nversion = 1\n', /entry 1 has no valid "version" string/],
      ['[root]\nname = "a"\n', /\[root\] has no valid "version" string/],
    ];
    for (const [text, message] of cases) {
      assert.throws(() => parse(text), (error: unknown) => error instanceof LockfileError && message.test(error.message), text);
    }
  });

  it('survives hostile input', () => {
    assert.throws(() => parse(`x = ${'['.repeat(100_000)}`), LockfileError);
    const parts = ['version = 4'];
    for (let i = 0; i < 20_000; i++) {
      parts.push(`[[package]]\nname = "c${i}"\nversion = "1.0.0"\nsource = "${CRATES_IO}"\ndependencies = ["c${i + 1}"]`);
    }
    const started = Date.now();
    const result = parse(parts.join('\n\n'));
    assert.equal(result.packages.length, 20_000);
    assert.deepEqual(result.packages[5]?.dependencies, ['c6@1.0.0']);
    assert.deepEqual(result.warnings.slice(1), [
      'dependencies that match no single [[package]] entry were dropped: "c20000" of c19999 1.0.0',
    ]);
    assert.ok(Date.now() - started < 5000);
  });
});
