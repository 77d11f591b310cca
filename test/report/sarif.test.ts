import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { UsageError } from '../../src/core/errors.js';
import { SEVERITIES } from '../../src/core/finding.js';
import type { Finding, Severity } from '../../src/core/finding.js';
import type { ScanReport } from '../../src/core/report-types.js';
import type { FormatOptions } from '../../src/report/format-options.js';
import { buildSarifLog, formatSarif } from '../../src/report/sarif.js';
import { PLANTED_SECRET, makeFinding, makeReport } from './sample-report.js';
import { describeErrors, sarifValidator } from './validators.js';

const validate = sarifValidator();
const OPTIONS: FormatOptions = { color: false, minSeverity: 'info' };

/** The parts of a SARIF log that the tests read. */
interface Log {
  version: string;
  runs: Run[];
}
interface Run {
  tool: { driver: Driver };
  automationDetails: { id: string };
  originalUriBaseIds: Record<string, { uri?: string }>;
  invocations: Invocation[];
  results: Result[];
}
interface Driver {
  name: string;
  version: string;
  semanticVersion?: string;
  informationUri: string;
  rules: Rule[];
}
interface Rule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; precision: string; 'security-severity': string };
}
interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: PhysicalLocation }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; status: string; justification: string }[];
  properties: Record<string, unknown>;
}
interface PhysicalLocation {
  artifactLocation: { uri: string; uriBaseId?: string };
  region: Record<string, unknown>;
}
interface Notification {
  level: string;
  message: { text: string };
  descriptor: { id: string };
}
interface Invocation {
  executionSuccessful: boolean;
  toolExecutionNotifications?: Notification[];
  toolConfigurationNotifications?: { message: { text: string } }[];
}

function sarif(report: ScanReport, options: FormatOptions = OPTIONS): { log: Log; text: string } {
  const text = formatSarif(report, options);
  return { log: JSON.parse(text) as Log, text };
}

function onlyRun(log: Log): Run {
  assert.equal(log.runs.length, 1);
  return log.runs[0] as Run;
}

function resultFor(run: Run, ruleId: string): Result {
  const result = run.results.find((candidate) => candidate.ruleId === ruleId);
  assert.ok(result, `no result for ${ruleId}`);
  return result;
}

