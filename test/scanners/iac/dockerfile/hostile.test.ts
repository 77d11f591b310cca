import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  envPairs,
  parseDockerfile,
  shellCommands,
  type Dockerfile,
  type Instruction,
} from '../../../../src/scanners/iac/dockerfile/index.js';

/** Runs `work` and fails when it takes longer than `limitMs`; the limits leave room for a busy 2-core machine. */
function secondInstruction(file: Dockerfile): Instruction {
  const instruction = file.instructions[1];
  assert.ok(instruction, 'the file has no second instruction');
  return instruction;
}

function withinTime<T>(limitMs: number, work: () => T): T {
  const start = performance.now();
  const result = work();
  const elapsed = performance.now() - start;
  assert.ok(elapsed < limitMs, `took ${Math.round(elapsed)} ms, limit ${limitMs} ms`);
  return result;
}

describe('parseDockerfile hostile input', () => {
  it('parses a 50 MB file', () => {
    const block = 'RUN apt-get update && \\\n    apt-get install -y curl # tools\nENV A=1 B="two"\nCOPY <<EOF /x\nhello\nEOF\n';
    const count = Math.ceil(50_000_000 / block.length);
    const file = withinTime(20_000, () => parseDockerfile('Dockerfile', 'FROM alpine\n' + block.repeat(count)));
    assert.equal(file.instructions.length, 1 + 3 * count);
    assert.equal(file.stages.length, 1);
    assert.equal(file.instructions.at(-1)?.heredocs[0]?.body, 'hello\n');
  });

  it('parses a 10 MB line', () => {
    const file = withinTime(5_000, () => parseDockerfile('Dockerfile', 'FROM a\nRUN ' + 'echo a && '.repeat(1_000_000)));
    assert.equal(file.instructions[1]?.arguments.length, 10_000_000 - 1);
    const commands = withinTime(10_000, () => shellCommands(secondInstruction(file)));
    assert.equal(commands.length, 1_000_000);
  });

  it('splits a 10 MB ENV line', () => {
    const file = parseDockerfile('Dockerfile', 'FROM a\nENV ' + 'A=b\\ c '.repeat(1_250_000));
    const pairs = withinTime(10_000, () => envPairs(secondInstruction(file)));
    assert.equal(pairs.length, 1_250_000);
    assert.equal(pairs[0]?.value, 'b c');
  });

  it('reads an unterminated JSON array', () => {
    const file = withinTime(5_000, () => parseDockerfile('Dockerfile', 'FROM a\nCMD [' + '"a", '.repeat(2_000_000)));
    assert.equal(file.instructions[1]?.form, 'shell');
    assert.equal(file.warnings.length, 1);
  });

  it('joins 100k continuation lines', () => {
    const text = 'FROM a\nRUN echo \\\n' + '  # note\n  x \\\n\n'.repeat(100_000) + 'end\n';
    const file = withinTime(5_000, () => parseDockerfile('Dockerfile', text));
    const run = file.instructions[1];
    assert.equal(run?.arguments, 'echo ' + '  x '.repeat(100_000) + 'end');
    assert.deepEqual(run?.span, { startLine: 2, startColumn: 1, endLine: 300_003, endColumn: 4 });
    assert.equal(file.warnings[0]?.message, 'empty continuation line inside the instruction');
  });

  it('survives unclosed expansions', () => {
    withinTime(5_000, () => parseDockerfile('Dockerfile', 'FROM ' + '${'.repeat(5_000_000)));
    withinTime(5_000, () => parseDockerfile('Dockerfile', 'FROM ' + '\\$'.repeat(5_000_000)));
    const file = parseDockerfile('Dockerfile', 'FROM a\nRUN ' + '$('.repeat(5_000_000));
    const commands = withinTime(10_000, () => shellCommands(secondInstruction(file)));
    assert.equal(commands.length, 1);
  });

  it('reads many heredoc markers', () => {
    const text = 'FROM a\nRUN ' + '<<A '.repeat(250_000) + '\n' + 'x\nA\n'.repeat(250_000) + 'USER app\n';
    const file = withinTime(10_000, () => parseDockerfile('Dockerfile', text));
    assert.equal(file.instructions[1]?.heredocs.length, 250_000);
    assert.equal(file.instructions[2]?.keyword, 'USER');
  });

  it('reads unterminated heredocs to the end', () => {
    const text = 'FROM a\nRUN <<A <<B\n' + 'line\n'.repeat(1_000_000);
    const file = withinTime(5_000, () => parseDockerfile('Dockerfile', text));
    assert.equal(file.instructions.length, 2);
    assert.deepEqual(
      file.instructions[1]?.heredocs.map((heredoc) => heredoc.terminated),
      [false, false],
    );
    assert.equal(file.warnings.length, 2);
  });

  it('keeps NUL bytes and CRLF', () => {
    const file = parseDockerfile('Dockerfile', 'FROM a\0b\r\nRUN \0 && x\0\r\n\r\nUSER \0\r\n');
    assert.deepEqual(
      file.instructions.map((instruction) => instruction.arguments),
      ['a\0b', '\0 && x\0', '\0'],
    );
    assert.deepEqual(file.instructions[1]?.span, { startLine: 2, startColumn: 1, endLine: 2, endColumn: 12 });
  });

  it('skips a byte order mark', () => {
    const file = parseDockerfile('Dockerfile', '\ufeffFROM alpine:3.19\n');
    assert.equal(file.instructions[0]?.keyword, 'FROM');
    assert.deepEqual(file.instructions[0]?.span, { startLine: 1, startColumn: 2, endLine: 1, endColumn: 18 });
    assert.deepEqual(file.warnings, []);
  });

  it('parses empty and blank files', () => {
    for (const text of ['', '\n\n', '# only a comment', '\\', '\r\n']) {
      const file = parseDockerfile('Dockerfile', text);
      assert.equal(file.stages.length, 0);
      assert.equal(file.instructions.length, 0);
      assert.deepEqual(file.warnings, []);
    }
    const trailing = parseDockerfile('Dockerfile', 'FROM a\nRUN echo \\');
    assert.equal(trailing.instructions[1]?.arguments, 'echo');
  });
});

describe('parseDockerfile: ARG values that double', () => {
  it('caps what a doubling chain of ARGs can build', () => {
    const lines = ['ARG A0=xxxxxxxxxxxxxxxx'];
    for (let i = 1; i < 40; i++) lines.push(`ARG A${i}=\${A${i - 1}}\${A${i - 1}}`);
    lines.push('FROM alpine:${A39}', 'USER root');
    const file = parseDockerfile('Dockerfile', `${lines.join('\n')}\n`);
    assert.equal(file.stages.length, 1);
    assert.ok((file.stages[0]?.reference.resolved.length ?? Infinity) < 200_000);
  });
});
