/** Builders of synthetic OSV records for the advisory database tests. */
import type { OsvRecord } from '../../src/scanners/deps/osv-types.js';

export interface RecordSpec {
  modified?: string;
  /** [ecosystem, name] pairs of affected packages. */
  packages?: [string, string][];
  aliases?: string[];
  withdrawn?: string;
  summary?: string;
}

/** An OSV record with `id` and the given affected packages, each fixed in 2.0.0. */
export function osvRecord(id: string, spec: RecordSpec = {}): OsvRecord {
  const record: OsvRecord = {
    schema_version: '1.6.0',
    id,
    modified: spec.modified ?? '2024-01-01T00:00:00Z',
    published: '2023-12-01T00:00:00Z',
    summary: spec.summary ?? `Synthetic advisory ${id}`,
    affected: (spec.packages ?? []).map(([ecosystem, name]) => ({
      package: { ecosystem, name },
      ranges: [{ type: 'ECOSYSTEM' as const, events: [{ introduced: '0' }, { fixed: '2.0.0' }] }],
    })),
  };
  if (spec.aliases) record.aliases = spec.aliases;
  if (spec.withdrawn) record.withdrawn = spec.withdrawn;
  return record;
}

/** The ids of `records`, for compact assertions. */
export function ids(records: readonly OsvRecord[] | undefined): string[] {
  return (records ?? []).map((record) => record.id);
}
