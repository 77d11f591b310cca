/** Table and JSON output of `rampart guard`. */
import { packageVersion } from '../core/package-root.js';
import { toOneLine } from '../core/redact.js';
import type { InstallPlan } from '../scanners/supply-chain/install-command.js';
import { signalRuleId } from '../scanners/supply-chain/findings.js';
import type { DependencyAssessment, WalkResult } from '../scanners/supply-chain/dependency-walk.js';
import type { Assessment, Verdict } from '../scanners/supply-chain/types.js';

/** Version of the JSON layout below; bumped on incompatible changes. */
export const GUARD_SCHEMA_VERSION = '1.0.0';

const VERDICT_COLOURS: Record<Verdict, string> = { block: '31;1', warn: '33', unknown: '35', allow: '32' };

function paint(text: string, code: string, color: boolean): string {
  return color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function label(assessment: Assessment): string {
  return assessment.version ? `${assessment.name}@${assessment.version}` : assessment.name;
}

/** Unknown entry that every package shares when there is no advisory database; the table shows it once. */
const NO_DATABASE = 'malware records: no advisory database';

/** List the reasons of one package, most severe first and unknown checks last. */
function reasons(assessment: Assessment): string[] {
  if (assessment.allowedBy !== undefined) return [`allowed by supply-chain.allow ("${assessment.allowedBy}"); not checked`];
  const lines = assessment.signals.map((signal) => `${signal.severity} ${signal.id}: ${toOneLine(signal.message)}`);
  for (const item of assessment.unknown.filter((entry) => entry !== NO_DATABASE)) lines.push(`unknown ${toOneLine(item)}`);
  if (lines.length === 0) lines.push('no warning signs');
  return lines;
}

/** Select the dependencies worth a line (blocked and warned ones); the rest are counted in the summary. */
function notableDependencies(walk: WalkResult | undefined): DependencyAssessment[] {
  return (walk?.dependencies ?? []).filter((dependency) => dependency.verdict === 'block' || dependency.verdict === 'warn');
}

function dependencySummary(walk: WalkResult): string {
  const counts = new Map<Verdict, number>();
  for (const dependency of walk.dependencies) counts.set(dependency.verdict, (counts.get(dependency.verdict) ?? 0) + 1);
  const parts = (['block', 'warn', 'unknown', 'allow'] as const).filter((verdict) => counts.has(verdict)).map((verdict) => `${counts.get(verdict)} ${VERDICT_WORDS[verdict]}`);
  const skipped = walk.skipped > 0 ? `; ${walk.skipped} more not checked (limit reached)` : '';
  return `${walk.dependencies.length} dependencies checked${parts.length ? `: ${parts.join(', ')}` : ''}${skipped}`;
}

/** Format the table: one block per package with its verdict and reasons, then a summary line. */
export function formatGuardTable(assessments: Assessment[], plan: InstallPlan | undefined, color: boolean, walk?: WalkResult): string {
  const out: string[] = [];
  if (plan && plan.packages.length === 0) {
    out.push(plan.installsManifest ? 'The command names no package; it installs what the manifests list.' : 'The command names no registry package.');
  }
  const notable = notableDependencies(walk);
  const rows: Assessment[] = [...assessments, ...notable];
  const width = Math.min(60, Math.max(7, ...rows.map((assessment) => label(assessment).length)));
  for (const assessment of rows) {
    const verdict = paint(assessment.verdict.padEnd(7), VERDICT_COLOURS[assessment.verdict], color);
    const [first, ...rest] = reasons(assessment);
    out.push(`${verdict}  ${label(assessment).padEnd(width)}  ${first}`);
    for (const line of rest) out.push(`${' '.repeat(7)}  ${' '.repeat(width)}  ${line}`);
    if ('via' in assessment) out.push(`${' '.repeat(7)}  ${' '.repeat(width)}  brought in by ${String(assessment.via)}`);
  }
  for (const skipped of plan?.skipped ?? []) out.push(`not checked: ${skipped} (not a registry package)`);
  if (assessments.some((assessment) => assessment.unknown.includes(NO_DATABASE))) {
    out.push('not checked: known malware records (no advisory database; run "rampart db update" or pass --db)');
  }
  out.push(summary(assessments));
  if (walk) out.push(dependencySummary(walk));
  return `${out.join('\n')}\n`;
}

const VERDICT_WORDS: Record<Verdict, string> = { block: 'blocked', warn: 'warned', unknown: 'unknown', allow: 'allowed' };

function summary(assessments: Assessment[]): string {
  const counts = new Map<Verdict, number>();
  for (const assessment of assessments) counts.set(assessment.verdict, (counts.get(assessment.verdict) ?? 0) + 1);
  const parts = (['block', 'warn', 'unknown', 'allow'] as const)
    .filter((verdict) => counts.has(verdict))
    .map((verdict) => `${counts.get(verdict)} ${VERDICT_WORDS[verdict]}`);
  return `${assessments.length} package${assessments.length === 1 ? '' : 's'} checked${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

function jsonAssessment(assessment: Assessment): Record<string, unknown> {
  return {
    ecosystem: assessment.ecosystem,
    name: assessment.name,
    ...(assessment.version ? { version: assessment.version } : {}),
    verdict: assessment.verdict,
    ...(assessment.allowedBy !== undefined ? { allowedBy: assessment.allowedBy } : {}),
    signals: assessment.signals.map((signal) => ({
      id: signal.id,
      rule: signalRuleId(signal, false),
      severity: signal.severity,
      message: signal.message,
      ...(signal.id === 'typosquat' && signal.detail ? { imitates: signal.detail } : {}),
      ...(signal.id !== 'typosquat' && signal.detail ? { detail: signal.detail } : {}),
    })),
    unknown: assessment.unknown,
    ...('via' in assessment ? { via: assessment.via } : {}),
  };
}

/** Format the JSON document: every assessment with its signals, the dependencies, and the overall verdict. */
export function formatGuardJson(assessments: Assessment[], plan: InstallPlan | undefined, walk?: WalkResult): string {
  const order: Verdict[] = ['block', 'unknown', 'warn', 'allow'];
  const all = [...assessments, ...(walk?.dependencies ?? [])];
  const overall = order.find((verdict) => all.some((assessment) => assessment.verdict === verdict)) ?? 'allow';
  const document = {
    schemaVersion: GUARD_SCHEMA_VERSION,
    tool: { name: 'rampart', version: packageVersion() },
    verdict: overall,
    packages: assessments.map(jsonAssessment),
    ...(walk ? { dependencies: walk.dependencies.map(jsonAssessment), dependenciesNotChecked: walk.skipped } : {}),
    ...(plan ? { skipped: plan.skipped } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
