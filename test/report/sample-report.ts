/**
 * Scan reports for the formatter tests: findings from several scanners at
 * every severity, a suppressed one, and a history finding with its commit.
 * All secrets are fake values in real formats.
 */
import { SEVERITIES, atOrAbove } from '../../src/core/finding.js';
import type { Finding, Location, ScannerId, Severity } from '../../src/core/finding.js';
import { REPORT_SCHEMA_VERSION } from '../../src/core/report-types.js';
import type { ScanReport } from '../../src/core/report-types.js';

/**
 * A raw secret that only test-only fields contain. No formatter other than
 * JSON may ever output it.
 */
export const PLANTED_SECRET = 'AKIAZ7QWERTYPLANTED9';

const AWS_REDACTED = 'AKIA****************';

let findingCount = 0;

export function makeFinding(overrides: Partial<Finding> & { ruleId: string }): Finding {
  const scanner = (overrides.ruleId.split('/')[0] ?? 'secrets') as ScannerId;
  findingCount += 1;
  return {
    scanner,
    severity: 'medium',
    confidence: 'high',
    title: `Rule ${overrides.ruleId}`,
    message: `Finding of ${overrides.ruleId}`,
    location: {
      path: 'src/index.ts',
      startLine: 1,
      startColumn: 1,
      endLine: 1,
      endColumn: 10,
    },
    fingerprint: `fp-${findingCount.toString(16).padStart(8, '0')}`,
    ...overrides,
  };
}

/** Builds a one-line location. */
function at(path: string, line: number, startColumn: number, endColumn: number): Location {
  return { path, startLine: line, startColumn, endLine: line, endColumn };
}

/** Builds findings of five scanners, sorted most severe first like a real report. */
export function sampleFindings(): Finding[] {
  const findings: Finding[] = [
    makeFinding({
      ruleId: 'secrets/aws-access-key-id',
      severity: 'critical',
      title: 'AWS access key ID',
      message: 'AWS access key ID assigned to accessKeyId',
      location: {
        path: 'src/config/aws.ts',
        startLine: 12,
        startColumn: 22,
        endLine: 12,
        endColumn: 42,
        snippet: `const accessKeyId = "${AWS_REDACTED}";`,
      },
      fingerprint: '3f1c9a0d2b7e4c51',
      cwe: ['CWE-798'],
      owasp: ['A07:2021'],
      controls: { 'nist-800-53': ['IA-5'] },
      remediation: 'Deactivate the key in IAM, then load credentials from the environment.',
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
      ],
      tags: ['aws', 'cloud'],
      secret: { redacted: AWS_REDACTED, length: 20, entropy: 3.68 },
    }),
    makeFinding({
      ruleId: 'secrets/github-pat',
      severity: 'high',
      title: 'GitHub personal access token',
      message: 'GitHub token added in commit 9b2e41c',
      location: {
        path: 'scripts/deploy.sh',
        startLine: 4,
        startColumn: 14,
        endLine: 4,
        endColumn: 54,
        snippet: 'export GH_TOKEN=ghp_****************************',
      },
      fingerprint: '8d0e6b3a91c2f475',
      cwe: ['CWE-798'],
      remediation: 'Revoke the token on GitHub and rewrite it out of the history.',
      references: ['https://docs.github.com/en/authentication'],
      commit: {
        sha: '9b2e41c7a3f05d8e6b1c2a4f7e9d0b3c5a6f8e21',
        author: 'Dana Ortiz',
        email: 'dana@example.com',
        date: '2024-03-18T09:41:07Z',
        summary: 'Add deploy script',
      },
      secret: { redacted: 'ghp_****************************', length: 40, entropy: 5.1 },
    }),
    makeFinding({
      ruleId: 'deps/GHSA-35jh-r3h4-6jhm',
      severity: 'high',
      confidence: 'high',
      title: 'Command injection in lodash',
      message: 'lodash 4.17.20 is vulnerable (CVE-2021-23337); upgrade to 4.17.21',
      location: at('package-lock.json', 1, 1, 2),
      fingerprint: 'c4a1e9f07b3d2e86',
      cwe: ['CWE-77'],
      references: ['https://github.com/advisories/GHSA-35jh-r3h4-6jhm'],
    }),
    makeFinding({
      ruleId: 'iac/aws-s3-public-read',
      severity: 'medium',
      confidence: 'medium',
      title: 'S3 bucket readable by everyone',
      message: 'Bucket "assets" grants public-read',
      location: at('infra/main tf/bucket.tf', 8, 3, 28),
      fingerprint: 'a9e3c7d1f05b2486',
      cwe: ['CWE-732'],
      remediation: 'Remove the public-read ACL.',
    }),
    makeFinding({
      ruleId: 'sast/js-eval-injection',
      severity: 'medium',
      confidence: 'low',
      title: 'eval on request data',
      message: 'eval(`${req.query.q}`) | runs <script> from the request',
      location: at('src/routes/search.ts', 31, 5, 30),
      fingerprint: '5be07d3c91a2f648',
      cwe: ['CWE-95'],
    }),
    makeFinding({
      ruleId: 'secrets/generic-api-key',
      severity: 'medium',
      title: 'Generic API key',
      message: 'API key assigned to apiKey',
      location: at('test/fixtures/keys.ts', 2, 16, 48),
      fingerprint: '0d7f2c9e4a1b6358',
      suppressed: {
        kind: 'inline',
        reason: 'fake key used by the unit tests',
        directive: 'rampart:ignore',
        until: '2030-01-31',
      },
      secret: { redacted: 'sk_t****************', length: 32, entropy: 4.2 },
    }),
    makeFinding({
      ruleId: 'pipeline/unpinned-action',
      severity: 'low',
      title: 'Action not pinned to a commit',
      message: 'actions/checkout@v4 is not pinned to a full commit SHA',
      location: at('.github/workflows/ci.yml', 14, 15, 34),
      fingerprint: 'f18b5e2d07c34a96',
      cwe: ['CWE-829'],
    }),
    makeFinding({
      ruleId: 'iac/aws-s3-versioning',
      severity: 'info',
      title: 'S3 bucket without versioning',
      message: 'Bucket "logs" has versioning off',
      location: at('infra/main tf/bucket.tf', 20, 3, 20),
      fingerprint: '6c2e9a4d1f7b0853',
      suppressed: {
        kind: 'config',
        reason: 'log bucket is rebuilt daily',
        directive: 'rampart.yaml',
      },
    }),
  ];

  for (const finding of findings) plantSecret(finding);
  return findings;
}

