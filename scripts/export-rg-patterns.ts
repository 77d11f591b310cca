/**
 * Write Rampart's built-in secret rules as ripgrep input, for the commands
 * in docs/benchmarks.md:
 *
 *   node dist/scripts/export-rg-patterns.js OUTDIR
 *
 * OUTDIR receives patterns.txt (one pattern per line, `(?i)` before
 * case-insensitive ones, patterns that rg rejects left out),
 * patterns-ascii.txt (the same with `(?-u)`), keywords.txt (every rule
 * keyword) and rejected.txt (rule id, rg's reason, pattern).
 * Exit code 2 when rg is missing or OUTDIR is not given.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findRipgrep } from '../bench/lib/ripgrep.js';
import { writeRipgrepInputs } from '../bench/lib/ripgrep-run.js';
import { loadSecretRules } from '../src/scanners/secrets/rules.js';

function main(argv: string[]): number {
  const [outDir] = argv;
  if (outDir === undefined) {
    console.error('usage: node dist/scripts/export-rg-patterns.js OUTDIR');
    return 2;
  }
  const rg = findRipgrep();
  if (!rg) {
    console.error('export-rg-patterns: rg (ripgrep) not found on PATH');
    console.error('Install it with: apt-get install -y ripgrep');
    return 2;
  }

  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const inputs = writeRipgrepInputs(rg, loadSecretRules(), dir);
  const rejected = [...inputs.unicode.rejected, ...inputs.ascii.rejected];
  const lines = rejected.map(({ ruleId, reason, line }) => `${ruleId}\t${reason}\t${line}\n`);
  writeFileSync(resolve(dir, 'rejected.txt'), lines.join(''));

  for (const set of [inputs.unicode, inputs.ascii]) {
    const limit = set.sizeLimit ? `; needs --regex-size-limit ${set.sizeLimit}` : '';
    console.log(`${set.file}: ${set.count} patterns${limit}`);
  }
  console.log(`${inputs.keywordFile}: ${inputs.keywordCount} keywords`);
  console.log(`${resolve(dir, 'rejected.txt')}: ${rejected.length} patterns that rg rejects`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
