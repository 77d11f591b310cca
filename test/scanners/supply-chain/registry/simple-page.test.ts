import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeEntities, parseSimpleHtml } from '../../../../src/scanners/supply-chain/registry/simple-html.js';
import { parseSimpleJson } from '../../../../src/scanners/supply-chain/registry/simple-json.js';

const PAGE = 'https://index.example/simple/demo/';
const SHA = 'ab'.repeat(32);

describe('parseSimpleHtml', () => {
  it('reads links, hashes and yanks', () => {
    const html = [
      '<!DOCTYPE html><html><head>',
      '<META NAME="pypi:project-status" CONTENT="Quarantined">',
      "<meta name='pypi:project-status-reason' content='reported &amp; removed'>",
      '</head><body>',
      `<a href="../../files/demo-1.0.tar.gz#sha256=${SHA.toUpperCase()}" data-requires-python="&gt;=3.8">demo-1.0.tar.gz</a><br/>`,
      '<A HREF=https://cdn.example/demo-1.1-py3-none-any.whl data-yanked>demo-1.1-py3-none-any.whl</A>',
      '<a href="/x/demo-1.2.zip?a=1&amp;b=2" data-yanked="bad &quot;build&quot;">demo-1.2.zip</a>',
      '<a href="javascript:alert(1)">demo-9.tar.gz</a>',
      '<a name="no-href">demo-8.tar.gz</a>',
      '<abbr href="x">not a link</abbr>',
      '</body></html>',
    ].join('\n');
    const page = parseSimpleHtml(html, PAGE);
    assert.equal(page.status, 'Quarantined');
    assert.equal(page.statusReason, 'reported & removed');
    assert.deepEqual(page.files, [
      { filename: 'demo-1.0.tar.gz', url: 'https://index.example/files/demo-1.0.tar.gz', sha256: SHA },
      { filename: 'demo-1.1-py3-none-any.whl', url: 'https://cdn.example/demo-1.1-py3-none-any.whl', yanked: true },
      { filename: 'demo-1.2.zip', url: 'https://index.example/x/demo-1.2.zip?a=1&b=2', yanked: 'bad "build"' },
    ]);
  });

  it('resolves links against base element', () => {
    const page = parseSimpleHtml('<base href="https://mirror.example/pkgs/"><a href="demo-1.0.tar.gz">demo-1.0.tar.gz</a>', PAGE);
    assert.equal(page.files[0]?.url, 'https://mirror.example/pkgs/demo-1.0.tar.gz');
  });

  it('strips credentials from links', () => {
    const page = parseSimpleHtml('<a href="https://u:p@files.example/demo-1.0.tar.gz">demo-1.0.tar.gz</a>', PAGE);
    assert.equal(page.files[0]?.url, 'https://files.example/demo-1.0.tar.gz');
  });

  it('survives truncated and hostile markup', () => {
    for (const html of ['<a href="unterminated', '<a', '<', '<a href=>', '<<<<a<a<a', '<a href="x">', '<meta name="pypi:project-status"']) {
      const page = parseSimpleHtml(html, PAGE);
      assert.ok(Array.isArray(page.files), html);
    }
    assert.deepEqual(parseSimpleHtml('<a href="x">', PAGE).files, []);
  });

  it('stays linear on large input', () => {
    const started = performance.now();
    parseSimpleHtml('<a href="x'.repeat(200_000), PAGE);
    parseSimpleHtml('<a '.repeat(300_000), PAGE);
    parseSimpleHtml(`<a href=x>${'&'.repeat(500_000)}`, PAGE);
    parseSimpleHtml(`<a href=x>${'&a'.repeat(300_000)};`, PAGE);
    parseSimpleHtml(`<a href="x${'&'.repeat(300_000)}">`, PAGE);
    assert.ok(performance.now() - started < 3000, 'parsing took longer than 3 s');
  });

  it('decodes character references', () => {
    assert.equal(decodeEntities('a&amp;b&#62;&#x3C;&bogus;&#0;&'), 'a&b><&bogus;&#0;&');
  });
});

describe('parseSimpleJson', () => {
  it('ignores fields of wrong type', () => {
    const page = parseSimpleJson(
      JSON.stringify({
        files: [
          { filename: 'demo-1.0.tar.gz', url: 'demo-1.0.tar.gz', hashes: { sha256: SHA }, yanked: '', 'upload-time': '2024-05-06T07:08:09Z' },
          { filename: 'demo-1.1.tar.gz', url: 'demo-1.1.tar.gz', hashes: { sha256: 'short' }, yanked: false, 'upload-time': 'yesterday' },
          { filename: 7, url: 'x' },
          'not an object',
          { filename: 'demo-2.0.tar.gz', url: 'file:///etc/passwd' },
        ],
        versions: ['1.0', 3, '', '1.1'],
        'project-status': { status: 'archived', reason: 42 },
      }),
      PAGE,
    );
    assert.deepEqual(page.files, [
      { filename: 'demo-1.0.tar.gz', url: `${PAGE}demo-1.0.tar.gz`, sha256: SHA, yanked: true, uploadTime: '2024-05-06T07:08:09.000Z' },
      { filename: 'demo-1.1.tar.gz', url: `${PAGE}demo-1.1.tar.gz` },
    ]);
    assert.deepEqual(page.versions, ['1.0', '1.1']);
    assert.equal(page.status, 'archived');
    assert.equal(page.statusReason, undefined);
  });

  it('throws on non-object JSON', () => {
    assert.throws(() => parseSimpleJson('[]', PAGE), TypeError);
    assert.throws(() => parseSimpleJson('{', PAGE), SyntaxError);
  });
});
