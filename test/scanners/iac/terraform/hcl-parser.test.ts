import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { terraformParser } from '../../../../src/scanners/iac/terraform/grammar.js';
import {
  parseTerraform,
  type TerraformBlock,
  type TerraformFile,
} from '../../../../src/scanners/iac/terraform/hcl-parser.js';
import { IacParseError, entryOf, type TreeNode } from '../../../../src/scanners/iac/tree.js';

const BUCKET = `# logs bucket
resource "aws_s3_bucket" "logs" {
  bucket        = "acme-logs"
  force_destroy = false
  max_age       = 30
  ratio         = 1.5e2
  owner         = null
  tags = {
    Name      = "logs"
    "team-id" = 7
  }
  cidrs = ["10.0.0.0/8", "0.0.0.0/0"]

  versioning {
    enabled = true
  }
}
`;

function onlyBlock(file: TerraformFile): TerraformBlock {
  assert.equal(file.blocks.length, 1);
  return file.blocks[0] as TerraformBlock;
}

function attribute(block: TerraformBlock, key: string): TreeNode {
  const entry = entryOf(block.attributes, key);
  assert.ok(entry, `attribute ${key} missing`);
  return entry.value;
}

function scalarOf(node: TreeNode): unknown {
  assert.equal(node.kind, 'scalar');
  return node.kind === 'scalar' ? node.value : undefined;
}

function expressionText(node: TreeNode): string | undefined {
  assert.equal(node.kind, 'expression');
  return node.kind === 'expression' ? node.text : undefined;
}

async function attributesOf(source: string): Promise<TerraformBlock> {
  const file = await parseTerraform('main.tf', `locals {\n${source}\n}\n`);
  assert.deepEqual(file.errors, []);
  return onlyBlock(file);
}