describe('sarif format', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    const { log } = sarif(makeReport());
    assert.equal(validate(log), true, describeErrors(validate));
    assert.equal(log.version, '2.1.0');
  });

  it('schema check catches an invalid log', () => {
    const { log } = sarif(makeReport());
    const result = onlyRun(log).results[0] as Result;
    result.level = 'fatal';
    assert.equal(validate(log), false);
  });

  it('empty report validates', () => {
    const { log } = sarif(makeReport([], { suppressionProblems: [], errors: [] }));
    assert.equal(validate(log), true, describeErrors(validate));
    assert.deepEqual(onlyRun(log).results, []);
    assert.deepEqual(onlyRun(log).tool.driver.rules, []);
  });

  it('maps each severity to level and security-severity', () => {
    const expected: Record<Severity, [string, string]> = {
      critical: ['error', '9.5'],
      high: ['error', '8.0'],
      medium: ['warning', '5.5'],
      low: ['note', '2.0'],
      info: ['note', '0.0'],
    };
    const findings = SEVERITIES.map((severity) =>
      makeFinding({ ruleId: `sast/rule-${severity}`, severity }),
    );
    const run = onlyRun(sarif(makeReport(findings)).log);

    for (const severity of SEVERITIES) {
      const [level, score] = expected[severity];
      const result = resultFor(run, `sast/rule-${severity}`);
      const rule = run.tool.driver.rules[result.ruleIndex] as Rule;
      assert.equal(result.level, level, `result level of ${severity}`);
      assert.equal(rule.defaultConfiguration.level, level, `rule level of ${severity}`);
      assert.equal(rule.properties['security-severity'], score, `score of ${severity}`);
    }
  });

  it('describes the tool driver', () => {
    const driver = onlyRun(sarif(makeReport()).log).tool.driver;
    assert.equal(driver.name, 'Rampart');
    assert.equal(driver.version, '0.1.0');
    assert.equal(driver.semanticVersion, '0.1.0');
    assert.match(driver.informationUri, /^https:\/\//);
  });

  it('builds one rule per rule id with GitHub properties', () => {
    const report = makeReport();
    const run = onlyRun(sarif(report).log);
    const ids = new Set(report.findings.map((finding) => finding.ruleId));
    assert.deepEqual(run.tool.driver.rules.map((rule) => rule.id).sort(), [...ids].sort());

    const aws = run.tool.driver.rules.find((rule) => rule.id === 'secrets/aws-access-key-id');
    assert.ok(aws);
    assert.equal(aws.shortDescription.text, 'AWS access key ID');
    assert.match(aws.fullDescription.text, /CWE-798/);
    assert.match(aws.help.text, /^Deactivate the key in IAM/);
    assert.match(aws.help.markdown, /\*\*References\*\*\n\n- <https:\/\/docs\.aws\.amazon\.com\//);
    assert.ok(aws.properties.tags.includes('security'));
    assert.ok(aws.properties.tags.includes('secrets'));
    assert.ok(aws.properties.tags.includes('external/cwe/cwe-798'));
    assert.ok(aws.properties.tags.includes('external/owasp/a07:2021'));
    assert.equal(aws.properties.precision, 'high');
  });

  it('maps confidence to precision', () => {
    const run = onlyRun(sarif(makeReport()).log);
    const precision = (id: string): string | undefined =>
      run.tool.driver.rules.find((rule) => rule.id === id)?.properties.precision;
    assert.equal(precision('iac/aws-s3-public-read'), 'medium');
    assert.equal(precision('sast/js-eval-injection'), 'low');
  });

  it('keeps rule tags within the GitHub limit', () => {
    const tags = Array.from({ length: 30 }, (_, index) => `tag-${index}`);
    const run = onlyRun(sarif(makeReport([makeFinding({ ruleId: 'sast/x', tags })])).log);
    const rule = run.tool.driver.rules[0] as Rule;
    assert.equal(rule.properties.tags.length, 20);
    assert.equal(rule.properties.tags[0], 'security');
  });

  it('gives results location, region and fingerprints', () => {
    const run = onlyRun(sarif(makeReport()).log);
    const result = resultFor(run, 'secrets/aws-access-key-id');
    const location = result.locations[0]?.physicalLocation;
    assert.ok(location);
    assert.deepEqual(location.artifactLocation, {
      uri: 'src/config/aws.ts',
      uriBaseId: '%SRCROOT%',
    });
    assert.deepEqual(location.region, {
      startLine: 12,
      startColumn: 22,
      endLine: 12,
      endColumn: 42,
      snippet: { text: 'const accessKeyId = "AKIA****************";' },
    });
    assert.deepEqual(result.partialFingerprints, {
      primaryLocationLineHash: '3f1c9a0d2b7e4c51:1',
      'rampart/v1': '3f1c9a0d2b7e4c51',
    });
    assert.equal(result.message.text, 'AWS access key ID assigned to accessKeyId');
    assert.equal(run.tool.driver.rules[result.ruleIndex]?.id, result.ruleId);
  });

  it('numbers repeated fingerprints', () => {
    const findings = [1, 2].map((line) => {
      const location = {
        path: 'a.ts',
        startLine: line,
        startColumn: 1,
        endLine: line,
        endColumn: 5,
      };
      return makeFinding({ ruleId: 'secrets/jwt', fingerprint: 'same', location });
    });
    const run = onlyRun(sarif(makeReport(findings)).log);
    const hashes = run.results.map((result) => result.partialFingerprints.primaryLocationLineHash);
    assert.deepEqual(hashes, ['same:1', 'same:2']);
  });

  it('percent-encodes paths', () => {
    const run = onlyRun(sarif(makeReport()).log);
    const result = resultFor(run, 'iac/aws-s3-public-read');
    const uri = result.locations[0]?.physicalLocation.artifactLocation.uri;
    assert.equal(uri, 'infra/main%20tf/bucket.tf');
  });

  it('marks suppressed findings', () => {
    const run = onlyRun(sarif(makeReport()).log);
    assert.deepEqual(resultFor(run, 'secrets/generic-api-key').suppressions?.map(pickSuppression), [
      { kind: 'inSource', status: 'accepted', justification: 'fake key used by the unit tests' },
    ]);
    assert.deepEqual(resultFor(run, 'iac/aws-s3-versioning').suppressions?.map(pickSuppression), [
      { kind: 'external', status: 'accepted', justification: 'log bucket is rebuilt daily' },
    ]);
    assert.equal(resultFor(run, 'secrets/github-pat').suppressions, undefined);
  });

  it('adds commit, confidence and severity properties', () => {
    const run = onlyRun(sarif(makeReport()).log);
    const properties = resultFor(run, 'secrets/github-pat').properties;
    assert.equal(properties.severity, 'high');
    assert.equal(properties.confidence, 'high');
    assert.deepEqual(properties.commit, {
      sha: '9b2e41c7a3f05d8e6b1c2a4f7e9d0b3c5a6f8e21',
      author: 'Dana Ortiz',
      email: 'dana@example.com',
      date: '2024-03-18T09:41:07Z',
      summary: 'Add deploy script',
    });
    assert.deepEqual(properties.secret, { redacted: 'ghp_****************************' });
  });

  it('sets automation id from mode or option', () => {
    const history = makeReport([], { target: { path: '.', mode: 'history' } });
    assert.equal(onlyRun(sarif(history).log).automationDetails.id, 'rampart/history/');
    const custom = sarif(makeReport(), { ...OPTIONS, automationId: 'rampart/nightly/' });
    assert.equal(onlyRun(custom.log).automationDetails.id, 'rampart/nightly/');
  });

  it('gives an absolute target as base URI', () => {
    const report = makeReport([], { target: { path: '/srv/shop', mode: 'tree' } });
    const run = onlyRun(sarif(report).log);
    assert.equal(run.originalUriBaseIds['%SRCROOT%']?.uri, 'file:///srv/shop/');
    assert.equal(onlyRun(sarif(makeReport()).log).originalUriBaseIds['%SRCROOT%']?.uri, undefined);
  });

  it('reports scanner failures and file errors', () => {
    const report = makeReport(undefined, {
      scanners: [
        { id: 'secrets', status: 'ok', durationMs: 10 },
        { id: 'deps', status: 'failed', durationMs: 3, error: 'advisory database missing' },
      ],
      gate: { failOn: 'high', scannerFailOn: {}, failing: 2, exitCode: 3 },
    });
    const { log } = sarif(report);
    assert.equal(validate(log), true, describeErrors(validate));

    const invocation = onlyRun(log).invocations[0];
    assert.ok(invocation);
    assert.equal(invocation.executionSuccessful, false);
    const texts = invocation.toolExecutionNotifications?.map((n) => n.message.text) ?? [];
    assert.deepEqual(texts, [
      'Scanner deps failed: advisory database missing',
      'config/broken.yaml: Invalid YAML at line 3: bad indentation',
    ]);
    assert.equal(invocation.toolConfigurationNotifications?.length, 1);
  });

  it('succeeds when every scanner ran', () => {
    const invocation = onlyRun(sarif(makeReport()).log).invocations[0];
    assert.equal(invocation?.executionSuccessful, true);
  });

  it('rejects showSecrets', () => {
    assert.throws(() => formatSarif(makeReport(), { ...OPTIONS, showSecrets: true }), UsageError);
  });

  it('never outputs the planted secret', () => {
    const { text } = sarif(makeReport());
    assert.equal(text.includes(PLANTED_SECRET), false);
  });

  it('truncates to 25,000 results, most severe first', () => {
    const findings: Finding[] = [];
    for (let index = 0; index < 26_000; index += 1) {
      let severity: Severity = index % 2 === 0 ? 'low' : 'info';
      if (index % 26 === 0) severity = 'critical';
      findings.push(
        makeFinding({ ruleId: `sast/synthetic-${index % 40}`, severity, fingerprint: `f${index}` }),
      );
    }
    const counts = countBy(findings, (finding) => finding.severity);
    const { log } = sarif(makeReport(findings));
    const run = onlyRun(log);

    assert.equal(run.results.length, 25_000);
    const kept = countBy(run.results, (result) => String(result.properties.severity));
    assert.equal(kept.critical, counts.critical);
    assert.equal(kept.low, counts.low);
    assert.equal(kept.info, (counts.info ?? 0) - 1000);

    const notices = run.invocations[0]?.toolExecutionNotifications ?? [];
    const truncated = notices.find((n) => n.descriptor.id === 'rampart/results-truncated');
    assert.ok(truncated);
    assert.match(truncated.message.text, /^1,000 findings were left out/);
    assert.ok(run.tool.driver.rules.length <= 25_000);
    assert.equal(validate(log), true, describeErrors(validate));
  });
});

