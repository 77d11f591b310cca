/**
 * Compares Rampart's iac scanner with the Checkov results that TerraGoat
 * (github.com/bridgecrewio/terragoat) publishes in its README, under
 * "Existing vulnerabilities (Auto-Generated)".
 *
 * Run: npx tsc -p . && node dist/scripts/iac-peer-compare.js PATH_TO_TERRAGOAT
 *
 * The script scans the checkout with `bin/rampart.js scan PATH --scanners iac
 * --format json --fail-on none`, reads the README's terraform and dockerfile
 * tables at run time, and prints Markdown: Rampart's findings per rule and
 * cloud folder, each Checkov row with what Rampart reports on the same
 * resource, and the totals. The README's secrets table is left out because
 * the iac scanner does not look for secrets in general.
 *
 * Exit code 0 after a comparison, 2 when the path, the README table, the
 * scan or the hand-made map below is invalid.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Checkov check id to the Rampart iac rules (without the `iac/` prefix) that
 * judge the same concern. Made by hand from the check ids in TerraGoat's
 * README (commit 729f8da) and Rampart's rules/iac/*.yaml. An empty list
 * means no Rampart rule judges that concern. A rule's own `aliases` count
 * too, so ids listed there need no entry. Some entries are close rather than
 * exact, and docs/iac-terragoat.md names them.
 */
