/**
 * Runs the sast scanner on the source of popular npm packages, which are not
 * web applications and should give few or no findings, to measure false
 * positives.
 *
 * Run: npx tsc -p . && node dist/scripts/sast-packages.js [NODE_MODULES_DIR]
 *
 * The script copies each package folder below from NODE_MODULES_DIR (by
 * default the repository's node_modules) into a temporary folder, leaving out
 * nested node_modules. It scans the copy with `bin/rampart.js scan DIR
 * --scanners sast --format json --fail-on none`. It prints the version, files,
 * lines and findings of each package, the findings per rule, and every finding
 * with its message. The verdict on each finding is recorded by hand in
 * docs/sast-evidence.md.
 *
 * Exit code 0 after a scan, 2 when a package is missing or the scan fails.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { InputError, REPO_ROOT, runScript, scanWithCli } from './sast-scan.js';

/** Package folders to scan, as `<package>` or `<package>/<source folder>`. */
const PACKAGES: readonly string[] = [
  'express',
  'lodash',
  'eslint/lib',
  'body-parser',
  'ajv/lib',
  'yaml/dist',
  'commander',
  'semver',
  'better-sqlite3/lib',
  'qs/lib',
  'send',
  'js-yaml/lib',
  'debug/src',
];

/** File names the sast scanner claims (see src/scanners/sast/languages.ts); declaration files are skipped there too. */
const SOURCE_FILE = /\.(?:[cm]?js|jsx|[cm]?ts|tsx|py)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

interface PackageStats {
  spec: string;
  version: string;
  files: number;
  lines: number;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
}

/** Counts the files and lines that the sast scanner reads below `dir`. */
function countSources(dir: string): { files: number; lines: number } {
  let files = 0;
  let lines = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !SOURCE_FILE.test(entry.name) || DECLARATION_FILE.test(entry.name)) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    files++;
    lines += text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  }
  return { files, lines };
}

function copyPackages(nodeModules: string, target: string): PackageStats[] {
  return PACKAGES.map((spec) => {
    const source = join(nodeModules, spec);
    if (!existsSync(source) || !statSync(source).isDirectory()) throw new InputError(`package folder not found: ${source}; run npm install first`);
    const manifest = JSON.parse(readFileSync(join(nodeModules, packageName(spec), 'package.json'), 'utf8')) as { version?: string };
    const destination = join(target, spec.replaceAll('/', '__'));
    cpSync(source, destination, { recursive: true, filter: (path) => basename(path) !== 'node_modules' || path === source });
    return { spec, version: manifest.version ?? 'unknown', ...countSources(destination) };
  });
}

function main(args: string[]): number {
  if (args.length > 1) {
    console.error('usage: node dist/scripts/sast-packages.js [NODE_MODULES_DIR]');
    return 2;
  }
  const nodeModules = resolve(args[0] ?? join(REPO_ROOT, 'node_modules'));
  const work = mkdtempSync(join(tmpdir(), 'rampart-sast-packages-'));
  try {
    const packages = copyPackages(nodeModules, work);
    const { findings, filesScanned } = scanWithCli(work, ['--max-file-size', '64MB']);
    const folderOf = (file: string): string => file.split('/')[0] ?? file;

    console.log('## Packages');
    console.log('| package | version | files | lines | findings |');
    console.log('| --- | --- | ---: | ---: | ---: |');
    for (const stats of packages) {
      const folder = stats.spec.replaceAll('/', '__');
      const count = findings.filter((finding) => folderOf(finding.file) === folder).length;
      console.log(`| ${stats.spec} | ${stats.version} | ${stats.files} | ${stats.lines} | ${count} |`);
    }
    const totalFiles = packages.reduce((sum, stats) => sum + stats.files, 0);
    const totalLines = packages.reduce((sum, stats) => sum + stats.lines, 0);
    console.log(`| total | | ${totalFiles} | ${totalLines} | ${findings.length} |`);
    if (filesScanned !== totalFiles) console.log(`\nNOTE: rampart scanned ${filesScanned} files, but the copies hold ${totalFiles} source files.`);

    console.log('');
    console.log('## Findings per rule');
    const perRule = new Map<string, number>();
    for (const finding of findings) perRule.set(finding.rule, (perRule.get(finding.rule) ?? 0) + 1);
    for (const [rule, count] of [...perRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`- ${rule}: ${count}`);
    console.log(`- total: ${findings.length} in ${totalLines} lines`);

    console.log('');
    console.log('## Findings');
    for (const finding of findings) {
      const file = finding.file.replace(/^[^/]+/, (folder) => folder.replaceAll('__', '/'));
      console.log(`- ${finding.rule} ${file}:${finding.line}: ${finding.message}`);
    }
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

runScript(main);