/** Puts PLANTED_SECRET into fields that are not part of the Finding type. */
function plantSecret(finding: Finding): void {
  Object.assign(finding, { rawMatch: PLANTED_SECRET });
  if (finding.secret !== undefined) Object.assign(finding.secret, { value: PLANTED_SECRET });
  Object.assign(finding.location, { rawLine: `key = ${PLANTED_SECRET}` });
}

/** Removes the planted test-only fields so that a report matches the schema. */
export function withoutPlantedFields(report: ScanReport): ScanReport {
  const copy = structuredClone(report);
  for (const finding of copy.findings) {
    delete (finding as unknown as Record<string, unknown>).rawMatch;
    delete (finding.location as unknown as Record<string, unknown>).rawLine;
    if (finding.secret !== undefined) {
      delete (finding.secret as unknown as Record<string, unknown>).value;
    }
  }
  return copy;
}

/** Builds a report around `findings`, with counts and gate derived from them. */
export function makeReport(
  findings: Finding[] = sampleFindings(),
  overrides: Partial<ScanReport> = {},
): ScanReport {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let suppressed = 0;
  for (const finding of findings) {
    if (finding.suppressed !== undefined) suppressed += 1;
    else bySeverity[finding.severity] += 1;
  }
  const failing = findings.filter(
    (finding) => finding.suppressed === undefined && atOrAbove(finding.severity, 'high'),
  ).length;

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'rampart', version: '0.1.0' },
    target: { path: '.', mode: 'tree' },
    startedAt: '2024-05-02T10:15:30.000Z',
    durationMs: 842,
    scanners: [
      { id: 'secrets', status: 'ok', durationMs: 410 },
      { id: 'deps', status: 'ok', durationMs: 120 },
      { id: 'iac', status: 'ok', durationMs: 95 },
      { id: 'sast', status: 'ok', durationMs: 300 },
      { id: 'pipeline', status: 'ok', durationMs: 12 },
      { id: 'supply-chain', status: 'ok', durationMs: 40 },
    ],
    discovery: {
      filesScanned: 1204,
      invalidUtf8: 0,
      bytesScanned: 14_200_000,
      skipped: { binary: 12, tooLarge: 1, vendored: 230, ignored: 48, symlink: 0, unreadable: 0 },
    },
    summary: { total: findings.length, bySeverity, suppressed, baselined: 7 },
    gate: { failOn: 'high', scannerFailOn: {}, failing, exitCode: failing > 0 ? 1 : 0 },
    findings,
    suppressionProblems: [
      {
        path: 'src/legacy.ts',
        line: 40,
        directive: 'rampart:ignore[secrets/jwt]',
        problem: 'missing-reason',
        message: 'The suppression has no reason="..."; add one.',
      },
    ],
    errors: [{ path: 'config/broken.yaml', message: 'Invalid YAML at line 3: bad indentation' }],
    warnings: [],
    ...overrides,
  };
}
