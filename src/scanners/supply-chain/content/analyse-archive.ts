/**
 * Content analysis of a package archive: read it in memory within limits,
 * find the install hooks of its ecosystem, and apply the content rules to
 * every file, with install-time files judged more strictly.
 */
import { severityRank } from '../../../core/finding.js';
import type { ContentIssue, ContentReport } from '../types.js';
import { analyseText } from './analyse-text.js';
import type { ArchiveEntry } from './archive-entry.js';
import { binaryPlacement, executableFormat, languageOf, looksBinary } from './file-kind.js';
import { formatBytes, resolveLimits, type ArchiveOptions } from './limits.js';
import { analyseNpmPackage, type EcosystemAnalysis } from './npm-package.js';
import { PackageFiles } from './package-files.js';
import { analyseSdist, analyseWheel } from './python-package.js';
import { readArchive, type ArchiveKind } from './read-archive.js';
import { ruleById, type EntryIndicatorId } from './rules.js';
import { ruleIssue, type Placement } from './rule-match.js';

/** Issues kept per archive; a package with more is hostile or broken, and the rest add nothing. */
const MAX_ISSUES = 500;
/** Warnings kept per archive before they are summarised. */
const MAX_WARNINGS = 50;

const BINARY_RULES: Record<ReturnType<typeof binaryPlacement>, string> = {
  'native-module': 'native-module',
  disguised: 'disguised-binary',
  executable: 'executable-binary',
};

function entryIssue(id: string, indicator: EntryIndicatorId, placement: Placement, file: string, detail: string): ContentIssue | undefined {
  const rule = ruleById(id);
  if (!rule.requires.includes(indicator)) throw new Error(`rule ${id} does not use ${indicator}`);
  return ruleIssue(rule, placement, file, undefined, undefined, detail);
}

/** Issues and warnings for one entry of the archive. */
function analyseEntry(entry: ArchiveEntry, placement: Placement, maxTextBytes: number, warnings: string[]): ContentIssue[] {
  const issues: (ContentIssue | undefined)[] = [];
  if (entry.unsafePath) issues.push(entryIssue('unsafe-entry-path', 'unsafe-path', placement, entry.path, `stored as ${JSON.stringify(entry.rawName.slice(0, 200))}`));
  if (entry.type === 'symlink' || entry.type === 'hardlink') {
    const target = entry.linkTarget ?? '';
    warnings.push(`${entry.path}: ${entry.type} to ${JSON.stringify(target.slice(0, 200))} not followed`);
    if (target.startsWith('/') || target.split(/[/\\]/).includes('..')) {
      issues.push(entryIssue('unsafe-entry-path', 'unsafe-path', placement, entry.path, `${entry.type} to ${JSON.stringify(target.slice(0, 200))}`));
    }
  }
  if (entry.type !== 'file') return issues.filter((issue) => issue !== undefined);

  const format = executableFormat(entry.head);
  if (format !== undefined) {
    const kind = binaryPlacement(entry.path);
    const id = BINARY_RULES[kind];
    issues.push(entryIssue(id, `${kind === 'native-module' ? 'native' : kind}-binary` as EntryIndicatorId, placement, entry.path, format));
    return issues.filter((issue) => issue !== undefined);
  }
  const language = languageOf(entry.path, entry.head);
  if (language === undefined) return issues.filter((issue) => issue !== undefined);
  if (entry.content === undefined) {
    warnings.push(`${entry.path}: ${formatBytes(entry.size)}, over the ${formatBytes(maxTextBytes)} limit for text analysis; only checked for executable headers`);
  } else if (!looksBinary(entry.content)) {
    issues.push(...analyseText(entry.content.toString('utf8'), language, placement, entry.path));
  }
  return issues.filter((issue) => issue !== undefined);
}

function compareIssues(a: ContentIssue, b: ContentIssue): number {
  return severityRank(b.severity) - severityRank(a.severity) || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule);
}

function ecosystemAnalysis(kind: ArchiveKind, files: PackageFiles): EcosystemAnalysis {
  if (kind === 'npm-tarball') return analyseNpmPackage(files);
  if (kind === 'sdist') return analyseSdist(files);
  return analyseWheel(files);
}

/**
 * Analyse a package archive without unpacking it to disk or running
 * anything: `.tgz`/`.tar.gz` (npm tarballs, sdists) or zip (wheels, old
 * sdists), recognised by magic bytes. Limits that are hit become warnings;
 * a corrupt archive throws a one-line error naming the archive kind.
 */
export async function analyseArchive(
  bytes: Buffer,
  kind: 'npm-tarball' | 'sdist' | 'wheel',
  options?: ArchiveOptions,
): Promise<ContentReport> {
  const limits = resolveLimits(options);
  const contents = await readArchive(bytes, kind, limits);
  const files = new PackageFiles(contents.entries);
  const ecosystem = ecosystemAnalysis(kind, files);
  const warnings = [...contents.warnings, ...ecosystem.warnings];
  const incomplete = [...(contents.stopped !== undefined ? [contents.stopped] : []), ...ecosystem.incomplete];
  const issues = [...ecosystem.issues];
  for (const entry of contents.entries) {
    const placement: Placement = ecosystem.installFiles.has(entry.path) ? 'install' : 'runtime';
    issues.push(...analyseEntry(entry, placement, limits.maxTextBytes, warnings));
    if (placement === 'install' && entry.type === 'file' && entry.content === undefined) {
      incomplete.push(`${entry.path} runs at install time but is too large to read`);
    }
  }
  issues.sort(compareIssues);
  if (issues.length > MAX_ISSUES) warnings.push(`${issues.length} issues found; only the ${MAX_ISSUES} most severe are listed`);
  if (warnings.length > MAX_WARNINGS) warnings.splice(MAX_WARNINGS, warnings.length - MAX_WARNINGS, `${warnings.length - MAX_WARNINGS} more warnings not listed`);
  const report: ContentReport = { hooks: ecosystem.hooks, issues: issues.slice(0, MAX_ISSUES), warnings };
  if (incomplete.length > 0) report.incomplete = incomplete;
  return report;
}
