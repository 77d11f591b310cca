import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../../../src/scanners/iac/dockerfile/index.js';

const SHA = 'sha256:' + 'ab12'.repeat(16);

const NODE_BUILD = [
  '# syntax=docker/dockerfile:1.7', // 1
  'ARG NODE_VERSION=20.11', // 2
  '', // 3
  'FROM node:${NODE_VERSION}-alpine AS Deps', // 4
  'WORKDIR /app', // 5
  'COPY package.json package-lock.json ./', // 6
  'RUN --mount=type=cache,target=/root/.npm \\', // 7
  '    --mount=type=secret,id=npmrc,target=/root/.npmrc \\', // 8
  '    npm ci --omit=dev', // 9
  '', // 10
  'FROM deps AS build', // 11
  'COPY --chown=node:node --chmod=644 . .', // 12
  'RUN npm run build', // 13
  '', // 14
  `FROM gcr.io/distroless/nodejs20-debian12@${SHA}`, // 15
  'COPY --from=build /app/dist /app', // 16
  'USER nonroot', // 17
  'CMD ["/app/server.js"]', // 18
].join('\n');

describe('parseDockerfile on a Node build', () => {
  const file = parseDockerfile('Dockerfile', NODE_BUILD);

  it('reads the syntax directive', () => {
    assert.deepEqual(file.directives, { syntax: 'docker/dockerfile:1.7' });
    assert.equal(file.escape, '\\');
    assert.deepEqual(file.warnings, []);
  });

  it('groups instructions into stages', () => {
    assert.equal(file.instructions.length, 12);
    assert.deepEqual(
      file.stages.map((stage) => [stage.index, stage.name, stage.instructions.length]),
      [
        [0, 'deps', 4],
        [1, 'build', 3],
        [2, undefined, 4],
      ],
    );
    assert.deepEqual(
      file.instructions.map((instruction) => instruction.stage),
      [-1, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2],
    );
  });

  it('resolves ARG defaults in FROM', () => {
    const [deps] = file.stages;
    assert.equal(deps?.image, 'node');
    assert.equal(deps?.tag, '20.11-alpine');
    assert.equal(deps?.reference.kind, 'image');
    assert.deepEqual(deps?.reference.substitutedVariables, ['NODE_VERSION']);
    assert.equal(deps?.reference.pinned, false);
    assert.deepEqual(deps?.span, { startLine: 4, startColumn: 1, endLine: 9, endColumn: 22 });
  });

  it('links a stage to an earlier stage', () => {
    const build = file.stages[1];
    assert.equal(build?.reference.kind, 'stage');
    assert.equal(build?.reference.stageIndex, 0);
    assert.equal(build?.image, 'deps');
  });

  it('pins the distroless stage by digest', () => {
    const final = file.stages[2];
    assert.equal(final?.image, 'gcr.io/distroless/nodejs20-debian12');
    assert.equal(final?.reference.registry, 'gcr.io');
    assert.equal(final?.reference.namespace, 'distroless');
    assert.equal(final?.digest, SHA);
    assert.equal(final?.tag, undefined);
    assert.equal(final?.reference.pinned, true);
  });

  it('joins RUN continuation lines', () => {
    const run = file.instructions[4];
    assert.equal(run?.keyword, 'RUN');
    assert.equal(
      run?.arguments,
      '--mount=type=cache,target=/root/.npm     --mount=type=secret,id=npmrc,target=/root/.npmrc     npm ci --omit=dev',
    );
    assert.equal(run?.operands, 'npm ci --omit=dev');
    assert.deepEqual(run?.flags, { mount: ['type=cache,target=/root/.npm', 'type=secret,id=npmrc,target=/root/.npmrc'] });
    assert.deepEqual(run?.span, { startLine: 7, startColumn: 1, endLine: 9, endColumn: 22 });
    assert.equal(run?.raw, NODE_BUILD.split('\n').slice(6, 9).join('\n'));
    assert.equal(run?.form, 'shell');
  });

  it('parses COPY flags', () => {
    assert.deepEqual(file.instructions[6]?.flags, { chown: ['node:node'], chmod: ['644'] });
    assert.deepEqual(file.instructions[9]?.flags, { from: ['build'] });
    assert.equal(file.instructions[9]?.operands, '/app/dist /app');
  });

  it('reads CMD exec form', () => {
    const cmd = file.instructions[11];
    assert.equal(cmd?.form, 'exec');
    assert.deepEqual(cmd?.args, ['/app/server.js']);
    assert.deepEqual(cmd?.span, { startLine: 18, startColumn: 1, endLine: 18, endColumn: 23 });
  });
});