function pickSuppression(suppression: { kind: string; status: string; justification: string }) {
  const { kind, status, justification } = suppression;
  return { kind, status, justification };
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

it('makes paths relative to the repository when a subfolder is scanned', () => {
  const report = makeReport();
  const path = report.findings[0]?.location.path;

  const log = buildSarifLog(report, {
    color: false,
    minSeverity: 'info',
    repository: { root: '/work/repo', prefix: 'services/api' },
  }) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]; originalUriBaseIds: Record<string, { uri?: string }> }[] };

  const run = log.runs[0];
  assert.equal(run?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri, `services/api/${path}`);
  assert.equal(run?.originalUriBaseIds['%SRCROOT%']?.uri, 'file:///work/repo/');
});

describe('sarif code flows', () => {
  it('writes a taint finding\'s path as one thread flow, source first', () => {
    const step = (line: number, message: string) => ({ path: 'src/app.js', startLine: line, startColumn: 3, endLine: line, endColumn: 20, message });
    const finding = makeFinding({
      ruleId: 'sast/js-sql-injection',
      scanner: 'sast',
      flow: [step(2, 'source: req.query'), step(3, 'assigned to sql'), step(4, 'reaches the sink: sql')],
    });
    const log = buildSarifLog(makeReport([finding]), OPTIONS) as unknown as { runs: Array<{ results: Array<{ codeFlows?: Array<{ threadFlows: Array<{ locations: Array<{ location: { message: { text: string }; physicalLocation: { region: { startLine: number } } } }> }> }> }> }> };
    assert.equal(validate(log), true, describeErrors(validate));
    const locations = log.runs[0]?.results[0]?.codeFlows?.[0]?.threadFlows[0]?.locations ?? [];
    assert.deepEqual(
      locations.map((entry) => [entry.location.physicalLocation.region.startLine, entry.location.message.text]),
      [
        [2, 'source: req.query'],
        [3, 'assigned to sql'],
        [4, 'reaches the sink: sql'],
      ],
    );
  });
});