const CHECKOV_TO_RAMPART: Readonly<Record<string, readonly string[]>> = {
  // Amazon Web Services
  CKV_AWS_3: ['aws-ebs-volume-encrypted'],
  CKV_AWS_5: ['aws-opensearch-encryption-at-rest'],
  CKV_AWS_7: ['aws-kms-key-rotation'],
  CKV_AWS_8: ['aws-ec2-block-device-encrypted'],
  CKV_AWS_16: ['aws-rds-storage-encrypted'],
  CKV_AWS_17: ['aws-rds-public'],
  CKV_AWS_18: ['aws-s3-access-logging'],
  // Checkov accepts any default encryption. Rampart's rule requires KMS, so it also fails a bucket with none.
  CKV_AWS_19: ['aws-s3-encryption-kms'],
  CKV_AWS_21: ['aws-s3-versioning'],
  CKV_AWS_23: [],
  CKV_AWS_24: ['aws-sg-ssh-open'],
  // Checkov requires every control plane log type, but Rampart only the audit log.
  CKV_AWS_37: ['aws-eks-audit-logging'],
  CKV_AWS_38: ['aws-eks-public-endpoint'],
  CKV_AWS_39: ['aws-eks-public-endpoint'],
  CKV_AWS_41: [],
  CKV_AWS_44: ['aws-neptune-encrypted'],
  CKV_AWS_45: ['aws-lambda-env-secret'],
  CKV_AWS_46: ['aws-ec2-user-data-secret'],
  CKV_AWS_50: ['aws-lambda-tracing'],
  CKV_AWS_51: ['aws-ecr-immutable-tags'],
  CKV_AWS_58: ['aws-eks-secrets-encryption'],
  CKV_AWS_79: ['aws-ec2-imdsv2'],
  CKV_AWS_84: [],
  CKV_AWS_92: [],
  CKV_AWS_96: ['aws-rds-storage-encrypted'],
  CKV_AWS_101: [],
  // Checkov judges unconstrained write or permissions-management actions. Rampart
  // judges wildcards, admin access and escalation actions, which overlap in part.
  CKV_AWS_109: ['aws-iam-policy-service-wildcard', 'aws-iam-policy-admin-access', 'aws-iam-policy-privilege-escalation'],
  CKV_AWS_111: ['aws-iam-policy-service-wildcard', 'aws-iam-policy-admin-access'],
  CKV_AWS_115: [],
  CKV_AWS_116: [],
  CKV_AWS_117: [],
  CKV_AWS_118: [],
  CKV_AWS_126: [],
  CKV_AWS_127: [],
  CKV_AWS_128: ['aws-rds-iam-authentication'],
  CKV_AWS_129: [],
  CKV_AWS_130: ['aws-subnet-public-ip-on-launch'],
  CKV_AWS_133: ['aws-rds-backup-retention'],
  CKV_AWS_135: [],
  CKV_AWS_136: [],
  CKV_AWS_137: ['aws-opensearch-in-vpc'],
  CKV_AWS_139: ['aws-rds-deletion-protection'],
  CKV_AWS_144: [],
  CKV_AWS_145: ['aws-s3-encryption-kms'],
  CKV_AWS_157: ['aws-rds-multi-az'],
  CKV_AWS_161: ['aws-rds-iam-authentication'],
  CKV_AWS_162: ['aws-rds-iam-authentication'],
  CKV_AWS_163: ['aws-ecr-scan-on-push'],
  CKV_AWS_173: [],
  CKV_AWS_186: [],
  CKV_AWS_189: [],
  CKV_AWS_226: ['aws-rds-auto-minor-version-upgrade'],
  CKV_AWS_228: ['aws-opensearch-https'],
  CKV_AWS_247: [],
  CKV_AWS_248: [],
  CKV_AWS_260: [],
  CKV2_AWS_2: ['aws-ebs-volume-encrypted'],
  CKV2_AWS_8: [],
  CKV2_AWS_11: ['aws-vpc-flow-logs'],
  // Checkov reports it on the VPC, but Rampart's rule judges aws_default_security_group.
  CKV2_AWS_12: ['aws-default-sg-allows-traffic'],

  // Microsoft Azure
  CKV_AZURE_1: ['azure-vm-linux-password-auth'],
  CKV_AZURE_2: [],
  CKV_AZURE_4: ['azure-aks-monitoring'],
  CKV_AZURE_8: [],
  CKV_AZURE_9: ['azure-nsg-rdp-open'],
  CKV_AZURE_10: ['azure-nsg-ssh-open'],
  CKV_AZURE_12: [],
  CKV_AZURE_13: [],
  CKV_AZURE_15: ['azure-app-service-min-tls'],
  CKV_AZURE_16: ['azure-app-service-managed-identity'],
  CKV_AZURE_17: [],
  CKV_AZURE_18: [],
  CKV_AZURE_19: [],
  CKV_AZURE_20: [],
  CKV_AZURE_21: [],
  CKV_AZURE_22: [],
  CKV_AZURE_23: ['azure-sql-server-auditing'],
  CKV_AZURE_24: [],
  CKV_AZURE_25: [],
  CKV_AZURE_26: [],
  CKV_AZURE_27: [],
  CKV_AZURE_28: ['azure-database-ssl-enforcement'],
  CKV_AZURE_29: ['azure-database-ssl-enforcement'],
  CKV_AZURE_30: [],
  CKV_AZURE_32: [],
  CKV_AZURE_33: [],
  CKV_AZURE_35: ['azure-storage-network-default-allow'],
  CKV_AZURE_36: [],
  CKV_AZURE_37: [],
  CKV_AZURE_38: [],
  CKV_AZURE_39: [],
  CKV_AZURE_42: ['azure-keyvault-purge-protection', 'azure-keyvault-soft-delete'],
  CKV_AZURE_50: [],
  CKV_AZURE_52: ['azure-sql-min-tls'],
  CKV_AZURE_53: ['azure-database-public-network-access'],
  CKV_AZURE_54: ['azure-database-min-tls'],
  CKV_AZURE_63: [],
  CKV_AZURE_65: [],
  CKV_AZURE_66: [],
  CKV_AZURE_68: ['azure-database-public-network-access'],
  CKV_AZURE_71: ['azure-app-service-managed-identity'],
  CKV_AZURE_78: ['azure-app-service-ftp-enabled'],
  CKV_AZURE_80: [],
  CKV_AZURE_88: [],
  CKV_AZURE_93: [],
  CKV_AZURE_94: ['azure-database-geo-backup'],
  CKV_AZURE_102: ['azure-database-geo-backup'],
  CKV_AZURE_109: ['azure-keyvault-network-default-allow'],
  CKV_AZURE_110: ['azure-keyvault-purge-protection'],
  CKV_AZURE_112: [],
  CKV_AZURE_113: ['azure-sql-public-network-access'],
  CKV_AZURE_114: [],
  // Checkov requires a private cluster, but Rampart's closest rule also passes authorized IP ranges.
  CKV_AZURE_115: [],
  CKV_AZURE_116: ['azure-aks-azure-policy'],
  CKV_AZURE_117: [],
  CKV_AZURE_120: [],
  CKV_AZURE_127: [],
  CKV_AZURE_128: [],
  CKV_AZURE_130: [],
  CKV_AZURE_141: ['azure-aks-local-accounts'],
  CKV_AZURE_147: ['azure-database-min-tls'],
  CKV_AZURE_149: ['azure-vm-linux-password-auth'],
  CKV_AZURE_151: [],
  CKV2_AZURE_1: [],
  CKV2_AZURE_7: ['azure-sql-entra-admin'],
  CKV2_AZURE_16: [],
  CKV2_AZURE_18: [],

  // Google Cloud
  CKV_GCP_1: [],
  CKV_GCP_2: ['gcp-compute-firewall-admin-ports-open'],
  CKV_GCP_3: ['gcp-compute-firewall-admin-ports-open'],
  CKV_GCP_6: ['gcp-sql-ssl-not-required'],
  CKV_GCP_7: ['gcp-gke-legacy-abac'],
  CKV_GCP_8: [],
  CKV_GCP_9: ['gcp-gke-node-auto-upgrade-or-repair-disabled'],
  CKV_GCP_10: ['gcp-gke-node-auto-upgrade-or-repair-disabled'],
  CKV_GCP_11: ['gcp-sql-open-authorized-networks'],
  CKV_GCP_12: ['gcp-gke-network-policy-disabled'],
  CKV_GCP_13: ['gcp-gke-client-certificate-or-basic-auth'],
  CKV_GCP_14: ['gcp-sql-backups-disabled'],
  CKV_GCP_15: ['gcp-bigquery-dataset-public'],
  CKV_GCP_18: ['gcp-gke-control-plane-open'],
  CKV_GCP_19: ['gcp-gke-client-certificate-or-basic-auth'],
  CKV_GCP_21: [],
  CKV_GCP_22: [],
  CKV_GCP_23: [],
  CKV_GCP_24: [],
  CKV_GCP_25: ['gcp-gke-private-nodes'],
  CKV_GCP_26: [],
  CKV_GCP_28: ['gcp-storage-bucket-public-iam'],
  CKV_GCP_29: ['gcp-storage-uniform-access'],
  // Checkov flags the default service account, but Rampart only flags it with full API access.
  CKV_GCP_30: ['gcp-compute-default-service-account-full-access'],
  CKV_GCP_32: [],
  CKV_GCP_34: [],
  CKV_GCP_35: ['gcp-compute-serial-port-enabled'],
  CKV_GCP_36: [],
  CKV_GCP_37: [],
  CKV_GCP_38: [],
  CKV_GCP_39: [],
  CKV_GCP_40: [],
  CKV_GCP_60: ['gcp-sql-public-ip'],
  CKV_GCP_61: [],
  CKV_GCP_62: ['gcp-storage-access-logging'],
  CKV_GCP_64: ['gcp-gke-private-nodes'],
  CKV_GCP_65: [],
  CKV_GCP_66: [],
  CKV_GCP_67: ['gcp-gke-legacy-metadata-endpoints'],
  CKV_GCP_68: [],
  CKV_GCP_69: ['gcp-gke-workload-identity-disabled'],
  CKV_GCP_70: [],
  CKV_GCP_74: [],
  CKV_GCP_75: [],
  CKV_GCP_76: [],
  CKV_GCP_77: [],
  CKV_GCP_78: ['gcp-storage-versioning'],
  CKV_GCP_79: [],
  CKV_GCP_81: [],
  CKV_GCP_88: [],
  CKV_GCP_106: [],

  // Dockerfile
  CKV_DOCKER_2: ['dockerfile-healthcheck-missing'],
};