const PYTHON_BUILD = [
  'ARG PYTHON=3.12', // 1
  'ARG REGISTRY', // 2
  'FROM --platform=$BUILDPLATFORM python:${PYTHON}-slim AS builder', // 3
  'ENV PIP_NO_CACHE_DIR=1 \\', // 4
  '    # pip settings', // 5
  '    PIP_DISABLE_PIP_VERSION_CHECK=on', // 6
  'RUN pip wheel -r requirements.txt -w /wheels', // 7
  '  from ${REGISTRY}/python:3.12', // 8
  'copy --from=builder /wheels /wheels', // 9
  'entrypoint python -m app', // 10
].join('\r\n');

describe('parseDockerfile on a Python build', () => {
  const file = parseDockerfile('py/Dockerfile', PYTHON_BUILD);

  it('keeps the platform flag as written', () => {
    assert.equal(file.stages[0]?.platform, '$BUILDPLATFORM');
    assert.equal(file.stages[0]?.tag, '3.12-slim');
  });

  it('skips comments inside continuations', () => {
    const env = file.instructions[3];
    assert.equal(env?.arguments, 'PIP_NO_CACHE_DIR=1     PIP_DISABLE_PIP_VERSION_CHECK=on');
    assert.deepEqual(env?.span, { startLine: 4, startColumn: 1, endLine: 6, endColumn: 37 });
  });

  it('marks an ARG without default unresolved', () => {
    const stage = file.stages[1];
    assert.equal(stage?.reference.kind, 'unresolved');
    assert.deepEqual(stage?.reference.unresolvedVariables, ['REGISTRY']);
    assert.equal(stage?.reference.pinned, false);
    assert.deepEqual(stage?.instructions[0]?.span, { startLine: 8, startColumn: 3, endLine: 8, endColumn: 31 });
  });

  it('upper-cases lower-case keywords', () => {
    assert.deepEqual(
      file.instructions.map((instruction) => instruction.keyword),
      ['ARG', 'ARG', 'FROM', 'ENV', 'RUN', 'FROM', 'COPY', 'ENTRYPOINT'],
    );
    assert.equal(file.instructions[7]?.form, 'shell');
  });

  it('drops carriage returns from CRLF', () => {
    assert.equal(file.instructions[4]?.arguments, 'pip wheel -r requirements.txt -w /wheels');
    assert.equal(file.instructions[3]?.raw, 'ENV PIP_NO_CACHE_DIR=1 \\\r\n    # pip settings\r\n    PIP_DISABLE_PIP_VERSION_CHECK=on');
  });
});

describe('parseDockerfile heredocs', () => {
  const text = [
    'FROM alpine:3.19', // 1
    'RUN <<EOF', // 2
    'apk add --no-cache curl', // 3
    'curl -fsSL https://example.com/install.sh | sh', // 4
    'EOF', // 5
    'COPY <<-"CONF" /etc/app.conf <<END /etc/other', // 6
    '\tkey=$VALUE', // 7
    '\t\tCONF', // 8
    'line', // 9
    'END', // 10
    'RUN ["echo", "<<EOF"]', // 11
    'USER app', // 12
  ].join('\n');
  const file = parseDockerfile('Dockerfile', text);

  it('reads a RUN heredoc body', () => {
    const run = file.instructions[1];
    assert.equal(run?.heredocs.length, 1);
    assert.equal(run?.heredocs[0]?.body, 'apk add --no-cache curl\ncurl -fsSL https://example.com/install.sh | sh\n');
    assert.equal(run?.heredocs[0]?.expand, true);
    assert.deepEqual(run?.heredocs[0]?.span, { startLine: 3, startColumn: 1, endLine: 5, endColumn: 4 });
    assert.deepEqual(run?.span, { startLine: 2, startColumn: 1, endLine: 5, endColumn: 4 });
  });

  it('reads two heredocs in order', () => {
    const copy = file.instructions[2];
    assert.deepEqual(
      copy?.heredocs.map((heredoc) => [heredoc.delimiter, heredoc.stripTabs, heredoc.expand, heredoc.body]),
      [
        ['CONF', true, false, 'key=$VALUE\n'],
        ['END', false, true, 'line\n'],
      ],
    );
    assert.deepEqual(copy?.span, { startLine: 6, startColumn: 1, endLine: 10, endColumn: 4 });
    assert.equal(copy?.heredocs[0]?.segments[0]?.column, 2);
  });

  it('ignores markers in exec form', () => {
    const run = file.instructions[3];
    assert.deepEqual(run?.args, ['echo', '<<EOF']);
    assert.equal(run?.heredocs.length, 0);
    assert.equal(file.instructions[4]?.keyword, 'USER');
    assert.deepEqual(file.warnings, []);
  });
});

