import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { filterBaselined, readBaseline, writeBaseline } from '../../src/core/baseline.js';
import { UsageError } from '../../src/core/errors.js';
import type { Finding } from '../../src/core/finding.js';

const workDir = mkdtempSync(join(tmpdir(), 'rampart-baseline-'));
after(() => {
  chmodSync(workDir, 0o700);
  rmSync(workDir, { recursive: true, force: true });
});

let dirCount = 0;
function freshDir(): string {
  const dir = join(workDir, `case-${dirCount++}`);
  mkdirSync(dir);
  return dir;
}

// rampart:ignore reason="made-up Slack token; the test checks that baselines never store it"
const FAKE_SECRET = 'xoxb-000000000000-0000000000000-AbCdEfGhIjKlMnOpQrStUvWx';

function finding(ruleId: string, path: string, fingerprint: string, line = 3): Finding {
  return {
    ruleId,
    scanner: 'secrets',
    severity: 'high',
    confidence: 'high',
    title: 'Slack token',
    message: 'A Slack bot token is hard-coded',
    location: {
      path,
      startLine: line,
      startColumn: 9,
      endLine: line,
      endColumn: 60,
      snippet: `token = "${FAKE_SECRET}"`,
    },
    fingerprint,
    secret: { redacted: 'xoxb-0********', length: FAKE_SECRET.length, entropy: 4.2 },
  };
}

const FP_A = 'a'.repeat(32);
const FP_B = 'b'.repeat(32);
const FP_C = 'c'.repeat(32);
const NOW = new Date('2026-03-15T10:00:00.000Z');

function usageMessage(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected a UsageError, but nothing was thrown');
}

describe('writeBaseline', () => {
  it('writes sorted entries without secrets or lines', () => {
    const file = join(freshDir(), '.rampart-baseline.json');
    const findings = [
      finding('secrets/slack-bot-token', 'src/z.ts', FP_A),
      finding('secrets/jwt', 'src/a.ts', FP_B),
      finding('secrets/aws-access-key-id', 'src/a.ts', FP_C),
      finding('secrets/aws-access-key-id', 'src/a.ts', FP_C, 9),
    ];
    assert.equal(writeBaseline(file, findings, NOW), 3);

    const text = readFileSync(file, 'utf8');
    assert.deepEqual(JSON.parse(text), {
      version: 1,
      tool: 'rampart',
      createdAt: '2026-03-15T10:00:00.000Z',
      entries: [
        { fingerprint: FP_C, ruleId: 'secrets/aws-access-key-id', path: 'src/a.ts' },
        { fingerprint: FP_B, ruleId: 'secrets/jwt', path: 'src/a.ts' },
        { fingerprint: FP_A, ruleId: 'secrets/slack-bot-token', path: 'src/z.ts' },
      ],
    });
    assert.ok(!text.includes(FAKE_SECRET), 'no secret text');
    assert.ok(!text.includes('xoxb'), 'no redacted prefix');
    assert.ok(!text.includes('Line'), 'no line numbers');
    assert.ok(text.endsWith('}\n'));
  });

  it('leaves out suppressed findings', () => {
    const file = join(freshDir(), 'baseline.json');
    const suppressed = finding('secrets/jwt', 'a.ts', FP_B);
    suppressed.suppressed = { kind: 'inline', reason: 'fixture', directive: 'rampart:ignore' };
    assert.equal(writeBaseline(file, [finding('secrets/jwt', 'a.ts', FP_A), suppressed], NOW), 1);
    assert.deepEqual([...readBaseline(file).entries.keys()], [FP_A]);
  });

  it('leaves no temporary file behind', () => {
    const dir = freshDir();
    writeBaseline(join(dir, 'baseline.json'), [finding('secrets/jwt', 'a.ts', FP_A)], NOW);
    writeBaseline(join(dir, 'baseline.json'), [finding('secrets/jwt', 'a.ts', FP_B)], NOW);
    assert.deepEqual(readdirSync(dir), ['baseline.json']);
    assert.deepEqual([...readBaseline(join(dir, 'baseline.json')).entries.keys()], [FP_B]);
  });

  it('cleans up when the rename fails', () => {
    const dir = freshDir();
    const target = join(dir, 'baseline.json');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'keep');
    const message = usageMessage(() =>
      writeBaseline(target, [finding('secrets/jwt', 'a.ts', FP_A)], NOW),
    );
    assert.match(
      message,
      /^cannot write baseline file .*baseline\.json: (EISDIR|ENOTEMPTY|EEXIST)$/,
    );
    assert.deepEqual(readdirSync(dir), ['baseline.json']);
    assert.equal(readFileSync(join(target, 'keep.txt'), 'utf8'), 'keep');
  });

  it('keeps the original in a read-only directory', () => {
    const dir = freshDir();
    const target = join(dir, 'baseline.json');
    writeBaseline(target, [finding('secrets/jwt', 'a.ts', FP_A)], NOW);
    const original = readFileSync(target, 'utf8');
    chmodSync(dir, 0o555);

    // Root ignores directory permissions, so the write runs as an unprivileged user then.
    const baselineModule = fileURLToPath(new URL('../../src/core/baseline.js', import.meta.url));
    const script = `
      import { writeBaseline } from ${JSON.stringify(baselineModule)};
      const finding = { ruleId: 'secrets/jwt', fingerprint: '${FP_B}', location: { path: 'b.ts' } };
      try {
        writeBaseline(${JSON.stringify(target)}, [finding], new Date());
        console.log('written');
      } catch (error) {
        console.log(error.name + ': ' + error.message);
      }`;
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      ...asUser,
    });
    chmodSync(dir, 0o755);

    assert.equal(child.stderr, '');
    assert.equal(child.stdout.trim(), `UsageError: cannot write baseline file ${target}: EACCES`);
    assert.equal(readFileSync(target, 'utf8'), original);
    assert.deepEqual(readdirSync(dir), ['baseline.json']);
  });
});