describe('parseTerraform blocks', () => {
  it('reads resource type and labels', async () => {
    const file = await parseTerraform('infra/main.tf', BUCKET);
    const block = onlyBlock(file);
    assert.equal(file.path, 'infra/main.tf');
    assert.equal(block.type, 'resource');
    assert.deepEqual(block.labels, ['aws_s3_bucket', 'logs']);
    assert.deepEqual(block.span, { startLine: 2, startColumn: 1, endLine: 17, endColumn: 2 });
    assert.deepEqual(file.errors, []);
  });

  it('reads literal attribute values', async () => {
    const block = onlyBlock(await parseTerraform('main.tf', BUCKET));
    assert.deepEqual(
      block.attributes.entries.map((entry) => entry.key),
      ['bucket', 'force_destroy', 'max_age', 'ratio', 'owner', 'tags', 'cidrs'],
    );
    assert.equal(scalarOf(attribute(block, 'bucket')), 'acme-logs');
    assert.equal(scalarOf(attribute(block, 'force_destroy')), false);
    assert.equal(scalarOf(attribute(block, 'max_age')), 30);
    assert.equal(scalarOf(attribute(block, 'ratio')), 150);
    assert.equal(scalarOf(attribute(block, 'owner')), null);
  });

  it('reads maps and lists', async () => {
    const block = onlyBlock(await parseTerraform('main.tf', BUCKET));
    const tags = attribute(block, 'tags');
    assert.equal(tags.kind, 'map');
    assert.equal(scalarOf(entryOf(tags, 'Name')?.value as TreeNode), 'logs');
    assert.equal(scalarOf(entryOf(tags, 'team-id')?.value as TreeNode), 7);
    assert.deepEqual(entryOf(tags, 'team-id')?.keySpan, { startLine: 10, startColumn: 5, endLine: 10, endColumn: 14 });
    const cidrs = attribute(block, 'cidrs');
    assert.equal(cidrs.kind, 'list');
    assert.deepEqual(
      cidrs.kind === 'list' ? cidrs.items.map(scalarOf) : [],
      ['10.0.0.0/8', '0.0.0.0/0'],
    );
  });

  it('gives exact attribute spans', async () => {
    const block = onlyBlock(await parseTerraform('main.tf', BUCKET));
    const entry = entryOf(block.attributes, 'bucket');
    assert.deepEqual(entry?.keySpan, { startLine: 3, startColumn: 3, endLine: 3, endColumn: 9 });
    assert.deepEqual(entry?.value.span, { startLine: 3, startColumn: 19, endLine: 3, endColumn: 30 });
    assert.deepEqual(attribute(block, 'tags').span, { startLine: 8, startColumn: 10, endLine: 11, endColumn: 4 });
  });

  it('keeps nested blocks', async () => {
    const block = onlyBlock(await parseTerraform('main.tf', BUCKET));
    assert.equal(block.blocks.length, 1);
    const versioning = block.blocks[0] as TerraformBlock;
    assert.equal(versioning.type, 'versioning');
    assert.deepEqual(versioning.labels, []);
    assert.deepEqual(versioning.span, { startLine: 14, startColumn: 3, endLine: 16, endColumn: 4 });
    assert.equal(scalarOf(attribute(versioning, 'enabled')), true);
  });

  it('keeps dynamic blocks', async () => {
    const source = [
      'resource "aws_security_group" "web" {',
      '  dynamic "ingress" {',
      '    for_each = var.ports',
      '    content {',
      '      from_port   = ingress.value',
      '      cidr_blocks = ["0.0.0.0/0"]',
      '    }',
      '  }',
      '}',
    ].join('\n');
    const group = onlyBlock(await parseTerraform('sg.tf', source));
    const dynamic = group.blocks[0] as TerraformBlock;
    assert.equal(dynamic.type, 'dynamic');
    assert.deepEqual(dynamic.labels, ['ingress']);
    assert.equal(expressionText(attribute(dynamic, 'for_each')), 'var.ports');
    const content = dynamic.blocks[0] as TerraformBlock;
    assert.equal(content.type, 'content');
    assert.deepEqual(content.span, { startLine: 4, startColumn: 5, endLine: 7, endColumn: 6 });
    assert.equal(expressionText(attribute(content, 'from_port')), 'ingress.value');
  });

  it('reads all top-level block kinds', async () => {
    const source = [
      'terraform {\n  required_version = ">= 1.5"\n}',
      'provider "aws" {\n  region = "eu-west-1"\n}',
      'variable "env" {\n  default = "dev"\n}',
      'locals {\n  name = "x"\n}',
      'data "aws_caller_identity" "me" {}',
      'module "net" {\n  source = "./modules/net"\n}',
      'output "id" {\n  value = module.net.id\n}',
      'resource aws_instance unquoted {}',
    ].join('\n\n');
    const file = await parseTerraform('all.tf', source);
    assert.deepEqual(file.errors, []);
    assert.deepEqual(
      file.blocks.map((block) => [block.type, ...block.labels]),
      [
        ['terraform'],
        ['provider', 'aws'],
        ['variable', 'env'],
        ['locals'],
        ['data', 'aws_caller_identity', 'me'],
        ['module', 'net'],
        ['output', 'id'],
        ['resource', 'aws_instance', 'unquoted'],
      ],
    );
    const module = file.blocks[5] as TerraformBlock;
    assert.equal(scalarOf(attribute(module, 'source')), './modules/net');
  });

  it('unescapes quoted labels', async () => {
    const block = onlyBlock(await parseTerraform('main.tf', 'resource "a\\"b" "c\\u00e9" {}\n'));
    assert.deepEqual(block.labels, ['a"b', 'cé']);
  });
});