describe('parseDockerfile on Windows files', () => {
  const text = [
    '# escape=`', // 1
    '', // 2
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022', // 3
    'SHELL ["powershell", "-Command"]', // 4
    'COPY testfile.txt C:\\', // 5
    'RUN New-Item -ItemType Directory C:\\Example `  ', // 6
    '    ; Write-Host done', // 7
    'ENV INSTALL_DIR="C:\\Program Files\\App"', // 8
  ].join('\n');
  const file = parseDockerfile('Dockerfile.windows', text);

  it('honours the backtick escape', () => {
    assert.equal(file.escape, '`');
    assert.deepEqual(file.directives, { escape: '`' });
    assert.equal(file.instructions[2]?.arguments, 'testfile.txt C:\\');
    assert.equal(file.instructions[3]?.arguments, 'New-Item -ItemType Directory C:\\Example     ; Write-Host done');
    assert.deepEqual(file.instructions[3]?.span, { startLine: 6, startColumn: 1, endLine: 7, endColumn: 22 });
  });

  it('parses the registry and SHELL form', () => {
    assert.equal(file.stages[0]?.reference.registry, 'mcr.microsoft.com');
    assert.equal(file.stages[0]?.reference.namespace, 'windows');
    assert.equal(file.stages[0]?.reference.name, 'servercore');
    assert.equal(file.stages[0]?.tag, 'ltsc2022');
    assert.deepEqual(file.instructions[1]?.args, ['powershell', '-Command']);
  });
});

describe('parseDockerfile directives', () => {
  it('stops at the first comment', () => {
    const file = parseDockerfile('Dockerfile', '# a comment\n# escape=`\nFROM scratch\n');
    assert.deepEqual(file.directives, {});
    assert.equal(file.escape, '\\');
    assert.equal(file.stages[0]?.reference.kind, 'scratch');
  });

  it('ignores directives after instructions', () => {
    const file = parseDockerfile('Dockerfile', 'FROM scratch\n# syntax=foo\n');
    assert.deepEqual(file.directives, {});
  });

  it('warns on an invalid escape', () => {
    const file = parseDockerfile('Dockerfile', '# escape=x\nFROM scratch\n');
    assert.equal(file.escape, '\\');
    assert.deepEqual(file.warnings, [{ line: 1, message: 'invalid escape directive "x": use \\ or `, so \\ is used' }]);
  });
});

describe('parseDockerfile tolerant parsing', () => {
  it('warns on unknown instructions', () => {
    const file = parseDockerfile('Dockerfile', 'FROM alpine\nFOO bar\n');
    assert.deepEqual(file.warnings, [{ line: 2, message: 'unknown instruction "FOO"' }]);
    assert.equal(file.instructions[1]?.keyword, 'FOO');
  });

  it('reads a broken JSON array as shell', () => {
    const file = parseDockerfile('Dockerfile', 'FROM alpine\nCMD ["a", "b"\n');
    assert.equal(file.instructions[1]?.form, 'shell');
    assert.equal(file.instructions[1]?.args, undefined);
    assert.equal(file.warnings.length, 1);
    assert.match(file.warnings[0]?.message ?? '', /not a JSON array of strings/);
  });

  it('warns on a heredoc without end', () => {
    const file = parseDockerfile('Dockerfile', 'FROM alpine\nRUN <<EOF\necho hi\nUSER root\n');
    const run = file.instructions[1];
    assert.equal(run?.heredocs[0]?.terminated, false);
    assert.equal(run?.heredocs[0]?.body, 'echo hi\nUSER root\n\n');
    assert.equal(file.instructions.length, 2);
    assert.deepEqual(file.warnings, [{ line: 2, message: 'heredoc "EOF" has no closing delimiter line' }]);
  });

  it('warns before the first FROM', () => {
    const file = parseDockerfile('Dockerfile', 'RUN echo\nFROM alpine\n');
    assert.equal(file.instructions[0]?.stage, -1);
    assert.equal(file.warnings[0]?.message, 'RUN before the first FROM; only ARG may come first');
  });
});
