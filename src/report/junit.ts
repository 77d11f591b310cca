/**
 * JUnit XML for the test tabs of CI systems. Each scanner that ran is a
 * test suite and each rule with findings a test case, so a rule's findings
 * show up as the failures of one test.
 */
import { atOrAbove } from '../core/finding.js';
import type { Finding, ScannerId } from '../core/finding.js';
import type { ScanReport } from '../core/report-types.js';
import type { FormatOptions } from './format-options.js';
import { countOf, locationLabel } from './summary.js';
import { attributes, escapeText } from './xml.js';

interface TestCase {
  classname: string;
  name: string;
  /** Unsuppressed findings at or above the display threshold. */
  failures: Finding[];
  skipped: Finding[];
  /** Unsuppressed findings below the display threshold, only counted. */
  belowThreshold: number;
  /** Present for a scanner that failed. */
  error?: string;
}

interface TestSuite {
  name: ScannerId;
  durationMs: number;
  cases: TestCase[];
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/**
 * Formats the report as JUnit XML. Counts are per test case: a case with any
 * failure counts as failed, and a case whose findings are all suppressed
 * counts as skipped.
 */
export function formatJunit(report: ScanReport, options: FormatOptions): string {
  const suites = buildSuites(report, options);
  const totals = suites.map((suite) => countCases(suite.cases)).reduce(addCounts, emptyCounts());

  const header = attributes({
    name: 'rampart',
    ...totals,
    time: seconds(report.durationMs),
    timestamp: report.startedAt,
  });
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites ${header}>`];
  for (const suite of suites) lines.push(...renderSuite(suite, report.startedAt));
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function buildSuites(report: ScanReport, options: FormatOptions): TestSuite[] {
  const ids: ScannerId[] = report.scanners.map((run) => run.id);
  for (const finding of report.findings) {
    if (!ids.includes(finding.scanner)) ids.push(finding.scanner);
  }

  return ids.map((id) => {
    const run = report.scanners.find((candidate) => candidate.id === id);
    const findings = report.findings.filter((finding) => finding.scanner === id);
    const cases = ruleCases(id, findings, options);

    if (run?.status === 'failed') {
      const error = run.error ?? 'no reason given';
      cases.unshift({ ...emptyCase(id, `${id} scan`), error });
    } else if (cases.length === 0) {
      cases.push(emptyCase(id, 'no findings'));
    }
    return { name: id, durationMs: run?.durationMs ?? 0, cases };
  });
}

function ruleCases(scanner: ScannerId, findings: Finding[], options: FormatOptions): TestCase[] {
  const byRule = new Map<string, TestCase>();
  for (const finding of findings) {
    let testCase = byRule.get(finding.ruleId);
    if (testCase === undefined) {
      testCase = emptyCase(scanner, finding.ruleId);
      byRule.set(finding.ruleId, testCase);
    }

    if (finding.suppressed !== undefined) testCase.skipped.push(finding);
    else if (atOrAbove(finding.severity, options.minSeverity)) testCase.failures.push(finding);
    else testCase.belowThreshold += 1;
  }
  return [...byRule.values()];
}

function emptyCase(classname: string, name: string): TestCase {
  return { classname, name, failures: [], skipped: [], belowThreshold: 0 };
}

function renderSuite(suite: TestSuite, timestamp: string): string[] {
  const header = attributes({
    name: suite.name,
    ...countCases(suite.cases),
    time: seconds(suite.durationMs),
    timestamp,
  });
  const lines = [`  <testsuite ${header}>`];
  for (const testCase of suite.cases) lines.push(...renderCase(testCase));
  lines.push('  </testsuite>');
  return lines;
}

function renderCase(testCase: TestCase): string[] {
  const open = `    <testcase ${attributes({
    classname: testCase.classname,
    name: testCase.name,
    time: '0',
  })}`;
  const children: string[] = [];

  if (testCase.error !== undefined) {
    const error = attributes({ message: testCase.error, type: 'scanner-failure' });
    children.push(`      <error ${error}/>`);
  }
  for (const finding of testCase.failures) {
    const failure = attributes({ message: finding.title, type: finding.severity });
    const body = escapeText(`${locationLabel(finding.location, false)} ${finding.message}`);
    children.push(`      <failure ${failure}>${body}</failure>`);
  }
  for (const finding of testCase.skipped) {
    const reason = finding.suppressed?.reason ?? '';
    children.push(`      <skipped ${attributes({ message: `suppressed: ${reason}` })}/>`);
  }
  if (testCase.belowThreshold > 0) {
    const note = `${countOf(testCase.belowThreshold, 'finding')} below the display threshold`;
    children.push(`      <system-out>${escapeText(note)}</system-out>`);
  }

  if (children.length === 0) return [`${open}/>`];
  return [`${open}>`, ...children, '    </testcase>'];
}

function countCases(cases: readonly TestCase[]): Counts {
  const counts = emptyCounts();
  for (const testCase of cases) {
    counts.tests += 1;
    if (testCase.error !== undefined) counts.errors += 1;
    else if (testCase.failures.length > 0) counts.failures += 1;
    else if (testCase.skipped.length > 0) counts.skipped += 1;
  }
  return counts;
}

function emptyCounts(): Counts {
  return { tests: 0, failures: 0, errors: 0, skipped: 0 };
}

function addCounts(left: Counts, right: Counts): Counts {
  return {
    tests: left.tests + right.tests,
    failures: left.failures + right.failures,
    errors: left.errors + right.errors,
    skipped: left.skipped + right.skipped,
  };
}

function seconds(milliseconds: number): string {
  return (milliseconds / 1000).toFixed(3);
}