describe('parseTerraform expressions', () => {
  it('keeps references as expressions', async () => {
    const block = await attributesOf(
      [
        'ref   = var.acl',
        'index = var.list[0]',
        'splat = aws_instance.web[*].id',
        'call  = lookup(var.map, "k", "d")',
        'cond  = var.prod ? "private" : "public-read"',
        'forx  = [for s in var.names : upper(s)]',
        'sum   = 1 + 2',
        'paren = (var.x)',
        'not   = !true',
      ].join('\n'),
    );
    assert.equal(expressionText(attribute(block, 'ref')), 'var.acl');
    assert.equal(expressionText(attribute(block, 'index')), 'var.list[0]');
    assert.equal(expressionText(attribute(block, 'splat')), 'aws_instance.web[*].id');
    assert.equal(expressionText(attribute(block, 'call')), 'lookup(var.map, "k", "d")');
    assert.equal(expressionText(attribute(block, 'cond')), 'var.prod ? "private" : "public-read"');
    assert.equal(expressionText(attribute(block, 'forx')), '[for s in var.names : upper(s)]');
    assert.equal(expressionText(attribute(block, 'sum')), '1 + 2');
    assert.equal(expressionText(attribute(block, 'paren')), 'var.x');
    assert.equal(expressionText(attribute(block, 'not')), '!true');
  });

  it('keeps interpolations as expressions', async () => {
    const block = await attributesOf('name = "logs-${var.env}"\ndirective = "%{ if var.x }a%{ endif }"');
    assert.equal(expressionText(attribute(block, 'name')), '"logs-${var.env}"');
    assert.equal(expressionText(attribute(block, 'directive')), '"%{ if var.x }a%{ endif }"');
  });

  it('reads escaped strings as literals', async () => {
    const block = await attributesOf('a = "line\\nnext \\u00e9"\nb = "$${not.interpolated}"\nc = ""');
    assert.equal(scalarOf(attribute(block, 'a')), 'line\nnext é');
    assert.equal(scalarOf(attribute(block, 'b')), '${not.interpolated}');
    assert.equal(scalarOf(attribute(block, 'c')), '');
  });

  it('reads negative numbers', async () => {
    const block = await attributesOf('from = -1\nfrac = -0.5\nneg_ref = -var.x');
    assert.equal(scalarOf(attribute(block, 'from')), -1);
    assert.equal(scalarOf(attribute(block, 'frac')), -0.5);
    assert.equal(expressionText(attribute(block, 'neg_ref')), '-var.x');
  });

  it('reads literal heredocs', async () => {
    const block = await attributesOf(
      'plain = <<EOT\n{\n  "Effect": "Allow"\n}\nEOT\nflush = <<-EOT\n    a\n      b\n    EOT',
    );
    assert.equal(scalarOf(attribute(block, 'plain')), '{\n  "Effect": "Allow"\n}\n');
    assert.equal(scalarOf(attribute(block, 'flush')), 'a\n  b\n');
    assert.deepEqual(attribute(block, 'plain').span, { startLine: 2, startColumn: 9, endLine: 6, endColumn: 4 });
  });

  it('keeps interpolated heredocs unknown', async () => {
    const block = await attributesOf('doc = <<EOT\nhello ${var.name}\nEOT');
    assert.equal(expressionText(attribute(block, 'doc')), '<<EOT\nhello ${var.name}\nEOT');
  });

  it('keeps computed object keys unknown', async () => {
    const block = await attributesOf('tags = { (var.key) = "v", fixed = 1 }\nnested = { a = { b = [1, { c = var.x }] } }');
    assert.equal(expressionText(attribute(block, 'tags')), '{ (var.key) = "v", fixed = 1 }');
    const nested = attribute(block, 'nested');
    const list = entryOf(entryOf(nested, 'a')?.value, 'b')?.value;
    assert.equal(list?.kind, 'list');
    const inner = list?.kind === 'list' ? list.items[1] : undefined;
    assert.equal(expressionText(entryOf(inner, 'c')?.value as TreeNode), 'var.x');
  });

  it('counts columns in UTF-16 units', async () => {
    const block = await attributesOf('a = "😀é"\nb = 2');
    assert.deepEqual(attribute(block, 'a').span, { startLine: 2, startColumn: 5, endLine: 2, endColumn: 10 });
    assert.equal(scalarOf(attribute(block, 'a')), '😀é');
  });
});