describe('readBaseline', () => {
  it('round-trips entries', () => {
    const file = join(freshDir(), 'baseline.json');
    writeBaseline(
      file,
      [finding('secrets/jwt', 'src/a.ts', FP_A), finding('secrets/jwt', 'src/b.ts', FP_B)],
      NOW,
    );
    const baseline = readBaseline(file);
    assert.equal(baseline.path, file);
    assert.deepEqual(
      [...baseline.entries],
      [
        [FP_A, { ruleId: 'secrets/jwt', path: 'src/a.ts' }],
        [FP_B, { ruleId: 'secrets/jwt', path: 'src/b.ts' }],
      ],
    );
  });

  const cases: [string, string, string][] = [
    [
      'truncated JSON',
      '{\n  "version": 1,\n  "entries": [\n',
      'invalid JSON in baseline file FILE at line 4, column 1: ',
    ],
    [
      'a trailing comma',
      '{\n  "version": 1,\n  "entries": [],\n}\n',
      'invalid JSON in baseline file FILE at line 4, column 1: ',
    ],
    [
      'a bad literal',
      '{"version": 1, "entries": [tru]}',
      'invalid JSON in baseline file FILE at line 1, column 28: ',
    ],
    ['a wrong version', '{"version": 2, "tool": "rampart", "entries": []}', ''],
    ['a list', '[]', ''],
    ['no entries', '{"version": 1}', ''],
    [
      'a bad fingerprint',
      JSON.stringify({
        version: 1,
        entries: [
          { fingerprint: FP_A, ruleId: 'a/b', path: 'x' },
          { fingerprint: 'xyz', ruleId: 'a/b', path: 'x' },
        ],
      }),
      '',
    ],
    [
      'a missing path',
      `{"version": 1, "entries": [{"fingerprint": "${FP_A}", "ruleId": "a/b"}]}`,
      '',
    ],
  ];
  const expected: Record<string, string> = {
    'a wrong version':
      'unsupported baseline version 2 in FILE; this Rampart reads version 1, so recreate it with "rampart baseline create"',
    'a list': 'invalid baseline file FILE: the top level must be a JSON object',
    'no entries': 'invalid baseline file FILE: "entries" must be an array',
    'a bad fingerprint':
      'invalid baseline file FILE: entries[1]: fingerprint must be a string of 32 lower-case hexadecimal characters',
    'a missing path': 'invalid baseline file FILE: entries[0]: path must be a non-empty string',
  };
  for (const [name, content, prefix] of cases) {
    it(`rejects ${name}`, () => {
      const file = join(freshDir(), 'baseline.json');
      writeFileSync(file, content);
      const message = usageMessage(() => readBaseline(file));
      if (prefix !== '') assert.ok(message.startsWith(prefix.replace('FILE', file)), message);
      else assert.equal(message, expected[name]?.replace('FILE', file));
    });
  }

  it('names a missing file', () => {
    const file = join(workDir, 'absent.json');
    assert.equal(
      usageMessage(() => readBaseline(file)),
      `baseline file not found: ${file}; create one with "rampart baseline create"`,
    );
  });
});

describe('filterBaselined', () => {
  it('drops known fingerprints only', () => {
    const file = join(freshDir(), 'baseline.json');
    writeBaseline(file, [finding('secrets/jwt', 'a.ts', FP_A)], NOW);
    const known = finding('secrets/jwt', 'a.ts', FP_A, 40);
    const fresh = finding('secrets/jwt', 'a.ts', FP_B, 3);
    const result = filterBaselined([known, fresh], readBaseline(file));
    assert.deepEqual(result.kept, [fresh]);
    assert.equal(result.baselined, 1);
  });
});
