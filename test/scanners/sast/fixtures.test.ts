/**
 * The table-driven check of every built-in sast rule, in Semgrep's test
 * convention: test/fixtures/sast/<rule-id>.<ext> holds code in which a
 * `ruleid: <id>` comment marks a line the rule must report (the next
 * line) and an `ok: <id>` comment marks one it must not.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../../../src/core/package-root.js';
import { PatternCache } from '../../../src/scanners/sast/rules/formula.js';
import { builtinSastRules } from '../../../src/scanners/sast/rules/builtin.js';
import { scanSourceFile } from '../../../src/scanners/sast/run.js';

const FIXTURES = join(packageRoot(), 'test', 'fixtures', 'sast');
const rules = builtinSastRules();
const cache = new PatternCache();

function annotated(text: string, marker: 'ruleid' | 'ok', id: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((line, index) => {
    const match = /(?:\/\/|#)\s*(ruleid|ok):\s*([\w.-]+(?:\s*,\s*[\w.-]+)*)/.exec(line);
    if (match?.[1] === marker && (match[2] ?? '').split(/\s*,\s*/).includes(id)) lines.push(index + 2);
  });
  return lines;
}

describe('sast rule fixtures', () => {
  it('every rule has a fixture and every fixture a rule', () => {
    const files = existsSync(FIXTURES) ? readdirSync(FIXTURES) : [];
    const ids = new Set(rules.map((rule) => rule.id));
    assert.deepEqual(rules.filter((rule) => !files.some((file) => file.startsWith(`${rule.id}.`))).map((rule) => rule.id), []);
    assert.deepEqual(files.filter((file) => !ids.has(file.slice(0, file.indexOf('.')))), []);
  });

  for (const rule of rules) {
    it(`${rule.id} reports exactly the lines marked ruleid`, async () => {
      const files = readdirSync(FIXTURES).filter((file) => file.startsWith(`${rule.id}.`));
      for (const file of files) {
        const text = readFileSync(join(FIXTURES, file), 'utf8');
        const expected = annotated(text, 'ruleid', rule.id);
        const allowed = annotated(text, 'ok', rule.id);
        assert.ok(expected.length > 0 && allowed.length > 0, `${file} needs both ruleid and ok lines for ${rule.id}`);
        const result = await scanSourceFile(file, text, [rule], cache);
        const reported = [...new Set(result.findings.map((finding) => finding.location.startLine))].sort((a, b) => a - b);
        assert.deepEqual(reported, expected, `${file}: lines reported`);
        // One weakness at one place is one finding: two at the same position are a duplicate.
        const positions = result.findings.map((finding) => `${finding.location.startLine}:${finding.location.startColumn}`);
        assert.deepEqual(positions.filter((position, index) => positions.indexOf(position) !== index), [], `${file}: duplicate findings`);
        for (const line of allowed) assert.ok(!reported.includes(line), `${file}:${line} is marked ok`);
      }
    });
  }
});
