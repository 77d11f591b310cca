import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { grammarParser, parseWithLimit } from '../../src/core/tree-sitter.js';

describe('tree-sitter grammars', () => {
  it('keeps earlier parsers working after more grammars load', async () => {
    // The iac and sast scanners load their grammars at the same time. A second runtime
    // initialisation used to leave the first parser pointing at a replaced runtime.
    const [hcl] = await Promise.all([
      grammarParser('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm', 'Terraform'),
      grammarParser('tree-sitter-javascript/tree-sitter-javascript.wasm', 'JavaScript'),
    ]);
    await grammarParser('tree-sitter-python/tree-sitter-python.wasm', 'Python');
    const tree = parseWithLimit(hcl, 'resource "aws_s3_bucket" "site" {\n  acl = "public-read"\n}\n', 5_000);
    assert.ok(tree);
    try {
      assert.equal(tree.rootNode.hasError, false);
      assert.equal(tree.rootNode.descendantsOfType('block').length, 1);
      assert.equal(tree.rootNode.descendantsOfType('attribute')[0]?.text, 'acl = "public-read"');
    } finally {
      tree.delete();
    }
  });
});