describe('parseTerraform tfvars', () => {
  it('reads top-level attributes', async () => {
    const file = await parseTerraform('prod.tfvars', 'region = "eu-west-1"\r\nsizes  = [1, 2]\r\n');
    assert.deepEqual(file.blocks, []);
    assert.deepEqual(file.errors, []);
    assert.deepEqual(
      file.attributes.entries.map((entry) => [entry.key, entry.keySpan.startLine]),
      [['region', 1], ['sizes', 2]],
    );
    assert.equal(scalarOf(entryOf(file.attributes, 'region')?.value as TreeNode), 'eu-west-1');
  });

  it('reads an object-style tfvars file', async () => {
    const file = await parseTerraform('prod.tfvars', '{\n  "region": "eu-west-1"\n}\n');
    assert.deepEqual(file.errors, []);
    assert.equal(scalarOf(entryOf(file.attributes, 'region')?.value as TreeNode), 'eu-west-1');
  });

  it('accepts empty and comment-only files', async () => {
    for (const text of ['', '# nothing\n// here\n/* at all */\n']) {
      const file = await parseTerraform('empty.tf', text);
      assert.deepEqual(file.blocks, []);
      assert.deepEqual(file.attributes.entries, []);
      assert.deepEqual(file.errors, []);
    }
  });
});

describe('parseTerraform syntax errors', () => {
  it('reports a missing closing brace', async () => {
    const file = await parseTerraform('main.tf', 'resource "a" "b" {\n  x = [1, 2\n}\nresource "c" "d" {\n  y = 1\n}\n');
    assert.deepEqual(file.errors, [
      { line: 3, column: 1, message: 'missing "]"; the unclosed list starts on line 2' },
    ]);
    assert.deepEqual(
      file.blocks.map((block) => block.labels[1]),
      ['b', 'd'],
    );
    const second = file.blocks[1] as TerraformBlock;
    assert.equal(scalarOf(attribute(second, 'y')), 1);
  });

  it('keeps blocks around a broken one', async () => {
    const source = 'resource "a" "b" {\n  x = 1 +\n}\n\nvariable "v" {\n  default = 2\n}\n';
    const file = await parseTerraform('main.tf', source);
    assert.equal(file.errors.length, 1);
    assert.equal(file.errors[0]?.line, 2);
    assert.match(file.errors[0]?.message ?? '', /^syntax error at "\+"$/);
    const variable = file.blocks[1] as TerraformBlock;
    assert.deepEqual([variable.type, ...variable.labels], ['variable', 'v']);
    assert.equal(scalarOf(attribute(variable, 'default')), 2);
  });

  it('reports an unterminated string', async () => {
    const file = await parseTerraform('main.tf', 'locals {\n  a = 1\n  b = "open\n}\n');
    // The grammar lets a quoted string run past the line end, so the
    // missing quote is found at the end of the file.
    assert.deepEqual(file.errors, [
      { line: 5, column: 1, message: 'missing closing quote; the unclosed string starts on line 3' },
      { line: 5, column: 1, message: 'missing "}"; the unclosed block starts on line 1' },
    ]);
    const locals = onlyBlock(file);
    assert.equal(scalarOf(attribute(locals, 'a')), 1);
    assert.equal(attribute(locals, 'b').kind, 'expression');
  });

  it('reports duplicate attributes', async () => {
    const file = await parseTerraform('main.tf', 'locals {\n  a = 1\n  a = 2\n}\n');
    assert.deepEqual(file.errors, [{ line: 3, column: 3, message: 'attribute "a" is already defined on line 2' }]);
    assert.equal(scalarOf(attribute(onlyBlock(file), 'a')), 1);
  });

  it('names the unclosed block', async () => {
    const file = await parseTerraform('main.tf', 'resource "a" "b" {\n  x = 1\n\nresource "c" "d" {\n  y = 1\n}\n');
    assert.deepEqual(file.errors, [
      { line: 7, column: 1, message: 'missing "}"; the unclosed block starts on line 1' },
    ]);
    // Tree-sitter recovers by nesting the second resource inside the first.
    assert.equal(file.blocks.length, 1);
    assert.deepEqual(file.blocks[0]?.blocks[0]?.labels, ['c', 'd']);
  });

  it('survives a stray closing brace', async () => {
    const file = await parseTerraform('main.tf', 'resource "a" "b" { x = 1 }\n}}}\nresource "c" "d" {\n y = 2\n}\n');
    assert.equal(file.errors[0]?.line, 2);
    assert.deepEqual(file.blocks[0]?.labels, ['a', 'b']);
  });

  it('caps the number of errors', async () => {
    const file = await parseTerraform('main.tf', '= = =\n'.repeat(500));
    assert.ok(file.errors.length >= 1);
    assert.ok(file.errors.length <= 20);
  });
});

