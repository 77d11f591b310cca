import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

import type { ScanReport } from '../../src/core/report-types.js';
import type { FormatOptions } from '../../src/report/format-options.js';
import { formatJunit } from '../../src/report/junit.js';
import { PLANTED_SECRET, makeFinding, makeReport } from './sample-report.js';

const OPTIONS: FormatOptions = { color: false, minSeverity: 'low' };

type Attributes = Record<string, string>;
interface Element {
  attributes: Attributes;
  text: string;
  children: Record<string, Element[]>;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: 'attributes',
  textNodeName: 'text',
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: () => true,
});

/** Parses the output into elements whose children are always arrays. */
function parse(xml: string): Element {
  const validation = XMLValidator.validate(xml);
  assert.equal(validation, true, JSON.stringify(validation));
  const document = parser.parse(xml) as Record<string, unknown[]>;
  const root = document.testsuites?.[0];
  assert.ok(root, 'no <testsuites> element');
  return toElement(root);
}

function toElement(node: unknown): Element {
  if (typeof node === 'string') return { attributes: {}, text: node, children: {} };
  const record = node as Record<string, unknown>;
  const element: Element = { attributes: {}, text: '', children: {} };
  for (const [key, value] of Object.entries(record)) {
    const values = Array.isArray(value) ? (value as unknown[]) : [value];
    if (key === 'attributes') element.attributes = (values[0] ?? {}) as Attributes;
    else if (key === 'text') element.text = values.join('');
    else element.children[key] = values.map(toElement);
  }
  return element;
}

function children(element: Element, name: string): Element[] {
  return element.children[name] ?? [];
}

function suite(root: Element, name: string): Element {
  const found = children(root, 'testsuite').find((element) => element.attributes.name === name);
  assert.ok(found, `no testsuite ${name}`);
  return found;
}

function testCase(parent: Element, name: string): Element {
  const found = children(parent, 'testcase').find((element) => element.attributes.name === name);
  assert.ok(found, `no testcase ${name}`);
  return found;
}

function junit(report: ScanReport, options: FormatOptions = OPTIONS): Element {
  return parse(formatJunit(report, options));
}

describe('junit format', () => {
  it('has one suite per scanner that ran', () => {
    const root = junit(makeReport());
    const names = children(root, 'testsuite').map((element) => element.attributes.name);
    assert.deepEqual(names, ['secrets', 'deps', 'iac', 'sast', 'pipeline', 'supply-chain']);
  });

  it('has one case per rule with findings', () => {
    const secrets = suite(junit(makeReport()), 'secrets');
    const names = children(secrets, 'testcase').map((element) => element.attributes.name);
    assert.deepEqual(names, [
      'secrets/aws-access-key-id',
      'secrets/github-pat',
      'secrets/generic-api-key',
    ]);
    for (const element of children(secrets, 'testcase')) {
      assert.equal(element.attributes.classname, 'secrets');
    }
  });

  it('writes a failure per finding', () => {
    const aws = testCase(suite(junit(makeReport()), 'secrets'), 'secrets/aws-access-key-id');
    const failures = children(aws, 'failure');
    assert.equal(failures.length, 1);
    assert.equal(failures[0]?.attributes.message, 'AWS access key ID');
    assert.equal(failures[0]?.attributes.type, 'critical');
    const body = 'src/config/aws.ts:12 AWS access key ID assigned to accessKeyId';
    assert.equal(failures[0]?.text, body);
  });

  it('writes suppressed findings as skipped', () => {
    const generic = testCase(suite(junit(makeReport()), 'secrets'), 'secrets/generic-api-key');
    assert.equal(children(generic, 'failure').length, 0);
    const skipped = children(generic, 'skipped');
    assert.equal(skipped.length, 1);
    assert.equal(skipped[0]?.attributes.message, 'suppressed: fake key used by the unit tests');
  });

  it('adds a passing case for a scanner without findings', () => {
    const supplyChain = suite(junit(makeReport()), 'supply-chain');
    const cases = children(supplyChain, 'testcase');
    assert.equal(cases.length, 1);
    assert.equal(cases[0]?.attributes.name, 'no findings');
    assert.deepEqual(Object.keys(cases[0]?.children ?? {}), []);
    assert.equal(supplyChain.attributes.tests, '1');
    assert.equal(supplyChain.attributes.failures, '0');
  });

  it('counts tests, failures and skipped', () => {
    const root = junit(makeReport());
    assert.deepEqual(pickCounts(suite(root, 'secrets')), ['3', '2', '1', '0']);
    assert.deepEqual(pickCounts(suite(root, 'iac')), ['2', '1', '1', '0']);
    // 8 rules plus the passing case of supply-chain; iac/aws-s3-public-read is
    // a medium finding, so it fails at minSeverity low.
    assert.deepEqual(pickCounts(root), ['9', '6', '2', '0']);
    assert.equal(suite(root, 'secrets').attributes.time, '0.410');
  });

  it('leaves out failures below minSeverity', () => {
    const root = junit(makeReport(), { ...OPTIONS, minSeverity: 'high' });
    const iac = testCase(suite(root, 'iac'), 'iac/aws-s3-public-read');
    assert.equal(children(iac, 'failure').length, 0);
    assert.equal(children(iac, 'system-out')[0]?.text, '1 finding below the display threshold');
    assert.equal(root.attributes.failures, '3');
  });

  it('reports a failed scanner as an error', () => {
    const report = makeReport(undefined, {
      scanners: [
        { id: 'deps', status: 'failed', durationMs: 5, error: 'lockfile <broken> & "odd"' },
      ],
    });
    const deps = suite(junit(report), 'deps');
    const error = children(testCase(deps, 'deps scan'), 'error')[0];
    assert.equal(error?.attributes.message, 'lockfile <broken> & "odd"');
    assert.equal(deps.attributes.errors, '1');
  });

  it('adds suites for findings of scanners not listed', () => {
    const report = makeReport(undefined, { scanners: [] });
    const names = children(junit(report), 'testsuite').map((element) => element.attributes.name);
    assert.deepEqual(names, ['secrets', 'deps', 'iac', 'sast', 'pipeline']);
  });

  it('escapes markup and strips forbidden characters', () => {
    const finding = makeFinding({
      ruleId: 'sast/odd',
      severity: 'high',
      title: 'Bell \u0007 and "quotes" <b>',
      message: 'a < b && c > d\u0000\u001b[31m ]]> \ud800 line\nbreak',
    });
    const xml = formatJunit(makeReport([finding]), OPTIONS);
    assert.equal(xml.includes('\u0000'), false);
    assert.equal(xml.includes('\u0007'), false);
    assert.equal(xml.includes('\u001b'), false);
    const failure = children(testCase(suite(parse(xml), 'sast'), 'sast/odd'), 'failure')[0];
    assert.equal(failure?.attributes.message, 'Bell  and "quotes" <b>');
    assert.equal(failure?.text, 'src/index.ts:1 a < b && c > d[31m ]]>  line\nbreak');
  });

  it('never outputs the planted secret', () => {
    const options: FormatOptions = { ...OPTIONS, minSeverity: 'info', showSuppressed: true };
    const xml = formatJunit(makeReport(), options);
    assert.equal(xml.includes(PLANTED_SECRET), false);
  });
});

function pickCounts(element: Element): (string | undefined)[] {
  const { tests, failures, skipped, errors } = element.attributes;
  return [tests, failures, skipped, errors];
}