/** Checkov prefixes of clouds that have no Rampart rules at all. */
const CLOUDS_WITHOUT_RULES: Readonly<Record<string, string>> = { CKV_ALI_: 'alicloud', CKV_OCI_: 'oracle' };

const CLOUD_FOLDERS = ['aws', 'azure', 'gcp', 'alicloud', 'oracle'] as const;

/** README sections compared. The secrets section is left out because it belongs to another scanner. */
const COMPARED_SECTIONS = ['terraform', 'dockerfile'];

interface CheckovRow {
  section: string;
  checkId: string;
  /** As the README writes it, relative to TerraGoat's terraform folder: `/aws/s3.tf`. */
  file: string;
  resource: string;
}

interface RampartFinding {
  ruleId: string;
  confidence: string;
  path: string;
  line: number;
  address: string;
  aliases: string[];
}

interface RampartRule {
  id: string;
  aliases: string[];
}

interface ScanOutput {
  findings: RampartFinding[];
  warnings: string[];
  errors: string[];
}

type RowOutcome = 'same-concern' | 'other-concern' | 'nothing';

interface RowResult {
  row: CheckovRow;
  rules: string[];
  outcome: RowOutcome;
  otherRules: string[];
}

class UsageError extends Error {}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RAMPART_BIN = join(REPO_ROOT, 'bin', 'rampart.js');