describe('parseTerraform hostile input', () => {
  it('bounds deeply nested values', async () => {
    const depth = 20_000;
    const file = await parseTerraform('deep.tf', `a = ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    const value = entryOf(file.attributes, 'a')?.value;
    let level = 0;
    let node = value;
    while (node?.kind === 'list') {
      node = node.items[0];
      level += 1;
    }
    assert.ok(level > 10, `read ${level} levels`);
    assert.ok(level < 100, `read ${level} levels`);
    assert.equal(node?.kind, 'expression');
  });

  it('bounds deeply nested blocks', async () => {
    const depth = 100;
    const file = await parseTerraform('deep.tf', `${'b {\n'.repeat(depth)}${'}\n'.repeat(depth)}`);
    assert.deepEqual(file.errors.map((error) => error.message), [
      'blocks nested more than 32 levels deep are not read',
    ]);
    assert.equal(file.errors[0]?.line, 33);
  });

  it('rejects a parse over the time limit', async () => {
    const big = 'resource "a" "b" {\n  x = [1, 2, 3]\n}\n'.repeat(30_000);
    await assert.rejects(parseTerraform('big.tf', big, { timeLimitMs: 1 }), (error: unknown) => {
      assert.ok(error instanceof IacParseError);
      assert.equal(error.message, 'big.tf: parsing took longer than 1 ms; the file was skipped');
      return true;
    });
    const after = await parseTerraform('next.tf', 'locals {\n  ok = true\n}\n');
    assert.deepEqual(after.errors, []);
    assert.equal(scalarOf(attribute(onlyBlock(after), 'ok')), true);
  });

  it('parses a 1 MB file', async () => {
    const resource = (index: number) =>
      `resource "aws_s3_bucket" "b${index}" {\n  bucket = "b-${index}-\${var.env}"\n  acl    = "private"\n  tags = {\n    Name = "b${index}"\n  }\n  versioning {\n    enabled = true\n  }\n}\n\n`;
    const text = Array.from({ length: 6_500 }, (_, index) => resource(index)).join('');
    assert.ok(text.length > 1_000_000);
    const file = await parseTerraform('big.tf', text);
    assert.equal(file.blocks.length, 6_500);
    assert.deepEqual(file.errors, []);
    const last = file.blocks[6_499] as TerraformBlock;
    assert.deepEqual(last.labels, ['aws_s3_bucket', 'b6499']);
    assert.equal(last.span.startLine, 6_499 * 11 + 1);
  });

  it('loads the grammar once', async () => {
    const [first, second] = await Promise.all([terraformParser(), terraformParser()]);
    assert.equal(first, second);
  });
});

describe('parseTerraform: numbers with an exponent', () => {
  it('reads them as unknown values and parses the rest of the file', async () => {
    const file = await parseTerraform(
      'main.tf',
      'locals {\n  n = 1e9\n  s = "1e9 stays text"\n}\nresource "aws_s3_bucket_acl" "a" {\n  acl = "public-read"\n}\n',
    );
    assert.deepEqual(file.errors, []);
    assert.deepEqual(file.blocks.map((block) => block.type), ['locals', 'resource']);
    const locals = file.blocks[0]?.attributes.entries ?? [];
    assert.equal(locals[0]?.value.kind, 'expression');
    assert.deepEqual(locals[1]?.value.kind === 'scalar' ? locals[1].value.value : undefined, '1e9 stays text');
  });
});
