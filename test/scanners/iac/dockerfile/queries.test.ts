import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  effectiveUser,
  envPairs,
  parseDockerfile,
  shellCommands,
  type Instruction,
} from '../../../../src/scanners/iac/dockerfile/index.js';

function instruction(text: string, index = 1): Instruction {
  const found = parseDockerfile('Dockerfile', text).instructions[index];
  assert.ok(found, `no instruction ${index}`);
  return found;
}

describe('shellCommands', () => {
  it('splits on list operators', () => {
    const run = instruction(`FROM a\nRUN apt-get update && apt-get install -y "curl wget" || true; echo 'a | b' | tee x & wait`);
    assert.deepEqual(
      shellCommands(run).map((command) => [command.tokens, command.separator]),
      [
        [['apt-get', 'update'], '&&'],
        [['apt-get', 'install', '-y', 'curl wget'], '||'],
        [['true'], ';'],
        [['echo', 'a | b'], '|'],
        [['tee', 'x'], '&'],
        [['wait'], undefined],
      ],
    );
  });

  it('points at continuation lines', () => {
    const run = instruction('FROM a\nRUN set -eux; \\\n    curl -fsSL https://get.example.com \\\n      | sh');
    const commands = shellCommands(run);
    assert.deepEqual(commands[1]?.tokens, ['curl', '-fsSL', 'https://get.example.com']);
    assert.deepEqual(commands[1]?.span, { startLine: 3, startColumn: 5, endLine: 3, endColumn: 39 });
    assert.deepEqual(commands[2]?.span, { startLine: 4, startColumn: 9, endLine: 4, endColumn: 11 });
    assert.equal(commands[1]?.separator, '|');
  });

  it('keeps redirections and substitutions whole', () => {
    const run = instruction('FROM a\nRUN make 2>&1 >/dev/null && echo "$(id -u | cut -c1)" `date`');
    assert.deepEqual(
      shellCommands(run).map((command) => command.tokens),
      [
        ['make', '2>&1', '>/dev/null'],
        ['echo', '$(id -u | cut -c1)', '`date`'],
      ],
    );
  });

  it('splits sh -c in exec form', () => {
    const run = instruction('FROM a\nRUN ["/bin/sh", "-c", "wget -qO- http://x | bash"]');
    assert.deepEqual(
      shellCommands(run).map((command) => [command.tokens, command.separator]),
      [
        [['wget', '-qO-', 'http://x'], '|'],
        [['bash'], undefined],
      ],
    );
    const cmd = instruction('FROM a\nCMD ["node", "server.js"]');
    assert.deepEqual(shellCommands(cmd).map((command) => command.tokens), [['node', 'server.js']]);
  });

  it('splits a RUN heredoc body', () => {
    const run = instruction('FROM a\nRUN <<EOF\nset -e\n# comment\ncurl x | sh\nEOF');
    const commands = shellCommands(run);
    assert.deepEqual(
      commands.map((command) => [command.tokens, command.separator]),
      [
        [['<<EOF'], undefined],
        [['set', '-e'], '\n'],
        [['curl', 'x'], '|'],
        [['sh'], undefined],
      ],
    );
    assert.deepEqual(commands[2]?.span, { startLine: 5, startColumn: 1, endLine: 5, endColumn: 7 });
  });

  it('leaves non-shell heredoc bodies', () => {
    const run = instruction('FROM a\nRUN python3 <<EOF\nimport os; os.system("x")\nEOF');
    assert.deepEqual(shellCommands(run).map((command) => command.tokens), [['python3', '<<EOF']]);
  });

  it('skips comments and subshell parentheses', () => {
    const run = instruction('FROM a\nRUN (cd /src && make) # build it');
    assert.deepEqual(
      shellCommands(run).map((command) => command.tokens),
      [['cd', '/src'], ['make']],
    );
  });
});

describe('envPairs', () => {
  it('reads KEY=value pairs', () => {
    const env = instruction('FROM a\nENV A=1 B="two words" C=\'$HOME\' D=with\\ space E=');
    assert.deepEqual(
      envPairs(env).map((pair) => [pair.key, pair.value]),
      [
        ['A', '1'],
        ['B', 'two words'],
        ['C', '$HOME'],
        ['D', 'with space'],
        ['E', ''],
      ],
    );
    assert.deepEqual(envPairs(env)[1]?.span, { startLine: 2, startColumn: 9, endLine: 2, endColumn: 22 });
  });

  it('reads the legacy form', () => {
    const env = instruction('FROM a\nENV API_TOKEN "s3cr3t value"  ');
    assert.deepEqual(envPairs(env).map((pair) => [pair.key, pair.value]), [['API_TOKEN', 's3cr3t value']]);
  });

  it('reads ARG with and without defaults', () => {
    const arg = instruction('FROM a\nARG VERSION NPM_TOKEN=abc');
    assert.deepEqual(
      envPairs(arg).map((pair) => [pair.key, pair.value]),
      [
        ['VERSION', undefined],
        ['NPM_TOKEN', 'abc'],
      ],
    );
  });

  it('locates pairs on continuation lines', () => {
    const label = instruction('FROM a\nLABEL a=1 \\\n  # note\n  org.opencontainers.image.source="https://x"');
    const pairs = envPairs(label);
    assert.equal(pairs[1]?.key, 'org.opencontainers.image.source');
    assert.equal(pairs[1]?.value, 'https://x');
    assert.deepEqual(pairs[1]?.span, { startLine: 4, startColumn: 3, endLine: 4, endColumn: 46 });
  });

  it('uses the backtick escape', () => {
    const env = instruction('# escape=`\nFROM a\nENV P="C:\\Tools" Q=a` b', 1);
    assert.deepEqual(
      envPairs(env).map((pair) => [pair.key, pair.value]),
      [
        ['P', 'C:\\Tools'],
        ['Q', 'a b'],
      ],
    );
  });
});

describe('effectiveUser', () => {
  const file = parseDockerfile(
    'Dockerfile',
    'FROM node AS base\nUSER node\nUSER app:app\nFROM base AS child\nRUN id\nFROM alpine\n',
  );

  it('returns the last USER', () => {
    assert.equal(file.stages[0] && effectiveUser(file.stages[0]), 'app:app');
  });

  it('follows an earlier stage', () => {
    const child = file.stages[1];
    assert.ok(child);
    assert.equal(effectiveUser(child), undefined);
    assert.equal(effectiveUser(child, file.stages), 'app:app');
  });

  it('returns undefined without USER', () => {
    assert.equal(file.stages[2] && effectiveUser(file.stages[2], file.stages), undefined);
  });
});
