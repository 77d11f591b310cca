import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { heredocValue, unescapeQuoted } from '../../../../src/scanners/iac/terraform/hcl-strings.js';

describe('unescapeQuoted', () => {
  it('decodes backslash escapes', () => {
    assert.equal(unescapeQuoted('a\\nb\\tc\\r\\"d\\"\\\\'), 'a\nb\tc\r"d"\\');
  });

  it('decodes unicode escapes', () => {
    assert.equal(unescapeQuoted('caf\\u00e9'), 'café');
    assert.equal(unescapeQuoted('\\U0001F600!'), '😀!');
  });

  it('decodes doubled template markers', () => {
    assert.equal(unescapeQuoted('$${var.x} %%{ if }'), '${var.x} %{ if }');
    assert.equal(unescapeQuoted('$ and % alone'), '$ and % alone');
  });

  it('rejects invalid escapes', () => {
    assert.equal(unescapeQuoted('\\q'), undefined);
    assert.equal(unescapeQuoted('\\u12'), undefined);
    assert.equal(unescapeQuoted('\\u12zz'), undefined);
    assert.equal(unescapeQuoted('\\U00110000'), undefined);
    assert.equal(unescapeQuoted('trailing\\'), undefined);
  });
});

describe('heredocValue', () => {
  it('keeps plain heredocs verbatim', () => {
    assert.equal(heredocValue('  a\\n\n    b\n', false), '  a\\n\n    b\n');
  });

  it('removes the smallest indentation', () => {
    assert.equal(heredocValue('    Foo\n      Bar\n    Baz\n', true), 'Foo\n  Bar\nBaz\n');
  });

  it('ignores blank lines for indentation', () => {
    assert.equal(heredocValue('    Foo\n\n    Bar\n', true), 'Foo\n\nBar\n');
  });

  it('normalises CRLF and doubled markers', () => {
    assert.equal(heredocValue('a $${b}\r\nc\r\n', false), 'a ${b}\nc\n');
  });

  it('accepts an empty body', () => {
    assert.equal(heredocValue('', true), '');
  });
});