function main(argv: string[]): number {
  if (argv.length !== 1 || argv[0] === '--help' || argv[0] === '-h') {
    throw new UsageError('usage: node dist/scripts/iac-peer-compare.js PATH_TO_TERRAGOAT_CHECKOUT');
  }
  const root = resolve(argv[0] as string);
  checkCheckout(root);
  const rows = parseReadmeTables(readFileSync(join(root, 'README.md'), 'utf8'));
  const rules = loadRampartRules();
  checkMap(rules);
  const scan = runScan(root);
  printReport(root, rows, rules, scan);
  return 0;
}

function checkCheckout(root: string): void {
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${root} is not a directory`);
  if (!existsSync(join(root, 'README.md'))) throw new UsageError(`${root}/README.md not found: is this a TerraGoat checkout?`);
  if (!existsSync(join(root, 'terraform'))) throw new UsageError(`${root}/terraform not found: is this a TerraGoat checkout?`);
}

/**
 * Reads the tables of the README's "Existing vulnerabilities" part. Each
 * `### NAME scan results:` heading opens a section and its first table with
 * check_id, file and resource columns contains that section's rows.
 */
function parseReadmeTables(readme: string): CheckovRow[] {
  const lines = readme.split(/\r?\n/);
  const start = lines.findIndex((line) => /^#+\s*Existing vulnerabilities/i.test(line));
  if (start < 0) throw new UsageError('README.md has no "Existing vulnerabilities" section');
  const rows: CheckovRow[] = [];
  let section: string | undefined;
  let columns: Map<string, number> | undefined;
  for (const line of lines.slice(start + 1)) {
    const heading = /^#+\s*(\w+) scan results/i.exec(line);
    if (heading !== null) {
      section = (heading[1] as string).toLowerCase();
      columns = undefined;
      continue;
    }
    if (/^#{1,2}\s/.test(line)) break;
    if (section === undefined || !COMPARED_SECTIONS.includes(section) || !line.startsWith('|')) continue;
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    if (columns === undefined) {
      if (cells.includes('check_id')) columns = new Map(cells.map((name, index) => [name, index]));
      continue;
    }
    const checkId = cells[columns.get('check_id') ?? -1] ?? '';
    if (!/^CKV2?_[A-Z]+_\d+$/.test(checkId)) continue;
    rows.push({
      section,
      checkId,
      file: cells[columns.get('file') ?? -1] ?? '',
      resource: cells[columns.get('resource') ?? -1] ?? '',
    });
  }
  if (!rows.some((row) => row.section === 'terraform')) {
    throw new UsageError('README.md has no terraform results table with check_id, file and resource columns');
  }
  return rows;
}

/** Runs the CLI from an empty folder, so no rampart.yaml of the caller applies. */
function runRampart(args: string[]): string {
  const workDir = mkdtempSync(join(tmpdir(), 'rampart-peer-'));
  try {
    const result = spawnSync(process.execPath, [RAMPART_BIN, ...args], {
      cwd: workDir,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (result.error !== undefined) throw new UsageError(`rampart ${args[0]} failed to start: ${result.error.message}`);
    if (result.status !== 0) {
      const detail = result.stderr.trim().split('\n')[0] ?? '';
      throw new UsageError(`rampart ${args.join(' ')} exited with ${result.status}: ${detail}`);
    }
    return result.stdout;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function parseJson(text: string, description: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${description} is not valid JSON: ${(error as Error).message}`);
  }
}

function loadRampartRules(): Map<string, RampartRule> {
  const list = parseJson(runRampart(['rules', '--scanner', 'iac', '--format', 'json']), 'the output of rampart rules') as { id: string; aliases?: string[] }[];
  return new Map(list.map((rule) => [rule.id.replace(/^iac\//, ''), { id: rule.id.replace(/^iac\//, ''), aliases: rule.aliases ?? [] }]));
}

/** Rejects a map entry that names a rule Rampart does not have, so renames do not go unnoticed. */
function checkMap(rules: Map<string, RampartRule>): void {
  for (const [checkId, ruleIds] of Object.entries(CHECKOV_TO_RAMPART)) {
    for (const ruleId of ruleIds) {
      if (!rules.has(ruleId)) throw new UsageError(`the Checkov map names ${ruleId} for ${checkId}, but Rampart has no such iac rule`);
    }
  }
}

function runScan(root: string): ScanOutput {
  const output = runRampart(['scan', root, '--scanners', 'iac', '--format', 'json', '--fail-on', 'none']);
  const report = parseJson(output, 'the scan report') as {
    findings: { ruleId: string; confidence: string; message: string; location: { path: string; startLine: number }; tags?: string[] }[];
    warnings?: unknown[];
    errors?: unknown[];
  };
  const findings = report.findings.map((finding) => ({
    ruleId: finding.ruleId.replace(/^iac\//, ''),
    confidence: finding.confidence,
    path: finding.location.path,
    line: finding.location.startLine,
    address: addressOf(finding.message),
    aliases: (finding.tags ?? []).filter((tag) => tag.startsWith('alias:')).map((tag) => tag.slice('alias:'.length)),
  }));
  const describe = (item: unknown): string => (typeof item === 'string' ? item : JSON.stringify(item));
  return { findings, warnings: (report.warnings ?? []).map(describe), errors: (report.errors ?? []).map(describe) };
}

/**
 * Reads the resource address from an iac finding message, which starts with
 * `ADDRESS: `. A colon inside brackets or quotes (`aws_s3_bucket.b["a: b"]`)
 * belongs to the address.
 * NOTE: the JSON report has no address field, so this relies on the message format of src/scanners/iac/run-rules.ts.
 */
function addressOf(message: string): string {
  let depth = 0;
  let quoted = false;
  for (let index = 0; index < message.length; index += 1) {
    const char = message[index];
    if (char === '"' && message[index - 1] !== '\\') quoted = !quoted;
    else if (!quoted && char === '[') depth += 1;
    else if (!quoted && char === ']') depth -= 1;
    else if (!quoted && depth === 0 && char === ':' && message[index + 1] === ' ') return message.slice(0, index);
  }
  return message;
}

function cloudOf(path: string): string {
  const folder = /(?:^|\/)terraform\/([^/]+)\//.exec(path)?.[1];
  return folder !== undefined && (CLOUD_FOLDERS as readonly string[]).includes(folder) ? folder : 'other';
}

function cloudOfRow(row: CheckovRow): string {
  return cloudOf(`terraform${row.file}`);
}

function sameFile(finding: RampartFinding, row: CheckovRow): boolean {
  const file = row.file.startsWith('/') ? row.file : `/${row.file}`;
  return `/${finding.path}`.endsWith(file);
}

/**
 * Tells whether a finding is on a Checkov row's resource: the same file, and
 * an address equal to the resource or ending with it after a dot (`data.`,
 * `module.x.`), with any instance key removed. Checkov names a Dockerfile by
 * its path, so there the file alone decides.
 */
function sameResource(finding: RampartFinding, row: CheckovRow): boolean {
  if (!sameFile(finding, row)) return false;
  if (row.section === 'dockerfile') return true;
  const address = finding.address.replace(/\[[^\]]*\]$/, '');
  return address === row.resource || address.endsWith(`.${row.resource}`);
}

function rulesFor(checkId: string, rules: Map<string, RampartRule>): string[] | undefined {
  const aliased = [...rules.values()].filter((rule) => rule.aliases.includes(checkId)).map((rule) => rule.id);
  const mapped = CHECKOV_TO_RAMPART[checkId];
  if (mapped === undefined && aliased.length === 0) return undefined;
  return [...new Set([...aliased, ...(mapped ?? [])])];
}

function compareRow(row: CheckovRow, findings: RampartFinding[], rules: string[]): RowResult {
  const onResource = findings.filter((finding) => sameResource(finding, row));
  const same = onResource.some((finding) => rules.includes(finding.ruleId) || finding.aliases.includes(row.checkId));
  const otherRules = [...new Set(onResource.map((finding) => finding.ruleId))].sort();
  let outcome: RowOutcome = 'nothing';
  if (same) outcome = 'same-concern';
  else if (onResource.length > 0) outcome = 'other-concern';
  return { row, rules, outcome, otherRules };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function formatCounts(counts: Map<string, number>): string {
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([id, count]) => (count === 1 ? id : `${id} (${count})`))
    .join(', ');
}

function table(header: string[], body: string[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const cells of body) lines.push(`| ${cells.join(' | ')} |`);
  return lines.join('\n');
}

function printRuleTable(findings: RampartFinding[]): void {
  const byRule = new Map<string, RampartFinding[]>();
  for (const finding of findings) byRule.set(finding.ruleId, [...(byRule.get(finding.ruleId) ?? []), finding]);
  const body = [...byRule.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ruleId, list]) => {
      const clouds = CLOUD_FOLDERS.map((cloud) => String(list.filter((finding) => cloudOf(finding.path) === cloud).length));
      const confirmed = list.filter((finding) => finding.confidence !== 'low').length;
      return [`iac/${ruleId}`, String(list.length), String(confirmed), String(list.length - confirmed), ...clouds];
    });
  const totals = CLOUD_FOLDERS.map((cloud) => String(findings.filter((finding) => cloudOf(finding.path) === cloud).length));
  const confirmed = findings.filter((finding) => finding.confidence !== 'low').length;
  body.push(['total', String(findings.length), String(confirmed), String(findings.length - confirmed), ...totals]);
  console.log(table(['rule', 'findings', 'failed', 'unknown', ...CLOUD_FOLDERS], body));
}

function printReport(root: string, rows: CheckovRow[], rules: Map<string, RampartRule>, scan: ScanOutput): void {
  const { findings } = scan;
  console.log(`# Rampart iac scan of ${root} compared with Checkov's published results\n`);
  console.log(`Rampart findings: ${findings.length}; README rows compared: ${rows.length} (${formatCounts(countBy(rows, (row) => row.section))}).\n`);
  console.log(`Scan warnings: ${scan.warnings.length === 0 ? 'none' : scan.warnings.join('; ')}`);
  console.log(`Scan errors: ${scan.errors.length === 0 ? 'none' : scan.errors.join('; ')}\n`);

  console.log('## Rampart findings per rule\n');
  console.log('"failed" counts confirmed failures (confidence high), "unknown" the checks that depend on a value known only at deploy time (confidence low).\n');
  printRuleTable(findings);

  const unmapped = [...new Set(rows.map((row) => row.checkId))].filter((checkId) => rulesFor(checkId, rules) === undefined
    && !Object.keys(CLOUDS_WITHOUT_RULES).some((prefix) => checkId.startsWith(prefix)));
  const results = rows.map((row) => compareRow(row, findings, rulesFor(row.checkId, rules) ?? []));

  console.log('\n## Checkov rows\n');
  console.log(table(
    ['check id', 'file', 'resource', 'Rampart rules for the concern', 'outcome', 'Rampart rules on the resource'],
    results.map((result) => [
      result.row.checkId,
      result.row.file,
      result.row.resource,
      result.rules.length === 0 ? '(none)' : result.rules.join(', '),
      result.outcome,
      result.otherRules.join(', '),
    ]),
  ));

  const withRule = results.filter((result) => result.rules.length > 0);
  const withoutRule = results.filter((result) => result.rules.length === 0);
  const missed = withRule.filter((result) => result.outcome !== 'same-concern');
  console.log('\n## Totals\n');
  console.log(`- Checkov rows: ${rows.length}`);
  console.log(`- Rampart reports the same concern on the same resource: ${results.filter((r) => r.outcome === 'same-concern').length}`);
  console.log(`- Rampart reports something else on that resource, not this concern: ${results.filter((r) => r.outcome === 'other-concern').length}`);
  console.log(`- Rampart reports nothing on that resource: ${results.filter((r) => r.outcome === 'nothing').length}`);
  console.log(`- Rows whose concern a Rampart rule judges: ${withRule.length}, of which reported: ${withRule.length - missed.length}, not reported: ${missed.length}`);
  console.log(`- Rows whose concern no Rampart rule judges: ${withoutRule.length}`);
  for (const cloud of [...CLOUD_FOLDERS, 'other']) {
    const ids = countBy(withoutRule.filter((result) => cloudOfRow(result.row) === cloud), (result) => result.row.checkId);
    if (ids.size > 0) console.log(`  - ${cloud}: ${formatCounts(ids)}`);
  }
  if (missed.length > 0) {
    console.log('- Rows with a Rampart rule for the concern but no such finding on the resource:');
    for (const result of missed) {
      console.log(`  - ${result.row.checkId} ${result.row.file} ${result.row.resource} (rules: ${result.rules.join(', ')})`);
    }
  }
  if (unmapped.length > 0) console.log(`- Check ids missing from the hand-made map, counted as having no rule: ${unmapped.join(', ')}`);

  console.log('\nPer cloud folder:\n');
  console.log(table(
    ['folder', 'Checkov rows', 'same concern reported', 'rule exists, not reported', 'no Rampart rule'],
    [...CLOUD_FOLDERS, 'other']
      .map((cloud) => {
        const inCloud = results.filter((result) => cloudOfRow(result.row) === cloud);
        const same = inCloud.filter((result) => result.outcome === 'same-concern').length;
        const noRule = inCloud.filter((result) => result.rules.length === 0).length;
        return [cloud, String(inCloud.length), String(same), String(inCloud.length - same - noRule), String(noRule)];
      })
      .filter((cells) => cells[1] !== '0'),
  ));

  const listedResources = (finding: RampartFinding): CheckovRow[] => rows.filter((row) => sameResource(finding, row));
  const unlistedResource = findings.filter((finding) => listedResources(finding).length === 0);
  const unlistedConcern = findings.filter((finding) => {
    const listed = listedResources(finding);
    if (listed.length === 0) return false;
    return !listed.some((row) => (rulesFor(row.checkId, rules) ?? []).includes(finding.ruleId) || finding.aliases.includes(row.checkId));
  });
  console.log(`\n## Rampart findings the table does not list: ${unlistedResource.length + unlistedConcern.length}\n`);
  console.log(`On resources the table does not list (${unlistedResource.length}):`);
  for (const finding of unlistedResource) {
    console.log(`- iac/${finding.ruleId} ${finding.path}:${finding.line} ${finding.address} (confidence ${finding.confidence})`);
  }
  console.log(`\nOn listed resources, for a concern the table does not list there (${unlistedConcern.length}):`);
  for (const finding of unlistedConcern) {
    console.log(`- iac/${finding.ruleId} ${finding.path}:${finding.line} ${finding.address} (confidence ${finding.confidence})`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  const message = error instanceof UsageError ? error.message : `unexpected failure: ${(error as Error).stack ?? String(error)}`;
  console.error(`iac-peer-compare: ${message}`);
  process.exitCode = 2;
}
