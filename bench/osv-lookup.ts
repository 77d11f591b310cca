/**
 * Advisory database benchmark: imports 50,000 synthetic OSV records into a
 * fresh SQLite file, then looks up 3,000 package names and prints the
 * timings and the process's peak RSS. Not part of the test suite.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/osv-lookup.js [records] [names]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { OsvRecord } from '../src/scanners/deps/osv-types.js';
import { AdvisoryDatabase } from '../src/store/advisory-db.js';

const RECORDS = Number(process.argv[2] ?? 50_000);
const NAMES = Number(process.argv[3] ?? 3_000);
/** Distinct package names the records affect; about 2.5 records per name. */
const PACKAGES = Math.max(1, Math.floor(RECORDS / 2.5));

function* syntheticRecords(count: number): Generator<OsvRecord> {
  for (let i = 0; i < count; i++) {
    const ecosystem = i % 3 === 0 ? 'PyPI' : 'npm';
    yield {
      id: `BENCH-${i}`,
      modified: '2025-01-01T00:00:00Z',
      aliases: [`CVE-2025-${i}`],
      summary: `Synthetic advisory number ${i} with a summary of typical length for OSV records`,
      details: 'x'.repeat(400),
      affected: [
        {
          package: { ecosystem, name: `package-${i % PACKAGES}` },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: `${(i % 9) + 1}.0.0` }] }],
        },
        { package: { ecosystem: 'Debian:12', name: `package-${i % PACKAGES}` } },
      ],
    };
  }
}

function milliseconds(start: number): string {
  return `${(performance.now() - start).toFixed(1)} ms`;
}

const dir = mkdtempSync(join(tmpdir(), 'rampart-osv-bench-'));
try {
  const db = AdvisoryDatabase.open(join(dir, 'osv.sqlite'));
  let start = performance.now();
  const stats = db.replaceSource(syntheticRecords(RECORDS), { name: 'osv:bench' });
  console.log(`import of ${stats.added} records: ${milliseconds(start)}`);

  // Half the names have advisories, half do not, spread over the whole range.
  const names = Array.from({ length: NAMES }, (_, i) => (i % 2 === 0 ? `package-${(i * 7) % PACKAGES}` : `absent-${i}`));
  for (const round of ['first', 'second']) {
    start = performance.now();
    const found = db.lookup('npm', names);
    const hits = [...found.values()].reduce((sum, records) => sum + records.length, 0);
    console.log(`${round} lookup of ${NAMES} names: ${milliseconds(start)} (${found.size} names with ${hits} records)`);
  }
  const status = db.status();
  console.log(`database size: ${(status.sizeBytes / (1024 * 1024)).toFixed(1)} MiB`);
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB`);
